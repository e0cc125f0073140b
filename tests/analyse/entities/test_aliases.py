"""Two names of one bearer side by side (analyse/entities/aliases.py), on fictional texts through
the real nlp and entities stages."""

from __future__ import annotations

import pytest

from newsgraph.analyse.entities.lexicon import knowledge
from newsgraph.analyse.entities.stage import EntitiesStage
from newsgraph.analyse.nlp.stage import NlpStage
from newsgraph.model import Entity
from newsgraph.settings import Settings as NgSettings
from tests.analyse.attributions.test_speakers import _context


@pytest.fixture(scope="module")
def entities():
    ng = NgSettings()
    nlp, stage = NlpStage(ng), EntitiesStage(ng)

    def run(text: str) -> list[Entity]:
        ctx = _context(text, ng)
        nlp(ctx)
        stage(ctx)
        return list(ctx.layer("entities"))

    return run


def _holder(ents: list[Entity], mention: str) -> Entity:
    hits = [e for e in ents if any(m.text == mention for m in e.mentions)]
    assert len(hits) == 1, [(e.name, [m.text for m in e.mentions]) for e in ents]
    return hits[0]


def test_aka_joins_a_nickname_to_the_full_name(entities) -> None:
    ents = entities("Marco Delgado Ruiz, aka “Commander Leo,” pleaded guilty on Friday. "
                    "Leo had led the raid on the depot.")
    assert _holder(ents, "Leo").name == "Marco Delgado Ruiz"


def test_also_known_as_after_an_age(entities) -> None:
    ents = entities("Tomas Brevik, 52, also known as Tomas Breivik to his neighbours, was sentenced on Monday.")
    assert _holder(ents, "Tomas Breivik") is _holder(ents, "Tomas Brevik")


def test_two_names_with_a_verb_between_stay_apart(entities) -> None:
    ents = entities("Marco Delgado Ruiz met Leo Varga in Kessling on Friday.")
    assert _holder(ents, "Leo Varga") is not _holder(ents, "Marco Delgado Ruiz")


def test_alias_cues_are_data() -> None:
    assert {"aka", "also known as"} <= knowledge().alias_cues
