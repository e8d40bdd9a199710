"""Responses whose store fails transiently (a lock a dead worker left) are come back to
after the others, within a budget longer than Firestore's lock lifetime; the cursor
never passes one still unstored."""

from shared.ports import SaveOutcome, TransientError
from shared.services.ingest import RetryPolicy, ingest_responses
from shared.services.mapping import MappingProvider
from tests.support import builders
from tools.write_form_json import canonical_form


class Store:
    """Only what ingest needs; ``locked`` maps a responseId to how many attempts fail."""

    def __init__(self, locked):
        self.locked = dict(locked)
        self.saved = []
        self.mapping = None

    def load_mapping(self):
        return self.mapping

    def save_mapping(self, mapping):
        self.mapping = mapping

    def save_version(self, response, raw, evaluation, *, reevaluate_equal=False):
        if self.locked.get(response.response_id, 0) > 0:
            self.locked[response.response_id] -= 1
            raise TransientError("lock timeout")
        self.saved.append(response.response_id)
        return SaveOutcome.CREATED


class Forms:
    def get_form(self):
        form = canonical_form()
        form["formId"] = "demo-form"
        return form


class Clock:
    def __init__(self):
        self.now = 0.0
        self.pauses = []

    def sleep(self, seconds):
        self.pauses.append(seconds)
        self.now += seconds


def run(locked, budget=90.0):
    store, clock = Store(locked), Clock()
    raws = [builders.response(response_id=f"r{i}", created=f"2024-01-05T03:00:0{i}Z") for i in range(4)]
    policy = RetryPolicy(budget_seconds=budget, sleep=clock.sleep, clock=lambda: clock.now)
    report = ingest_responses(raws, store, MappingProvider(store, Forms(), ttl_seconds=3600), retry=policy)
    return report, store, clock


def test_a_response_locked_for_a_minute_is_stored_after_the_others_and_the_cursor_passes_it():
    report, store, clock = run({"r1": 4})  # fails at 0, 5, 15 and 35 s; stored at 75 s
    # The others are stored in the first round (at once, in any order), r1 only later.
    assert sorted(store.saved[:3]) == ["r0", "r2", "r3"] and store.saved[3] == "r1"
    assert report.failed == [] and report.newest_stored.rfc3339() == "2024-01-05T03:00:03Z"
    assert clock.pauses == [5.0, 10.0, 20.0, 40.0] and clock.now > 60


def test_a_response_still_locked_when_the_budget_ends_is_reported_and_holds_the_cursor_back():
    report, store, clock = run({"r2": 99})
    assert sorted(store.saved) == ["r0", "r1", "r3"] and report.failed == ["r2"]
    assert report.newest_stored.rfc3339() == "2024-01-05T03:00:01Z"
    assert clock.now == 90.0


def test_nothing_locked_means_no_pause():
    report, store, clock = run({})
    assert len(store.saved) == 4 and clock.pauses == [] and report.failed == []
