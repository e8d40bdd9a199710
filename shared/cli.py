"""The operator's command line: ``python -m shared <command>``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from shared import logs
from shared.ports import FormsAccessDenied, TransientError

if TYPE_CHECKING:
    from shared.adapters.firestore_roster import FirestoreRoster

# Exit codes (README, Operator CLI): 1 counters differ / mapping not whole / a doctor check failed;
# 2 configuration error or refused; 3 a transient failure (Firestore or the Forms API): run again later.
EXIT_REFUSED = 2  # a configuration error, or the operation was refused
EXIT_TRANSIENT = 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m shared", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    rec = commands.add_parser("reconcile", help="ingest whatever the form has that is missing or newer")
    rec.add_argument("--reprocess-invalid", action="store_true",
                     help="re-evaluate every stored invalid response at its same version")
    rec.add_argument("--reevaluate-all", action="store_true",
                     help="re-evaluate every stored response at its same version: the migration after a "
                          "change of the validation or LAO identity rules (README, Migrations)")
    rec.add_argument("--allow-mass-delete", action="store_true",
                     help="mark deleted even when more than 10%% of stored responses are absent")

    stats = commands.add_parser("stats", help="print the stored counters")
    stats.add_argument("--json", action="store_true", help="one JSON object (the default output)")

    summary = commands.add_parser("summary", help="print every figure the digest and report show (national, "
                                                  "per province), computed now with the fields of summaries/*")
    summary.add_argument("--as-of", type=date.fromisoformat, default=None,
                         help="figures as of the end of this Bangkok day (default: now)")
    summary.add_argument("--json", action="store_true",
                         help="one JSON object: national, and provinces keyed by province code")

    roster = commands.add_parser("roster", help="the LAO roster the coverage figures are computed against")
    roster_commands = roster.add_subparsers(dest="roster_command", required=True)
    load = roster_commands.add_parser("load", help="load (or replace, atomically) the roster from a CSV file")
    load.add_argument("file", type=Path, help="the DLA's open-data CSV, or lao_code,name,lao_type,district,province")

    missing = commands.add_parser("nonresponders", help="the roster LAOs not yet answered, for a provincial office")
    missing.add_argument("--province", default=None, help="one province, as its ISO code (TH-54) or Thai name")
    missing.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    missing.add_argument("--out", type=Path, required=True, help="the file to write")

    report = commands.add_parser("report", help="write the memorandum to ก.ถ. and ก.ม.จ. (.docx) and its workbook")
    report.add_argument("--out", type=Path, required=True,
                        help="the folder report-<as-of>.docx and report-<as-of>.xlsx are written to")
    report.add_argument("--as-of", type=date.fromisoformat, default=None,
                        help="figures as of the end of this Bangkok day (default: today, up to now)")
    report.add_argument("--settings", type=Path, default=None,
                        help="the memorandum's header and signer (TOML; see infra/report-settings.example.toml)")
    report.add_argument("--arabic-digits", action="store_true", help="Arabic digits instead of Thai")
    report.add_argument("--thai-digits", action="store_true", help="accepted for old scripts: Thai is the default")

    recount = commands.add_parser("recount", help="compare the counters with a full recount")
    mode = recount.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="exit 1 and print the differences")
    mode.add_argument("--fix", action="store_true", help="apply the differences as increments")

    commands.add_parser("check-form", help="show how each canonical question resolves on the live form")

    purge = commands.add_parser("purge-contacts", help="remove reporters' names, phones and emails (PDPA retention)")
    purge.add_argument("--older-than", type=_days, required=True, metavar="DAYS",
                       help="from responses first submitted more than DAYS days ago (0: all)")

    doctor = commands.add_parser("doctor", help="check that the deployment can work (after terraform apply)")
    doctor.add_argument("--send-test", action="store_true",
                        help="also send one short test message to DIGEST_SENDER")

    watch = commands.add_parser("watch", help="the Forms API watches (RESPONSES, SCHEMA)")
    watch_commands = watch.add_subparsers(dest="watch_command", required=True)
    watch_commands.add_parser("ensure", help="create missing watches, renew expiring ones, recreate dead ones")

    digest = commands.add_parser("digest", help="build (and with --send, send) one date's Thai digest")
    digest.add_argument("--date", type=date.fromisoformat, default=None,
                        help="the Bangkok day D, YYYY-MM-DD (default: yesterday)")
    digest.add_argument("--outbox", type=Path, default=Path("outbox"), help="where the .eml and .html go")
    digest.add_argument("--send", action="store_true", help="send it through Gmail instead of writing files")
    digest.add_argument("--force", action="store_true", help="send again even if this date was sent")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except ValidationError as exc:
        problems = "; ".join(f"{e['loc'][0]}: {e['msg']}" for e in exc.errors())
        print(f"configuration error: {problems} (see README, Configuration)", file=sys.stderr)
        return EXIT_REFUSED
    except FormsAccessDenied as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:
        if not _transient(exc):
            raise
        # Nothing was lost: every write is a transaction, and the next run resumes from the cursor.
        logs.error("command failed on a transient error; run it again later", command=args.command,
                   error=exc.__class__.__name__)
        print(f"temporarily unavailable ({_one_line(exc)}): nothing was lost; run the command again later",
              file=sys.stderr)
        return EXIT_TRANSIENT


def _days(text: str) -> int:
    days = int(text)
    if days < 0:
        raise argparse.ArgumentTypeError("DAYS must be 0 or more")
    return days


def _transient(exc: BaseException) -> bool:
    from google.api_core import exceptions as gexc

    transient = (TransientError, gexc.RetryError, gexc.ServiceUnavailable, gexc.DeadlineExceeded,
                 gexc.InternalServerError, gexc.TooManyRequests, gexc.ResourceExhausted, ConnectionError,
                 TimeoutError)
    return isinstance(exc, transient)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{exc.__class__.__name__}: {text[:200]}" if text else exc.__class__.__name__


def _run(args: argparse.Namespace) -> int:
    if args.command == "digest":
        return _digest(args)
    if args.command == "watch":
        return _watch_ensure()
    if args.command == "doctor":
        return _doctor(send_test=args.send_test)
    if args.command == "roster":
        return _roster_load(args.file)
    if args.command == "summary":
        return _summary(args.as_of, as_json=args.json)
    if args.command == "report":
        return _report(args.out, args.as_of, args.settings, thai_digits=not args.arabic_digits)
    if args.command == "nonresponders":
        return _nonresponders(args.province, args.format, args.out)
    from shared.runtime import ingest_components, store_only

    if args.command in ("stats", "recount"):
        store = store_only()
    else:
        components = ingest_components()
        store, forms, mappings = components.store, components.forms, components.mappings

    if args.command == "stats":
        from shared.services.roster import read_coverage
        from shared.services.stats import stats_document

        document = {**stats_document(store.counters()), "coverage": read_coverage(_roster_store())}
        print(json.dumps(document, ensure_ascii=False, sort_keys=True))
        return 0
    if args.command == "recount":
        from shared.services.recount import fix_counters, recount
        from shared.services.roster import recount_coverage

        result = fix_counters(store) if args.fix else recount(store)
        coverages = recount_coverage(_roster_store())
        if coverages and coverages[0] != coverages[1]:
            stored, expected = coverages
            print("coverage from the LAO records differs from the responses':", file=sys.stderr)
            print(f"  stored {json.dumps(stored, ensure_ascii=False, sort_keys=True)}", file=sys.stderr)
            print(f"  recount {json.dumps(expected, ensure_ascii=False, sort_keys=True)}", file=sys.stderr)
            return 1
        summaries = _check_summaries(fix=args.fix)
        if result.consistent and summaries:
            print("counters equal a full recount" + (" and so does coverage" if coverages else "")
                  + f"; {summaries}")
            return 0
        if result.consistent:
            return 1
        if summaries:
            print(summaries)
        verb = "repaired" if args.fix else "differ"
        print(f"counters {verb} ({len(result.differences)} keys; expected - stored):")
        for key, diff in result.differences.items():
            print(f"  {key}: stored {result.stored.get(key, 0)}, recount {result.expected.get(key, 0)} ({diff:+d})")
        return 0 if args.fix else 1
    if args.command == "check-form":
        from shared.services.check_form import describe_mapping

        mapping = mappings.refresh()
        print(describe_mapping(mapping))
        return 1 if mapping.broken or mapping.degraded else 0
    if args.command == "purge-contacts":
        from dataclasses import asdict

        from shared.services.retention import purge_contacts

        report = purge_contacts(store, mappings, datetime.now(UTC), args.older_than)
        print(json.dumps(asdict(report), ensure_ascii=False))
        return 0
    if args.command == "reconcile":
        from shared.adapters.firestore_metering import counting
        from shared.services.reconcile import MassDeleteRefused, ReconcileOptions, reconcile

        options = ReconcileOptions(
            allow_mass_delete=args.allow_mass_delete,
            reprocess_invalid=args.reprocess_invalid,
            reevaluate_all=args.reevaluate_all,
            mass_delete_ratio=components.settings.mass_delete_ratio,
        )
        try:
            with counting() as documents:
                record = reconcile(store, forms, mappings, options)
        except MassDeleteRefused as exc:
            print(f"refused: {exc}", file=sys.stderr)
            return EXIT_REFUSED
        from shared.runtime import summaries_source
        from shared.services.summaries import refresh_summaries

        refresh = refresh_summaries(summaries_source(), datetime.now(UTC), only_if_moved=True)
        print(json.dumps({
            "summaries": refresh.reason,
            "form_response_count": record.form_response_count, "stored_count": record.stored_count,
            "counts_match": record.counts_match, "ingested": record.ingested, "deleted": record.deleted,
            "restored": record.restored, "reprocessed": record.reprocessed, "quarantined": record.quarantined,
            "documents_read": documents.read, "documents_written": documents.written,
        }))
        return 0
    raise AssertionError(args.command)


def _digest(args: argparse.Namespace) -> int:
    from shared.digest.runtime import digest_components
    from shared.digest.service import collect, compose, send_digest, write_outbox
    from shared.domain.timestamps import BANGKOK

    app = digest_components()
    now = datetime.now(UTC)
    day = args.date or now.astimezone(BANGKOK).date() - timedelta(days=1)
    if args.send:
        result = send_digest(day, reader=app.reader, ledger=app.ledger, mailer=app.mailer(),
                             addressing=app.addressing, now=now, force=args.force)
        print(f"digest {day}: " + (f"sent (Gmail id {result.gmail_id})" if result.sent
                                     else f"not sent: {result.skipped_reason} (use --force to resend)"))
        return 0
    composed = compose(collect(app.reader, day, now, app.addressing), app.addressing, now)
    eml, preview = write_outbox(composed, day, args.outbox)
    print(f"digest {day} written (not sent): {eml} and {preview}")
    return 0


def _report(out: Path, as_of: date | None, settings_path: Path | None, *, thai_digits: bool) -> int:
    from pydantic import ValidationError

    from shared.digest.runtime import digest_components
    from shared.domain.timestamps import BANGKOK
    from shared.report.service import compose_report
    from shared.report.settings import load_settings

    try:
        settings = load_settings(settings_path)
    except (OSError, ValueError, ValidationError) as exc:  # tomllib's errors are ValueErrors
        print(f"report settings {settings_path}: {exc}", file=sys.stderr)
        return 2
    app = digest_components()
    now = datetime.now(UTC)
    day = as_of or now.astimezone(BANGKOK).date()
    report = compose_report(app.reader, day, now, app.addressing, settings, thai_digits=thai_digits)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"report-{day.isoformat()}.docx"
    path.write_bytes(report.document)
    workbook = out / f"report-{day.isoformat()}.xlsx"
    workbook.write_bytes(report.workbook)
    print(f"report as of {day} written: {path} (enclosure: {workbook})")
    return 0


def _check_summaries(*, fix: bool) -> str | None:
    """The stored summaries against a recount: a line to print when they agree (or are of an older
    data version, so not compared, or were rewritten with ``fix``); None after printing the differences."""
    from shared.runtime import summaries_source
    from shared.services.summaries import check_summaries, refresh_summaries

    source = summaries_source()
    check = check_summaries(source, datetime.now(UTC))
    if fix and (not check.compared or not check.consistent):
        refresh_summaries(source, datetime.now(UTC), only_if_moved=False)
        return "summaries/* recomputed and rewritten"
    if not check.compared:
        return "summaries/* are of an older data version (refreshed by the next reconcile): not compared"
    if check.consistent:
        return "so do summaries/*"
    print("summaries/* differ from a recount of the same data version:", file=sys.stderr)
    for doc_id, fields in check.differences.items():
        print(f"  summaries/{doc_id}: {', '.join(fields)}", file=sys.stderr)
    return None


def _summary(as_of: date | None, *, as_json: bool) -> int:
    from shared.digest.summary_text import summary_text
    from shared.domain.summaries import NATIONAL, summary_documents
    from shared.runtime import summaries_source
    from shared.services.summaries import compute_now

    computed = compute_now(summaries_source(), datetime.now(UTC), as_of)
    documents = summary_documents(computed.figures, computed.version)
    if as_json:
        national = documents.pop(NATIONAL)
        print(json.dumps({"national": national, "provinces": documents}, ensure_ascii=False, sort_keys=True,
                         default=lambda value: value.isoformat()))
        return 0
    print(summary_text(computed.figures))
    return 0


def _roster_store() -> FirestoreRoster:
    from shared.adapters.firestore_roster import FirestoreRoster
    from shared.adapters.firestore_store import firestore_client
    from shared.config import FirestoreSettings

    return FirestoreRoster(firestore_client(FirestoreSettings().google_cloud_project))


def _roster_load(path: Path) -> int:
    from shared.domain.roster import RosterRejected
    from shared.services.roster import load_roster

    try:
        changes = load_roster(path, _roster_store())
    except RosterRejected as exc:
        print(f"refused: nothing loaded from {path}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_REFUSED
    from shared.runtime import summaries_source
    from shared.services.summaries import refresh_summaries

    refresh_summaries(summaries_source(), datetime.now(UTC), only_if_moved=False)  # new roster, new rates
    print(json.dumps({
        **changes.summary(),
        "added_codes": [e.lao_code for e in changes.added],
        "removed_codes": [e.lao_code for e in changes.removed],
        "renamed_entries": [{"lao_code": new.lao_code, "before": old.name, "after": new.name}
                    for old, new in changes.renamed],
    }, ensure_ascii=False))
    return 0


def _nonresponders(province: str | None, file_format: str, out: Path) -> int:
    from shared.domain.geography import province_by_code, resolve_province
    from shared.services.roster import nonresponders_now, write_nonresponders

    code = None
    if province:
        found = province_by_code(province.upper()) or resolve_province(province)
        if found is None:
            print(f"refused: unknown province {province!r}", file=sys.stderr)
            return EXIT_REFUSED
        code = found.code
    entries = nonresponders_now(_roster_store(), code)
    if entries is None:
        print("refused: no LAO roster is loaded (python -m shared roster load FILE.csv)", file=sys.stderr)
        return EXIT_REFUSED
    write_nonresponders(entries, out, file_format)
    print(json.dumps({"nonresponders": len(entries), "province": code, "file": str(out)}, ensure_ascii=False))
    return 0


def _watch_ensure() -> int:
    from shared.config import WatchSettings
    from shared.runtime import ingest_components
    from shared.services.watches import ensure_watches

    settings = WatchSettings()
    app = ingest_components()
    for action in ensure_watches(app.forms, app.store, settings.watch_topic, datetime.now(UTC)):
        watch = action.watch
        print(f"{action.event_type}: {action.action} (id {watch.get('id')}, {watch.get('state')}, "
              f"expires {watch.get('expireTime')})")
    return 0


def _doctor(*, send_test: bool) -> int:
    from shared.digest.message import test_message
    from shared.digest.runtime import digest_components
    from shared.runtime import forms_identity, ingest_components
    from shared.services.doctor import DoctorSetup, OAuthClient, run_checks

    app, digest = ingest_components(), digest_components()
    settings, mail = app.settings, digest.settings
    clients = []
    if settings.forms_oauth_refresh_token is not None:
        clients.append(OAuthClient("Forms", settings.forms_oauth_client_id or ""))
    if mail.gmail_auth == "refresh_token":
        clients.append(OAuthClient("Gmail", mail.gmail_oauth_client_id or ""))

    def project_number() -> str:
        if settings.google_cloud_project_number:
            return settings.google_cloud_project_number
        from shared.adapters.resource_manager import project_number as lookup

        return lookup(settings.google_cloud_project)

    setup = DoctorSetup(project=settings.google_cloud_project, form_id=settings.form_id,
                        forms_identity=forms_identity(settings), sender=mail.digest_sender,
                        oauth_clients=tuple(clients), project_number=project_number)
    now = datetime.now(UTC)
    failed = 0
    for result in run_checks(setup, app.store, digest.reader, app.forms, digest.mailer, now,
                             (lambda: test_message(sender=mail.digest_sender, sent_at=now).as_bytes())
                             if send_test else None):
        print(result.line(), flush=True)
        failed += not result.ok
    print("all checks passed" if not failed else f"{failed} check(s) FAILED")
    return 1 if failed else 0
