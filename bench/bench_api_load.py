"""The API under load and under expensive analyses (issue 16).

* 50 concurrent clients for 30 s against a real `newsgraph serve` over a
  synthetic store of 10,000 articles (scripts/make_synthetic_store.py, cached
  in /tmp), half on /api/quotes and half on /api/search: requests, errors,
  p50/p95/p99 latency. The clients run on the same machine as the server, so
  the rate is a floor.
* two analyses of 480,000-character texts at once (under every limit) with
  `--timeout 10`: both must be answered 504, and the time from the 504 until
  the worker processes that ran them are gone (no CPU spent any more) is
  reported, with the server's CPU seconds in the 3 s after.

Nothing here asserts a time: the figures are printed for docs and reviews.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.servers import serve

ROOT = Path(__file__).resolve().parents[1]
STORE = Path(tempfile.gettempdir()) / "newsgraph-10k.db"
CLIENTS, SECONDS, ARTICLES = 50, 30.0, 10_000
WORDS = ["ceasefire", "budget", "strike", "flood", "harbor", "treaty", "election", "inflation"]
LONG_TEXT = ("The harbor council met on Tuesday to discuss the ferry budget. \u201cWe will vote on the fares "
             "next week,\u201d said council member Dana Whitlock, who chairs the transport committee. ")


def _store() -> Path:
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_synthetic_store

    if not STORE.exists():
        secs = make_synthetic_store.build(STORE, ARTICLES)
        print(f"built {ARTICLES} synthetic articles in {secs:.0f}s -> {STORE}")
    return STORE


def _serve(db: Path, *args: str) -> tuple[subprocess.Popen[bytes], str]:
    return serve(db, *args, cwd=ROOT)


def _client(base: str, n: int, stop: float, out: dict[str, Any]) -> None:
    import httpx

    with httpx.Client(base_url=base, timeout=30) as c:
        i = n
        while time.monotonic() < stop:
            word = WORDS[i % len(WORDS)]
            path = "/api/quotes" if i % 2 else "/api/search"
            t0 = time.perf_counter()
            try:
                ok = c.get(path, params={"q": word, "limit": 20}).status_code == 200
            except Exception:
                ok = False
            out["times"].append((time.perf_counter() - t0) * 1000)
            out["errors"] += not ok
            i += 1


def load(db: Path) -> str:
    proc, base = _serve(db)
    try:
        out: dict[str, Any] = {"times": [], "errors": 0}
        stop = time.monotonic() + SECONDS
        threads = [threading.Thread(target=_client, args=(base, n, stop, out)) for n in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    times = sorted(out["times"])
    pct = {p: times[int(p / 100 * (len(times) - 1))] for p in (50, 95, 99)}
    return (f"{CLIENTS} clients x {SECONDS:.0f}s on /api/quotes + /api/search over {ARTICLES} articles: "
            f"{len(times)} requests ({len(times) / SECONDS:.0f}/s), {out['errors']} errors, "
            f"p50 {pct[50]:.0f} ms, p95 {pct[95]:.0f} ms, p99 {pct[99]:.0f} ms")


def _workers(pid: int) -> list[int]:
    kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(k) for k in kids if b"spawn_main" in _read(f"/proc/{k}/cmdline")]


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        return b""


def _cpu_s(pid: int) -> float:
    fields = _read(f"/proc/{pid}/stat").rsplit(b")", 1)[-1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") if fields else 0.0


def long_analyses(db: Path, timeout_s: float = 10.0) -> str:
    import httpx

    text = (LONG_TEXT * (480_000 // len(LONG_TEXT) + 1))[:480_000]
    proc, base = _serve(db, "--timeout", f"{timeout_s:g}")
    try:
        warm = [threading.Thread(target=httpx.post, args=(base + "/api/analyze",),
                                 kwargs={"json": {"text": "The council met."}, "timeout": 120}) for _ in range(2)]
        for t in warm:
            t.start()
        for t in warm:
            t.join()  # both workers have loaded their models
        answered: list[tuple[int, float]] = []

        def post() -> None:
            r = httpx.post(base + "/api/analyze", json={"text": text, "raw": True}, timeout=120)
            answered.append((r.status_code, time.monotonic()))

        posts = [threading.Thread(target=post) for _ in range(2)]
        sent = time.monotonic()
        for t in posts:
            t.start()
        busy: set[int] = set()
        while any(t.is_alive() for t in posts):  # every worker that analysed, sampled while they run
            busy.update(_workers(proc.pid))
            time.sleep(0.1)
        cpu = {w: _cpu_s(w) for w in busy}
        gone = time.monotonic()
        while any(Path(f"/proc/{w}").exists() for w in busy) and gone < sent + timeout_s + 30:
            time.sleep(0.05)
            gone = time.monotonic()
        cpu_after = sum(_cpu_s(w) - c for w, c in cpu.items() if Path(f"/proc/{w}").exists())
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return (f"two 480,000-character analyses sent at once with --timeout {timeout_s:g}: answers "
            f"{[s for s, _ in answered]} after {max(at for _, at in answered) - sent:.1f}s; the {len(busy)} worker "
            f"process(es) that ran them were gone {gone - sent - timeout_s:+.2f}s from the timeout "
            f"(CPU they used after the answers: {cpu_after:.2f}s)")


def main() -> str:
    db = _store()
    lines = [f"load average at start: {os.getloadavg()[0]:.2f}", load(db), long_analyses(db)]
    text = "\n".join(f"- {line}" for line in lines)
    print(text)
    return text


if __name__ == "__main__":
    main()
