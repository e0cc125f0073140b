"""Analyses of the API run in worker processes that can be stopped.

A thread cannot be stopped: an analysis of a long text (a minute of CPU) or
a fetch from a server that dribbles bytes went on after the request had
been answered 504, and each one kept a thread (and a socket) until it was
done. Here each analysis (fetch included) runs in a worker process; when the
request times out (the limits middleware cancels the handler) or the client
goes away, the worker is killed, and the next request starts a fresh one.

The number of workers is the server's concurrency limit for analyses
(setting `serve_max_analyses`): a request that finds them all busy is
answered 503 (E015) at once instead of queueing behind work it cannot see.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import os
import queue
import threading
from collections.abc import Awaitable, Callable
from multiprocessing.connection import Connection
from typing import Any

from newsgraph.errors import Code
from newsgraph.serve.errors import ApiError
from newsgraph.settings import Settings

# What a worker answers: ("ok", contract JSON) or ("error", HTTP status, code, message).
Answer = tuple[Any, ...]


def analyse_job(job: dict[str, Any], settings: Settings) -> Answer:
    """One analysis as the API defines it, run inside a worker."""
    from newsgraph.ingest.files import sha256
    from newsgraph.model import RawDocument, Rejected, SourceRef
    from newsgraph.model.serialize import to_json
    from newsgraph.pipeline import process

    raw: RawDocument | Rejected | None
    if job.get("url"):
        from newsgraph.ingest.fetch import Fetcher, FetchPolicy

        policy = FetchPolicy(allow_private=job["allow_private"], retries=0, timeout_s=job["timeout_s"],
                             total_timeout_s=job["timeout_s"])
        with Fetcher(policy) as fetcher:
            raw = fetcher.document(job["url"], published=job.get("published"), conditional=False)
        if raw is None:
            return ("error", 502, Code.FETCH_FAILED.value, f"{job['url']} answered 304 Not Modified")
        if isinstance(raw, Rejected) and raw.code == Code.FORBIDDEN_ADDRESS.value:
            return ("error", 403, raw.code, raw.message)
    else:
        data = (job.get("html") or job.get("text") or "").encode("utf-8")
        kind = "html" if job.get("html") else "text"
        src = SourceRef(id=job.get("id") or "posted", uri="api:analyze", sha256=sha256(data), format=kind)
        raw = RawDocument(source=src, data=data, kind=kind, published=job.get("published"), raw=job.get("raw", False),
                          charset="utf-8")
    result = process(raw, settings)
    if isinstance(result, Rejected):
        return ("error", 422, result.code, result.message)
    return ("ok", to_json(result))


def _worker_main(conn: Connection, settings: Settings, parent: int) -> None:
    """A worker: take jobs from the pipe, answer each; leave when the server does."""
    jobs: queue.Queue[Any] = queue.Queue()

    def take() -> None:
        # Jobs are read at once, also while the models load, so the server's send never waits.
        while True:
            try:
                jobs.put(conn.recv())
            except (EOFError, OSError):
                jobs.put(None)
                return

    threading.Thread(target=take, daemon=True).start()
    from newsgraph.pipeline import get_pipeline

    get_pipeline(settings)  # load the models before the first job
    while True:
        try:
            job = jobs.get(timeout=1.0)
        except queue.Empty:
            if os.getppid() != parent:  # the server was killed: no one will read the answer
                return
            continue
        if job is None:
            return
        try:
            answer = analyse_job(job, settings)
        except Exception as exc:  # every request gets an answer; the worker lives on
            answer = ("error", 500, Code.INTERNAL.value, f"internal error: {type(exc).__name__}")
        conn.send(answer)


class _Worker:
    def __init__(self, settings: Settings):
        ctx = mp.get_context("spawn")  # not fork: the server runs threads and an event loop
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, settings, os.getpid()), daemon=True,
                                name="newsgraph-analysis")
        self.proc.start()
        child.close()

    async def call(self, job: dict[str, Any], is_gone: Callable[[], Awaitable[bool]]) -> Answer:
        try:
            self.conn.send(job)
        except OSError:  # the worker died while idle
            return ("error", 500, Code.INTERNAL.value, "internal error: the analysis worker stopped")
        loop = asyncio.get_running_loop()
        ready = asyncio.Event()
        fd = self.conn.fileno()
        loop.add_reader(fd, ready.set)
        try:
            while not ready.is_set():
                try:
                    await asyncio.wait_for(ready.wait(), 0.25)
                except asyncio.TimeoutError:
                    if await is_gone():
                        raise ApiError(499, Code.TIMEOUT, "the client went away") from None
        finally:
            loop.remove_reader(fd)
        try:
            answer: Answer = self.conn.recv()
        except EOFError:  # the worker died (out of memory, killed from outside)
            return ("error", 500, Code.INTERNAL.value, "internal error: the analysis worker stopped")
        return answer

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


class AnalysisPool:
    """At most `size` worker processes; one analysis at a time in each."""

    def __init__(self, settings: Settings, size: int):
        self.settings, self.size = settings, max(1, size)
        self.idle: list[_Worker] = []
        self.busy = 0

    async def run(self, job: dict[str, Any], is_gone: Callable[[], Awaitable[bool]]) -> Answer:
        if self.busy >= self.size:
            raise ApiError(503, Code.BUSY, f"the server is running {self.size} analyses already "
                                           "(setting serve_max_analyses); try again shortly")
        self.busy += 1
        worker = self.idle.pop() if self.idle else _Worker(self.settings)
        done = False
        try:
            answer = await worker.call(job, is_gone)
            done = True
            return answer
        finally:
            self.busy -= 1
            # Cancelled (the request timed out) or abandoned: the work is stopped with its process.
            if done and worker.proc.is_alive():
                self.idle.append(worker)
            else:
                worker.kill()

    def close(self) -> None:
        while self.idle:
            self.idle.pop().kill()
