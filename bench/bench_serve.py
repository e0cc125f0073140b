"""Server time per page on the demo database: p50 and p95 over repeated requests.

The demo articles are ingested into a temporary store, then each page is
requested through the ASGI app in process (TestClient), so the figure is the
server's own time without network. Target: under 200 ms for every page.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from importlib import resources
from pathlib import Path

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
    text = "\n".join(lines)
    print(text)
    return text


if __name__ == "__main__":
    main()
