"""Speaker resolution on tests/analyse/data/speakers.jsonl: fictional passages
written for this project whose speakers are pronouns or descriptions.

The real nlp and entities stages run on each passage; the resolver is then
called on each speaker span in document order, with the earlier speakers
handed over in ctx.scratch["speakers_so_far"] as the attributions stage does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.analyse.coref import SpeakerNote, resolve_speaker
from newsgraph.analyse.entities import EntitiesStage
from newsgraph.analyse.nlp import NlpStage
from newsgraph.model import Article, RawDocument, SourceRef
from newsgraph.pipeline.stage import AnalysisContext
from newsgraph.settings import Settings
from tests.conftest import baseline

DATA = Path(__file__).parent / "data" / "speakers.jsonl"


def _context(text: str, settings: Settings) -> AnalysisContext:
    src = SourceRef(id="t", uri="test:", sha256="0", format="text")
    raw = RawDocument(source=src, data=text.encode(), kind="text", raw=True)
    return AnalysisContext(raw=raw, article=Article(title=None, text=text), settings=settings, reference_date=None)


@pytest.fixture(scope="module")
def stages() -> tuple[NlpStage, EntitiesStage]:
    settings = Settings()
    return NlpStage(settings), EntitiesStage(settings)


def run_passage(item: dict[str, Any], stages: tuple[NlpStage, EntitiesStage]) -> list[tuple[dict[str, Any], str | None]]:
    nlp, entities = stages
    ctx = _context(item["text"], nlp.settings)
    nlp(ctx)
    entities(ctx)
    ctx.scratch["speakers_so_far"] = []
    out = []
    for sp in item["speakers"]:
        assert item["text"][sp["start"] : sp["end"]] == sp["text"]
        ent = resolve_speaker(ctx, sp["start"], sp["end"])
        out.append((sp, ent.name if ent else None))
        ctx.scratch["speakers_so_far"].append(
            SpeakerNote(sp["start"], sp["end"], ent.id if ent else None, sp.get("content_start"), sp.get("content_end"))
        )
    return out


def load() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]


def test_data_set_is_big_enough() -> None:
    items = load()
    scored = [s for it in items for s in it["speakers"] if s["kind"] != "named"]
    assert len(scored) >= 40
    assert len({it["text"] for it in items}) == len(items)


def test_speaker_accuracy(stages: tuple[NlpStage, EntitiesStage]) -> None:
    results = [r for item in load() for r in run_passage(item, stages)]
    scored = [(sp, got) for sp, got in results if sp["kind"] != "named"]
    wrong = [(sp["text"], sp["expected"], got) for sp, got in scored if got != sp["expected"]]
    accuracy = 1 - len(wrong) / len(scored)
    floor = baseline("speakers")["accuracy"]
    assert accuracy >= floor, f"accuracy {accuracy:.3f} < {floor}; wrong: {wrong}"


def test_named_speakers_resolve(stages: tuple[NlpStage, EntitiesStage]) -> None:
    results = [r for item in load() for r in run_passage(item, stages)]
    named = [(sp["text"], sp["expected"], got) for sp, got in results if sp["kind"] == "named"]
    assert named
    assert all(exp == got for _, exp, got in named), named


def test_unsure_means_none(stages: tuple[NlpStage, EntitiesStage]) -> None:
    """The passages whose answer is None (ambiguous, plural, the reporter) are not guessed."""
    results = [r for item in load() for r in run_passage(item, stages)]
    unsure = [(sp["text"], got) for sp, got in results if sp["expected"] is None]
    assert len(unsure) >= 5
    guessed = [u for u in unsure if u[1] is not None]
    assert len(guessed) <= 1, guessed
