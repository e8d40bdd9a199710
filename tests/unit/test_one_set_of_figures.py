"""Every figure a reader meets has one value, wherever it appears: the digest (Subject, HTML,
text), the workbook and the report are built from one data set that pins the cases that once
disagreed, then parsed back the way their readers open them (html.parser, openpyxl, python-docx)."""

import io
import re
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser

import openpyxl
import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from shared.digest.content import build_content
from shared.digest.render_html import render_html
from shared.digest.render_text import render_text
from shared.digest.workbook import build_workbook
from shared.domain.figures import percent, percent_tenths
from shared.domain.roster import RosterEntry
from shared.report.document import build_report
from shared.report.figures import report_figures
from tests.support.digest_data import data, follow_up, lao, row

DAY = date(2023, 12, 20)
BUILT = datetime(2023, 12, 21, 1, 0, tzinfo=UTC)  # 08.00 Bangkok, the morning after


def _roster() -> list[RosterEntry]:
    krabi = [RosterEntry("TH-81", "เมือง", "sao", f"กระบี่{n}", f"81{n:02d}") for n in range(9)]
    sisaket = [RosterEntry("TH-33", "เมือง", "sao", f"ศรีสะเกษ{n}", f"33{n:02d}") for n in range(3)]
    return krabi + sisaket


def _laos():
    krabi = [lao(f"กระบี่{n}", "TH-81", "กระบี่", submitted="2023-12-19") for n in range(4)]
    krabi.append(lao("ชื่อที่สะกดผิดมาก", "TH-81", "กระบี่", submitted="2023-12-20"))  # matches no roster LAO
    sisaket = [lao("ไม่ตรงทะเบียนเลย", "TH-33", "ศรีสะเกษ", submitted="2023-12-20")]
    return krabi + sisaket


def _data():
    period = [follow_up(f"period{n}", submission_date="2023-12-20",
                        when=f"2023-12-20T0{n}:00:00+00:00") for n in range(3)]
    later = [follow_up(f"later{n:02d}", submission_date="2023-12-21",
                       when=f"2023-12-20T{18 + n // 4}:{n % 4 * 10:02d}:00+00:00") for n in range(16)]
    warned_later = [follow_up(f"warn{n}", ("phone_invalid",), submission_date="2023-12-21",
                              when="2023-12-20T20:00:00+00:00") for n in range(7)]
    # The day's five new forms as the day's query returns them: the two LAOs first reported
    # that day and the period's three incomplete forms.
    new = [row(f"2023-12-20T0{n}:30:00+00:00", response_id=f"r-{name}", submission_date="2023-12-20",
               last_submitted_date="2023-12-20", lao_name=name, province_code=code, province_name=province)
           for n, (name, code, province) in enumerate([("ชื่อที่สะกดผิดมาก", "TH-81", "กระบี่"),
                                                        ("ไม่ตรงทะเบียนเลย", "TH-33", "ศรีสะเกษ")])]
    new += [row(f.created.isoformat(), response_id=f.response_id, submission_date="2023-12-20",
                last_submitted_date="2023-12-20", valid=False, invalid_reasons=f.reasons) for f in period]
    return data(day=DAY, built_at=BUILT, laos=_laos(), roster=_roster(), invalid=[*later, *period],
                warned=warned_later, created_on_day=new, edited_on_day=[],
                counters={"responses.total": 25, "by_submission_date.2023-12-19": 4,
                          "by_submission_date.2023-12-20": 5, "by_submission_date.2023-12-21": 16})


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


RATE = re.compile(r"([\d,]+) จาก ([\d,]+) แห่ง[^()]{0,40}\(ร้อยละ (\d+)\)")


def rates_in(text: str) -> list[tuple[int, int, int]]:
    return [(int(a.replace(",", "")), int(b.replace(",", "")), int(p)) for a, b, p in RATE.findall(text)]


@pytest.fixture(scope="module")
def artefacts():
    digest = _data()
    content = build_content(digest)
    html = render_html(content)
    book = openpyxl.load_workbook(io.BytesIO(build_workbook(digest, content)))
    report = Document(io.BytesIO(build_report(report_figures(digest, "", []))))
    return {"content": content, "html": html_text(html), "text": render_text(content), "book": book,
            "report": report}


ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def report_rows(report, first_header: str) -> list[list[str]]:
    """A table of the report, its Thai digits read as numbers."""
    for table in report.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[0] == first_header:
            return [[cell.text.translate(ARABIC) for cell in row.cells] for row in table.rows[1:]]
    raise AssertionError(f"no table starting with {first_header}")


def test_a_province_counting_an_unmatched_report_prints_its_own_rate_everywhere(artefacts):
    rows = {row[0]: row[1:] for row in report_rows(artefacts["report"], "จังหวัด")}
    assert rows["กระบี่"] == ["5", "9", "56", "1"]  # never 44: the row's own count over its base
    assert rows["ศรีสะเกษ"] == ["1", "3", "33", "1"]
    for name, (reporting, roster, pct, _) in rows.items():
        assert pct == ("-" if roster == "0" else str(percent(int(reporting), int(roster)))), name
    assert (5, 9, 56) in rates_in(artefacts["html"]) and (5, 9, 56) in rates_in(artefacts["text"])
    assert (1, 3, 33) in rates_in(artefacts["html"])
    sheet = artefacts["book"]["ปัญหารายจังหวัด"]
    by_name = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    assert by_name["กระบี่"] == 5 and by_name["ศรีสะเกษ"] == 1


def test_every_percentage_in_every_artefact_equals_its_count_over_its_base(artefacts):
    found = rates_in(artefacts["html"]) + rates_in(artefacts["text"])
    assert len(found) >= 4
    for count, base, pct in found:
        assert pct == percent(count, base), (count, base, pct)


def test_a_province_with_reports_but_no_matched_lao_is_not_listed_as_without_reports(artefacts):
    content = artefacts["content"]
    assert "ศรีสะเกษ" not in content.provinces_without and "กระบี่" not in content.provinces_without
    assert len(content.provinces_without) == 75


def test_the_subject_and_the_first_screen_give_the_same_figures_with_their_moments(artefacts):
    content, html = artefacts["content"], artefacts["html"]
    assert "ไม่สมบูรณ์ 3 ฉบับ" in content.subject and "แจ้งแล้ว 6 อปท." in content.subject
    first_screen = html[:html.index("ปัญหาและอุปสรรคที่พบ")]
    assert "ณ 21 ธ.ค. 2566 เวลา 08.00 น. 19 ฉบับ" in first_screen  # now, beside the end-of-day figure
    assert "จำนวนสะสมถึงวันที่ 20 ธ.ค. 2566 เวลา 24.00 น." in first_screen
    assert "(ยังไม่นับรวม) 3 ฉบับ ณ 21 ธ.ค. 2566 เวลา 08.00 น. 19 ฉบับ" in first_screen
    assert "19 ฉบับ (ในจำนวนนี้ส่งครั้งแรกไม่เกินวันที่ 20 ธ.ค. 2566 จำนวน 3 ฉบับ)" in first_screen
    new = next(f for f in content.figures if f.label.startswith("แบบแจ้งปัญหาที่ได้รับใหม่"))
    assert f"ใหม่ {new.value} ฉบับ" in content.subject and f"{new.value} ฉบับ" in content.preheader
    day_sheet = artefacts["book"]["แบบแจ้งปัญหา 20 ธ.ค. 2566"]
    listed_new = sum(r[3] == "ได้รับใหม่" for r in day_sheet.iter_rows(min_row=2, values_only=True))
    assert new.value == content.new_on_day == listed_new
    incomplete = [f for f in content.figures if f.now_value == 19]
    assert [(f.value, f.now_value) for f in incomplete] == [(3, 19)]


def test_the_periods_incomplete_forms_come_first_in_a_cut_list(artefacts):
    content = artefacts["content"]
    assert [line.response_id for line in content.invalid[:3]] == ["period0", "period1", "period2"]
    assert "โดยแสดงฉบับที่ส่งครั้งแรกไม่เกินวันที่ 20 ธ.ค. 2566 ก่อน" in artefacts["html"]


def test_warnings_after_the_day_are_counted_at_their_moment_not_hidden(artefacts):
    content = artefacts["content"]
    warned = [f for f in content.figures if f.now_value == 7]
    assert [(f.value, f.now_value) for f in warned] == [(0, 7)]
    assert "7 ฉบับ (ทุกฉบับส่งครั้งแรกหลังวันที่ 20 ธ.ค. 2566)" in artefacts["text"]


def test_the_laos_reporting_have_one_value_in_the_digest_workbook_and_report(artefacts):
    content, report = artefacts["content"], artefacts["report"]
    assert content.laos_reporting == 6
    figure = next(f for f in content.figures if f.label == "อปท. ที่แจ้งปัญหาแล้ว")
    assert figure.value == 6
    summary = next(t for p in report.paragraphs if (t := p.text.translate(ARABIC)).startswith("1. ได้รับ"))
    assert "จาก อปท. 6 แห่ง คิดเป็นร้อยละ 50 ของ อปท. ตามทะเบียน 12 แห่ง" in summary  # 6 of 12
    sheet = artefacts["book"]["สรุป"]
    values = {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r[0]}
    assert values["อปท. ที่แจ้งปัญหาแล้ว"] == 6


def test_the_report_is_dated_at_its_cut_off_not_when_it_was_run(artefacts):
    text = "\n".join(p.text for p in artefacts["report"].paragraphs).translate(ARABIC)
    assert "(นับถึงเวลา 24.00 น. ของวันที่ 20 ธันวาคม 2566 ตามข้อมูลฉบับล่าสุด ณ วันที่ 21 ธันวาคม 2566" in text


def test_item_six_is_labelled_as_the_sum_of_its_sub_items_and_comes_after_items_one_to_five(artefacts):
    items = artefacts["content"].letter_items
    assert [item.number for item in items][-1] == 6
    assert items[-1].heading == "ปัญหาอื่น ๆ (รวม 4 ประเด็นย่อย)"
    rows = report_rows(artefacts["report"], "ข้อ")
    assert any(row[1] == "ปัญหาอื่น ๆ (รวม 4 ประเด็นย่อย)" for row in rows)


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_a_percentage_is_its_count_over_its_base_rounded_half_up(count, base):
    if base == 0:
        assert percent(count, base) is None and percent_tenths(count, base) is None
        return
    exact = Decimal(100 * count) / Decimal(base)
    assert percent(count, base) == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert percent_tenths(count, base) == float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@given(st.lists(st.tuples(st.sampled_from(["TH-81", "TH-33", "TH-40"]), st.integers(0, 12), st.booleans()),
                max_size=40),
       st.dictionaries(st.sampled_from(["TH-81", "TH-33", "TH-40"]), st.integers(0, 12)))
def test_every_area_rate_is_its_reporting_laos_over_its_roster_on_random_data(reports, roster_sizes):
    from shared.domain.figures import FollowUpDates, Moment, compute_figures

    roster = [RosterEntry(code, "เมือง", "sao", f"ลำดับ{n}", f"{code}-{n}")
              for code, size in roster_sizes.items() for n in range(size)]
    laos = {(code, n if matched else 100 + n): lao(f"ลำดับ{n}" if matched else f"ไม่มี{n}", code, "x")
            for code, n, matched in reports}
    figures = compute_figures(laos.values(), roster, Moment(None, BUILT), counters={}, follow_ups=FollowUpDates())
    areas = [*figures.provinces.values(), *figures.regions, figures.national]
    for area in areas:
        assert area.response_rate.percent == percent(area.laos_reporting, area.roster_total)
        assert area.nonresponders == len(area.nonresponder_laos)
        assert area.laos_reporting >= (area.roster_reported or 0)
    assert figures.national.laos_reporting == sum(a.laos_reporting for a in figures.provinces.values())
    assert figures.national.roster_total == len(roster)


def test_half_rounds_up_as_a_reader_expects():
    assert (percent(5, 9), percent(1, 8), percent(4, 9), percent(0, 0)) == (56, 13, 44, None)


def test_what_laos_wrote_in_the_report_is_of_the_reports_period_only():
    from shared.digest.model import WrittenText

    texts = [WrittenText(f"lao{n}", day, "", "ระบบไม่เปิดให้แก้ไขหลังยืนยันข้อมูล", "")
             for n, day in enumerate(["2023-12-19", "2023-12-20", "2023-12-21", "2023-12-22"])]
    details = report_figures(_data(), "", texts).writing[1]
    assert (details.authors, [(t.sentence, t.laos) for t in details.themes]) == (
        2, [("ระบบไม่เปิดให้แก้ไขหลังยืนยันข้อมูล", 2)])  # the two written after 20 ธ.ค. are not of it


def test_the_workbook_lists_the_periods_incomplete_forms_first_as_the_email_does(artefacts):
    sheet = next(ws for ws in artefacts["book"].worksheets if ws.title.startswith("ข้อมูลไม่สมบูรณ์"))
    references = [r[-1] for r in sheet.iter_rows(min_row=2, values_only=True) if r[-1]]
    assert references[:3] == ["period0", "period1", "period2"]


def test_a_proposal_never_cuts_a_tie_and_names_a_sub_item_as_such():
    from shared.domain.figures import top_with_ties
    from shared.report.document import proposals

    assert top_with_ties([("a", 50), ("b", 46), ("c", 45), ("d", 45), ("e", 40)], 3) == [
        ("a", 50), ("b", 46), ("c", 45), ("d", 45)]
    assert top_with_ties([("a", 5)], 3) == [("a", 5)]
    first = proposals(report_figures(_data(), "", []))[0]
    assert "(1) ข้อ 6 (ค) ระบบรายงานมีแบบฟอร์มจำนวนมากทำให้เกิดความสับสน (6 แห่ง ร้อยละ 100)" in first
