"""The seed article through the real CLI: every `must` item under `timexes` in gold.json."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import analyze_json, shared_file, validate


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(shared_file("seed/gold.json").read_text("utf-8"))


def _straight(text: str) -> str:
    """The gold file's quote rule, keeping every offset where it was."""
    for a, b in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(a, b)
    return text


def _holds(item: dict, timexes: list[dict], text: str) -> int:
    """How many timexes satisfy one gold item."""
    names = item.get("text_one_of") or [item["text"]]
    windows = []
    if "text_in" in item:
        windows = [(m.start(), m.end()) for m in re.finditer(re.escape(item["text_in"]), _straight(text))]
        assert windows, f"{item['text_in']!r} is not in the article text"
    hits = 0
    for t in timexes:
        if t["value"] != item["value"] or _straight(t["text"]) not in names:
            continue
        if windows and not any(s <= t["start"] and t["end"] <= e for s, e in windows):
            continue
        hits += 1
    return hits


def test_output_validates(seed_out: dict) -> None:
    validate(seed_out)


def test_timex_must_items(seed_out: dict, gold: dict) -> None:
    text = seed_out["article"]["text"]
    timexes = seed_out["timexes"]
    missing = [item for item in gold["timexes"]["must"] if _holds(item, timexes, text) < item.get("count", 1)]
    got = [(t["text"], t["value"]) for t in timexes]
    assert not missing, f"not satisfied: {missing}; timexes were {got}"


def test_timex_offsets_and_types(seed_out: dict) -> None:
    text = seed_out["article"]["text"]
    assert seed_out["timexes"], "the seed has temporal expressions"
    for t in seed_out["timexes"]:
        assert text[t["start"]:t["end"]] == t["text"]
        assert t["type"] in ("DATE", "TIME", "DURATION", "SET")


def test_without_published_values_follow_the_found_date() -> None:
    """No --published: the caption date (2024-03-19, a Tuesday) is the reference, so 'next week' moves with it."""
    seed = shared_file("seed/000_d83e9b355770aa0a.txt")
    out = analyze_json(str(seed))
    ref = out["article"]["published"]
    values = {t["text"]: t["value"] for t in out["timexes"]}
    assert ref == "2024-03-19"
    assert values["next week"] == "2024-W13"
    assert values["Monday"] == "2024-03-18"
    assert values["Earlier this week"] == "2024-W12"
