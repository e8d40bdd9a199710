"""Ingesting Form responses: evaluate each version and store it with its counts."""

from __future__ import annotations

import contextvars
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from shared import logs
from shared.domain.evaluation import Evaluation, evaluate
from shared.domain.responses import FormResponse
from shared.domain.timestamps import Instant
from shared.ports import FormsGateway, Responses, ResponseStore, SaveOutcome, TransientError, Unstorable
from shared.services.mapping import MappingProvider


@dataclass
class IngestReport:
    outcomes: dict[str, int] = field(default_factory=dict)
    malformed: int = 0  # quarantined: unreadable, or impossible to store as it is
    failed: list[str] = field(default_factory=list)  # responseIds whose store failed transiently
    newest_stored: Instant | None = None  # how far the cursor may move

    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def count(self, outcome: SaveOutcome) -> None:
        with self._lock:
            self.outcomes[outcome.value] = self.outcomes.get(outcome.value, 0) + 1

    def count_malformed(self) -> None:
        with self._lock:
            self.malformed += 1


# Versions are stored in this many lanes at once, each lane in order. Each version is
# its own transaction, and the domain decides which wins by timestamps, never by
# arrival, so lanes need no order among them. Versions of one LAO share a lane: Firestore
# locks the documents a transaction reads, and four transactions waiting on one LAO's
# record would only time out on its lock. Measured by benchmarks/national.py ("replay").
STORE_LANES = 4


class IngestIncomplete(TransientError):
    """Some responses could not be stored this time; raising makes the platform retry."""


@dataclass(frozen=True)
class RetryPolicy:
    """Coming back to responses whose store failed transiently (a lock left by a dead
    worker, Firestore briefly unavailable): after the others, for longer than Firestore
    keeps a dead transaction's locks (about 60 s), before giving up for the platform."""

    budget_seconds: float = 90.0
    first_pause_seconds: float = 5.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic


def ingest_responses(
    raw_responses: Iterable[dict[str, Any]], store: Responses, mappings: MappingProvider,
    *, reevaluate_equal: bool = False, retry: RetryPolicy = RetryPolicy(),
) -> IngestReport:
    """Store each response version; one response's trouble never blocks the others.

    Versions go oldest first, and ``newest_stored`` stops short of the first one
    still not stored, so a cursor moved to it never skips an unstored response.
    """
    report = IngestReport()
    parsed: list[tuple[FormResponse, dict[str, Any]]] = []
    for raw in raw_responses:
        try:
            parsed.append((FormResponse.from_api(raw), raw))
        except (ValidationError, ValueError) as exc:
            _quarantine(store, report, raw, _unreadable(exc))
    parsed.sort(key=lambda pair: (pair[0].submitted, pair[0].response_id))

    storing = _Storing(store, mappings, report, reevaluate_equal)
    # Evaluated once, here: CPU work gains nothing from threads, and the lanes need each LAO.
    evaluations = [storing.evaluate(response) for response, _ in parsed]
    pending = list(range(len(parsed)))
    deadline, pause = retry.clock() + retry.budget_seconds, retry.first_pause_seconds
    with ThreadPoolExecutor(max_workers=STORE_LANES, thread_name_prefix="store") as pool:
        def attempt(indexes: list[int]) -> list[int]:
            """The indexes still not stored. Each lane runs in a copy of the caller's context."""
            lanes = _lanes(indexes, lambda i: evaluations[i].lao_id or parsed[i][0].response_id)
            futures = [pool.submit(contextvars.copy_context().run, storing.store_each,
                                   [(*parsed[i], evaluations[i]) for i in lane]) for lane in lanes]
            failed = {i for lane, future in zip(lanes, futures, strict=True)
                      for i, stored in zip(lane, future.result(), strict=True) if not stored}
            return [i for i in indexes if i in failed]

        while True:
            pending = attempt(pending)
            remaining = deadline - retry.clock()
            if not pending or remaining <= 0:
                break
            logs.info("responses not stored yet; coming back to them", count=len(pending), pause_seconds=pause)
            retry.sleep(min(pause, remaining))
            pause *= 2
    for i in pending:
        report.failed.append(parsed[i][0].response_id)
        logs.warning("response not stored, will retry", response_id=parsed[i][0].response_id)
    first_unstored = pending[0] if pending else len(parsed)
    if first_unstored:
        report.newest_stored = parsed[first_unstored - 1][0].submitted
    return report


def _lanes(indexes: list[int], key: Callable[[int], str]) -> list[list[int]]:
    """The indexes split by key into at most STORE_LANES lanes, each in the given order."""
    lanes: list[list[int]] = [[] for _ in range(STORE_LANES)]
    for i in indexes:
        lanes[zlib.crc32(key(i).encode()) % STORE_LANES].append(i)
    return [lane for lane in lanes if lane]


class _Storing:
    """One attempt at one version: True once it is stored (or quarantined for good)."""

    def __init__(self, store: Responses, mappings: MappingProvider, report: IngestReport,
                 reevaluate_equal: bool) -> None:
        self._store, self._mappings, self._report = store, mappings, report
        self._reevaluate_equal = reevaluate_equal
        self._refreshed = False

    def evaluate(self, response: FormResponse) -> Evaluation:
        mapping = self._mappings.current()
        if not self._refreshed and not mapping.knows_all(set(response.answers)):
            # An unknown questionId means the form changed since we resolved it.
            mapping, self._refreshed = self._mappings.refresh(), True
        return evaluate(response, mapping)

    def store_each(self, versions: list[tuple[FormResponse, dict[str, Any], Evaluation]]) -> list[bool]:
        return [self.store(*version) for version in versions]

    def store(self, response: FormResponse, raw: dict[str, Any], evaluation: Evaluation) -> bool:
        try:
            outcome = self._store.save_version(response, raw, evaluation, reevaluate_equal=self._reevaluate_equal)
        except Unstorable as exc:
            # It will never fit: recorded, not counted, and the listing moves past it. An
            # edit (a newer lastSubmittedTime) is listed again and tried again.
            _quarantine(self._store, self._report, raw, exc.reason)
            return True
        except TransientError:
            return False
        self._report.count(outcome)
        if outcome is not SaveOutcome.UNCHANGED:
            logs.info("response stored", response_id=response.response_id, outcome=outcome.value,
                      valid=evaluation.valid, invalid_reasons=evaluation.invalid_reasons,
                      warnings=evaluation.warnings, lao_id=evaluation.lao_id)
        return True


def _quarantine(store: Responses, report: IngestReport, raw: dict[str, Any], problem: str) -> None:
    report.count_malformed()
    if store.record_malformed(raw, problem=problem):  # logged once per distinct content
        response_id = raw.get("responseId") if isinstance(raw, dict) else None
        logs.error("response quarantined: it cannot be stored as it is", problem=problem,
                   response_id=str(response_id)[:200] if response_id else None)


def _unreadable(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        fields = sorted({".".join(map(str, e["loc"])) for e in exc.errors()})
        return "unreadable: " + ", ".join(fields)[:300]
    return f"unreadable: {exc.__class__.__name__}"


def ingest_new_responses(
    store: ResponseStore, forms: FormsGateway, mappings: MappingProvider, *, retry: RetryPolicy = RetryPolicy(),
    clock: Callable[[], int] = time.time_ns,
) -> IngestReport:
    """List what is newer than the cursor, store it, and move the cursor past it; then
    record when this listing began (what notifications published before it need no other)."""
    started = Instant(clock())
    cursor = store.cursor()
    report = ingest_responses(forms.list_responses(after=cursor), store, mappings, retry=retry)
    if report.newest_stored is not None and (cursor is None or report.newest_stored > cursor):
        store.advance_cursor(report.newest_stored)
    if report.failed:
        raise IngestIncomplete(f"{len(report.failed)} responses not stored")
    store.record_listing_started(started)
    return report
