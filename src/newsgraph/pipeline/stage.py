"""The stage protocol, typed hand-offs, and the working context a document carries.

A stage hands working data to later stages only through `HandOff` keys it
declares: what it reads in `requires`, what it writes in `assigns`. The
context checks every read and write against the running stage's declaration,
and the pipeline runs a probe document through every stage when it is built,
so a stage that touches an undeclared hand-off is refused at build time, not
hours into a batch.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar, overload, runtime_checkable

from newsgraph.model import Article, RawDocument
from newsgraph.settings import Settings

T = TypeVar("T")
D = TypeVar("D")


@dataclass(frozen=True)
class HandOff(Generic[T]):
    """A typed key for one value a stage gives to later stages.

    `name` is what `requires`/`assigns` and error messages say; `about` says
    what the value holds, for docs/architecture.md and for the reader of a
    stage that declares it. The type parameter types `ctx.get`/`ctx.put`.
    """

    name: str
    about: str = ""

    def __str__(self) -> str:
        return self.name


class UndeclaredHandOff(RuntimeError):
    """A stage read or wrote a hand-off it did not declare."""


class MissingHandOff(KeyError):
    """A declared hand-off that no stage has put yet (a pipeline order bug)."""


_MISSING: Any = object()


@dataclass
class AnalysisContext:
    """Mutable working state of one document inside the pipeline.

    It never leaves the pipeline: what leaves is the frozen AnalyzedDocument.
    Working values and finished layers live under their `HandOff` keys;
    `warnings` are notes a stage wants the user to see, and they reach the
    output's provenance.
    """

    raw: RawDocument
    article: Article
    settings: Settings
    reference_date: str | None
    warnings: list[str] = field(default_factory=list)
    _values: dict[str, Any] = field(default_factory=dict, repr=False)
    _reads: frozenset[str] | None = field(default=None, repr=False)
    _writes: frozenset[str] | None = field(default=None, repr=False)
    _stage: str = field(default="", repr=False)

    @property
    def text(self) -> str:
        return self.article.text

    @overload
    def get(self, key: HandOff[T]) -> T: ...

    @overload
    def get(self, key: HandOff[T], default: D) -> T | D: ...

    def get(self, key: HandOff[T], default: Any = _MISSING) -> Any:
        """The value under `key`; `default` when no stage has put it (a stage run alone)."""
        self._check(key, self._reads, "reads")
        if key.name in self._values:
            return self._values[key.name]
        if default is _MISSING:
            raise MissingHandOff(f"{key.name!r} has not been put by any stage before {self._stage or 'this call'}")
        return default

    def put(self, key: HandOff[T], value: T) -> None:
        self._check(key, self._writes, "writes")
        self._values[key.name] = value

    def has(self, key: HandOff[Any]) -> bool:
        return key.name in self._values

    def layer(self, name: str) -> tuple[Any, ...]:
        """A finished layer by name, unchecked: for the runner that assembles the output."""
        return tuple(self._values.get(name, ()))

    def warn(self, message: str) -> None:
        """A note for the output's provenance (a part that failed and was skipped)."""
        self.warnings.append(f"{self._stage}: {message}" if self._stage else message)

    def _check(self, key: HandOff[Any], allowed: frozenset[str] | None, verb: str) -> None:
        if allowed is not None and key.name not in allowed:
            raise UndeclaredHandOff(
                f"stage {self._stage!r} {verb} {key.name!r}, which it does not declare "
                f"(declare it in {'requires' if verb == 'reads' else 'assigns'})"
            )

    @contextmanager
    def running(self, stage: Stage) -> Iterator[AnalysisContext]:
        """Hold the context to `stage`'s declaration while it runs.

        A stage may read what it requires or assigns (it reads back its own
        work) and write only what it assigns. Outside a pipeline run (a unit
        test driving one stage) nothing is checked.
        """
        names = {str(k) for k in stage.requires}
        own = {str(k) for k in stage.assigns}
        saved = (self._reads, self._writes, self._stage)
        self._reads, self._writes, self._stage = frozenset(names | own), frozenset(own), stage.name
        try:
            yield self
        finally:
            self._reads, self._writes, self._stage = saved


@runtime_checkable
class Stage(Protocol):
    """One analysis step. `requires`/`assigns` list hand-offs (or their names)."""

    name: str
    version: str
    requires: tuple[HandOff[Any] | str, ...]
    assigns: tuple[HandOff[Any] | str, ...]

    def __call__(self, ctx: AnalysisContext) -> None: ...
