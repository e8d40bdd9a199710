"""The digest as HTML for Gmail and Outlook: tables, inline styles, no remote
resource. Every text that came from a user is escaped."""

from __future__ import annotations

from html import escape

from shared.digest.content import DigestContent, ReportLine

_FONT = "font-family:Tahoma,'Leelawadee UI','Noto Sans Thai',sans-serif;font-size:14px;color:#202124"
_CELL = "padding:4px 8px;border-bottom:1px solid #e0e0e0;vertical-align:top"
_HEAD = "padding:4px 8px;border-bottom:2px solid #5f6368;text-align:left;background:#f1f3f4"
_BAR_COLOUR = "#1a73e8"
_BAR_WIDTH = 240  # pixels of the longest bar


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "".join(f'<th style="{_HEAD}">{_e(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(
            f'<td style="{_CELL}{";text-align:right" if i in numeric else ""}">{cell}</td>'
            for i, cell in enumerate(row)
        ) + "</tr>"
        for row in rows
    )
    return f'<table cellspacing="0" cellpadding="0" style="border-collapse:collapse;{_FONT}">{head}{body}</table>'


def _bar(value: int, largest: int) -> str:
    """A bar as a one-cell table with bgcolor: Outlook's Word engine draws it too."""
    width = max(1, round(_BAR_WIDTH * value / largest)) if value and largest else 0
    if not width:
        return ""
    return (f'<table cellspacing="0" cellpadding="0"><tr><td width="{width}" height="12" '
            f'bgcolor="{_BAR_COLOUR}" style="background:{_BAR_COLOUR};width:{width}px;height:12px;'
            f'font-size:1px;line-height:1px">&nbsp;</td></tr></table>')


def render_html(content: DigestContent) -> str:
    c = content
    parts = [
        f'<div style="{_FONT}">',
        f'<h2 style="margin:0 0 4px">สรุปรายงานปัญหาการรายงานผลประมวลจริยธรรม อปท. ประจำวันที่ {_e(c.day_text)}</h2>',
        f'<p style="margin:0 0 16px;color:#5f6368">ข้อมูลสะสม ณ {_e(c.built_at_text)}</p>',
    ]
    if c.alert:
        parts.append(f'<p style="padding:12px;background:#fce8e6;color:#b3261e;font-weight:bold;'
                     f'border:2px solid #b3261e">⚠ {_e(c.alert)}</p>')
    if c.quiet_day:
        parts.append(f'<p style="padding:8px;background:#fef7e0">ไม่มีรายงานใหม่หรือรายงานที่แก้ไขในวันที่ {_e(c.day_text)}</p>')
    parts += [
        "<h3>ภาพรวม</h3>",
        _table(["รายการ", "จำนวน"], [
            ["รายงานใหม่ในวันนี้", f"{c.new_on_day:,}"],
            ["รายงานที่แก้ไขในวันนี้", f"{c.edited_on_day:,}"],
            ["คำตอบสะสมทั้งหมด", f"{c.total_responses:,}"],
            ["อปท. ที่รายงานแล้ว (สะสม)", f"{c.laos_reporting:,}"],
            ["คำตอบที่ข้อมูลไม่สมบูรณ์ ต้องตรวจสอบ", f"{c.invalid_total:,}"],
        ], numeric={1}),
        "<h3>ปัญหาและอุปสรรคที่พบ</h3>",
        _problem_chart(c),
    ]
    if c.provinces:
        parts += ["<h3>รายจังหวัด</h3>", _table(
            ["จังหวัด", "อปท. ที่รายงานแล้ว (สะสม)", "รายงานใหม่ที่สมบูรณ์ในวันนี้"],
            [[_e(p.name), f"{p.laos_reporting:,}", f"{p.new_valid_on_day:,}"] for p in c.provinces],
            numeric={1, 2})]
    parts += [
        "<h3>ตามประเภท อปท.</h3>",
        _table(["ประเภท", "อปท. ที่รายงานแล้ว"], [[_e(t), f"{n:,}"] for t, n in c.lao_types] or [["-", "0"]],
               numeric={1}),
        "<h3>ตามสถานะการรายงานผลในระบบของสำนักงาน ก.พ.</h3>",
        _table(["สถานะ", "อปท."], [[_e(s), f"{n:,}"] for s, n in c.statuses], numeric={1}),
    ]
    if c.reports:
        parts += [f"<h3>รายงานที่ได้รับหรือแก้ไขในวันที่ {_e(c.day_text)} ({c.reports_total:,} รายการ)</h3>",
                  _more(len(c.reports), c.reports_total),
                  _table(["เวลา", "อปท.", "อำเภอ", "จังหวัด", "สถานะ", "ปัญหา", "รายละเอียด"],
                         [_report_cells(r) for r in c.reports])]
    parts += ["<h3>ต้องตรวจสอบ</h3>", _attention(c), "<h3>ความครบถ้วนของข้อมูล</h3>", f"<p>{_e(c.completeness)}</p>",
              "<p>" + "<br>".join(_e(line) for line in c.watch_health) + "</p>",
              '<p style="color:#5f6368;font-size:12px">รายละเอียดทั้งหมดอยู่ในไฟล์แนบ (Excel) '
              "ข้อมูลติดต่อผู้รายงานดูได้ใน Firestore console ตามสิทธิ์ที่ได้รับเท่านั้น</p>", "</div>"]
    return "\n".join(parts)


def _problem_chart(c: DigestContent) -> str:
    largest = max((p.laos_reporting for p in c.problems), default=0)
    rows = [[_e(p.label), f"{p.laos_reporting:,}", _bar(p.laos_reporting, largest), f"{p.on_day:,}"]
            for p in c.problems]
    return _table(["ปัญหา", "อปท. (สะสม)", "", "ในรายงานของวันนี้"], rows, numeric={1, 3})


def _report_cells(r: ReportLine) -> list[str]:
    detail = []
    if r.details:
        detail.append(f"<b>รายละเอียด:</b> {_e(r.details)}")
    if r.other:
        detail.append(f"<b>อื่น ๆ:</b> {_e(r.other)}")
    if r.note:
        detail.append(f'<span style="color:#b3261e">{_e(r.note)}</span>')
    return [f"{_e(r.time_text)}<br>{_e(r.kind)}", _e(r.lao), _e(r.district), _e(r.province), _e(r.status),
            "<br>".join(_e(p) for p in r.problems) or "-", "<br>".join(detail) or "-"]


def _more(shown: int, total: int) -> str:
    if shown >= total:
        return ""
    return f"<p><b>แสดง {shown:,} รายการแรกจากทั้งหมด {total:,} รายการ รายการทั้งหมดอยู่ในไฟล์แนบ</b></p>"


def _attention(c: DigestContent) -> str:
    summary = (f"<p>คำตอบที่ข้อมูลไม่สมบูรณ์ {c.attention_total:,} รายการ; "
               f"คำตอบที่มีข้อสังเกต (เช่น หมายเลขโทรศัพท์ไม่ถูกต้อง) {c.with_warnings:,} รายการ</p>"
               + _more(len(c.attention), c.attention_total))
    if not c.attention:
        return summary
    rows = [[_e(a.response_id) + (" <b>(ใหม่วันนี้)</b>" if a.new_on_day else ""), _e(a.time_text),
             "<br>".join(_e(x) for x in a.reasons)] for a in c.attention]
    return summary + _table(["responseId", "ส่งล่าสุด", "เหตุผล"], rows)
