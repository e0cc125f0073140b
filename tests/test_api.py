"""The public Python API: analyse a string, a file or many, and query a store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsgraph
from newsgraph.model import AnalyzedDocument, Rejected
from tests.conftest import validate

STORY = ("Ferry service resumes\n\nHarbor master Ines Calder said on Tuesday that the ferry to "
         "Gull Island would run twice a day again. “We are back on schedule,” Calder said.")


def test_analyze_a_string() -> None:
    doc = newsgraph.analyze(STORY, published="2026-03-05")
    assert isinstance(doc, AnalyzedDocument)
    speakers = {a.speaker.name for a in doc.attributions}
    assert speakers == {"Ines Calder"}
    assert any(t.value == "2026-03-03" for t in doc.timexes)
    obj = doc.to_dict()
    validate(obj)
    assert json.loads(doc.to_json())["article"]["text"] == doc.article.text


def test_the_issue_one_liner_from_a_fresh_interpreter() -> None:
    code = ("import newsgraph; print(newsgraph.analyze('Smith said the bridge will close on Friday.', "
            "published='2026-03-02').attributions[0].speaker)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "name='Smith'" in out.stdout


def test_html_with_its_url() -> None:
    html = (f"<html><head><title>Ferry service resumes</title></head><body><article><h1>Ferry service resumes</h1>"
            f"<p>{STORY.split(chr(10))[-1]}</p><p>{'The island has 900 residents. ' * 8}</p></article></body></html>")
    doc = newsgraph.analyze(html, url="https://news.example.org/2026/03/ferry")
    assert doc.source.format == "html" and doc.article.url == "https://news.example.org/2026/03/ferry"
    assert "<p>" not in doc.article.text


def test_rejection_is_a_coded_exception() -> None:
    with pytest.raises(newsgraph.RejectedInput) as err:
        newsgraph.analyze("   ")
    assert err.value.rejected.code == "R001"


def test_files_and_batches(tmp_path: Path) -> None:
    one = tmp_path / "ferry.txt"
    one.write_text(STORY, "utf-8")
    assert newsgraph.analyze_file(one).attributions
    many = tmp_path / "two.jsonl"
    many.write_text(json.dumps({"id": "a", "text": STORY}) + "\n" + json.dumps({"id": "b", "text": ""}) + "\n")
    out = list(newsgraph.analyze_files([many]))
    assert [type(d) for d in out] == [AnalyzedDocument, Rejected]
    with pytest.raises(newsgraph.RejectedInput.__mro__[1]):  # NewsgraphError: two documents in one file
        newsgraph.analyze_file(many)
    assert len(list(newsgraph.analyze_many([STORY, "A second story said nothing at all, plainly."]))) == 2


def test_open_store_and_query(tmp_path: Path) -> None:
    doc = newsgraph.analyze(STORY, published="2026-03-05")
    with newsgraph.open_store(tmp_path / "news.db") as store:
        assert store.add([doc]) == 1
        stored = store.get(doc.source.sha256)
        assert stored is not None and stored.attributions == doc.attributions
        assert stored.article.story_id and all(e.corpus_id for e in stored.entities)  # the store's identities
        rows = store.quotes(speaker="Ines Calder")
        assert rows and all(r["speaker"] == "Ines Calder" for r in rows)
    with newsgraph.open_store(tmp_path / "news.db", readonly=True) as store:
        assert store.stats()["counts"]["articles"] == 1
