"""Shared fixtures: the ../shared data sets, the real CLI, the schema check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSGRAPH_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "000_d83e9b355770aa0a.txt"
GOLD = SHARED / "seed" / "gold.json"


def shared_file(rel: str) -> Path:
    """A path under ../shared. Missing data fails in CI and skips on a user's machine."""
    path = SHARED / rel
    if not path.exists():
        msg = f"{path} is missing: the evaluation data lives in ../shared next to the project checkout"
        if os.environ.get("CI") == "true":
            pytest.fail(msg + " (CI=true: shared data is required)")
        pytest.skip(msg)
    return path


@pytest.fixture
def shared() -> Any:
    return shared_file


def run_cli(*args: str, input: bytes | None = None, env: dict[str, str] | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess[bytes]:
    """Run the real entry point, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", *args],
        input=input,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
    )


def analyze_json(*args: str) -> Any:
    proc = run_cli("analyze", "--format", "json", *args)
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


def validate(obj: dict[str, Any]) -> None:
    import jsonschema

    from newsgraph.model.serialize import json_schema

    jsonschema.validate(obj, json_schema())


def norm(text: str) -> str:
    """The gold file's matching rule: straight quotes, collapsed whitespace."""
    for a, b in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(a, b)
    return " ".join(text.split())


def baseline(area: str) -> dict[str, Any]:
    """The floors of one area from tests/baselines.toml."""
    import tomllib

    return tomllib.loads((ROOT / "tests" / "baselines.toml").read_text("utf-8")).get(area, {})
