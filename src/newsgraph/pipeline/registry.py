"""Stage names to their classes, imported lazily so unused stages cost nothing."""

from __future__ import annotations

import importlib
from typing import Any

STAGES: dict[str, str] = {
    "nlp": "newsgraph.analyse.nlp:NlpStage",
    "entities": "newsgraph.analyse.entities:EntitiesStage",
    "attributions": "newsgraph.analyse.attributions:AttributionsStage",
    "timexes": "newsgraph.analyse.timexes:TimexesStage",
    "places": "newsgraph.analyse.places:PlacesStage",
    "claims": "newsgraph.analyse.claims:ClaimsStage",
    "events": "newsgraph.analyse.events:EventsStage",
}


def build_stage(name: str, settings: Any) -> Any:
    if name not in STAGES:
        raise ValueError(f"unknown stage {name!r}; known stages: {', '.join(STAGES)}")
    module, cls = STAGES[name].split(":")
    return getattr(importlib.import_module(module), cls)(settings)
