"""Building the digest, writing it to an outbox, and sending each date's once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from shared import logs
from shared.digest.content import DigestContent, build_content
from shared.digest.message import build_message, message_id
from shared.digest.model import DigestData, LaoReports, LaoSnapshot
from shared.digest.ports import DigestLedger, DigestReader, Mailer, MailerAuthFailed, SendOutcomeUnknown
from shared.digest.render_html import render_html
from shared.digest.render_text import render_text
from shared.digest.workbook import build_workbook
from shared.domain.counting import DATA_VERSION
from shared.domain.ledger import MessageIds, message_ids

CATCH_UP_DAYS = 7


@dataclass(frozen=True)
class Addressing:
    sender: str
    recipients: list[str]
    include_contacts: bool = False
    reply_to: str | None = None  # the contact office (DIGEST_REPLY_TO)
    contact: str = ""  # who runs the system and how to reach them (DIGEST_CONTACT), for the footer
    form_id: str | None = None  # for links to a response in Google Forms


@dataclass(frozen=True)
class ComposedDigest:
    content: DigestContent
    html: str
    message: EmailMessage


def collect(reader: DigestReader, day: date, now: datetime, addressing: Addressing) -> DigestData:
    contacts = addressing.include_contacts
    # The reads are independent: issued together, the database works on several while
    # this process decodes another (see the benchmark in benchmarks/digest_build.py).
    with ThreadPoolExecutor(max_workers=8) as pool:
        snapshot = pool.submit(reader.lao_snapshot) if not contacts else None
        created = pool.submit(reader.responses_created_on, day, contacts=contacts)
        edited = pool.submit(reader.responses_edited_on, day, contacts=contacts)
        invalid = pool.submit(reader.invalid_responses)
        warned = pool.submit(reader.responses_with_warnings, contacts=contacts)
        edited_before = pool.submit(reader.count_edited_on, day - timedelta(days=1))
        reconcile = pool.submit(reader.reconcile_status)
        watches = pool.submit(reader.watch_health)
        missing = pool.submit(reader.mapping_missing_titles)
        unmapped = pool.submit(reader.mapping_unmapped_options)
        roster = pool.submit(reader.roster)
    # Read last: when its data version is the snapshot's, nothing was stored between the
    # refresh that wrote the snapshot and now, so every read above is of that one version.
    counters = reader.counters()
    laos = _reporting_laos(reader, snapshot.result() if snapshot else None, counters, contacts)
    return DigestData(
        day=day,
        built_at=now,
        counters=counters,
        created_on_day=created.result(),
        edited_on_day=edited.result(),
        edited_day_before=edited_before.result(),
        invalid=invalid.result(),
        warned=warned.result(),
        laos=laos,
        reconcile=reconcile.result(),
        include_contacts=contacts,
        watches=watches.result(),
        mapping_missing_titles=missing.result(),
        mapping_unmapped_options=unmapped.result(),
        form_id=addressing.form_id,
        roster=roster.result(),
        contact=addressing.contact,
        reply_to=addressing.reply_to,
    )


def _reporting_laos(reader: DigestReader, snapshot: LaoSnapshot | None, counters: dict[str, int],
                    contacts: bool) -> list[LaoReports]:
    """The snapshot the last summaries refresh wrote when it is current, else every LAO record."""
    current = counters.get(DATA_VERSION, 0)
    if snapshot is not None and snapshot.data_version == current:
        return snapshot.laos
    if not contacts:
        logs.info("digest reads every LAO record: the summaries are not current",
                  summaries_version=snapshot.data_version if snapshot else None, data_version=current)
    return reader.lao_reports(contacts=contacts)


def compose(data: DigestData, addressing: Addressing, now: datetime, ids: MessageIds | None = None) -> ComposedDigest:
    ids = ids or MessageIds(message_id(data.day, addressing.sender))
    content = build_content(data)
    html = render_html(content)
    subject = f"[ฉบับแก้ไข] {content.subject}" if ids.correction else content.subject
    message = build_message(
        day=data.day, subject=subject, text=render_text(content), html=html,
        workbook=build_workbook(data, content), sender=addressing.sender, recipients=addressing.recipients, sent_at=now,
        ids=ids, reply_to=addressing.reply_to,
    )
    return ComposedDigest(content, html, message)


def write_outbox(composed: ComposedDigest, day: date, outbox: Path) -> tuple[Path, Path]:
    outbox.mkdir(parents=True, exist_ok=True)
    eml = outbox / f"digest-{day.isoformat()}.eml"
    preview = outbox / f"digest-{day.isoformat()}.html"
    eml.write_bytes(composed.message.as_bytes())
    preview.write_text(composed.html, encoding="utf-8")
    return eml, preview


@dataclass(frozen=True)
class SendResult:
    day: date
    sent: bool
    gmail_id: str | None = None
    skipped_reason: str | None = None


def send_digest(
    day: date, *, reader: DigestReader, ledger: DigestLedger, mailer: Mailer, addressing: Addressing,
    now: datetime, force: bool = False, lease_seconds: int = 600,
) -> SendResult:
    """Send one date's digest unless it was sent already or another invocation is sending it."""
    claim = ledger.claim(day, force=force, now=now, lease_seconds=lease_seconds)
    if claim is None:
        logs.info("digest not sent: already sent or being sent", day=day.isoformat())
        return SendResult(day, sent=False, skipped_reason="already sent or in progress")
    ids = message_ids(message_id(day, addressing.sender), message_id(day, addressing.sender, claim.token[:12]),
                      claim.previous_status, claim.previous_ids)
    mid = ids.message_id
    try:
        composed = compose(collect(reader, day, now, addressing), addressing, now, ids)
        gmail_id = mailer.send(composed.message.as_bytes())
    except SendOutcomeUnknown as exc:
        ledger.mark_failed(claim, in_doubt=True, error=str(exc), ids=ids)
        logs.error("digest send in doubt: will be resent with the same Message-ID", day=day.isoformat(),
                   message_id=mid)
        raise
    except MailerAuthFailed as exc:
        ledger.mark_failed(claim, in_doubt=False, error=str(exc), ids=ids)
        logs.error("digest send failed: the mail credential was refused", day=day.isoformat(), cause=str(exc))
        raise
    except Exception as exc:
        ledger.mark_failed(claim, in_doubt=False, error=exc.__class__.__name__, ids=ids)
        logs.error("digest send failed: the next invocation retries", day=day.isoformat(),
                   error=exc.__class__.__name__)
        raise
    content = composed.content
    counts = {"new": content.new_on_day, "laos_reporting": content.laos_reporting,
              "invalid": content.invalid_total, "warned": content.warned_total}
    if not ledger.mark_sent(claim, gmail_id=gmail_id, ids=ids, counts=counts):
        # Our lease ran out and another invocation claimed the date: its record stands.
        logs.warning("digest sent after this invocation's claim expired; the newer claim's record is kept",
                     day=day.isoformat(), gmail_id=gmail_id, message_id=mid)
    logs.info("digest sent", day=day.isoformat(), gmail_id=gmail_id, message_id=mid,
              resent_after=claim.previous_status, correction=ids.correction, **counts)
    return SendResult(day, sent=True, gmail_id=gmail_id)


def due_days(today: date, reader: DigestReader, ledger: DigestLedger) -> list[date]:
    """Yesterday, and any of the six days before it never sent, oldest first.

    Days before the first submission are not due: a new deployment does not send
    a week of empty digests.
    """
    yesterday = today - timedelta(days=1)
    window = [yesterday - timedelta(days=n) for n in range(CATCH_UP_DAYS - 1, -1, -1)]
    sent = ledger.sent_days(window)
    dates = [k.removeprefix("by_submission_date.") for k in reader.counters() if k.startswith("by_submission_date.")]
    first = date.fromisoformat(min(dates)) if dates else yesterday
    return [d for d in window if d not in sent and (d >= first or d == yesterday)]


def send_due_digests(
    today: date, *, reader: DigestReader, ledger: DigestLedger, mailer: Mailer, addressing: Addressing,
    now: datetime,
) -> list[SendResult]:
    return [send_digest(day, reader=reader, ledger=ledger, mailer=mailer, addressing=addressing, now=now)
            for day in due_days(today, reader, ledger)]


def check_digest_recorded(ledger: DigestLedger, day: date) -> bool:
    """The 09:00 check: was ``day``'s digest sent? Logs an ERROR (alerted on) when not."""
    sent = day in ledger.sent_days([day])
    if not sent:
        logs.error("digest missing", day=day.isoformat())
    return sent
