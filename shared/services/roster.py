"""Loading the roster and reading coverage: the use cases behind `roster load` and `stats`."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from shared.domain.coverage import ReportingLao, RosterIndex, coverage, match_all
from shared.domain.roster import RosterChanges, RosterEntry, parse_roster, roster_changes


class RosterStore(Protocol):
    def roster(self) -> list[RosterEntry] | None: ...

    def replace(self, entries: list[RosterEntry], changes: dict[str, int]) -> str: ...

    def reporting_laos(self) -> list[ReportingLao]: ...

    def reporting_laos_from_responses(self) -> list[ReportingLao]: ...


def load_roster(path: Path, store: RosterStore) -> RosterChanges:
    """Parse the whole file first (RosterRejected, nothing loaded), then replace the roster."""
    entries = parse_roster(path.read_bytes().decode("utf-8-sig"))
    changes = roster_changes(store.roster() or [], entries)
    store.replace(entries, changes.summary())
    return changes


def recount_coverage(store: RosterStore) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Coverage as stats reads it (from the LAO records) and as the responses themselves
    give it; None without a roster. ``recount --check`` requires the two to be equal."""
    roster = store.roster()
    if roster is None:
        return None
    index = RosterIndex(roster)
    return (coverage(index, match_all(index, store.reporting_laos())),
            coverage(index, match_all(index, store.reporting_laos_from_responses())))


def read_coverage(store: RosterStore) -> dict[str, Any] | None:
    """The `coverage` object of `stats --json`, or None while no roster is loaded."""
    roster = store.roster()
    if roster is None:
        return None
    index = RosterIndex(roster)
    return coverage(index, match_all(index, store.reporting_laos()))


NONRESPONDER_HEADERS = ["จังหวัด", "อำเภอ/เขต", "ประเภท อปท.", "อปท.", "รหัส อปท."]


def nonresponder_rows(entries: list[RosterEntry]) -> list[list[str]]:
    """Thai rows for a provincial office: by province, then district, then name."""
    from shared.domain.codes import LAO_TYPES
    from shared.domain.geography import province_by_code

    def province(code: str) -> str:
        found = province_by_code(code)
        return found.name_th if found else code

    from shared.digest.thai import thai_sorted

    # Thai dictionary order (เ แ โ ใ ไ do not sort last), stable: province, then district, then name.
    ordered = sorted(entries, key=lambda e: e.lao_code)
    for field in (lambda e: e.name, lambda e: e.district, lambda e: province(e.province_code)):
        ordered = thai_sorted(ordered, field)
    return [[province(e.province_code), e.district, LAO_TYPES.get(e.lao_type, e.lao_type), e.name, e.lao_code]
            for e in ordered]


def nonresponders_now(store: RosterStore, province_code: str | None = None) -> list[RosterEntry] | None:
    """Roster LAOs with no current report matched to them; None while no roster is loaded."""
    from shared.domain.coverage import nonresponders

    roster = store.roster()
    if roster is None:
        return None
    index = RosterIndex(roster)
    return nonresponders(index, match_all(index, store.reporting_laos()), province_code)


def write_nonresponders(entries: list[RosterEntry], path: Path, file_format: str) -> None:
    rows = nonresponder_rows(entries)
    if file_format == "csv":
        import csv

        # With a BOM: Excel opened by double-click reads UTF-8 only with one.
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(NONRESPONDER_HEADERS)
            writer.writerows(rows)
        return
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                           "strings_to_numbers": False})
    sheet = book.add_worksheet("อปท. ที่ยังไม่แจ้งปัญหา")
    bold = book.add_format({"bold": True, "bg_color": "#F1F3F4", "border": 1})
    sheet.write_row(0, 0, NONRESPONDER_HEADERS, bold)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)  # LAO codes keep their leading zeros as text
    sheet.set_column(0, 1, 20)
    sheet.set_column(2, 3, 28)
    sheet.set_column(4, 4, 12)
    sheet.autofilter(0, 0, max(len(rows), 1), len(NONRESPONDER_HEADERS) - 1)
    sheet.freeze_panes(1, 0)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    book.close()
