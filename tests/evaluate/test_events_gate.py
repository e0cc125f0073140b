"""Evaluation gate: event coding on the two PLOVER sets stays at or above its floors.

Floors live in tests/baselines.toml [events]; they are the figures measured
when they were set (see docs/benchmarks.md, "Events (issue 5)").
"""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.evaluate import events as ev
from tests.conftest import baseline, shared_file


@pytest.fixture(scope="module")
def gsr() -> dict[str, Any]:
    return ev.run(shared_file("data/events/plover_gsr_v2names.jsonl"))


@pytest.fixture(scope="module")
def zsp() -> dict[str, Any]:
    return ev.run(shared_file("data/events/zsp_plv_train.jsonl"))


def test_gsr_macro_f1(gsr: dict[str, Any]) -> None:
    floors = baseline("events")
    assert gsr["all"]["macro_f1"] >= floors["gsr_macro_f1"]
    assert gsr["heldout"]["macro_f1"] >= floors["gsr_heldout_macro_f1"]


def test_gsr_country_accuracy(gsr: dict[str, Any]) -> None:
    floors = baseline("events")
    assert gsr["all"]["source_country"]["accuracy"] >= floors["gsr_source_country"]
    assert gsr["all"]["target_country"]["accuracy"] >= floors["gsr_target_country"]


def test_zsp_macro_f1(zsp: dict[str, Any]) -> None:
    floors = baseline("events")
    assert zsp["all"]["macro_f1"] >= floors["zsp_macro_f1"]
    assert zsp["heldout"]["macro_f1"] >= floors["zsp_heldout_macro_f1"]


def test_report_has_confusion_and_types(gsr: dict[str, Any]) -> None:
    text = ev.report(gsr)
    assert "confusion" in text and "macroF1" in text
    assert set(gsr["all"]["per_type"]) == set(gsr["all"]["confusion"])
    assert len(gsr["all"]["per_type"]) == 16


def test_choice_prefers_the_event_on_the_gold_actors() -> None:
    from types import SimpleNamespace as NS

    from newsgraph.analyse.events.actors import Resolved
    from newsgraph.model import Actor

    def found(depth: int, start: int, src: tuple[int, int] | None) -> Any:
        res = Resolved(Actor("x", None, None), *src) if src else None
        return NS(depth=depth, start=start, source=res, target=None)

    main = (found(0, 5, None), "main")
    on_actor = (found(2, 9, (0, 4)), "on-actor")
    gold = {"source_spans": [(0, 4)], "target_spans": []}
    assert ev.choose([main, on_actor], gold)[1] == "on-actor"
    assert ev.choose([main, on_actor], {"source_spans": [], "target_spans": []})[1] == "main"
    assert ev.choose([], gold) is None
