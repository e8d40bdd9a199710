"""`doctor`'s checks against fakes: the failures the local servers cannot produce
(an index still building), and the shape of its lines."""

from datetime import UTC, datetime, timedelta

from google.api_core.exceptions import FailedPrecondition

from shared.domain.timestamps import Instant
from shared.services.doctor import CheckResult, DoctorSetup, OAuthClient, run_checks
from tools.write_form_json import canonical_form

NOW = datetime(2026, 11, 29, 6, 0, tzinfo=UTC)
SETUP = DoctorSetup(project="moi-lao", form_id="f1", forms_identity="forms-reader@moi-lao.iam.gserviceaccount.com",
                    sender="digest@moi.go.th")


class Firestore:
    def __init__(self, index_error=None):
        self.index_error = index_error

    def ping(self):
        pass

    def probe_edited_query(self, day):
        if self.index_error:
            raise self.index_error


class Forms:
    def get_form(self):
        return canonical_form()

    def first_responses(self, count=1):
        return []

    def list_watches(self):
        expiry = Instant.from_datetime(NOW + timedelta(days=6)).rfc3339()
        return [{"eventType": t, "state": "ACTIVE", "expireTime": expiry} for t in ("RESPONSES", "SCHEMA")]


SENT: list[bytes] = []


class Mail:
    def check_token(self):
        return "obtained"

    def send(self, raw):
        SENT.append(raw)
        return "g1"


def results(setup=SETUP, firestore=None, test_message=None):
    firestore = firestore or Firestore()
    return {r.name: r for r in run_checks(setup, firestore, firestore, Forms(), Mail, NOW, test_message)}


def test_everything_ready_gives_one_ok_line_per_check():
    checks = results()
    assert all(c.ok for c in checks.values()), checks
    assert checks["watch SCHEMA"].line().startswith("ok      watch SCHEMA: ACTIVE, expires 2026-12-05")


def test_an_index_still_building_fails_its_check_with_the_terraform_fix():
    building = FailedPrecondition("The query requires an index. That index is currently building.")
    check = results(firestore=Firestore(building))["digest index ready"]
    assert not check.ok and "FailedPrecondition" in check.detail
    assert check.line().startswith("FAILED  digest index ready: ") and "edited_on_day" in check.line()


def test_an_oauth_client_is_checked_against_the_project_number():
    clients = (OAuthClient("Forms", "111-a.apps.googleusercontent.com"),
               OAuthClient("Gmail", "222-b.apps.googleusercontent.com"))
    setup = DoctorSetup(**{**SETUP.__dict__, "oauth_clients": clients, "project_number": lambda: "111"})
    checks = results(setup)
    assert checks["Forms OAuth client belongs to moi-lao"].ok
    assert not checks["Gmail OAuth client belongs to moi-lao"].ok


def test_the_test_message_is_sent_only_when_asked():
    SENT.clear()
    results()
    assert SENT == []
    assert results(test_message=lambda: b"hello")["test message to digest@moi.go.th"].ok
    assert SENT == [b"hello"]


def test_a_failed_line_carries_its_fix_on_the_same_line():
    line = CheckResult("x", False, "broken", "do this").line()
    assert line == "FAILED  x: broken -> fix: do this" and "\n" not in line
