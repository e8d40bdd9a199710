"""`python -m shared report`: the consolidated report to ก.ถ. and ก.ม.จ., opened as Word
would open it (python-docx), every figure compared with `stats --json`."""

import json
import re

import pytest
from docx import Document
from docx.oxml.ns import qn

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


ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def captioned_tables(document) -> dict[str, object]:
    """Each table by its caption ("ตารางที่ ๒ ..." → "..."), in the order of the body."""
    tables, caption = {}, None
    by_element = {t._tbl: t for t in document.tables}
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            text = "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t"))
            caption = text if text.startswith("ตารางที่ ") else None
        elif element.tag.endswith("}tbl"):
            assert caption, "a table without a caption above it"
            tables[caption] = by_element[element]
            caption = None
    return tables


def cells(table, row, column) -> str:
    return table.rows[row].cells[column].text.translate(ARABIC)


def test_every_figure_of_the_report_equals_stats(reported, capfd):
    stats, tmp_path = reported
    document = open_report(tmp_path, capfd)
    summary = next(t for p in document.paragraphs if (t := p.text.translate(ARABIC)).startswith("1. ได้รับ"))
    valid = stats["responses"]["total"] - stats["responses"]["invalid"]
    # The total leaves out the deleted form, as stats does.
    assert stats["responses"]["deleted"] == 1
    assert f"รวม {stats['responses']['total']} ฉบับ เป็นแบบแจ้งปัญหาที่ข้อมูลสมบูรณ์ {valid} ฉบับ จาก อปท. " \
           f"{stats['laos_reporting']} แห่ง" in summary
    assert f"ที่ข้อมูลไม่สมบูรณ์ {stats['responses']['invalid']} ฉบับ ซึ่งยังไม่นับรวมเป็น อปท. ที่แจ้งปัญหาแล้ว" in summary
    tables = {caption.split(" ", 2)[2]: table for caption, table in captioned_tables(document).items()}
    problems = tables["จำนวนและร้อยละของ อปท. ที่ระบุปัญหาและอุปสรรคแต่ละข้อ"]
    by_label = {r.cells[1].text: int(r.cells[2].text.translate(ARABIC)) for r in problems.rows[1:]}
    assert by_label["ระบบรายงานมีแบบฟอร์มจำนวนมากทำให้เกิดความสับสน"] == stats["by_problem"]["too_many_forms"]
    assert by_label["การอบรมชี้แจงมีรายละเอียดไม่ชัดเจนเพียงพอ"] == stats["by_problem"]["training_unclear"]
    provinces = tables["อปท. ที่แจ้งปัญหาแล้ว จำแนกตามจังหวัด"]
    province_counts = {r.cells[0].text: int(r.cells[1].text.translate(ARABIC)) for r in provinces.rows[1:]}
    assert len(province_counts) == 77
    assert (province_counts["ขอนแก่น"], province_counts["แพร่"]) == (stats["by_province"]["TH-40"],
                                                                      stats["by_province"]["TH-54"])
    regions = tables["อปท. ที่แจ้งปัญหาแล้ว จำแนกตามภาค"]
    by_region = {r.cells[0].text.split(" (")[0]: int(r.cells[1].text.translate(ARABIC)) for r in regions.rows[1:]}
    assert by_region == {region: sum(stats["by_province"].get(f"TH-{code}", 0) for code in codes)
                         for region, codes in REGIONS.items()}
    assert sum(by_region.values()) == stats["laos_reporting"]
    # Both Khon Kaen LAOs name a problem of item 6; the one in Phrae (north) reported none.
    region_items = tables["จำนวน อปท. ในแต่ละภาคที่ระบุปัญหาตามข้อของหนังสือ (แห่ง)"]
    item_six = {r.cells[0].text: int(v) for n, r in enumerate(region_items.rows[1:], start=1)
                if int(v := cells(region_items, n, 6))}
    assert cells(region_items, 0, 6) == "ข้อ 6" and item_six == {"ภาคตะวันออกเฉียงเหนือ": 2}
    types = tables["อปท. ที่แจ้งปัญหาแล้ว จำแนกตามประเภท อปท."]
    assert sum(int(cells(types, n, 1)) for n in range(1, len(types.rows))) == stats["laos_reporting"]
    statuses = tables["สถานะการรายงานผลต่อสำนักงาน ก.พ. ตามที่ อปท. ระบุ"]
    assert int(cells(statuses, 3, 1)) == stats["by_status"]["not_reported"]
    assert any("ไม่มีปัญหา ๑ แห่ง" in p.text for p in document.paragraphs)


def test_the_report_is_a_memorandum_with_its_parts_in_order_and_no_contact_value(reported, capfd):
    _, tmp_path = reported
    document = open_report(tmp_path, capfd)
    paragraphs = [p.text for p in document.paragraphs]
    body = "\n".join(texts(document))

    def where(start: str) -> int:
        return next(i for i, text in enumerate(paragraphs) if text.startswith(start) and text != "ข้อเสนอแนะ"
                    and not (start == "ข้อเสนอ" and text != start))

    order = [where(part) for part in ("ร่าง", "บันทึกข้อความ", "ส่วนราชการ  สำนักงาน ก.ถ.", "ที่  ", "เรื่อง  ",
                                      "เรียน  ", "ตามหนังสือกระทรวงมหาดไทย ที่ มท ๐๒๐๙.๖/ว ๑๒๖๖๖ ลงวันที่ ๒๗ ธันวาคม ๒๕๖๖",
                                      "สำนักงาน ก.ถ. ได้รวบรวม", "ข้อเสนอ", "จึงเรียนมาเพื่อโปรดทราบ และพิจารณา", "(....",
                                      "ภาคผนวก")]
    assert order == sorted(order)
    assert "วันที่  " in paragraphs[where("ที่  ")]
    for name in ("คณะกรรมการมาตรฐานการบริหารงานบุคคลส่วนท้องถิ่น (ก.ถ.)", "คณะกรรมการมาตรฐานทางจริยธรรม (ก.ม.จ.)"):
        assert name in body
    proposals = paragraphs[where("ข้อเสนอ") + 1:where("จึงเรียนมา")]
    assert proposals and all(re.match(r"[๑-๙]\. เห็นควร", p) for p in proposals)
    for word in ("ขอแสดงความนับถือ", "recount", "ตัวนับ", "ตัดคำ", "แบบรายงานปัญหา", "อีเมลสรุปรายวัน"):
        assert word not in body
    for contact in ("สมชาย", "ใจดี", "สมหญิง", "081-234-5678", "812345678", "hr@example.go.th"):
        assert contact not in body
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.left_margin.cm, 1), round(section.right_margin.cm, 1)) == (
        21.0, 3.0, 2.0)
    assert all(run.font.name == "TH Sarabun New" for p in document.paragraphs for run in p.runs if run.text)


def test_every_table_and_chart_is_numbered_and_captioned_and_table_headers_repeat(reported, capfd):
    _, tmp_path = reported
    document = open_report(tmp_path, capfd)
    captions = list(captioned_tables(document))
    assert len(captions) == len(document.tables) >= 6
    assert [c.split(" ")[1] for c in captions] == [f"{n}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
                                                  for n in range(1, len(captions) + 1)]
    for table in document.tables:
        assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    assert any(p.text.startswith("แผนภูมิที่ ๑ ") for p in document.paragraphs)


def test_the_settings_file_fills_the_header_and_signer_and_a_final_memo_is_not_a_draft(reported, capfd):
    _, tmp_path = reported
    settings = tmp_path / "memo.toml"
    settings.write_text('number = "มท ๐๒๐๙.๖/๑๒๓"\ndate = "2024-01-05"\nsigner_name = "นายทดสอบ ระบบ"\n'
                        'signer_position = "ผู้อำนวยการสำนักงาน ก.ถ."\nfinal = true\n', encoding="utf-8")
    paragraphs = [p.text for p in open_report(tmp_path, capfd, "--settings", str(settings)).paragraphs]
    assert "ร่าง" not in paragraphs
    assert "ที่  มท ๐๒๐๙.๖/๑๒๓\tวันที่  ๕ มกราคม ๒๕๖๗" in paragraphs
    assert paragraphs.index("(นายทดสอบ ระบบ)") + 1 == paragraphs.index("ผู้อำนวยการสำนักงาน ก.ถ.")


def test_a_settings_file_with_an_unknown_key_is_refused_by_name(reported, capfd):
    _, tmp_path = reported
    settings = tmp_path / "memo.toml"
    settings.write_text('signer = "x"\n', encoding="utf-8")
    assert main(["report", "--out", str(tmp_path), "--settings", str(settings)]) == 2
    assert "signer" in capfd.readouterr().err
    assert not list(tmp_path.glob("report-*.docx"))


def test_the_workbook_it_encloses_is_written_beside_it(reported, capfd):
    _, tmp_path = reported
    open_report(tmp_path, capfd)
    [workbook] = tmp_path.glob("report-*.xlsx")
    assert workbook.read_bytes().startswith(b"PK")


def test_what_laos_wrote_comes_as_whole_sentences_counted_by_lao_with_people_masked(reported, capfd):
    _, tmp_path = reported
    paragraphs = [p.text for p in open_report(tmp_path, capfd).paragraphs]
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("๔.๒ รายละเอียดปัญหาและอุปสรรคเพิ่มเติม (อปท."))
    themes = [p for p in paragraphs[start:] if p.startswith("“")]
    assert "“เจ้าหน้าที่ยังไม่ได้รับการอบรม” (๒ แห่ง)" in themes  # the negation kept, two LAOs
    assert "“โปรดติดต่อ[ปิดบังชื่อ] [ปิดบังหมายเลขโทรศัพท์] หรือ [ปิดบังอีเมล]” (๒ แห่ง)" in themes


def test_digits_are_thai_by_default_and_arabic_when_asked(reported, capfd):
    _, tmp_path = reported
    body = "\n".join(texts(open_report(tmp_path, capfd)))
    # Outside what LAOs wrote (quoted as written) and addresses, not one Arabic digit.
    outside_quotes = re.sub(r"“[^”]*”|https?://\S+|\S+@\S+", "", body)
    assert not re.search(r"[0-9]", outside_quotes) and re.search(r"[๐-๙]", body)
    assert "\n".join(texts(open_report(tmp_path, capfd, "--thai-digits"))) == body  # still accepted
    arabic = open_report(tmp_path, capfd, "--arabic-digits")
    assert re.search(r"[0-9]", "\n".join(texts(arabic))) and not arabic.sections[0]._sectPr.xpath("./w:pgNumType")
    [numbering] = open_report(tmp_path, capfd).sections[0]._sectPr.xpath("./w:pgNumType")
    assert numbering.get(qn("w:fmt")) == "thaiNumbers"  # Word's page numbers in Thai digits


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


def test_the_files_properties_name_the_memo_and_its_office_and_its_language_is_thai(reported, capfd):
    _, tmp_path = reported
    document = open_report(tmp_path, capfd)
    properties = document.core_properties
    assert properties.title.startswith("ผลการรวบรวมปัญหาและอุปสรรค") and "(ข้อมูล ณ วันที่" in properties.title
    assert properties.author == "สำนักงาน ก.ถ. สำนักงานปลัดกระทรวงมหาดไทย" and "python-docx" not in properties.comments
    [language] = document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:lang")
    assert (language.get(qn("w:val")), language.get(qn("w:bidi"))) == ("th-TH", "th-TH")


def test_the_enclosed_workbook_never_carries_reporters_contacts_even_when_the_digest_does(
        reported, capfd, monkeypatch):
    import openpyxl

    _, tmp_path = reported
    monkeypatch.setenv("DIGEST_INCLUDE_CONTACTS", "true")
    open_report(tmp_path, capfd)
    [workbook] = tmp_path.glob("report-*.xlsx")
    book = openpyxl.load_workbook(workbook)
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value]
    assert "อีเมล" not in cells and not any(value in " ".join(cells) for value in ("สมชาย", "081-234-5678"))
