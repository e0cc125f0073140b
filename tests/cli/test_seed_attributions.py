"""The seed article through the real CLI: the `attributions` items of gold.json.

Every `must` item has to hold; the `must_not_note` is checked as written
(no Blinken as speaker of the Netanyahu, Biden, Health Ministry or AP items,
at most 3 attributions beyond the 16 listed). The `should` items are
reported by `test_should_items_report` and asserted one by one in
`test_should_item`, marked xfail where they are not met yet.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import norm, shared_file, validate


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads(shared_file("seed/gold.json").read_text("utf-8"))["attributions"]


def _speaker_ok(att: dict[str, Any], item: dict[str, Any]) -> bool:
    name = att["speaker"]["name"] or ""
    if "speaker" in item and name != item["speaker"]:
        return False
    if "speaker_one_of" in item and name not in item["speaker_one_of"]:
        return False
    if "speaker_contains" in item and item["speaker_contains"] not in name:
        return False
    if "speaker_text" in item and att["speaker"]["text"] != item["speaker_text"]:
        return False
    return True


def matches(att: dict[str, Any], item: dict[str, Any]) -> bool:
    if att["kind"] != item["kind"]:
        return False
    if "cue" in item and (att["cue"] is None or att["cue"]["text"] != item["cue"]):
        return False
    if norm(item["content_contains"]) not in norm(att["content"]["text"]):
        return False
    return _speaker_ok(att, item)


def _why_not(atts: list[dict[str, Any]], item: dict[str, Any]) -> str:
    """The attributions holding the content, to say what differs."""
    near = [a for a in atts if norm(item["content_contains"]) in norm(a["content"]["text"])]
    return json.dumps([{k: a[k] for k in ("kind", "cue", "speaker")} for a in near], ensure_ascii=False)


def test_schema(seed_out: dict[str, Any]) -> None:
    validate(seed_out)


def test_spans_are_slices_of_the_text(seed_out: dict[str, Any]) -> None:
    text = seed_out["article"]["text"]
    for att in seed_out["attributions"]:
        for part in ("content", "cue"):
            span = att[part]
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"]
        sp = att["speaker"]
        if sp["start"] is not None:
            assert text[sp["start"] : sp["end"]] == sp["text"]


@pytest.mark.parametrize("index", range(13))
def test_must_item(seed_out: dict[str, Any], gold: dict[str, Any], index: int) -> None:
    item = gold["must"][index]
    atts = seed_out["attributions"]
    assert any(matches(a, item) for a in atts), f"{item} not found; near: {_why_not(atts, item)}"


def test_must_count_matches_gold(gold: dict[str, Any]) -> None:
    assert len(gold["must"]) == 13  # the parametrised test above covers them all


def test_blinken_is_not_the_speaker_of_others(seed_out: dict[str, Any], gold: dict[str, Any]) -> None:
    others = [i for i in gold["must"] if i.get("speaker") != "Antony Blinken"]
    assert len(others) == 5
    for item in others:
        for att in seed_out["attributions"]:
            if norm(item["content_contains"]) in norm(att["content"]["text"]):
                assert att["speaker"]["name"] != "Antony Blinken", (item, att)


def test_at_most_three_beyond_the_listed(seed_out: dict[str, Any], gold: dict[str, Any]) -> None:
    listed = gold["must"] + gold["should"]
    extra = [a for a in seed_out["attributions"]
             if not any(norm(i["content_contains"]) in norm(a["content"]["text"]) for i in listed)]
    assert len(extra) <= 3, [a["content"]["text"] for a in extra]


@pytest.mark.parametrize("index", range(3))
def test_should_item(seed_out: dict[str, Any], gold: dict[str, Any], index: int) -> None:
    item = gold["should"][index]
    atts = seed_out["attributions"]
    if not any(matches(a, item) for a in atts):
        pytest.xfail(f"should item not met: {item}; near: {_why_not(atts, item)}")
