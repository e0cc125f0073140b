"""The places tests' pipeline and the one way they turn a fictional text into an analysed document."""

from __future__ import annotations

import hashlib

import pytest

from newsgraph.model import AnalyzedDocument, RawDocument, SourceRef
from newsgraph.pipeline.runner import Pipeline
from newsgraph.settings import load_settings

STAGES = ("nlp", "entities", "places")


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(load_settings().replace(stages=STAGES))


def raw_text(text: str, url: str | None = None) -> RawDocument:
    data = text.encode("utf-8")
    return RawDocument(SourceRef("t", url or "test:", hashlib.sha256(data).hexdigest(), "text"), data, "text",
                       url=url, raw=True)


def analyse(pipe: Pipeline, text: str, url: str | None = None) -> AnalyzedDocument:
    out = pipe.process(raw_text(text, url))
    assert isinstance(out, AnalyzedDocument), out
    return out
