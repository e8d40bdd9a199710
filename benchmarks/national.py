"""Every benchmark at national scale, side by side with the platform's own limits.

    make bench          # 7,850 LAOs, 8,000 responses (about 10 minutes here)
    make bench-quick    # the same at 1/10 scale (under 2 minutes)

One local stack (Firestore and Pub/Sub emulators, the ingest function under
functions-framework fed by a push subscription, our Forms server) runs, in order:
1. the national replay through the real path (benchmarks/replay_plan.py);
2. the emulator's own ceiling, on the same emulator (benchmarks/ceiling.py);
3. reconcile with nothing new, alone and two at once (the operator's CLI);
4. the digest and the report of the busiest day;
5. a burst: new responses whose notifications all arrive within one second;
6. cold starts (benchmarks/cold_start.py).
Each figure is set beside a baseline measured in the same run, as a ratio, since
absolute times on these machines are noisy. The table is printed and appended,
with the date, the commit and the machine, to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from google.cloud import firestore

from benchmarks.ceiling import Ceiling, measure_ceiling
from benchmarks.cold_start import ENTRIES, measure_cold_start
from benchmarks.digest_build import build_digest
from benchmarks.record import Row, append_record, print_table
from benchmarks.replay_plan import DAY, Scale, burst, replay
from benchmarks.report_build import build_report_of
from devstack.local_stack import ROOT, LocalStack
from shared.adapters.documents import SUMMARY_LAOS
from shared.adapters.firestore_store import FirestoreStore
from shared.adapters.firestore_summaries import FirestoreSummaries
from shared.domain.timestamps import Instant
from shared.services.summaries import refresh_summaries
from tests.support.stack import demo_form


def caught_up(store: FirestoreStore, expected: dict[str, int]) -> bool:
    """Every response of the Form stored at its latest version (responses.total first: it is cheap)."""
    if store.counters().get("responses.total", 0) != len(expected):
        return False
    stored = store.stored_versions()
    return all(stored.get(rid) is not None and stored[rid].submitted_ns == ns for rid, ns in expected.items())


def wait_until(condition: Callable[[], bool], timeout: float) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise SystemExit(f"not caught up within {timeout:.0f} s; see the function's log")
        time.sleep(0.25)
    return time.perf_counter() - started


class FunctionLog:
    """What the ingest function logged, summed over the notifications it handled; each
    call reads only what was appended since the last (the log grows to megabytes)."""

    def __init__(self, path: Path) -> None:
        self._path, self._offset, self._partial = path, 0, b""
        self.totals = {"notifications": 0, "documents_read": 0, "documents_written": 0, "stored": 0}

    def read(self) -> dict[str, int]:
        with self._path.open("rb") as log:
            log.seek(self._offset)
            chunk = self._partial + log.read()
            self._offset = log.tell()
        *lines, self._partial = chunk.split(b"\n")
        for line in lines:
            if not line.startswith(b"{"):
                continue
            entry = json.loads(line)
            if entry.get("message") == "notification handled":
                self.totals["notifications"] += 1
                for key in ("documents_read", "documents_written", "stored"):
                    self.totals[key] += int(entry.get(key, 0))
        return self.totals


def cli(stack: LocalStack, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "shared", *args], cwd=ROOT, env={**os.environ, **stack.env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 is national scale; 0.1 a tenth")
    parser.add_argument("--no-record", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    scale = Scale(args.scale)
    rows: list[Row] = []
    log_dir = ROOT / ".local" / "bench" / datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    run_started = time.perf_counter()
    with LocalStack(project="bench-national", form=demo_form(), log_dir=log_dir) as stack:
        os.environ.update(stack.env)
        client = firestore.Client(project=stack.project)
        store = FirestoreStore(client)
        forms = stack.forms.state  # type: ignore[union-attr]
        plan = replay(scale)
        expected: dict[str, int] = {}
        for submission in plan:
            expected[submission.raw["responseId"]] = Instant.parse(submission.raw["lastSubmittedTime"]).ns

        # 1. The replay: submissions 25 at a time, each with its notification (a tenth twice).
        say(f"replay: {len(plan):,} submissions ({len(expected):,} responses) through Pub/Sub and the function")
        published = 0
        started = time.perf_counter()
        for first in range(0, len(plan), 25):
            chunk = plan[first:first + 25]
            for submission in chunk:
                forms.submit(submission.raw)
            notifications = len(chunk) + sum(s.duplicated for s in chunk)
            stack.publish_watch_events(notifications)
            published += notifications
        wait_until(lambda: caught_up(store, expected), timeout=1800)
        replay_seconds = time.perf_counter() - started
        # Every notification answered before anything else is measured beside them.
        log = FunctionLog(log_dir / "ingest-function.log")
        wait_until(lambda: log.read()["notifications"] >= published, timeout=1800)
        answered_seconds = time.perf_counter() - started
        ingest = log.read()
        replay_forms = (forms.list_calls, forms.responses_served, forms.get_calls)

        # 2. The emulator's ceiling for as many documents.
        say(f"the emulator's ceiling: {len(plan):,} documents three ways")
        ceiling = measure_ceiling(len(plan))
        rows += replay_rows(len(plan), len(expected), published, (replay_seconds, answered_seconds), ingest,
                            replay_forms, ceiling)

        # 3. The summaries the replay moved, refreshed once (as the next hourly reconcile would);
        # then reconcile with nothing new, alone and two started together: it refreshes nothing.
        say("the summaries refresh after the replay")
        rows += refresh_rows(client)
        say("reconcile with nothing new (the CLI), alone and two at once")
        rows += reconcile_rows(stack, ceiling, len(expected))

        # 4. The digest and the report of the busiest day, before the burst adds to it.
        say(f"the digest and the report of {DAY}")
        rows += digest_and_report_rows(client, ceiling)

        # 5. The burst.
        newest = max(datetime.fromisoformat(s.raw["lastSubmittedTime"].replace("Z", "+00:00")) for s in plan)
        arriving = burst(scale, newest)
        say(f"burst: {len(arriving)} new responses, {len(arriving)} notifications within one second")
        for raw in arriving:
            forms.submit(raw)
            expected[raw["responseId"]] = Instant.parse(raw["lastSubmittedTime"]).ns
        before = (forms.list_calls, forms.responses_served)
        started = time.perf_counter()
        for first in range(0, len(arriving), 100):
            stack.publish_watch_events(min(100, len(arriving) - first))
        publish_seconds = time.perf_counter() - started
        burst_seconds = wait_until(lambda: caught_up(store, expected), timeout=600) + publish_seconds
        rows += burst_rows(len(arriving), publish_seconds, burst_seconds, forms.list_calls - before[0],
                           forms.responses_served - before[1], ceiling)

    # 6. Cold starts.
    say("cold starts: " + ", ".join(ENTRIES))
    rows += cold_start_rows(runs=5 if scale.factor >= 1 else 3)

    total = time.perf_counter() - run_started
    print_table(rows, scale.factor, total)
    if not args.no_record:
        print(f"appended to {append_record(rows, scale.factor, total)}")
    return 0


def say(text: str) -> None:
    print(f"== {text}", flush=True)


def replay_rows(versions: int, responses: int, published: int, times: tuple[float, float], ingest: dict[str, int],
                forms: tuple[int, int, int], ceiling: Ceiling) -> list[Row]:
    list_calls, served, get_calls = forms
    seconds, answered = times
    per_version = seconds / versions
    return [
        Row("replay", f"{versions:,} versions ({responses:,} responses) stored, {published:,} notifications",
            f"{versions / seconds:.0f} versions/s ({seconds:.1f} s)",
            f"{ceiling.per_second(ceiling.transaction_seconds):.0f} single-document transactions/s",
            per_version / ceiling.transaction_seconds_each, "≤ 2 (cost per version)",
            per_version <= 2 * ceiling.transaction_seconds_each),
        # The least a version can cost: read its response and its LAO; write both and a counter shard.
        Row("replay", "Firestore documents read per version", f"{ingest['documents_read'] / versions:.2f}",
            "2 (the response and its LAO)", ingest["documents_read"] / versions / 2),
        Row("replay", "Firestore documents written per version", f"{ingest['documents_written'] / versions:.2f}",
            "3 (response, LAO, counter shard)", ingest["documents_written"] / versions / 3),
        Row("replay", "Forms list calls per notification", f"{list_calls / published:.3f} ({list_calls:,} calls)",
            "1 (one listing each)", list_calls / published),
        Row("replay", "Forms responses fetched per version", f"{served / versions:.2f} ({served:,})",
            "1 (each version once)", served / versions, "≤ 1.2", served / versions <= 1.2),
        Row("replay", "every notification answered by the function",
            f"after {answered:.1f} s ({ingest['notifications']:,} answers)", f"{published:,} published",
            ingest["notifications"] / published),
        Row("replay", "forms.get calls (the mapping)", f"{get_calls:,}"),
        Row("emulator", f"{ceiling.documents:,} single writes",
            f"{ceiling.per_second(ceiling.single_write_seconds):.0f}/s"),
        Row("emulator", f"{ceiling.documents:,} single-document transactions",
            f"{ceiling.per_second(ceiling.transaction_seconds):.0f}/s"),
        Row("emulator", f"{ceiling.documents:,} documents in batches of 500",
            f"{ceiling.per_second(ceiling.batch_seconds):.0f}/s"),
        Row("emulator", f"{ceiling.documents:,} documents read by one query", f"{ceiling.reads_per_second:.0f}/s"),
    ]


def reconcile_rows(stack: LocalStack, ceiling: Ceiling, responses: int) -> list[Row]:
    forms = stack.forms.state  # type: ignore[union-attr]
    calls_before = forms.list_calls
    started = time.perf_counter()
    alone = cli(stack, "reconcile")
    out, err = alone.communicate(timeout=600)
    alone_seconds = time.perf_counter() - started
    if alone.returncode != 0:
        raise SystemExit(f"reconcile failed: {err[-2000:]}")
    record = json.loads(out.strip().splitlines()[-1])
    alone_calls = forms.list_calls - calls_before
    read_floor = record["documents_read"] / ceiling.reads_per_second

    started = time.perf_counter()
    pair = [cli(stack, "reconcile"), cli(stack, "reconcile")]
    codes = [process.wait(timeout=1200) for process in pair]
    pair_seconds = time.perf_counter() - started
    for process in pair:
        process.communicate()
    unchanged = record["ingested"] == 0 and record["counts_match"] and record["stored_count"] == responses
    summaries = record.get("summaries")
    return [
        Row("reconcile", f"{responses:,} stored, nothing new: `python -m shared reconcile`",
            f"{alone_seconds:.1f} s" + ("" if unchanged else " (NOT unchanged)"),
            f"{read_floor:.1f} s to read its {record['documents_read']:,} documents", alone_seconds / read_floor,
            "< 5 s", alone_seconds < 5 and unchanged),
        Row("reconcile", "Firestore documents read / written",
            f"{record['documents_read']:,} / {record['documents_written']:,}", f"{responses:,} stored responses",
            record["documents_read"] / responses),
        Row("reconcile", "Forms list calls", f"{alone_calls}"),
        Row("reconcile", "summaries/* when nothing moved", str(summaries), "", None, "unchanged (not refreshed)",
            summaries == "unchanged"),
        Row("reconcile", "two started at once", f"{pair_seconds:.1f} s, exit codes {codes}",
            f"{alone_seconds:.1f} s alone", pair_seconds / alone_seconds, "both exit 0", codes == [0, 0]),
    ]


def burst_rows(new: int, publish_seconds: float, seconds: float, list_calls: int, served: int,
               ceiling: Ceiling) -> list[Row]:
    floor = new * ceiling.transaction_seconds_each
    return [
        Row("burst", f"{new} notifications published", f"within {publish_seconds:.2f} s", "", None,
            "within 1 s", publish_seconds <= 1),
        Row("burst", "until stats shows every new response", f"{seconds:.1f} s",
            f"{floor:.1f} s for {new} single-document transactions", seconds / floor),
        Row("burst", "Forms responses fetched per new response", f"{served / new:.2f} ({served})",
            f"{new} new responses", served / new, "≤ 1.2", served / new <= 1.2),
        Row("burst", "Forms list calls", f"{list_calls}", f"{new} notifications", list_calls / new,
            "not growing with notifications", list_calls <= max(10, new // 10)),
    ]


def refresh_rows(client: firestore.Client) -> list[Row]:
    started = time.perf_counter()
    result = refresh_summaries(FirestoreSummaries(client), datetime.now(UTC), only_if_moved=True)
    seconds = time.perf_counter() - started
    parts = len(list(client.collection(SUMMARY_LAOS).select([]).stream()))
    return [Row("summaries", f"refresh after the replay: every LAO record read, 78 summaries and {parts} "
                "LAO snapshot parts written in one transaction", f"{seconds:.2f} s ({result.reason})")]


def digest_and_report_rows(client: firestore.Client, ceiling: Ceiling) -> list[Row]:
    digests = [build_digest(client, DAY) for _ in range(3)]
    digest = sorted(digests, key=lambda d: d.seconds)[1]
    digest_floor = digest.documents_read / ceiling.reads_per_second
    live = sorted((build_digest(client, DAY, snapshot=False) for _ in range(3)), key=lambda d: d.seconds)[1]
    reports = [build_report_of(client, DAY) for _ in range(3)]
    report_seconds, report_bytes, report_reads = sorted(reports)[1]
    report_floor = report_reads / ceiling.reads_per_second
    return [
        Row("digest", f"build of {DAY} ({digest.created_on_day:,} responses that day, {digest.laos:,} LAOs), "
            "median of 3",
            f"{digest.seconds:.2f} s (collect {digest.collect_seconds:.2f} s)",
            f"{digest_floor:.2f} s to read its {digest.documents_read:,} documents", digest.seconds / digest_floor,
            "< 1 s", digest.seconds < 1),
        Row("digest", "documents read", f"{digest.documents_read:,}",
            f"{live.documents_read:,} reading every LAO record (summaries not current)",
            digest.documents_read / live.documents_read, "≤ 3,000", digest.documents_read <= 3000),
        Row("digest", "build while the summaries are not current (every LAO record read), median of 3",
            f"{live.seconds:.2f} s (collect {live.collect_seconds:.2f} s)", f"{digest.seconds:.2f} s from the snapshot",
            live.seconds / digest.seconds),
        Row("digest", "HTML part as sent (what Gmail's clipping counts)", f"{digest.html_part_bytes / 1024:.0f} KiB",
            f"{digest.html_bytes / 1024:.0f} KiB of HTML", digest.html_part_bytes / digest.html_bytes,
            "< 90 KB", digest.html_part_bytes < 90_000),
        Row("digest", "whole message, workbook attached", f"{digest.message_bytes / 1e6:.2f} MB", "", None,
            "< 25 MB (Gmail's limit)", digest.message_bytes < 25e6),
        Row("report", f"build as of {DAY}, median of 3", f"{report_seconds:.2f} s ({report_bytes / 1e3:.0f} KB .docx)",
            f"{report_floor:.2f} s to read its {report_reads:,} documents", report_seconds / report_floor,
            "< 2 s", report_seconds < 2),
    ]


def cold_start_rows(runs: int) -> list[Row]:
    rows = []
    for entry in ENTRIES:
        cold = measure_cold_start(entry, runs)
        rows.append(Row("cold start", f"import of functions/{entry}/main.py ({cold.modules:,} modules)",
                        f"{cold.entry_seconds:.2f} s", f"{cold.dependencies_seconds:.2f} s for its dependencies alone",
                        cold.own_overhead, "own overhead < 0.30", cold.own_overhead < 0.30))
        if entry != "digest":
            rows.append(Row("cold start", f"{entry}: modules only the digest or report needs",
                            ", ".join(cold.digest_or_report_modules[:3]) or "none", "", None, "none",
                            not cold.digest_or_report_modules))
    return rows


if __name__ == "__main__":
    sys.exit(main())
