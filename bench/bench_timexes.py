"""Cost of the timexes stage against bare spaCy `nlp.pipe`, on the PolNeAR dev texts.

Both are measured in the same run on the same texts: first the spaCy parse
(the reference), then the timexes stage alone on the parsed documents (the
pattern pass, the readings, tense look-ups and `sentence_tense`). The stage
is timed best of three, since it is short and the machine is shared. For
scale the full default pipeline's time on the same texts is measured too,
when it runs (skip it with NEWSGRAPH_BENCH_FULL=0: on a busy machine it takes
many minutes).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from bench.polnear import DATA, parse_reference, parsed_contexts

ROOT = Path(__file__).resolve().parents[1]


def _full_pipeline(texts: list[str]) -> float | None:
    from newsgraph.api import raw_document
    from newsgraph.model import RawDocument, Rejected
    from newsgraph.pipeline.runner import Pipeline
    from newsgraph.settings import load_settings

    try:
        pipeline = Pipeline(load_settings())
        raws: list[RawDocument | Rejected] = [raw_document(t, id=str(i), uri="bench:", raw=True, published="2016-10-01")
                                            for i, t in enumerate(texts)]
        pipeline.process_batch(raws[:2])  # warm-up: lazy loads inside stages
        t0 = time.perf_counter()
        pipeline.process_batch(raws)
        return time.perf_counter() - t0
    except Exception as exc:  # a benchmark reports, it does not fail the run
        print(f"full pipeline did not run: {type(exc).__name__}: {exc}")
        return None


def main() -> str:
    from newsgraph.analyse.timexes.stage import TimexesStage
    from newsgraph.settings import Settings

    if not DATA.exists():
        msg = f"{DATA} is missing; nothing measured"
        print(msg)
        return msg
    texts, docs, t_nlp = parse_reference()
    chars = sum(len(t) for t in texts)
    print(f"bare nlp.pipe: {t_nlp:.2f}s", flush=True)

    stage = TimexesStage(Settings())
    ctxs = parsed_contexts(texts, docs)
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        for ctx in ctxs:
            stage(ctx)
        runs.append(time.perf_counter() - t0)
    t_timex = min(runs)
    print(f"timexes stage: {t_timex:.3f}s (runs {', '.join(f'{r:.3f}' for r in runs)})", flush=True)
    found = sum(len(ctx.layer("timexes")) for ctx in ctxs)
    t_full = _full_pipeline(texts) if os.environ.get("NEWSGRAPH_BENCH_FULL", "1") != "0" else None

    lines = [
        "### Timexes",
        "",
        f"`python -m bench bench_timexes`: {len(texts)} PolNeAR dev texts ({chars:,} characters), "
        f"{found} timexes found.",
        "",
        "| measured | seconds | ratio to bare `nlp.pipe` |",
        "|---|---:|---:|",
        f"| bare spaCy `nlp.pipe` (reference) | {t_nlp:.2f} | 1.000 |",
        f"| timexes stage alone (best of 3) | {t_timex:.3f} | {t_timex / t_nlp:.3f} |",
    ]
    if t_full is not None:
        lines.append(f"| full default pipeline, all stages | {t_full:.2f} | {t_full / t_nlp:.3f} |")
        lines += ["", f"The timexes stage is {100 * t_timex / t_full:.1f}% of the full pipeline's time."]
    section = "\n".join(lines)
    print(section)
    return section
