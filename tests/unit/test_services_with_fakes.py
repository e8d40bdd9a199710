"""Services against small fakes of our own ports: the decisions, without any I/O."""

from datetime import UTC, date, datetime, timedelta

import pytest

from shared.digest.ports import Claim, SendOutcomeUnknown
from shared.digest.service import Addressing, due_days, send_digest
from shared.domain.timestamps import Instant
from shared.ports import WatchNotFound
from shared.services.watches import ensure_watches

NOW = datetime(2024, 1, 6, 1, 0, tzinfo=UTC)


class FakeWatches:
    def __init__(self, watches, renew_fails=False):
        self.watches = {w["id"]: w for w in watches}
        self.calls = []
        self.renew_fails = renew_fails
        self.recorded = None

    def list_watches(self):
        return list(self.watches.values())

    def create_watch(self, event_type, topic):
        self.calls.append(f"create {event_type}")
        watch = {"id": f"new-{event_type}", "eventType": event_type, "state": "ACTIVE",
                 "expireTime": Instant.from_datetime(NOW + timedelta(days=7)).rfc3339()}
        self.watches[watch["id"]] = watch
        return watch

    def renew_watch(self, watch_id):
        self.calls.append(f"renew {watch_id}")
        if self.renew_fails:
            raise WatchNotFound(watch_id)
        return self.watches[watch_id]

    def delete_watch(self, watch_id):
        self.calls.append(f"delete {watch_id}")
        raise WatchNotFound(watch_id)  # already gone: must not stop the recreation

    def record_watches(self, state):
        self.recorded = state


def watch(event_type, expires_in, state="ACTIVE"):
    return {"id": f"w-{event_type}", "eventType": event_type, "state": state,
            "expireTime": Instant.from_datetime(NOW + expires_in).rfc3339()}


def test_a_renewal_answered_not_found_falls_back_to_creating_the_watch():
    fake = FakeWatches([watch("RESPONSES", timedelta(hours=5)), watch("SCHEMA", timedelta(days=6))],
                       renew_fails=True)
    actions = {a.event_type: a.action for a in ensure_watches(fake, fake, "projects/p/topics/t", NOW)}
    assert actions == {"RESPONSES": "recreated", "SCHEMA": "kept"}
    assert fake.calls == ["renew w-RESPONSES", "create RESPONSES"]
    assert fake.recorded["RESPONSES"]["watch_id"] == "new-RESPONSES"


def test_a_suspended_watch_already_deleted_is_still_recreated():
    fake = FakeWatches([watch("RESPONSES", timedelta(days=6), state="SUSPENDED"),
                        watch("SCHEMA", timedelta(days=6))])
    actions = {a.event_type: a.action for a in ensure_watches(fake, fake, "projects/p/topics/t", NOW)}
    assert actions["RESPONSES"] == "recreated"
    assert fake.calls == ["delete w-RESPONSES", "create RESPONSES"]


class FakeLedger:
    def __init__(self, sent=()):
        self.sent = set(sent)
        self.marks = []

    def claim(self, day, *, force, now, lease_seconds):
        return None if day in self.sent and not force else Claim(day, "token", None)

    def mark_sent(self, claim, *, gmail_id, ids, counts):
        self.sent.add(claim.day)
        self.marks.append(("sent", claim.day, ids.message_id))
        return True

    def mark_failed(self, claim, *, in_doubt, error, ids):
        self.marks.append(("in_doubt" if in_doubt else "failed", claim.day, ids.message_id))
        return True

    def sent_days(self, days):
        return self.sent & set(days)


class EmptyReader:
    def __init__(self, first_day=None):
        self.first_day = first_day

    def counters(self):
        return {f"by_submission_date.{self.first_day}": 1} if self.first_day else {}

    def responses_created_on(self, day, *, contacts):
        return []

    def responses_edited_on(self, day, *, contacts):
        return []

    def count_edited_on(self, day):
        return 0

    def invalid_responses(self):
        return []

    def responses_with_warnings(self, *, contacts):
        return []

    def lao_reports(self, *, contacts):
        return []

    def lao_snapshot(self):
        return None

    def reconcile_status(self):
        return None

    def roster(self):
        return None

    def watch_health(self):
        return []

    def mapping_missing_titles(self):
        return []

    def mapping_unmapped_options(self):
        return []


class Mailer:
    def __init__(self, error=None):
        self.error = error
        self.sent = []

    def send(self, raw):
        if self.error:
            raise self.error
        self.sent.append(raw)
        return f"id{len(self.sent)}"


ADDRESSING = Addressing("digest@moi.go.th", ["a@moi.go.th"])


@pytest.mark.parametrize(("error", "mark"),
                         [(SendOutcomeUnknown("timeout"), "in_doubt"), (OSError("refused"), "failed")])
def test_a_send_that_fails_or_times_out_is_recorded_as_such_and_raised_for_a_retry(error, mark):
    ledger = FakeLedger()
    with pytest.raises(type(error)):
        send_digest(date(2024, 1, 5), reader=EmptyReader(), ledger=ledger, mailer=Mailer(error),
                    addressing=ADDRESSING, now=NOW)
    assert ledger.marks == [(mark, date(2024, 1, 5), "<lao-ethics-digest-2024-01-05@moi.go.th>")]


def test_a_new_deployment_sends_only_yesterday_not_a_week_of_empty_digests():
    assert due_days(date(2024, 1, 6), EmptyReader(), FakeLedger()) == [date(2024, 1, 5)]


def test_catch_up_starts_at_the_first_submission_and_skips_what_was_sent():
    ledger = FakeLedger(sent={date(2024, 1, 3)})
    assert due_days(date(2024, 1, 6), EmptyReader("2024-01-02"), ledger) == [
        date(2024, 1, 2), date(2024, 1, 4), date(2024, 1, 5)]
    assert due_days(date(2024, 1, 30), EmptyReader("2024-01-02"), ledger)[0] == date(2024, 1, 23)
