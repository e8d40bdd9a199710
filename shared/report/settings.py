"""What the office fills in on its memorandum: one TOML file, every key optional.

`infra/report-settings.example.toml` documents each key. Without a file the report is
a draft (ร่าง) addressed as the Ministry's letter asks, dated the day it is generated,
with an empty ที่ and placeholders where the signer signs.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

DEFAULT_AGENCY = "สำนักงาน ก.ถ. สำนักงานปลัดกระทรวงมหาดไทย"
DEFAULT_TO = ("ประธานกรรมการมาตรฐานการบริหารงานบุคคลส่วนท้องถิ่น และประธานกรรมการมาตรฐานทางจริยธรรม "
              "(ผ่านปลัดกระทรวงมหาดไทย)")


class ReportSettings(BaseModel):
    """The memorandum's header, addressee and signer; ``final`` drops the ร่าง mark."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    agency: str = DEFAULT_AGENCY  # ส่วนราชการ
    agency_phone: str = ""  # written after โทร. when given
    number: str = ""  # ที่ (e.g. "มท ๐๘๐๙.๓/๑๒๓"); blank: filled in by hand when the memo is registered
    memo_date: date | None = Field(default=None, alias="date")  # วันที่; none: the day it is generated
    to: str = DEFAULT_TO  # เรียน
    signer_name: str = ""  # the full name, printed in brackets under the signature
    signer_position: str = ""
    final: bool = False  # False: marked ร่าง, because the signer edits the proposals
    garuda_image: Path | None = None  # the office's emblem (PNG or JPEG); its space is kept when absent

    @field_validator("memo_date")
    @classmethod
    def _gregorian(cls, value: date | None) -> date | None:
        if value is not None and value.year > 2400:
            raise ValueError("write the date in the Gregorian calendar (2024-01-05, not 2567-01-05); "
                             "the memo prints it in the Buddhist era")
        return value


def load_settings(path: Path | None) -> ReportSettings:
    """The settings in ``path`` (TOML), or the defaults; a wrong key or value names itself."""
    if path is None:
        return ReportSettings()
    # Notepad saves UTF-8 with a byte-order mark, which TOML does not allow: accept it.
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    settings = ReportSettings.model_validate(tomllib.loads(text))
    if settings.garuda_image is not None and not settings.garuda_image.is_absolute():
        settings = settings.model_copy(update={"garuda_image": path.parent / settings.garuda_image})
    if settings.garuda_image is not None and not settings.garuda_image.is_file():
        raise ValueError(f"garuda_image: no such file: {settings.garuda_image}")
    return settings
