"""Coverage in the digest: how many roster LAOs have answered, where the rate is
lowest, and which reports could not be matched to the roster. As of the end of D,
like every other cumulative figure."""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.digest import glossary as g
from shared.digest.model import DigestData
from shared.digest.thai import thai_sorted
from shared.domain.as_of import current_as_of
from shared.domain.coverage import Match, ReportingLao, RosterIndex, match_all, nonresponders
from shared.domain.geography import province_by_code
from shared.domain.roster import RosterEntry

LOWEST_PROVINCES = 10


@dataclass(frozen=True)
class ProvinceRate:
    name: str
    roster: int
    reported: int

    @property
    def text(self) -> str:
        return f"{self.reported:,} จาก {self.roster:,} {g.LAOS_UNIT} ({g.share(self.reported, self.roster)})"


@dataclass(frozen=True)
class CoverageContent:
    known: bool
    roster_total: int = 0
    reported: int = 0
    lowest: list[ProvinceRate] = field(default_factory=list)
    unmatched: list[tuple[ReportingLao, Match]] = field(default_factory=list)
    nonresponders: list[RosterEntry] = field(default_factory=list)

    @property
    def headline(self) -> str:
        if not self.known:
            return ("ยังไม่ทราบความครอบคลุม เพราะยังไม่ได้นำเข้าทะเบียน อปท. "
                    "จึงยังบอกไม่ได้ว่า อปท. ใดยังไม่แจ้งปัญหา")
        return (f"{g.LAOS_REPORTED} {self.reported:,} จาก {self.roster_total:,} {g.LAOS_UNIT} ตามทะเบียน อปท. "
                f"({g.share(self.reported, self.roster_total)})")


def build_coverage(data: DigestData) -> CoverageContent:
    if data.roster is None:
        return CoverageContent(known=False)
    index = RosterIndex(data.roster)
    reports = []
    for lao in data.laos:
        current = current_as_of(lao.record, data.day)
        if current is not None:
            reports.append(ReportingLao(lao.lao_id, lao.lao_type, lao.name, lao.district, current[1].province_code))
    matches = match_all(index, reports)
    reported = {m.lao_code for m in matches.values() if m.lao_code and m.kind in ("exact", "fuzzy")}
    rates: dict[str, list[int]] = {}
    for entry in index.entries:
        counts = rates.setdefault(entry.province_code, [0, 0])
        counts[0] += 1
        counts[1] += entry.lao_code in reported
    lines = [ProvinceRate(_name(code), total, done) for code, (total, done) in rates.items()]
    lines = thai_sorted(lines, lambda p: p.name)
    lines.sort(key=lambda p: p.reported / p.roster)  # stable: ties keep Thai order
    return CoverageContent(
        known=True,
        roster_total=len(index.entries),
        reported=len(reported),
        lowest=lines[:LOWEST_PROVINCES],
        unmatched=[(r, matches[r.lao_id]) for r in reports if matches[r.lao_id].kind in ("unmatched", "ambiguous")],
        nonresponders=nonresponders(index, matches),
    )


def _name(code: str) -> str:
    province = province_by_code(code)
    return province.name_th if province else code
