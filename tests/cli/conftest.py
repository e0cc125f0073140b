"""The seed through the real CLI, run once for all seed tests."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.conftest import analyze_json, shared_file


@pytest.fixture(scope="session")
def _seed_json() -> dict[str, Any]:
    seed = shared_file("seed/000_d83e9b355770aa0a.txt")
    return analyze_json(str(seed), "--published", "2024-03-22")


@pytest.fixture(scope="module")
def seed_out(_seed_json: dict[str, Any]) -> dict[str, Any]:
    """The seed's output with `--published 2024-03-22`; each test module gets its own copy."""
    return copy.deepcopy(_seed_json)
