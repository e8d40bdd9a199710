"""The local stack as the functions and the CLI see it through their environment."""

import pytest

from tests.support.stack import FORM_ID, make_stack


@pytest.fixture
def configured_stack(project_id, monkeypatch):
    """Our Forms server and the Firestore emulator, named in the variables the code reads."""
    stack = make_stack(project_id)
    for name, value in {"GOOGLE_CLOUD_PROJECT": project_id, "FORM_ID": FORM_ID,
                        "FORMS_API_ENDPOINT": stack.server.endpoint}.items():
        monkeypatch.setenv(name, value)
    yield stack
    stack.server.stop()
