"""Counters moved transition by transition always equal a full recount."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.domain.counting import (
    CountedResponse,
    LaoRecord,
    affected_laos,
    full_count,
    plan_transition,
)

LAOS = [("TH-40:a:sao:x", "sao", "TH-40"), ("TH-40:b:sao:x", "sao", "TH-40"), ("bangkok", "bangkok", "TH-10")]


def apply(state, laos, counters, after):
    """What the Firestore transaction does, over plain dicts."""
    before = state.get(after.response_id)
    ids = affected_laos(before, after)
    transition = plan_transition(before, after, {i: laos.get(i) for i in ids})
    laos.update(transition.laos)
    for key, delta in transition.counter_delta.items():
        counters[key] = counters.get(key, 0) + delta
    state[after.response_id] = after


def nonzero(counters):
    return {k: v for k, v in counters.items() if v}


versions = st.builds(
    lambda rid, ns, lao, valid, deleted, status, problems, day: CountedResponse(
        response_id=f"r{rid}", submitted_ns=ns, submission_date=f"2024-01-0{day}", deleted=deleted,
        valid=valid, lao_id=LAOS[lao][0], lao_type=LAOS[lao][1], province_code=LAOS[lao][2],
        status=status, problems=tuple(problems)),
    st.integers(0, 5), st.integers(0, 4), st.integers(0, 2), st.booleans(), st.booleans(),
    st.sampled_from(["not_reported", "reported_partial"]),
    st.lists(st.sampled_from(["too_many_forms", "training_unclear", "other"]), unique=True, max_size=3),
    st.integers(1, 3),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(versions, max_size=25))
def test_any_sequence_of_transitions_keeps_counters_equal_to_a_full_recount(sequence):
    state, laos, counters = {}, {}, {}
    for version in sequence:
        # Creation date is fixed by the first version, as in the Forms API.
        first = state.get(version.response_id)
        if first is not None:
            version = replace(version, submission_date=first.submission_date)
        apply(state, laos, counters, version)
    assert nonzero(counters) == full_count(list(state.values()))
    total, valid, invalid = (counters.get(f"responses.{k}", 0) for k in ("total", "valid", "invalid"))
    assert total == valid + invalid
    assert sum(v for k, v in counters.items() if k.startswith("by_submission_date.")) == total
    reporting = counters.get("laos_reporting", 0)
    for group in ("by_province.", "by_lao_type.", "by_status."):
        assert sum(v for k, v in counters.items() if k.startswith(group)) == reporting


def version(rid, ns, lao=0, **kw):
    return CountedResponse(response_id=rid, submitted_ns=ns, submission_date="2024-01-05", valid=True,
                           lao_id=LAOS[lao][0], lao_type="sao", province_code="TH-40",
                           status="not_reported", problems=("too_many_forms",), **kw)


def test_the_latest_report_of_an_lao_is_its_current_one_and_is_counted_once():
    state, laos, counters = {}, {}, {}
    apply(state, laos, counters, version("r1", 10))
    apply(state, laos, counters, replace(version("r2", 20), status="reported_partial"))
    assert counters["laos_reporting"] == 1
    assert nonzero(counters)["by_status.reported_partial"] == 1
    assert "by_status.not_reported" not in nonzero(counters)
    assert counters["responses.total"] == 2


def test_a_tie_in_time_goes_to_the_greater_response_id():
    record = LaoRecord("x", "sao", {"a": version("a", 5).member(), "b": version("b", 5).member()})
    assert record.current()[0] == "b"


def test_moving_a_response_to_another_lao_moves_its_counts():
    state, laos, counters = {}, {}, {}
    apply(state, laos, counters, version("r1", 10, lao=0))
    apply(state, laos, counters, replace(version("r1", 20, lao=1), province_code="TH-41"))
    assert laos[LAOS[0][0]].current() is None
    assert nonzero(counters)["by_province.TH-41"] == 1 and "by_province.TH-40" not in nonzero(counters)


def test_a_deleted_response_counts_nowhere_but_in_deleted():
    state, laos, counters = {}, {}, {}
    apply(state, laos, counters, version("r1", 10))
    apply(state, laos, counters, version("r1", 10, deleted=True))
    assert nonzero(counters) == {"responses.deleted": 1}
