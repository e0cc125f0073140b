"""The code stays a place a maintainer can work in: small modules, one room per layer."""

from __future__ import annotations

import pkgutil
from pathlib import Path

import newsgraph.analyse
from newsgraph.pipeline import registry

SRC = Path(__file__).resolve().parents[1] / "src" / "newsgraph"


def test_no_module_over_800_lines() -> None:
    long = {str(p.relative_to(SRC)): n for p in SRC.rglob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > 800}
    assert not long, long


def test_every_analyse_subpackage_but_text_is_a_registered_layer() -> None:
    subpackages = {m.name for m in pkgutil.iter_modules(newsgraph.analyse.__path__) if m.ispkg}
    stage_modules = {cls.__module__.split(".")[2] for cls in registry.stages().values()}
    assert subpackages - {"text"} == stage_modules
