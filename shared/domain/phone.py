"""Thai phone numbers: Thai digits, separators and extensions, stored as E.164."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from shared.domain.text import arabic_digits, clean_text

_EXTENSION = re.compile(r"\s*(?:ต่อ|ext\.?|extension|#)\s*(\d+)\s*$", re.IGNORECASE)
_FIXED_LINE = re.compile(r"^0[2-7]\d{7}$")
_MOBILE = re.compile(r"^0[689]\d{8}$")


@dataclass(frozen=True)
class Phone:
    e164: str
    extension: str | None


def parse_thai_phone(value: str | None) -> Phone | None:
    """The number as E.164 plus extension, or None when it is not a Thai number.

    The rule is the ministry's, stricter than phonenumbers' validity: a fixed line
    has 9 digits (0, then 2-7), a mobile 10 (06, 08, 09); "+66" forms count too.
    phonenumbers does the parsing and formatting of "+66 ..." variants.
    """
    text = arabic_digits(clean_text(value))
    if not text:
        return None
    extension = None
    if match := _EXTENSION.search(text):
        extension = match.group(1)
        text = text[: match.start()]
    try:
        parsed = phonenumbers.parse(text, "TH")
    except phonenumbers.NumberParseException:
        return None
    if parsed.country_code != 66:
        return None
    extension = extension or parsed.extension or None
    national = "0" + str(parsed.national_number)
    if not (_FIXED_LINE.match(national) or _MOBILE.match(national)):
        return None
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return Phone(e164=e164, extension=extension)
