"""Every figure a person reads, computed once for one moment.

A moment is the end of a Bangkok day D (what the stored data determines for it:
``shared/domain/as_of.py``) or "now" (everything stored when the data was read).
The digest, the workbook, the report, ``stats --json``, ``summary`` and the
``summaries/*`` documents in Firestore format what this module computes; none of
them counts or divides. Each percentage is a count over a base named beside it,
computed by :func:`percent` alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

from shared.domain.as_of import LaoFigures, current_as_of, existed_by, lao_figures, responses_by
from shared.domain.codes import LAO_TYPES
from shared.domain.counting import LaoRecord
from shared.domain.coverage import Match, ReportingLao, RosterIndex, match_all
from shared.domain.geography import REGIONS, all_provinces
from shared.domain.roster import RosterEntry

MATCHED = ("exact", "fuzzy")


def percent(count: int, base: int | None) -> int | None:
    """``count`` as a percentage of ``base``, rounded half up (55.6 -> 56, 12.5 -> 13);
    None when the base is 0 or unknown. Integer arithmetic: no float ever rounds it."""
    if not base:
        return None
    return (200 * count + base) // (2 * base)


def percent_tenths(count: int, base: int | None) -> float | None:
    """The same percentage with one decimal, rounded half up (55.56 -> 55.6), for data."""
    if not base:
        return None
    return ((2000 * count + base) // (2 * base)) / 10


@dataclass(frozen=True)
class Ratio:
    """A count and what it is counted out of."""

    count: int
    base: int | None  # None: unknown (no roster loaded)

    @property
    def percent(self) -> int | None:
        return percent(self.count, self.base)


@dataclass(frozen=True)
class Moment:
    end_of: date | None  # the end of this Bangkok day; None: the moment the data was read
    read_at: datetime


class ReportingRecord(Protocol):
    """An LAO with counted reports, as the figures need it (the digest's LaoReports is one)."""

    @property
    def lao_id(self) -> str: ...
    @property
    def lao_type(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def district(self) -> str: ...
    @property
    def record(self) -> LaoRecord: ...


@dataclass(frozen=True)
class FollowUpDates:
    """When each response to follow up was first submitted: incomplete ones, and valid ones with warnings."""

    invalid: tuple[str, ...] = ()  # one Bangkok date (ISO) per incomplete response
    warned: tuple[str, ...] = ()
    invalid_by_province: tuple[str | None, ...] = ()  # the province code of each incomplete response, if known


@dataclass(frozen=True)
class AreaFigures:
    """A province, a region or the whole country."""

    code: str  # TH-54, a region's Thai name, or "TH"
    name: str
    laos_reporting: int  # LAOs with a counted report, matched to the roster or not
    by_problem: Counter[str] = field(default_factory=Counter)
    by_letter_item: Counter[int] = field(default_factory=Counter)
    responses_valid: int = 0
    responses_invalid: int = 0
    roster_total: int | None = None  # None: no roster loaded
    roster_reported: int | None = None  # roster LAOs a counted report is matched to
    unmatched_reports: int = 0  # reporting LAOs matched to no roster LAO (or to two)
    nonresponder_laos: tuple[RosterEntry, ...] = ()

    @property
    def response_rate(self) -> Ratio:
        """LAOs that reported, out of the LAOs the roster lists for the area."""
        return Ratio(self.laos_reporting, self.roster_total)

    @property
    def nonresponders(self) -> int | None:
        if self.roster_total is None or self.roster_reported is None:
            return None
        return self.roster_total - self.roster_reported


@dataclass(frozen=True)
class TypeCoverage:
    lao_type: str
    laos_reporting: int
    roster_total: int | None
    roster_reported: int | None

    @property
    def response_rate(self) -> Ratio:
        return Ratio(self.laos_reporting, self.roster_total)


@dataclass(frozen=True)
class Figures:
    moment: Moment
    responses: int  # not deleted, valid or not, first submitted by the moment
    responses_new: int  # of those, first submitted on the moment's day (None: 0)
    responses_invalid: int  # incomplete, so not counted
    responses_with_warnings: int  # valid, counted, with something to check
    deleted: int
    laos: LaoFigures
    national: AreaFigures
    provinces: dict[str, AreaFigures]  # every province, by ISO code
    regions: list[AreaFigures]
    by_lao_type: list[TypeCoverage]
    unmatched: list[tuple[ReportingLao, Match]]
    roster_codes: dict[str, str]  # LAO id -> the roster code it was matched to (exact or fuzzy)
    roster_known: bool
    first_day: date | None  # the first Bangkok day a response was submitted

    @property
    def responses_valid(self) -> int:
        return self.responses - self.responses_invalid

    def of_reporting(self, count: int) -> Ratio:
        """A count of LAOs out of the LAOs reporting."""
        return Ratio(count, self.laos.reporting)

    def provinces_without_reports(self) -> list[AreaFigures]:
        """Provinces none of whose LAOs has a counted report (matched to the roster or not)."""
        return [area for area in self.provinces.values() if not area.laos_reporting]


def compute_figures(
    laos: Iterable[ReportingRecord],
    roster: list[RosterEntry] | None,
    moment: Moment,
    *,
    counters: Mapping[str, int],
    follow_ups: FollowUpDates,
) -> Figures:
    """Every figure as of ``moment``, from the LAO records, the roster and the response counters."""
    day = moment.end_of
    laos = list(laos)
    reports = [ReportingLao(lao.lao_id, lao.lao_type, lao.name, lao.district, current[1].province_code)
               for lao in laos if (current := current_as_of(lao.record, day)) is not None]
    figures = lao_figures((lao.record for lao in laos), day)
    index = RosterIndex(roster) if roster is not None else None
    matches = match_all(index, reports) if index is not None else {}
    by_date = {k.removeprefix("by_submission_date."): v for k, v in counters.items()
               if k.startswith("by_submission_date.")}
    provinces_of_invalid = follow_ups.invalid_by_province or (None,) * len(follow_ups.invalid)
    invalid = [province for submitted, province in zip(follow_ups.invalid, provinces_of_invalid, strict=True)
               if existed_by(submitted, day)]
    provinces = _provinces(reports, figures, matches, index, invalid)
    return Figures(
        moment=moment,
        responses=responses_by(by_date, day),
        responses_new=by_date.get(day.isoformat(), 0) if day else 0,
        responses_invalid=len(invalid),
        responses_with_warnings=sum(existed_by(submitted, day) for submitted in follow_ups.warned),
        deleted=counters.get("responses.deleted", 0),
        laos=figures,
        national=_sum_areas("TH", "ทั้งประเทศ", list(provinces.values()), index is not None),
        provinces=provinces,
        regions=[_sum_areas(region, region, [provinces[f"TH-{c}"] for c in codes], index is not None)
                 for region, codes in REGIONS.items()],
        by_lao_type=_by_type(reports, matches, index),
        roster_codes={lao_id: m.lao_code for lao_id, m in matches.items() if m.kind in MATCHED and m.lao_code},
        unmatched=[(r, matches[r.lao_id]) for r in reports
                   if r.lao_id in matches and matches[r.lao_id].kind not in MATCHED],
        roster_known=index is not None,
        first_day=date.fromisoformat(min(by_date)) if by_date else None,
    )


def _provinces(reports: list[ReportingLao], figures: LaoFigures, matches: dict[str, Match],
               index: RosterIndex | None, invalid_provinces: list[str | None]) -> dict[str, AreaFigures]:
    roster_by_province: dict[str, list[RosterEntry]] = {}
    for entry in index.entries if index else []:
        roster_by_province.setdefault(entry.province_code, []).append(entry)
    matched_codes = {m.lao_code for m in matches.values() if m.kind in MATCHED and m.lao_code}
    unmatched = Counter(r.province_code for r in reports
                        if r.lao_id in matches and matches[r.lao_id].kind not in MATCHED)
    invalid = Counter(p for p in invalid_provinces if p)
    areas = {}
    for province in all_provinces():
        code = province.code
        entries = roster_by_province.get(code, [])
        missing = tuple(sorted((e for e in entries if e.lao_code not in matched_codes),
                               key=lambda e: (e.district, e.name, e.lao_code)))
        areas[code] = AreaFigures(
            code=code,
            name=province.name_th,
            laos_reporting=figures.by_province[code],
            by_problem=Counter({c: n for (p, c), n in figures.by_province_problem.items() if p == code}),
            by_letter_item=Counter({item: n for (p, item), n in figures.by_province_letter_item.items()
                                    if p == code}),
            responses_valid=figures.responses_by_province[code],
            responses_invalid=invalid[code],
            roster_total=len(entries) if index else None,
            roster_reported=len(entries) - len(missing) if index else None,
            unmatched_reports=unmatched[code] if index else 0,
            nonresponder_laos=missing,
        )
    return areas


def _sum_areas(code: str, name: str, areas: list[AreaFigures], roster: bool) -> AreaFigures:
    def total(values: Iterable[int | None]) -> int | None:
        return sum(v or 0 for v in values) if roster else None

    by_problem: Counter[str] = Counter()
    by_item: Counter[int] = Counter()
    for area in areas:
        by_problem.update(area.by_problem)
        by_item.update(area.by_letter_item)
    return AreaFigures(
        code=code, name=name,
        laos_reporting=sum(a.laos_reporting for a in areas),
        by_problem=by_problem, by_letter_item=by_item,
        responses_valid=sum(a.responses_valid for a in areas),
        responses_invalid=sum(a.responses_invalid for a in areas),
        roster_total=total(a.roster_total for a in areas),
        roster_reported=total(a.roster_reported for a in areas),
        unmatched_reports=sum(a.unmatched_reports for a in areas),
        nonresponder_laos=tuple(e for a in areas for e in a.nonresponder_laos),
    )


def _by_type(reports: list[ReportingLao], matches: dict[str, Match],
             index: RosterIndex | None) -> list[TypeCoverage]:
    reporting = Counter(r.lao_type for r in reports)
    matched = {m.lao_code for m in matches.values() if m.kind in MATCHED and m.lao_code}
    roster = Counter(e.lao_type for e in index.entries) if index else Counter()
    reported = Counter(e.lao_type for e in index.entries if e.lao_code in matched) if index else Counter()
    return [TypeCoverage(code, reporting[code], roster[code] if index else None,
                         reported[code] if index else None)
            for code in LAO_TYPES if reporting[code] or roster[code]]


@dataclass(frozen=True)
class LaoEntry:
    """An LAO with counted reports, as read from its record."""

    lao_id: str
    lao_type: str
    name: str
    district: str
    record: LaoRecord
    province_name: str = ""


def top_with_ties(ranked: list[tuple[str, int]], places: int) -> list[tuple[str, int]]:
    """The first ``places`` of a list ranked by count, and every one tied with the last of them:
    a list cut for size never splits a tie."""
    if len(ranked) <= places:
        return ranked
    return [(code, n) for code, n in ranked if n >= ranked[places - 1][1]]
