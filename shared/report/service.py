"""The report as of a day: its data collected as the digest collects it, then built,
with the workbook it encloses."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from shared.adapters.firestore_digest import FirestoreDigestReader
from shared.digest.alerts import completeness
from shared.digest.content import build_content
from shared.digest.service import Addressing, collect
from shared.digest.workbook import build_workbook
from shared.report.document import build_report
from shared.report.figures import report_figures
from shared.report.settings import ReportSettings

# The latest responses whose free text item ๔ reads.
RECENT_TEXTS = 600


@dataclass(frozen=True)
class ComposedReport:
    document: bytes  # the memorandum (.docx)
    workbook: bytes  # its enclosure (.xlsx): the same data as the day's digest attachment


def compose_report(reader: FirestoreDigestReader, day: date, now: datetime, addressing: Addressing,
                   settings: ReportSettings | None = None, *, thai_digits: bool = True) -> ComposedReport:
    """The memorandum as of the end of ``day`` and the workbook it names as its enclosure."""
    # The enclosure goes to the committees: never the reporters' contacts, whatever the digest's setting.
    data = collect(reader, day, now, replace(addressing, include_contacts=False))
    texts = reader.recent_texts(RECENT_TEXTS)
    document = build_report(report_figures(data, completeness(data), texts), settings, thai_digits=thai_digits)
    return ComposedReport(document, build_workbook(data, build_content(data)))
