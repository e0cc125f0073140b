"""The timexes layer: TIMEX3 dates, times and durations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsgraph.pipeline.stage import HandOff

if TYPE_CHECKING:
    from newsgraph.model import Timex

TIMEXES: HandOff[tuple[Timex, ...]] = HandOff("timexes", "the timexes layer")
