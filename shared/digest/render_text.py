"""The digest as plain text: the alternative part for mail readers without HTML."""

from __future__ import annotations

from shared.digest.content import DigestContent


def render_text(content: DigestContent) -> str:
    c = content
    lines = [f"สรุปรายงานปัญหาการรายงานผลประมวลจริยธรรม อปท. ประจำวันที่ {c.day_text}",
             f"ข้อมูลสะสม ณ {c.built_at_text}", ""]
    if c.alert:
        lines += [f"!!! {c.alert}", ""]
    if c.quiet_day:
        lines += [f"ไม่มีรายงานใหม่หรือรายงานที่แก้ไขในวันที่ {c.day_text}", ""]
    lines += [
        "ภาพรวม",
        f"  รายงานใหม่ในวันนี้: {c.new_on_day:,}",
        f"  รายงานที่แก้ไขในวันนี้: {c.edited_on_day:,}",
        f"  คำตอบสะสมทั้งหมด: {c.total_responses:,}",
        f"  อปท. ที่รายงานแล้ว (สะสม): {c.laos_reporting:,}",
        f"  คำตอบที่ข้อมูลไม่สมบูรณ์ ต้องตรวจสอบ: {c.invalid_total:,}",
        "",
        "ปัญหาและอุปสรรคที่พบ (อปท. สะสม / ในรายงานของวันนี้)",
    ]
    lines += [f"  {p.label}: {p.laos_reporting:,} / {p.on_day:,}" for p in c.problems]
    if c.provinces:
        lines += ["", "รายจังหวัด (อปท. สะสม / รายงานใหม่ที่สมบูรณ์ในวันนี้)"]
        lines += [f"  {p.name}: {p.laos_reporting:,} / {p.new_valid_on_day:,}" for p in c.provinces]
    lines += ["", "ตามประเภท อปท."] + [f"  {t}: {n:,}" for t, n in c.lao_types]
    lines += ["", "ตามสถานะการรายงานผล"] + [f"  {s}: {n:,}" for s, n in c.statuses]
    if c.reports:
        lines += ["", f"รายงานที่ได้รับหรือแก้ไขในวันที่ {c.day_text} ({c.reports_total:,} รายการ)"]
        if len(c.reports) < c.reports_total:
            lines.append(f"แสดง {len(c.reports):,} รายการแรก รายการทั้งหมดอยู่ในไฟล์แนบ")
        for r in c.reports:
            lines.append(f"- {r.time_text} [{r.kind}] {r.lao} อ.{r.district} จ.{r.province} | {r.status}")
            lines.append(f"  ปัญหา: {', '.join(r.problems) or '-'}")
            if r.details:
                lines.append(f"  รายละเอียด: {r.details}")
            if r.other:
                lines.append(f"  อื่น ๆ: {r.other}")
            if r.note:
                lines.append(f"  หมายเหตุ: {r.note}")
    lines += ["", f"ต้องตรวจสอบ: ข้อมูลไม่สมบูรณ์ {c.attention_total:,} รายการ; มีข้อสังเกต {c.with_warnings:,} รายการ"]
    if len(c.attention) < c.attention_total:
        lines.append(f"แสดง {len(c.attention):,} รายการแรก รายการทั้งหมดอยู่ในไฟล์แนบ")
    for a in c.attention:
        mark = " (ใหม่วันนี้)" if a.new_on_day else ""
        lines.append(f"- {a.response_id}{mark} {a.time_text}: {', '.join(a.reasons)}")
    lines += ["", "ความครบถ้วนของข้อมูล", f"  {c.completeness}", *(f"  {line}" for line in c.watch_health), "",
              "รายละเอียดทั้งหมดอยู่ในไฟล์แนบ (Excel)"]
    return "\n".join(lines) + "\n"
