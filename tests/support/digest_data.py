"""DigestData built by hand, for tests of the pure digest code."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from shared.digest.model import DigestData, FollowUpRow, LaoReports, ReportRow, WatchHealth
from shared.domain.counting import LaoRecord, Member

_ids = itertools.count(1)


def row(when: str = "2024-01-05T03:00:00+00:00", **changes: Any) -> ReportRow:
    moment = datetime.fromisoformat(when)
    base = ReportRow(
        response_id=f"r{next(_ids):04d}", created=moment, last_submitted=moment, submission_date="2024-01-05",
        last_submitted_date="2024-01-05", valid=True, lao_type="sao", lao_name="บ้านเหล่า", district="เมืองขอนแก่น",
        province_code="TH-40", province_name="ขอนแก่น", status="not_reported", problems=("too_many_forms",),
        other_problem_text="", problem_details="", suggestions="", invalid_reasons=(), warnings=(),
        reporter={"name": "สมชาย ใจดี", "position": "ปลัด", "phone_e164": "+66812345678", "phone_extension": None,
                  "email": "somchai@example.go.th"},
    )
    return replace(base, **changes)


def lao(name: str, province_code: str = "TH-40", province_name: str = "ขอนแก่น", *, status: str = "not_reported",
        problems: tuple[str, ...] = ("too_many_forms",), submitted: str = "2024-01-05", **changes: Any) -> LaoReports:
    """An LAO with one counted report, first submitted on ``submitted``."""
    record = LaoRecord(f"{province_code}:x:sao:{name}", "sao",
                       {f"r-{name}": Member(1, status, problems, province_code, submitted)})
    base = LaoReports(
        lao_id=record.lao_id, lao_type="sao", name=name, district="เมือง", province_name=province_name,
        record=record,
        reporter={"name": "สมชาย ใจดี", "position": "ปลัด", "phone_e164": "+66812345678", "phone_extension": None,
                  "email": "somchai@example.go.th"},
    )
    return replace(base, **changes)


def follow_up(response_id: str = "bad1", reasons: tuple[str, ...] = ("district_missing",),
              when: str = "2024-01-05T04:00:00+00:00", **changes: Any) -> FollowUpRow:
    moment = datetime.fromisoformat(when)
    base = FollowUpRow(
        response_id=response_id, created=moment, last_submitted=moment, submission_date="2024-01-05",
        lao_type="sao", lao_name="โนนสูง", district="", province_name="ขอนแก่น",
        typed={"lao_name": "อบต.โนนสูง", "lao_type": "องค์การบริหารส่วนตำบล", "province": "ขอนแก่น"},
        reasons=reasons,
    )
    return replace(base, **changes)


def data(day: date = date(2024, 1, 5), **changes: Any) -> DigestData:
    base = DigestData(
        day=day, built_at=datetime(2024, 1, 6, 1, 0, tzinfo=UTC),
        counters={"responses.total": 3, "responses.valid": 2, "responses.invalid": 1, "laos_reporting": 2,
                  "by_problem.too_many_forms": 2, "by_province.TH-40": 1, "by_province.TH-54": 1,
                  "by_lao_type.sao": 2, "by_status.not_reported": 2, "by_submission_date.2024-01-05": 3},
        created_on_day=[row()], edited_on_day=[], edited_day_before=0,
        invalid=[follow_up()],
        warned=[follow_up("warn1", ("phone_invalid",), district="เมืองขอนแก่น")],
        laos=[lao("บ้านเหล่า"), lao("แม่ทราย", "TH-54", "แพร่")], reconcile=None,
        watches=[WatchHealth("RESPONSES", "ACTIVE", "2024-01-12T01:00:00Z", None),
                 WatchHealth("SCHEMA", "ACTIVE", "2024-01-12T01:00:00Z", None)],
        form_id="FORM123",
    )
    return replace(base, **changes)
