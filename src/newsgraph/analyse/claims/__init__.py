"""The claims layer: figures with qualifier, unit and source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.pipeline.stage import HandOff

if TYPE_CHECKING:
    from newsgraph.model import Claim

CLAIMS: HandOff[tuple[Claim, ...]] = HandOff("claims", "the claims layer")
