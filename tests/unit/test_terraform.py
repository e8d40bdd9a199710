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
        return {_unquote(k): _unquote(v) for k, v in value.items() if k != "__comments__"}
    if isinstance(value, list):
        return [_unquote(v) for v in value]
    return value


@pytest.fixture(scope="module")
def tf():
    merged = {"resource": {}, "data": {}, "locals": {}, "variable": {}, "provider": {}, "terraform": {}, "text": ""}
    for path in sorted(TERRAFORM.glob("*.tf")):
        text = path.read_text(encoding="utf-8")
        merged["text"] += text
        parsed = _unquote(hcl2.loads(text))
        for section in ("resource", "data"):
            for block in parsed.get(section, []):
                for kind, named in block.items():
                    merged[section].setdefault(kind, {}).update(named)
        for section in ("locals", "variable", "provider", "terraform"):
            for block in parsed.get(section, []):
                merged[section].update(block)
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
    assert set(schedules) == {"reconcile", "digest", "digest-check", "watch-renewal", "purge-contacts"}
    assert schedules["purge-contacts"]["path"] == "?mode=purge-contacts"
    assert tf["locals"]["job_function"]["purge-contacts"] == "reconcile"
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


def test_the_consoles_query_of_provinces_by_rate_has_its_composite_index(tf):
    index = tf["resource"]["google_firestore_index"]["summaries_by_rate"]
    assert index["collection"] == "summaries"
    assert [(f["field_path"], f["order"]) for f in index["fields"]] == [("kind", "ASCENDING"),
                                                                        ("reported_percent", "ASCENDING")]


def test_bundles_are_uploaded_under_their_content_hash(tf):
    bundle = tf["resource"]["google_storage_bucket_object"]["bundle"]
    assert "filesha256(" in bundle["name"]


def test_every_checkov_skip_says_why(tf):
    skips = re.findall(r"checkov:skip=([A-Z_0-9]+)(?::(.*))?", tf["text"])
    assert skips, "no skips found: update this test if all were removed"
    for check, reason in skips:
        assert reason and len(reason.strip()) >= 40, f"{check} is skipped without a written reason"


# --- a fresh project: every rule below was a finding of the review against the provider and Google's docs ---

def _references(block):
    """Every resource or data source a block names: by reference or in depends_on."""
    text = str(block)
    refs = {f"data.{kind}.{name}" for kind, name in re.findall(r"\bdata\.(google_\w+)\.(\w+)", text)}
    refs |= {f"{kind}.{name}" for kind, name in re.findall(r"(?<!data\.)\b((?:google|time)_\w+)\.(\w+)", text)}
    return refs


def test_every_resource_waits_for_api_enablement_directly_or_through_what_it_references(tf):
    blocks = {f"{kind}.{name}": block for kind, named in tf["resource"].items() for name, block in named.items()}
    blocks |= {f"data.{kind}.{name}": block for kind, named in tf["data"].items() for name, block in named.items()}
    enabled = "google_project_service.enabled"

    def waits(address, seen=()):
        refs = _references(blocks[address]) & set(blocks)
        return enabled in refs or any(waits(ref, (*seen, address)) for ref in refs - {*seen, address})

    late = [address for address in blocks if address != enabled and not waits(address)]
    assert not late, f"these do not wait for the APIs they need: {late}"


def test_the_apis_a_new_project_lacks_are_enabled(tf):
    services = set(tf["locals"]["services"])
    assert {"iam.googleapis.com", "cloudresourcemanager.googleapis.com", "pubsub.googleapis.com",
            "firebaserules.googleapis.com", "secretmanager.googleapis.com"} <= services


def test_the_rules_release_names_its_ruleset_by_the_full_id(tf):
    release = tf["resource"]["google_firebaserules_release"]["firestore"]
    assert release["ruleset_name"] == "${google_firebaserules_ruleset.firestore.id}"


def test_requests_are_billed_to_this_project_so_the_rules_api_accepts_a_users_login(tf):
    provider = tf["provider"]["google"]
    assert provider["user_project_override"] is True
    assert provider["billing_project"] == "${var.project_id}"


def test_the_builder_has_the_documented_roles_and_functions_wait_for_them_to_propagate(tf):
    roles = tf["resource"]["google_project_iam_member"]["builder"]["for_each"]
    assert set(re.findall(r"roles/[\w.]+", roles)) == {
        "roles/logging.logWriter", "roles/artifactregistry.writer", "roles/storage.objectAdmin"}
    wait = tf["resource"]["time_sleep"]["builder_roles_propagate"]
    assert int(wait["create_duration"].rstrip("s")) >= 60
    assert wait["depends_on"] == ["${google_project_iam_member.builder}"]
    depends = tf["resource"]["google_cloudfunctions2_function"]["fn"]["depends_on"]
    assert "${time_sleep.builder_roles_propagate}" in depends


def test_functions_are_created_after_their_accounts_may_read_the_secrets_they_name(tf):
    depends = set(tf["resource"]["google_cloudfunctions2_function"]["fn"]["depends_on"])
    grants = {f"${{google_secret_manager_secret_iam_member.{name}}}"
              for name in tf["resource"]["google_secret_manager_secret_iam_member"]}
    assert grants and grants <= depends


def test_the_pubsub_service_agent_gets_no_token_creator_grant(tf):
    for kind in ("google_service_account_iam_member", "google_project_iam_member"):
        for name, grant in tf["resource"].get(kind, {}).items():
            assert not (grant["member"] == "${local.pubsub_agent}"
                        and grant["role"] == "roles/iam.serviceAccountTokenCreator"), name


def _validation_holds(condition, variables):
    """Evaluate a validation condition of the form used here (==, !=, ||, &&, endswith)."""
    expression = condition.removeprefix("${").removesuffix("}")
    expression = re.sub(r"\bvar\.(\w+)", r"var['\1']", expression)
    expression = expression.replace("||", " or ").replace("&&", " and ")
    return eval(expression, {"endswith": str.endswith, "var": variables})  # test-only, our own files


@pytest.mark.parametrize("product", ["forms", "gmail"])
def test_a_refresh_token_mode_without_its_oauth_client_id_is_refused_at_plan_time(tf, product):
    auth, client = f"{product}_auth", f"{product}_oauth_client_id"
    (validation,) = tf["variable"][client]["validation"]
    other_mode = "service_account" if product == "forms" else "delegation"
    assert not _validation_holds(validation["condition"], {auth: "refresh_token", client: ""})
    assert _validation_holds(validation["condition"], {auth: "refresh_token", client: "1-a.apps.googleusercontent.com"})
    assert _validation_holds(validation["condition"], {auth: other_mode, client: ""})
    assert tf["terraform"]["required_version"] == ">= 1.9"  # validations that name another variable


def test_state_lives_in_a_gcs_backend(tf):
    (backend,) = tf["terraform"]["backend"]
    assert "gcs" in backend


def test_pushes_the_ingest_function_does_not_acknowledge_raise_an_alert(tf):
    policy = tf["resource"]["google_monitoring_alert_policy"]["push_not_acknowledged"]
    condition = policy["conditions"][0]["condition_threshold"][0]
    assert "pubsub.googleapis.com/subscription/push_request_count" in condition["filter"]
    assert 'metric.labels.response_class!=\\"ack\\"' in condition["filter"]
    assert "google_pubsub_subscription.ingest_push.name" in condition["filter"]
    assert condition["aggregations"][0]["per_series_aligner"] == "ALIGN_SUM"  # a DELTA metric


def test_a_missing_digest_raises_exactly_one_alert(tf):
    matching = []
    for name, policy in tf["resource"]["google_monitoring_alert_policy"].items():
        log = policy["conditions"][0].get("condition_matched_log")
        if not log:
            continue
        text = log[0]["filter"]
        excluded = 'NOT jsonPayload.message=\\"digest missing\\"' in text
        if ("severity>=ERROR" in text or "digest missing" in text) and not excluded:
            matching.append(name)
    assert matching == ["digest_missing"]
