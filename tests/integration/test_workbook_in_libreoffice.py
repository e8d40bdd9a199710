"""The workbook as an analyst opens it: LibreOffice reads every sheet, shows dates
in the Buddhist Era from their number format, and prints each list landscape.
(Excel documents the same [$-107041E] locale-and-calendar code; Google Sheets
documents no calendar codes, so Sheets users see the Christian year — README.)"""

import csv
import re

import pytest

from devstack.office import CSV_AS_SHOWN, convert
from shared.digest.content import build_content
from shared.digest.workbook import build_workbook
from tests.support.digest_data import data, follow_up, lao, row

pytestmark = pytest.mark.reader


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workbook")
    digest_data = data(created_on_day=[row("2023-12-20T11:45:00+00:00", lao_name="บ้านเหล่า")],
                       invalid=[follow_up(when="2023-12-20T02:05:00+00:00")],
                       laos=[lao("บ้านเหล่า"), lao("แม่ทราย", "TH-54", "แพร่")])
    path = folder / "digest.xlsx"
    path.write_bytes(build_workbook(digest_data, build_content(digest_data)))
    return path


def _sheets(workbook, folder):
    sheets = {}
    for path in convert(workbook, CSV_AS_SHOWN, folder):
        with path.open(encoding="utf-8") as handle:
            sheets[path.stem.removeprefix("digest-")] = list(csv.reader(handle))
    return sheets


def test_libreoffice_reads_every_sheet_and_shows_dates_in_the_buddhist_era(workbook, tmp_path):
    sheets = _sheets(workbook, tmp_path)
    assert set(sheets) == {"สรุป", "แบบแจ้งปัญหา 5 ม.ค. 2567", "อปท. ที่แจ้งปัญหาแล้ว", "ปัญหารายจังหวัด",
                           "ข้อมูลไม่สมบูรณ์", "ข้อสังเกต"}
    day = sheets["แบบแจ้งปัญหา 5 ม.ค. 2567"]
    assert day[0][0] == "อปท." and day[1][0] == "องค์การบริหารส่วนตำบลบ้านเหล่า"
    assert day[1][4] == "20 ธ.ค. 2566 18:45"  # first submitted, Bangkok time, Buddhist Era
    assert sheets["ข้อมูลไม่สมบูรณ์"][1][5] == "20 ธ.ค. 2566 09:05"


def test_each_list_prints_landscape(workbook, tmp_path):
    [pdf] = convert(workbook, "pdf", tmp_path)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
    assert boxes
    assert all(float(width) > float(height) for width, height in boxes), boxes
