"""Gate: MEANTIME dev timex scores stay at or above the floors in tests/baselines.toml."""

from __future__ import annotations

import pytest

from newsgraph.evaluate.timexes import report, run, score_document
from tests.conftest import baseline, shared_file


@pytest.fixture(scope="module")
def figures() -> dict:
    return run(shared_file("data/time/meantime_dev.jsonl"))


def test_value_f1_floor(figures: dict) -> None:
    floor = baseline("timexes")
    assert figures["failed"] == 0
    assert figures["value"]["f1"] >= floor["value_f1"], report(figures)
    assert figures["relaxed"]["f1"] >= floor["relaxed_f1"], report(figures)
    assert figures["strict"]["f1"] >= floor["strict_f1"], report(figures)


def test_issue_target(figures: dict) -> None:
    """Issue 4 asks for value F1 >= 0.75 on MEANTIME dev."""
    assert figures["value"]["f1"] >= 0.75


def _t(start: int, end: int, value: str) -> dict:
    return {"start": start, "end": end, "text": "x", "type": "DATE", "value": value}


def test_scoring_rules() -> None:
    gold = [_t(0, 10, "2024"), _t(20, 30, "2024-W12"), _t(40, 45, "P3D")]
    system = [_t(0, 10, "2024"), _t(18, 30, "2024-W13"), _t(60, 65, "PRESENT_REF")]
    s = score_document(gold, system)
    assert (s["relaxed"], s["strict"], s["value"]) == (2, 1, 1)
    assert len(s["missed"]) == 1 and len(s["spurious"]) == 1
