"""How long the digest takes to build at national scale, on one core.

Seeds a fresh Firestore emulator with 7,850 LAOs reporting and 2,000 responses
created on day D (stored exactly as ingestion stores them), then builds the
digest of D several times: collect (Firestore reads) and compose (content,
HTML, text, workbook, MIME). Prints the timings and the documents read.
Run: .venv/bin/python -m benchmarks.digest_build  (target: under 1 s, at most 3,000 documents read)
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import geothai
from google.cloud import firestore

from devstack.emulators import start_firestore
from shared.adapters.documents import (
    COUNTERS,
    LAOS,
    RESPONSES,
    counted_from_document,
    lao_document,
    nested,
    response_document,
)
from shared.adapters.firestore_digest import FirestoreDigestReader
from shared.adapters.firestore_summaries import FirestoreSummaries
from shared.digest.model import LaoSnapshot
from shared.digest.service import Addressing, collect, compose
from shared.domain.codes import PROBLEMS
from shared.domain.counting import LaoRecord, full_count
from shared.domain.evaluation import evaluate
from shared.domain.geography import all_provinces
from shared.domain.responses import FormResponse
from shared.services.summaries import refresh_summaries
from tests.support import builders

LAOS_REPORTING = 7_850
RESPONSES_ON_DAY = 2_000
DAY = date(2024, 1, 5)


def seed(client: firestore.Client) -> None:
    rng = random.Random(1)
    mapping = builders.mapping()
    provinces = all_provinces()
    districts = {p.code: geothai.districts(p.code.removeprefix("TH-"))[0].name_th for p in provinces}
    problems = list(PROBLEMS.values())
    counted = []
    batch, pending = client.batch(), 0
    for index in range(LAOS_REPORTING):
        province = provinces[index % len(provinces)]
        on_day = index < RESPONSES_ON_DAY
        created = f"2024-01-0{5 if on_day else rng.randint(1, 4)}T0{rng.randint(1, 9)}:00:{index % 60:02d}.{index:06d}Z"
        # A real district of the province, except every tenth: a misspelt one is a warning,
        # and the digest lists every response with a warning (10 % of them here).
        district = "เมือง" if index % 10 == 0 else districts[province.code]
        raw = builders.response({"lao_name": f"ตำบลทดสอบ{index}", "province": province.name_th,
                                 "district": district, "problems": rng.sample(problems, rng.randint(1, 3)),
                                 "problem_details": "รายละเอียด " * rng.randint(0, 40)},
                                response_id=f"bench{index:05d}", created=created)
        response = FormResponse.from_api(raw)
        evaluation = evaluate(response, mapping)
        doc = response_document(response, raw, evaluation)
        batch.set(client.collection(RESPONSES).document(response.response_id), doc)
        member = counted_from_document(doc).member()
        record = LaoRecord(evaluation.lao_id or "", evaluation.lao_type or "", {response.response_id: member})
        batch.set(client.collection(LAOS).document(record.lao_id), lao_document(record, evaluation))
        counted.append(counted_from_document(doc))
        pending += 2
        if pending >= 400:
            batch.commit()
            batch, pending = client.batch(), 0
    batch.commit()
    client.collection(COUNTERS).document("shard-00").set(nested(full_count(counted), lambda v: v))


@contextmanager
def seeded_national_emulator(project: str) -> Iterator[firestore.Client]:
    """A Firestore emulator of its own, seeded at national scale; this process on one core."""
    os.sched_setaffinity(0, {0})  # the emulator runs beside it, on the other core
    emulator = start_firestore(Path(".local/logs"))
    os.environ["FIRESTORE_EMULATOR_HOST"] = emulator.host
    try:
        client = firestore.Client(project=project)
        started = time.perf_counter()
        seed(client)
        refresh_summaries(FirestoreSummaries(client), datetime.now(UTC), only_if_moved=False)  # as reconcile does
        print(f"seeded {LAOS_REPORTING:,} LAOs and responses ({RESPONSES_ON_DAY:,} on {DAY}) "
              f"in {time.perf_counter() - started:.1f} s")
        yield client
    finally:
        emulator.stop()


@dataclass(frozen=True)
class DigestBuild:
    seconds: float
    collect_seconds: float
    documents_read: int
    html_bytes: int  # the HTML as UTF-8
    html_part_bytes: int  # the HTML part as sent (base64), what Gmail's clipping counts
    message_bytes: int  # the whole message, workbook attached
    created_on_day: int
    laos: int


class RecordsReader(FirestoreDigestReader):
    """Reads as the digest does while the summaries are not current: every LAO record."""

    def lao_snapshot(self) -> LaoSnapshot | None:
        return None


def build_digest(client: firestore.Client, day: date, *, snapshot: bool = True) -> DigestBuild:
    """Collect and compose the digest of ``day`` once, as the digest function does (``snapshot``
    False: as it does while the summaries are not current)."""
    addressing = Addressing("digest@moi.go.th", ["a@moi.go.th"])
    reader = FirestoreDigestReader(client) if snapshot else RecordsReader(client)
    now = datetime.now(UTC)
    t0 = time.perf_counter()
    data = collect(reader, day, now, addressing)
    t1 = time.perf_counter()
    composed = compose(data, addressing, now)
    message = composed.message.as_bytes()
    t2 = time.perf_counter()
    html_part = next(p for p in composed.message.walk() if p.get_content_type() == "text/html")
    return DigestBuild(t2 - t0, t1 - t0, reader.reads, len(composed.html.encode()),
                       len(str(html_part.get_payload()).encode()), len(message),
                       len(data.created_on_day), len(data.laos))


def main() -> None:
    with seeded_national_emulator("bench-digest") as client:
        timings = []
        for run in range(3):
            build = build_digest(client, DAY)
            timings.append(build.seconds)
            print(f"run {run + 1}: collect {build.collect_seconds:.2f} s ({build.documents_read:,} documents read), "
                  f"compose {build.seconds - build.collect_seconds:.2f} s, total {build.seconds:.2f} s; "
                  f"message {build.message_bytes / 1e6:.1f} MB, HTML part {build.html_part_bytes / 1e3:.0f} KB, "
                  f"{build.created_on_day:,} reports of the day, {build.laos:,} LAOs reporting")
        print(f"median total: {statistics.median(timings):.2f} s (target < 1 s)")


if __name__ == "__main__":
    main()
