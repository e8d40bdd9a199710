"""The digest as an RFC 2822 message: text and HTML alternatives plus the workbook."""

from __future__ import annotations

import email.policy
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
SENDER_NAME = "ระบบรายงานปัญหาประมวลจริยธรรม อปท."


def message_id(day: date, sender: str) -> str:
    """The same for every send of one date's digest, so a duplicate is recognisable as one."""
    domain = sender.rpartition("@")[2] or "localhost"
    return f"<lao-ethics-digest-{day.isoformat()}@{domain}>"


def build_message(
    *, day: date, subject: str, text: str, html: str, workbook: bytes, sender: str, recipients: list[str],
    sent_at: datetime,
) -> EmailMessage:
    message = EmailMessage(policy=email.policy.SMTP)  # CRLF line ends, RFC 2047 headers
    message["Subject"] = subject
    message["From"] = formataddr((SENDER_NAME, sender))
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(sent_at)
    message["Message-ID"] = message_id(day, sender)
    message.set_content(text, charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    message.add_attachment(workbook, maintype=XLSX[0], subtype=XLSX[1],
                           filename=f"lao-ethics-digest-{day.isoformat()}.xlsx")
    return message
