"""The memorandum as its reader meets it: laid out by LibreOffice into PDF pages (python-docx
does not lay out pages), every page holding text, Thai page numbers, and the chart whole."""

import io
import re
import shutil
import subprocess

import pytest
from PIL import Image

from devstack.office import convert
from shared.report.chart import problem_chart
from shared.report.document import build_report
from shared.report.figures import report_figures
from tests.support.national import national_data

pytestmark = pytest.mark.reader


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("memo")
    path = folder / "report.docx"
    path.write_bytes(build_report(report_figures(national_data(), "ระบบตรวจสอบแล้วว่าได้รับครบ", [])))
    [pdf] = convert(path, "pdf", folder)
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is not installed: apt-get install poppler-utils")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]  # pdftotext ends every page with a form feed


def test_no_page_before_the_last_is_half_empty_and_the_memo_ends_before_its_annex(pages):
    assert 3 <= len(pages) <= 12
    for number, page in enumerate(pages[:-1], start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert len(lines) >= 14, f"page {number} is less than half full: {page[:300]!r}"  # a full page: ~28
    annex = next(i for i, page in enumerate(pages) if "ภาคผนวก" in (line.strip() for line in page.splitlines()))
    assert any("จึงเรียนมาเพื่อโปรดทราบ" in page for page in pages[:annex])


def test_pages_after_the_first_are_numbered_at_the_top_centre(pages):
    """In Thai digits in Word (the section's thaiNumbers format, pinned in tests/e2e/test_report.py);
    LibreOffice ignores that format and draws Arabic digits, never letters."""
    assert not re.search(r"-\s*\S+\s*-", pages[0].strip().splitlines()[0])
    for number, page in enumerate(pages[1:], start=2):
        thai = str(number).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        assert re.fullmatch(rf"-\s*({number}|{thai})\s*-", page.strip().splitlines()[0].strip())


def test_the_chart_keeps_every_label_inside_its_image():
    bars = [(f"ข้อ {n} ปัญหาที่มีชื่อยาวมากพอที่จะล้นขอบภาพได้", 7_850 - n * 900, f"{7_850 - n * 900:,} (ร้อยละ 100)")
            for n in range(8)]
    image = Image.open(io.BytesIO(problem_chart(bars))).convert("L")
    width, height = image.size
    border = [image.getpixel((x, y)) for x in range(width) for y in (0, 1, height - 2, height - 1)]
    border += [image.getpixel((x, y)) for y in range(height) for x in (0, 1, width - 2, width - 1)]
    assert min(border) > 245  # nothing drawn touches the edge: no text was cut there
