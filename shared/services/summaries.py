"""The summaries read model: computed from the stored data, refreshed when it moved, checked by recount."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from shared import logs
from shared.domain.figures import Figures, FollowUpDates, LaoEntry, Moment, compute_figures
from shared.domain.roster import RosterEntry
from shared.domain.summaries import DataVersion, differing_fields, summary_documents

_SETTLE_ATTEMPTS = 3


class SummarySource(Protocol):
    def data_version(self) -> DataVersion: ...

    def counters(self) -> dict[str, int]: ...

    def reporting_laos(self) -> list[LaoEntry]: ...

    def follow_ups(self) -> FollowUpDates: ...

    def roster(self) -> list[RosterEntry] | None: ...

    def stored(self) -> dict[str, dict[str, Any]]: ...

    def stored_version(self) -> DataVersion | None: ...

    def stored_laos(self) -> dict[str, dict[str, Any]]: ...

    def snapshot_of(self, laos: list[LaoEntry]) -> dict[str, dict[str, Any]]: ...

    def replace(self, documents: dict[str, dict[str, Any]], version: DataVersion, laos: list[LaoEntry]) -> bool: ...


@dataclass(frozen=True)
class Computed:
    figures: Figures
    laos: list[LaoEntry]  # what they were computed from: the snapshot the digest reads
    version: DataVersion
    settled: bool  # False: the data moved while it was read; the version is the older one


@dataclass(frozen=True)
class RefreshResult:
    refreshed: bool
    reason: str  # "refreshed", "unchanged" (nothing moved since the last refresh), "newer_stored"
    version: DataVersion


def compute_now(source: SummarySource, now: datetime, end_of: date | None = None) -> Computed:
    """The figures of everything stored (or as of the end of ``end_of``), read between two equal
    data versions so that they are those of one version; after three tries, of the older one."""
    for _ in range(_SETTLE_ATTEMPTS):
        before = source.data_version()
        laos, roster, counters, follow_ups = (source.reporting_laos(), source.roster(), source.counters(),
                                              source.follow_ups())
        after = source.data_version()
        if after == before:
            break
    figures = compute_figures(laos, roster, Moment(end_of, now), counters=counters, follow_ups=follow_ups)
    return Computed(figures, laos, before, settled=after == before)


def refresh_summaries(source: SummarySource, now: datetime, *, only_if_moved: bool) -> RefreshResult:
    """Write `summaries/*` for now; with ``only_if_moved``, only when the data version moved since."""
    if only_if_moved:
        current, stored = source.data_version(), source.stored_version()
        if stored == current:
            return RefreshResult(False, "unchanged", current)
    computed = compute_now(source, now)
    written = source.replace(summary_documents(computed.figures, computed.version), computed.version,
                             computed.laos)
    result = RefreshResult(written, "refreshed" if written else "newer_stored", computed.version)
    logs.info("summaries refreshed" if written else "summaries not refreshed: newer ones are stored",
              data_version=computed.version.changes, settled=computed.settled)
    return result


@dataclass(frozen=True)
class SummaryCheck:
    compared: bool  # False: the stored summaries are of another data version (or absent)
    differences: dict[str, list[str]]  # document id -> the fields that differ from a recount

    @property
    def consistent(self) -> bool:
        return not self.differences


def check_summaries(source: SummarySource, now: datetime) -> SummaryCheck:
    """Compare the stored summaries with the figures recomputed now, when they are of the current version."""
    stored = source.stored()
    computed = compute_now(source, now)
    national = stored.get("national")
    if not computed.settled or not national or DataVersion(
            int(national.get("data_version", -1)), national.get("roster_version")) != computed.version:
        return SummaryCheck(False, {})
    expected = summary_documents(computed.figures, computed.version)
    differences = {doc_id: fields for doc_id in sorted(expected.keys() | stored.keys())
                   if (fields := differing_fields(stored.get(doc_id, {}), expected.get(doc_id, {})))}
    # The LAO snapshot the digest reads: the same LAOs with the same reports as their records.
    held, records = source.stored_laos(), source.snapshot_of(computed.laos)
    if stale := sorted(lao_id for lao_id in held.keys() | records.keys() if held.get(lao_id) != records.get(lao_id)):
        differences["summary_laos"] = stale
    return SummaryCheck(True, differences)
