"""The security rules, loaded into the Firestore emulator: client SDKs get nothing."""

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from devstack.emulators import free_port, launcher, start_in_own_group, stop_process_group, wait_until_ok

pytestmark = pytest.mark.emulator
ROOT = Path(__file__).resolve().parents[2]
COLLECTIONS = ["responses", "laos", "counters", "system", "digests", "malformed_responses"]


@pytest.fixture(scope="module")
def emulator_with_rules():
    port = free_port()
    command = [str(launcher("firestore")), "start", "--host=127.0.0.1", f"--port={port}",
               f"--rules={ROOT / 'infra' / 'firestore' / 'firestore.rules'}"]
    process = start_in_own_group("firestore-rules-emulator", command, ROOT / ".local" / "logs")
    try:
        wait_until_ok(f"http://127.0.0.1:{port}/", timeout=60, process=process)
        yield f"http://127.0.0.1:{port}/v1/projects/demo-rules/databases/(default)/documents"
    finally:
        stop_process_group(process)


def request(url, method="GET", body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method, headers=headers)) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_unauthenticated_clients_can_neither_read_nor_write(emulator_with_rules, collection):
    document = {"fields": {"x": {"stringValue": "y"}}}
    # The emulator's "owner" token stands for the server SDK and IAM: it bypasses rules.
    assert request(f"{emulator_with_rules}/{collection}?documentId=d1", "POST", document, token="owner") == 200
    assert request(f"{emulator_with_rules}/{collection}/d1") == 403
    assert request(f"{emulator_with_rules}/{collection}") == 403
    assert request(f"{emulator_with_rules}/{collection}?documentId=d2", "POST", document) == 403
    assert request(f"{emulator_with_rules}/{collection}/d1", "DELETE") == 403
