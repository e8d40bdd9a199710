"""Cold start: how long each function's entry module takes to import, against its
third-party and standard-library dependencies alone.

A fresh interpreter imports the entry module and lists every module it loaded;
another fresh interpreter imports only the modules that are not ours (anything
outside shared/ and functions/), in the same order. Their difference is what our
own code adds. Each is the fastest of a few runs: on a shared machine the noise
only ever adds time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = ("ingest", "reconcile", "digest", "watch_renewal")
# Only the digest or the report needs these: the ingest path must not load them.
# (pythainlp is not among them: the ingest path normalises Thai text with pythainlp.util.)
DIGEST_OR_REPORT_ONLY = ("shared.digest", "shared.report", "shared.adapters.gmail_api",
                         "shared.adapters.firestore_digest", "openpyxl", "docx", "matplotlib")

_IMPORT_ENTRY = """
import json, sys, time
before = set(sys.modules)
started = time.perf_counter()
import main
elapsed = time.perf_counter() - started
print(json.dumps({"seconds": elapsed, "modules": [m for m in sys.modules if m not in before]}))
"""

_IMPORT_DEPENDENCIES = """
import importlib, json, sys, time
names = json.loads(sys.argv[1])
started = time.perf_counter()
for name in names:
    try:
        importlib.import_module(name)
    except Exception:
        pass  # a module only importable from inside its package's own import
print(json.dumps({"seconds": time.perf_counter() - started}))
"""


@dataclass(frozen=True)
class ColdStart:
    entry: str
    entry_seconds: float
    dependencies_seconds: float
    modules: int
    digest_or_report_modules: list[str]

    @property
    def own_overhead(self) -> float:
        """What our code adds, as a share of the dependencies' import time."""
        return (self.entry_seconds - self.dependencies_seconds) / self.dependencies_seconds


def _run(code: str, *args: str, cwd: Path) -> dict[str, object]:
    env_path = f"{cwd}:{ROOT}"
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True,
                            check=True, env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"}, timeout=120)
    answer: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return answer


def measure_cold_start(entry: str, runs: int = 5) -> ColdStart:
    folder = ROOT / "functions" / entry
    entry_runs = [_run(_IMPORT_ENTRY, cwd=folder) for _ in range(runs)]
    modules = [str(m) for m in entry_runs[0]["modules"]]  # type: ignore[attr-defined]
    theirs = [m for m in modules if m != "main" and not m.startswith(("shared", "functions"))]
    dependency_runs = [_run(_IMPORT_DEPENDENCIES, json.dumps(theirs), cwd=ROOT) for _ in range(runs)]
    return ColdStart(
        entry=entry,
        entry_seconds=min(float(r["seconds"]) for r in entry_runs),  # type: ignore[arg-type]
        dependencies_seconds=min(float(r["seconds"]) for r in dependency_runs),  # type: ignore[arg-type]
        modules=len(modules),
        digest_or_report_modules=[m for m in modules if m.startswith(DIGEST_OR_REPORT_ONLY)],
    )
