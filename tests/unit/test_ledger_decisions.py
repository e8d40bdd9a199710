"""Who may send a date's digest, and whose result the ledger keeps."""

from datetime import UTC, datetime, timedelta

import pytest

from shared.domain.ledger import holds, may_claim

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
