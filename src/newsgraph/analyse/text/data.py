"""The one loader of the data files shipped in newsgraph/data/.

A packaged data file that is missing or broken is a broken install, not a
document problem: every loader here raises, and no layer quietly runs
without its knowledge.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import tomllib


def data_file(name: str) -> Traversable:
    """A file under newsgraph/data/ by its relative path ("actors/roles.json")."""
    return resources.files("newsgraph").joinpath("data", *name.split("/"))


def read_text(name: str) -> str:
    return data_file(name).read_text("utf-8")


@cache
def load_json(name: str) -> Any:
    """A packaged JSON file, parsed once per process (callers must not mutate it)."""
    return json.loads(read_text(name))


@cache
def load_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(read_text(name))
