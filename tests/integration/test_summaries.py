"""The summaries read model on the Firestore emulator: written whole, never over newer data,
refreshed only when the data moved, and checked against a recount."""

from datetime import UTC, date, datetime

import pytest

from shared.adapters import firestore_summaries
from shared.adapters.documents import SUMMARY_LAOS
from shared.adapters.firestore_digest import FirestoreDigestReader
from shared.adapters.firestore_roster import FirestoreRoster
from shared.adapters.firestore_summaries import SUMMARIES, FirestoreSummaries
from shared.digest.service import Addressing, collect
from shared.domain.summaries import DataVersion, summary_documents
from shared.services.ingest import ingest_responses
from shared.services.roster import load_roster
from shared.services.summaries import check_summaries, compute_now, refresh_summaries
from tests.support import builders
from tests.support.roster import simple_csv

pytestmark = pytest.mark.emulator
DIGEST_ADDRESSING = Addressing("digest@moi.go.th", ["kor-thor@moi.go.th"])
NOW = datetime(2024, 1, 6, 1, 0, tzinfo=UTC)
ROSTER = [
    {"lao_code": "4001", "name": "บ้านเหล่า", "lao_type": "sao", "district": "เมืองขอนแก่น", "province": "TH-40"},
    {"lao_code": "4002", "name": "โนนสูง", "lao_type": "sao", "district": "เมืองขอนแก่น", "province": "TH-40"},
    {"lao_code": "4003", "name": "ท่าพระ", "lao_type": "sao", "district": "เมืองขอนแก่น", "province": "TH-40"},
]


@pytest.fixture
def summaries(stack, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text(simple_csv(ROSTER), encoding="utf-8")
    load_roster(path, FirestoreRoster(stack.store._db))
    ingest_responses([builders.response(lao_name="บ้านเหล่า", response_id="one"),
                      builders.response(lao_name="ไม่มีในทะเบียน", response_id="two")],
                     stack.store, stack.mappings)
    return FirestoreSummaries(stack.store._db)


def stored(stack):
    return {s.id: s.to_dict() for s in stack.store._db.collection(SUMMARIES).stream()}


def test_a_refresh_writes_the_national_and_every_province_document_with_the_rate_and_nonresponders(
        stack, summaries):
    result = refresh_summaries(summaries, NOW, only_if_moved=False)
    assert result.refreshed and result.version.changes == 2
    documents = stored(stack)
    assert len(documents) == 78  # national + 77 provinces, Bangkok included
    khon_kaen = documents["TH-40"]
    assert khon_kaen["province_name"] == "ขอนแก่น"
    assert (khon_kaen["laos_reporting"], khon_kaen["roster_total"], khon_kaen["roster_reported"],
            khon_kaen["nonresponders"], khon_kaen["unmatched_reports"]) == (2, 3, 1, 2, 1)
    assert khon_kaen["reported_percent"] == 66.7  # 2 of 3, one decimal, half up
    assert khon_kaen["nonresponder_laos"] == [
        {"district": "เมืองขอนแก่น", "lao_type": "องค์การบริหารส่วนตำบล", "name": "ท่าพระ", "lao_code": "4003"},
        {"district": "เมืองขอนแก่น", "lao_type": "องค์การบริหารส่วนตำบล", "name": "โนนสูง", "lao_code": "4002"}]
    national = documents["national"]
    assert (national["laos_reporting"], national["responses_valid"], national["roster_total"]) == (2, 2, 3)
    assert documents["TH-10"]["roster_total"] == 0 and documents["TH-10"]["reported_percent"] is None


def test_the_stored_documents_equal_what_summary_json_prints(stack, summaries):
    refresh_summaries(summaries, NOW, only_if_moved=False)
    computed = compute_now(summaries, NOW)
    expected = summary_documents(computed.figures, computed.version)
    documents = stored(stack)
    for doc_id, fields in expected.items():
        assert {k: v for k, v in documents[doc_id].items() if k != "computed_at"} == \
            {k: v for k, v in fields.items() if k != "computed_at"}, doc_id


def test_nothing_is_rewritten_until_the_data_moves(stack, summaries):
    refresh_summaries(summaries, NOW, only_if_moved=False)
    assert refresh_summaries(summaries, NOW, only_if_moved=True).reason == "unchanged"
    ingest_responses([builders.response(lao_name="โนนสูง", response_id="three")], stack.store, stack.mappings)
    again = refresh_summaries(summaries, NOW, only_if_moved=True)
    assert again.refreshed and stored(stack)["TH-40"]["roster_reported"] == 2


def test_a_refresh_computed_from_older_data_never_replaces_a_newer_one(stack, summaries):
    refresh_summaries(summaries, NOW, only_if_moved=False)
    newer = stored(stack)["national"]["data_version"]
    assert not summaries.replace({"national": {"data_version": newer - 1}}, DataVersion(newer - 1, None), [])
    assert stored(stack)["national"]["data_version"] == newer


def test_the_recount_check_finds_a_summary_that_disagrees(stack, summaries):
    refresh_summaries(summaries, NOW, only_if_moved=False)
    assert check_summaries(summaries, NOW).consistent and check_summaries(summaries, NOW).compared
    stack.store._db.collection(SUMMARIES).document("TH-40").update({"laos_reporting": 5})
    check = check_summaries(summaries, NOW)
    assert check.compared and check.differences == {"TH-40": ["laos_reporting"]}


def test_the_recount_check_finds_an_lao_snapshot_entry_that_disagrees_with_its_record(stack, summaries):
    refresh_summaries(summaries, NOW, only_if_moved=False)
    lao_id = next(iter(summaries.stored_laos()))
    stack.store._db.collection(SUMMARY_LAOS).document("part-000").update({f"`laos`.`{lao_id}`.name": "อื่น"})
    check = check_summaries(summaries, NOW)
    assert check.compared and check.differences == {"summary_laos": [lao_id]}


def test_a_summary_of_an_older_data_version_is_not_compared(stack, summaries):
    refresh_summaries(summaries, NOW, only_if_moved=False)
    ingest_responses([builders.response(lao_name="โนนสูง", response_id="three")], stack.store, stack.mappings)
    assert not check_summaries(summaries, NOW).compared


def test_the_digest_reads_the_refreshed_lao_snapshot_and_the_records_once_the_data_moved(stack, summaries):
    reader = FirestoreDigestReader(stack.store._db)
    day = date(2024, 1, 5)
    refresh_summaries(summaries, NOW, only_if_moved=False)
    from_snapshot = collect(reader, day, NOW, DIGEST_ADDRESSING)
    assert reader.reads < 40  # a snapshot part, not the LAO records
    assert sorted((r.lao_id, r.province_name, r.record) for r in from_snapshot.laos) == \
        sorted((r.lao_id, r.province_name, r.record) for r in reader.lao_reports(contacts=False))

    ingest_responses([builders.response(lao_name="โนนสูง", response_id="three")], stack.store, stack.mappings)
    moved = collect(reader, day, NOW, DIGEST_ADDRESSING)  # not refreshed: the records are read
    assert len(moved.laos) == len(from_snapshot.laos) + 1
    assert moved.now.national.laos_reporting == 3


def test_a_snapshot_of_fewer_parts_leaves_no_stale_part_behind(stack, summaries, monkeypatch):
    monkeypatch.setattr(firestore_summaries, "LAOS_PER_PART", 1)
    refresh_summaries(summaries, NOW, only_if_moved=False)
    assert [s.id for s in stack.store._db.collection(SUMMARY_LAOS).stream()] == ["part-000", "part-001"]
    monkeypatch.setattr(firestore_summaries, "LAOS_PER_PART", 2)
    refresh_summaries(summaries, NOW, only_if_moved=False)
    assert [s.id for s in stack.store._db.collection(SUMMARY_LAOS).stream()] == ["part-000"]
    snapshot = FirestoreDigestReader(stack.store._db).lao_snapshot()
    assert snapshot is not None and len(snapshot.laos) == 2
