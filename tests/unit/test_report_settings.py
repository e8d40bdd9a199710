"""The memo's settings file: what an office writes is taken, what it gets wrong is named."""

from datetime import date

import pytest
from pydantic import ValidationError

from shared.report.settings import ReportSettings, load_settings


def test_without_a_file_the_memo_is_a_draft_addressed_as_the_letter_asks():
    settings = load_settings(None)
    assert settings == ReportSettings() and not settings.final and settings.number == ""


def test_a_file_saved_by_notepad_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "memo.toml"
    path.write_bytes('\ufeffnumber = "มท ๐๒๐๙.๖/๑"\ndate = "2024-01-05"\n'.encode())
    settings = load_settings(path)
    assert (settings.number, settings.memo_date) == ("มท ๐๒๐๙.๖/๑", date(2024, 1, 5))


def test_a_buddhist_era_date_is_refused_with_what_to_write_instead(tmp_path):
    path = tmp_path / "memo.toml"
    path.write_text('date = "2567-01-05"\n', encoding="utf-8")
    with pytest.raises(ValidationError, match="2024-01-05, not 2567-01-05"):
        load_settings(path)


def test_an_emblem_that_is_not_there_is_named(tmp_path):
    path = tmp_path / "memo.toml"
    path.write_text('garuda_image = "garuda.png"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="garuda_image: no such file"):
        load_settings(path)
    (tmp_path / "garuda.png").write_bytes(b"\x89PNG")
    assert load_settings(path).garuda_image == tmp_path / "garuda.png"


def test_the_documented_example_loads_as_it_ships():
    from pathlib import Path

    assert load_settings(Path(__file__).parents[2] / "infra" / "report-settings.example.toml") == ReportSettings()
