"""What the stored data says about the end of a past day.

The digest of day D may be built days later (a catch-up after an outage), so
its cumulative figures must be those of the end of D, not of the moment it was
read. Stored data determines exactly *which* reports existed then — each
response's first-submission date is kept — but not what an edited report said
then: an edit replaces the stored version. So a figure "as of D" counts the
reports first submitted by the end of D, each in its latest version. Pure
functions: the digest and its tests share them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from shared.domain.codes import LETTER_ITEM_OF
from shared.domain.counting import LaoRecord, Member


def existed_by(submission_date: str, day: date | None) -> bool:
    """First submitted by the end of ``day`` (Bangkok; None: now). A record written before
    first-submission dates were kept has none: it is taken as older than any day."""
    return day is None or not submission_date or submission_date <= day.isoformat()


def record_as_of(record: LaoRecord, day: date) -> LaoRecord:
    """The LAO with only the reports it had received by the end of ``day``."""
    members = {rid: m for rid, m in record.members.items() if existed_by(m.submission_date, day)}
    # Most LAOs received nothing after ``day``: the record itself, not a copy.
    return record if len(members) == len(record.members) else replace(record, members=members)


def current_as_of(record: LaoRecord, day: date | None) -> tuple[str, Member] | None:
    """The LAO's current report at the end of ``day`` (in its latest version), or None;
    ``day`` None: now."""
    return (record if day is None else record_as_of(record, day)).current()


@dataclass(frozen=True)
class LaoFigures:
    """The LAO-level figures at the end of one day."""

    reporting: int = 0
    by_problem: Counter[str] = field(default_factory=Counter)
    by_letter_item: Counter[int] = field(default_factory=Counter)  # LAOs naming any problem of the item
    by_province: Counter[str] = field(default_factory=Counter)
    by_province_letter_item: Counter[tuple[str, int]] = field(default_factory=Counter)
    by_province_problem: Counter[tuple[str, str]] = field(default_factory=Counter)
    responses_by_province: Counter[str] = field(default_factory=Counter)  # counted reports, all versions
    by_status: Counter[str] = field(default_factory=Counter)
    by_lao_type: Counter[str] = field(default_factory=Counter)
    # Among the LAOs that said they have not yet reported to สำนักงาน ก.พ.: their problems.
    not_reported: int = 0
    not_reported_problems: Counter[str] = field(default_factory=Counter)


NOT_REPORTED = "not_reported"


def lao_figures(records: Iterable[LaoRecord], day: date | None) -> LaoFigures:
    """``day`` None: as of now."""
    figures = LaoFigures()
    reporting = not_reported = 0
    for record in records:
        then = record if day is None else record_as_of(record, day)
        current = then.current()
        if current is None:
            continue
        _, member = current
        figures.responses_by_province[member.province_code] += len(then.members)
        figures.by_province_problem.update((member.province_code, code) for code in member.problems)
        reporting += 1
        figures.by_problem.update(member.problems)
        items = {LETTER_ITEM_OF[code] for code in member.problems if code in LETTER_ITEM_OF}
        figures.by_letter_item.update(items)
        figures.by_province_letter_item.update((member.province_code, item) for item in items)
        figures.by_province[member.province_code] += 1
        figures.by_status[member.status] += 1
        figures.by_lao_type[record.lao_type] += 1
        if member.status == NOT_REPORTED:
            not_reported += 1
            figures.not_reported_problems.update(member.problems)
    return replace(figures, reporting=reporting, not_reported=not_reported)


def responses_by(by_submission_date: Mapping[str, int], day: date | None) -> int:
    """Responses (valid or not, not deleted) first submitted by the end of ``day`` (None: now)."""
    if day is None:
        return sum(by_submission_date.values())
    return sum(count for iso, count in by_submission_date.items() if iso <= day.isoformat())
