"""Settings: shipped defaults, user file, environment, flags, in that order."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.settings import load_settings


def test_layers_override_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('batch_size = 7\nmax_input_bytes = 1000\nstages = ["nlp"]\n', "utf-8")
    monkeypatch.setenv("NEWSGRAPH_BATCH_SIZE", "9")
    s = load_settings(cfg, max_input_bytes=500)
    assert s.batch_size == 9  # environment over file
    assert s.max_input_bytes == 500  # flag over file
    assert s.stages == ("nlp",)


def test_environment_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_STAGES", "nlp, entities")
    assert load_settings().stages == ("nlp", "entities")
    monkeypatch.setenv("NEWSGRAPH_STAGES", "")
    assert load_settings().stages == ()


def test_unknown_setting_is_an_error(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("no_such_thing = 1\n", "utf-8")
    with pytest.raises(ValueError, match="unknown setting 'no_such_thing'"):
        load_settings(cfg)


def test_shipped_toml_and_dataclass_defaults_agree(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """defaults.toml is what users read and edit; Settings() is what code builds directly."""
    import os

    from newsgraph.settings import Settings

    for key in list(os.environ):
        if key.startswith("NEWSGRAPH_"):
            monkeypatch.delenv(key)
    assert load_settings(tmp_path / "none.toml") == Settings()
