"""The digest as an RFC 2822 message: text and HTML alternatives plus the workbook."""

from __future__ import annotations

import email.policy
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from shared.domain.ledger import MessageIds

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
SENDER_NAME = "ระบบสรุปแบบแจ้งปัญหาประมวลจริยธรรม อปท."


def message_id(day: date, sender: str, suffix: str = "") -> str:
    """The date's own id, the same for every send of it, so a duplicate is recognisable
    as one; ``suffix`` makes the id of a deliberate correction."""
    domain = sender.rpartition("@")[2] or "localhost"
    return f"<lao-ethics-digest-{day.isoformat()}{'.' + suffix if suffix else ''}@{domain}>"


def _automatic(message: EmailMessage) -> None:
    """Set once the body is in place: setting the content drops Content-* headers."""
    # RFC 3834 §2: no out-of-office or other automatic reply to this message.
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = "th"  # RFC 3282


def build_message(
    *, day: date, subject: str, text: str, html: str, workbook: bytes, sender: str, recipients: list[str],
    sent_at: datetime, ids: MessageIds, reply_to: str | None = None,
) -> EmailMessage:
    message = EmailMessage(policy=email.policy.SMTP)  # CRLF line ends, RFC 2047 headers
    message["Subject"] = subject
    message["From"] = formataddr((SENDER_NAME, sender))
    message["To"] = ", ".join(recipients)
    if reply_to:
        message["Reply-To"] = reply_to
    message["Date"] = format_datetime(sent_at)
    message["Message-ID"] = ids.message_id
    if ids.references:
        message["References"] = " ".join(ids.references)
        message["In-Reply-To"] = ids.references[-1]
    message.set_content(text, charset="utf-8")
    # Base64, not quoted-printable: a Thai character is 4 bytes encoded instead of 9,
    # and Gmail clips an HTML part by its size as sent.
    message.add_alternative(html, subtype="html", charset="utf-8", cte="base64")
    message.add_attachment(workbook, maintype=XLSX[0], subtype=XLSX[1],
                           filename=f"lao-ethics-digest-{day.isoformat()}.xlsx")
    _automatic(message)
    return message


def test_message(*, sender: str, sent_at: datetime) -> EmailMessage:
    """What `doctor --send-test` sends: one short message to the sender's own mailbox."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = "ทดสอบการส่งอีเมลของระบบสรุปแบบแจ้งปัญหาประมวลจริยธรรม อปท."
    message["From"] = formataddr((SENDER_NAME, sender))
    message["To"] = sender
    message["Date"] = format_datetime(sent_at)
    message.set_content(
        "ข้อความนี้ส่งโดยคำสั่งตรวจความพร้อมของระบบ (python -m shared doctor --send-test) "
        "เพื่อยืนยันว่าระบบส่งอีเมลสรุปรายวันได้ ไม่ต้องตอบกลับ\n\n"
        "This message was sent by `python -m shared doctor --send-test` to confirm that the daily "
        "digest can be sent. No reply is needed.\n", charset="utf-8")
    _automatic(message)
    return message
