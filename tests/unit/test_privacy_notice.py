"""The form's privacy notice says what the system does (PDPA section 23), and promises the
retention period that `purge-contacts` enforces by default."""

from pathlib import Path

import hcl2

from shared.config import IngestSettings
from shared.domain.retention import DEFAULT_RETENTION_DAYS
from tools.write_form_json import PRIVACY_CONTACT_PATH, canonical_form, privacy_notice

TERRAFORM = Path(__file__).resolve().parents[2] / "infra" / "terraform" / "variables.tf"


def notice():
    return canonical_form()["items"][0]["description"]


def test_the_notice_names_purposes_basis_recipients_retention_rights_and_a_contact():
    text = notice()
    for required in ("ก.ถ.", "ก.ม.จ.", "มาตรา 24 (4)", "สำนักงาน ก.พ.", "Google", "สิงคโปร์",
                     f"{DEFAULT_RETENTION_DAYS:,} วันนับแต่วันที่ส่งแบบรายงานครั้งแรก",
                     "ขอเข้าถึงและขอรับสำเนา", "แก้ไข", "ลบหรือทำลาย", "ระงับการใช้", "คัดค้าน", "ร้องเรียน"):
        assert required in text, required
    assert text.endswith("ช่องทางติดต่อ: " + PRIVACY_CONTACT_PATH.read_text(encoding="utf-8").strip())


def test_the_promised_retention_is_what_the_purge_job_uses_by_default():
    variables = {name: spec for block in hcl2.loads(TERRAFORM.read_text())["variable"] for name, spec in block.items()}
    assert variables['"contact_retention_days"']["default"] == DEFAULT_RETENTION_DAYS
    assert IngestSettings.model_fields["contact_retention_days"].default == DEFAULT_RETENTION_DAYS


def test_another_contact_or_period_changes_the_notice():
    assert "ช่องทางติดต่อ: DPO โทร. 02" in privacy_notice("DPO โทร. 02", 730)
    assert "730 วัน" in privacy_notice("x", 730)
