"""The attributions layer: who said what, as direct, mixed or indirect speech."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.pipeline.stage import HandOff

if TYPE_CHECKING:
    from newsgraph.model import Attribution

ATTRIBUTIONS: HandOff[tuple[Attribution, ...]] = HandOff("attributions", "the attributions layer")
