"""The LAO roster: the population the survey is waiting for, read from a CSV file.

Two layouts are accepted:
- the Department of Local Administration's open data (Thai headers รหัส อปท.,
  อปท., ประเภท อปท., อำเภอ, จังหวัด; one row per LAO × subdistrict), collapsed
  to one entry per LAO code;
- a simple one, `lao_code,name,lao_type,district,province`.

A file with any bad row is refused whole, with every bad row's line number:
nothing of it is loaded. Pure functions; the adapter only stores the result.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from shared.domain.codes import LAO_TYPES, SPECIAL_LAO_TYPES
from shared.domain.geography import province_by_code, resolve_province, strip_district_prefix
from shared.domain.lao import normalise_lao_name
from shared.domain.text import clean_text

SIMPLE_HEADER = ("lao_code", "name", "lao_type", "district", "province")
DLA_HEADER = {"รหัส อปท.": "lao_code", "อปท.": "name", "ประเภท อปท.": "lao_type", "อำเภอ": "district",
              "จังหวัด": "province"}
# The abbreviations and other spellings of the types people and the DLA write.
_TYPE_ALIASES = {
    "อบจ": "pao", "ทน": "city_municipality", "ทม": "town_municipality", "ทต": "subdistrict_municipality",
    "อบต": "sao", "กทม": "bangkok", "พัทยา": "pattaya",
}


@dataclass(frozen=True, order=True)
class RosterEntry:
    province_code: str
    district: str
    lao_type: str
    name: str
    lao_code: str


class RosterRejected(ValueError):
    """The file cannot be loaded; ``problems`` says why, line by line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s): " + "; ".join(problems[:20]))
        self.problems = problems


def lao_type_code(value: str) -> str | None:
    text = clean_text(value).rstrip(".").replace(".", "")
    if text in LAO_TYPES:
        return text
    by_name = {label: code for code, label in LAO_TYPES.items()}
    return by_name.get(text) or _TYPE_ALIASES.get(text.replace(" ", ""))


def _province_code(value: str) -> str | None:
    text = clean_text(value)
    if province_by_code(text.upper()):
        return text.upper()
    province = resolve_province(text)
    return province.code if province else None


def parse_roster(content: str) -> list[RosterEntry]:
    """The entries of a roster file's text (BOM already removed or not), one per LAO code."""
    reader = csv.reader(io.StringIO(content.removeprefix("\ufeff")))
    header = [clean_text(h) for h in next(reader, [])]
    columns = _columns(header)
    problems: list[str] = []
    rows: dict[str, list[tuple[int, RosterEntry]]] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(clean_text(c) for c in cells):
            continue
        values = {key: clean_text(cells[i]) if i < len(cells) else "" for key, i in columns.items()}
        entry, problem = _entry(values)
        if problem:
            problems.append(f"line {line}: {problem}")
        elif entry:
            rows.setdefault(entry.lao_code, []).append((line, entry))
    entries = []
    for code, found in rows.items():
        first_line, first = found[0]
        for line, other in found[1:]:
            if (other.name, other.lao_type, other.province_code) != (first.name, first.lao_type, first.province_code):
                problems.append(f"line {line}: LAO code {code} also on line {first_line} with another name, "
                                "type or province")
        # One row per subdistrict: an LAO spanning several districts keeps its most frequent one.
        district = Counter(e.district for _, e in found).most_common(1)[0][0]
        entries.append(RosterEntry(first.province_code, district, first.lao_type, first.name, code))
    if problems:
        raise RosterRejected(problems)
    if not entries:
        raise RosterRejected(["the file has no LAO"])
    return sorted(entries)


def _columns(header: list[str]) -> dict[str, int]:
    if tuple(h.casefold() for h in header[:5]) == SIMPLE_HEADER:
        return {key: i for i, key in enumerate(SIMPLE_HEADER)}
    found = {DLA_HEADER[h]: i for i, h in enumerate(header) if h in DLA_HEADER}
    if len(found) == len(DLA_HEADER):
        return found
    expected = ", ".join(SIMPLE_HEADER)
    raise RosterRejected([f"line 1: the header is neither `{expected}` nor the DLA's "
                          f"({', '.join(DLA_HEADER)}); found: {', '.join(header) or '(empty)'}"])


def _entry(values: dict[str, str]) -> tuple[RosterEntry | None, str | None]:
    code = values["lao_code"]
    if not code:
        return None, "no LAO code"
    if "/" in code:
        return None, f"LAO code {code!r} has a slash"
    lao_type = lao_type_code(values["lao_type"])
    if lao_type is None:
        return None, f"unknown LAO type {values['lao_type']!r}"
    province = _province_code(values["province"])
    if province is None:
        return None, f"unknown province {values['province']!r}"
    name = normalise_lao_name(values["name"])
    if not name and lao_type not in SPECIAL_LAO_TYPES:
        return None, "no LAO name"
    district = strip_district_prefix(values["district"])
    return RosterEntry(province, district, lao_type, name, code), None


@dataclass(frozen=True)
class RosterChanges:
    added: list[RosterEntry]
    removed: list[RosterEntry]
    renamed: list[tuple[RosterEntry, RosterEntry]]  # same code, another name, type, district or province

    def summary(self) -> dict[str, int]:
        return {"added": len(self.added), "removed": len(self.removed), "renamed": len(self.renamed)}


def roster_changes(before: Iterable[RosterEntry], after: Iterable[RosterEntry]) -> RosterChanges:
    old = {e.lao_code: e for e in before}
    new = {e.lao_code: e for e in after}
    return RosterChanges(
        added=[new[c] for c in sorted(new.keys() - old.keys())],
        removed=[old[c] for c in sorted(old.keys() - new.keys())],
        renamed=[(old[c], new[c]) for c in sorted(old.keys() & new.keys()) if old[c] != new[c]],
    )
