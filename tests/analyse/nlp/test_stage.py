"""The nlp stage parses a pipeline batch in runs bounded by length, with the same result as one by one."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, TAG

import newsgraph.analyse.nlp.stage as nlp_module
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.nlp.stage import NlpStage, _by_length
from newsgraph.model import Article, RawDocument, SourceRef
from newsgraph.pipeline.stage import AnalysisContext
from newsgraph.settings import Settings

STORIES = [
    "The Marrow Valley council voted on Tuesday to delay the bridge repairs, its chair Ada Quist said.",
    "Port Wrenfield's harbour master said ships would wait outside the breakwater until Friday.",
    "Talks between the two farmers' unions ended without a deal, according to a statement.",
    "“We are not done,” said Tomas Velde, who leads the dock workers in Elanbury.",
]


def _ctx(text: str) -> AnalysisContext:
    src = SourceRef(id="t", uri="test:", sha256="0", format="text")
    return AnalysisContext(raw=RawDocument(source=src, data=text.encode(), kind="text", raw=True),
                           article=Article(title=None, text=text), settings=Settings(), reference_date=None)


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
        assert ctx.get(SPACY_DOC).text == ctx.text
        assert (ctx.get(SPACY_DOC).to_array(attrs) == alone.get(SPACY_DOC).to_array(attrs)).all()


def test_pieces_cut_at_breaks_and_keep_every_character() -> None:
    from newsgraph.analyse.nlp.stage import paragraph_pieces

    text = "\n\n".join(STORIES * 6)
    pieces = paragraph_pieces(text, 300)
    assert "".join(pieces) == text
    assert all(len(p) <= 300 + 2 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])  # never inside a paragraph
    one_line = " ".join(STORIES * 4)
    assert "".join(paragraph_pieces(one_line, 200)) == one_line
    assert all(p.endswith(". ") or p.endswith(", ") or p.endswith(" ") for p in paragraph_pieces(one_line, 200)[:-1])
    assert paragraph_pieces("short", 300) == ["short"]


def test_a_long_text_is_parsed_in_pieces_into_one_doc(monkeypatch: pytest.MonkeyPatch) -> None:
    stage = NlpStage(Settings())
    monkeypatch.setattr(nlp_module, "PIPE_CHARS", 400)
    seen: list[int] = []
    real_pipe = stage.nlp.pipe

    def pipe(texts: Any, **kw: Any) -> Any:
        texts = list(texts)
        seen.extend(len(t) for t in texts)
        return real_pipe(texts, **kw)

    monkeypatch.setattr(stage.nlp, "pipe", pipe)
    text = "\n\n".join(STORIES * 5)
    ctx = _ctx(text)
    stage(ctx)
    doc = ctx.get(SPACY_DOC)
    assert doc.text == text
    assert len(seen) > 3 and max(seen) <= 402
    assert all(text[e.start_char : e.end_char] == e.text for e in doc.ents)
    assert {e.text for e in doc.ents} >= {"Ada Quist", "Tomas Velde", "Tuesday"}
    assert all("\n\n" not in s.text.strip() for s in doc.sents)
    assert doc.has_annotation("DEP") and doc.has_annotation("TAG")


def test_a_line_break_ends_a_sentence() -> None:
    nlp = nlp_module.load_nlp()
    text = ("HARBOR CITY (Wire) — The Latest on the dock strike (all times local):\n\n7 p.m.\n\n"
            "Mayor Ada Quist is once again questioning the port's figures, urging workers to wait.")
    doc = nlp(text)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "HARBOR CITY (Wire) — The Latest on the dock strike (all times local):"
    assert sents[-1].startswith("Mayor Ada Quist is once again")
    # the first verb of the story is the mayor's, not the dateline's
    verb = next(t for t in doc if t.text == "questioning")
    assert [c.text for c in verb.children if c.dep_ == "nsubj"] == ["Quist"]
