"""A real `newsgraph serve` process for the benches that measure through HTTP (API load, first paint)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(db: Path, *args: str, cwd: Path, env: Mapping[str, str] | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """Start a server on `db` from the checkout `cwd`; its process and base URL once it accepts connections."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(port), *args],
                            cwd=cwd, env=None if env is None else dict(env), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120  # the first start loads spaCy and the gazetteer
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"the server of {cwd} did not start")
