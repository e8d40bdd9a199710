"""`python -m shared roster load` and the `coverage` of `stats --json`, as an operator runs them."""

import json

import pytest

from shared.cli import main
from tests.support import builders
from tests.support.roster import simple_csv

pytestmark = pytest.mark.e2e
ROWS = [{"lao_code": "0040101", "name": "บ้านเหล่า", "lao_type": "อบต.", "district": "อำเภอเมืองขอนแก่น",
         "province": "ขอนแก่น"},
        {"lao_code": "0040102", "name": "โนนสูง", "lao_type": "sao", "district": "เมืองขอนแก่น", "province": "TH-40"}]


def test_stats_says_coverage_is_unknown_until_a_roster_is_loaded_then_counts_it(configured_stack, tmp_path, capfd):
    configured_stack.state.submit(builders.response())
    assert main(["reconcile"]) == 0
    capfd.readouterr()
    assert main(["stats", "--json"]) == 0
    assert json.loads(capfd.readouterr().out)["coverage"] is None

    roster = tmp_path / "roster.csv"
    roster.write_text(simple_csv(ROWS), encoding="utf-8")
    assert main(["roster", "load", str(roster)]) == 0
    loaded = json.loads(capfd.readouterr().out)
    assert (loaded["added"], loaded["added_codes"]) == (2, ["0040101", "0040102"])
    assert main(["stats", "--json"]) == 0
    coverage = json.loads(capfd.readouterr().out)["coverage"]
    assert (coverage["roster_total"], coverage["reported"], coverage["unmatched_reports"]) == (2, 1, 0)
    assert coverage["by_province"] == {"TH-40": {"roster": 2, "reported": 1}}


def test_a_bad_roster_file_exits_2_naming_each_bad_line_and_loads_nothing(configured_stack, tmp_path, capfd):
    bad = tmp_path / "bad.csv"
    bad.write_text(simple_csv(ROWS) + "0040103,นาดี,ตำบลใหม่,เมือง,TH-40\n", encoding="utf-8")
    assert main(["roster", "load", str(bad)]) == 2
    err = capfd.readouterr().err
    assert "refused: nothing loaded" in err and "line 4: unknown LAO type 'ตำบลใหม่'" in err
    assert main(["stats", "--json"]) == 0
    assert json.loads(capfd.readouterr().out)["coverage"] is None


def test_nonresponders_writes_a_provincial_offices_list_sorted_by_district_then_name(configured_stack, tmp_path,
                                                                                       capfd):
    import csv

    import openpyxl

    rows = [*ROWS, {"lao_code": "0054101", "name": "แม่ทราย", "lao_type": "sao", "district": "ร้องกวาง",
                    "province": "TH-54"},
            {"lao_code": "0040201", "name": "กุดเพียขอม", "lao_type": "sao", "district": "ชนบท", "province": "TH-40"}]
    roster = tmp_path / "roster.csv"
    roster.write_text(simple_csv(rows), encoding="utf-8")
    assert main(["nonresponders", "--out", str(tmp_path / "x.xlsx")]) == 2  # no roster yet: says so
    assert "no LAO roster is loaded" in capfd.readouterr().err
    assert main(["roster", "load", str(roster)]) == 0
    configured_stack.state.submit(builders.response())  # บ้านเหล่า, เมืองขอนแก่น: it has answered
    assert main(["reconcile"]) == 0

    out = tmp_path / "khon-kaen.csv"
    assert main(["nonresponders", "--province", "ขอนแก่น", "--format", "csv", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, for Excel
    with out.open(encoding="utf-8-sig") as handle:
        table = list(csv.reader(handle))
    assert table == [["จังหวัด", "อำเภอ/เขต", "ประเภท อปท.", "อปท.", "รหัส อปท."],
                     ["ขอนแก่น", "ชนบท", "องค์การบริหารส่วนตำบล", "กุดเพียขอม", "0040201"],
                     ["ขอนแก่น", "เมืองขอนแก่น", "องค์การบริหารส่วนตำบล", "โนนสูง", "0040102"]]
    everyone = tmp_path / "all.xlsx"
    assert main(["nonresponders", "--out", str(everyone)]) == 0
    sheet = openpyxl.load_workbook(everyone).active
    assert [r[4].value for r in sheet.iter_rows(min_row=2)] == ["0040201", "0040102", "0054101"]


def test_recount_check_compares_coverage_from_the_lao_records_with_the_responses(configured_stack, tmp_path, capfd):
    roster = tmp_path / "roster.csv"
    roster.write_text(simple_csv(ROWS), encoding="utf-8")
    assert main(["roster", "load", str(roster)]) == 0
    configured_stack.state.submit(builders.response())
    assert main(["reconcile"]) == 0
    capfd.readouterr()
    assert main(["recount", "--check"]) == 0
    assert "counters equal a full recount and so does coverage" in capfd.readouterr().out

    # An LAO record that no longer says what its responses say: coverage would be misreported.
    [lao] = list(configured_stack.store._db.collection("laos").stream())
    lao.reference.update({"name": "ชื่อที่ไม่ตรงกับทะเบียน"})
    assert main(["recount", "--check"]) == 1
    assert "coverage from the LAO records differs from the responses'" in capfd.readouterr().err
