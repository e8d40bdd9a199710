"""Starting and stopping the official Firestore and Pub/Sub emulators.

Both launchers start a java child, so each runs in a process group of its own
and is stopped by signalling that group; nothing is ever killed by name.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

_LAUNCHERS = {
    "firestore": ("google-cloud-cli-firestore-emulator", "/cloud_firestore_emulator",
                  "/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud_firestore_emulator"),
    "pubsub": ("google-cloud-cli-pubsub-emulator", "/bin/cloud-pubsub-emulator",
               "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator"),
}


class EmulatorMissing(RuntimeError):
    pass


@dataclass
class RunningService:
    name: str
    process: subprocess.Popen[bytes]
    host: str  # host:port

    def stop(self) -> None:
        stop_process_group(self.process)


def launcher(kind: str) -> Path:
    package, suffix, default = _LAUNCHERS[kind]
    candidates = [Path(default)]
    if shutil.which("dpkg"):
        listing = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=False)
        candidates += [Path(line) for line in listing.stdout.splitlines() if line.endswith(suffix)]
    for path in candidates:
        if path.is_file():
            if shutil.which("java") is None:
                raise EmulatorMissing(
                    f"java is not installed: the {kind} emulator needs it (apt-get install default-jre-headless)"
                )
            return path
    raise EmulatorMissing(
        f"the {kind} emulator is not installed: apt-get install {package} "
        "(from the Google Cloud CLI apt repository)"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_ok(url: str, timeout: float, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited with {process.returncode} before it was ready")
        try:
            with urllib.request.urlopen(url, timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} not ready after {timeout:.0f} s")


def start_in_own_group(name: str, command: list[str], log_dir: Path,
                       env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    log_dir.mkdir(parents=True, exist_ok=True)
    log = (log_dir / f"{name}.log").open("wb")
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            start_new_session=True, env=env)


def stop_process_group(process: subprocess.Popen[bytes], grace: float = 10.0) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def start_firestore(log_dir: Path, port: int | None = None) -> RunningService:
    port = port or free_port()
    command = [str(launcher("firestore")), "start", "--host=127.0.0.1", f"--port={port}"]
    process = start_in_own_group("firestore-emulator", command, log_dir)
    wait_until_ok(f"http://127.0.0.1:{port}/", timeout=60, process=process)
    return RunningService("firestore", process, f"127.0.0.1:{port}")


def start_pubsub(log_dir: Path, port: int | None = None) -> RunningService:
    port = port or free_port()
    command = [str(launcher("pubsub")), "--host=127.0.0.1", f"--port={port}"]
    process = start_in_own_group("pubsub-emulator", command, log_dir)
    wait_until_ok(f"http://127.0.0.1:{port}/", timeout=60, process=process)
    return RunningService("pubsub", process, f"127.0.0.1:{port}")
