"""Every figure of the report to ก.ถ. and ก.ม.จ.: the figures model as of the report's cut-off.

The report adds nothing of its own: its figures are those of ``shared/domain/figures.py``
for the end of the as-of day, the same the digest and ``summary --json`` show.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from shared.digest.model import DigestData, WrittenText
from shared.domain.as_of import existed_by
from shared.domain.figures import Figures
from shared.report.writing import WritingSection, written_sections


@dataclass(frozen=True)
class ReportFigures:
    as_of: date
    read_at: datetime
    figures: Figures  # as of the end of as_of
    invalid_reasons: Counter[str]
    reconcile_text: str
    writing: list[WritingSection]

    @property
    def first_day(self) -> date | None:
        return self.figures.first_day


def report_figures(data: DigestData, reconcile_text: str, texts: list[WrittenText]) -> ReportFigures:
    """``data`` as the digest collects it, for the day the report is as of."""
    invalid = [r for r in data.invalid if existed_by(r.submission_date, data.day)]
    return ReportFigures(
        as_of=data.day,
        read_at=data.built_at,
        figures=data.at_end_of_day,
        invalid_reasons=Counter(reason for r in invalid for reason in r.reasons),
        reconcile_text=reconcile_text,
        # What LAOs wrote in the forms of the period (each in its latest version, as every figure).
        writing=written_sections([t for t in texts if existed_by(t.submission_date, data.day)]),
    )
