"""`python -m shared report`: the consolidated report to ก.ถ. and ก.ม.จ., opened as Word
would open it (python-docx), every figure compared with `stats --json`."""

import json
import re

import pytest
from docx import Document

from shared.cli import main
from shared.domain.geography import REGIONS
from tests.support import builders

pytestmark = pytest.mark.e2e


def submissions():
    return [
        builders.response(created="2024-01-04T03:00:00Z", response_id="a", problems=[
            "ระบบรายงานมีแบบฟอร์มจำนวนมากทำให้เกิดความสับสน", "การอบรมชี้แจงมีรายละเอียดไม่ชัดเจนเพียงพอ"],
            problem_details="เจ้าหน้าที่ยังไม่ได้รับการอบรม\nโปรดติดต่อนายสมชาย ใจดี 081-234-5678 หรือ hr@example.go.th"),
        builders.response(created="2024-01-04T04:00:00Z", response_id="b", lao_name="อบต.โนนสูง",
                          reporting_status="ยังไม่ได้รายงานผล",
                          problem_details="เจ้าหน้าที่ยังไม่ได้รับการอบรม ค่ะ\n"
                                          "โปรดติดต่อนางสาวสมหญิง รักดี 089-111-2222 หรือ hr@example.go.th"),
        builders.response(created="2024-01-05T03:00:00Z", response_id="c", lao_name="อบต.นาดี", province="แพร่",
                          district="เมืองแพร่", problems=["ไม่มี"]),
        builders.response({"lao_type": None}, created="2024-01-05T04:00:00Z", response_id="bad"),
        builders.response(created="2024-01-05T05:00:00Z", response_id="gone", lao_name="อบต.ลบแล้ว"),
    ]


def texts(document):
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs] + cells


@pytest.fixture
def reported(configured_stack, tmp_path, capfd):
    for raw in submissions():
        configured_stack.state.submit(raw)
    assert main(["reconcile"]) == 0
    configured_stack.state.delete("gone")
    assert main(["reconcile", "--allow-mass-delete"]) == 0
    capfd.readouterr()
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capfd.readouterr().out)
    return stats, tmp_path


def open_report(tmp_path, capfd, *extra):
    assert main(["report", "--out", str(tmp_path), *extra]) == 0
    path = re.search(r"written: (\S+\.docx)", capfd.readouterr().out).group(1)
    return Document(path)


def test_every_figure_of_the_report_equals_stats(reported, capfd):
    stats, tmp_path = reported
    document = open_report(tmp_path, capfd)
    summary = next(p.text for p in document.paragraphs if p.text.startswith("ได้รับแบบแจ้งปัญหาทั้งสิ้น"))
    assert summary.startswith(f"ได้รับแบบแจ้งปัญหาทั้งสิ้น {stats['responses']['total']} ฉบับ จาก อปท. "
                              f"{stats['laos_reporting']} แห่ง")
    assert f"ไม่นับรวม {stats['responses']['invalid']} ฉบับ" in summary
    assert f"ลบออก {stats['responses']['deleted']} ฉบับ" in summary
    problems, provinces, regions, region_items, types, statuses = (document.tables[i] for i in range(1, 7))
    by_label = {r.cells[1].text: int(r.cells[2].text) for r in problems.rows[1:]}
    assert by_label["ระบบรายงานมีแบบฟอร์มจำนวนมากทำให้เกิดความสับสน"] == stats["by_problem"]["too_many_forms"]
    assert by_label["การอบรมชี้แจงมีรายละเอียดไม่ชัดเจนเพียงพอ"] == stats["by_problem"]["training_unclear"]
    province_counts = {r.cells[0].text: int(r.cells[1].text) for r in provinces.rows[1:]}
    assert len(province_counts) == 77
    assert (province_counts["ขอนแก่น"], province_counts["แพร่"]) == (stats["by_province"]["TH-40"],
                                                                      stats["by_province"]["TH-54"])
    by_region = {r.cells[0].text.split(" (")[0]: int(r.cells[1].text) for r in regions.rows[1:]}
    assert by_region == {region: sum(stats["by_province"].get(f"TH-{code}", 0) for code in codes)
                         for region, codes in REGIONS.items()}
    assert sum(by_region.values()) == stats["laos_reporting"]
    # Both Khon Kaen LAOs name a problem of item 6; the one in Phrae (north) reported none.
    item_six = {r.cells[0].text: int(r.cells[6].text) for r in region_items.rows[1:] if int(r.cells[6].text)}
    assert region_items.rows[0].cells[6].text == "ข้อ 6" and item_six == {"ภาคตะวันออกเฉียงเหนือ": 2}
    assert sum(int(r.cells[1].text) for r in types.rows[1:]) == stats["laos_reporting"]
    assert int(statuses.rows[3].cells[1].text) == stats["by_status"]["not_reported"]
    assert any("ไม่มีปัญหา 1 แห่ง" in p.text for p in document.paragraphs)


def test_the_report_is_an_official_thai_document_with_no_contact_value(reported, capfd):
    _, tmp_path = reported
    document = open_report(tmp_path, capfd)
    body = "\n".join(texts(document))
    assert body.startswith("เรื่อง  รายงานปัญหาและอุปสรรคในการรายงานผลการดำเนินการตามประมวลจริยธรรม")
    assert "อ้างถึง  หนังสือกระทรวงมหาดไทย ที่ มท ๐๒๐๙.๖/ว ๑๒๖๖๖" in body
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["๑. สรุปผล", "๒. ปัญหาและอุปสรรคตามข้อของหนังสือที่อ้างถึง",
                        "๓. จำแนกตามจังหวัด ภาค ประเภท อปท. และสถานะการรายงานผล", "๔. สิ่งที่ อปท. ระบุเพิ่มเติม",
                        "๕. วิธีการและความครบถ้วนของข้อมูล", "ภาคผนวก"]
    for contact in ("สมชาย", "ใจดี", "สมหญิง", "081-234-5678", "812345678", "hr@example.go.th"):
        assert contact not in body
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.top_margin.cm, 1), round(section.left_margin.cm, 1)) == (
        21.0, 2.5, 3.0)
    assert document.paragraphs[0].runs[0].font.name == "TH Sarabun New"


def test_what_laos_wrote_comes_as_whole_sentences_counted_by_lao_with_people_masked(reported, capfd):
    _, tmp_path = reported
    paragraphs = [p.text for p in open_report(tmp_path, capfd).paragraphs]
    start = paragraphs.index("รายละเอียดปัญหาและอุปสรรคเพิ่มเติม")
    themes = [p for p in paragraphs[start:] if p.startswith("“")]
    assert "“เจ้าหน้าที่ยังไม่ได้รับการอบรม” (2 แห่ง)" in themes  # the negation kept, two LAOs
    assert "“โปรดติดต่อ[ปิดบังชื่อ] [ปิดบังหมายเลขโทรศัพท์] หรือ [ปิดบังอีเมล]” (2 แห่ง)" in themes


def test_with_thai_digits_no_arabic_digit_is_left(reported, capfd):
    _, tmp_path = reported
    body = "\n".join(texts(open_report(tmp_path, capfd, "--thai-digits")))
    assert not re.search(r"[0-9]", body)
    assert re.search(r"[๐-๙]", body)


def test_the_chart_is_drawn_in_a_thai_font_with_every_glyph_of_its_labels(reported, capfd):
    from shared.report.chart import missing_glyphs, problem_chart

    _, tmp_path = reported
    document = open_report(tmp_path, capfd)
    [image] = [r for r in document.part.rels.values() if "image" in r.reltype]
    assert image.target_part.blob.startswith(b"\x89PNG")
    labels = "ข้อ ๖ (ค) ระบบรายงานมีแบบฟอร์มจำนวนมากทำให้สับสน ไม่ทราบว่าต้องใช้คะแนน KPI หรือ ITA หมวดใด ร้อยละ ๒๙"
    from shared.domain.codes import PROBLEM_SHORT_LABELS

    assert missing_glyphs(labels + "".join(PROBLEM_SHORT_LABELS.values()) + "๐๑๒๓๔๕๖๗๘๙") == set()
    assert missing_glyphs("ข้อ \u0e5b\U0001f600") == {"\U0001f600"}  # the check can fail: an emoji has no glyph
    assert problem_chart([("ทดสอบ", 1, "1")], "ทดสอบ").startswith(b"\x89PNG")
