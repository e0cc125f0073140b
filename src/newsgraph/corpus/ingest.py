"""Batch ingest: analyse documents in N worker processes, store them from one writer.

Each worker builds the pipeline once (`get_pipeline(settings)`) and analyses
chunks of documents; the parent process reads inputs, skips content already
in the store (by sha256), and writes every finished chunk in one
transaction. A run killed at any point (even kill -9) leaves whole documents
only, and the next run picks up where it stopped: nothing is lost because
unstored content is analysed again, nothing is doubled because stored
content is skipped and rows are keyed by content hash.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from newsgraph.model import AnalyzedDocument, RawDocument, Rejected
from newsgraph.settings import Settings
from newsgraph.store.db import Store


@dataclass
class IngestSummary:
    jobs: int = 1
    read: int = 0  # documents read from the inputs (rejected ones included)
    stored: int = 0  # analysed and written
    rejected: int = 0  # written as rejections in this run
    skipped: int = 0  # already in the store, or twice in this run
    codes: Counter[str] = field(default_factory=Counter)
    elapsed_s: float = 0.0
    worker_peak_rss_mb: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    @property
    def done(self) -> int:
        return self.stored + self.rejected

    @property
    def rate(self) -> float:
        return self.done / self.elapsed_s if self.elapsed_s else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"jobs": self.jobs, "read": self.read, "stored": self.stored, "rejected": self.rejected,
                "skipped": self.skipped, "codes": dict(self.codes), "elapsed_s": round(self.elapsed_s, 3),
                "docs_per_s": round(self.rate, 2), "worker_peak_rss_mb": round(self.worker_peak_rss_mb, 1)}


# ----------------------------------------------------------------- workers
_settings: Settings | None = None


def _init_worker(settings: Settings, parent: int) -> None:
    global _settings
    from newsgraph.pipeline import get_pipeline

    _settings = settings
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    get_pipeline(settings)  # load the models before the first chunk arrives


def _exit_with_parent(parent: int) -> None:
    """A writer killed with -9 cannot shut its pool down: its workers notice and go too."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _analyse(chunk: list[RawDocument]) -> tuple[list[AnalyzedDocument | Rejected], float]:
    from newsgraph.pipeline import get_pipeline

    assert _settings is not None
    out = get_pipeline(_settings).process_batch(list(chunk))
    return out, peak_rss_mb()


def peak_rss_mb() -> float:
    """Peak resident memory of this process.

    /proc's VmHWM belongs to the current address space; ru_maxrss would also
    count the parent's memory before a spawned worker's exec.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


# ------------------------------------------------------------------ writer
def _count(summary: IngestSummary, results: list[AnalyzedDocument | Rejected], written: list[bool]) -> None:
    """Count what this run wrote: a document another ingest stored first is skipped, not ours."""
    for r, wrote in zip(results, written):
        if isinstance(r, Rejected):
            summary.rejected += 1
            summary.codes[r.code] += 1
        elif wrote:
            summary.stored += 1
        else:
            summary.skipped += 1


def ingest(
    items: Iterable[Any],
    store: Store,
    settings: Settings,
    *,
    jobs: int = 1,
    chunk: int = 8,
    replace: bool = False,
    progress: Callable[[IngestSummary], None] | None = None,
    on_stored: Callable[[list[AnalyzedDocument | Rejected]], None] | None = None,
) -> IngestSummary:
    """Analyse and store `items` (RawDocument, Rejected, or feeds.Checkpoint markers)."""
    summary = IngestSummary(jobs=jobs)
    known = set() if replace else store.known_hashes()
    in_run: set[str] = set()
    pending: list[RawDocument] = []
    inflight: set[Future[Any]] = set()
    tick = progress or (lambda s: None)

    def write(results: list[AnalyzedDocument | Rejected]) -> None:
        _write_chunk(store, results, summary, replace, on_stored, tick)

    pool: ProcessPoolExecutor | None = None
    if jobs > 1:
        # spawn, not fork: the parent may run threads (progress bar, HTTP) that fork would copy mid-lock.
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("spawn"),
                                   initializer=_init_worker, initargs=(settings, os.getpid()))
    else:
        from newsgraph.pipeline import get_pipeline

        pipeline = get_pipeline(settings)

    def collect(block: bool) -> None:
        nonlocal inflight
        if not inflight:
            return
        done, inflight = wait(inflight, timeout=None if block else 0, return_when=FIRST_COMPLETED)
        for fut in done:
            results, peak = fut.result()
            summary.worker_peak_rss_mb = max(summary.worker_peak_rss_mb, peak)
            write(results)

    def submit() -> None:
        nonlocal pending
        if not pending:
            return
        batch, pending = pending, []
        if pool is None:
            write(pipeline.process_batch(list(batch)))
            summary.worker_peak_rss_mb = peak_rss_mb()
            return
        while len(inflight) >= jobs * 2:  # bounded: memory stays flat on a huge input
            collect(block=True)
        inflight.add(pool.submit(_analyse, batch))
        collect(block=False)

    try:
        for item in items:
            if isinstance(item, (RawDocument, Rejected)):
                summary.read += 1
                key = item.source.sha256
                if isinstance(item, Rejected):
                    write([item])
                    continue
                if key in known or key in in_run:
                    summary.skipped += 1
                    tick(summary)
                    continue
                in_run.add(key)
                pending.append(item)
                if len(pending) >= chunk:
                    submit()
            else:  # a Checkpoint: everything before it must be stored first
                submit()
                while inflight:
                    collect(block=True)
                item.action()
        submit()
        while inflight:
            collect(block=True)
        # The run's last articles become searchable now, not when the store closes (`watch` keeps it open).
        store.index_pending()
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    summary.elapsed_s = time.perf_counter() - summary.started
    return summary


def _write_chunk(store: Store, results: list[AnalyzedDocument | Rejected], summary: IngestSummary, replace: bool,
                 on_stored: Callable[[list[AnalyzedDocument | Rejected]], None] | None,
                 tick: Callable[[IngestSummary], None]) -> None:
    """Store one finished chunk in one transaction, then count it and report progress."""
    _count(summary, results, store.put_each(results, replace=replace))
    if on_stored:
        on_stored(results)
    summary.elapsed_s = time.perf_counter() - summary.started
    tick(summary)
