"""A generated LAO roster across all 77 provinces, written the ways the DLA and
analysts write it, with its expected entries computed independently."""

from __future__ import annotations

import csv
import io
import random

import geothai

from shared.domain.geography import all_provinces

TYPES = [("sao", "องค์การบริหารส่วนตำบล"), ("subdistrict_municipality", "เทศบาลตำบล"),
         ("town_municipality", "เทศบาลเมือง")]
SYLLABLES = ["บ้าน", "หนอง", "โนน", "ดง", "นา", "ท่า", "โคก", "วัง", "ห้วย", "บึง", "ป่า", "สระ", "แม่", "คลอง"]
ENDINGS = ["เหล่า", "บัว", "สูง", "ใหญ่", "น้อย", "แดง", "ทอง", "งาม", "ยาว", "กลาง", "ใต้", "เหนือ", "ทราย"]


def generated_roster(count: int = 3_000, seed: int = 3) -> list[dict[str, str]]:
    """Rows of the simple layout: lao_code, name, lao_type (code), district, province (ISO)."""
    rng = random.Random(seed)
    provinces = all_provinces()
    rows, seen = [], set()
    code = 1_000_000
    while len(rows) < count:
        province = provinces[len(rows) % len(provinces)]
        if province.code == "TH-10":
            if ("bangkok",) in seen:
                province = provinces[(len(rows) + 1) % len(provinces)]
            else:
                seen.add(("bangkok",))
                rows.append({"lao_code": "1000000", "name": "กรุงเทพมหานคร", "lao_type": "bangkok",
                             "district": "", "province": "TH-10"})
                continue
        district = rng.choice(geothai.districts(province.code.removeprefix("TH-"))).name_th
        lao_type, _ = rng.choice(TYPES)
        name = rng.choice(SYLLABLES) + rng.choice(ENDINGS) + rng.choice(["", "พัฒนา", "ใหม่"])
        key = (province.code, district, lao_type, name)
        if key in seen:
            continue
        seen.add(key)
        code += 1
        rows.append({"lao_code": str(code), "name": name, "lao_type": lao_type, "district": district,
                     "province": province.code})
    return rows


def simple_csv(rows: list[dict[str, str]], bom: bool = True) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["lao_code", "name", "lao_type", "district", "province"])
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if bom else "") + out.getvalue()


def dla_csv(rows: list[dict[str, str]], tambons_each: int = 3) -> str:
    """The DLA's layout: Thai headers, full type names, one row per LAO × subdistrict."""
    labels = dict(TYPES) | {"bangkok": "กรุงเทพมหานคร"}
    names = {p.code: p.name_th for p in all_provinces()}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["จังหวัด", "อำเภอ", "ตำบล", "รหัส อปท.", "ประเภท อปท.", "อปท."])
    for row in rows:
        full = f"{labels[row['lao_type']]}{row['name']}" if row["lao_type"] != "bangkok" else row["name"]
        for n in range(tambons_each):
            writer.writerow([names[row["province"]], row["district"], f"ตำบลที่{n}", row["lao_code"],
                             labels[row["lao_type"]], full])
    return "\ufeff" + out.getvalue()
