import pytest

from shared.domain.geography import REGIONS, all_provinces, is_known_district, region_of, resolve_province
from shared.domain.phone import Phone, parse_thai_phone


def test_there_are_77_provinces_with_iso_codes():
    provinces = all_provinces()
    assert len(provinces) == 77
    assert {p.code for p in provinces} >= {"TH-10", "TH-40", "TH-96"}


def test_every_province_is_in_exactly_one_of_the_six_regions():
    codes = [code for region in REGIONS.values() for code in region]
    assert sorted(f"TH-{c}" for c in codes) == [p.code for p in all_provinces()]
    assert {region: len(codes) for region, codes in REGIONS.items()} == {
        "ภาคเหนือ": 9, "ภาคตะวันออกเฉียงเหนือ": 20, "ภาคกลาง": 22, "ภาคตะวันออก": 7, "ภาคตะวันตก": 5, "ภาคใต้": 14}
    assert (region_of("TH-10"), region_of("TH-38"), region_of("TH-60"), region_of("TH-63")) == (
        "ภาคกลาง", "ภาคตะวันออกเฉียงเหนือ", "ภาคกลาง", "ภาคตะวันตก")


@pytest.mark.parametrize(
    ("written", "code"),
    [("ขอนแก่น", "TH-40"), ("จังหวัดขอนแก่น", "TH-40"), ("จ. ขอนแก่น", "TH-40"), ("KHON KAEN", "TH-40"),
     ("กรุงเทพฯ", "TH-10"), ("กทม.", "TH-10"), ("กรุงเทพ", "TH-10"), ("Bangkok", "TH-10"),
     ("Chonburi", "TH-20"), ("Chon Buri", "TH-20"), ("อยุธยา", "TH-14"), ("โคราช", "TH-30"),
     ("ศรีสระเกษ", "TH-33"), ("phangnga", "TH-82"), ("Phang-nga", "TH-82")],
)
def test_provinces_resolve_from_thai_english_and_aliases(written, code):
    province = resolve_province(written)
    assert province is not None and province.code == code


@pytest.mark.parametrize("written", ["", "   ", "จังหวัดสมมุติ", "Atlantis"])
def test_unknown_provinces_do_not_resolve(written):
    assert resolve_province(written) is None


def test_districts_are_checked_within_their_province():
    assert is_known_district("TH-40", "เมืองขอนแก่น")
    assert is_known_district("TH-10", "บางรัก")  # Bangkok's เขต
    assert not is_known_district("TH-40", "บางรัก")


@pytest.mark.parametrize(
    ("written", "expected"),
    [("081-234-5678", Phone("+66812345678", None)), ("๐๘๑-๒๓๔-๕๖๗๘", Phone("+66812345678", None)),
     ("+66 81 234 5678", Phone("+66812345678", None)), ("02 222 2149", Phone("+6622222149", None)),
     ("0-5453-4119 ต่อ 202", Phone("+6654534119", "202")), ("043-123456 #12", Phone("+6643123456", "12")),
     ("081 234 5678 ext. 9", Phone("+66812345678", "9")), ("๐-๕๔๕๓-๔๑๑๙ ต่อ ๒๐๒", Phone("+6654534119", "202"))],
)
def test_thai_phone_numbers_are_stored_as_e164_with_the_extension_apart(written, expected):
    assert parse_thai_phone(written) == expected


@pytest.mark.parametrize("written", ["", "1111", "12345", "0123456789", "+1 650 253 0000", "081-234-567", "โทร"])
def test_numbers_that_are_not_thai_fixed_lines_or_mobiles_are_rejected(written):
    assert parse_thai_phone(written) is None
