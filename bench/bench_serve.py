"""Server time per page: p50 and p95 over repeated requests.

The demo articles are ingested into a temporary store, then each page is
requested through the ASGI app in process (TestClient), so the figure is the
server's own time without network. Target: under 200 ms for every page.

Then every page type over a synthetic store of 10,000 articles (issue 18:
p95 at most 50 ms), with the first request of each page (a cold server, before
it keeps the store-wide answers) reported on its own.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

REPEAT = 30


def main() -> str:
    from fastapi.testclient import TestClient

    from newsgraph.ingest import iter_inputs
    from newsgraph.pipeline import get_pipeline
    from newsgraph.serve import ServeConfig, create_app
    from newsgraph.settings import load_settings
    from newsgraph.store import open_store, queries

    examples = str(resources.files("newsgraph").joinpath("data/examples"))
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        with open_store(db) as store:
            store.put_many(get_pipeline(settings).run(iter_inputs([examples], settings)))
            doc = queries.articles(store, limit=1)[0]["doc"]
            person = (queries.entities(store, type="PERSON", top=1) or [{"name": "nobody"}])[0]["name"]
        client = TestClient(create_app(ServeConfig(db=str(db))), base_url="http://127.0.0.1")  # an allowed Host
        pages = {
            "home /": "/",
            "article /articles/{doc}": f"/articles/{doc}",
            "quote explorer /quotes?speaker=": "/quotes?speaker=" + person.split()[-1],
            "entity /entity/{name}": f"/entity/{person}",
            "syndication /dupes": "/dupes",
            "analyse form /analyze": "/analyze",
            "api /api/articles/{doc}": f"/api/articles/{doc}",
            "api /api/search?q=": "/api/search?q=council",
        }
        rows = []
        for label, path in pages.items():
            client.get(path)  # warm caches and templates
            times = []
            for _ in range(REPEAT):
                t0 = time.perf_counter()
                resp = client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                assert resp.status_code == 200, (path, resp.status_code)
            times.sort()
            rows.append((label, statistics.median(times), times[int(0.95 * (len(times) - 1))]))
    lines = [f"Server time per page on the demo database ({REPEAT} requests each, in process):", "",
             "| page | p50 ms | p95 ms |", "|---|---:|---:|"]
    lines += [f"| {label} | {p50:.1f} | {p95:.1f} |" for label, p50, p95 in rows]
    lines += ["", *large_store()]
    text = "\n".join(lines)
    print(text)
    return text


def _time(client: Any, path: str) -> tuple[float, float, list[float]]:
    # The first request also in CPU time: the app runs in this process (TestClient), and on a host shared
    # with other work the wall time of one request says more about the neighbours than about the page.
    c0, t0 = time.process_time(), time.perf_counter()
    resp = client.get(path)
    cold = (time.perf_counter() - t0) * 1000
    cold_cpu = (time.process_time() - c0) * 1000
    assert resp.status_code in (200, 404), (path, resp.status_code)
    times = []
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
    return cold, cold_cpu, sorted(times)


def large_store() -> list[str]:
    """Every page type on the 10,000-article synthetic store (NEWSGRAPH_BENCH_10K names another store)."""
    import os

    from fastapi.testclient import TestClient

    from newsgraph.serve import ServeConfig, create_app
    from newsgraph.store import open_store, queries

    if os.environ.get("NEWSGRAPH_BENCH_10K"):
        db = Path(os.environ["NEWSGRAPH_BENCH_10K"])
    else:
        from bench.bench_api_load import _store

        db = _store()
    with open_store(db) as store:  # migrated first if it is an older store
        doc = queries.articles(store, limit=1)[0]
        person = queries.most_quoted(store, top=1)[0]
        n = store.counts().get("articles", 0)
    client = TestClient(create_app(ServeConfig(db=str(db))), base_url="http://127.0.0.1")
    pages = {
        "home /": "/",
        "home, page 50": "/?page=50",
        "article search /?q=": "/?q=tariff",
        "article /articles/{doc}": f"/articles/{doc['doc']}",
        "quote explorer /quotes": "/quotes",
        "quote explorer, page 100": "/quotes?page=100",
        "quote explorer, sorted by speaker": "/quotes?sort=speaker",
        "quote explorer, speaker facet": f"/quotes?speaker={person['corpus_id']}",
        "quote explorer, topic": "/quotes?q=tariff",
        "speaker /entity/{id}": f"/entity/{person['corpus_id']}",
        "events /events": "/events",
        "stories /stories": "/stories",
        "story /stories/{id}": f"/stories/{doc['story_id']}",
        "API reference /api/docs": "/api/docs",
        "not found": "/no/such/page",
    }
    lines = [f"Every page type on a synthetic store of {n:,} articles ({REPEAT} requests each after the first, "
             "in process):", "", "| page | first request ms | first request CPU ms | p50 ms | p95 ms |",
             "|---|---:|---:|---:|---:|"]
    for label, path in pages.items():
        cold, cold_cpu, times = _time(client, path)
        lines.append(f"| {label} | {cold:.0f} | {cold_cpu:.0f} | {statistics.median(times):.1f} | "
                     f"{times[int(0.95 * (len(times) - 1))]:.1f} |")
    print("\n".join(lines))
    return lines


if __name__ == "__main__":
    main()
