"""The report as a Word document in the register of a Thai government report.

TH Sarabun New 16 pt (the government's standard font; Word substitutes a Thai
font where it is missing), A4 with the margins Thai official documents use
(top 2.5 cm, left 3 cm, right and bottom 2 cm), the page number centred at the
top as "- ๒ -", and, with ``thai_digits``, Thai digits throughout.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from pythainlp.util import arabic_digit_to_thai_digit

from shared.digest import glossary as g
from shared.digest.thai import be_date, be_datetime, thai_sorted
from shared.domain.codes import (
    INVALID_REASONS,
    LAO_TYPES,
    LETTER_ITEM_OF,
    LETTER_ITEMS,
    LETTER_REFERENCE,
    NO_PROBLEM,
    PROBLEM_LABELS,
    PROBLEM_SHORT_LABELS,
    REPORTING_STATUSES,
)
from shared.domain.figures import AreaFigures, Figures, Ratio
from shared.report.chart import problem_chart
from shared.report.figures import ReportFigures

FONT = "TH Sarabun New"
SUBJECT = "รายงานปัญหาและอุปสรรคในการรายงานผลการดำเนินการตามประมวลจริยธรรมขององค์กรปกครองส่วนท้องถิ่น"
_SUB_ITEMS = "กขคงจฉ"


class _Writer:
    def __init__(self, thai_digits: bool) -> None:
        self.thai_digits = thai_digits
        self.doc = Document()
        _page_setup(self.doc)

    def t(self, text: str) -> str:
        return str(arabic_digit_to_thai_digit(text)) if self.thai_digits else text

    def n(self, value: int) -> str:
        return self.t(f"{value:,}")

    def pct(self, ratio: Ratio) -> str:
        """The figure of a ร้อยละ column: the column says it is a percentage."""
        return self.t(g.percent_figure(ratio))

    def heading(self, text: str, level: int) -> None:
        paragraph = self.doc.add_heading(self.t(text), level=level)
        for run in paragraph.runs:
            _thai_font(run, 18 if level == 1 else 16, bold=True)
            run.font.color.rgb = RGBColor(0, 0, 0)  # an official report is black on white

    def para(self, text: str, *, bold: bool = False, center: bool = False) -> None:
        paragraph = self.doc.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _thai_font(paragraph.add_run(self.t(text)), 16, bold=bold)

    def table(self, headers: list[str], rows: Iterable[list[str]], widths_cm: list[float] | None = None) -> None:
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.autofit = widths_cm is None
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            _thai_font(cell.paragraphs[0].add_run(self.t(text)), 14, bold=True)
        for row in rows:
            cells = table.add_row().cells
            for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
                paragraph = cell.paragraphs[0]
                if i and text[:1].isdigit():
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                _thai_font(paragraph.add_run(self.t(text)), 14)
        if widths_cm:
            # Both the grid (what LibreOffice lays out by) and each cell (what Word does).
            for column, width in zip(table.columns, widths_cm, strict=True):
                column.width = Cm(width)
                for cell in column.cells:
                    cell.width = Cm(width)

    def picture(self, png: bytes) -> None:
        self.doc.add_picture(io.BytesIO(png), width=Cm(16))
        self.doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _thai_font(run: object, size: int, *, bold: bool = False) -> None:
    """Thai is a complex script in Word: the font and size must be set for it too (w:cs, w:szCs)."""
    run.font.name = FONT  # type: ignore[attr-defined]
    run.font.size = Pt(size)  # type: ignore[attr-defined]
    run.font.bold = bold  # type: ignore[attr-defined]
    properties = run._element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = properties.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    complex_size = OxmlElement("w:szCs")
    complex_size.set(qn("w:val"), str(size * 2))
    properties.append(complex_size)
    if bold:
        properties.append(OxmlElement("w:bCs"))


def _page_setup(doc: DocxDocument) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.left_margin = Cm(2.5), Cm(3)
        section.right_margin, section.bottom_margin = Cm(2), Cm(2)
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _thai_font(header.add_run("- "), 16)
        _page_field(header)
        _thai_font(header.add_run(" -"), 16)
        section.different_first_page_header_footer = True  # no number on page 1, as in official reports


def _page_field(paragraph: object) -> None:
    run = paragraph.add_run()  # type: ignore[attr-defined]
    _thai_font(run, 16)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.text = text
        run._element.append(element)


def build_report(figures: ReportFigures, *, thai_digits: bool = False) -> bytes:
    w = _Writer(thai_digits)
    f = figures
    model = f.figures
    laos = model.laos
    as_of = be_date(f.as_of)
    w.para(f"เรื่อง  {SUBJECT}", bold=True)
    w.para(f"อ้างถึง  {LETTER_REFERENCE}")
    period = f"ตั้งแต่วันที่ {be_date(f.first_day)} ถึงวันที่ {as_of}" if f.first_day else f"ถึงวันที่ {as_of}"
    w.para(f"ช่วงเวลาที่รายงาน {period} ข้อมูลสะสมถึงวันที่ {as_of} เวลา 24.00 น. (ประมวลผลเมื่อ {be_datetime(f.read_at)})")

    w.heading("๑. สรุปผล", 1)
    reached = ""
    national = model.national
    if model.roster_known:
        rate = national.response_rate
        reached = (f" คิดเป็น{w.t(g.share(rate))} ของ อปท. ตามทะเบียน {w.n(rate.base or 0)} {g.LAOS_UNIT}")
    w.para(f"ได้รับ{g.SUBMISSION}ทั้งสิ้น {w.n(model.responses)} {g.SUBMISSIONS_UNIT} จาก อปท. {w.n(laos.reporting)} "
           f"{g.LAOS_UNIT}{reached} ในจำนวนนี้มี{g.SUBMISSION}ที่ข้อมูลไม่สมบูรณ์ซึ่งไม่นับรวม "
           f"{w.n(model.responses_invalid)} {g.SUBMISSIONS_UNIT} และไม่นับรวม{g.SUBMISSION}ที่ผู้ดูแลแบบฟอร์มลบออก "
           f"{w.n(model.deleted)} {g.SUBMISSIONS_UNIT}")
    if f.invalid_reasons:
        w.table(["เหตุที่ข้อมูลไม่สมบูรณ์", f"จำนวน ({g.SUBMISSIONS_UNIT})"],
                [[INVALID_REASONS.get(code, code), w.n(count)] for code, count in f.invalid_reasons.most_common()])

    w.heading("๒. ปัญหาและอุปสรรคตามข้อของหนังสือที่อ้างถึง", 1)
    w.para(f"จำนวนและร้อยละของ อปท. ที่ระบุแต่ละปัญหา จาก อปท. ที่แจ้งปัญหาแล้ว {w.n(laos.reporting)} "
           f"{g.LAOS_UNIT} (อปท. หนึ่งแห่งระบุได้มากกว่าหนึ่งปัญหา)")
    w.table(["ข้อ", "ปัญหาและอุปสรรค", f"อปท. ({g.LAOS_UNIT})", "ร้อยละ"], _problem_rows(f, w), [1.4, 10.1, 2.5, 2])
    w.picture(problem_chart(_chart_bars(f, w), w.t(f"อปท. ที่ระบุแต่ละปัญหา (แห่ง) จาก {laos.reporting:,} แห่ง")))
    if laos.by_problem[NO_PROBLEM]:
        w.para(f"อปท. ที่แจ้งว่าไม่มีปัญหา {w.n(laos.by_problem[NO_PROBLEM])} {g.LAOS_UNIT} "
               f"({w.t(g.share(model.of_reporting(laos.by_problem[NO_PROBLEM])))}) ไม่นับเป็นปัญหาข้างต้น")

    w.heading("๓. จำแนกตามจังหวัด ภาค ประเภท อปท. และสถานะการรายงานผล", 1)
    headers, rows = _area_table(model, w, "จังหวัด", thai_sorted(model.provinces.values(), lambda a: a.name))
    w.table(headers, rows, _AREA_WIDTHS if len(headers) == len(_AREA_WIDTHS) else [8, 8])
    w.para("ภาคตามการแบ่งภาคทางภูมิศาสตร์ 6 ภาค ของคณะกรรมการภูมิศาสตร์แห่งชาติ "
           "(กรุงเทพมหานครอยู่ในภาคกลาง)")
    headers, rows = _area_table(model, w, "ภาค", model.regions)
    w.table(headers, rows, _AREA_WIDTHS if len(headers) == len(_AREA_WIDTHS) else [8, 8])
    w.para(f"จำนวน อปท. ในแต่ละภาคที่ระบุปัญหาตามข้อของหนังสือที่อ้างถึง ({g.LAOS_UNIT})")
    w.table(["ภาค", *(f"ข้อ {number}" for number in LETTER_ITEMS)],
            [[region.name, *(w.n(region.by_letter_item[number]) for number in LETTER_ITEMS)]
             for region in model.regions],
            [5.8] + [10.2 / len(LETTER_ITEMS)] * len(LETTER_ITEMS))
    w.table(["ประเภท อปท.", f"อปท. ที่แจ้งปัญหาแล้ว ({g.LAOS_UNIT})"],
            [[label, w.n(laos.by_lao_type[code])] for code, label in LAO_TYPES.items()], [10, 6])
    w.table(["สถานะการรายงานผลต่อสำนักงาน ก.พ.", f"อปท. ({g.LAOS_UNIT})", "ร้อยละ"],
            [[label, w.n(laos.by_status[code]), w.pct(model.of_reporting(laos.by_status[code]))]
             for code, label in REPORTING_STATUSES.items()], [10, 3, 3])
    w.para(f"{g.NOT_YET_REPORTED} {w.n(laos.not_reported)} {g.LAOS_UNIT} ปัญหาที่พบมากที่สุดของกลุ่มนี้ ได้แก่ "
           + " ".join(f"{PROBLEM_LABELS[code]} ({w.n(n)} {g.LAOS_UNIT})"
                      for code, n in laos.not_reported_problems.most_common(3) if code in PROBLEM_LABELS))

    w.heading("๔. สิ่งที่ อปท. ระบุเพิ่มเติม", 1)
    w.para("ข้อความที่ อปท. หลายแห่งเขียนตรงกันหรือเกือบตรงกัน แสดงตามที่ อปท. เขียน โดยปิดบังชื่อบุคคล "
           "หมายเลขโทรศัพท์ และอีเมล เรียงตามจำนวน อปท. ที่เขียน")
    for section in f.writing:
        w.heading(section.question, 2)
        if not section.themes:
            w.para(f"ไม่พบข้อความที่ อปท. ตั้งแต่ ๒ แห่งเขียนตรงกัน (จาก อปท. ที่เขียนข้อความ {w.n(section.authors)} แห่ง)")
            continue
        w.para(f"จาก อปท. ที่เขียนข้อความ {w.n(section.authors)} {g.LAOS_UNIT}")
        for theme in section.themes:
            w.para(f"“{theme.sentence}” ({w.n(theme.laos)} {g.LAOS_UNIT})")

    w.heading("๕. วิธีการและความครบถ้วนของข้อมูล", 1)
    w.para("ข้อมูลได้จากแบบฟอร์มออนไลน์ ระบบตรวจสอบความถูกต้องของแต่ละฉบับ นับ อปท. แห่งละหนึ่งครั้งตามแบบแจ้งปัญหา"
           "ฉบับล่าสุด และนับยอดสะสมตามวันที่ส่งครั้งแรก ตัวเลขทุกตัวในรายงานนี้คำนวณจากข้อมูลชุดเดียวกัน "
           "ณ เวลาที่ประมวลผล")
    w.para(f.reconcile_text)
    w.heading("ภาคผนวก", 1)
    w.para("ตารางรายชื่อ อปท. ที่แจ้งปัญหาแล้ว (จังหวัด อำเภอ ประเภท ชื่อ สถานะ และปัญหา) อยู่ในไฟล์ Excel "
           "ที่แนบกับอีเมลสรุปรายวัน แผ่นงาน “อปท. ที่แจ้งปัญหาแล้ว”")
    return w.bytes()


def _problem_rows(f: ReportFigures, w: _Writer) -> list[list[str]]:
    model = f.figures
    laos = model.laos
    rows = []
    for number, heading in LETTER_ITEMS.items():
        codes = [c for c, n in LETTER_ITEM_OF.items() if n == number]
        if len(codes) == 1:
            count = laos.by_problem[codes[0]]
            rows.append([w.n(number), PROBLEM_LABELS[codes[0]], w.n(count), w.pct(model.of_reporting(count))])
            continue
        item = laos.by_letter_item[number]
        rows.append([w.n(number), f"{heading} (รวม {len(codes)} ประเด็นย่อย)", w.n(item),
                     w.pct(model.of_reporting(item))])
        for letter, code in zip(_SUB_ITEMS, codes, strict=False):
            count = laos.by_problem[code]
            rows.append([w.t(f"({letter})"), PROBLEM_LABELS[code], w.n(count), w.pct(model.of_reporting(count))])
    return rows


def _chart_bars(f: ReportFigures, w: _Writer) -> list[tuple[str, int, str]]:
    """Every problem, largest first, labelled by its item of the letter."""
    bars = []
    for number in LETTER_ITEMS:
        codes = [c for c, n in LETTER_ITEM_OF.items() if n == number]
        for letter, code in zip(_SUB_ITEMS, codes, strict=False):
            item = f"ข้อ {number}" + (f" ({letter})" if len(codes) > 1 else "")
            count = f.figures.laos.by_problem[code]
            bars.append((w.t(f"{item} {PROBLEM_SHORT_LABELS[code]}"), count,
                         f"{w.n(count)} ({w.t(g.share(f.figures.of_reporting(count)))})"))
    return sorted(bars, key=lambda bar: -bar[1])


_AREA_WIDTHS = [4.2, 2.9, 2.6, 2.2, 4.1]


def _area_table(model: Figures, w: _Writer, label: str,
                areas: Iterable[AreaFigures]) -> tuple[list[str], list[list[str]]]:
    """LAOs reporting per area, with the roster and the rate (the reporting LAOs out of the
    roster's) when a roster is loaded; the unmatched ones are counted in, and said apart."""
    headers = [label, f"อปท. ที่แจ้งปัญหาแล้ว ({g.LAOS_UNIT})"]
    if model.roster_known:
        headers += [f"ตามทะเบียน ({g.LAOS_UNIT})", "ร้อยละ", f"ในจำนวนที่แจ้งแล้ว จับคู่กับทะเบียนไม่ได้ ({g.LAOS_UNIT})"]
    rows = []
    for area in areas:
        row = [area.name, w.n(area.laos_reporting)]
        if model.roster_known:
            row += [w.n(area.roster_total or 0), w.pct(area.response_rate), w.n(area.unmatched_reports)]
        rows.append(row)
    return headers, rows
