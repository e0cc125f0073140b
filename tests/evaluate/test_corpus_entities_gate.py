"""Gate: cross-document entity identity on MEANTIME dev (issue 20), floors in tests/baselines.toml.

End to end from text (the whole pipeline, then a store per topic corpus);
about 10 s, so it runs in `make test` with the other gates.
"""

from __future__ import annotations

import pytest

from newsgraph.evaluate.corpus_entities import b_cubed, muc, report, run, system_labels
from tests.conftest import baseline, shared_file

CORPORA = ("airbus", "apple")


@pytest.fixture(scope="module")
def figures() -> dict:
    return run(shared_file("data/time/meantime_dev.jsonl"))


@pytest.mark.parametrize("corpus", CORPORA)
def test_floors(figures: dict, corpus: str) -> None:
    floor = baseline("corpus_entities")
    c = figures["corpora"][corpus]
    assert figures["failed"] == 0 and c["documents"] == 30
    assert c["b3"]["f1"] >= floor[f"{corpus}_b3_f1"], report(figures)
    assert c["muc"]["f1"] >= floor[f"{corpus}_muc_f1"], report(figures)


def test_issue_target_airbus(figures: dict) -> None:
    target = baseline("corpus_entities")["target_f1"]
    c = figures["corpora"]["airbus"]
    assert c["b3"]["f1"] >= target and c["muc"]["f1"] >= target, report(figures)


def test_issue_target_apple(figures: dict) -> None:
    target = baseline("corpus_entities")["target_f1"]
    c = figures["corpora"]["apple"]
    assert c["b3"]["f1"] >= target and c["muc"]["f1"] >= target, report(figures)


def test_scoring_rules() -> None:
    gold = {1: "a", 2: "a", 3: "a", 4: "b"}
    assert b_cubed(gold, gold)["f1"] == muc(gold, gold)["f1"] == 1.0
    split = {1: "x", 2: "x", 3: "y", 4: "z"}
    assert muc(gold, split) == {"p": 1.0, "r": 0.5, "f1": 0.6667}
    assert b_cubed(gold, split) == {"p": 1.0, "r": 0.6667, "f1": 0.8}  # recall (2/3 + 2/3 + 1/3 + 1) / 4
    rec = {"doc_id": "d", "text": "European airframer Airbus sold jets.",
           "entities": [{"start": 0, "end": 25, "type": "ORG", "instance_id": "AIR", "syntactic_type": "NAM"}]}
    # Both system entities overlap the gold mention: the organisation holding its head word wins.
    assert system_labels(rec, [(0, 8, "cEUR", "NORP"), (19, 25, "cAIR", "ORG")]) == ["cAIR"]
    assert system_labels(rec, []) == [("alone", "d", 0)]
