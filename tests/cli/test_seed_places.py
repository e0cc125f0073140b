"""The seed article through the real CLI: at least 9 of the 10 `should` places in gold.json."""

from __future__ import annotations

import json

import pytest

from tests.conftest import norm, shared_file, validate


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(shared_file("seed/gold.json").read_text("utf-8"))


def test_seed_output_validates(seed_out: dict) -> None:
    validate(seed_out)


def test_seed_should_places(seed_out: dict, gold: dict) -> None:
    want = gold["places"]["should"]
    found = {(norm(p["name"]), p["country"]) for p in seed_out["places"]}
    hits = [w for w in want if (norm(w["name"]), w["country"]) in found]
    missing = [w for w in want if w not in hits]
    assert len(hits) >= 9, f"found {len(hits)}/{len(want)}; missing {missing}"


def test_seed_places_are_spans_with_coordinates(seed_out: dict) -> None:
    text = seed_out["article"]["text"]
    assert seed_out["places"], "no places at all"
    for p in seed_out["places"]:
        assert text[p["start"]:p["end"]] == p["name"]
        if p["country"] is not None and p["lat"] is not None:
            assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180


def test_seed_rafah_is_in_gaza_not_egypt(seed_out: dict) -> None:
    rafah = [p for p in seed_out["places"] if p["name"] == "Rafah"]
    assert rafah and all(p["country"] == "PS" for p in rafah)
    # within a few km of the town in the Gaza Strip
    assert all(abs(p["lat"] - 31.29) < 0.1 and abs(p["lon"] - 34.25) < 0.1 for p in rafah)
