"""The national replay is the benchmark's fixture: it must be the round the issue
describes, in an order the Form could have produced."""

from collections import Counter
from datetime import datetime

from benchmarks.record import Row, markdown
from benchmarks.replay_plan import DAY, Scale, burst, replay
from shared.domain.timestamps import BANGKOK, Instant
from tests.support.builders import QUESTION_IDS


def test_the_replay_is_a_national_round_in_arrival_order():
    plan = replay(Scale(1.0))
    times = [Instant.parse(s.raw["lastSubmittedTime"]).ns for s in plan]
    assert times == sorted(times) and len(set(times)) == len(times)  # strictly increasing, as the Form stamps
    versions = Counter(s.raw["responseId"] for s in plan)
    assert len(versions) == 8_000
    assert 0.13 < sum(1 for n in versions.values() if n == 2) / 8_000 < 0.17  # 15 % edited once
    firsts = {s.raw["responseId"]: s.raw for s in reversed(plan)}
    lao_name = QUESTION_IDS["lao_name"]
    laos = Counter(raw["answers"][lao_name]["textAnswers"]["answers"][0]["value"] for raw in firsts.values())
    assert len(laos) == 7_850 and sum(n - 1 for n in laos.values()) == 150  # 150 LAOs answered twice
    on_day = sum(1 for raw in firsts.values()
                 if datetime.fromisoformat(raw["createTime"].replace("Z", "+00:00")).astimezone(BANGKOK).date() == DAY)
    assert on_day == 2_000
    assert 0.08 < sum(s.duplicated for s in plan) / len(plan) < 0.12
    edited = [s.raw for s in plan if s.raw["lastSubmittedTime"] != s.raw["createTime"]]
    assert all(raw["lastSubmittedTime"] > raw["createTime"] for raw in edited)


def test_the_burst_comes_after_the_replay_and_scales_down():
    plan = replay(Scale(0.1))
    newest = max(datetime.fromisoformat(s.raw["lastSubmittedTime"].replace("Z", "+00:00")) for s in plan)
    arriving = burst(Scale(0.1), newest)
    assert len(arriving) == 50 and len({r["responseId"] for r in arriving}) == 50
    assert min(Instant.parse(r["lastSubmittedTime"]) for r in arriving) > Instant.parse(
        max(s.raw["lastSubmittedTime"] for s in plan))


def test_the_table_marks_a_missed_target_and_leaves_figures_without_one_blank():
    table = markdown([Row("digest", "build", "4.1 s", "2.5 s", 1.63, "< 2 s", False), Row("replay", "reads", "3.4")])
    assert "| digest | build | 4.1 s | 2.5 s | 1.63 | < 2 s | **missed** |" in table
    assert "| replay | reads | 3.4 | — |  | — |  |" in table
