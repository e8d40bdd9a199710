"""The Terraform, held against the code (no terraform binary can run here).

Parsed with python-hcl2; what it cannot evaluate (merge(), conditionals) is read
as text, which is enough to name every environment variable a function gets.
"""

import ast
import re
from pathlib import Path

import hcl2
import pytest

from shared.config import DigestSettings, IngestSettings, WatchSettings

TERRAFORM = Path(__file__).resolve().parents[2] / "infra" / "terraform"
FUNCTIONS = Path(__file__).resolve().parents[2] / "functions"
SETTINGS = {"ingest": IngestSettings, "reconcile": IngestSettings, "watch_renewal": WatchSettings,
            "digest": DigestSettings}
SET_FOR_ALL = {"GOOGLE_CLOUD_PROJECT", "COUNTER_SHARDS"}  # the function resource adds these to each
NEEDED_IN_PRODUCTION = {"digest": {"DIGEST_SENDER", "DIGEST_RECIPIENTS", "GMAIL_AUTH"}}


def _unquote(value):
    if isinstance(value, str):
        return value.strip('"')
    if isinstance(value, dict):
        return {_unquote(k): _unquote(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unquote(v) for v in value]
    return value


@pytest.fixture(scope="module")
def tf():
    merged = {"resource": {}, "locals": {}, "text": ""}
    for path in sorted(TERRAFORM.glob("*.tf")):
        text = path.read_text(encoding="utf-8")
        merged["text"] += text
        parsed = _unquote(hcl2.loads(text))
        for block in parsed.get("resource", []):
            for kind, named in block.items():
                merged["resource"].setdefault(kind, {}).update(named)
        for block in parsed.get("locals", []):
            merged["locals"].update(block)
    return merged


def _env_names(expression, locals_, seen=()):
    names = set(re.findall(r"\b([A-Z][A-Z0-9_]+)\s*=", expression))
    for ref in re.findall(r"local\.(\w+)", expression):
        if ref not in seen:
            names |= _env_names(str(locals_[ref]), locals_, (*seen, ref))
    return names


def _entry_points(main_py):
    tree = ast.parse(main_py.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and node.decorator_list}


def test_every_deployed_function_has_its_entry_point_in_its_bundle_source(tf):
    functions = tf["locals"]["functions"]
    assert set(functions) == set(SETTINGS)
    for name, config in functions.items():
        assert config["entry_point"] in _entry_points(FUNCTIONS / name / "main.py"), name


def test_every_function_gets_the_variables_its_settings_require_and_no_unknown_ones(tf):
    for name, config in tf["locals"]["functions"].items():
        given = _env_names(str(config["env"]), tf["locals"]) | _env_names(str(config["secret_env"]), tf["locals"])
        given |= SET_FOR_ALL
        fields = SETTINGS[name].model_fields.values()
        required = {f.alias for f in fields if f.is_required()} | NEEDED_IN_PRODUCTION.get(name, set())
        known = {f.alias for f in fields}
        assert required <= given, f"{name} lacks {required - given}"
        assert given <= known, f"{name} gets variables its settings do not read: {given - known}"


def test_scheduler_jobs_run_in_bangkok_time_with_oidc(tf):
    jobs = tf["resource"]["google_cloud_scheduler_job"]
    for job in jobs.values():
        assert job["time_zone"] == "Asia/Bangkok"
        assert job["http_target"][0]["oidc_token"][0]["service_account_email"]
    schedules = tf["locals"]["jobs"]
    assert set(schedules) == {"reconcile", "digest", "digest-check", "watch-renewal"}
    assert schedules["digest-check"]["schedule"] == "0 9 * * *"


def test_ingest_failures_are_retried_and_end_in_the_dead_letter_topic(tf):
    push = tf["resource"]["google_pubsub_subscription"]["ingest_push"]
    assert 'fn["ingest"]' in push["push_config"][0]["push_endpoint"]
    assert push["push_config"][0]["oidc_token"][0]["service_account_email"]
    assert push["retry_policy"][0]["maximum_backoff"] == "600s"
    policy = push["dead_letter_policy"][0]
    assert "dead_letters" in policy["dead_letter_topic"] and 5 <= policy["max_delivery_attempts"] <= 100
    publisher = tf["resource"]["google_pubsub_topic_iam_member"]["forms_publishes"]
    assert publisher["member"] == "serviceAccount:forms-notifications@system.gserviceaccount.com"


def test_no_function_can_be_invoked_without_authentication(tf):
    assert not re.search(r'"(allUsers|allAuthenticatedUsers)"', tf["text"])
    fn = tf["resource"]["google_cloudfunctions2_function"]["fn"]
    assert fn["service_config"][0]["ingress_settings"] == "ALLOW_INTERNAL_ONLY"
    for binding in tf["resource"]["google_cloud_run_service_iam_member"].values():
        assert binding["member"].startswith("serviceAccount:${google_service_account.")


def test_each_function_runs_as_its_own_service_account_and_builds_without_the_default_one(tf):
    fn = tf["resource"]["google_cloudfunctions2_function"]["fn"]
    assert "google_service_account.function[" in fn["service_config"][0]["service_account_email"]
    assert "google_service_account.builder" in fn["build_config"][0]["service_account"]
    assert "compute@developer.gserviceaccount.com" not in tf["text"]
    accounts = tf["locals"]["function_accounts"]
    assert {c["account"] for c in tf["locals"]["functions"].values()} == set(accounts)


def test_firestore_has_recovery_protection_a_backup_and_the_digest_index(tf):
    database = tf["resource"]["google_firestore_database"]["main"]
    assert database["point_in_time_recovery_enablement"] == "POINT_IN_TIME_RECOVERY_ENABLED"
    assert database["delete_protection_state"] == "DELETE_PROTECTION_ENABLED"
    assert database["location_id"] == "${var.firestore_location}"
    assert "daily" in tf["resource"]["google_firestore_backup_schedule"]
    index = tf["resource"]["google_firestore_index"]["edited_on_day"]
    assert [f["field_path"] for f in index["fields"]] == ["last_submitted_date", "submission_date"]


def test_bundles_are_uploaded_under_their_content_hash(tf):
    bundle = tf["resource"]["google_storage_bucket_object"]["bundle"]
    assert "filesha256(" in bundle["name"]


def test_every_checkov_skip_says_why(tf):
    skips = re.findall(r"checkov:skip=([A-Z_0-9]+)(?::(.*))?", tf["text"])
    assert skips, "no skips found: update this test if all were removed"
    for check, reason in skips:
        assert reason and len(reason.strip()) >= 40, f"{check} is skipped without a written reason"
