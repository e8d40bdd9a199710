"""The digest fits in Gmail at national scale: Gmail clips a message whose HTML
is over about 102 KB as sent ("[Message clipped]"; Email on Acid,
https://www.emailonacid.com/help-article/gmail-12-things-update/ — Google does not
document the limit, and reports differ on what is measured), so the HTML part,
encoded as sent, is kept under 90 KB whatever the day holds."""

import email
import email.policy
import re
from dataclasses import replace

import pytest

from shared.digest.service import Addressing, compose
from tests.support.national import national_data

BUDGET = 90 * 1024
ADDRESSING = Addressing("digest@moi.go.th", ["kor-thor@dla.go.th"], reply_to="kor-thor@dla.go.th")


def html_part_as_sent(digest_data) -> tuple[int, str]:
    composed = compose(digest_data, ADDRESSING, digest_data.built_at)
    parsed = email.message_from_bytes(composed.message.as_bytes(), policy=email.policy.default)
    [part] = [p for p in parsed.walk() if p.get_content_type() == "text/html"]
    return len(part.as_bytes()), composed.html


@pytest.fixture(scope="module")
def national():
    return national_data()


@pytest.fixture(scope="module")
def sent(national):
    return html_part_as_sent(national)


def test_the_html_part_stays_under_the_budget_at_national_scale(national, sent):
    size, html = sent
    assert len(national.laos) == 7_850 and len(national.created_on_day) == 2_000
    assert size < BUDGET, f"{size:,} bytes as sent"
    assert len(html.encode()) < BUDGET


def test_twice_the_follow_ups_and_submissions_do_not_grow_the_body(national, sent):
    size, _ = sent
    doubled = replace(national, invalid=national.invalid * 2, warned=national.warned * 2,
                      created_on_day=national.created_on_day * 2)
    assert html_part_as_sent(doubled)[0] - size < 2_048


def test_the_style_block_is_one_plain_block_well_under_gmails_16_kb(sent):
    """Gmail drops a <style> block over 16 KB, or one with an @-rule nested in another
    (caniemail.com/features/html-style; hteumeuleu/caniemail#144)."""
    _, html = sent
    blocks = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(blocks) == 1 and len(blocks[0].encode()) < 4_096
    assert blocks[0].count("@") == 1 and "<style>" not in html.split("<body>")[1]


def test_the_body_says_the_complete_lists_are_in_the_workbook_with_their_counts(sent):
    _, html = sent
    assert ("รายการทั้งหมดอยู่ในไฟล์แนบ (Excel) ได้แก่ (1) แบบแจ้งปัญหาที่ได้รับใหม่หรือมีการแก้ไขในวันที่ "
            "20 ธันวาคม 2566 2,000 ฉบับ") in html
    assert "แบบแจ้งปัญหาที่ข้อมูลไม่สมบูรณ์ (ยังไม่นับรวม) 400 ฉบับ" in html
