"""The digest as plain text: the alternative part for mail readers without HTML.
Same sections, same order, same words as the HTML."""

from __future__ import annotations

from shared.digest import glossary as g
from shared.digest.content import (
    UNMATCHED_NOTE,
    Bar,
    DigestContent,
    FollowUpLine,
    figures_header,
    follow_up_heading,
    more_text,
    no_problem_line,
    not_reported_heading,
    now_figure_text,
    problems_intro,
    provinces_without_heading,
    themes_basis,
    themes_heading,
)
from shared.digest.coverage_section import lowest_caption


def render_text(content: DigestContent) -> str:
    c = content
    lines = [c.title, c.as_of_text, f"จัดทำเมื่อวันที่ {c.read_at_text}", ""]
    lines += [f"[แจ้งเตือน] {alert}" for alert in c.alerts] + ([""] if c.alerts else [])
    lines += [g.ACTIONS, *(f"  {n}. {a}" for n, a in enumerate(c.actions, start=1)), ""]
    if c.quiet_day:
        lines += [f"ไม่มี{g.SUBMISSION}ที่ได้รับใหม่หรือมีการแก้ไข{g.on_day(c.day_text)}", ""]
    lines.append(f"ภาพรวม ({figures_header(c)}; {g.CHANGE})")
    for f in c.figures:
        now = now_figure_text(c, f)
        lines.append(f"  {f.label}: {f.value:,} {f.unit} ({f.change_text})" + (f" [{now}]" if now else ""))
    lines += ["", g.TO_CHECK, f"  ข้อมูล ณ วันที่ {c.read_at_text} ลิงก์เปิดได้เฉพาะผู้มีสิทธิ์แก้ไขแบบฟอร์ม",
              follow_up_heading(c, g.INVALID_SUBMISSIONS, c.invalid_total, c.invalid_in_period)]
    lines += [line for f in c.invalid for line in _follow_up(f)] + _more(c, len(c.invalid), c.invalid_total,
                                                                          "ข้อมูลไม่สมบูรณ์")
    lines.append(follow_up_heading(c, f"{g.SUBMISSIONS_WITH_WARNINGS} (ข้อมูลครบ นับในยอดของวันที่ส่ง)", c.warned_total,
                                   c.warned_in_period))
    lines += [line for f in c.warned for line in _follow_up(f)] + _more(c, len(c.warned), c.warned_total, g.WARNING)
    lines += ["", "ปัญหาและอุปสรรคที่พบ",
              f"  {problems_intro(c)}"]
    for item in c.letter_items:
        total = ("" if len(item.bars) == 1
                 else f" อปท. ที่ระบุอย่างน้อยหนึ่งประเด็น {item.laos:,} {g.LAOS_UNIT} ({item.share_text})")
        lines.append(f"  ข้อ {item.number} {item.heading}{total}")
        lines += [f"    - {_bar(b)}" for b in item.bars]
    if c.laos_without_problem:
        lines.append(f"  {no_problem_line(c)}")
    if c.themes.themes:
        lines.append(f"  {themes_heading(c)}")
        lines += [f"    - “{t.sentence}” ({t.laos:,} {g.LAOS_UNIT})" for t in c.themes.themes]
        lines.append(f"  ({themes_basis(c.themes)})")
    if c.other_excerpts:
        lines.append("  ตัวอย่างปัญหาอื่น ๆ ที่ อปท. ระบุเอง (ข้อความที่ยาวตัดให้สั้นลง)")
        lines += [f"    - {text}" for text in c.other_excerpts]
    lines += ["", f"{g.NEW_SUBMISSIONS} ย้อนหลัง 14 วัน ({c.trend_range}) นับตามวันที่ส่งครั้งแรก",
              "  " + " ".join(f"{b.label} {b.value:,}" for b in c.trend)]
    lines += ["", "รายจังหวัด",
              f"  มี {g.LAOS_REPORTED}ใน {c.provinces_with:,} จาก 77 จังหวัด (รวมกรุงเทพมหานคร) "
              f"แสดง {len(c.provinces_top):,} จังหวัดที่มี อปท. แจ้งปัญหาแล้วมากที่สุด รายการทั้งหมดอยู่ในไฟล์แนบ"]
    lines += [f"  {p.name}: {p.laos_reporting:,} {g.LAOS_UNIT} ({g.NEW_MARK}{g.on_day(c.day_text)} "
              f"{p.new_on_day:,} {g.SUBMISSIONS_UNIT})" for p in c.provinces_top]
    if c.provinces_without:
        lines.append(f"  {provinces_without_heading(c)}: "
                     + " ".join(c.provinces_without))
    lines.append(f"  {c.coverage.headline}")
    if c.coverage.known:
        lines.append(f"  {lowest_caption(c.coverage, c.as_of_text)}")
    lines += [f"    - {p.name}: {p.text}" for p in c.coverage.lowest]
    if c.coverage.unmatched:
        lines.append(f"  {g.SUBMISSION}ของ {len(c.coverage.unmatched):,} {g.LAOS_UNIT} จับคู่กับทะเบียน อปท. ไม่ได้ "
                     + UNMATCHED_NOTE)
    lines += ["", "สถานะการรายงานผลต่อสำนักงาน ก.พ.",
              f"  ข้อมูลตามที่ อปท. ระบุไว้ในแบบแจ้งปัญหาฉบับล่าสุด ({c.laos_reporting:,} {g.LAOS_UNIT})",
              *(f"    - {_bar(b)}" for b in c.statuses)]
    if c.not_reported_problems:
        lines.append(f"  {not_reported_heading(c)}")
        lines += [f"    - {_bar(b)}" for b in c.not_reported_problems]
    lines += ["", "--", c.workbook_note, c.completeness, *c.footer]
    return "\n".join(lines) + "\n"


def _bar(bar: Bar) -> str:
    return f"{bar.label}: {bar.text}" + (f" ({bar.note})" if bar.note else "")


def _follow_up(line: FollowUpLine) -> list[str]:
    new = f" ({g.NEW_MARK})" if line.new_on_day else ""
    lines = [f"- {line.lao}", f"  {line.place}", f"  {' และ'.join(line.reasons)}"]
    if line.remedy:
        lines.append(f"  {line.remedy}")
    lines.append(f"  ส่งหรือแก้ไขล่าสุดเมื่อ {line.when_text}{new}")
    if line.link:
        lines.append(f"  เปิดในแบบฟอร์ม: {line.link}")
    return lines


def _more(c: DigestContent, shown: int, total: int, sheet: str) -> list[str]:
    text = more_text(c, shown, total, sheet)
    return [f"  {text}"] if text else []
