"""The roster on the Firestore emulator: loaded and replaced atomically, refused
whole when a row is bad, and coverage read against the LAOs as ingestion stores them."""

import threading

import pytest

from shared.adapters.firestore_roster import CHUNKS, FirestoreRoster
from shared.domain.roster import RosterRejected, parse_roster
from shared.services.ingest import ingest_responses
from shared.services.roster import load_roster, read_coverage
from tests.support import builders
from tests.support.roster import generated_roster, simple_csv

pytestmark = pytest.mark.emulator


@pytest.fixture
def roster(stack):
    return FirestoreRoster(stack.store._db)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_reload_replaces_the_roster_whole_and_says_what_changed(stack, roster, tmp_path):
    rows = generated_roster(4_500)  # three chunk documents
    assert read_coverage(roster) is None  # no roster: coverage is unknown, not zero
    first = load_roster(write(tmp_path, "a.csv", simple_csv(rows)), roster)
    assert first.summary() == {"added": 4_500, "removed": 0, "renamed": 0}
    changed = [*rows[1:], {**rows[1], "lao_code": "9999999", "name": "ใหม่ล่าสุด"}]
    changed[5] = {**changed[5], "name": changed[5]["name"] + "ใหม่"}
    second = load_roster(write(tmp_path, "b.csv", simple_csv(changed)), roster)
    assert second.summary() == {"added": 1, "removed": 1, "renamed": 1}
    assert roster.roster() == parse_roster(simple_csv(changed))
    versions = {d.get("version") for d in stack.store._db.collection(CHUNKS).stream()}
    assert len(versions) == 1  # the old version's chunks are gone


def test_a_bad_file_loads_nothing_and_the_roster_before_it_stays(roster, tmp_path):
    load_roster(write(tmp_path, "good.csv", simple_csv(generated_roster(50))), roster)
    before = roster.roster()
    bad = simple_csv(generated_roster(50)) + "77,,sao,เมือง,TH-40\n"
    with pytest.raises(RosterRejected, match="line 52: no LAO name"):
        load_roster(write(tmp_path, "bad.csv", bad), roster)
    assert roster.roster() == before


def test_coverage_counts_the_roster_laos_with_a_stored_report(stack, roster, tmp_path):
    rows = [{"lao_code": "4001", "name": "บ้านเหล่า", "lao_type": "sao", "district": "เมืองขอนแก่น",
             "province": "TH-40"},
            {"lao_code": "4002", "name": "โนนสูง", "lao_type": "sao", "district": "เมืองขอนแก่น",
             "province": "TH-40"}]
    load_roster(write(tmp_path, "r.csv", simple_csv(rows)), roster)
    ingest_responses([builders.response(lao_name="อบต.บ้าน เหล่า", response_id="one"),
                      builders.response(lao_name="อบต.ที่ไม่มีในทะเบียน", response_id="two")],
                     stack.store, stack.mappings)
    coverage = read_coverage(roster)
    assert coverage == {"roster_total": 2, "reported": 1, "by_province": {"TH-40": {"roster": 2, "reported": 1}},
                        "by_lao_type": {"sao": {"roster": 2, "reported": 1}}, "unmatched_reports": 1}


def test_reloading_the_roster_while_responses_arrive_keeps_coverage_exact(stack, roster, tmp_path):
    names = [f"นาดี{n}" for n in range(40)]
    rows = [{"lao_code": str(5000 + n), "name": name, "lao_type": "sao", "district": "เมืองขอนแก่น",
             "province": "TH-40"} for n, name in enumerate(names)]
    path = write(tmp_path, "r.csv", simple_csv(rows))
    stop = threading.Event()

    def reload_again_and_again():
        while not stop.is_set():
            load_roster(path, roster)

    reloader = threading.Thread(target=reload_again_and_again)
    reloader.start()
    try:
        for n, name in enumerate(names[:25]):
            ingest_responses([builders.response(lao_name=f"อบต.{name}", response_id=f"r{n}")],
                             stack.store, stack.mappings)
            assert read_coverage(roster)["reported"] == n + 1
    finally:
        stop.set()
        reloader.join(60)
    assert read_coverage(roster)["reported"] == 25
