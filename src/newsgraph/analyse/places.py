"""The places layer. Scaffold: assigns an empty layer until its issue is built."""

from __future__ import annotations

from newsgraph.pipeline.stage import AnalysisContext
from newsgraph.settings import Settings


class PlacesStage:
    name = "places"
    version = "0"
    requires: tuple[str, ...] = ('entities',)
    assigns: tuple[str, ...] = ("places",)

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, ctx: AnalysisContext) -> None:
        ctx.layers["places"] = ()
