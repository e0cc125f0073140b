"""The nlp stage parses a pipeline batch in runs bounded by length, with the same result as one by one."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, TAG

import newsgraph.analyse.nlp as nlp_module
from newsgraph.analyse.nlp import NlpStage, _by_length
from newsgraph.settings import Settings

STORIES = [
    "The Marrow Valley council voted on Tuesday to delay the bridge repairs, its chair Ada Quist said.",
    "Port Wrenfield's harbour master said ships would wait outside the breakwater until Friday.",
    "Talks between the two farmers' unions ended without a deal, according to a statement.",
    "“We are not done,” said Tomas Velde, who leads the dock workers in Elanbury.",
]


def _ctx(text: str) -> Any:
    return SimpleNamespace(text=text, scratch={})


def test_runs_keep_order_and_stay_under_the_budget() -> None:
    ctxs = [_ctx("x" * n) for n in (30, 30, 50, 10, 200, 5, 5)]
    groups = _by_length(ctxs, 100)
    assert [c for g in groups for c in g] == ctxs
    assert [[len(c.text) for c in g] for g in groups] == [[30, 30], [50, 10], [200], [5, 5]]
    assert _by_length([], 100) == []


def test_batch_parses_like_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    stage = NlpStage(Settings())
    monkeypatch.setattr(nlp_module, "PIPE_CHARS", 120)  # several runs out of four short stories
    batched = [_ctx(t) for t in STORIES]
    stage.batch(batched)
    attrs = [TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, LEMMA]
    for ctx in batched:
        alone = _ctx(ctx.text)
        stage(alone)
        assert ctx.scratch["spacy"].text == ctx.text
        assert (ctx.scratch["spacy"].to_array(attrs) == alone.scratch["spacy"].to_array(attrs)).all()
