"""What Firestore can store, checked before a write (Google's documented limits and size rules)."""

from datetime import UTC, datetime

import pytest

from shared.domain.storage_limits import (
    MAX_DOCUMENT_BYTES,
    document_id_problem,
    document_problem,
    document_size,
    value_size,
)


@pytest.mark.parametrize(("document_id", "problem"), [
    ("ACYDBNj1abc", None), ("", "id_missing"), (None, "id_missing"), ("a/b", "id_has_slash"),
    ("a//b", "id_has_slash"), (".", "id_reserved"), ("..", "id_reserved"), ("__x__", "id_reserved"),
    ("x" * 1500, None), ("x" * 1501, "id_too_long"), ("ก" * 500, None), ("ก" * 501, "id_too_long"),
])
def test_document_ids_follow_firestores_rules(document_id, problem):
    assert document_id_problem(document_id) == problem


def test_sizes_follow_googles_storage_size_examples():
    # https://cloud.google.com/firestore/docs/storage-size: "Task" example fields.
    fields = {"type": "Personal", "done": False, "priority": 1, "description": "Learn Cloud Firestore"}
    assert value_size(fields) == (5 + 9) + (5 + 1) + (9 + 8) + (12 + 22)
    assert value_size(datetime(2024, 1, 5, tzinfo=UTC)) == 8 and value_size(None) == 1
    # The example's document name users/jeff/tasks/my_task_id is 6 + 5 + 6 + 11 + 16 = 44 bytes.
    assert document_size(("users", "jeff", "tasks", "my_task_id"), {}) == 44 + 32


def test_a_document_over_one_mebibyte_or_too_deep_cannot_be_stored():
    assert document_problem(("responses", "r1"), {"raw": "x" * 1000}) is None
    assert document_problem(("responses", "r1"), {"raw": "x" * MAX_DOCUMENT_BYTES}) == "document_too_large"
    nested: dict = {}
    for _ in range(21):
        nested = {"n": nested}
    assert document_problem(("responses", "r1"), nested) == "too_deeply_nested"
    assert document_problem(("responses", "a/b"), {}) == "id_has_slash"


@pytest.mark.parametrize("key", ["", "x" * 1501, "__reserved__"])
def test_a_map_key_firestore_cannot_take_as_a_field_name_is_found_anywhere_in_the_document(key):
    assert document_problem(("responses", "r1"), {"raw": {"answers": {key: {}}}}) == "field_name_invalid"
    assert document_problem(("responses", "r1"), {"raw": [{"nested": {key: 1}}]}) == "field_name_invalid"
    assert document_problem(("responses", "r1"), {"raw": {"answers": {"ok": {}}}}) is None


def test_an_integer_beyond_firestores_64_bits_is_found_before_the_write():
    """Found by the fuzz through the emulator: a lastSubmittedTime in the year 2262 or later
    overflows the nanosecond count, and the client library refused the whole write."""
    assert document_problem(("responses", "r1"), {"last_submitted_ns": 2**63}) == "number_out_of_range"
    assert document_problem(("responses", "r1"), {"raw": {"answers": [{"v": -(2**63) - 1}]}}) == "number_out_of_range"
    assert document_problem(("responses", "r1"), {"last_submitted_ns": 2**63 - 1, "flag": True}) is None
