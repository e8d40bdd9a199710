"""Every figure of the report to ก.ถ. and ก.ม.จ., computed from the stored data.

The report adds nothing by hand: the LAO-level figures come from the same LAO
records the counters count (``shared/domain/as_of.py``), the response figures from
the counters themselves, so that at the moment they are read they equal
`stats --json` (tests/integration/test_report.py compares them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from shared.digest.model import DigestData, WrittenText
from shared.domain.as_of import LaoFigures, current_as_of, lao_figures, responses_by
from shared.domain.coverage import ReportingLao, RosterIndex, coverage, match_all
from shared.report.writing import WritingSection, written_sections


@dataclass(frozen=True)
class ReportFigures:
    as_of: date
    read_at: datetime
    first_day: date | None
    responses: int  # not deleted, valid or not, first submitted by the end of as_of
    deleted: int
    invalid: int
    invalid_reasons: Counter[str]
    laos: LaoFigures
    coverage: dict[str, object] | None  # None without a roster
    reconcile_text: str
    writing: list[WritingSection]


def report_figures(data: DigestData, reconcile_text: str, texts: list[WrittenText]) -> ReportFigures:
    """``data`` as the digest collects it, for the day the report is as of."""
    by_date = {k.removeprefix("by_submission_date."): v for k, v in data.counters.items()
               if k.startswith("by_submission_date.")}
    records = [lao.record for lao in data.laos]
    invalid = [r for r in data.invalid if r.submission_date <= data.day.isoformat()]
    cover = None
    if data.roster is not None:
        index = RosterIndex(data.roster)
        reports = [ReportingLao(lao.lao_id, lao.lao_type, lao.name, lao.district, current[1].province_code)
                   for lao in data.laos if (current := current_as_of(lao.record, data.day)) is not None]
        cover = coverage(index, match_all(index, reports))
    return ReportFigures(
        as_of=data.day,
        read_at=data.built_at,
        first_day=date.fromisoformat(min(by_date)) if by_date else None,
        responses=responses_by(by_date, data.day),
        deleted=data.counters.get("responses.deleted", 0),
        invalid=len(invalid),
        invalid_reasons=Counter(reason for r in invalid for reason in r.reasons),
        laos=lao_figures(records, data.day),
        coverage=cover,
        reconcile_text=reconcile_text,
        writing=written_sections(texts),
    )
