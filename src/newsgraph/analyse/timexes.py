"""The timexes layer. Scaffold: assigns an empty layer until its issue is built."""

from __future__ import annotations

from newsgraph.pipeline.stage import AnalysisContext
from newsgraph.settings import Settings


class TimexesStage:
    name = "timexes"
    version = "0"
    requires: tuple[str, ...] = ('tokens', 'sentences')
    assigns: tuple[str, ...] = ("timexes",)

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, ctx: AnalysisContext) -> None:
        ctx.layers["timexes"] = ()
