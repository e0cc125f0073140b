"""Store, ingest and near-duplicates (issue 6).

* ingest docs/s with 1 and 2 jobs on the same pages (NAEB HTML from ../shared),
  whole run and steady state (after the first chunk is stored, so model
  loading in the workers is left out), and peak RSS per worker;
* store insert rate without analysis: analysed documents written again under
  new (random, sha256-like) content hashes, 8 per transaction as `ingest` writes them,
  into an empty store (with and without corpus-entity linking, alternately) and into one
  already holding 30,000 documents;
* FTS query p50/p95 over a synthetic store of 100,000 articles made by
  scripts/make_synthetic_store.py (cached in /tmp, never committed);
* near-duplicate grouping time on 2,500 and 10,000 synthetic texts (near-linear?), and in a store:
  a run's new articles against the stored ones, and the whole store again.

The machine is shared, so the load average at the start is printed with
the figures; CPU-time rates are given next to wall-clock ones where they differ.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# Enough pages that starting the workers (spaCy loads in each) is not most of the run.
N_INGEST = int(os.environ.get("BENCH_STORE_DOCS", "120"))
N_FTS = int(os.environ.get("BENCH_STORE_FTS_DOCS", "100000"))
FTS_DB = Path(os.environ.get("BENCH_STORE_FTS_DB", f"/tmp/newsgraph-bench-{N_FTS}.db"))
# Documents already in the store before the timed inserts of the at-scale insert bench.
PREFILL = int(os.environ.get("BENCH_STORE_PREFILL", "30000"))
# A comma-separated stage list to bench a partial pipeline (default: the shipped stages).
STAGES = os.environ.get("BENCH_STORE_STAGES")


def _settings() -> Any:
    from newsgraph.settings import load_settings

    return load_settings(stages=tuple(STAGES.split(",")) if STAGES else None)


def _stage_names() -> tuple[str, ...]:
    """The stages the bench ran: the settings' list, else (None) the pipeline's default order."""
    from newsgraph.pipeline.registry import default_order

    return _settings().stages or default_order()


def _scripts() -> Any:
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_synthetic_store

    return make_synthetic_store


def _pages(n: int) -> list[Any]:
    from newsgraph.ingest import iter_inputs
    from newsgraph.settings import load_settings

    files = sorted((SHARED / "data/extraction/naeb/html").glob("*.html.gz"))[:n]
    tmp = Path(tempfile.mkdtemp(prefix="bench-store-"))
    for f in files:
        (tmp / f.name.removesuffix(".gz")).write_bytes(gzip.decompress(f.read_bytes()))
    return list(iter_inputs([str(tmp)], load_settings()))


def bench_ingest(docs: list[Any], jobs: int) -> dict[str, float]:
    """One ingest run in a fresh spawned process: with --jobs 1 the analysis runs in
    the ingesting process, whose peak must not be the bench parent's (which has
    loaded every other bench by then)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # not a Pool: its workers are daemons, and --jobs 2 starts a pool of its own
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as ex:
        return ex.submit(_bench_ingest, docs, jobs).result()


def _bench_ingest(docs: list[Any], jobs: int) -> dict[str, float]:
    from newsgraph.corpus.ingest import ingest
    from newsgraph.store import open_store

    settings = _settings()
    marks: list[tuple[float, int]] = []
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "i.db") as store:
        t0 = time.perf_counter()
        s = ingest(iter(docs), store, settings, jobs=jobs, chunk=4,
                   progress=lambda s: marks.append((time.perf_counter(), s.done)))
        total = time.perf_counter() - t0
    (t1, d1), (t2, d2) = marks[0], marks[-1]
    steady = (d2 - d1) / (t2 - t1) if t2 > t1 else float("nan")
    return {"docs": s.done, "seconds": total, "rate": s.done / total, "steady": steady,
            "rss_mb": s.worker_peak_rss_mb}


def bench_insert(sample: list[Any], n: int = 2000, per_txn: int = 8, prefill: int = 0,
                 link: bool = True) -> dict[str, float]:
    """Docs/s writing `n` documents, after `prefill` others (500 per transaction, not timed).

    A store that already holds many documents is where keys at random places in an index cost:
    the pages no longer fit in the cache. With `link` off, entities get no corpus entity: the
    difference is what linking (issue 20) costs.
    """
    from newsgraph.store import open_store

    rng = random.Random(1)
    docs = []
    for i in range(prefill + n):
        d = rng.choice(sample)
        # Real keys are content hashes, spread at random over the key space; counting keys
        # (f"{i:064x}") would land every insert at the end of each index and flatter the rate.
        key = hashlib.sha256(str(i).encode()).hexdigest()
        docs.append(dataclasses.replace(d, source=dataclasses.replace(d.source, sha256=key)))
    layers = sum(len(d.entities) + len(d.attributions) + len(d.claims) + len(d.timexes) + len(d.places)
                 + len(d.events) for d in docs[prefill:]) / n
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "w.db") as store:
        store.link_entities = link
        for i in range(0, prefill, 500):
            store.put_many(docs[i:min(i + 500, prefill)])
        store.index_pending()
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(prefill, prefill + n, per_txn):
            store.put_many(docs[i:i + per_txn])
        # The search indexes take articles in batches (SEARCH_BATCH): the last, partial batch is work of
        # these inserts too, so it is timed here rather than left to close().
        store.index_pending()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"docs": n, "rate": n / wall, "cpu_rate": n / cpu, "annotations": layers, "per_txn": per_txn,
            "prefill": prefill, "link": link}


def bench_linking(sample: list[Any], n: int = 2000, repeat: int = 3) -> dict[str, float]:
    """Insert rates with and without corpus-entity linking, measured alternately in this process.

    The host is shared, so each setting runs `repeat` times, interleaved, and the best run of
    each counts (the one least disturbed). "cpu" rates are documents per second of this
    process's CPU time (time.process_time), "wall" rates per second of elapsed time.
    """
    runs: dict[bool, list[dict[str, float]]] = {True: [], False: []}
    for _ in range(repeat):
        for link in (True, False):
            runs[link].append(bench_insert(sample, n=n, link=link))
    best = {k: max(v, key=lambda r: r["cpu_rate"]) for k, v in runs.items()}
    return {"link_wall": max(r["rate"] for r in runs[True]), "link_cpu": best[True]["cpu_rate"],
            "nolink_wall": max(r["rate"] for r in runs[False]), "nolink_cpu": best[False]["cpu_rate"],
            "link_ms": 1000 / best[True]["cpu_rate"] - 1000 / best[False]["cpu_rate"],
            "annotations": best[True]["annotations"], "docs": n, "repeat": repeat}


def bench_regroup(n: int = 4000, new: int = 8) -> dict[str, float]:
    """Seconds (CPU) to group `new` articles against a store of `n` (what `ingest` does at the end of
    a run) and to regroup the whole store (`dupes --full`), on synthetic articles."""
    from newsgraph.corpus.dupes import update_store_groups
    from newsgraph.store import open_store

    docs = list(_scripts().articles(n + new, seed=9))
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "g.db") as store:
        store.link_entities = False
        for i in range(0, n, 500):
            store.put_many(docs[i:min(i + 500, n)])
        c0 = time.process_time()
        update_store_groups(store)
        first = time.process_time() - c0
        store.put_many(docs[n:])
        c0 = time.process_time()
        update_store_groups(store)
        incremental = time.process_time() - c0
        c0 = time.process_time()
        update_store_groups(store, full=True)
        full = time.process_time() - c0
    return {"store": n, "new": new, "first": first, "incremental": incremental, "full": full}


def bench_fts(queries_n: int = 300) -> dict[str, Any]:
    from newsgraph.store import open_store, queries

    built = None
    if not FTS_DB.exists():
        built = _scripts().build(FTS_DB, N_FTS)
    rng = random.Random(2)
    mod = _scripts()
    vocab = mod.vocabulary(30_000, random.Random(6))
    terms = [rng.choice(vocab[:3000]) for _ in range(queries_n // 3)]
    terms += [rng.choice(mod.TOPIC_WORDS) for _ in range(queries_n // 3)]
    terms += [f"{rng.choice(vocab[:3000])} {rng.choice(vocab[:3000])}" for _ in range(queries_n // 3)]
    timings: dict[str, list[float]] = {"search (articles + quotes, bm25, snippets, top 20)": [],
                                       "quotes --about WORD": []}
    with open_store(FTS_DB, readonly=True) as store:
        n_articles = store.counts()["articles"]
        queries.search(store, "warmup")
        for term in terms:
            t0 = time.perf_counter()
            queries.search(store, term, limit=20)
            timings["search (articles + quotes, bm25, snippets, top 20)"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            queries.quotes(store, about=term, limit=20)
            timings["quotes --about WORD"].append(time.perf_counter() - t0)
    out = {"articles": n_articles, "built_s": built}
    for name, ts in timings.items():
        ts.sort()
        out[name] = (statistics.median(ts) * 1000, ts[int(len(ts) * 0.95) - 1] * 1000)
    return out


def bench_dupes() -> list[tuple[int, float]]:
    from newsgraph.corpus.dupes import find_copies

    mod = _scripts()
    rows = []
    for n in (2500, 10000):
        texts = {d.source.id: d.article.text for d in mod.articles(n, seed=9)}
        t0 = time.perf_counter()
        find_copies(texts)
        rows.append((n, time.perf_counter() - t0))
    return rows


def main() -> str:
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores", flush=True)
    docs = _pages(N_INGEST)
    one = bench_ingest(docs, 1)
    print("ingest --jobs 1", one, flush=True)
    two = bench_ingest(docs, 2)
    print("ingest --jobs 2", two, flush=True)
    from newsgraph.pipeline import get_pipeline

    analysed = [d for d in get_pipeline(_settings()).process_batch(docs[:24]) if hasattr(d, "article")]
    # With and without linking entities to corpus entities, alternately: what linking costs.
    lk = bench_linking(analysed, repeat=int(os.environ.get("BENCH_STORE_REPEAT", "3")))
    print("insert with / without linking", lk, flush=True)
    regroup = bench_regroup()
    print("regroup", regroup, flush=True)
    # `newsgraph load` writes a whole Parquet folder in one transaction.
    bulk = bench_insert(analysed, per_txn=500)
    print("insert, bulk", bulk, flush=True)
    full = bench_insert(analysed, prefill=PREFILL)
    print("insert, into a filled store", full, flush=True)
    fts = bench_fts()
    print("fts", fts, flush=True)
    dup = bench_dupes()
    print("dupes", dup, flush=True)
    keys = [k for k in fts if k not in ("articles", "built_s")]
    lines = [
        f"Measured with `make bench` (bench/bench_store.py); load average {load:.1f} on {os.cpu_count()} shared "
        "cores at the start, so wall-clock rates are what this busy machine gave.",
        "",
        f"Stages: {', '.join(_stage_names())}.",
        "",
        f"| ingest of {one['docs']} NAEB HTML pages | seconds | docs/s (whole run) | docs/s (steady) | "
        "peak RSS per worker |",
        "|---|---:|---:|---:|---:|",
        f"| --jobs 1 | {one['seconds']:.1f} | {one['rate']:.2f} | {one['steady']:.2f} | {one['rss_mb']:.0f} MB |",
        f"| --jobs 2 | {two['seconds']:.1f} | {two['rate']:.2f} | {two['steady']:.2f} | {two['rss_mb']:.0f} MB |",
        f"| scaling 2 vs 1 | | {two['rate'] / one['rate']:.2f}x | {two['steady'] / one['steady']:.2f}x | "
        "(target >= 1.7x) |",
        "",
        f"Store insert without analysis ({lk['docs']} analysed documents, {lk['annotations']:.0f} annotations "
        "each on average, 8 per transaction as `ingest` writes them; target >= 500 docs/s with linking; "
        f"best of {lk['repeat']} interleaved runs each; wall = elapsed time, CPU = this process's CPU time):",
        "",
        "| store insert, 8 per transaction | docs/s wall | docs/s of CPU time |",
        "|---|---:|---:|",
        f"| entities linked to corpus entities | {lk['link_wall']:.0f} | {lk['link_cpu']:.0f} |",
        f"| without linking | {lk['nolink_wall']:.0f} | {lk['nolink_cpu']:.0f} |",
        f"| cost of linking | | {lk['link_ms']:.2f} ms of CPU per document |",
        "",
        f"{bulk['rate']:.0f} docs/s wall, {bulk['cpu_rate']:.0f} of CPU time 500 per transaction as `load` writes; "
        f"{full['rate']:.0f} docs/s wall, {full['cpu_rate']:.0f} of CPU time 8 per transaction into a store "
        f"already holding {full['prefill']:,} documents.",
        "",
        f"| FTS over {fts['articles']:,} synthetic articles | p50 | p95 (target <= 50 ms) |",
        "|---|---:|---:|",
    ]
    lines += [f"| {k} | {fts[k][0]:.1f} ms | {fts[k][1]:.1f} ms |" for k in keys]
    if fts["built_s"]:
        lines.append(f"\n(the synthetic store was built in {fts['built_s']:.0f}s)")
    lines += ["", f"Grouping copies in a store of {regroup['store']:,} synthetic articles (CPU seconds): "
              f"{regroup['new']} new articles against the store {regroup['incremental']:.2f} s (what `ingest` "
              f"and `load` do), the whole store again {regroup['full']:.1f} s (`dupes --full`)."]
    lines += ["", "| near-duplicate grouping (in memory) | seconds | per 1,000 docs |", "|---|---:|---:|"]
    lines += [f"| {n:,} synthetic texts | {s:.1f} | {s / n * 1000:.2f} s |" for n, s in dup]
    text = "\n".join(lines)
    print(text)
    return text


if __name__ == "__main__":
    main()
