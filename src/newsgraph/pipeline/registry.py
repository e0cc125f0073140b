"""Stages register themselves next to their code; the default order follows from them.

`@register` on a stage class (as spaCy's `Language.factory` does for
components) puts it in the registry. Every `newsgraph.analyse.<layer>.stage`
module is imported on first use, so adding a layer is adding a subpackage:
nothing here lists the stages. The default order is a topological order of
what the stages require and assign, ties broken by the order of the layers in
the model, so it is derived, not written down a second time.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from collections.abc import Callable
from typing import Any, TypeVar

from newsgraph.model import LAYERS

C = TypeVar("C", bound=type)

_REGISTRY: dict[str, type] = {}
_DISCOVERED = False
ANALYSE = "newsgraph.analyse"


def register(cls: C) -> C:
    """Class decorator: make a stage buildable by its `name`."""
    name = cls.name  # type: ignore[attr-defined]
    if name in _REGISTRY and _REGISTRY[name] is not cls:
        raise ValueError(f"two stages are named {name!r}: {_REGISTRY[name].__module__} and {cls.__module__}")
    _REGISTRY[name] = cls
    return cls


def _discover() -> None:
    """Import each analyse subpackage's `stage` module once, so its stages register."""
    global _DISCOVERED
    if _DISCOVERED:
        return
    package = importlib.import_module(ANALYSE)
    for info in pkgutil.iter_modules(package.__path__):
        if info.ispkg and importlib.util.find_spec(f"{ANALYSE}.{info.name}.stage") is not None:
            importlib.import_module(f"{ANALYSE}.{info.name}.stage")
    _DISCOVERED = True


def stages() -> dict[str, type]:
    """Every registered stage class by name."""
    _discover()
    return dict(_REGISTRY)


def build_stage(name: str, settings: Any) -> Any:
    known = stages()
    if name not in known:
        raise ValueError(f"unknown stage {name!r}; known stages: {', '.join(default_order())}")
    return known[name](settings)


def _names(keys: Any) -> set[str]:
    return {str(k) for k in keys}


def _rank(cls: type) -> int:
    """Where a stage's layer sits in the model's layer order (-1: it makes no layer)."""
    made = [LAYERS.index(n) for n in _names(cls.assigns) if n in LAYERS]  # type: ignore[attr-defined]
    return min(made, default=-1)


def default_order(only: Callable[[type], bool] = lambda cls: True) -> tuple[str, ...]:
    """All registered stages in an order where each comes after what it requires."""
    pending = {name: cls for name, cls in stages().items() if only(cls)}
    have: set[str] = {"article"}
    order: list[str] = []
    while pending:
        ready = [n for n, c in pending.items() if _names(c.requires) <= have]  # type: ignore[attr-defined]
        if not ready:
            raise ValueError(f"stages {', '.join(sorted(pending))} require hand-offs no stage assigns")
        name = min(ready, key=lambda n: (_rank(pending[n]), n))
        have |= _names(pending.pop(name).assigns)  # type: ignore[attr-defined]
        order.append(name)
    return tuple(order)


def stages_for(*layers: str) -> tuple[str, ...]:
    """The stages needed to make `layers`, in default order (an evaluation runs no more)."""
    known = stages()
    makers = {n: name for name, cls in known.items() for n in _names(cls.assigns)}  # type: ignore[attr-defined]
    need: set[str] = set()
    todo = [makers[layer] for layer in layers]
    while todo:
        name = todo.pop()
        if name not in need:
            need.add(name)
            todo.extend(makers[r] for r in _names(known[name].requires) if r in makers)  # type: ignore[attr-defined]
    return tuple(n for n in default_order() if n in need)
