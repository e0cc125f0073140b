"""Gate: PolNeAR dev attribution scores stay at or above the floors in
tests/baselines.toml ([attributions]). Runs the real pipeline on all 84 dev
articles (about a minute and a half on two cores)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from newsgraph.evaluate.attributions import fragment_kind, report, run, score
from tests.conftest import baseline, shared_file


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    return run(shared_file("data/quotes/polnear/polnear_dev.jsonl"))


@pytest.mark.slow
def test_all_attributions_floors(figures: dict[str, Any]) -> None:
    floor = baseline("attributions")
    assert figures["documents"] == 84
    f = figures["all"]
    assert f["content"]["exact"]["f1"] >= floor["content_exact_f1"], report(figures)
    assert f["cue"]["exact"]["f1"] >= floor["cue_exact_f1"], report(figures)
    assert f["source"]["exact"]["f1"] >= floor["source_exact_f1"], report(figures)
    assert f["content"]["overlap"]["f1"] >= floor["content_overlap_f1"], report(figures)


@pytest.mark.slow
def test_direct_quote_floors(figures: dict[str, Any]) -> None:
    floor = baseline("attributions")
    d = figures["direct"]["content"]
    assert d["exact"]["precision"] >= floor["direct_exact_precision"], report(figures)
    assert d["exact"]["recall"] >= floor["direct_exact_recall"], report(figures)
    assert d["overlap"]["precision"] >= floor["direct_overlap_precision"], report(figures)
    assert d["overlap"]["recall"] >= floor["direct_overlap_recall"], report(figures)


def _att(kind: str, content: tuple[int, int], cue: tuple[int, int] | None, speaker: tuple[int, int] | None) -> Any:
    span = lambda se: SimpleNamespace(start=se[0], end=se[1]) if se else None  # noqa: E731
    sp = SimpleNamespace(start=speaker[0] if speaker else None, end=speaker[1] if speaker else None)
    return SimpleNamespace(kind=kind, content=span(content), cue=span(cue), speaker=sp)


def _gold(content: list[tuple[int, int, str]], cue: tuple[int, int], source: tuple[int, int]) -> dict[str, Any]:
    return {
        "content": [{"start": s, "end": e, "text": t} for s, e, t in content],
        "cue": [{"start": cue[0], "end": cue[1], "text": "said"}],
        "source": [{"start": source[0], "end": source[1], "text": "he"}],
    }


def test_scoring_rules() -> None:
    # one gold attribution with two fragments (a quotation broken by its cue)
    gold = {"attributions": [_gold([(0, 10, "“A quote,”"), (20, 30, "“and more”")], (13, 17), (10, 12))]}
    ours = SimpleNamespace(attributions=[
        _att("direct", (0, 10), (13, 17), (10, 12)),   # exact
        _att("direct", (20, 28), (13, 17), (10, 12)),  # overlapping only; cue and speaker shared
        _att("indirect", (40, 50), None, None),         # spurious
    ])
    f = score([(gold, ours)])
    c = f["all"]["content"]
    assert (c["n_pred"], c["n_gold"]) == (3, 2)
    assert c["exact"]["precision"] == round(1 / 3, 4) and c["exact"]["recall"] == 0.5
    assert c["overlap"]["precision"] == round(2 / 3, 4) and c["overlap"]["recall"] == 1.0
    assert f["all"]["cue"]["exact"]["f1"] == 1.0   # shared spans count once
    assert f["direct"]["content"]["exact"]["precision"] == 0.5


def test_fragment_kinds() -> None:
    assert fragment_kind("“We will,”") == "direct"
    assert fragment_kind("''We will,''") == "direct"
    assert fragment_kind("the plan was “dead”") == "mixed"
    assert fragment_kind("the council’s plan would fail") == "indirect"
