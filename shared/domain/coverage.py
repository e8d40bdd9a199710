"""Who has answered: each reporting LAO matched to the roster, and the coverage figures.

Matching is exact on province + district + type + name (Bangkok and Pattaya by
their type), then, for a near miss, fuzzy inside the province: a different
spelling, a wrong district, or a type upgraded from อบต. to เทศบาลตำบล (or the
roster not yet updated for it). A fuzzy match records its score. When two roster
LAOs fit about equally, the report is ambiguous and listed for review, never
guessed. Pure functions: coverage is computed from the stored LAO records and the
roster each time it is read, so it always equals a recount.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from shared.domain.codes import SPECIAL_LAO_TYPES
from shared.domain.roster import RosterEntry

FUZZY_THRESHOLD = 0.85
AMBIGUITY_MARGIN = 0.02
_UPGRADES = frozenset({"sao", "subdistrict_municipality"})  # อบต. -> เทศบาลตำบล
_TYPE_CHANGED = 0.95
_DISTRICT_DIFFERS = 0.9


@dataclass(frozen=True)
class ReportingLao:
    lao_id: str
    lao_type: str
    name: str
    district: str
    province_code: str


@dataclass(frozen=True)
class Match:
    kind: Literal["exact", "fuzzy", "ambiguous", "unmatched"]
    lao_code: str | None = None
    score: float = 0.0
    candidates: tuple[str, ...] = ()  # the roster codes that fitted equally, when ambiguous


def _key(text: str) -> str:
    return "".join(text.split()).casefold()


class RosterIndex:
    def __init__(self, roster: Iterable[RosterEntry]) -> None:
        self.entries = list(roster)
        self._exact: dict[tuple[str, str, str, str], list[RosterEntry]] = {}
        self._by_province: dict[str, list[RosterEntry]] = {}
        self._special: dict[str, list[RosterEntry]] = {}
        for entry in self.entries:
            if entry.lao_type in SPECIAL_LAO_TYPES:
                self._special.setdefault(entry.lao_type, []).append(entry)
                continue
            key = (entry.province_code, _key(entry.district), entry.lao_type, _key(entry.name))
            self._exact.setdefault(key, []).append(entry)
            self._by_province.setdefault(entry.province_code, []).append(entry)

    def match(self, lao: ReportingLao) -> Match:
        if lao.lao_type in SPECIAL_LAO_TYPES:
            return _one_of(self._special.get(lao.lao_type, []), 1.0, "exact")
        exact = self._exact.get((lao.province_code, _key(lao.district), lao.lao_type, _key(lao.name)), [])
        if exact:
            return _one_of(exact, 1.0, "exact")
        scored = sorted(((s, e) for e in self._by_province.get(lao.province_code, [])
                         if (s := _similarity(lao, e)) >= FUZZY_THRESHOLD), key=lambda pair: -pair[0])
        if not scored:
            return Match("unmatched")
        best = scored[0][0]
        tied = [e for s, e in scored if best - s <= AMBIGUITY_MARGIN]
        return _one_of(tied, round(best, 3), "fuzzy")


def _one_of(entries: list[RosterEntry], score: float, kind: Literal["exact", "fuzzy"]) -> Match:
    if not entries:
        return Match("unmatched")
    if len(entries) > 1:
        return Match("ambiguous", score=score, candidates=tuple(sorted(e.lao_code for e in entries)))
    return Match(kind, entries[0].lao_code, score)


def _similarity(lao: ReportingLao, entry: RosterEntry) -> float:
    if lao.lao_type != entry.lao_type and {lao.lao_type, entry.lao_type} != _UPGRADES:
        return 0.0
    score = SequenceMatcher(None, _key(lao.name), _key(entry.name)).ratio()
    if lao.lao_type != entry.lao_type:
        score *= _TYPE_CHANGED
    if _key(lao.district) != _key(entry.district):
        score *= _DISTRICT_DIFFERS
    return score


def coverage(index: RosterIndex, matches: dict[str, Match]) -> dict[str, object]:
    """The `coverage` object of `stats --json` (its names are a contract)."""
    reported_codes = {m.lao_code for m in matches.values() if m.lao_code and m.kind in ("exact", "fuzzy")}
    roster_by_province = Counter(e.province_code for e in index.entries)
    roster_by_type = Counter(e.lao_type for e in index.entries)
    reported = [e for e in index.entries if e.lao_code in reported_codes]
    reported_by_province = Counter(e.province_code for e in reported)
    reported_by_type = Counter(e.lao_type for e in reported)
    return {
        "roster_total": len(index.entries),
        "reported": len(reported),
        "by_province": {code: {"roster": n, "reported": reported_by_province[code]}
                        for code, n in sorted(roster_by_province.items())},
        "by_lao_type": {code: {"roster": n, "reported": reported_by_type[code]}
                        for code, n in sorted(roster_by_type.items())},
        "unmatched_reports": sum(m.kind in ("unmatched", "ambiguous") for m in matches.values()),
    }


def match_all(index: RosterIndex, laos: Iterable[ReportingLao]) -> dict[str, Match]:
    return {lao.lao_id: index.match(lao) for lao in laos}


def nonresponders(index: RosterIndex, matches: dict[str, Match], province_code: str | None = None,
                  ) -> list[RosterEntry]:
    """Roster LAOs no current report is matched to, by province, district, then name."""
    reported = {m.lao_code for m in matches.values() if m.lao_code and m.kind in ("exact", "fuzzy")}
    missing = [e for e in index.entries if e.lao_code not in reported
               and (province_code is None or e.province_code == province_code)]
    return sorted(missing, key=lambda e: (e.province_code, e.district, e.name, e.lao_code))
