"""HTML and formula injection typed into any free-text field stays inert text in the
digest's HTML body, its text part and every sheet of the workbook."""

import html
import io
import re

import openpyxl
import pytest

from shared.digest.content import build_content
from shared.digest.render_html import render_html
from shared.digest.render_text import render_text
from shared.digest.workbook import build_workbook
from tests.support.digest_data import data, follow_up, lao, row

PAYLOADS = ['<script>alert("x")</script>', '<img src=x onerror=alert(1)>', '=HYPERLINK("http://evil","คลิก")',
            "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", '"><b>หนา</b>', "\tTAB", "=1+1"]
TEXT_FIELDS = ("lao_name", "district", "other_problem_text", "problem_details", "suggestions")


def hostile_data(payload):
    reporter = {"name": payload, "position": payload, "phone_e164": "+66812345678", "phone_extension": None,
                "email": "a@example.go.th"}
    report = row(invalid_reasons=(), reporter=reporter, **dict.fromkeys(TEXT_FIELDS, payload))
    typed = dict.fromkeys(("lao_name", "lao_type", "district", "province", "reporting_status"), payload)
    return data(created_on_day=[report], include_contacts=True,
                laos=[lao(payload, district=payload, reporter=reporter)],
                invalid=[follow_up(lao_type=None, lao_name="", district="", province_name=None, typed=typed)],
                warned=[follow_up("w1", ("phone_invalid",), lao_name=payload, district=payload, reporter=reporter)])


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if "<" in p or '"' in p])
def test_the_html_body_shows_markup_as_escaped_text_and_never_as_markup(payload):
    body = render_html(build_content(hostile_data(payload)))
    assert "<script>" not in body and "onerror=" not in body.replace("onerror=alert", "").replace("&", "")
    assert payload not in body
    assert html.escape(payload, quote=True) in body


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_text_part_carries_the_payload_verbatim_as_plain_text(payload):
    text = render_text(build_content(hostile_data(payload)))
    assert payload.strip() in text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_workbook_cell_holding_the_payload_is_a_string_never_a_formula(payload):
    hostile = hostile_data(payload)
    book = openpyxl.load_workbook(io.BytesIO(build_workbook(hostile, build_content(hostile))))
    found = 0
    for sheet in book.worksheets:
        for cells in sheet.iter_rows():
            for cell in cells:
                # The only formulas are the workbook's own column totals, below their list.
                own_total = re.fullmatch(r"=SUBTOTAL\(109,([A-Z]+)2:\1\d+\)", str(cell.value))
                assert cell.data_type != "f" or own_total, (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and payload.strip() in cell.value:
                    assert cell.data_type == "s"
                    found += 1
    assert found >= 5  # the day's report, the LAO, the invalid and warned ones, and their contacts
