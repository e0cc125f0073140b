"""The events layer: PLOVER/CAMEO-coded events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.pipeline.stage import HandOff

if TYPE_CHECKING:
    from newsgraph.model import Event

EVENTS: HandOff[tuple[Event, ...]] = HandOff("events", "the events layer")
