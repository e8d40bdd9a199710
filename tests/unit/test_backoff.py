"""Backoff before asking a Google API again: exponential, honouring Retry-After, within a budget."""

from datetime import UTC, datetime

import pytest

from shared.domain.backoff import BUDGET_SECONDS, next_wait, retry_after_seconds

NOW = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize(("header", "seconds"), [
    (None, None), ("", None), ("10", 10.0), (" 3 ", 3.0), ("Sun, 29 Nov 2026 06:00:20 GMT", 20.0),
    ("Sun, 29 Nov 2026 05:59:00 GMT", 0.0), ("soon", None),
])
def test_retry_after_is_read_as_seconds_or_an_http_date(header, seconds):
    assert retry_after_seconds(header, NOW) == seconds


def test_waits_grow_exponentially_and_stop_after_two_retries():
    assert [next_wait(n, None, 0, rand=0.5) for n in (1, 2, 3)] == [1.0, 2.0, None]


def test_a_server_asking_for_longer_is_obeyed_within_the_budget_and_beyond_it_we_give_up_at_once():
    assert next_wait(1, 10.0, 0, rand=0.5) == 10.0
    assert next_wait(2, 10.0, 25.0, rand=0.5) is None  # 35 s in all would exceed the budget
    assert next_wait(1, BUDGET_SECONDS + 1, 0, rand=0.5) is None
