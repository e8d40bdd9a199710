"""The submissions of a national reporting round, in the order the Form receives them.

7,850 LAOs send 8,000 responses (150 of them a second one) over the week before a
deadline, 2,000 of them on the last day D; 15 % of the responses are edited later,
and 10 % of the Form's notifications arrive twice. Every lastSubmittedTime is later
than the one before it, as the Form stamps them on arrival.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import geothai

from shared.domain.codes import PROBLEMS
from shared.domain.geography import all_provinces
from tests.support import builders

DAY = date(2023, 12, 20)  # D, the busiest day: the digest and report are built for it
LAOS = 7_850
RESPONSES = 8_000
ON_DAY = 2_000
EDITED = 0.15
DUPLICATED = 0.10
BURST = 500


@dataclass(frozen=True)
class Submission:
    raw: dict[str, Any]  # a responses.list item, new or an edit of an earlier one
    duplicated: bool  # its notification is delivered twice


@dataclass(frozen=True)
class Scale:
    factor: float = 1.0

    def of(self, count: int) -> int:
        return max(1, round(count * self.factor))


@functools.cache
def _districts() -> dict[str, str]:
    """A real district of each province: the identity rule checks districts."""
    return {p.code: geothai.districts(p.code.removeprefix("TH-"))[0].name_th for p in all_provinces()}


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _answers(rng: random.Random, lao: int, districts: dict[str, str]) -> dict[str, Any]:
    provinces = all_provinces()
    province = provinces[lao % len(provinces)]
    return {"lao_name": f"ทดสอบ{lao:05d}", "province": province.name_th, "district": districts[province.code],
            "problems": rng.sample(list(PROBLEMS.values()), rng.randint(1, 3)),
            "problem_details": "ระบบรายงานแก้ไขข้อมูลไม่ได้หลังยืนยัน " * rng.randint(0, 6)}


def replay(scale: Scale) -> list[Submission]:
    """The round's submissions, new and edited, in arrival order."""
    rng = random.Random(2023)
    districts = _districts()
    laos, responses, on_day = scale.of(LAOS), scale.of(RESPONSES), scale.of(ON_DAY)
    day_start = datetime(DAY.year, DAY.month, DAY.day, tzinfo=UTC) - timedelta(hours=7)  # Bangkok midnight
    week = [day_start - timedelta(days=6) + timedelta(seconds=rng.uniform(0, 6 * 86400))
            for _ in range(responses - on_day)]
    last_day = [day_start + timedelta(seconds=rng.uniform(0, 86000)) for _ in range(on_day)]
    events: list[tuple[datetime, dict[str, Any]]] = []
    for index, created in enumerate(sorted(week) + sorted(last_day)):
        lao = index if index < laos else rng.randrange(laos)  # past the LAOs: a second response of one
        values = _answers(rng, lao, districts)
        response_id = f"nat-{index:05d}"
        events.append((created, builders.response(values, response_id=response_id, created=_iso(created))))
        if rng.random() < EDITED:
            edited = min(created + timedelta(minutes=rng.uniform(5, 600)), day_start + timedelta(hours=23, minutes=59))
            values = {**values, "problems": rng.sample(list(PROBLEMS.values()), rng.randint(1, 3))}
            events.append((edited, builders.response(values, response_id=response_id, created=_iso(created),
                                                     submitted=_iso(edited))))
    events.sort(key=lambda event: event[0])
    # Strictly increasing lastSubmittedTime, one microsecond apart at the least.
    previous = datetime.min.replace(tzinfo=UTC)
    submissions = []
    for moment, raw in events:
        moment = max(moment, previous + timedelta(microseconds=1))
        previous = moment
        raw["lastSubmittedTime"] = _iso(moment)
        submissions.append(Submission(raw, rng.random() < DUPLICATED))
    return submissions


def burst(scale: Scale, after: datetime) -> list[dict[str, Any]]:
    """New responses arriving together, after everything else."""
    rng = random.Random(500)
    districts = _districts()
    first_lao = scale.of(LAOS)
    out = []
    for index in range(scale.of(BURST)):
        moment = _iso(after + timedelta(milliseconds=index + 1))
        out.append(builders.response(_answers(rng, first_lao + index, districts), response_id=f"burst-{index:04d}",
                                     created=moment))
    return out
