"""Whether a document can be stored in Firestore as it is: a pure check, made before
a write, so that one response that can never be written does not stall the others.

Limits and size rules are Google's (https://cloud.google.com/firestore/quotas,
https://cloud.google.com/firestore/docs/storage-size): a document id is at most
1,500 bytes, has no "/", is not "." or "..", and does not match __.*__; a field
name is not empty, at most 1,500 bytes and does not match __.*__; a document is at
most 1,048,576 bytes; maps and arrays nest at most 20 deep.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

MAX_ID_BYTES = 1_500
MAX_DOCUMENT_BYTES = 1_048_576
MAX_DEPTH = 20
_RESERVED_ID = re.compile(r"^__.*__$")


def document_id_problem(document_id: object) -> str | None:
    """Why ``document_id`` cannot name a document; None when it can."""
    if not isinstance(document_id, str) or not document_id:
        return "id_missing"
    if "/" in document_id:
        return "id_has_slash"
    if document_id in (".", "..") or _RESERVED_ID.match(document_id):
        return "id_reserved"
    if len(document_id.encode("utf-8")) > MAX_ID_BYTES:
        return "id_too_long"
    return None


def value_size(value: Any) -> int:
    """A field value's storage size, by Google's rules."""
    if value is None or isinstance(value, bool):
        return 1
    if isinstance(value, int | float | datetime | date):
        return 8
    if isinstance(value, str):
        return len(value.encode("utf-8")) + 1
    if isinstance(value, bytes):
        return len(value)
    if isinstance(value, dict):
        return sum(len(str(key).encode("utf-8")) + 1 + value_size(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return sum(value_size(item) for item in value)
    return 16  # a transform or sentinel: counted generously, it never carries text


def document_size(path: tuple[str, ...], fields: dict[str, Any]) -> int:
    """Name size (each path segment's bytes + 1, plus 16) + field sizes + 32."""
    name = sum(len(segment.encode("utf-8")) + 1 for segment in path) + 16
    return name + value_size(fields) + 32


def field_name_problem(value: Any) -> str | None:
    """Why some map key inside ``value`` cannot be a Firestore field name; None when all can."""
    if isinstance(value, dict):
        for key, item in value.items():
            name = str(key)
            if not name or len(name.encode("utf-8")) > MAX_ID_BYTES or _RESERVED_ID.match(name):
                return "field_name_invalid"
            if problem := field_name_problem(item):
                return problem
    elif isinstance(value, list | tuple):
        for item in value:
            if problem := field_name_problem(item):
                return problem
    return None


# Firestore's integer is a signed 64-bit one ("Integer: 64-bit, signed",
# https://firebase.google.com/docs/firestore/manage-data/data-types). A time near
# the year 2262 already overflows a nanosecond count.
INT64 = range(-(2**63), 2**63)


def number_problem(value: Any) -> str | None:
    """Why some integer inside ``value`` cannot be stored; None when all can."""
    if isinstance(value, int) and not isinstance(value, bool):
        return None if value in INT64 else "number_out_of_range"
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list | tuple) else ()
    for item in items:
        if problem := number_problem(item):
            return problem
    return None


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((depth(item) for item in value.values()), default=0)
    if isinstance(value, list | tuple):
        return 1 + max((depth(item) for item in value), default=0)
    return 0


def document_problem(path: tuple[str, ...], fields: dict[str, Any]) -> str | None:
    """Why this document cannot be written as it is; None when it can."""
    if problem := document_id_problem(path[-1]):
        return problem
    if depth(fields) > MAX_DEPTH:
        return "too_deeply_nested"
    if problem := field_name_problem(fields) or number_problem(fields):
        return problem
    if document_size(path, fields) > MAX_DOCUMENT_BYTES:
        return "document_too_large"
    return None
