"""Stage names to their classes, imported lazily so unused stages cost nothing."""

from __future__ import annotations

import importlib
from typing import Any

STAGES: dict[str, str] = {
    "nlp": "newsgraph.analyse.nlp.stage:NlpStage",
    "entities": "newsgraph.analyse.entities.stage:EntitiesStage",
    "attributions": "newsgraph.analyse.attributions.stage:AttributionsStage",
    "timexes": "newsgraph.analyse.timexes.stage:TimexesStage",
    "places": "newsgraph.analyse.places.stage:PlacesStage",
    "claims": "newsgraph.analyse.claims.stage:ClaimsStage",
    "events": "newsgraph.analyse.events.stage:EventsStage",
}


def build_stage(name: str, settings: Any) -> Any:
    if name not in STAGES:
        raise ValueError(f"unknown stage {name!r}; known stages: {', '.join(STAGES)}")
    module, cls = STAGES[name].split(":")
    return getattr(importlib.import_module(module), cls)(settings)
