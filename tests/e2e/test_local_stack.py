"""End to end: Forms watch message -> Pub/Sub emulator push -> functions-framework -> Firestore emulator."""

import json
import os
import subprocess
import sys
import time

import pytest
from google.cloud import firestore

from devstack.local_stack import ROOT, LocalStack
from tests.support import builders
from tests.support.google_shapes import push_envelope
from tests.support.stack import demo_form

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack():
    with LocalStack(project="demo-e2e", form=demo_form()) as running:
        yield running


def cli(stack, *args):
    env = {**os.environ, **stack.env}
    return subprocess.run([sys.executable, "-m", "shared", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False, timeout=120)


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError("condition not met in time; see .local/logs/ingest-function.log")


def stats(stack):
    result = cli(stack, "stats", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_watch_notification_brings_new_responses_into_firestore_through_pubsub(stack, monkeypatch):
    responses = [builders.response({"lao_name": f"ตำบล{i}"}, created=f"2024-01-05T03:00:0{i}Z") for i in range(4)]
    for raw in responses:
        stack.forms.state.submit(raw)
    stack.publish_watch_event()
    wait_for(lambda: stats(stack)["responses"]["total"] == 4)

    # Duplicate deliveries and a burst change nothing.
    for _ in range(3):
        stack.publish_watch_event()
    time.sleep(2)
    result = stats(stack)
    assert set(result) == {"responses", "laos_reporting", "by_problem", "by_province", "by_lao_type",
                           "by_status", "by_submission_date", "coverage"}
    assert result["coverage"] is None  # no roster loaded: coverage unknown, not zero
    assert result["responses"] == {"total": 4, "valid": 4, "invalid": 0, "deleted": 0}
    assert result["laos_reporting"] == 4 and result["by_submission_date"] == {"2024-01-05": 4}

    monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", stack.env["FIRESTORE_EMULATOR_HOST"])
    stored = firestore.Client(project=stack.project).collection("responses").document(
        responses[0]["responseId"]).get().to_dict()
    assert stored["state"] == "valid" and stored["lao_name"] == "ตำบล0" and stored["province_code"] == "TH-40"

    check = cli(stack, "recount", "--check")
    assert check.returncode == 0, check.stdout


def test_googles_push_envelope_without_data_stores_responses_over_http(stack):
    """The shape Google Cloud sends (no `data`), which the emulator never produces."""
    before = stats(stack)["responses"]["total"]
    stack.forms.state.submit(builders.response({"lao_name": "ตำบลผ่านHTTP"}, created="2024-01-06T03:00:00Z"))
    body = push_envelope(stack.form["formId"])
    assert "data" not in body["message"]
    assert stack.post_to_function(json.dumps(body).encode()) == 204
    assert stats(stack)["responses"]["total"] == before + 1


def test_a_body_that_is_not_a_push_envelope_is_answered_400_over_http(stack):
    assert stack.post_to_function(b'{"message": {"data": ""}}') == 400
    assert stack.post_to_function(b"<html>") == 400


def test_check_form_prints_how_each_question_resolved(stack):
    result = cli(stack, "check-form")
    assert result.returncode == 0
    assert "mapping complete" in result.stdout and "ok       จังหวัด ->" in result.stdout


def test_the_cli_explains_a_missing_form_id():
    env = {k: v for k, v in os.environ.items() if k != "FORM_ID"}
    result = subprocess.run([sys.executable, "-m", "shared", "reconcile"], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 2 and "FORM_ID" in result.stderr
