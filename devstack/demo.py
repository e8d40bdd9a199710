"""`make demo`: the sample submissions through Pub/Sub -> function -> Firestore.

Starts the whole local stack, plays the sample responses into the local Forms
API in three rounds (first submissions, edits, late arrivals), publishing a
watch notification after each, waits until the function has stored them,
deletes two responses on the form and reconciles, then prints the counters and
checks them against a full recount, and writes the digest of the busiest day
into outbox/. Stops everything it started.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from devstack.browser import screenshot
from devstack.local_stack import ROOT, LocalStack
from devstack.office import first_page_png
from shared.domain.timestamps import Instant
from tools.write_form_json import canonical_form

SAMPLE = ROOT / "tests" / "sample_data" / "responses.json"


def say(text: str) -> None:
    print(f"\n== {text}", flush=True)


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "shared", *args], cwd=ROOT, env={**os.environ, **env},
                          capture_output=True, text=True, check=False)


def wait_for_cursor(stack: LocalStack, newest: Instant, timeout: float = 120) -> None:
    from google.cloud import firestore

    os.environ["FIRESTORE_EMULATOR_HOST"] = stack.env["FIRESTORE_EMULATOR_HOST"]
    client = firestore.Client(project=stack.project)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        cursor = client.collection("system").document("cursor").get()
        if cursor.exists and int(cursor.get("last_submitted_ns")) >= newest.ns:
            return
        time.sleep(0.3)
    raise TimeoutError("the ingest function did not store every response in time: see .local/logs/ingest-function.log")


def write_demo_roster(stack: LocalStack, path: Path) -> Path:
    """A roster for the demo: nine in ten of the LAOs that answered, and as many again that
    did not (real districts of their provinces), in the simple roster layout."""
    import csv
    import random

    import geothai
    from google.cloud import firestore

    from shared.adapters.firestore_roster import FirestoreRoster

    os.environ["FIRESTORE_EMULATOR_HOST"] = stack.env["FIRESTORE_EMULATOR_HOST"]
    reporting = FirestoreRoster(firestore.Client(project=stack.project)).reporting_laos()
    rng = random.Random(2566)
    rows = [[f"9{n:06d}", lao.name, lao.lao_type, lao.district, lao.province_code]
            for n, lao in enumerate(reporting) if rng.random() < 0.9]
    for n, lao in enumerate(reporting):
        if lao.lao_type in ("bangkok", "pattaya"):
            continue
        district = rng.choice(geothai.districts(lao.province_code.removeprefix("TH-"))).name_th
        rows.append([f"8{n:06d}", f"ทดลองที่ยังไม่ตอบ{n}", "sao", district, lao.province_code])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["lao_code", "name", "lao_type", "district", "province"])
        writer.writerows(rows)
    return path


def main() -> int:
    sample: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    versions = sample["versions"]
    form = canonical_form()
    form["formId"] = sample["form_id"]
    # Three rounds in the order officers submitted them (edits included), as a
    # day of submissions would arrive.
    versions = sorted(versions, key=lambda v: Instant.parse(v["lastSubmittedTime"]))
    cut1, cut2 = len(versions) * 6 // 10, len(versions) * 85 // 100
    rounds = [versions[:cut1], versions[cut1:cut2], versions[cut2:]]

    say("starting the Firestore and Pub/Sub emulators, the local Forms API and the ingest function")
    with LocalStack(project="demo-lao-reports", form=form) as stack:
        assert stack.forms is not None
        print(json.dumps(stack.env, indent=1))
        for number, batch in enumerate(rounds, start=1):
            for version in batch:
                stack.forms.state.submit(version)
            stack.publish_watch_event()
            wait_for_cursor(stack, max(Instant.parse(v["lastSubmittedTime"]) for v in batch))
            edits = sum(1 for v in batch if v["createTime"] != v["lastSubmittedTime"])
            print(f"round {number}: {len(batch)} submissions ({edits} of them edits) on the form,"
                  " one watch notification published, all stored")
        print(f"Forms API listings made by the function: {stack.forms.state.listings}")

        say("two responses deleted on the form by its owner; reconcile marks them deleted")
        for response_id in sample["deleted_later"]:
            stack.forms.state.delete(response_id)
        reconcile = run_cli(stack.env, "reconcile", "--allow-mass-delete")
        print(reconcile.stdout.strip() or reconcile.stderr[-2000:])

        say("python -m shared stats --json")
        stats = run_cli(stack.env, "stats", "--json")
        print(json.dumps(json.loads(stats.stdout), ensure_ascii=False, indent=1))

        say("python -m shared recount --check")
        check = run_cli(stack.env, "recount", "--check")
        print(check.stdout.strip())

        roster = write_demo_roster(stack, ROOT / "outbox" / "roster-demo.csv")
        say(f"python -m shared roster load {roster.relative_to(ROOT)}  (a roster made up for the demo)")
        loaded = run_cli(stack.env, "roster", "load", str(roster))
        print(loaded.stdout.strip()[:300] or loaded.stderr[-2000:])

        say("python -m shared watch ensure  (the Forms watches, whose health the digest reports)")
        watch = run_cli({**stack.env, "WATCH_TOPIC": f"projects/{stack.project}/topics/forms-watch"},
                        "watch", "ensure")
        print(watch.stdout.strip() or watch.stderr[-2000:])

        busiest = max(json.loads(stats.stdout)["by_submission_date"].items(), key=lambda kv: kv[1])[0]
        say(f"python -m shared digest --date {busiest} --outbox outbox  (the day with most submissions)")
        digest_env = {**stack.env, "DIGEST_REPLY_TO": "kor-thor@example.go.th",
                      "DIGEST_CONTACT": "กลุ่มงานมาตรฐานการบริหารงานบุคคลส่วนท้องถิ่น สำนักงาน ก.ถ."}
        digest = run_cli(digest_env, "digest", "--date", busiest, "--outbox", str(ROOT / "outbox"))
        print(digest.stdout.strip() or digest.stderr[-2000:])
        say(f"python -m shared report --out outbox --as-of {busiest}  (the report to ก.ถ. and ก.ม.จ.)")
        report = run_cli(digest_env, "report", "--out", str(ROOT / "outbox"), "--as-of", busiest)
        print(report.stdout.strip() or report.stderr[-2000:])
        ok = all(p.returncode == 0 for p in (reconcile, stats, check, loaded, watch, digest, report))
        if ok:
            preview = ROOT / "outbox" / f"digest-{busiest}.html"
            say("the digest as a phone shows it (headless Chromium, 375 px wide)")
            print(screenshot(preview, preview.with_name(f"digest-{busiest}-phone.png"), 375))
            say("the report's first page, as LibreOffice renders it")
            report_file = ROOT / "outbox" / f"report-{busiest}.docx"
            print(first_page_png(report_file, report_file.with_name(f"report-{busiest}-page1.png")))
    say(f"demo {'finished' if ok else 'FAILED'}; logs in {Path('.local/logs')}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
