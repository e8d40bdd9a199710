"""What the digest needs from the outside world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from shared.digest.model import FollowUpRow, LaoReports, LaoSnapshot, ReconcileStatus, ReportRow, WatchHealth
from shared.domain.ledger import MessageIds
from shared.domain.roster import RosterEntry


class DigestReader(Protocol):
    def responses_created_on(self, day: date, *, contacts: bool) -> list[ReportRow]: ...

    def responses_edited_on(self, day: date, *, contacts: bool) -> list[ReportRow]:
        """Last submitted on ``day`` but created earlier."""
        ...

    def count_edited_on(self, day: date) -> int:
        """How many ``responses_edited_on(day)`` would return, without reading them."""
        ...

    def counters(self) -> dict[str, int]: ...

    def invalid_responses(self) -> list[FollowUpRow]: ...

    def responses_with_warnings(self, *, contacts: bool) -> list[FollowUpRow]:
        """Valid responses with a warning (a phone that is not one, an unknown district...)."""
        ...

    def lao_reports(self, *, contacts: bool) -> list[LaoReports]:
        """Every LAO that has reported, with all its counted reports."""
        ...

    def lao_snapshot(self) -> LaoSnapshot | None:
        """``lao_reports`` as of the last summaries refresh, without contacts; None before the first."""
        ...

    def reconcile_status(self) -> ReconcileStatus | None: ...

    def roster(self) -> list[RosterEntry] | None:
        """The LAO roster; None while none is loaded (coverage unknown)."""
        ...

    def watch_health(self) -> list[WatchHealth]: ...

    def mapping_missing_titles(self) -> list[str]:
        """The required questions the live form lacks; empty while the mapping is whole."""
        ...

    def mapping_unmapped_options(self) -> list[tuple[str, str]]:
        """(question title, option) for each live option we have no code for (reworded on the form)."""
        ...


@dataclass(frozen=True)
class Claim:
    """Permission to send one date's digest, held by one invocation."""

    day: date
    token: str
    previous_status: str | None  # None, "failed", "in_doubt", "sent" (with --force)
    previous_ids: MessageIds | None = None  # what the previous send of the date carried


class DigestLedger(Protocol):
    """The `digests/{YYYY-MM-DD}` records that make each date's digest go out once."""

    def claim(self, day: date, *, force: bool, now: datetime, lease_seconds: int) -> Claim | None: ...

    def mark_sent(self, claim: Claim, *, gmail_id: str, ids: MessageIds, counts: dict[str, int]) -> bool:
        """False when a newer claim took the date over (this claim's lease had expired): nothing written."""
        ...

    def mark_failed(self, claim: Claim, *, in_doubt: bool, error: str, ids: MessageIds) -> bool: ...

    def sent_days(self, days: list[date]) -> set[date]: ...


class SendOutcomeUnknown(Exception):
    """The send timed out or its connection was lost: the message may or may not have gone."""


class MailerAuthFailed(Exception):
    """The token endpoint refused the sender's credential; the message says why and how to fix it."""


class Mailer(Protocol):
    def send(self, raw_message: bytes) -> str:
        """Send an RFC 2822 message; returns the Gmail message id."""
        ...
