"""`python -m shared summary`: the figures as an officer reads them in a terminal, in Thai."""

from __future__ import annotations

from shared.digest import glossary as g
from shared.digest.thai import be_datetime, be_short_date, thai_sorted
from shared.domain.codes import LETTER_ITEMS, PROBLEM_LABELS
from shared.domain.figures import AreaFigures, Figures


def summary_text(figures: Figures) -> str:
    moment = figures.moment
    when = (g.until_end_of(be_short_date(moment.end_of, full_year=True)) if moment.end_of
            else f"ณ {be_datetime(moment.read_at)}")
    national = figures.national
    lines = [
        f"สรุปตัวเลข {when}",
        f"  {g.ALL_SUBMISSIONS}: {g.count(figures.responses, g.SUBMISSIONS_UNIT)}",
        f"  {g.INVALID_SUBMISSIONS}: {g.count(figures.responses_invalid, g.SUBMISSIONS_UNIT)}",
        f"  {g.SUBMISSIONS_WITH_WARNINGS}: {g.count(figures.responses_with_warnings, g.SUBMISSIONS_UNIT)}",
        f"  {g.LAOS_REPORTED}: {_area_rate(national)}",
    ]
    if figures.roster_known:
        lines.append(f"  อปท. ตามทะเบียนที่ยังไม่พบแบบแจ้งปัญหา: {g.count(national.nonresponders or 0, g.LAOS_UNIT)}"
                     f" (จับคู่กับทะเบียนไม่ได้ {g.count(national.unmatched_reports, g.LAOS_UNIT)})")
    lines += ["", f"ปัญหา (จำนวน อปท. และร้อยละของ {g.count(figures.laos.reporting, g.LAOS_UNIT)})"]
    for number, heading in LETTER_ITEMS.items():
        count = figures.laos.by_letter_item[number]
        lines.append(f"  ข้อ {number} {heading}: {g.count(count, g.LAOS_UNIT)} ({g.share(figures.of_reporting(count))})")
    for code, label in PROBLEM_LABELS.items():
        count = figures.laos.by_problem[code]
        lines.append(f"    - {label}: {g.count(count, g.LAOS_UNIT)} ({g.share(figures.of_reporting(count))})")
    lines += ["", "รายจังหวัด"]
    areas = thai_sorted(figures.provinces.values(), lambda a: a.name)
    lines += [f"  {area.name}: {_area_rate(area)}" for area in areas]
    return "\n".join(lines)


def _area_rate(area: AreaFigures) -> str:
    text = g.count(area.laos_reporting, g.LAOS_UNIT)
    if area.roster_total is None:
        return text
    text += f" จาก {g.count(area.roster_total, g.LAOS_UNIT)} ตามทะเบียน ({g.share(area.response_rate)})"
    if area.unmatched_reports:
        text += f" ในจำนวนนี้จับคู่กับทะเบียนไม่ได้ {g.count(area.unmatched_reports, g.LAOS_UNIT)}"
    return text
