"""The stage protocol and the working context a document carries through it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from newsgraph.model import Article, RawDocument
from newsgraph.settings import Settings


@dataclass
class AnalysisContext:
    """Mutable working state of one document inside the pipeline.

    It never leaves the pipeline: what leaves is the frozen AnalyzedDocument.
    `layers` holds the finished annotation tuples by layer name; `scratch`
    lets a stage hand working objects (the spaCy Doc, mention maps) to later
    stages without widening the public model.
    """

    raw: RawDocument
    article: Article
    settings: Settings
    reference_date: str | None
    layers: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    scratch: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # repairs made on the way in, for provenance

    @property
    def text(self) -> str:
        return self.article.text


@runtime_checkable
class Stage(Protocol):
    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, ctx: AnalysisContext) -> None: ...


class BatchStage(Stage, Protocol):
    """A stage that is faster on many documents at once (spaCy's nlp.pipe)."""

    def batch(self, ctxs: list[AnalysisContext]) -> None: ...
