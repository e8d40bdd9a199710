"""The LAO roster as files arrive, matching reports to it, and the coverage figures."""

from collections import Counter

import pytest

from shared.domain.coverage import ReportingLao, RosterIndex, coverage, match_all
from shared.domain.roster import RosterEntry, RosterRejected, parse_roster, roster_changes
from tests.support.roster import dla_csv, generated_roster, simple_csv

HEADER = "lao_code,name,lao_type,district,province\n"


def test_the_dla_layout_and_the_simple_one_give_the_same_roster_one_entry_per_lao_code():
    rows = generated_roster(3_000)
    simple = parse_roster(simple_csv(rows, bom=False))
    assert parse_roster(dla_csv(rows, tambons_each=3)) == simple == parse_roster(simple_csv(rows, bom=True))
    assert len(simple) == 3_000 and len({e.province_code for e in simple}) == 77


@pytest.mark.parametrize(("lao_type", "province"), [
    ("sao", "TH-40"), ("องค์การบริหารส่วนตำบล", "ขอนแก่น"), ("อบต.", "จังหวัดขอนแก่น"), ("อบต", "khon kaen")])
def test_types_and_provinces_are_read_as_names_codes_or_abbreviations(lao_type, province):
    [entry] = parse_roster(f"{HEADER}0040101,อบต.บ้าน เหล่า,{lao_type},อำเภอเมืองขอนแก่น,{province}\n")
    assert entry == RosterEntry("TH-40", "เมืองขอนแก่น", "sao", "บ้านเหล่า", "0040101")  # code kept as text


def test_a_file_with_bad_rows_is_refused_whole_with_every_line_number():
    content = (HEADER + "1,บ้านเหล่า,sao,เมือง,TH-40\n" + ",ไม่มีรหัส,sao,เมือง,TH-40\n"
               + "3,นาดี,ตำบลใหม่,เมือง,TH-40\n" + "4,นาดี,sao,เมือง,เมืองลับแล\n" + "1,บ้านอื่น,sao,เมือง,TH-40\n")
    with pytest.raises(RosterRejected) as refused:
        parse_roster(content)
    assert refused.value.problems == [
        "line 3: no LAO code", "line 4: unknown LAO type 'ตำบลใหม่'", "line 5: unknown province 'เมืองลับแล'",
        "line 6: LAO code 1 also on line 2 with another name, type or province"]


def test_an_unknown_header_or_an_empty_file_is_refused():
    with pytest.raises(RosterRejected, match="line 1: the header"):
        parse_roster("code,lao\n1,บ้านเหล่า\n")
    with pytest.raises(RosterRejected, match="no LAO"):
        parse_roster(HEADER)


def test_a_reload_says_what_was_added_removed_and_renamed():
    before = parse_roster(HEADER + "1,บ้านเหล่า,sao,เมือง,TH-40\n2,นาดี,sao,เมือง,TH-40\n")
    after = parse_roster(HEADER + "1,บ้านเหล่าใหม่,subdistrict_municipality,เมือง,TH-40\n3,โนนสูง,sao,เมือง,TH-40\n")
    changes = roster_changes(before, after)
    assert changes.summary() == {"added": 1, "removed": 1, "renamed": 1}
    assert changes.renamed[0][1].name == "บ้านเหล่าใหม่"


ROSTER = parse_roster(HEADER + "\n".join([
    "1,บ้านเหล่า,sao,เมืองขอนแก่น,TH-40", "2,หนองบัวแดง,sao,เมืองขอนแก่น,TH-40",
    "3,โนนสูง,subdistrict_municipality,ชนบท,TH-40", "4,ดอนหัน,sao,เมืองขอนแก่น,TH-40",
    "5,ดอนหัน,sao,เมืองขอนแก่น,TH-40", "10,กรุงเทพมหานคร,bangkok,,TH-10"]) + "\n")


@pytest.mark.parametrize(("report", "kind", "code"), [
    (ReportingLao("a", "sao", "บ้านเหล่า", "เมืองขอนแก่น", "TH-40"), "exact", "1"),
    (ReportingLao("b", "bangkok", "", "", "TH-10"), "exact", "10"),
    (ReportingLao("c", "sao", "หนองบัวแดงง", "เมืองขอนแก่น", "TH-40"), "fuzzy", "2"),  # a slip of the key
    (ReportingLao("d", "sao", "บ้านเหล่า", "เมือง", "TH-40"), "fuzzy", "1"),  # the district written short
    (ReportingLao("e", "sao", "โนนสูง", "ชนบท", "TH-40"), "fuzzy", "3"),  # upgraded to เทศบาลตำบล
    (ReportingLao("f", "sao", "ดอนหัน", "เมืองขอนแก่น", "TH-40"), "ambiguous", None),  # two in the roster
    (ReportingLao("g", "sao", "ทุ่งใหญ่", "เมืองขอนแก่น", "TH-40"), "unmatched", None),
    (ReportingLao("h", "sao", "บ้านเหล่า", "เมืองขอนแก่น", "TH-41"), "unmatched", None),  # another province
])
def test_each_report_is_matched_exactly_near_miss_with_a_score_or_listed_for_review(report, kind, code):
    match = RosterIndex(ROSTER).match(report)
    assert (match.kind, match.lao_code) == (kind, code)
    if kind == "fuzzy":
        assert 0.85 <= match.score < 1
    if kind == "ambiguous":
        assert match.candidates == ("4", "5")


def test_coverage_on_a_generated_national_roster_equals_an_independent_count():
    entries = parse_roster(simple_csv(generated_roster(4_000)))
    reporting = [e for i, e in enumerate(entries) if i % 3 == 0]  # one LAO in three has answered
    reports = [ReportingLao(f"id{i}", e.lao_type, e.name, e.district, e.province_code)
               for i, e in enumerate(reporting)]
    reports.append(ReportingLao("stray", "sao", "ไม่มีในทะเบียน", "ไหนสักแห่ง", "TH-40"))
    index = RosterIndex(entries)
    result = coverage(index, match_all(index, reports))
    assert result["roster_total"] == 4_000 and result["reported"] == len(reporting)
    expected = Counter(e.province_code for e in reporting)
    assert {code: v["reported"] for code, v in result["by_province"].items() if v["reported"]} == dict(expected)
    assert result["by_province"]["TH-40"]["roster"] == sum(e.province_code == "TH-40" for e in entries)
    assert result["by_lao_type"]["sao"]["reported"] == sum(e.lao_type == "sao" for e in reporting)
    assert result["unmatched_reports"] == 1


@pytest.mark.parametrize("typed", ["อบต.ขามใหญ่", "อบต. ขามใหญ่", "อบต ขามใหญ่", "องค์การบริหารส่วนตำบลขามใหญ่",
                                   "อบต.ขามใหญ่ อ.เมืองอุบลราชธานี จ.อุบลราชธานี", "อบต.ขาม ใหญ่"])
def test_the_ways_officers_write_an_lao_name_all_match_its_roster_entry_exactly(typed):
    from shared.domain.evaluation import evaluate
    from shared.domain.responses import FormResponse
    from tests.support import builders

    result = evaluate(FormResponse.from_api(builders.response(
        {"province": "อุบลราชธานี", "district": "อำเภอเมืองอุบลราชธานี"}, lao_name=typed)), builders.mapping())
    roster = parse_roster(HEADER + "3401,ขามใหญ่,อบต.,เมืองอุบลราชธานี,อุบลราชธานี\n")
    report = ReportingLao(result.lao_id or "", result.lao_type or "", result.lao_name, result.district,
                          result.province_code or "")
    match = RosterIndex(roster).match(report)
    assert (match.kind, match.lao_code) == ("exact", "3401")
