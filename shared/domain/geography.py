"""Provinces (ISO 3166-2:TH) and their districts, from geothai's DOPA data."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import geothai

from shared.domain.text import clean_text

# Names people write that geothai's own search does not know.
_PROVINCE_ALIASES = {
    "กทม": "10", "กทม.": "10", "ก.ท.ม.": "10", "กรุงเทพฯ": "10", "กรุงเทพ": "10",
    "bangkok": "10", "bkk": "10", "krung thep maha nakhon": "10",
    "อยุธยา": "14", "ayutthaya": "14",
    "โคราช": "30", "korat": "30",
    "นครศรีฯ": "80",
    "ศรีสระเกษ": "33",
    "phangnga": "82",
}
_PROVINCE_PREFIX = re.compile(r"^(จังหวัด|จ\.)\s*")
_DISTRICT_PREFIX = re.compile(r"^(อำเภอ|อ\.|เขต)\s*")


@dataclass(frozen=True)
class Province:
    code: str  # ISO 3166-2:TH, e.g. "TH-40"
    name_th: str
    name_en: str


def _key(name: str) -> str:
    """Compare names without case, spaces or hyphens: "Chon Buri" == "Chonburi"."""
    return re.sub(r"[\s\-]", "", name.casefold())


@functools.cache
def _provinces() -> dict[str, Province]:
    """Lookup key -> province, for Thai names, English names and aliases."""
    by_key: dict[str, Province] = {}
    by_dopa: dict[str, Province] = {}
    for item in geothai.provinces():
        province = Province(f"TH-{item.code}", item.name_th, item.name_en)
        by_dopa[item.code] = province
        by_key[_key(item.name_th)] = province
        by_key[_key(item.name_en)] = province
    for alias, dopa_code in _PROVINCE_ALIASES.items():
        by_key[_key(alias)] = by_dopa[dopa_code]
    return by_key


def all_provinces() -> list[Province]:
    return sorted(set(_provinces().values()), key=lambda p: p.code)


def resolve_province(value: str) -> Province | None:
    text = _PROVINCE_PREFIX.sub("", clean_text(value))
    return _provinces().get(_key(text)) if text else None


def province_by_code(code: str) -> Province | None:
    return _provinces_by_code().get(code)


@functools.cache
def _provinces_by_code() -> dict[str, Province]:
    return {p.code: p for p in _provinces().values()}


# The six geographical regions of the National Geographical Committee
# (คณะกรรมการภูมิศาสตร์แห่งชาติ), the grouping Thai reference works use; it puts
# Bangkok and the lower north (Nakhon Sawan, Phitsanulok, ...) in the central region.
# Keyed by ISO 3166-2:TH code.
REGIONS: dict[str, tuple[str, ...]] = {
    "ภาคเหนือ": ("50", "51", "52", "53", "54", "55", "56", "57", "58"),
    "ภาคตะวันออกเฉียงเหนือ": tuple(str(code) for code in range(30, 50)),
    "ภาคกลาง": ("10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "26",
                "60", "61", "62", "64", "65", "66", "67", "72", "73", "74", "75"),
    "ภาคตะวันออก": ("20", "21", "22", "23", "24", "25", "27"),
    "ภาคตะวันตก": ("63", "70", "71", "76", "77"),
    "ภาคใต้": ("80", "81", "82", "83", "84", "85", "86", "90", "91", "92", "93", "94", "95", "96"),
}


def region_of(iso_code: str) -> str:
    return _region_by_code()[iso_code]


@functools.cache
def _region_by_code() -> dict[str, str]:
    return {f"TH-{code}": region for region, codes in REGIONS.items() for code in codes}


def strip_district_prefix(value: str) -> str:
    return _DISTRICT_PREFIX.sub("", clean_text(value))


@functools.cache
def _district_keys(iso_code: str) -> frozenset[str]:
    dopa_code = iso_code.removeprefix("TH-")
    names: set[str] = set()
    for district in geothai.districts(dopa_code):
        names.add(_key(strip_district_prefix(district.name_th)))
        names.add(_key(district.name_en))
    return frozenset(names)


def is_known_district(iso_code: str, district: str) -> bool:
    return _key(strip_district_prefix(district)) in _district_keys(iso_code)
