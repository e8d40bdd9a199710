"""The deployed functions install infra/requirements.lock: it must pin what
requirements.txt pins, for the deploy runtime, every package with its hashes."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\],]+)==([^\s\\;]+)", re.MULTILINE)


def _name(requirement):
    return re.sub(r"[-_.]+", "-", requirement.split("[")[0]).lower()


def pins(text):
    return {_name(name): version for name, version in PIN.findall(text)}


def entries(lock_text):
    """One text block per locked package."""
    return [block for block in re.split(r"\n(?=\S)", lock_text) if PIN.match(block)]


def test_every_pin_of_requirements_txt_is_locked_at_the_same_version():
    wanted = pins((ROOT / "requirements.txt").read_text())
    locked = pins((ROOT / "infra" / "requirements.lock").read_text())
    assert wanted, "requirements.txt pins nothing"
    differ = {name: (version, locked.get(name)) for name, version in wanted.items() if locked.get(name) != version}
    assert not differ, f"run `make lock`: requirements.txt and the lock disagree (wanted, locked): {differ}"


def test_every_locked_package_carries_hashes_and_comes_from_requirements_txt():
    blocks = entries((ROOT / "infra" / "requirements.lock").read_text())
    assert len(blocks) >= len(pins((ROOT / "requirements.txt").read_text()))
    for block in blocks:
        assert "--hash=sha256:" in block, block.splitlines()[0]
        assert "# via" in block, block.splitlines()[0]


def test_the_lock_is_made_by_the_make_target_for_the_deploy_runtime():
    makefile = (ROOT / "Makefile").read_text()
    assert "--python-version 3.12" in makefile and "--generate-hashes" in makefile
    assert "make lock" in (ROOT / "infra" / "requirements.lock").read_text().splitlines()[1]
