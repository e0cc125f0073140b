"""A store with fictional articles, an app over it, and a live server for the browser."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'newsgraph[serve]'")

ARTICLE = """Library board approves longer weekend hours

The Millbrook Public Library board voted on Tuesday to keep its three branches open until 8 p.m. on Saturdays, starting next month.

"Weekends are when working families can actually come in," said board president Alma Ruiz. "We should be open when they are free."

The change will cost about $180,000 a year, according to the library's finance office.

Ruiz said the board would review visitor numbers after six months.
"""


# The server answers for loopback names only (setting serve_allowed_hosts), not TestClient's "testserver".
LOCAL = "http://127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def small_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newsgraph.ingest import iter_inputs
    from newsgraph.pipeline import get_pipeline
    from newsgraph.settings import load_settings
    from newsgraph.store import open_store

    folder = tmp_path_factory.mktemp("arts")
    (folder / "library.txt").write_text(ARTICLE, "utf-8")
    db = folder / "small.db"
    settings = load_settings()
    with open_store(db) as store:
        store.put_many(get_pipeline(settings).run(iter_inputs([str(folder / "library.txt")], settings)))
    return db


@pytest.fixture
def client(small_db: Path):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from newsgraph.serve import ServeConfig, create_app

    app = create_app(ServeConfig(db=str(small_db), max_body_bytes=50_000, allow_fetch=True, allow_private=False))
    with TestClient(app, base_url=LOCAL) as c:
        yield c


class LiveServer:
    def __init__(self, db: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(self.port)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(self.proc.stdout.read().decode() if self.proc.stdout else "server died") from None
                time.sleep(0.2)
        raise RuntimeError("the server did not start within 60s")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)
