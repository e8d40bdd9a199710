"""The digest as HTML for Gmail: one column that reads on a phone, a shared
<style> block, bars drawn as percentages of their column, no remote resource.
Every text that came from a user is escaped.

Gmail supports a <style> block in the head with class selectors and width media
queries (https://developers.google.com/workspace/gmail/design/css). It drops
the whole block on an error or past 16 KB (caniemail.com/features/html-style),
so the block stays small and plain, and what a bar needs (its colour, height and
width) is inline as well, for clients that strip classes.
"""

from __future__ import annotations

from html import escape

from shared.digest import glossary as g
from shared.digest.content import (
    UNMATCHED_NOTE,
    Bar,
    DigestContent,
    FollowUpLine,
    LetterItem,
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

_STYLE = """
body{margin:0;background:#f1f3f4}
.d{max-width:760px;margin:0 auto;padding:16px;background:#fff;color:#202124;
font:15px/1.55 Tahoma,'Leelawadee UI','Noto Sans Thai','Sarabun',sans-serif}
h1{font-size:19px;line-height:1.4;margin:0 0 4px}
h2{font-size:17px;margin:26px 0 8px;padding-bottom:3px;border-bottom:2px solid #1a73e8}
h3{font-size:15px;margin:14px 0 4px}
p{margin:0 0 8px}
.m{color:#5f6368;font-size:13px}
.al{margin:0 0 10px;padding:10px 12px;background:#fce8e6;color:#8c1d18;border-left:5px solid #b3261e}
table{border-collapse:collapse;width:100%}
td,th{padding:5px 6px;border-bottom:1px solid #e0e0e0;text-align:left;vertical-align:top}
th{background:#f1f3f4;font-weight:bold}
.n{text-align:right}
td.n,b.n{white-space:nowrap}
td.n .w{white-space:normal}
.up{color:#137333}.dn{color:#b3261e}
.fu{margin:0 0 10px;padding:6px 10px;border-left:4px solid #b3261e;background:#fdf3f2}
.wn{border-left-color:#e37400;background:#fef7e0}
.tag{padding:0 5px;background:#b3261e;color:#fff;font-size:12px;border-radius:3px}
.row{margin:8px 0 2px}
.sub{margin-top:4px}
.tr{background:#e8f0fe;height:12px}
.lg{margin:4px 0;padding-left:18px;color:#5f6368;font-size:13px}
.act{margin:4px 0 12px;padding-left:22px}
.ft{margin-top:28px;padding-top:8px;border-top:1px solid #dadce0;color:#5f6368;font-size:13px}
@media (max-width:480px){.d{padding:10px;font-size:14px}h1{font-size:17px}td,th{padding:4px 3px}}
"""
_BAR_COLOUR = "#1a73e8"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def render_html(content: DigestContent) -> str:
    c = content
    parts = [
        '<!doctype html><html lang="th"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{_e(c.subject)}</title><style>{_STYLE}</style></head><body>",
        # The preheader: what the mail list shows after the subject; hidden in the message itself.
        '<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">' + _e(c.preheader) + "</div>",
        '<div class="d">',
        f"<h1>{_e(c.title)}</h1>",
        f'<p class="m">{_e(c.as_of_text)}<br>จัดทำเมื่อวันที่ {_e(c.read_at_text)}</p>',
        *(f'<p class="al"><b>แจ้งเตือน:</b> {_e(alert)}</p>' for alert in c.alerts),
        f'<h2>{_e(g.ACTIONS)}</h2><ol class="act">' + "".join(f"<li>{_e(a)}</li>" for a in c.actions) + "</ol>",
    ]
    if c.quiet_day:
        parts.append(f"<p><b>ไม่มี{g.SUBMISSION}ที่ได้รับใหม่หรือมีการแก้ไข{_e(g.on_day(c.day_text))}</b></p>")
    parts += [_figures(c), *_action_list(c), *_problems(c), *_trend(c), *_provinces(c), *_not_reported(c),
              _footer(c)]
    return "\n".join(parts) + "\n</div></body></html>\n"


def _figures(c: DigestContent) -> str:
    rows = []
    for f in c.figures:
        css = "m" if f.daily or not f.change else "up" if f.change > 0 else "dn"
        now = now_figure_text(c, f)
        now_html = f'<br><span class="m w">{_e(now)}</span>' if now else ""  # may wrap on a phone
        rows.append(f'<tr><td>{_e(f.label)}</td><td class="n"><b>{f.value:,}</b> {_e(f.unit)}{now_html}</td>'
                    f'<td class="{css}">{_e(f.change_text)}</td></tr>')
    return (f'<table><tr><th>ภาพรวม</th><th class="n">{_e(figures_header(c))}</th><th>{_e(g.CHANGE)}</th></tr>'
            + "".join(rows) + "</table>")


def _action_list(c: DigestContent) -> list[str]:
    parts = [f"<h2>{_e(g.TO_CHECK)}</h2>",
             f'<p class="m">ข้อมูล ณ วันที่ {_e(c.read_at_text)} ลิงก์ “เปิดในแบบฟอร์ม” เปิดได้เฉพาะผู้มีสิทธิ์แก้ไขแบบฟอร์ม</p>',
             f"<h3>{_e(follow_up_heading(c, g.INVALID_SUBMISSIONS, c.invalid_total, c.invalid_in_period))}</h3>"]
    parts += [_follow_up(line, "fu") for line in c.invalid]
    parts.append(_more(c, len(c.invalid), c.invalid_total, "ข้อมูลไม่สมบูรณ์"))
    heading = follow_up_heading(c, f"{g.SUBMISSIONS_WITH_WARNINGS} (ข้อมูลครบ นับในยอดของวันที่ส่ง)", c.warned_total,
                                c.warned_in_period)
    parts.append(f"<h3>{_e(heading)}</h3>")
    parts += [_follow_up(line, "fu wn") for line in c.warned]
    parts.append(_more(c, len(c.warned), c.warned_total, g.WARNING))
    return parts


def _follow_up(line: FollowUpLine, css: str) -> str:
    new = f" ({g.NEW_MARK})" if line.new_on_day else ""
    link = f' <a href="{_e(line.link)}">เปิดในแบบฟอร์ม</a>' if line.link else ""
    remedy = f"<br>{_e(line.remedy)}" if line.remedy else ""
    return (f'<div class="{css}"><b>{_e(line.lao)}</b><br>{_e(line.place)}<br>'
            f"{_e(' และ'.join(line.reasons))}{remedy}<br>"
            f'<span class="m">ส่งหรือแก้ไขล่าสุดเมื่อ {_e(line.when_text)}{new}</span>{link}</div>')


def _more(c: DigestContent, shown: int, total: int, sheet: str) -> str:
    text = more_text(c, shown, total, sheet)
    return f'<p class="m">{_e(text)}</p>' if text else ""


def _bar(bar: Bar, scale: int, chart: str) -> str:
    """A bar as a share of ``scale`` (the base of its ร้อยละ, or the largest value where it has
    none): proportional at any width, on a phone too."""
    width = 100 * bar.value / scale if scale else 0
    fill = (f'<div style="width:{width:.2f}%;height:12px;background:{_BAR_COLOUR};font-size:0;line-height:0">'
            "</div>" if width else "")
    return f'<div class="tr" data-chart="{chart}" data-value="{bar.value}" data-scale="{scale}">{fill}</div>'


def _bar_row(bar: Bar, largest: int, chart: str) -> str:
    note = f'<br><span class="m">{_e(bar.note)}</span>' if bar.note else ""
    label = f'<div class="row sub">{_e(bar.label)} <b class="n">{_e(bar.text)}</b>{note}</div>'
    return label + _bar(bar, largest, chart)


def _problems(c: DigestContent) -> list[str]:
    largest = c.laos_reporting  # bars to scale with their ร้อยละ: the base is the LAOs reporting
    parts = ["<h2>ปัญหาและอุปสรรคที่พบ</h2>",
             f'<p class="m">{_e(problems_intro(c))}</p>']
    parts += [_letter_item(item, largest) for item in c.letter_items]
    if c.laos_without_problem:
        parts.append(f'<p style="margin-top:12px">{_e(no_problem_line(c))}</p>')
    parts.append('<p class="m" style="margin-top:10px">ข้อความเต็มของตัวเลือกในแบบฟอร์ม</p><ul class="lg">'
                 + "".join(f"<li>{_e(short)} หมายถึง {_e(full)}</li>" for short, full in c.legend) + "</ul>")
    if c.themes.themes:
        parts.append(f'<h3>{_e(themes_heading(c))}</h3><ul class="lg">'
                     + "".join(f"<li>“{_e(t.sentence)}” ({t.laos:,} {g.LAOS_UNIT})</li>" for t in c.themes.themes)
                     + f'</ul><p class="m">{_e(themes_basis(c.themes))}</p>')
    if c.other_excerpts:
        parts.append("<h3>ตัวอย่างปัญหาอื่น ๆ ที่ อปท. ระบุเอง (ข้อความที่ยาวตัดให้สั้นลง)</h3><ul class=\"lg\">"
                     + "".join(f"<li>{_e(text)}</li>" for text in c.other_excerpts) + "</ul>")
    return parts


def _letter_item(item: LetterItem, largest: int) -> str:
    total = "" if len(item.bars) == 1 else (
        f'<div class="m">อปท. ที่ระบุอย่างน้อยหนึ่งประเด็น <b class="n">{item.laos:,} {g.LAOS_UNIT} '
        f"({_e(item.share_text)})</b></div>")
    return (f'<div class="row" style="margin-top:14px"><b>ข้อ {item.number} {_e(item.heading)}</b></div>{total}'
            + "".join(_bar_row(bar, largest, "problems") for bar in item.bars))


def _trend(c: DigestContent) -> list[str]:
    largest = max((b.value for b in c.trend), default=0)
    rows = "".join(f'<tr><td class="n">{_e(b.label)}</td><td style="width:100%;vertical-align:middle">'
                   f'{_bar(b, largest, "trend")}</td><td class="n">{b.value:,}</td></tr>' for b in c.trend)
    return [f"<h2>{_e(g.NEW_SUBMISSIONS)} ย้อนหลัง 14 วัน ({_e(c.trend_range)})</h2>",
            f'<p class="m">นับตามวันที่ส่งครั้งแรก หน่วย: {g.SUBMISSIONS_UNIT}</p><table>{rows}</table>']


def _provinces(c: DigestContent) -> list[str]:
    rows = "".join(f'<tr><td>{_e(p.name)}</td><td class="n">{p.laos_reporting:,}</td>'
                   f'<td class="n">{p.new_on_day:,}</td></tr>' for p in c.provinces_top)
    parts = ["<h2>รายจังหวัด</h2>",
             f'<p class="m">มี {_e(g.LAOS_REPORTED)}ใน {c.provinces_with:,} จาก 77 จังหวัด (รวมกรุงเทพมหานคร) '
             f"แสดง {len(c.provinces_top):,} จังหวัดที่มี อปท. แจ้งปัญหาแล้วมากที่สุด ({_e(c.as_of_text)}) "
             "รายการทั้งหมดอยู่ในไฟล์แนบ</p>"]
    if rows:
        parts.append(f'<table><tr><th>จังหวัด</th><th class="n">{_e(g.LAOS_REPORTED)} ({g.LAOS_UNIT})</th>'
                     f'<th class="n">{_e(g.NEW_MARK)}{_e(g.on_day(c.day_text))} ({g.SUBMISSIONS_UNIT})</th></tr>'
                     f"{rows}</table>")
    if c.provinces_without:
        parts.append(f"<h3>{_e(provinces_without_heading(c))}</h3>"
                     f"<p>{_e(' '.join(c.provinces_without))}</p>")
    return parts + _coverage(c)


def _coverage(c: DigestContent) -> list[str]:
    cover = c.coverage
    parts = ["<h3>ความครอบคลุมตามทะเบียน อปท.</h3>", f"<p>{_e(cover.headline)}</p>"]
    if not cover.known:
        return parts
    rows = "".join(f'<tr><td>{_e(p.name)}</td><td class="n">{_e(p.rate_text)}'
                   + (f'<br><span class="m w">{_e(p.unmatched_text)}</span>' if p.unmatched_text else "")
                   + "</td></tr>" for p in cover.lowest)
    parts.append(f'<p class="m">{_e(lowest_caption(cover, c.as_of_text))}</p>'
                 f'<table><tr><th>จังหวัด</th><th class="n">{_e(g.LAOS_REPORTED)}</th></tr>{rows}</table>')
    if cover.unmatched:
        parts.append(f'<p>{_e(g.SUBMISSION)}ของ {len(cover.unmatched):,} {g.LAOS_UNIT} จับคู่กับทะเบียน อปท. ไม่ได้ '
                     f"{_e(UNMATCHED_NOTE)}</p>")
    return parts


def _not_reported(c: DigestContent) -> list[str]:
    largest = c.laos_reporting
    parts = ["<h2>สถานะการรายงานผลต่อสำนักงาน ก.พ.</h2>",
             f'<p class="m">ข้อมูลตามที่ อปท. ระบุไว้ในแบบแจ้งปัญหาฉบับล่าสุด ({c.laos_reporting:,} {g.LAOS_UNIT}; '
             f"{_e(c.as_of_text)})</p>"]
    parts += [_bar_row(b, largest, "statuses") for b in c.statuses]
    if c.not_reported_problems:
        parts.append(f"<h3>{_e(not_reported_heading(c))}</h3>")
        parts += [_bar_row(b, c.not_reported, "not-reported") for b in c.not_reported_problems]
    return parts


def _footer(c: DigestContent) -> str:
    return (f'<div class="ft"><p>{_e(c.workbook_note)}</p><p>{_e(c.completeness)}</p>'
            + "".join(f"<p>{_e(line)}</p>" for line in c.footer) + "</div>")
