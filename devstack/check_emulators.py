"""Fails loudly, before any test runs, when an emulator or java is missing."""

from __future__ import annotations

import sys

from devstack.emulators import EmulatorMissing, launcher


def main() -> int:
    try:
        for kind in ("firestore", "pubsub"):
            print(f"{kind} emulator: {launcher(kind)}")
    except EmulatorMissing as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
