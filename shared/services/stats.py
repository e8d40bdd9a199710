"""The stored counters in the shape analysts and other tools read (`stats --json`)."""

from __future__ import annotations

from typing import Any

GROUPS = ("by_problem", "by_province", "by_lao_type", "by_status", "by_submission_date")
RESPONSE_KEYS = ("total", "valid", "invalid", "deleted")


def stats_document(counters: dict[str, int]) -> dict[str, Any]:
    stats: dict[str, Any] = {
        "responses": {key: counters.get(f"responses.{key}", 0) for key in RESPONSE_KEYS},
        "laos_reporting": counters.get("laos_reporting", 0),
    }
    for group in GROUPS:
        prefix = f"{group}."
        stats[group] = {
            key[len(prefix):]: value
            for key, value in sorted(counters.items())
            if key.startswith(prefix) and value
        }
    return stats
