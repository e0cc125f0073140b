"""Evaluation gate: extraction quality on the AEB, NAEB and WCXB dev pages against tests/baselines.toml."""

from __future__ import annotations

import pytest

from newsgraph.evaluate.extraction import run_aeb, run_aeb_text, run_naeb, run_wcxb
from tests.conftest import baseline, shared_file

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def floors() -> dict:
    return baseline("extraction")


@pytest.fixture(scope="module")
def naeb() -> dict:
    # Our side only: trafilatura's reference scores are for `newsgraph eval`, not the gate.
    return run_naeb(shared_file("data/extraction/naeb").parent, reference=False)


@pytest.fixture(scope="module")
def wcxb() -> dict:
    # The extraction stage alone; trafilatura's same-run reference is for `newsgraph eval`.
    return run_wcxb(shared_file("data/extraction/wcxb_dev").parent, reference=False)


def test_aeb_body_f1(floors: dict) -> None:
    fig = run_aeb(shared_file("data/extraction/scrapinghub_aeb").parent, reference=False)
    assert fig["pages"] == 181
    assert fig["ours"]["f1"] >= floors["aeb_body_f1"], fig["ours"]
    assert not fig["ours_rejected"], fig["ours_rejected"]


def test_naeb_body_f1_and_rejections(naeb: dict, floors: dict) -> None:
    assert naeb["ours"]["body_f1"] >= floors["naeb_body_f1"], naeb["ours"]
    assert len(naeb["ours_rejected"]) <= floors["naeb_rejected_max"], naeb["ours_rejected"]


def test_wcxb_article_body_f1(wcxb: dict, floors: dict) -> None:
    assert wcxb["articles"] == 711
    assert wcxb["ours"]["f1"] >= floors["wcxb_body_f1"], wcxb["ours"]


def test_wcxb_article_gate(wcxb: dict, floors: dict) -> None:
    assert wcxb["non_articles"] == 240
    assert wcxb["non_article_reject_rate"] >= floors["wcxb_non_article_rejected"], wcxb["non_articles_rejected"]
    assert wcxb["article_reject_rate"] <= floors["wcxb_article_rejected_max"], wcxb["ours_rejected"]


def test_wcxb_article_gate_target(wcxb: dict, floors: dict) -> None:
    assert wcxb["non_article_reject_rate"] >= floors["wcxb_non_article_rejected_target"], wcxb["non_articles_rejected"]


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
