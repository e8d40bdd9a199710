"""The figures as the `summaries/*` documents and `summary --json` carry them.

One national document and one per province (77, Bangkok included), English
snake_case field names and Thai values, so that an officer reads a province's
response rate and its non-responders in the Firestore console without adding
anything up. Pure: the refresh writes what this returns, the CLI prints it, and
``recount --check`` compares the stored documents with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shared.domain.codes import LAO_TYPES, PROBLEM_LABELS
from shared.domain.figures import AreaFigures, Figures, percent_tenths

NATIONAL = "national"
SUMMARY_FIELDS_NOT_COMPARED = ("computed_at",)  # when, not what: a recount differs in nothing else


@dataclass(frozen=True, order=True)
class DataVersion:
    """What the figures were computed from: every stored change moves ``changes`` by one."""

    changes: int
    roster_version: str | None  # None: no roster loaded

    def as_fields(self) -> dict[str, Any]:
        return {"data_version": self.changes, "roster_version": self.roster_version}


def summary_documents(figures: Figures, version: DataVersion) -> dict[str, dict[str, Any]]:
    """``national`` and one document per province code, as of ``figures.moment``."""
    common = {**version.as_fields(), "computed_at": figures.moment.read_at,
              "as_of_end_of": figures.moment.end_of.isoformat() if figures.moment.end_of else None}
    national = {
        "kind": "national",
        **_area_fields(figures.national),
        "responses_total": figures.responses,
        "responses_valid": figures.responses_valid,
        "responses_invalid": figures.responses_invalid,
        "responses_with_warnings": figures.responses_with_warnings,
        "by_problem": _problems(figures.laos.by_problem),
        "by_status": dict(sorted((k, v) for k, v in figures.laos.by_status.items() if v)),
        "by_lao_type": {LAO_TYPES.get(t.lao_type, t.lao_type): t.laos_reporting for t in figures.by_lao_type
                        if t.laos_reporting},
        **common,
    }
    documents = {NATIONAL: national}
    for code, area in figures.provinces.items():
        documents[code] = {
            "kind": "province",
            "province_code": code,
            "province_name": area.name,
            **_area_fields(area),
            "responses_valid": area.responses_valid,
            "responses_invalid": area.responses_invalid,
            "by_problem": _problems(area.by_problem),
            "nonresponder_laos": [
                {"district": e.district, "lao_type": LAO_TYPES.get(e.lao_type, e.lao_type), "name": e.name,
                 "lao_code": e.lao_code} for e in area.nonresponder_laos],
            **common,
        }
    return documents


def _area_fields(area: AreaFigures) -> dict[str, Any]:
    return {
        "laos_reporting": area.laos_reporting,
        "roster_total": area.roster_total,
        "roster_reported": area.roster_reported,
        "nonresponders": area.nonresponders,
        "unmatched_reports": area.unmatched_reports if area.roster_total is not None else None,
        # The same rate the digest and the report print (reporting LAOs out of the roster's), one decimal.
        "reported_percent": percent_tenths(area.laos_reporting, area.roster_total),
    }


def _problems(counts: Any) -> dict[str, int]:
    """Problem code -> LAOs naming it (codes, not labels: stable keys for queries)."""
    return {code: counts[code] for code in sorted(counts) if counts[code] and (code in PROBLEM_LABELS
                                                                               or code == "no_problem")}


def differing_fields(stored: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """The fields of one summary document that differ from a recount."""
    keys = (stored.keys() | expected.keys()) - set(SUMMARY_FIELDS_NOT_COMPARED)
    return sorted(k for k in keys if stored.get(k) != expected.get(k))
