"""The seed article through the real CLI: every `must` item under `claims` in gold.json."""

from __future__ import annotations

import json

import pytest

from tests.conftest import norm, shared_file, validate


@pytest.fixture(scope="module")
def must() -> list[dict]:
    return json.loads(shared_file("seed/gold.json").read_text("utf-8"))["claims"]["must"]


def _holds(item: dict, claim: dict) -> bool:
    if claim["value"] != item["value"] or claim["qualifier"] != item["qualifier"]:
        return False
    if "unit_contains" in item and norm(item["unit_contains"]) not in norm(claim["unit"] or ""):
        return False
    if "unit" in item and claim["unit"] != item["unit"]:
        return False
    source = claim["source"]
    if "source" in item and item["source"] is None and source is not None:
        return False
    if "source_contains" in item:
        if source is None or norm(item["source_contains"]) not in norm(source["name"]):
            return False
    return True


def test_output_is_valid(seed_out: dict) -> None:
    validate(seed_out)


def test_every_must_claim(seed_out: dict, must: list[dict]) -> None:
    missing = [item for item in must if not any(_holds(item, c) for c in seed_out["claims"])]
    assert not missing, f"missing claims: {missing}\nfound: {seed_out['claims']}"


def test_claim_spans_are_offsets_into_the_text(seed_out: dict) -> None:
    text = seed_out["article"]["text"]
    assert seed_out["claims"]
    for c in seed_out["claims"]:
        assert text[c["start"]:c["end"]] == c["text"]


def test_sourced_claims_point_at_their_attribution(seed_out: dict) -> None:
    atts = {a["id"]: a for a in seed_out["attributions"]}
    for c in seed_out["claims"]:
        if c["attribution_id"] is None:
            assert c["source"] is None
            continue
        a = atts[c["attribution_id"]]
        assert a["content"]["start"] <= c["start"] < a["content"]["end"]
        assert c["source"]["name"] == a["speaker"]["name"]


def test_dates_and_ordinals_are_not_figures(seed_out: dict) -> None:
    """The seed's "Oct. 7", "sixth trip", the caption code and the copyright year."""
    texts = [c["text"] for c in seed_out["claims"]]
    assert not any("Oct" in t or "sixth" in t or "2024" in t or "031924" in t for t in texts), texts
