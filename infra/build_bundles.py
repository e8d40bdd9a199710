"""Builds one deployable source bundle per Cloud Function.

Each bundle is what Cloud Functions uploads: the function's main.py at the
top, the `shared` package beside it, and requirements.txt. Only files git
tracks go in (never a stray local file), and requirements.txt is
infra/requirements.lock: the whole dependency tree for Python 3.12 on Linux,
pinned with hashes (`make lock`), so the deployed function installs what CI
tested. Zips are deterministic (sorted entries, fixed timestamps), so the same
code gives the same bytes: Terraform names the uploaded object by the zip's
SHA-256, and a code change, and only a code change, redeploys.
Run: python -m infra.build_bundles   (writes build/bundles/<function>/ and <function>.zip)
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "bundles"
LOCK = ROOT / "infra" / "requirements.lock"
FUNCTIONS = ("ingest", "reconcile", "digest", "watch_renewal")
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)


def tracked(*paths: str) -> list[str]:
    """The files git tracks under ``paths``, sorted (a bundle is built from a checkout)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--", *paths], cwd=ROOT, capture_output=True, check=True)
    return sorted(name for name in listed.stdout.decode().split("\0") if name)


def _sources(function: str) -> list[tuple[Path, str]]:
    main = f"functions/{function}/main.py"
    if main not in tracked(main):
        raise FileNotFoundError(f"{main} is not tracked by git: commit it before building")
    files = [(ROOT / main, "main.py"), (LOCK, "requirements.txt")]
    files += [(ROOT / name, name) for name in tracked("shared") if name.endswith(".py")]
    return files


def build(function: str, out: Path = OUT) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    folder = out / function
    shutil.rmtree(folder, ignore_errors=True)
    archive = out / f"{function}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for source, name in _sources(function):
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            entry = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            entry.external_attr = 0o644 << 16
            bundle.writestr(entry, source.read_bytes(), zipfile.ZIP_DEFLATED)
    return archive


def main() -> int:
    for function in FUNCTIONS:
        archive = build(function)
        digest = hashlib.sha256(archive.read_bytes()).hexdigest()
        print(f"{function}: {archive.relative_to(ROOT)} sha256 {digest[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
