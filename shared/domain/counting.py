"""Exact counters as a pure function of state.

Every stored counter is a sum of contributions: each response contributes to the
response-level counters, each LAO's current report to the LAO-level ones. A
change of state therefore changes the counters by ``contribution(after) -
contribution(before)``, which the store applies as Increment transforms in the
same commit as the state itself. A full recount sums the same contributions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Member:
    """What an LAO needs to know of one of its responses to pick its current report."""

    submitted_ns: int
    status: str
    problems: tuple[str, ...]
    province_code: str  # Bangkok and Pattaya are one LAO whatever province was picked
    submission_date: str = ""  # Bangkok date of first submission: what the digest's "as of day D" figures need

    def rank(self, response_id: str) -> tuple[int, str]:
        # Latest submission wins; on a tie the greater responseId, so the choice is total.
        return (self.submitted_ns, response_id)


@dataclass(frozen=True)
class LaoRecord:
    lao_id: str
    lao_type: str
    members: dict[str, Member] = field(default_factory=dict)

    def current(self) -> tuple[str, Member] | None:
        if not self.members:
            return None
        return max(self.members.items(), key=lambda item: item[1].rank(item[0]))


@dataclass(frozen=True)
class CountedResponse:
    """The part of a stored response version that counters depend on."""

    response_id: str
    submitted_ns: int
    submission_date: str  # Asia/Bangkok date of createTime
    deleted: bool = False
    valid: bool = False
    lao_id: str | None = None
    lao_type: str | None = None
    province_code: str | None = None
    status: str | None = None
    problems: tuple[str, ...] = ()

    @property
    def counts_for_lao(self) -> bool:
        return self.valid and not self.deleted and self.lao_id is not None

    def member(self) -> Member:
        return Member(self.submitted_ns, self.status or "", self.problems, self.province_code or "",
                      self.submission_date)


def response_contribution(response: CountedResponse | None) -> Counter[str]:
    if response is None:
        return Counter()
    if response.deleted:
        return Counter({"responses.deleted": 1})
    return Counter({
        "responses.total": 1,
        "responses.valid" if response.valid else "responses.invalid": 1,
        f"by_submission_date.{response.submission_date}": 1,
    })


def lao_contribution(record: LaoRecord | None) -> Counter[str]:
    current = record.current() if record else None
    if record is None or current is None:
        return Counter()
    _, member = current
    contribution = Counter({
        "laos_reporting": 1,
        f"by_province.{member.province_code}": 1,
        f"by_lao_type.{record.lao_type}": 1,
        f"by_status.{member.status}": 1,
    })
    contribution.update(f"by_problem.{code}" for code in member.problems)
    return contribution


def difference(after: Counter[str], before: Counter[str]) -> dict[str, int]:
    keys = after.keys() | before.keys()
    return {k: after[k] - before[k] for k in sorted(keys) if after[k] != before[k]}


# Not a count of anything: it moves by one with every stored change, in the same
# commit, so the summaries can tell whether what they were computed from has moved.
# A recount has nothing to compare it with.
DATA_VERSION = "data_version"


def with_data_version(delta: dict[str, int]) -> dict[str, int]:
    """The increments of one stored change, the data version's included."""
    return {**delta, DATA_VERSION: 1}


def recountable(counters: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counters.items() if k != DATA_VERSION}


@dataclass(frozen=True)
class Transition:
    """The LAO records to write and the counter changes that go with them."""

    laos: dict[str, LaoRecord]
    counter_delta: dict[str, int]


def plan_transition(
    before: CountedResponse | None,
    after: CountedResponse,
    laos: dict[str, LaoRecord | None],
) -> Transition:
    """Move one response from ``before`` to ``after``.

    ``laos`` holds the records (None when absent) of every LAO the response
    belonged to before or belongs to after, as read in the same transaction.
    """
    rid = after.response_id
    updated: dict[str, LaoRecord] = {}
    for lao_key, record in laos.items():
        base = record or LaoRecord(lao_key, after.lao_type or "")
        members = {k: v for k, v in base.members.items() if k != rid}
        if after.counts_for_lao and after.lao_id == lao_key:
            members[rid] = after.member()
        updated[lao_key] = replace(base, members=members)

    before_total = response_contribution(before)
    after_total = response_contribution(after)
    for lao_key, record in laos.items():
        before_total += lao_contribution(record)
        after_total += lao_contribution(updated[lao_key])
    return Transition(laos=updated, counter_delta=difference(after_total, before_total))


def affected_laos(before: CountedResponse | None, after: CountedResponse) -> list[str]:
    ids = [r.lao_id for r in (before, after) if r is not None and r.counts_for_lao and r.lao_id]
    return sorted(set(ids))


def full_count(responses: list[CountedResponse]) -> dict[str, int]:
    """Counters recomputed from scratch: what the stored ones must always equal."""
    total: Counter[str] = Counter()
    laos: dict[str, LaoRecord] = {}
    for response in responses:
        total += response_contribution(response)
        if response.counts_for_lao and response.lao_id:
            record = laos.get(response.lao_id) or LaoRecord(response.lao_id, response.lao_type or "")
            laos[response.lao_id] = replace(
                record, members={**record.members, response.response_id: response.member()}
            )
    for record in laos.values():
        total += lao_contribution(record)
    return {k: v for k, v in sorted(total.items()) if v}
