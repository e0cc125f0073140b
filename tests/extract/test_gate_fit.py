"""The gate's fitting script (scripts/fit_gate.py) on hand-built evidence: no data set needed."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from typing import Any

import pytest

from newsgraph.extract.gate import PageEvidence

_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fit_gate.py"


@pytest.fixture(scope="module")
def fit_gate() -> Any:
    spec = importlib.util.spec_from_file_location("fit_gate", _SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fit_gate"] = module
    spec.loader.exec_module(module)
    return module


def _ev(**kw: object) -> PageEvidence:
    base: dict[str, object] = dict(article_type=False, og_article=False, bylined=False, not_article_type=False,
                                   slug_words=4, prose_share=0.9, controls=0, calls_to_action=0, pagination=0,
                                   time_stamps=0, replies=0, code_blocks=0, share_links=0, comment_marks=0)
    base.update(kw)
    return PageEvidence(**base)  # type: ignore[arg-type]


def _row(key: str, kind: str, ev: PageEvidence | None, text: str | None = "Text.", which: str = "wcxb") -> dict:
    return dict(set=which, key=key, type=kind, ev=ev, text=text, gold="Text.")


def test_the_fit_learns_the_direction_of_each_sign(fit_gate: Any) -> None:
    # threads: replies; articles: a byline; the news pages (weighted up) have both a byline and a few replies
    rows = ([_row(f"{n:04d}", "forum", _ev(replies=10 + n % 5, prose_share=0.5)) for n in range(20)]
            + [_row(f"{n:04d}", "article", _ev(bylined=True, replies=n % 2)) for n in range(20, 60)]
            + [_row(f"n{n}", "article", _ev(bylined=True, replies=2), which="naeb") for n in range(10)])
    names = list(rows[0]["ev"].signs())
    bias, coef = fit_gate.fit(rows, names)
    weight = dict(zip(names, coef))
    assert weight["replies"] > 0 > weight["a byline"]
    scores = fit_gate._scores(rows, bias, coef, names)
    assert all((s > 0) == (r["type"] == "forum") for r, s in zip(rows, scores))


def test_the_threshold_rejects_the_share_of_non_articles_counting_those_rejected_before(fit_gate: Any) -> None:
    # 20 non-articles: 2 rejected before the gate (no main text), 18 scored 0.05, 0.15, ..., 1.75
    rows = [_row(f"{n:04d}", "listing", _ev()) for n in range(18)]
    rows += [_row("0018", "listing", None, text=None), _row("0019", "listing", None, text=None)]
    scores = [0.05 + 0.1 * n for n in range(18)] + [math.inf, math.inf]
    # 85% of 20 = 17 pages; 2 are rejected already, so the 15th highest score (0.35), rounded down to 0.1
    assert fit_gate.threshold_for(rows, scores, None) == pytest.approx(0.3)
    out = fit_gate.report(rows, scores, 0.3, None)
    assert out["non_articles_rejected"] == "17 of 20 (85.0%)"


def test_a_rejected_article_scores_as_empty_in_the_report(fit_gate: Any) -> None:
    rows = [_row("0001", "article", _ev()), _row("0002", "article", _ev()), _row("0003", "listing", _ev()),
            _row("x", "article", _ev(), which="aeb")]
    out = fit_gate.report(rows, [2.0, -1.0, 1.0, -2.0], 0.5, None)
    assert out["articles_rejected"] == ["0001"]
    assert out["body_f1"] == pytest.approx(0.5)
    assert out["news_rejected"] == 0 and out["news_highest"] == -2.0
