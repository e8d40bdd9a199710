"""The CLI's exit codes say what the operator should do: 2 fix the configuration or
sharing, 3 run again later (nothing lost); and a failed reconcile is recorded."""

import json

import pytest

from shared.cli import main
from tests.support import builders

pytestmark = pytest.mark.e2e


@pytest.fixture
def stack(configured_stack):
    configured_stack.state.submit(builders.response())
    return configured_stack


def test_a_forms_outage_exits_3_with_one_true_line_an_error_log_and_a_recorded_failure(stack, capfd):
    stack.state.fail_next = [503] * 3
    assert main(["reconcile"]) == 3
    err = capfd.readouterr().err
    assert "temporarily unavailable (TransientError: Forms API answered 503 UNAVAILABLE after retries)" in err
    assert "nothing was lost" in err and "Traceback" not in err
    logged = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert any(e["severity"] == "ERROR" and e.get("command") == "reconcile" for e in logged)
    record = stack.store._db.collection("system").document("reconcile").get().to_dict()
    assert record["last_error"].startswith("TransientError: Forms API answered 503")
    assert main(["reconcile"]) == 0  # the outage is over: the next run stores everything


def test_a_form_not_shared_as_editor_exits_2_naming_the_fix(stack, capfd):
    stack.state.access = "responder"
    assert main(["reconcile"]) == 2
    assert "as editor" in capfd.readouterr().err
