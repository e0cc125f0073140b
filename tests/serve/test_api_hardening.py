"""Issue 16, API: bounded analyses, limits as settings, security headers, Host allow-list, 4xx for bad input."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsgraph.serve import ServeConfig, create_app
from newsgraph.settings import load_settings
from tests.conftest import ROOT
from tests.ingest.slow_server import slow_header_server
from tests.serve.conftest import LOCAL, free_port

HEADERS = ("content-security-policy", "x-frame-options", "x-content-type-options", "referrer-policy")
LONG_TEXT = ("The harbor council met on Tuesday. \u201cWe will vote on the ferry fares next week,\u201d "
             "said council member Dana Whitlock, who chairs the transport committee. ") * 3000


def _client(small_db: Path, **config: Any) -> Any:
    from fastapi.testclient import TestClient

    settings = config.pop("settings", None) or load_settings()
    return TestClient(create_app(ServeConfig(db=str(small_db), settings=settings, **config)), base_url=LOCAL)


def _workers() -> list[Any]:
    return [p for p in mp.active_children() if p.name == "newsgraph-analysis"]


def test_security_headers_on_every_response(client: Any) -> None:
    responses = [client.get("/"), client.get("/api/articles"), client.get("/api/nothing-here"),
                 client.get("/static/app.css"), client.post("/api/analyze", json={"text": "x" * 60_000}),
                 client.get("/api/docs")]
    for resp in responses:
        for name in HEADERS:
            assert resp.headers.get(name), (resp.request.url, resp.status_code, name)
    assert responses[0].headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in responses[0].headers["content-security-policy"]
    assert "'unsafe-inline'" not in responses[0].headers["content-security-policy"]


def test_other_host_names_are_refused(small_db: Path) -> None:
    with _client(small_db) as c:
        resp = c.get("/api/articles", headers={"host": "attacker.example"})
        assert resp.status_code == 400 and resp.json()["error"]["code"] == "E017"
        for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
            assert c.get("/api/articles", headers={"host": host}).status_code == 200, host
    settings = load_settings(serve_allowed_hosts=("news.internal",))
    with _client(small_db, settings=settings) as c:
        assert c.get("/api/articles", headers={"host": "news.internal:8000"}).status_code == 200


@pytest.mark.parametrize(("method", "path", "payload"), [
    ("get", "/api/articles?offset=99999999999999999999", None),
    ("get", "/api/articles?limit=99999999999999999999", None),
    ("post", "/api/analyze", b'{"text": "a \\ud800 b"}'),
    ("post", "/api/analyze", b'{"url": "http://[::1"}'),
    ("post", "/api/analyze", b'{"url": "file:///etc/passwd"}'),
    ("post", "/api/analyze", b'{"text": "The council met.", "published": "2024-02-30"}'),
    ("post", "/api/analyze", b'{"text": "a \\udfff b", "id": "x"}'),
    ("post", "/api/analyze", b'{"text": 12}'),
    ("post", "/api/analyze", b'["text"]'),
    ("get", "/api/quotes?since=2024-13-01", None),
])
def test_malformed_input_is_4xx_never_500(client: Any, method: str, path: str, payload: bytes | None) -> None:
    kw = {"content": payload, "headers": {"content-type": "application/json"}} if payload else {}
    resp = getattr(client, method)(path, **kw) if method == "get" else client.post(path, **kw)
    assert 400 <= resp.status_code < 500, (path, payload, resp.status_code, resp.text)
    assert resp.json()["error"]["code"] == "E006"


def test_forbidden_address_message_hides_the_address(client: Any) -> None:
    resp = client.post("/api/analyze", json={"url": "http://localhost:9/article"})
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "E008"
    assert "127.0.0.1" not in resp.text and "::1" not in resp.text


def test_rate_limit_per_client_is_a_setting(small_db: Path) -> None:
    settings = load_settings(serve_rate_limit_per_minute=2)
    with _client(small_db, settings=settings) as c:
        codes = [c.post("/api/analyze", json={"text": "   "}).json()["error"]["code"] for _ in range(3)]
    assert codes[:2] != ["E016", "E016"] and codes[2] == "E016"


def test_concurrency_limit_answers_503_while_the_workers_are_busy(small_db: Path) -> None:
    settings = load_settings(serve_max_analyses=1)
    with slow_header_server() as srv, _client(small_db, settings=settings, allow_fetch=True, allow_private=True,
                                              timeout_s=20.0) as c:
        first: dict[str, Any] = {}
        t = threading.Thread(target=lambda: first.update(r=c.post("/api/analyze", json={"url": srv.url("/slow")})))
        t.start()
        deadline = time.monotonic() + 60
        while not srv.requests or srv.requests[-1] != "/slow":  # the one worker is fetching
            assert time.monotonic() < deadline, "the first analysis never started"
            time.sleep(0.1)
        second = c.post("/api/analyze", json={"text": "The council met on Tuesday."})
        assert second.status_code == 503 and second.json()["error"]["code"] == "E015"
        t.join(timeout=60)
    assert first["r"].status_code in (502, 504, 422), first["r"].text


def test_timeout_stops_the_analysis_process(small_db: Path) -> None:
    # 15 s: enough to start a worker and load the model on a busy machine, far from the minute of CPU
    # that the long text needs.
    with _client(small_db, timeout_s=15.0) as c:
        warm = c.post("/api/analyze", json={"text": "Warm the worker up: the council met.", "raw": True})
        assert warm.status_code == 200, warm.text
        busy = _workers()
        assert busy, "the analysis runs in a worker process"
        resp = c.post("/api/analyze", json={"text": LONG_TEXT, "raw": True})
        assert resp.status_code == 504 and resp.json()["error"]["code"] == "E004"
        deadline = time.monotonic() + 5
        while any(p.is_alive() for p in busy) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(p.is_alive() for p in busy), "the timed-out analysis was stopped with its process"


def _threads(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("Threads:")))


def _children(pid: int) -> list[str]:
    """Analysis workers of the server (multiprocessing's resource tracker is not one)."""
    kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [k for k in kids if b"spawn_main" in _cmdline(k)]


def _cmdline(pid: str) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""  # gone meanwhile


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="counts threads through /proc")
def test_slow_fetches_through_the_real_server_leave_no_thread_or_socket(small_db: Path, tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsgraph", "serve", "--db", str(small_db), "--port", str(port), "--allow-fetch",
         "--allow-private", "--timeout", "8"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        env={**os.environ, "HOME": str(tmp_path)})
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(port, server)
        baseline = _threads(server.pid)
        with slow_header_server() as srv:
            # Each request starts a worker (the last one was stopped), loads the model, then fetches:
            # 8 s leave time for the fetch to begin on a busy machine.
            for _ in range(2):
                resp = httpx.post(base + "/api/analyze", json={"url": srv.url("/slow")}, timeout=60)
                assert resp.status_code in (502, 504), resp.text
            assert "/slow" in srv.requests, "a fetch reached the slow server"
            deadline = time.monotonic() + 10
            while (_threads(server.pid) > baseline or _children(server.pid) or srv.open_connections) \
                    and time.monotonic() < deadline:
                time.sleep(0.2)
            assert _threads(server.pid) <= baseline
            assert _children(server.pid) == []  # every worker that fetched was stopped
            assert srv.open_connections == 0  # and its socket closed with it
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) is not None  # the server still stops on SIGTERM
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def _wait_for(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else "server died"
            time.sleep(0.2)
    raise AssertionError("the server did not start within 60 s")
