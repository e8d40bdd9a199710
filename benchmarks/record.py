"""The benchmark table: printed, and appended with the date, commit and machine to
docs/benchmarks.md, so that runs on different days and machines can be compared."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "docs" / "benchmarks.md"
_PREAMBLE = """# Benchmarks

Appended by `make bench` (national scale) and `make bench-quick` (1/10), newest last.
Each figure stands beside a baseline measured in the same run; the ratio is what to
compare across runs and machines. How each is measured: `benchmarks/national.py`.
"""


@dataclass(frozen=True)
class Row:
    part: str
    figure: str
    value: str
    baseline: str = "—"
    ratio: float | None = None
    target: str = "—"
    met: bool | None = None  # None: no target


def machine() -> str:
    memory_kib = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal:")), 0)
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.machine())
    return (f"{os.cpu_count()} cores ({model}), {memory_kib / 2**20:.1f} GiB, "
            f"Python {platform.python_version()}")


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()

    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
    return (git("rev-parse", "--short", "HEAD") or "unknown") + dirty


def _cells(row: Row) -> list[str]:
    verdict = {True: "met", False: "**missed**", None: ""}[row.met]
    ratio = "" if row.ratio is None else f"{row.ratio:.2f}"
    return [row.part, row.figure, row.value, row.baseline, ratio, row.target, verdict]


def markdown(rows: list[Row]) -> str:
    lines = ["| part | figure | value | baseline (same run) | ratio | target | |",
             "|---|---|---|---|--:|---|---|"]
    lines += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def heading(scale: float, seconds: float) -> str:
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f"## {when} · commit {commit()} · scale {scale:g} · run {seconds / 60:.1f} min\n\n"
            f"Machine: {machine()}.")


def print_table(rows: list[Row], scale: float, seconds: float) -> None:
    print()
    print(heading(scale, seconds))
    print()
    print(markdown(rows))


def append_record(rows: list[Row], scale: float, seconds: float) -> Path:
    existing = RECORD.read_text(encoding="utf-8") if RECORD.exists() else _PREAMBLE
    RECORD.write_text(f"{existing.rstrip()}\n\n{heading(scale, seconds)}\n\n{markdown(rows)}\n", encoding="utf-8")
    return RECORD
