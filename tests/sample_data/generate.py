"""Generates tests/sample_data/responses.json: 300+ realistic responses, reproducibly.

The set covers what ingestion must handle: every LAO type and many provinces,
the ways people write names, districts and phones (prefixes, Thai digits,
zero-width characters), every invalid reason and every warning, two reports of
one LAO, edits that change problems, move a response to another LAO or make it
invalid, and responses the form owner later deletes.
Run: python -m tests.sample_data.generate
"""

from __future__ import annotations

import json
import random
import string
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import geothai

from shared.domain.codes import LAO_TYPES, PROBLEMS, REPORTING_STATUSES
from tools.write_form_json import canonical_form

OUT = Path(__file__).with_name("responses.json")
START = datetime(2023, 12, 18, 1, 0, tzinfo=UTC)  # 08:00 Bangkok
_TYPE_PREFIXES = {
    "pao": ["อบจ.", "องค์การบริหารส่วนจังหวัด"],
    "city_municipality": ["ทน.", "เทศบาลนคร"],
    "town_municipality": ["ทม.", "เทศบาลเมือง ", "ทม "],
    "subdistrict_municipality": ["ทต.", "เทศบาลตำบล", "ทต. "],
    "sao": ["อบต.", "อบต. ", "อบต ", "องค์การบริหารส่วนตำบล", ""],
}


def _question_ids() -> dict[str, str]:
    from shared.domain.form_schema import QUESTIONS

    items = canonical_form()["items"][1:]
    return {q.key: item["questionItem"]["question"]["questionId"] for q, item in zip(QUESTIONS, items, strict=True)}


QID = _question_ids()


class Generator:
    def __init__(self, seed: int = 2566) -> None:
        self.rng = random.Random(seed)
        self.clock = START
        self.versions: list[dict[str, Any]] = []
        self.provinces = geothai.provinces()

    def _id(self) -> str:
        return "ACYDBN" + "".join(self.rng.choices(string.ascii_letters + string.digits + "_-", k=34))

    def _tick(self) -> str:
        self.clock += timedelta(seconds=self.rng.randint(60, 3000), microseconds=self.rng.randint(0, 999999))
        nanos = self.rng.randint(0, 999)
        return self.clock.strftime("%Y-%m-%dT%H:%M:%S.%f") + (f"{nanos:03d}" if nanos % 3 else "") + "Z"

    def place(self) -> tuple[str, str, str]:
        province = self.rng.choice(self.provinces)
        district = self.rng.choice(geothai.districts(province.code))
        tambon = self.rng.choice(geothai.subdistricts(district.code))
        return province.name_th, district.name_th, tambon.name_th

    def answers(self, **values: Any) -> dict[str, Any]:
        out = {}
        for key, value in values.items():
            if value is None:
                continue
            items = value if isinstance(value, list) else [value]
            out[QID[key]] = {"questionId": QID[key], "textAnswers": {"answers": [{"value": v} for v in items]}}
        return out

    def phone(self) -> str:
        patterns = ["08{}-{}{}{}-{}{}{}{}", "0-4{}{}{}-{}{}{}{}", "02 {}{}{} {}{}{}{}", "+66 9{} {}{}{} {}{}{}{}"]
        number = self.rng.choice(patterns)
        text = number.format(*(self.rng.randint(0, 9) for _ in range(10)))
        if self.rng.random() < 0.15:
            text = text.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        if self.rng.random() < 0.1:
            text += f" ต่อ {self.rng.randint(100, 999)}"
        return text

    def valid_values(self, lao_type: str | None = None) -> dict[str, Any]:
        lao_type = lao_type or self.rng.choices(list(_TYPE_PREFIXES), weights=[2, 1, 4, 25, 60])[0]
        province, district, tambon = self.place()
        prefix = self.rng.choice(_TYPE_PREFIXES.get(lao_type, [""]))
        name = province if lao_type == "pao" else tambon
        if self.rng.random() < 0.05:
            name = "\u200b" + name + "\ufeff"
        district_text = self.rng.choice([district, "อ." + district, "อำเภอ" + district, " " + district + " "])
        problems = self.rng.sample(list(PROBLEMS.values()), self.rng.randint(1, 4))
        if self.rng.random() < 0.12:
            problems.append(self.rng.choice(["ระบบช้ามากในช่วงใกล้กำหนดส่ง", "ไม่มีเจ้าหน้าที่ผู้รับผิดชอบโดยตรง"]))
        return {
            "lao_name": prefix + name,
            "lao_type": LAO_TYPES[lao_type],
            "district": district_text,
            "province": province,
            "reporting_status": self.rng.choice(list(REPORTING_STATUSES.values())),
            "problems": problems,
            "problem_details": self.rng.choice([None, "ระบบไม่เปิดให้แก้ไขหลังยืนยันข้อมูล", "ไม่แน่ใจว่าต้องใช้คะแนน ITA ส่วนใด"]),
            "suggestions": self.rng.choice([None, "ขอให้จัดอบรมชี้แจงเพิ่มเติม", "ขอคู่มือการใช้งานระบบ"]),
            "reporter_name": self.rng.choice(["สมชาย ใจดี", "สมหญิง รักงาน", "ประเสริฐ มั่นคง", "วิไล ศรีสุข"]),
            "reporter_position": self.rng.choice(["นักทรัพยากรบุคคล", "ปลัด อบต.", "หัวหน้าสำนักปลัด", "นิติกร"]),
            "phone": self.phone(),
            "email": self.rng.choice([None, "hr.office@example.go.th", "saraban@example.go.th"]),
        }

    def submit(self, values: dict[str, Any], response_id: str | None = None,
               created: str | None = None) -> dict[str, Any]:
        when = self._tick()
        response = {
            "responseId": response_id or self._id(),
            "createTime": created or when,
            "lastSubmittedTime": when,
            "answers": self.answers(**values),
        }
        self.versions.append(response)
        return response


def build() -> dict[str, Any]:
    gen = Generator()
    firsts: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for _ in range(255):
        values = gen.valid_values()
        firsts.append((gen.submit(values), values))
    for lao_type in ("bangkok", "pattaya"):
        values = gen.valid_values(lao_type)
        values.update(lao_name=LAO_TYPES[lao_type], district=None,
                      province="กรุงเทพมหานคร" if lao_type == "bangkok" else "ชลบุรี")
        firsts.append((gen.submit(values), values))
    # A second report of the same LAO, written differently: the later one counts.
    for _response, values in firsts[:8]:
        again = dict(values, lao_name=values["lao_name"].replace("อบต.", "องค์การบริหารส่วนตำบล "),
                     reporting_status="รายงานผลครบถ้วนแล้ว")
        gen.submit(again)
    invalid_changes = {
        "lao_name_missing": {"lao_name": "อบต. "},
        "district_missing": {"district": None},
        "lao_type_missing": {"lao_type": None},
        "lao_type_unknown": {"lao_type": "สหกรณ์"},
        "province_unresolved": {"province": "จังหวัดสมมุติ"},
        "status_missing": {"reporting_status": None},
        "status_unknown": {"reporting_status": "กำลังดำเนินการ"},
        "no_problem_selected": {"problems": ["  \u200b "]},
    }
    for changes in invalid_changes.values():
        for _ in range(2):
            gen.submit({**gen.valid_values(), **changes})
    warning_changes = [
        {"phone": "1234"}, {"phone": None}, {"email": "not-an-email"}, {"reporter_name": None},
        {"reporter_position": None}, {"district": "อำเภอที่ไม่มีจริง"}, {"problem_details": "ก" * 5200},
    ]
    for changes in warning_changes:
        gen.submit({**gen.valid_values(), **changes})
    # Formula-looking and markup text must survive as plain text downstream.
    gen.submit({**gen.valid_values(), "problem_details": "=HYPERLINK(\"http://x\") <script>alert(1)</script>"})
    # Edits: same responseId, later lastSubmittedTime.
    edits = firsts[20:35]
    for index, (response, values) in enumerate(edits):
        if index < 9:
            new_values = dict(values, problems=[PROBLEMS["too_many_forms"]])
        elif index < 12:
            new_values = gen.valid_values()  # moves to another LAO
        else:
            new_values = dict(values, lao_type=None)  # becomes invalid
        gen.submit(new_values, response_id=response["responseId"], created=response["createTime"])
    for _ in range(300 - len({v["responseId"] for v in gen.versions})):
        gen.submit(gen.valid_values())
    deleted = [firsts[40][0]["responseId"], firsts[41][0]["responseId"]]
    return {"form_id": "demo-form", "versions": gen.versions, "deleted_later": deleted}


if __name__ == "__main__":
    data = build()
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    ids = {v["responseId"] for v in data["versions"]}
    print(f"wrote {OUT}: {len(data['versions'])} versions of {len(ids)} responses")
