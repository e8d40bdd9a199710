"""The listing lease: one lister at a time. A lease is taken over only once it has
expired, which is how a crashed holder's lease is recovered."""

from __future__ import annotations

from datetime import datetime, timedelta

from shared.domain.timestamps import Instant


def lease_until(now: datetime, seconds: int) -> datetime:
    return now + timedelta(seconds=seconds)


def may_take_over(expires_at: datetime, now: datetime) -> bool:
    return expires_at <= now


# Pub/Sub's publishTime and our clocks are both Google's, synchronised far closer than this.
COVERED_MARGIN_NS = 2_000_000_000


def covered_by_listing(published: Instant | None, listing_started: Instant | None) -> bool:
    """A notification needs no listing of its own when a listing that completed began after
    it was published: the Form publishes once the response is submitted, and a notification
    carries no data, only "fetch fresh data" (Forms API, push notifications). A burst of
    notifications delivered over minutes then costs one listing, not one each; a response
    the listing still missed (an indexing delay) is the next reconcile's, as before."""
    if published is None or listing_started is None:
        return False
    return listing_started.ns >= published.ns + COVERED_MARGIN_NS
