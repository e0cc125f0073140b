"""Cost of the claims (figures) stage against bare spaCy `nlp.pipe`, on the PolNeAR dev texts.

Both are measured in the same run on the same texts (each PolNeAR document
once, though several annotators may have marked it): first the spaCy parse
(the reference), then the stages the claims stage reads (entities,
attributions, timexes), untimed, and then the claims stage alone on those
contexts, best of three since it is short and the machine is shared.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.polnear import DATA, parse_reference, parsed_contexts

ROOT = Path(__file__).resolve().parents[1]


def main() -> str:
    from newsgraph.analyse.claims.stage import ClaimsStage
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
    for name in ("entities", "attributions", "timexes"):
        try:
            stage = build_stage(name, settings)
            for ctx in ctxs:
                stage(ctx)
        except Exception as exc:  # a benchmark reports, it does not fail the run
            print(f"stage {name} did not run ({type(exc).__name__}: {exc}); claims measured without it")
    claims = ClaimsStage(settings)
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        for ctx in ctxs:
            claims(ctx)
        runs.append(time.perf_counter() - t0)
    t_claims = min(runs)
    n_claims = sum(len(ctx.layer("claims")) for ctx in ctxs)
    sourced = sum(1 for ctx in ctxs for c in ctx.layer("claims") if c.source is not None)

    lines = [
        f"Claims stage on the PolNeAR dev texts ({len(texts)} documents, {chars / 1e6:.2f} M characters, "
        f"{n_claims} figures, {sourced} with a source):",
        "",
        "| step | seconds | ratio to nlp.pipe |",
        "|---|---:|---:|",
        f"| bare spaCy nlp.pipe (reference) | {t_nlp:.2f} | 1.000 |",
        f"| claims stage (best of 3) | {t_claims:.3f} | {t_claims / t_nlp:.4f} |",
        "",
        f"Claims add {100 * t_claims / t_nlp:.2f}% to the spaCy parse "
        f"({1000 * t_claims / len(texts):.2f} ms per document).",
    ]
    text = "\n".join(lines)
    print(text)
    return text


if __name__ == "__main__":
    main()
