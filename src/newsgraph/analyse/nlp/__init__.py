"""The nlp layer: sentences, tokens, tags and the dependency parse (spaCy)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.pipeline.stage import HandOff

if TYPE_CHECKING:
    from spacy.tokens import Doc

SPACY_DOC: HandOff[Doc] = HandOff("spacy_doc", "the parsed spaCy Doc of the article text (sentences, tokens, parse)")
