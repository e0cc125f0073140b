"""Gate: the whole pipeline on the 26 real-news dev pages stays at or above the floors
in tests/baselines.toml ([realnews]). The run takes 10 to 45 seconds on two shared cores,
so it stays in `make test` (marked slow like the other evaluation gates)."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.evaluate.realnews import report, run
from newsgraph.evaluate.realnews.scoring import LAYERS
from tests.conftest import baseline, run_cli, shared_file

GOLD = "data/realnews/gold_dev.jsonl"
HTML = "data/extraction/naeb/html"


@pytest.fixture(scope="module")
def figures() -> dict[str, Any]:
    return run(data=shared_file(GOLD), html_dir=shared_file(HTML))


@pytest.mark.slow
def test_every_page_is_analysed(figures: dict[str, Any]) -> None:
    assert figures["pages"] == 26
    assert figures["rejected"] == [], report(figures)


@pytest.mark.slow
@pytest.mark.parametrize(("layer", "metric"), [(layer, m) for layer, ms in LAYERS.items() for m in ms])
def test_realnews_floors(figures: dict[str, Any], layer: str, metric: str) -> None:
    floors = baseline("realnews")
    got = figures["layers"][layer][metric]
    for part in ("precision", "recall"):
        assert got[part] >= floors[f"{layer}_{metric}_{part}"], f"{layer} {metric} {part}\n" + report(figures)


def test_missing_data_is_a_coded_error(tmp_path: Any) -> None:
    proc = run_cli("eval", "realnews", "--data", str(tmp_path / "nowhere.jsonl"), timeout=120)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.startswith("E003: no gold file at") and "--data" in err


def test_missing_html_folder_is_a_coded_error(tmp_path: Any) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "p1", "url": "https://example.test/p1"}\n', encoding="utf-8")
    proc = run_cli("eval", "realnews", "--data", str(gold), "--html-dir", str(tmp_path / "none"), timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("E003: no HTML folder at")
