"""A digest's data at national scale, built in memory: 7,850 LAOs reporting in
all 77 provinces and 2,000 submissions on the day, many of them long, invalid or
with warnings — the worst case the size budget must hold for."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from shared.digest.model import DigestData, FollowUpRow, LaoReports, ReconcileStatus, ReportRow, WatchHealth
from shared.domain.codes import PROBLEMS, REPORTING_STATUSES
from shared.domain.counting import LaoRecord, Member
from shared.domain.geography import all_provinces

DAY = date(2023, 12, 20)
LAOS = 7_850
ON_DAY = 2_000
INVALID = 400
WARNED = 600
_WORDS = ["ระบบ", "แก้ไขข้อมูล", "ไม่ได้", "หลังยืนยัน", "เจ้าหน้าที่", "ผู้รายงาน", "คะแนน ITA", "หมวด OIT",
          "การอบรม", "ไม่ชัดเจน", "แบบฟอร์ม", "จำนวนมาก", "นายก อบต.", "ลาออก", "โทร 081-234-5678"]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words))


def national_data(include_contacts: bool = False) -> DigestData:
    rng = random.Random(7)
    provinces = all_provinces()
    codes = [*PROBLEMS, "other"]
    statuses = list(REPORTING_STATUSES)
    start = DAY - timedelta(days=30)
    laos = []
    for n in range(LAOS):
        province = provinces[n % len(provinces)]
        members = {}
        for m in range(1 + (n % 9 == 0)):
            submitted = DAY if n < ON_DAY and m == 0 else start + timedelta(days=rng.randint(0, 30))
            members[f"r{n:05d}-{m}"] = Member(n * 10 + m, rng.choice(statuses), tuple(rng.sample(codes, 3)),
                                              province.code, submitted.isoformat())
        record = LaoRecord(f"{province.code}:d{n}:sao:ตำบล{n}", "sao", members)
        laos.append(LaoReports(record.lao_id, "sao", f"ทดสอบยาวมากเป็นพิเศษ{n}", f"อำเภอที่{n % 40}",
                               province.name_th, record))
    moment = datetime(2023, 12, 20, 1, tzinfo=UTC)
    created = [
        ReportRow(f"r{n:05d}-0", moment + timedelta(seconds=n), moment + timedelta(seconds=n), DAY.isoformat(),
                  DAY.isoformat(), n % 5 != 0, "sao", f"ทดสอบยาวมากเป็นพิเศษ{n}", f"อำเภอที่{n % 40}",
                  provinces[n % 77].code, provinces[n % 77].name_th, rng.choice(statuses),
                  tuple(rng.sample(codes, 3)), _text(rng, 60), _text(rng, 400), _text(rng, 100),
                  () if n % 5 else ("district_missing",), ("phone_invalid",) if n % 3 == 0 else ())
        for n in range(ON_DAY)
    ]
    typed = {"lao_name": "องค์การบริหารส่วนตำบลที่มีชื่อยาวมากเป็นพิเศษ" * 2, "lao_type": "อบต",
             "district": "อำเภอที่ชื่อยาวมาก", "province": "จังหวัดที่สะกดผิด"}
    follow = FollowUpRow("r-x", moment, moment, DAY.isoformat(), None, "", "", None, typed, ("province_unresolved",))
    invalid = [replace(follow, response_id=f"ACYDBNj{n:035d}") for n in range(INVALID)]
    warned = [replace(follow, response_id=f"ACYDBNk{n:035d}", lao_type="sao", lao_name=f"ตำบล{n}",
                      province_name="ขอนแก่น", reasons=("phone_invalid", "district_unknown")) for n in range(WARNED)]
    by_date = {f"by_submission_date.{(start + timedelta(days=d)).isoformat()}": rng.randint(100, 400)
               for d in range(30)} | {f"by_submission_date.{DAY.isoformat()}": ON_DAY}
    return DigestData(
        day=DAY, built_at=datetime(2023, 12, 21, 0, 5, tzinfo=UTC), counters=by_date, created_on_day=created,
        edited_on_day=[], edited_day_before=120, invalid=invalid, warned=warned, laos=laos,
        reconcile=ReconcileStatus(datetime(2023, 12, 20, 20, tzinfo=UTC), 9_999, 9_999),
        include_contacts=include_contacts,
        watches=[WatchHealth("RESPONSES", "ACTIVE", "2023-12-26T00:00:00Z", None)],
        mapping_unmapped_options=[("ปัญหาและอุปสรรคที่พบ", "ตัวเลือกที่ถูกแก้ไขข้อความ")],
        form_id="1FAIpQLSd-national-scale-form-id-0123456789abcdef",
        contact="กลุ่มงานมาตรฐานการบริหารงานบุคคลส่วนท้องถิ่น สำนักงาน ก.ถ. โทร 0 2241 9000 ต่อ 4123",
        reply_to="kor-thor@dla.go.th",
    )
