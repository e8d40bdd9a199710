"""How long grouping what LAOs wrote into sentence themes takes: 10,000 answers.

Answers of one to three sentences drawn from 400 distinct sentences, each written
in several ways (spacing, a polite ending, Thai digits, a zero-width space), plus
one sentence of its own per answer. Run: .venv/bin/python -m benchmarks.themes  (target: under 2 s)
"""

from __future__ import annotations

import random
import statistics
import time

from shared.domain.sentence_themes import Answer, sentence_themes

ANSWERS = 10_000
_SUBJECTS = ["ระบบ", "แบบฟอร์ม", "เจ้าหน้าที่", "คู่มือ", "การลงทะเบียน", "คะแนน ITA", "ตัวชี้วัด KPI", "ผู้บริหาร"]
_PREDICATES = ["ไม่เปิดให้แก้ไขหลังยืนยันข้อมูล", "ช้ามากในช่วงใกล้กำหนดส่ง", "ไม่ชัดเจนว่าต้องกรอกส่วนใด",
               "มีหลายแบบเกินไปต้องกรอกซ้ำ", "ยังไม่ได้รับคำชี้แจงจากส่วนกลาง", "ขอให้จัดอบรมชี้แจงเพิ่มเติม",
               "ไม่สามารถเข้าสู่ระบบได้ในวันที่ 5", "ต้องใช้เวลานานในการรวบรวมข้อมูล", "ขาดผู้รับผิดชอบโดยตรง",
               "ควรมีตัวอย่างการกรอกที่ถูกต้อง"]
_ENDINGS = ["", " ", "ครับ", " ค่ะ", "\u200b"]


def answers(seed: int = 1) -> list[Answer]:
    rng = random.Random(seed)
    distinct = [f"{s}{p}{'' if n == 0 else f' กรณีที่ {n}'}" for n in range(5) for s in _SUBJECTS
                for p in _PREDICATES][:400]
    result = []
    for index in range(ANSWERS):
        chosen = [rng.choice(distinct) + rng.choice(_ENDINGS) for _ in range(rng.randint(1, 3))]
        chosen.append(f"ข้อความเฉพาะของ อปท. แห่งที่ {index} เรื่องที่ {rng.randint(1, 10**6)}")
        result.append(Answer(f"lao{index % 7_850}", "\n".join(chosen)))
    return result


def main() -> None:
    data = answers()
    timings = []
    for run in range(3):
        started = time.perf_counter()
        found = sentence_themes(data, limit=10)
        timings.append(time.perf_counter() - started)
        print(f"run {run + 1}: {timings[-1]:.2f} s, {found.answers:,} answers, top theme by "
              f"{found.themes[0].laos:,} LAOs in {found.themes[0].wordings} wordings")
    print(f"median: {statistics.median(timings):.2f} s (target < 2 s)")


if __name__ == "__main__":
    main()
