"""First contentful paint of the article page in Chromium, this checkout against a reference checkout.

Issue 18 asks that the newsroom UI leave the first paint of the article page
unchanged. Each checkout ingests the seed article (../shared/seed) into a store
of its own with its own code, serves it with its own `newsgraph serve`, and
Chromium (Debian's, through Playwright) loads the seed's /articles/{id} page
LOADS times in a fresh browser context (an empty cache) each time, reading
`performance.getEntriesByType('paint')`. Loads of the two servers alternate,
so both see the same load from other work on the host, and which of the two
goes first alternates too. Also reported: the bytes of HTML, CSS and script
the page needs before it can paint.

    NEWSGRAPH_PAINT_REF=/path/to/reference/checkout python -m bench bench_paint

Without NEWSGRAPH_PAINT_REF only this checkout is measured. Without Chromium
or Playwright the benchmark says so and measures nothing.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.servers import serve

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_d83e9b355770aa0a.txt"
CHROMIUM = "/usr/bin/chromium"
LOADS = int(os.environ.get("NEWSGRAPH_PAINT_LOADS", "21"))


def _env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree / "src")}


class _Server:
    """One checkout's store (the seed alone) and its server."""

    def __init__(self, tree: Path, tmp: Path):
        self.db = tmp / f"{tree.name}.db"
        done = subprocess.run([sys.executable, "-m", "newsgraph", "ingest", str(SEED), "--db", str(self.db),
                               "--jobs", "1"], cwd=tree, env=_env(tree), capture_output=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"ingest with {tree} failed: {done.stderr.decode()[-500:]}")
        self.proc, self.url = serve(self.db, cwd=tree, env=_env(tree))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)


def _article_url(browser: Any, server: _Server) -> str:
    ctx = browser.new_context()
    doc = ctx.request.get(server.url + "/api/articles?limit=1").json()["items"][0]["doc"]
    ctx.close()
    return f"{server.url}/articles/{doc}"


def _load(browser: Any, url: str) -> tuple[float, int]:
    """One load in a fresh context: first contentful paint (ms) and the bytes fetched before it."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 900})
    page = ctx.new_page()
    page.goto(url, wait_until="load")
    fcp = page.evaluate("""() => new Promise(done => {
        const find = () => performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');
        const hit = find();
        if (hit) return done(hit.startTime);
        new PerformanceObserver(() => { const e = find(); if (e) done(e.startTime); })
            .observe({type: 'paint', buffered: true});
    })""")
    size = page.evaluate("""() => performance.getEntriesByType('navigation')[0].encodedBodySize +
        performance.getEntriesByType('resource').filter(r => r.startTime < performance.getEntriesByType('paint')
        .find(e => e.name === 'first-contentful-paint').startTime).reduce((n, r) => n + r.encodedBodySize, 0)""")
    ctx.close()
    return float(fcp), int(size)


def main() -> str:
    if not Path(CHROMIUM).exists():
        msg = f"bench_paint skipped: no Chromium at {CHROMIUM} (apt-get install chromium)"
        print(msg)
        return msg
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        msg = "bench_paint skipped: Playwright is not installed (pip install 'newsgraph[dev]')"
        print(msg)
        return msg
    if not SEED.exists():
        msg = f"bench_paint skipped: the seed article {SEED} is missing (../shared)"
        print(msg)
        return msg
    trees = {"this checkout": ROOT}
    if os.environ.get("NEWSGRAPH_PAINT_REF"):
        trees["reference"] = Path(os.environ["NEWSGRAPH_PAINT_REF"]).resolve()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        servers = {name: _Server(tree, Path(tmp)) for name, tree in trees.items()}
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            urls = {name: _article_url(browser, s) for name, s in servers.items()}
            for url in urls.values():
                _load(browser, url)  # each server's first answer renders its templates: not a paint figure
            found: dict[str, list[tuple[float, int]]] = {name: [] for name in urls}
            for i in range(LOADS):
                # alternating, so both share the host's load; which goes first alternates too, since the
                # first load of a pair runs right after the previous pair's contexts closed
                for name, url in (list(urls.items()) if i % 2 == 0 else list(urls.items())[::-1]):
                    found[name].append(_load(browser, url))
            browser.close()
        finally:
            for s in servers.values():
                s.stop()
    lines = [f"First contentful paint of the seed's article page in Chromium ({LOADS} loads each, alternating, "
             "fresh context per load):", "", "| checkout | FCP median ms | FCP p25–p75 ms | bytes before paint |",
             "|---|---:|---:|---:|"]
    for name, runs in found.items():
        fcp = sorted(r[0] for r in runs)
        q = statistics.quantiles(fcp, n=4)
        lines.append(f"| {name} ({trees[name]}) | {statistics.median(fcp):.0f} | {q[0]:.0f}–{q[2]:.0f} | "
                     f"{statistics.median(r[1] for r in runs):,.0f} |")
    if len(found) == 2:
        a, b = ([r[0] for r in runs] for runs in found.values())
        ratios = sorted(x / y for x, y in zip(a, b))
        lines.append("")
        lines.append(f"Median of the per-pair ratios (this / reference): {statistics.median(ratios):.2f}")
    text = "\n".join(lines)
    print(text)
    return text


if __name__ == "__main__":
    main()
