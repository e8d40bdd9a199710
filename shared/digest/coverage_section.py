"""Coverage in the digest: how many roster LAOs have answered, where the rate is
lowest, and which reports could not be matched to the roster. As of the end of D,
like every other cumulative figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

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
    without_roster: list[str] = field(default_factory=list)  # provinces the roster lists no LAO of
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
    # Every province tied with the last one shown is shown too: a cut never splits a tie.
    shown = [p for p in lines if not lines[LOWEST_PROVINCES:]
             or _rate_key(p.rate) <= _rate_key(lines[LOWEST_PROVINCES - 1].rate)]
    national: AreaFigures = end.national
    return CoverageContent(
        known=True,
        rate=national.response_rate,
        roster_reported=national.roster_reported or 0,
        lowest=shown,
        without_roster=[a.name for a in thai_sorted(end.provinces.values(), lambda a: a.name) if not a.roster_total],
        unmatched=list(end.unmatched),
        nonresponders=list(national.nonresponder_laos),
    )


def _rate_key(rate: Ratio) -> Fraction:
    """Lowest rate first, compared exactly, not as rounded percentages."""
    return Fraction(rate.count, rate.base or 1)


def lowest_caption(cover: CoverageContent, as_of_text: str) -> str:
    """What the lowest-rate list is, how it was cut, and what it cannot show."""
    text = (f"{len(cover.lowest):,} จังหวัดที่อัตราการแจ้งปัญหาต่ำที่สุด ({as_of_text}) เรียงจากร้อยละต่ำสุด "
            f"หากเท่ากับจังหวัดลำดับที่ {LOWEST_PROVINCES} แสดงทุกจังหวัด รายชื่อ อปท. ที่ยังไม่แจ้งปัญหาอยู่ในไฟล์แนบ")
    if cover.without_roster:
        text += (f" ทะเบียน อปท. ไม่มีข้อมูลของจังหวัด{' '.join(cover.without_roster)} "
                 "จึงคำนวณร้อยละของจังหวัดดังกล่าวไม่ได้")
    return text
