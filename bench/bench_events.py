"""Cost of the events stage against bare spaCy `nlp.pipe` and the full pipeline, on the PolNeAR dev texts.

Measured in one run on the same texts (each PolNeAR document once):
1. bare `nlp.pipe` (the reference);
2. every stage before events (entities, attributions, timexes, places,
   claims), each timed, so the full pipeline time is the parse plus them plus
   events;
3. the events stage alone on those contexts, best of three since it is short
   and the machine is shared.
The issue's budget: events may add at most 15% to the full pipeline time.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.polnear import DATA, parse_reference, parsed_contexts

ROOT = Path(__file__).resolve().parents[1]
BEFORE = ("entities", "attributions", "timexes", "places", "claims")


def main() -> str:
    from newsgraph.analyse.events.stage import EventsStage
    from newsgraph.pipeline.registry import build_stage
    from newsgraph.settings import Settings

    if not DATA.exists():
        msg = f"{DATA} is missing; nothing measured"
        print(msg)
        return msg
    texts, docs, t_nlp = parse_reference()
    chars = sum(len(t) for t in texts)

    settings = Settings()
    ctxs = parsed_contexts(texts, docs)
    t_before = 0.0
    ran = []
    for name in BEFORE:
        try:
            stage = build_stage(name, settings)
            t0 = time.perf_counter()
            for ctx in ctxs:
                stage(ctx)
            took = time.perf_counter() - t0
            t_before += took
            ran.append(name)
            print(f"  {name}: {took:.2f} s", flush=True)
        except Exception as exc:  # a benchmark reports, it does not fail the run
            print(f"stage {name} did not run ({type(exc).__name__}: {exc}); events measured without it")
    events = EventsStage(settings)
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        for ctx in ctxs:
            events(ctx)
        runs.append(time.perf_counter() - t0)
    t_events = min(runs)
    n_events = sum(len(ctx.layer("events")) for ctx in ctxs)
    t_full = t_nlp + t_before + t_events
    lines = [
        f"PolNeAR dev: {len(texts)} documents, {chars:,} characters, {n_events} events coded",
        f"bare nlp.pipe:                 {t_nlp:7.2f} s",
        f"stages before events ({', '.join(ran)}): {t_before:7.2f} s",
        f"events stage (best of 3):      {t_events:7.2f} s",
        f"events / bare nlp.pipe:        {t_events / t_nlp:7.3f}",
        f"events / full pipeline:        {t_events / t_full:7.3f}  (budget 0.15)",
    ]
    out = "\n".join(lines)
    print(out)
    return out


if __name__ == "__main__":
    main()
