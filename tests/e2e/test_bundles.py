"""The deploy bundles hold everything their functions import: each is loaded by
functions-framework in a clean virtualenv with only the bundle's requirements."""

import subprocess
import venv

import pytest

from infra.build_bundles import FUNCTIONS, build

pytestmark = pytest.mark.e2e

LOAD = """
import sys
from functions_framework import create_app
create_app(target=sys.argv[1], source="main.py")
loaded = sorted(m for m in sys.modules if m.startswith("shared"))
print(" ".join(loaded))
"""


@pytest.fixture(scope="module")
def clean_python(tmp_path_factory):
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=True)
    python = home / "bin" / "python"
    bundles = tmp_path_factory.mktemp("bundles")
    build("ingest", bundles)
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-r", str(bundles / "ingest" / "requirements.txt")],
                   check=True, timeout=900)
    return python, bundles


@pytest.mark.parametrize("function", FUNCTIONS)
def test_each_bundle_loads_its_entry_point_in_a_clean_virtualenv(clean_python, function):
    python, bundles = clean_python
    folder = bundles / function
    build(function, bundles)
    loaded = subprocess.run([str(python), "-c", LOAD, function], cwd=folder, capture_output=True, text=True,
                            timeout=120, env={"PATH": "/usr/bin:/bin"})
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    modules = loaded.stdout.split()
    assert "shared" in modules
    if function == "ingest":  # the hot path does not load what only the digest needs
        assert not [m for m in modules if m.startswith("shared.digest")], modules
