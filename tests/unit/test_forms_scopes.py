"""The Forms scopes we ask for cover every method we call, by Google's own discovery
document (bundled with google-api-python-client), and no restricted Drive scope is asked."""

import json
from pathlib import Path

import googleapiclient

from shared.adapters.forms_api import SCOPES

DISCOVERY = Path(googleapiclient.__file__).parent / "discovery_cache" / "documents" / "forms.v1.json"
CALLED = ["forms.get", "forms.responses.list", "forms.watches.list", "forms.watches.create",
          "forms.watches.renew", "forms.watches.delete"]


def methods(resource, prefix=""):
    for name, child in resource.get("resources", {}).items():
        for method, spec in child.get("methods", {}).items():
            yield f"{prefix}{name}.{method}", spec
        yield from methods(child, f"{prefix}{name}.")


def test_every_forms_method_we_call_accepts_one_of_our_scopes():
    accepted = dict(methods(json.loads(DISCOVERY.read_text())))
    for method in CALLED:
        assert set(SCOPES) & set(accepted[method]["scopes"]), method


def test_no_drive_scope_is_requested():
    assert not [scope for scope in SCOPES if "/auth/drive" in scope]
