"""The report as of a day: its data collected as the digest collects it, then built."""

from __future__ import annotations

from datetime import date, datetime

from shared.adapters.firestore_digest import FirestoreDigestReader
from shared.digest.alerts import completeness
from shared.digest.service import Addressing, collect
from shared.report.document import build_report
from shared.report.figures import report_figures

# The latest responses whose free text section ๔ reads: the themes read at most 250 texts each anyway.
RECENT_TEXTS = 600


def compose_report(reader: FirestoreDigestReader, day: date, now: datetime, addressing: Addressing,
                   *, thai_digits: bool = False) -> bytes:
    data = collect(reader, day, now, addressing)
    texts = reader.recent_texts(RECENT_TEXTS)
    return build_report(report_figures(data, completeness(data), texts), thai_digits=thai_digits)
