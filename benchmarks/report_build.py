"""How long the report to ก.ถ. and ก.ม.จ. takes at national scale, on one core.

The same seeded emulator as benchmarks/digest_build.py (7,850 LAOs reporting,
2,000 responses on D), then the report of D: collect (Firestore reads) and build
(figures, chart, .docx). Run: .venv/bin/python -m benchmarks.report_build (target: under 10 s)
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, datetime

from benchmarks.digest_build import DAY, seeded_national_emulator
from shared.adapters.firestore_digest import FirestoreDigestReader
from shared.digest.alerts import completeness
from shared.digest.service import Addressing, collect
from shared.report.document import build_report
from shared.report.figures import report_figures


def main() -> None:
    with seeded_national_emulator("bench-report") as client:
        timings = []
        for run in range(3):
            now = datetime.now(UTC)
            t0 = time.perf_counter()
            data = collect(FirestoreDigestReader(client), DAY, now, Addressing("digest@moi.go.th", []))
            t1 = time.perf_counter()
            texts = FirestoreDigestReader(client).recent_texts(600)
            document = build_report(report_figures(data, completeness(data), texts))
            t2 = time.perf_counter()
            timings.append(t2 - t0)
            print(f"run {run + 1}: collect {t1 - t0:.2f} s, build {t2 - t1:.2f} s, total {t2 - t0:.2f} s; "
                  f".docx {len(document) / 1e3:.0f} KB, {len(data.laos):,} LAOs")
        print(f"median total: {statistics.median(timings):.2f} s (target < 10 s)")


if __name__ == "__main__":
    main()
