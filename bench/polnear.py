"""The PolNeAR dev texts and hand-built contexts that the per-stage benches share.

Each stage bench parses the texts once with bare `nlp.pipe` (the reference)
and then times its stage alone on contexts built here around those parses.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "quotes" / "polnear" / "polnear_dev.jsonl"


def polnear_items() -> list[tuple[str, str]]:
    """(document id, text), one per article (PolNeAR has a line per annotator; the first one counts)."""
    seen: set[str] = set()
    items = []
    with open(DATA, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if rec["doc"] not in seen:
                    seen.add(rec["doc"])
                    items.append((rec["doc"], rec["text"]))
    return items


def polnear_texts() -> list[str]:
    """One text per article."""
    return [text for _, text in polnear_items()]


def parsed_contexts(texts: list[str], docs: list[Any], reference_date: str = "2016-10-01") -> list[Any]:
    """AnalysisContexts holding already-parsed spaCy docs, as the nlp stage leaves them."""
    from newsgraph.analyse.nlp import SPACY_DOC
    from newsgraph.model import Article, RawDocument, SourceRef
    from newsgraph.pipeline.stage import AnalysisContext
    from newsgraph.settings import Settings

    out = []
    for i, (text, doc) in enumerate(zip(texts, docs)):
        raw = RawDocument(source=SourceRef(str(i), "bench:", "", "text"), data=b"", kind="text", raw=True)
        ctx = AnalysisContext(raw=raw, article=Article(title=None, text=text), settings=Settings(),
                              reference_date=reference_date)
        ctx.put(SPACY_DOC, doc)
        out.append(ctx)
    return out


def parse_reference(clock: Any = None) -> tuple[list[str], list[Any], float]:
    """The texts, their spaCy parses and the time bare `nlp.pipe` took: the reference.

    NEWSGRAPH_BENCH_LIMIT=N keeps the first N texts, for a quicker run on a busy machine.
    `clock` is time.perf_counter (wall) unless a bench asks for time.process_time (CPU).
    """
    import os
    import time

    from newsgraph.analyse.nlp.stage import load_nlp

    clock = clock or time.perf_counter
    texts = polnear_texts()
    limit = int(os.environ.get("NEWSGRAPH_BENCH_LIMIT", "0") or 0)
    if limit:
        texts = texts[:limit]
    nlp = load_nlp()
    list(nlp.pipe(texts[:4]))  # warm-up
    t0 = clock()
    docs = list(nlp.pipe(texts, batch_size=32))
    return texts, docs, clock() - t0
