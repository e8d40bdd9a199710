"""Who may send a date's digest, and whose result the ledger keeps."""

from datetime import UTC, datetime, timedelta

import pytest

from shared.domain.ledger import MessageIds, holds, may_claim, message_ids

NOW = datetime(2026, 11, 29, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(("record", "force", "allowed"), [
    (None, False, True),
    ({"status": "failed"}, False, True),
    ({"status": "in_doubt"}, False, True),
    ({"status": "sent"}, False, False),
    ({"status": "sent"}, True, True),
    ({"status": "sending", "lease_until": NOW + timedelta(minutes=5)}, False, False),
    ({"status": "sending", "lease_until": NOW + timedelta(minutes=5)}, True, False),
    ({"status": "sending", "lease_until": NOW - timedelta(seconds=1)}, False, True),
], ids=["new", "failed", "in-doubt", "sent", "sent-forced", "live-lease", "live-lease-forced", "expired-lease"])
def test_whether_a_date_may_be_claimed(record, force, allowed):
    assert may_claim(record, NOW, force=force) is allowed


def test_only_the_claim_the_record_names_may_write_its_result():
    assert holds({"claim_token": "b"}, "b")
    assert not holds({"claim_token": "b"}, "a") and not holds(None, "a")


FIRST, FRESH = "<d-2024-01-05@moi.go.th>", "<d-2024-01-05.abc@moi.go.th>"


def test_a_first_send_carries_the_dates_own_message_id():
    assert message_ids(FIRST, FRESH, None, None) == MessageIds(FIRST)


@pytest.mark.parametrize("status", ["in_doubt", "failed"])
def test_a_send_that_may_have_gone_or_did_not_is_repeated_with_the_id_it_had(status):
    correction = MessageIds("<d-2024-01-05.x1@moi.go.th>", (FIRST,))
    assert message_ids(FIRST, FRESH, status, MessageIds(FIRST)) == MessageIds(FIRST)
    assert message_ids(FIRST, FRESH, status, correction) == correction


def test_a_deliberate_resend_of_a_sent_digest_gets_a_new_id_that_references_the_earlier_ones():
    first_correction = message_ids(FIRST, FRESH, "sent", MessageIds(FIRST))
    assert first_correction == MessageIds(FRESH, (FIRST,)) and first_correction.correction
    second = message_ids(FIRST, "<d.second@moi.go.th>", "sent", first_correction)
    assert second == MessageIds("<d.second@moi.go.th>", (FIRST, FRESH))
