"""LAO names and identity: who a report is about."""

from __future__ import annotations

import hashlib
import re

from shared.domain.codes import SPECIAL_LAO_TYPES
from shared.domain.text import clean_text

_FULL_PREFIX = "องค์การบริหารส่วนจังหวัด|องค์การบริหารส่วนตำบล|เทศบาลนคร|เทศบาลเมือง|เทศบาลตำบล"
# An abbreviation counts only when a dot or a space follows it, so that a real
# name starting with the same letters ("ทมอ") is left alone.
_TYPE_PREFIX = re.compile(rf"^(?:(?:{_FULL_PREFIX})\s*|(?:อบจ|อบต|ทน|ทม|ทต)(?:\.\s*|\s+))")
# "บ้านเหล่า อ.เมือง จ.ขอนแก่น": the place belongs in its own questions.
_PLACE_SUFFIX = re.compile(r"\s+(?:อ\.|อำเภอ|จ\.|จังหวัด)\s*\S.*$")
# A Thai LAO name has no space inside it: "บ้าน เหล่า" is บ้านเหล่า, typed with a slip.
# (Spaces beside Latin letters or Arabic digits stay: "ตำบล 2" is not "ตำบล2".)
_SPACE_INSIDE_THAI = re.compile(r"(?<=[\u0e01-\u0e4e])\s+(?=[\u0e01-\u0e4e])")

# Firestore document ids: at most 1,500 bytes and no "/". Ours stay far shorter
# so that they read well in the console.
_MAX_ID_BYTES = 400


def normalise_lao_name(value: str | None) -> str:
    name = clean_text(value)
    name = _TYPE_PREFIX.sub("", name, count=1)
    name = _PLACE_SUFFIX.sub("", name).strip()
    return _SPACE_INSIDE_THAI.sub("", name)


def lao_id(lao_type: str, province_code: str, district: str, name: str) -> str:
    """A readable, stable document id, e.g. ``TH-40:เมืองขอนแก่น:sao:บ้านเหล่า``.

    Tambon names repeat inside a province, hence the district. Bangkok and Pattaya
    are one of a kind: their type alone identifies them.
    """
    if lao_type in SPECIAL_LAO_TYPES:
        return lao_type
    parts = [province_code, district.casefold(), lao_type, name.casefold()]
    doc_id = ":".join(_escape(part) for part in parts)
    if len(doc_id.encode()) <= _MAX_ID_BYTES:
        return doc_id
    digest = hashlib.sha256(doc_id.encode()).hexdigest()[:16]
    head = doc_id.encode()[: _MAX_ID_BYTES - 17].decode(errors="ignore")
    return f"{head}#{digest}"


def _escape(part: str) -> str:
    return part.replace("%", "%25").replace("/", "%2F").replace(":", "%3A")
