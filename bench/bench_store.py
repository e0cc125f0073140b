"""Store, ingest and near-duplicates (issue 6).

* ingest docs/s with 1 and 2 jobs on the same pages (NAEB HTML from ../shared),
  whole run and steady state (after the first chunk is stored, so model
  loading in the workers is left out), and peak RSS per worker;
* store insert rate without analysis: analysed documents written again under
  new (random, sha256-like) content hashes, 8 per transaction as `ingest` writes them,
  into an empty store and into one already holding 30,000 documents;
* FTS query p50/p95 over a synthetic store of 100,000 articles made by
  scripts/make_synthetic_store.py (cached in /tmp, never committed);
* near-duplicate grouping time on 2,500 and 10,000 synthetic texts (near-linear?).

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
        t0, c0 = time.perf_counter(), time.process_time()
        for i in range(prefill, prefill + n, per_txn):
            store.put_many(docs[i:i + per_txn])
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"docs": n, "rate": n / wall, "cpu_rate": n / cpu, "annotations": layers, "per_txn": per_txn,
            "prefill": prefill, "link": link}


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
    ins = bench_insert(analysed)
    print("insert", ins, flush=True)
    # The same run without linking entities to corpus entities: what linking costs.
    unlinked = bench_insert(analysed, link=False)
    print("insert, no linking", unlinked, flush=True)
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
        f"Stages: {', '.join(_settings().stages)}.",
        "",
        f"| ingest of {one['docs']} NAEB HTML pages | seconds | docs/s (whole run) | docs/s (steady) | "
        "peak RSS per worker |",
        "|---|---:|---:|---:|---:|",
        f"| --jobs 1 | {one['seconds']:.1f} | {one['rate']:.2f} | {one['steady']:.2f} | {one['rss_mb']:.0f} MB |",
        f"| --jobs 2 | {two['seconds']:.1f} | {two['rate']:.2f} | {two['steady']:.2f} | {two['rss_mb']:.0f} MB |",
        f"| scaling 2 vs 1 | | {two['rate'] / one['rate']:.2f}x | {two['steady'] / one['steady']:.2f}x | "
        "(target >= 1.7x) |",
        "",
        f"Store insert without analysis: {ins['rate']:.0f} docs/s wall, {ins['cpu_rate']:.0f} docs/s of CPU time "
        f"({ins['docs']} analysed documents, {ins['annotations']:.0f} annotations each on average, "
        "8 per transaction as `ingest` writes them, entities linked to corpus entities; target >= 500); "
        f"without linking {unlinked['rate']:.0f} docs/s wall, {unlinked['cpu_rate']:.0f} of CPU time, so linking "
        f"costs {1000 / ins['cpu_rate'] - 1000 / unlinked['cpu_rate']:.2f} ms of CPU per document; "
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
    lines += ["", "| near-duplicate grouping (in memory) | seconds | per 1,000 docs |", "|---|---:|---:|"]
    lines += [f"| {n:,} synthetic texts | {s:.1f} | {s / n * 1000:.2f} s |" for n, s in dup]
    text = "\n".join(lines)
    print(text)
    return text


if __name__ == "__main__":
    main()
