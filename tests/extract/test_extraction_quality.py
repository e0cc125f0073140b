"""Evaluation gate: extraction quality on the AEB and NAEB pages against tests/baselines.toml."""

from __future__ import annotations

import pytest

from newsgraph.evaluate.extraction import run_aeb, run_aeb_text, run_naeb
from tests.conftest import baseline, shared_file

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def floors() -> dict:
    return baseline("extraction")


@pytest.fixture(scope="module")
def naeb() -> dict:
    # Our side only: trafilatura's reference scores are for `newsgraph eval`, not the gate.
    return run_naeb(shared_file("data/extraction/naeb").parent, reference=False)


def test_aeb_body_f1(floors: dict) -> None:
    fig = run_aeb(shared_file("data/extraction/scrapinghub_aeb").parent, reference=False)
    assert fig["pages"] == 181
    assert fig["ours"]["f1"] >= floors["aeb_body_f1"], fig["ours"]


def test_aeb_text_dumps_body_f1(floors: dict) -> None:
    fig = run_aeb_text(shared_file("data/extraction/scrapinghub_aeb").parent)
    assert fig["ours"]["f1"] >= floors["aeb_text_body_f1"], fig["ours"]
    assert fig["ours"]["f1"] > fig["uncleaned_dump"]["f1"]


def test_naeb_title(naeb: dict, floors: dict) -> None:
    assert naeb["pages"] >= 400
    assert naeb["ours"]["title"] >= floors["naeb_title"], naeb["ours"]


def test_naeb_authors(naeb: dict, floors: dict) -> None:
    assert naeb["ours"]["authors"] >= floors["naeb_authors"], naeb["ours"]


def test_naeb_date_floor(naeb: dict, floors: dict) -> None:
    assert naeb["ours"]["date"] >= floors["naeb_date"], naeb["ours"]


@pytest.mark.xfail(reason="issue 2 asks for NAEB date exact >= 0.90; measured 0.855. 31 gold dates appear nowhere "
                          "on their page and 21 are the page's modified date, see docs/benchmarks.md",
                   strict=False)
def test_naeb_date_target(naeb: dict, floors: dict) -> None:
    assert naeb["ours"]["date"] >= floors["naeb_date_target"], naeb["ours"]
