"""Stage protocol, build-time order check, and the one process() function."""

from newsgraph.pipeline.runner import Pipeline, get_pipeline, process
from newsgraph.pipeline.stage import AnalysisContext, Stage

__all__ = ["AnalysisContext", "Pipeline", "Stage", "get_pipeline", "process"]
