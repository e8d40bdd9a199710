"""Normalisation of everything people type into the form."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

from pythainlp.util import normalize as thai_normalize

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
_WHITESPACE_RUN = re.compile(r"\s+")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def clean_text(value: str | None) -> str:
    """NFC, no zero-width characters, whitespace runs collapsed, trimmed.

    pythainlp's normaliser also repairs what Thai keyboards produce (a decomposed
    sara am, doubled tone marks), which NFC alone leaves in place.
    """
    if not value:
        return ""
    if len(value) <= _CACHED_LENGTH:
        return _clean_short(value)
    return _clean(value)


# Evaluating a response cleans some forty short strings, most of them the same
# option texts, names and places each time; pythainlp's normaliser makes each cost
# about 0.15 ms, most of a response's evaluation (benchmarks/national.py, "replay").
_CACHED_LENGTH = 200


@functools.lru_cache(maxsize=4096)
def _clean_short(value: str) -> str:
    return _clean(value)


def _clean(value: str) -> str:
    text = unicodedata.normalize("NFC", value).translate(_ZERO_WIDTH)
    text = thai_normalize(text)
    return _WHITESPACE_RUN.sub(" ", text).strip()


_SPACE_RUN = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def clean_paragraph(value: str | None) -> str:
    """``clean_text`` for a free-text answer, keeping its line breaks: an officer's list of
    points stays a list, and each point a sentence of its own (shared/domain/sentence_themes.py)."""
    if not value:
        return ""
    text = thai_normalize(unicodedata.normalize("NFC", value.replace("\r\n", "\n")).translate(_ZERO_WIDTH))
    lines = (line.strip() for line in _SPACE_RUN.sub(" ", text).split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(lines)).strip()


def arabic_digits(value: str) -> str:
    return value.translate(_THAI_DIGITS)


def truncate(value: str, limit: int) -> tuple[str, bool]:
    """The text capped at ``limit`` characters, and whether it was cut."""
    if len(value) <= limit:
        return value, False
    return value[:limit], True


_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# A Thai phone number as people type it: +66 or a leading 0 (also in Thai digits),
# then 8-9 more digits with optional spaces, dashes or dots between them.
_PHONE = re.compile(r"(?:\+\s?66|[0๐])(?:[\s\-.]?[0-9๐-๙]){8,9}(?![0-9๐-๙])")
MASKED_EMAIL = "[ปิดบังอีเมล]"
_MAY_HOLD_PHONE = re.compile(r"[0๐+]")  # where every phone _PHONE matches starts
MASKED_PHONE = "[ปิดบังหมายเลขโทรศัพท์]"


def mask_contacts(text: str) -> str:
    """Free text with any email address or phone number in it replaced by a placeholder."""
    # Substring tests first: most answers hold neither, and scanning them costs more (benchmarks/national.py).
    if "@" in text:
        text = _EMAIL.sub(MASKED_EMAIL, text)
    return _PHONE.sub(MASKED_PHONE, text) if _MAY_HOLD_PHONE.search(text) else text


# What an officer writes in "Other" to say there is no problem: "ไม่มี", "ไม่มีปัญหา",
# "ไม่พบปัญหาและอุปสรรค", "ไม่มีปัญหาใด ๆ ค่ะ", "-", "none", "n/a"... compared without
# spaces or trailing punctuation.
_NO_PROBLEM = re.compile(
    r"^(?:[-–—_.]+|ไม่(?:มี|พบ)(?:ปัญหา)?(?:และ|หรือ)?(?:อุปสรรค)?(?:ใดๆ|ใด)?(?:ครับ|ค่ะ|คะ|จ้ะ)?"
    r"|none|no|nil|n/?a|nothing)$",
    re.IGNORECASE,
)


def says_no_problem(text: str) -> bool:
    """The whole text says there is no problem (and nothing else)."""
    compact = re.sub(r"[\s\u200b]+", "", clean_text(text)).rstrip(".!")
    return bool(compact and _NO_PROBLEM.match(compact))


MASKED_NAME = "[ปิดบังชื่อ]"
# A person named in free text: a title, a given name and a surname ("นายสมชาย ใจดี",
# "น.ส. สมหญิง รักงาน"). Not นายก (the mayor: "นายก อบต.", "นายกเทศมนตรี"), and not a
# place whose name starts like a title ("อำเภอนางรอง").
_TITLED_NAME = re.compile(
    r"(?<!อำเภอ)(?<!ตำบล)(?<!อ\.)(?<!ต\.)"
    r"(?:นางสาว|นาง|นาย|น\.ส\.|ดร\.)(?!ก(?:\s|อบ|เทศ|รัฐ|องค์|หรือ|และ|ฯ|$))"
    r"\s*[\u0e01-\u0e2e\u0e40-\u0e44][\u0e01-\u0e4e]+\s+[\u0e01-\u0e2e\u0e40-\u0e44][\u0e01-\u0e4e]+"
)


def mask_people(text: str, known_names: Iterable[str] = ()) -> str:
    """Free text with people's names, phones and emails masked: any name we know (the
    respondent's own), any titled name, then contacts."""
    for name in sorted({n for n in known_names if n and len(n) > 2}, key=len, reverse=True):
        text = text.replace(name, MASKED_NAME)
        for part in name.split():
            if len(part) > 2:
                text = text.replace(part, MASKED_NAME)
    if any(title in text for title in _TITLES):
        text = _TITLED_NAME.sub(MASKED_NAME, text)
    if MASKED_NAME in text:
        # An honorific before a masked name is part of it: "คุณ[ปิดบังชื่อ]" reads as "[ปิดบังชื่อ]".
        text = _HONORIFIC_BEFORE_MASK.sub(MASKED_NAME, text)
    return mask_contacts(text)


_TITLES = ("นาย", "นาง", "น.ส.", "ดร.")  # what _TITLED_NAME starts with


_HONORIFIC_BEFORE_MASK = re.compile(r"(?:คุณ|ท่าน|นางสาว|นาง|นาย|น\.ส\.|ดร\.)\s*" + re.escape(MASKED_NAME))
