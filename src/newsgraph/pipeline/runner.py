"""Build the pipeline once, then run documents through it one by one or in batches."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, nullcontext
from functools import lru_cache
from typing import Any, cast

from newsgraph import __version__
from newsgraph.errors import Code, NewsgraphError
from newsgraph.extract import extract
from newsgraph.model import AnalyzedDocument, RawDocument, Rejected, SourceRef, layers_of
from newsgraph.pipeline.registry import build_stage, default_order
from newsgraph.pipeline.stage import AnalysisContext, UndeclaredHandOff
from newsgraph.settings import Settings

EXTRACT_VERSION = "0.1"

# A fictional passage that reaches every stage (a speaker, a cue, a date, a figure, an
# event), run once when a pipeline is built. It is written in lower case on purpose: the
# places stage then needs no gazetteer, which a fresh machine would otherwise spend half
# a minute building before the first document could even be fetched.
PROBE_TEXT = ("harbor talks\n\nthe mayor said on monday that the city will spend $2 million on the bridge. "
              "\u201cwe met the governor,\u201d she said.")


class PipelineError(ValueError):
    """The stages as configured cannot run together."""


class Pipeline:
    def __init__(self, settings: Settings, *, probe: bool = True,
                 document: type[AnalyzedDocument] = AnalyzedDocument):
        names = default_order() if settings.stages is None else settings.stages
        self.settings = settings
        self.document = document  # a subclass adds layers (see docs/architecture.md)
        self.stages: list[Any] = [build_stage(name, settings) for name in names]
        self._check_order()
        self.provenance_pipeline = [f"extract@{EXTRACT_VERSION}"] + [f"{s.name}@{s.version}" for s in self.stages]
        if probe:
            self._probe()

    def _check_order(self) -> None:
        """Fail when the pipeline is built, not hours into a batch."""
        have = {"article"}
        for stage in self.stages:
            missing = [str(r) for r in stage.requires if str(r) not in have]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage assigns"
                )
            have.update(str(a) for a in stage.assigns)

    def _probe(self) -> None:
        """Run one small document through every stage with its declaration enforced.

        The declarations say what flows between stages; this is where a stage that
        reads or writes a hand-off it did not declare is refused, at build time.
        """
        data = PROBE_TEXT.encode("utf-8")
        source = SourceRef(id="probe", uri="newsgraph:probe", sha256=hashlib.sha256(data).hexdigest(), format="text")
        ctx = self._prepare(RawDocument(source=source, data=data, kind="text", raw=True, published="2026-03-02"))
        for stage in self.stages:
            try:
                with ctx.running(stage):
                    stage(ctx)
            except UndeclaredHandOff as exc:
                raise PipelineError(str(exc)) from exc

    @property
    def model_name(self) -> str | None:
        for stage in self.stages:
            if getattr(stage, "model_name", None):
                return str(stage.model_name)
        return None

    def _prepare(self, raw: RawDocument) -> AnalysisContext:
        warnings: list[str] = []
        article = extract(raw, self.settings, warnings)
        ref = raw.published or article.published
        return AnalysisContext(raw=raw, article=article, settings=self.settings, reference_date=ref,
                               warnings=warnings)

    def _finish(self, ctx: AnalysisContext) -> AnalyzedDocument:
        provenance: dict[str, object] = {
            "newsgraph": __version__, "pipeline": self.provenance_pipeline, "model": self.model_name,
        }
        if ctx.warnings:
            provenance["warnings"] = list(ctx.warnings)
        return self.document(
            source=ctx.raw.source,
            article=ctx.article,
            **{layer: tuple(ctx.layer(layer)) for layer in layers_of(self.document)},
            provenance=provenance,
        )

    def process(self, raw: RawDocument | Rejected) -> AnalyzedDocument | Rejected:
        return next(iter(self.process_batch([raw])))

    def process_batch(self, items: list[RawDocument | Rejected]) -> list[AnalyzedDocument | Rejected]:
        """Analyse many documents, batching stages that can batch; order is kept."""
        with self._memory_zone():
            return self._process_batch(items)

    def _memory_zone(self) -> AbstractContextManager[Any]:
        """spaCy's memory zone around one batch, so a long run's vocabulary does not grow.

        Every string spaCy learns from a batch's text stays in its StringStore
        for good otherwise: over 181 pages the store grew from 84,780 to 99,374
        strings, and a worker that ingests for days would keep growing. No stage
        keeps a spaCy object past its batch (the results are plain dataclasses),
        which is what the zone requires.
        """
        for stage in self.stages:
            nlp = getattr(stage, "nlp", None)
            if nlp is not None and hasattr(nlp, "memory_zone"):
                return cast(AbstractContextManager[Any], nlp.memory_zone())
        return nullcontext()

    def _process_batch(self, items: list[RawDocument | Rejected]) -> list[AnalyzedDocument | Rejected]:
        out: list[AnalyzedDocument | Rejected | None] = [None] * len(items)
        live: list[tuple[int, AnalysisContext, float]] = []
        for i, item in enumerate(items):
            if isinstance(item, Rejected):
                out[i] = item
                continue
            try:
                live.append((i, self._prepare(item), time.monotonic()))
            except Exception as exc:  # every input yields a line; none is lost
                out[i] = _rejected(item, exc)
        for stage in self.stages:
            if not live:
                break
            batch_fn = getattr(stage, "batch", None)
            if batch_fn is not None and len(live) > 1:
                try:
                    with ExitStack() as held:
                        ctxs = [held.enter_context(ctx.running(stage)) for _, ctx, _ in live]
                        batch_fn(ctxs)
                except Exception:
                    live = self._one_by_one(stage, live, out)  # find the one that broke it
            else:
                live = self._one_by_one(stage, live, out)
            live = self._over_budget(live, out, stage.name)
        for i, ctx, _ in live:
            out[i] = self._finish(ctx)
        return [o for o in out if o is not None]

    def _one_by_one(self, stage: Any, live: list[tuple[int, AnalysisContext, float]], out: list[Any]) -> list[Any]:
        still = []
        for i, ctx, t0 in live:
            try:
                with ctx.running(stage):
                    stage(ctx)
                still.append((i, ctx, t0))
            except Exception as exc:
                out[i] = _rejected(ctx.raw, exc, stage.name)
        return still

    def _over_budget(self, live: list[Any], out: list[Any], stage_name: str) -> list[Any]:
        budget = self.settings.doc_time_budget_s
        # A batch shares its time, so the budget scales with the batch size.
        limit = budget * max(1, len(live))
        still = []
        for i, ctx, t0 in live:
            if time.monotonic() - t0 > limit:
                out[i] = Rejected(ctx.raw.source, Code.TIMEOUT.value,
                                  f"over the time budget of {budget:g}s per document after stage {stage_name}")
            else:
                still.append((i, ctx, t0))
        return still

    def run(self, items: Iterable[RawDocument | Rejected]) -> Iterator[AnalyzedDocument | Rejected]:
        """Stream results in input order, analysing `batch_size` documents at a time."""
        chunk: list[RawDocument | Rejected] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= self.settings.batch_size:
                yield from self.process_batch(chunk)
                chunk = []
        if chunk:
            yield from self.process_batch(chunk)


def _rejected(raw: RawDocument, exc: Exception, stage: str | None = None) -> Rejected:
    if isinstance(exc, NewsgraphError):
        return Rejected(raw.source, exc.code.value, exc.message)
    where = f" in stage {stage}" if stage else ""
    return Rejected(raw.source, Code.INTERNAL.value, f"internal error{where}: {type(exc).__name__}: {exc}")


@lru_cache(maxsize=4)
def get_pipeline(settings: Settings) -> Pipeline:
    """One pipeline per process and settings: models load once."""
    return Pipeline(settings)


def process(raw: RawDocument | Rejected, settings: Settings) -> AnalyzedDocument | Rejected:
    """The one per-document function that the CLI, API, batch and Spark job call."""
    return get_pipeline(settings).process(raw)
