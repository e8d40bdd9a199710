"""The digest as plain text: the alternative part for mail readers without HTML.
Same sections, same order, same words as the HTML."""

from __future__ import annotations

from shared.digest import glossary as g
from shared.digest.content import Bar, DigestContent, FollowUpLine
from shared.domain.codes import LETTER_REFERENCE


def render_text(content: DigestContent) -> str:
    c = content
    lines = [c.title, f"{c.as_of_text} · จัดทำเมื่อ {c.read_at_text}", ""]
    lines += [f"!!! {alert}" for alert in c.alerts] + ([""] if c.alerts else [])
    if c.quiet_day:
        lines += [f"ไม่มี{g.SUBMISSION}ที่ได้รับใหม่หรือมีการแก้ไข{g.on_day(c.day_text)}", ""]
    lines.append(f"ภาพรวม ({g.CHANGE})")
    lines += [f"  {f.label}: {f.value:,} {f.unit}" + (f" ({g.change(f.change)})" if f.change is not None else "")
              for f in c.figures]
    lines += ["", f"ต้องตรวจสอบ (ข้อมูล ณ วันที่ {c.read_at_text})",
              f"{g.INVALID_SUBMISSIONS}: {c.invalid_total:,} {g.SUBMISSIONS_UNIT}"]
    lines += [line for f in c.invalid for line in _follow_up(f)] + _more(len(c.invalid), c.invalid_total)
    lines.append(f"{g.SUBMISSIONS_WITH_WARNINGS} (นับรวมแล้ว): {c.warned_total:,} {g.SUBMISSIONS_UNIT}")
    lines += [line for f in c.warned for line in _follow_up(f)] + _more(len(c.warned), c.warned_total)
    lines += ["", f"ปัญหาและอุปสรรคที่พบ ({c.as_of_text}; ร้อยละของ {c.laos_reporting:,} {g.LAOS_UNIT}; "
                  f"ตามข้อของหนังสือ {LETTER_REFERENCE})"]
    for item in c.letter_items:
        lines.append(f"  ข้อ {item.number} {item.heading}: {item.laos:,} {g.LAOS_UNIT} ({item.share_text})")
        if len(item.bars) > 1:
            lines += [f"    - {_bar(b)}" for b in item.bars]
    if c.themes.themes:
        lines.append(f"  คำที่พบบ่อย{g.on_day(c.day_text)} (จำนวนข้อความ): "
                     + ", ".join(f"{t.phrase} ({t.submissions:,})" for t in c.themes.themes))
    lines += [f"  อื่น ๆ: {text}" for text in c.other_excerpts]
    lines += ["", f"{g.NEW_SUBMISSIONS} 14 วันล่าสุด ({g.SUBMISSIONS_UNIT})",
              "  " + ", ".join(f"{b.label} {b.value:,}" for b in c.trend)]
    lines += ["", f"รายจังหวัด: {c.provinces_with:,} จังหวัดจาก 77 จังหวัดมี{g.LAOS_REPORTED}"]
    lines += [f"  {p.name}: {p.laos_reporting:,} {g.LAOS_UNIT} (ได้รับใหม่ {p.new_on_day:,} {g.SUBMISSIONS_UNIT})"
              for p in c.provinces_top]
    if c.provinces_without:
        lines.append(f"  ยังไม่มี อปท. แจ้งปัญหา ({len(c.provinces_without):,} จังหวัด): "
                     + ", ".join(c.provinces_without))
    lines += ["", "สถานะการรายงานผลต่อสำนักงาน ก.พ.", *(f"  {_bar(b)}" for b in c.statuses)]
    if c.not_reported_problems:
        lines.append(f"  ปัญหาที่พบบ่อยของ{g.NOT_YET_REPORTED} ({c.not_reported:,} {g.LAOS_UNIT}):")
        lines += [f"    - {_bar(b)}" for b in c.not_reported_problems]
    lines += ["", "--", c.workbook_note, c.completeness, *c.footer]
    return "\n".join(lines) + "\n"


def _bar(bar: Bar) -> str:
    return f"{bar.label}: {bar.text}" + (f" {bar.note}" if bar.note else "")


def _follow_up(line: FollowUpLine) -> list[str]:
    new = f" [{g.NEW_MARK}]" if line.new_on_day else ""
    lines = [f"- {line.lao} · {line.place}{new} · ส่งล่าสุด {line.when_text}", f"  {', '.join(line.reasons)}"]
    if line.remedy:
        lines.append(f"  {line.remedy}")
    if line.link:
        lines.append(f"  {line.link}")
    return lines


def _more(shown: int, total: int) -> list[str]:
    if shown >= total:
        return []
    return [f"  แสดง {shown:,} รายการแรกจาก {total:,} {g.SUBMISSIONS_UNIT} รายการทั้งหมดอยู่ในไฟล์แนบ"]
