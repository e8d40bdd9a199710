"""Coverage in the digest: how many roster LAOs have answered, where the rate is
lowest, and which reports could not be matched to the roster. As of the end of D,
like every other cumulative figure."""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.digest import glossary as g
from shared.digest.thai import thai_sorted
from shared.domain.coverage import Match, ReportingLao
from shared.domain.figures import AreaFigures, Figures, Ratio
from shared.domain.roster import RosterEntry

LOWEST_PROVINCES = 10


@dataclass(frozen=True)
class ProvinceRate:
    name: str
    rate: Ratio  # LAOs that reported, out of the roster's
    unmatched: int  # of those, the ones matched to no roster LAO

    @property
    def rate_text(self) -> str:
        return f"{self.rate.count:,} จาก {self.rate.base or 0:,} {g.LAOS_UNIT} ({g.share(self.rate)})"

    @property
    def unmatched_text(self) -> str:
        return f"ในจำนวนนี้จับคู่กับทะเบียนไม่ได้ {self.unmatched:,} {g.LAOS_UNIT}" if self.unmatched else ""

    @property
    def text(self) -> str:
        return " ".join(filter(None, [self.rate_text, self.unmatched_text]))


@dataclass(frozen=True)
class CoverageContent:
    known: bool
    rate: Ratio = field(default_factory=lambda: Ratio(0, None))
    roster_reported: int = 0
    lowest: list[ProvinceRate] = field(default_factory=list)
    unmatched: list[tuple[ReportingLao, Match]] = field(default_factory=list)
    nonresponders: list[RosterEntry] = field(default_factory=list)

    @property
    def headline(self) -> str:
        if not self.known:
            return ("ยังไม่ทราบความครอบคลุม เพราะยังไม่ได้นำเข้าทะเบียน อปท. "
                    "จึงยังบอกไม่ได้ว่า อปท. ใดยังไม่แจ้งปัญหา")
        text = (f"{g.LAOS_REPORTED} {self.rate.count:,} จาก {self.rate.base or 0:,} {g.LAOS_UNIT} "
                f"ตามทะเบียน อปท. ({g.share(self.rate)})")
        if self.unmatched:
            text += (f" ในจำนวนนี้ {len(self.unmatched):,} {g.LAOS_UNIT}จับคู่กับทะเบียนไม่ได้ "
                     f"จึงยังนับเป็น อปท. ที่ยังไม่แจ้งปัญหาตามทะเบียน {len(self.nonresponders):,} {g.LAOS_UNIT}")
        return text


def build_coverage(end: Figures) -> CoverageContent:
    if not end.roster_known:
        return CoverageContent(known=False)
    areas = [area for area in end.provinces.values() if area.roster_total]
    lines = [ProvinceRate(area.name, area.response_rate, area.unmatched_reports)
             for area in thai_sorted(areas, lambda a: a.name)]
    lines.sort(key=lambda p: _rate_key(p.rate))  # stable: ties keep Thai order
    national: AreaFigures = end.national
    return CoverageContent(
        known=True,
        rate=national.response_rate,
        roster_reported=national.roster_reported or 0,
        lowest=lines[:LOWEST_PROVINCES],
        unmatched=list(end.unmatched),
        nonresponders=list(national.nonresponder_laos),
    )


def _rate_key(rate: Ratio) -> tuple[int, int]:
    """Lowest rate first, compared exactly (count × other base), not as rounded percentages."""
    return (rate.count * 10**9 // (rate.base or 1), rate.count)
