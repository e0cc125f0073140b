"""Full analysis (entities and attributions) against bare spaCy `nlp.pipe`, on the PolNeAR dev texts.

Same run, same texts (each PolNeAR document once), same model and batch size:

- reference: `nlp.pipe(texts)` with the model newsgraph loads;
- full: the real pipeline (`get_pipeline` with stages nlp, entities,
  attributions) on `RawDocument(raw=True)` inputs, which is what
  `newsgraph analyze --raw` does for these stages: extraction of the raw text,
  the same `nlp.pipe`, then the entities and attributions stages.

Each is run twice, alternating, and the faster run counts (the machine is
shared). The ratio is reference time / full time: 1.0 means the analysis
after spaCy costs nothing, 0.8 means it adds a quarter to the parse. The
stages' own times are measured separately on already-parsed documents.
"""

from __future__ import annotations

import time
from typing import Any

from bench.polnear import DATA, polnear_items


def _raws(items: list[tuple[str, str]]) -> list[Any]:
    from newsgraph.api import raw_document

    raws = []
    for doc_id, text in items:
        raws.append(raw_document(text, id=doc_id, uri=f"polnear:{doc_id}", raw=True))
    return raws


def main() -> str:
    from newsgraph.analyse.nlp.stage import load_nlp
    from newsgraph.model import Rejected
    from newsgraph.pipeline.runner import Pipeline
    from newsgraph.settings import load_settings

    if not DATA.exists():
        msg = f"{DATA} is missing; nothing measured"
        print(msg)
        return msg
    items = polnear_items()
    texts = [t for _, t in items]
    raws = _raws(items)
    settings = load_settings().replace(stages=("nlp", "entities", "attributions"))
    pipeline = Pipeline(settings)
    nlp = load_nlp(pipeline.settings.model)  # the package the setting resolved to
    nlp.pipe(texts[:2])  # warm up

    bare: list[float] = []
    full: list[float] = []
    n_atts = 0
    for _ in range(2):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=settings.batch_size):
            pass
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        out = pipeline.process_batch(list(raws))
        full.append(time.perf_counter() - t0)
        assert not any(isinstance(o, Rejected) for o in out)
        n_atts = sum(len(o.attributions) for o in out)

    # the stages alone, on parsed documents
    from newsgraph.analyse.attributions.stage import AttributionsStage
    from newsgraph.analyse.entities.stage import EntitiesStage

    ctxs = [pipeline._prepare(r) for r in raws]
    from newsgraph.analyse.nlp import SPACY_DOC

    for ctx, doc in zip(ctxs, nlp.pipe(texts, batch_size=settings.batch_size)):
        ctx.put(SPACY_DOC, doc)
    ent, att = EntitiesStage(settings), AttributionsStage(settings)
    t0 = time.perf_counter()
    for ctx in ctxs:
        ent(ctx)
    t_ent = time.perf_counter() - t0
    t0 = time.perf_counter()
    for ctx in ctxs:
        att(ctx)
    t_att = time.perf_counter() - t0

    words = sum(len(t.split()) for t in texts)
    b, f = min(bare), min(full)
    lines = [
        f"PolNeAR dev: {len(texts)} documents, {words} words, {n_atts} attributions found",
        f"bare spaCy nlp.pipe ({settings.model}): {b:.1f}s, {words / b:.0f} words/s",
        f"full analysis (nlp + entities + attributions): {f:.1f}s, {words / f:.0f} words/s",
        f"ratio full/bare rate: {b / f:.2f}x (target >= 0.8x)",
        f"stages alone on parsed docs: entities {t_ent:.2f}s, attributions {t_att:.2f}s",
    ]
    text = "\n".join(lines)
    print(text)
    return text


if __name__ == "__main__":
    main()
