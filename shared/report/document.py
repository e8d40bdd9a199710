"""The report as a บันทึกข้อความ of สำนักงาน ก.ถ. (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ).

The header (ส่วนราชการ, ที่, วันที่, เรื่อง, เรียน), a body in the memo's three parts
— why (the Ministry's letter), what was found, and ข้อเสนอ derived from the data —
closing "จึงเรียนมาเพื่อโปรดทราบ และพิจารณา" with no คำลงท้าย, the signature block, and
the long tables in an annex. TH Sarabun New 16 pt, A4, left margin 3 cm and right
2 cm, the page number "- ๒ -" at the top from page 2, Thai digits throughout
unless asked otherwise (real U+0E50–0E59 characters, so copying and searching work).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph
from pythainlp.util import arabic_digit_to_thai_digit

from shared.digest import glossary as g
from shared.digest.thai import be_date, be_datetime, thai_sorted
from shared.domain.codes import (
    INVALID_REASONS,
    LAO_TYPES,
    LETTER_DATE,
    LETTER_ITEM_OF,
    LETTER_ITEMS,
    LETTER_REFERENCE,
    NO_PROBLEM,
    PROBLEM_LABELS,
    PROBLEM_SHORT_LABELS,
    REPORTING_STATUSES,
)
from shared.domain.figures import AreaFigures, Figures, Ratio, top_with_ties
from shared.domain.timestamps import BANGKOK
from shared.report.chart import problem_chart
from shared.report.figures import ReportFigures
from shared.report.settings import ReportSettings

FONT = "TH Sarabun New"
SUBJECT = "ผลการรวบรวมปัญหาและอุปสรรคในการรายงานผลการดำเนินการตามประมวลจริยธรรมขององค์กรปกครองส่วนท้องถิ่น"
_SUB_ITEMS = "กขคงจฉ"


class _Writer:
    """Writes paragraphs, numbered tables and charts in the memorandum's type and digits."""

    def __init__(self, thai_digits: bool) -> None:
        self.thai_digits = thai_digits
        self.doc = Document()
        self.tables = 0
        self.charts = 0
        _page_setup(self.doc, thai_digits)

    def t(self, text: str) -> str:
        return str(arabic_digit_to_thai_digit(text)) if self.thai_digits else text

    def n(self, value: int) -> str:
        return self.t(f"{value:,}")

    def pct(self, ratio: Ratio) -> str:
        """The figure of a ร้อยละ column: the column says it is a percentage."""
        return self.t(g.percent_figure(ratio))

    def para(self, text: str, *, bold: bool = False, center: bool = False, size: int = 16,
             align: WD_ALIGN_PARAGRAPH | None = None, center_at: float | None = None) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif align is not None:
            paragraph.alignment = align
        if center_at is not None:  # the signature block: centred on a point right of the middle
            paragraph.paragraph_format.left_indent = Cm(center_at - 4)
            paragraph.paragraph_format.right_indent = Cm(16 - center_at - 4)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _thai_font(paragraph.add_run(self.t(text)), size, bold=bold)
        return paragraph

    def labelled(self, *pairs: tuple[str, str], spaced: bool = False, label_size: int = 20) -> None:
        """A header line: each label in bold, then its value ("เรื่อง  ...", or "ที่ ... วันที่ ..."
        with the second pair at a tab stop); the form's labels ส่วนราชการ ที่ วันที่ เรื่อง are 20 pt."""
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(8))
        if spaced:  # one blank line and 6 pt before เรื่อง and เรียน
            paragraph.paragraph_format.space_before = Pt(6)
        for index, (label, text) in enumerate(pairs):
            if index:
                _thai_font(paragraph.add_run("\t"), 16)
            _thai_font(paragraph.add_run(label), label_size, bold=True)
            _thai_font(paragraph.add_run("  " + self.t(text)), 16)

    def body(self, text: str, *, bold: bool = False, indent: float = 2.5) -> None:
        """A body paragraph: first line indented 2.5 cm, 6 pt before it, justified in Thai."""
        paragraph = self.para(text, bold=bold, align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Cm(indent)
        paragraph.paragraph_format.space_before = Pt(6)

    def note(self, text: str) -> None:
        """A note under a table, in the table's size."""
        self.para(text, size=14)

    def blank(self, lines: int) -> None:
        for _ in range(lines):
            self.para("")

    def page_break(self) -> None:
        self.doc.add_page_break()  # type: ignore[no-untyped-call]

    def garuda(self, image: Path | None) -> None:
        """The emblem, 1.5 cm high, top left; without one, its space."""
        if image is not None:
            self.doc.add_picture(str(image), height=Cm(1.5))
            self.doc.paragraphs[-1].paragraph_format.space_after = Pt(0)
        else:
            paragraph = self.para("")
            paragraph.paragraph_format.line_spacing = Cm(1.5)

    def table(self, caption: str, headers: list[str], rows: Iterable[list[str]], widths_cm: list[float]) -> None:
        """A numbered, captioned table whose header row repeats on every page it spans."""
        self.tables += 1
        caption_paragraph = self.para(f"ตารางที่ {self.tables} {caption}", bold=True)
        caption_paragraph.paragraph_format.space_before = Pt(6)
        caption_paragraph.paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        table.autofit = False
        _repeat_as_header(table.rows[0])
        _keep_on_one_page(table.rows[0])
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            _thai_font(cell.paragraphs[0].add_run(self.t(text)), 14, bold=True)
        for row in rows:
            added = table.add_row()
            _keep_on_one_page(added)
            cells = added.cells
            for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
                paragraph = cell.paragraphs[0]
                if i and (text[:1].isdigit() or text == "-"):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                _thai_font(paragraph.add_run(self.t(text)), 14)
        # Both the grid (what LibreOffice lays out by) and each cell (what Word does).
        for column, width in zip(table.columns, widths_cm, strict=True):
            column.width = Cm(width)
            for cell in column.cells:
                cell.width = Cm(width)

    def chart(self, png: bytes, caption: str) -> None:
        """A chart at the text's width, numbered and captioned below it, kept on one page with it."""
        self.charts += 1
        self.doc.add_picture(io.BytesIO(png), width=Cm(15))
        picture = self.doc.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.space_before = Pt(12)  # apart from a table just above
        picture.paragraph_format.keep_with_next = True
        self.para(f"แผนภูมิที่ {self.charts} {caption}", center=True, size=14)

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _keep_on_one_page(row: object) -> None:
    """A row is never split across two pages (w:cantSplit)."""
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    properties.append(OxmlElement("w:cantSplit"))


def _repeat_as_header(row: object) -> None:
    properties = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


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


def _page_setup(doc: DocxDocument, thai_digits: bool) -> None:
    for section in doc.sections:
        if thai_digits:
            # The page numbers in Thai digits: ECMA-376's ST_NumberFormat "thaiNumbers" on the
            # section, which Word applies to its PAGE field. (LibreOffice 7 ignores it and shows
            # Arabic digits; the field switch \* ThaiArabic it turns into Thai letters, ก ข ค.)
            numbering = OxmlElement("w:pgNumType")
            numbering.set(qn("w:fmt"), "thaiNumbers")
            section._sectPr.append(numbering)
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


def build_report(figures: ReportFigures, settings: ReportSettings | None = None, *, thai_digits: bool = True,
                 generated_on: date | None = None) -> bytes:
    """The บันทึกข้อความ: header, the three parts of its body, the signature, and the annex."""
    settings = settings or ReportSettings()
    w = _Writer(thai_digits)
    _memo_head(w, settings, generated_on or figures.read_at.astimezone(BANGKOK).date(), figures.as_of)
    _properties(w, settings, figures)
    _cause(w)
    _findings(w, figures)
    _proposals(w, figures)
    _signature(w, settings)
    _annex(w, figures)
    return w.bytes()


def _memo_head(w: _Writer, settings: ReportSettings, generated_on: date, as_of: date) -> None:
    if not settings.final:
        w.para("ร่าง", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    w.garuda(settings.garuda_image)
    w.para("บันทึกข้อความ", bold=True, center=True, size=29)
    phone = f" โทร. {settings.agency_phone}" if settings.agency_phone else ""
    w.labelled(("ส่วนราชการ", f"{settings.agency}{phone}"))
    w.labelled(("ที่", settings.number or " " * 30), ("วันที่", be_date(settings.memo_date or generated_on)))
    w.labelled(("เรื่อง", f"{SUBJECT} (ข้อมูล ณ วันที่ {be_date(as_of)})"), spaced=True)
    w.labelled(("เรียน", settings.to), spaced=True, label_size=16)


def _properties(w: _Writer, settings: ReportSettings, figures: ReportFigures) -> None:
    """What Word shows as the file's properties, and Thai as its language for proofing."""
    properties = w.doc.core_properties
    properties.title = f"{SUBJECT} (ข้อมูล ณ วันที่ {be_date(figures.as_of)})"
    properties.author = properties.last_modified_by = settings.agency
    properties.comments = ""
    properties.created = properties.modified = figures.read_at.replace(tzinfo=None)
    defaults = w.doc.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr")
    for run_properties in defaults:
        for language in run_properties.xpath("./w:lang"):
            run_properties.remove(language)
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), "th-TH")
        language.set(qn("w:bidi"), "th-TH")
        run_properties.append(language)


def _cause(w: _Writer) -> None:
    w.body(f"ตาม{LETTER_REFERENCE} ลงวันที่ {LETTER_DATE} ได้ขอให้องค์กรปกครองส่วนท้องถิ่น (อปท.) "
           f"แจ้งปัญหาและอุปสรรคในการรายงานผลการดำเนินการตามประมวลจริยธรรมผ่าน{g.SUBMISSION} "
           "เพื่อรวบรวมเสนอคณะกรรมการมาตรฐานการบริหารงานบุคคลส่วนท้องถิ่น (ก.ถ.) "
           "และคณะกรรมการมาตรฐานทางจริยธรรม (ก.ม.จ.) ประกอบการพิจารณาแก้ไขปัญหาดังกล่าว นั้น")


def _findings(w: _Writer, f: ReportFigures) -> None:
    model, laos, national = f.figures, f.figures.laos, f.figures.national
    as_of = be_date(f.as_of)
    since = f"ระหว่างวันที่ {be_date(f.first_day)} ถึงวันที่ {as_of}" if f.first_day else f"ภายในวันที่ {as_of}"
    # When the figures are of, once and up front: forms sent by D, each as last edited when read.
    w.body(f"สำนักงาน ก.ถ. ได้รวบรวม{g.SUBMISSION}ที่ อปท. ส่ง{since} (นับถึงเวลา ๒๔.๐๐ น. ของวันที่ {as_of} "
           f"ตามข้อมูลฉบับล่าสุด ณ วันที่ {be_datetime(f.read_at)}) สรุปได้ดังนี้")
    coverage = ""
    if model.roster_known:
        rate = national.response_rate
        coverage = f" คิดเป็น{g.share(rate)} ของ อปท. ตามทะเบียน {rate.base or 0:,} {g.LAOS_UNIT}"
        if national.unmatched_reports:
            coverage += (f" (ในจำนวน {laos.reporting:,} {g.LAOS_UNIT}นี้ มี {national.unmatched_reports:,} {g.LAOS_UNIT}"
                         f"ที่ไม่พบชื่อในทะเบียน อปท. จึงยังคงมีรายชื่อ อปท. ตามทะเบียนที่ยังไม่แจ้งปัญหา "
                         f"{national.nonresponders or 0:,} {g.LAOS_UNIT})")
    invalid_table = f" (รายละเอียดตามตารางที่ {w.tables + 1})" if f.invalid_reasons else ""
    w.body(f"๑. ได้รับ{g.SUBMISSION}รวม {model.responses:,} {g.SUBMISSIONS_UNIT} เป็น{g.SUBMISSION}ที่ข้อมูลสมบูรณ์ "
           f"{model.responses_valid:,} {g.SUBMISSIONS_UNIT} จาก อปท. {laos.reporting:,} {g.LAOS_UNIT}{coverage} "
           f"และ{g.SUBMISSION}ที่ข้อมูลไม่สมบูรณ์ {model.responses_invalid:,} {g.SUBMISSIONS_UNIT} "
           f"ซึ่งยังไม่นับรวมเป็น อปท. ที่แจ้งปัญหาแล้ว{invalid_table}")
    if f.invalid_reasons:
        w.table("เหตุที่ข้อมูลไม่สมบูรณ์", ["เหตุที่ข้อมูลไม่สมบูรณ์", f"จำนวน ({g.SUBMISSIONS_UNIT})"],
                [[INVALID_REASONS.get(code, code), w.n(count)] for code, count in f.invalid_reasons.most_common()],
                [12, 4])
    w.body(f"๒. ปัญหาและอุปสรรคจำแนกตามประเด็นที่กำหนดในหนังสือดังกล่าว จาก อปท. ที่แจ้งปัญหาแล้ว {laos.reporting:,} {g.LAOS_UNIT} "
           f"(อปท. หนึ่งแห่งระบุได้มากกว่าหนึ่งปัญหา) ปรากฏตามตารางที่ {w.tables + 1} และแผนภูมิที่ {w.charts + 1}")
    w.table("จำนวนและร้อยละของ อปท. ที่ระบุปัญหาและอุปสรรคแต่ละข้อ",
            ["ข้อ", "ปัญหาและอุปสรรค", f"อปท. ({g.LAOS_UNIT})", "ร้อยละ"], _problem_rows(f, w), [1.4, 10.1, 2.5, 2])
    w.note(f"หมายเหตุ ร้อยละคิดจาก อปท. ที่แจ้งปัญหาแล้ว {laos.reporting:,} {g.LAOS_UNIT} ข้อ ๖ นับ อปท. "
           "ที่ระบุอย่างน้อยหนึ่งประเด็นย่อย จึงน้อยกว่าผลรวมของประเด็นย่อย")
    w.chart(problem_chart(_chart_bars(f, w), None),
            f"อปท. ที่ระบุปัญหาและอุปสรรคแต่ละประเด็น (แห่ง และร้อยละของ อปท. ที่แจ้งปัญหาแล้ว {laos.reporting:,} แห่ง)")
    if laos.by_problem[NO_PROBLEM]:
        w.body(f"อปท. ที่แจ้งว่าไม่มีปัญหา {laos.by_problem[NO_PROBLEM]:,} {g.LAOS_UNIT} "
               f"({g.share(model.of_reporting(laos.by_problem[NO_PROBLEM]))}) ไม่นับเป็นปัญหาข้างต้น")
    w.body(f"๓. สถานะการรายงานผลต่อสำนักงาน ก.พ. ตามที่ อปท. ระบุในแบบแจ้งปัญหา ปรากฏตามตารางที่ {w.tables + 1}")
    w.table("สถานะการรายงานผลต่อสำนักงาน ก.พ. ตามที่ อปท. ระบุ",
            ["สถานะการรายงานผลต่อสำนักงาน ก.พ.", f"อปท. ({g.LAOS_UNIT})", "ร้อยละ"],
            [[label, w.n(laos.by_status[code]), w.pct(model.of_reporting(laos.by_status[code]))]
             for code, label in REPORTING_STATUSES.items()], [10, 3, 3])
    if laos.not_reported:
        ranked = top_with_ties([(code, n) for code, n in laos.not_reported_problems.most_common()
                                if code in PROBLEM_LABELS and n], 3)
        w.body(f"{g.NOT_YET_REPORTED} {laos.not_reported:,} {g.LAOS_UNIT} ปัญหาที่ อปท. กลุ่มนี้ระบุมากที่สุด ได้แก่ "
               + " ".join(f"({i}) {PROBLEM_LABELS[code]} ({n:,} {g.LAOS_UNIT})"
                          for i, (code, n) in enumerate(ranked, start=1)))
    w.body(f"๔. ข้อความที่ อปท. ระบุเพิ่มเติมใน{g.SUBMISSION}ซึ่งมีเนื้อหาตรงกันหรือใกล้เคียงกันหลายแห่ง "
           "คงถ้อยคำตามที่ อปท. ระบุ โดยปิดบังชื่อบุคคล หมายเลขโทรศัพท์ และอีเมล เรียงตามจำนวน อปท.")
    for number, section in enumerate(f.writing, start=1):
        if not section.themes:
            w.body(f"๔.{number} {section.question}: ไม่พบข้อความที่ อปท. ตั้งแต่ ๒ แห่งระบุตรงกัน "
                   f"(อปท. ระบุข้อความ {section.authors:,} {g.LAOS_UNIT})")
            continue
        w.body(f"๔.{number} {section.question} (อปท. ระบุข้อความ {section.authors:,} {g.LAOS_UNIT})")
        for theme in section.themes:
            w.body(f"“{theme.sentence}” ({theme.laos:,} {g.LAOS_UNIT})", indent=2.5)
    w.body(f"๕. ข้อมูลตามข้อ ๑ – ๔ นับจาก{g.SUBMISSION}ที่ อปท. ส่งภายในวันที่ {as_of} โดยนับ อปท. แห่งละหนึ่งครั้ง"
           f"ตาม{g.SUBMISSION}ฉบับล่าสุดของ อปท. แห่งนั้น รายละเอียดจำแนกตามภาค ประเภท อปท. และจังหวัด "
           "ปรากฏตามภาคผนวกท้ายบันทึกนี้ และรายชื่อ อปท. ปรากฏตามสิ่งที่ส่งมาด้วย (ไฟล์ Excel)")


def _proposals(w: _Writer, f: ReportFigures) -> None:
    w.body("ข้อเสนอ", bold=True)
    for number, text in enumerate(proposals(f), start=1):
        w.body(f"{number}. {text}")
    w.body("จึงเรียนมาเพื่อโปรดทราบ และพิจารณา")


def _signature(w: _Writer, settings: ReportSettings) -> None:
    """Space to sign, the name in brackets and the position, kept on one page with the closing."""
    w.doc.paragraphs[-1].paragraph_format.keep_with_next = True  # the closing sentence
    for _ in range(3):
        w.para("").paragraph_format.keep_with_next = True
    w.para(f"({settings.signer_name or '.' * 40})", center_at=10).paragraph_format.keep_with_next = True
    w.para(settings.signer_position or "." * 44, center_at=10)


def _annex(w: _Writer, f: ReportFigures) -> None:
    model = f.figures
    w.page_break()
    w.para("ภาคผนวก", bold=True, center=True)
    headers, rows = _area_table(model, w, "ภาค", model.regions)
    w.table("อปท. ที่แจ้งปัญหาแล้ว จำแนกตามภาค", headers, rows,
            _AREA_WIDTHS if len(headers) == len(_AREA_WIDTHS) else [8, 8])
    w.note("หมายเหตุ ภาคตามการแบ่งภาคทางภูมิศาสตร์ 6 ภาค ของคณะกรรมการภูมิศาสตร์แห่งชาติ "
           "(กรุงเทพมหานครอยู่ในภาคกลาง)")
    w.table(f"จำนวน อปท. ในแต่ละภาคที่ระบุปัญหาตามข้อของหนังสือ ({g.LAOS_UNIT})",
            ["ภาค", *(f"ข้อ {number}" for number in LETTER_ITEMS)],
            [[region.name, *(w.n(region.by_letter_item[number]) for number in LETTER_ITEMS)]
             for region in model.regions],
            [5.8] + [10.2 / len(LETTER_ITEMS)] * len(LETTER_ITEMS))
    w.table("อปท. ที่แจ้งปัญหาแล้ว จำแนกตามประเภท อปท.", ["ประเภท อปท.", f"อปท. ที่แจ้งปัญหาแล้ว ({g.LAOS_UNIT})"],
            [[label, w.n(model.laos.by_lao_type[code])] for code, label in LAO_TYPES.items()], [10, 6])
    headers, rows = _area_table(model, w, "จังหวัด", thai_sorted(model.provinces.values(), lambda a: a.name))
    w.table("อปท. ที่แจ้งปัญหาแล้ว จำแนกตามจังหวัด", headers, rows,
            _AREA_WIDTHS if len(headers) == len(_AREA_WIDTHS) else [8, 8])
    if model.roster_known:
        w.note("หมายเหตุ - หมายถึง ทะเบียน อปท. ไม่มีข้อมูลของจังหวัดนั้น จึงคำนวณร้อยละไม่ได้")


def proposals(f: ReportFigures) -> list[str]:
    """What the data supports proposing: the problems most LAOs named (every problem tied with
    the third), the suggestions most LAOs wrote, and following up the roster's LAOs that have
    not reported. Nothing else."""
    model, laos = f.figures, f.figures.laos
    result = []
    ranked = top_with_ties([(code, n) for code, n in laos.by_problem.most_common() if code in PROBLEM_LABELS and n], 3)
    if ranked:
        named = " ".join(f"({i}) {_item_label(code)} {PROBLEM_LABELS[code]} ({n:,} {g.LAOS_UNIT} "
                         f"{g.share(model.of_reporting(n))})" for i, (code, n) in enumerate(ranked, start=1))
        result.append(f"เห็นควรนำเสนอ ก.ถ. และ ก.ม.จ. พิจารณาแนวทางแก้ไขปัญหาที่ อปท. แจ้งมากที่สุด ได้แก่ {named}")
    suggestions = next((s for s in f.writing if s.question == "ข้อเสนอแนะ"), None)
    if suggestions and suggestions.themes:
        quoted = " ".join(f"“{t.sentence}” ({t.laos:,} {g.LAOS_UNIT})" for t in suggestions.themes[:3])
        result.append(f"เห็นควรนำข้อเสนอแนะที่ อปท. เสนอมากที่สุดประกอบการพิจารณา ได้แก่ {quoted}")
    national = model.national
    if model.roster_known and national.nonresponders:
        result.append(f"เห็นควรแจ้งสำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดติดตามให้ อปท. ตามทะเบียนที่ยังไม่แจ้งปัญหา "
                      f"{national.nonresponders:,} {g.LAOS_UNIT} (ตามข้อ ๑) แจ้งผลให้ครบทุกแห่ง "
                      "กรณีไม่มีปัญหาให้แจ้งว่าไม่มีปัญหา")
    return result


def _item_label(code: str) -> str:
    """ข้อ ๒, or ข้อ ๖ (ค) for a sub-item of the letter's item 6."""
    number = LETTER_ITEM_OF[code]
    codes = [c for c, n in LETTER_ITEM_OF.items() if n == number]
    return f"ข้อ {number}" + (f" ({_SUB_ITEMS[codes.index(code)]})" if len(codes) > 1 else "")


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
        headers += [f"ตามทะเบียน ({g.LAOS_UNIT})", "ร้อยละ", f"ในจำนวนนี้ ไม่พบชื่อในทะเบียน อปท. ({g.LAOS_UNIT})"]
    rows = []
    for area in areas:
        row = [area.name, w.n(area.laos_reporting)]
        if model.roster_known:
            row += [w.n(area.roster_total or 0), w.pct(area.response_rate), w.n(area.unmatched_reports)]
        rows.append(row)
    return headers, rows
