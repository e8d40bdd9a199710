"""How long the report to ก.ถ. and ก.ม.จ. takes at national scale, on one core.

The same seeded emulator as benchmarks/digest_build.py (7,850 LAOs reporting,
2,000 responses on D), then the report of D: collect (Firestore reads) and build
(figures, chart, .docx, and the workbook it encloses).
Run: .venv/bin/python -m benchmarks.report_build (target: under 2 s)
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, date, datetime

from google.cloud import firestore

from benchmarks.digest_build import DAY, seeded_national_emulator
from shared.adapters.firestore_digest import FirestoreDigestReader
from shared.digest.service import Addressing
from shared.report.service import compose_report


def build_report_of(client: firestore.Client, day: date) -> tuple[float, int, int]:
    """Collect and build the report as of ``day`` once: (seconds, .docx bytes, documents read)."""
    reader = FirestoreDigestReader(client)
    t0 = time.perf_counter()
    report = compose_report(reader, day, datetime.now(UTC), Addressing("digest@moi.go.th", []))
    return time.perf_counter() - t0, len(report.document), reader.reads


def main() -> None:
    with seeded_national_emulator("bench-report") as client:
        timings = []
        for run in range(3):
            seconds, size, _ = build_report_of(client, DAY)
            timings.append(seconds)
            print(f"run {run + 1}: {seconds:.2f} s; .docx {size / 1e3:.0f} KB")
        print(f"median total: {statistics.median(timings):.2f} s (target < 2 s)")


if __name__ == "__main__":
    main()
