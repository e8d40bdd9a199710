"""The digest on the Firestore emulator, sent through the real Gmail client to our local Gmail server."""

import email
import email.policy
import io
import threading
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from google.auth.credentials import AnonymousCredentials

from devstack.gmail_server import GmailServer
from shared.adapters.firestore_digest import FirestoreDigestLedger, FirestoreDigestReader
from shared.adapters.gmail_api import GmailMailer
from shared.digest.content import build_content
from shared.digest.ports import SendOutcomeUnknown
from shared.digest.service import Addressing, collect, due_days, send_digest, send_due_digests
from shared.domain.ledger import MessageIds
from shared.services.ingest import ingest_responses
from tests.support import builders

pytestmark = pytest.mark.emulator
ADDRESSING = Addressing("digest@moi.go.th", ["kor-thor@moi.go.th", "analyst@moi.go.th"])
NOW = datetime(2024, 1, 6, 1, 0, tzinfo=UTC)  # 08:00 Bangkok


@pytest.fixture
def gmail():
    server = GmailServer().start()
    yield server
    server.stop()


@pytest.fixture
def digest(stack, gmail):
    db = stack.store._db

    class Digest:
        reader = FirestoreDigestReader(db)
        ledger = FirestoreDigestLedger(db)
        mailer = GmailMailer(AnonymousCredentials(), gmail.endpoint, timeout=2, ca_certs=str(gmail.certificate.cert))

        def send(self, day, **kwargs):
            return send_digest(day, reader=self.reader, ledger=self.ledger, mailer=self.mailer,
                               addressing=ADDRESSING, now=NOW, **kwargs)

    return Digest()


def ingest(stack, *raws):
    ingest_responses(list(raws), stack.store, stack.mappings)


def test_responses_at_2359_and_0001_bangkok_time_fall_on_their_own_days(stack, digest):
    ingest(stack, builders.response(response_id="late", created="2024-01-04T16:59:59Z"),
           builders.response(response_id="early", created="2024-01-04T17:00:01Z", lao_name="โนนสูง"))
    day4 = collect(digest.reader, date(2024, 1, 4), NOW, ADDRESSING)
    day5 = collect(digest.reader, date(2024, 1, 5), NOW, ADDRESSING)
    assert [r.response_id for r in day4.created_on_day] == ["late"]
    assert [r.response_id for r in day5.created_on_day] == ["early"]
    assert day5.counters["by_submission_date.2024-01-05"] == len(day5.created_on_day)


def test_an_edit_on_the_day_of_an_older_response_is_listed_as_edited(stack, digest):
    ingest(stack, builders.response(response_id="r1", created="2024-01-02T03:00:00Z",
                                    submitted="2024-01-05T03:00:00Z"))
    day5 = collect(digest.reader, date(2024, 1, 5), NOW, ADDRESSING)
    assert day5.created_on_day == [] and [r.response_id for r in day5.edited_on_day] == ["r1"]


def test_the_digest_goes_through_the_real_gmail_client_and_reads_back_whole(stack, digest, gmail):
    ingest(stack, builders.response(created="2024-01-05T03:00:00Z", problem_details="<b>ตัวหนา</b>"),
           builders.response({"lao_type": None}, created="2024-01-05T04:00:00Z"))
    result = digest.send(date(2024, 1, 5))
    assert result.sent and result.gmail_id == "local000001"
    [message] = gmail.state.parsed()
    assert message["To"] == "kor-thor@moi.go.th, analyst@moi.go.th"
    # [แจ้งเตือน]: this test stack never made a Forms watch, and the digest says so.
    assert message["Subject"] == "[แจ้งเตือน] 5 ม.ค. 67 · ใหม่ 2 ฉบับ · แจ้งแล้ว 1 อปท. · ไม่สมบูรณ์ 1 ฉบับ"
    assert message["Auto-Submitted"] == "auto-generated"
    html = message.get_body(("html",)).get_content()
    assert "ไม่ได้ระบุประเภทองค์กรปกครองส่วนท้องถิ่น" in html
    book = openpyxl.load_workbook(io.BytesIO(next(message.iter_attachments()).get_content()))
    assert "<b>ตัวหนา</b>" in {c.value for r in book["แบบแจ้งปัญหา 5 ม.ค. 2567"].iter_rows() for c in r}
    assert "สมชาย" not in html and "hr@example.go.th" not in html
    assert next(message.iter_attachments()).get_filename().endswith(".xlsx")
    record = stack.store._db.collection("digests").document("2024-01-05").get().to_dict()
    assert record["status"] == "sent" and record["gmail_message_id"] == "local000001"
    assert record["counts"]["new"] == 2


def test_a_second_invocation_for_the_same_date_sends_nothing_unless_forced(stack, digest, gmail):
    assert digest.send(date(2024, 1, 5)).sent
    assert not digest.send(date(2024, 1, 5)).sent
    assert len(gmail.state.messages) == 1
    assert digest.send(date(2024, 1, 5), force=True).sent
    first, correction = gmail.state.parsed()
    assert correction["Message-ID"] != first["Message-ID"]
    assert correction["References"] == first["Message-ID"] and correction["Subject"].startswith("[ฉบับแก้ไข]")


def test_two_concurrent_invocations_send_one_digest(stack, digest, gmail):
    gmail.state.delay = 0.5  # keep the first send in flight while the second tries
    results, errors = [], []

    def invoke():
        try:
            results.append(digest.send(date(2024, 1, 5)))
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=invoke) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert sorted(r.sent for r in results) == [False, True]
    assert len(gmail.state.messages) == 1


def test_a_send_in_doubt_is_recorded_and_resent_with_the_same_message_id(stack, digest, gmail):
    gmail.state.delay = 3  # longer than the client's 2 s timeout: Gmail keeps it, we never learn
    with pytest.raises(SendOutcomeUnknown):
        digest.send(date(2024, 1, 5))
    record = stack.store._db.collection("digests").document("2024-01-05").get().to_dict()
    assert record["status"] == "in_doubt"
    gmail.state.delay = 0
    assert digest.send(date(2024, 1, 5)).sent
    ids = {m["Message-ID"] for m in gmail.state.parsed()}
    assert len(gmail.state.messages) == 2 and ids == {"<lao-ethics-digest-2024-01-05@moi.go.th>"}


def test_a_failed_send_is_retried_by_the_next_invocation(stack, digest, gmail):
    gmail.state.fail_next = [500]
    with pytest.raises(Exception, match="500"):
        digest.send(date(2024, 1, 5))
    assert stack.store._db.collection("digests").document("2024-01-05").get().get("status") == "failed"
    assert digest.send(date(2024, 1, 5)).sent


def test_missed_dates_of_the_last_week_are_sent_first_oldest_first(stack, digest, gmail):
    ingest(stack, builders.response(created="2024-01-01T03:00:00Z"))
    digest.send(date(2024, 1, 3))
    today = date(2024, 1, 6)
    assert due_days(today, digest.reader, digest.ledger) == [date(2024, 1, d) for d in (1, 2, 4, 5)]
    results = send_due_digests(today, reader=digest.reader, ledger=digest.ledger, mailer=digest.mailer,
                               addressing=ADDRESSING, now=NOW)
    assert [r.day.day for r in results] == [1, 2, 4, 5]
    subjects = [m["Subject"] for m in gmail.state.parsed()]
    assert [s.split("] ")[1].split(" · ")[0] for s in subjects] == [
        "3 ม.ค. 67", "1 ม.ค. 67", "2 ม.ค. 67", "4 ม.ค. 67", "5 ม.ค. 67"]
    assert due_days(today, digest.reader, digest.ledger) == []


def test_a_day_with_no_responses_still_sends_a_short_digest(stack, digest, gmail):
    assert digest.send(date(2024, 1, 5)).sent
    text = gmail.state.parsed()[0].get_body(("plain",)).get_content()
    assert "ไม่มีแบบแจ้งปัญหาที่ได้รับใหม่หรือมีการแก้ไขในวันที่ 5 มกราคม 2567" in text


def test_contacts_reach_the_attachment_only_when_configured(stack, digest, gmail):
    ingest(stack, builders.response(created="2024-01-05T03:00:00Z"))
    send_digest(date(2024, 1, 5), reader=digest.reader, ledger=digest.ledger, mailer=digest.mailer,
                addressing=Addressing("digest@moi.go.th", ["a@moi.go.th"], include_contacts=True), now=NOW)
    attachment = next(gmail.state.parsed()[0].iter_attachments())
    book = openpyxl.load_workbook(io.BytesIO(attachment.get_content()))
    cells = {c.value for sheet in book for r in sheet.iter_rows() for c in r}
    assert {"สมชาย ใจดี", "+66812345678", "hr@example.go.th"} <= cells
    assert "สมชาย" not in gmail.state.parsed()[0].get_body(("html",)).get_content()


def test_the_raw_message_parses_with_the_standard_library(stack, digest, gmail):
    digest.send(date(2024, 1, 5))
    raw = gmail.state.messages[0]
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert parsed.is_multipart() and parsed.get_content_type() == "multipart/mixed"


def test_while_the_form_mapping_is_broken_the_sent_digest_opens_with_the_alert(stack, digest, gmail):
    from tests.support.stack import demo_form

    broken = demo_form()
    broken["items"] = [i for i in broken["items"] if i.get("title") != "จังหวัด"]
    stack.state.set_form(broken)
    stack.mappings.refresh()
    digest.send(date(2024, 1, 5))
    message = gmail.state.parsed()[0]
    assert message["Subject"].startswith("[แจ้งเตือน]")
    assert ("[แจ้งเตือน] มีการแก้ไขแบบฟอร์มจนระบบไม่พบข้อคำถามที่จำเป็น ได้แก่ “จังหวัด”"
            in message.get_body(("plain",)).get_content())


def test_a_holder_whose_lease_expired_cannot_overwrite_the_newer_claims_record(stack):
    ledger = FirestoreDigestLedger(stack.store._db)
    day = date(2024, 1, 5)
    stale = ledger.claim(day, force=False, now=NOW, lease_seconds=1)
    later = NOW + timedelta(seconds=2)
    fresh = ledger.claim(day, force=False, now=later, lease_seconds=600)
    assert stale and fresh and stale.token != fresh.token
    assert not ledger.mark_failed(stale, in_doubt=False, error="late", ids=MessageIds("<m>"))
    assert ledger.mark_sent(fresh, gmail_id="g-fresh", ids=MessageIds("<m>"), counts={})
    assert not ledger.mark_sent(stale, gmail_id="g-stale", ids=MessageIds("<m>"), counts={})
    record = stack.store._db.collection("digests").document("2024-01-05").get().to_dict()
    assert (record["status"], record["gmail_message_id"], record["claim_token"]) == ("sent", "g-fresh", fresh.token)


def test_catch_up_digests_carry_each_days_own_cumulative_figures_read_from_firestore(stack, digest):
    ingest(stack, builders.response(created="2024-01-01T03:00:00Z", lao_name="หนึ่ง"),
           builders.response(created="2024-01-02T03:00:00Z", lao_name="สอง"),
           builders.response(created="2024-01-02T04:00:00Z", lao_name="สาม"))
    late = NOW + timedelta(days=3)
    day1, day2 = (build_content(collect(digest.reader, date(2024, 1, d), late, ADDRESSING)) for d in (1, 2))
    assert (day1.laos_reporting, day2.laos_reporting) == (1, 3)
    figures = {f.label: (f.value, f.change) for f in day2.figures}
    assert figures["อปท. ที่แจ้งปัญหาแล้ว"] == (3, 2)
    assert day1.subject != day2.subject


def test_an_invalid_response_is_followed_up_by_what_the_officer_typed(stack, digest):
    ingest(stack, builders.response({"province": "เมืองลับแล"}, created="2024-01-05T03:00:00Z", lao_name="ทดลอง"))
    content = build_content(collect(digest.reader, date(2024, 1, 5), NOW, ADDRESSING))
    [line] = content.invalid
    assert "ทดลอง" in line.lao and "เมืองลับแล" in line.place
