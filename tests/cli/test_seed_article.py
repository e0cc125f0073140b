"""The seed article through the real CLI: every `must` item under `article` in gold.json."""

from __future__ import annotations

import json

import pytest

from tests.conftest import analyze_json, norm, shared_file, validate


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(shared_file("seed/gold.json").read_text("utf-8"))


def test_output_validates_against_schema(seed_out: dict) -> None:
    validate(seed_out)


def test_article_must_items(seed_out: dict, gold: dict) -> None:
    must = gold["article"]["must"]
    art = seed_out["article"]
    text = norm(art["text"])
    assert art["title"] == must["title"]
    assert text.startswith(norm(must["text_starts_with"]))
    assert text.endswith(norm(must["text_ends_with"]))
    assert len(art["text"].split("\n\n")) == must["paragraphs"]
    for junk in must["text_must_not_contain"]:
        assert junk not in art["text"], junk
    assert art["rights"]["holder"] == must["rights"]["holder"]
    assert art["rights"]["year"] == must["rights"]["year"]
    for want in must["credits"]:
        assert any(all(c[k] == v for k, v in want.items()) for c in art["credits"]), want
    removed = [r["text"] for r in art["removed"]]
    for line in must["removed_reasons_cover"]:
        assert any(line in r for r in removed), line
    assert all(r["reason"] for r in art["removed"])


def test_article_should_date(seed_out: dict, gold: dict) -> None:
    should = gold["article"]["should"]
    art = seed_out["article"]
    assert art["published"] in should["published_one_of"]
    assert art["published_from"] in should["published_from_when_not_null"]


def test_published_from_caption_without_flag() -> None:
    seed = shared_file("seed/000_d83e9b355770aa0a.txt")
    art = analyze_json(str(seed))["article"]
    assert art["published"] == "2024-03-19"
    assert art["published_from"] == "caption"


def test_offsets_index_article_text(seed_out: dict) -> None:
    text = seed_out["article"]["text"]
    for ent in seed_out["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for layer in ("claims", "timexes"):
        for item in seed_out[layer]:
            assert text[item["start"]:item["end"]] == item["text"]
    for place in seed_out["places"]:  # places carry a name, not a text copy
        assert text[place["start"]:place["end"]]
    for a in seed_out["attributions"]:
        for part in (a["content"], a["cue"]):
            if part:
                assert text[part["start"]:part["end"]] == part["text"]
