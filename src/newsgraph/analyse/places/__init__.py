"""The places layer: geocoded place mentions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.pipeline.stage import HandOff

if TYPE_CHECKING:
    from newsgraph.model import Place

PLACES: HandOff[tuple[Place, ...]] = HandOff("places", "the places layer")
