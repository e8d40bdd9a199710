"""What a digest is built from: plain records read from the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from shared.domain.counting import LaoRecord
from shared.domain.figures import Figures, FollowUpDates, Moment, compute_figures
from shared.domain.geography import resolve_province
from shared.domain.roster import RosterEntry


@dataclass(frozen=True)
class ReportRow:
    """One response in its current version, as the digest shows it."""

    response_id: str
    created: datetime
    last_submitted: datetime
    submission_date: str
    last_submitted_date: str
    valid: bool
    lao_type: str | None
    lao_name: str
    district: str
    province_code: str | None
    province_name: str | None
    status: str | None
    problems: tuple[str, ...]
    other_problem_text: str
    problem_details: str
    suggestions: str
    invalid_reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    typed: dict[str, str] = field(default_factory=dict)  # the identifying answers as typed
    reporter: dict[str, str | None] = field(default_factory=dict)  # only read when contacts are included
    lao_id: str | None = None  # the LAO it counts for (valid responses)


@dataclass(frozen=True)
class LaoReports:
    """One LAO that has reported: who it is, and every counted report of it."""

    lao_id: str
    lao_type: str
    name: str
    district: str
    province_name: str
    record: LaoRecord  # its reports, each with its first-submission date: what "as of D" needs
    reporter: dict[str, str | None] = field(default_factory=dict)  # of its current report; with contacts only


@dataclass(frozen=True)
class LaoSnapshot:
    """The reporting LAOs as the last summaries refresh read them, and the data version they are of."""

    data_version: int
    laos: list[LaoReports]


@dataclass(frozen=True)
class FollowUpRow:
    """A response someone should follow up: invalid (not counted), or valid with warnings."""

    response_id: str
    created: datetime
    last_submitted: datetime
    submission_date: str
    lao_type: str | None
    lao_name: str
    district: str
    province_name: str | None
    typed: dict[str, str]  # what was typed, for when the normalised fields above are empty
    reasons: tuple[str, ...]  # invalid-reason codes, or warning codes
    reporter: dict[str, str | None] = field(default_factory=dict)  # warnings with contacts included only

    @property
    def province_code(self) -> str | None:
        province = resolve_province(self.province_name) if self.province_name else None
        return province.code if province else None


@dataclass(frozen=True)
class WrittenText:
    """What one respondent wrote in the free-text questions, for the report's themes."""

    author: str  # the LAO (or, without one, the response): themes count LAOs
    submission_date: str  # first submitted (Bangkok date): the report keeps those of its period
    other: str  # the "Other" problem text, when it names a problem
    details: str
    suggestions: str
    names: tuple[str, ...] = ()  # the respondent's own name: masked wherever it appears, never shown


@dataclass(frozen=True)
class ReconcileStatus:
    ran_at: datetime
    form_response_count: int
    stored_count: int
    quarantined: int = 0  # listed on the form, but impossible to store as they are

    @property
    def matched(self) -> bool:
        return self.form_response_count == self.stored_count + self.quarantined


@dataclass(frozen=True)
class WatchHealth:
    event_type: str
    state: str | None
    expire_time: str | None
    error_type: str | None


@dataclass(frozen=True)
class DigestData:
    day: date
    built_at: datetime
    counters: dict[str, int]
    created_on_day: list[ReportRow]
    edited_on_day: list[ReportRow]
    edited_day_before: int  # responses edited on the day before: the change of the edited figure
    invalid: list[FollowUpRow]
    warned: list[FollowUpRow]
    laos: list[LaoReports]
    reconcile: ReconcileStatus | None
    include_contacts: bool = False
    watches: list[WatchHealth] = field(default_factory=list)  # empty: never recorded
    mapping_missing_titles: list[str] = field(default_factory=list)  # non-empty: the form mapping is broken
    # (question title, option) for live options without a code (the form was reworded): the mapping is degraded.
    mapping_unmapped_options: list[tuple[str, str]] = field(default_factory=list)
    form_id: str | None = None  # for links to a response in Google Forms; none without it
    roster: list[RosterEntry] | None = None  # None: no roster loaded, coverage unknown
    contact: str = ""  # who runs the system and how to reach them, for the footer
    reply_to: str | None = None

    def figures(self, end_of: date | None) -> Figures:
        """Every figure as of the end of ``end_of`` (None: as of ``built_at``), computed once."""
        cache = self.__dict__.setdefault("_figures", {})  # frozen: the fields, not this cache
        if end_of not in cache:
            cache[end_of] = _figures(self, end_of)
        figures: Figures = cache[end_of]
        return figures

    @property
    def at_end_of_day(self) -> Figures:
        return self.figures(self.day)

    @property
    def at_end_of_day_before(self) -> Figures:
        return self.figures(self.day - timedelta(days=1))

    @property
    def now(self) -> Figures:
        return self.figures(None)

    @property
    def reports_of_day(self) -> list[ReportRow]:
        """Received or edited on the day, oldest first."""
        timed = [(r.created, r) for r in self.created_on_day] + [(r.last_submitted, r) for r in self.edited_on_day]
        return [row for _, row in sorted(timed, key=lambda pair: (pair[0], pair[1].response_id))]


def _figures(data: DigestData, end_of: date | None) -> Figures:
    follow_ups = FollowUpDates(
        invalid=tuple(r.submission_date for r in data.invalid),
        warned=tuple(r.submission_date for r in data.warned),
        invalid_by_province=tuple(r.province_code for r in data.invalid),
    )
    return compute_figures(data.laos, data.roster, Moment(end_of, data.built_at), counters=data.counters,
                           follow_ups=follow_ups)
