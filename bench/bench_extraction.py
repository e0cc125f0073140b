"""Extraction speed and memory on the AEB pages (issue 2).

Speed: pages/s of our HTML stage (`newsgraph.extract.extract`: decoding,
metadata, trafilatura, news filters) against `trafilatura.extract` alone, on
the same decoded pages in the same run. Each side runs several rounds,
alternating, and the fastest round counts: the machine is shared, and the
fastest round is the one least disturbed by other work.

Memory: peak RSS of one `newsgraph analyze` process over the whole AEB set,
once with extraction only and twice with every analysis stage: first with an
empty gazetteer cache (the process builds the gazetteer), then with the cache
it wrote. Issue 2's target is 600 MB for the whole set in one process; the
bench says whether each run is within it. The two full runs take about 40 s
each on an idle machine; NEWSGRAPH_BENCH_FULL=0 skips them.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AEB = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared")) / "data/extraction/scrapinghub_aeb"
ROUNDS = 3
TARGET_MB = 600  # issue 2: peak RSS of one process over the whole AEB set


def _pages() -> list[tuple[str, bytes]]:
    return [(p.name, gzip.decompress(p.read_bytes())) for p in sorted((AEB / "html").glob("*.html.gz"))]


def _time_ours(pages: list[tuple[str, bytes]]) -> float:
    from newsgraph.errors import NewsgraphError
    from newsgraph.extract import extract
    from newsgraph.ingest.files import sha256
    from newsgraph.model import RawDocument, SourceRef
    from newsgraph.settings import Settings

    settings = Settings()
    raws = [RawDocument(source=SourceRef(id=n, uri="bench:", sha256=sha256(b), format="html"), data=b, kind="html")
            for n, b in pages]
    t0 = time.perf_counter()
    for raw in raws:
        try:
            extract(raw, settings)
        except NewsgraphError:
            pass
    return time.perf_counter() - t0


def _time_trafilatura(pages: list[tuple[str, bytes]], comments: bool) -> float:
    import trafilatura

    # trafilatura gets the decoded text, as our stage decodes its bytes itself
    texts = [b.decode("utf-8", "replace") for _n, b in pages]
    t0 = time.perf_counter()
    for text in texts:
        trafilatura.extract(text, include_comments=comments)
    return time.perf_counter() - t0


# The child reports its own VmHWM when it exits. ru_maxrss from wait4 cannot be used: on
# exec Linux keeps the high-water mark of the forked copy of this (large) bench process,
# so every child would report at least the parent's size.
_HWM_WRAPPER = (
    "import atexit, runpy, sys\n"
    "from newsgraph.corpus.ingest import peak_rss_mb\n"
    "out = sys.argv.pop(1)\n"
    "def hwm():\n"
    "    with open(out, 'w') as w:\n"
    "        w.write(str(peak_rss_mb()))\n"
    "atexit.register(hwm)\n"
    "sys.argv[0] = 'newsgraph'\n"
    "runpy.run_module('newsgraph', run_name='__main__')\n"
)


def _peak_rss_mb(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(peak RSS in MB, wall seconds) of one CLI process."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "hwm"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", _HWM_WRAPPER, str(out), *args], cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        elapsed = time.perf_counter() - t0
        return float(out.read_text()), elapsed


def main() -> str:
    if not AEB.is_dir():
        msg = f"skipped: {AEB} is missing"
        print(msg)
        return msg
    pages = _pages()
    n = len(pages)
    _time_ours(pages[:5])  # import and warm up both sides before timing
    _time_trafilatura(pages[:5], comments=False)
    ours, theirs, theirs_default = [], [], []
    for _ in range(ROUNDS):
        ours.append(_time_ours(pages))
        theirs.append(_time_trafilatura(pages, comments=False))
        theirs_default.append(_time_trafilatura(pages, comments=True))
    o, t, td = min(ours), min(theirs), min(theirs_default)
    with tempfile.TemporaryDirectory() as d:
        cfg = Path(d) / "extract-only.toml"
        cfg.write_text("stages = []\n", encoding="utf-8")
        html_dir = str(AEB / "html")
        rss_extract, wall_extract = _peak_rss_mb(["analyze", "--format", "jsonl", "--config", str(cfg), html_dir])
        full = os.environ.get("NEWSGRAPH_BENCH_FULL", "1") != "0"
        runs: list[tuple[str, float, float]] = []
        if full:
            # a cache folder of its own: the first run must build the gazetteer, the second reads it
            env = {**os.environ, "NEWSGRAPH_CACHE": str(Path(d) / "cache")}
            for label in ("all analysis stages, gazetteer built in the run", "all analysis stages, gazetteer cached"):
                runs.append((label, *_peak_rss_mb(["analyze", "--format", "jsonl", html_dir], env)))
    lines = [
        f"AEB pages: {n}; best of {ROUNDS} alternating rounds",
        "",
        "| | pages/s | ratio to trafilatura (comments off) |",
        "| --- | ---: | ---: |",
        f"| newsgraph HTML stage (extract) | {n / o:.1f} | {t / o:.2f}x |",
        f"| trafilatura.extract, comments off | {n / t:.1f} | 1.00x |",
        f"| trafilatura.extract, all defaults | {n / td:.1f} | {t / td:.2f}x |",
        "",
        "| one `newsgraph analyze` process over all AEB pages | peak RSS | wall |",
        "| --- | ---: | ---: |",
        f"| extraction only (`stages = []`) | {rss_extract:.0f} MB | {wall_extract:.0f} s |",
    ]
    lines += [f"| {label} | {rss:.0f} MB | {wall:.0f} s |" for label, rss, wall in runs]
    worst = max([rss_extract] + [rss for _label, rss, _wall in runs])
    verdict = "within" if worst <= TARGET_MB else "OVER"
    lines += ["", f"peak RSS check: highest {worst:.0f} MB, {verdict} the {TARGET_MB} MB target"]
    text = "\n".join(lines)
    print(text, flush=True)
    return text


if __name__ == "__main__":
    main()
