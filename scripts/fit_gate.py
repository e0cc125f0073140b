"""Refit the article gate's weights (src/newsgraph/data/gate_weights.json).

Runs the HTML stage on every page of WCXB dev (CC-BY-4.0, Murrough Foley,
WCXB (2026): 711 articles, 240 other pages), AEB (MIT) and NAEB (Apache-2.0)
from ../shared with the gate switched off, and records each page's gate
evidence (extract/gate.py `PageEvidence`) and our text. A logistic
regression with an L2 penalty (LAMBDA, the bias not penalised, Newton steps)
is fitted on the signs of `PageEvidence.signs()`: a WCXB page that is not an
article is 1, a WCXB article or an AEB/NAEB page 0, the AEB/NAEB pages
weighted NEWS_WEIGHT (they are the news the gate must never reject). The
weights are rounded to two decimals (one decimal moved a page across the
threshold); the threshold is the score that rejects SHARE of the WCXB
non-articles (those rejected before the gate, with no main text, count),
rounded down to 0.1: a rejected article is lost for good, a listing that
passes is only noise.

`--halves` reports the honest figures: fitted and thresholded on the odd
(even) WCXB page ids with all AEB/NAEB pages, scored on the even (odd) ones:
non-articles rejected, articles rejected and the articles' body F1 (the AEB
4-gram metric, a rejected article scoring as empty), as `newsgraph eval
extraction --set wcxb` computes it. `--write` stores the all-pages fit.

    PYTHONPATH=src python scripts/fit_gate.py [--halves] [--write] [--cache FILE]

`--cache FILE` keeps the recorded pages (a pickle) so that a second run skips
the extraction (about 5 minutes of CPU for the 1,550 pages).
"""

from __future__ import annotations

import json
import math
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

import newsgraph.extract as extract_pkg
from newsgraph.evaluate import extraction as ev
from newsgraph.extract.gate import PageEvidence

DATA = Path("../shared/data/extraction")
OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/data/gate_weights.json"
LAMBDA = 0.3
NEWS_WEIGHT = 3.0
SHARE = 0.85
SETS = ("wcxb", "aeb", "naeb")


def _pages(which: str) -> Iterator[tuple[str, str, bytes, str | None, str | None]]:
    """(key, page type, HTML, URL, gold body) of each page of one set."""
    if which == "wcxb":
        for key, kind, page, gold in ev.wcxb_pages(DATA):
            yield key, kind, page, gold.get("url"), gold["ground_truth"].get("main_content") or ""
    elif which == "aeb":
        for key, page, url, _ in ev.aeb_pages(DATA):
            yield key, "article", page, url, None
    else:
        for key, page, rec in ev.naeb_pages(DATA):
            yield key, "article", page, rec.get("url"), None


def record(which: str) -> list[dict[str, Any]]:
    """Each page's gate evidence and our text, the gate switched off (None when rejected before it)."""
    seen: dict[str, PageEvidence] = {}

    def spy(evidence: PageEvidence) -> None:
        seen["ev"] = evidence
        return None

    gate = extract_pkg.not_article_reason
    extract_pkg.not_article_reason = spy  # type: ignore[assignment]
    rows = []
    try:
        for key, kind, page, url, gold in _pages(which):
            seen.clear()
            art = ev._ours_html(page, url)
            rows.append(dict(set=which, key=key, type=kind, ev=seen.get("ev"), text=art.text if art else None,
                             gold=gold))
    finally:
        extract_pkg.not_article_reason = gate
    return rows


def _gated(row: dict[str, Any]) -> bool:
    """Whether the gate sees the page at all (a page with no main text is rejected before it)."""
    return row["ev"] is not None and row["text"] is not None


def _label(row: dict[str, Any]) -> float:
    return 1.0 if row["set"] == "wcxb" and row["type"] != "article" else 0.0


def fit(rows: list[dict[str, Any]], names: list[str]) -> tuple[float, np.ndarray]:
    """(bias, weights) of the weighted L2 logistic regression, by Newton steps."""
    X = np.array([[1.0] + [r["ev"].signs()[n] for n in names] for r in rows])
    y = np.array([_label(r) for r in rows])
    w = np.array([1.0 if r["set"] == "wcxb" else NEWS_WEIGHT for r in rows])
    penalty = np.full(X.shape[1], 2 * LAMBDA)
    penalty[0] = 0.0
    beta = np.zeros(X.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(X @ beta)))
        grad = X.T @ (w * (p - y)) + penalty * beta
        hess = (X * (w * p * (1 - p))[:, None]).T @ X + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-9:
            break
    return float(beta[0]), beta[1:]


def _scores(rows: list[dict[str, Any]], bias: float, coef: np.ndarray, names: list[str]) -> list[float]:
    """Each page's score; a page rejected before the gate scores infinity."""
    return [bias + sum(c * r["ev"].signs()[n] for c, n in zip(coef, names)) if _gated(r) else math.inf
            for r in rows]


def _in_half(row: dict[str, Any], half: int | None) -> bool:
    return row["set"] == "wcxb" and (half is None or int(row["key"]) % 2 == half)


def threshold_for(rows: list[dict[str, Any]], scores: list[float], half: int | None) -> float:
    """The score that rejects SHARE of the half's WCXB non-articles, rounded down to 0.1."""
    non = [r for r in rows if _in_half(r, half) and _label(r)]
    before = sum(1 for r in non if not _gated(r))
    ranked = sorted((s for r, s in zip(rows, scores) if _in_half(r, half) and _label(r) and _gated(r)), reverse=True)
    need = math.ceil(SHARE * len(non)) - before
    return math.floor(ranked[max(need, 1) - 1] * 10) / 10


def report(rows: list[dict[str, Any]], scores: list[float], threshold: float, half: int | None) -> dict[str, Any]:
    """Rejections and the articles' body F1 on the half's WCXB pages; the highest AEB/NAEB score."""
    rejected = [not _gated(r) or s >= threshold for r, s in zip(rows, scores)]
    arts = [(r, out) for r, out in zip(rows, rejected) if _in_half(r, half) and not _label(r)]
    non = [out for r, out in zip(rows, rejected) if _in_half(r, half) and _label(r)]
    pairs = [(r["gold"], "" if out else r["text"]) for r, out in arts]
    news = [s for r, s in zip(rows, scores) if r["set"] != "wcxb" and _gated(r)]
    return {"threshold": threshold, "articles_rejected": sorted(r["key"] for r, out in arts if out),
            "non_articles_rejected": f"{sum(non)} of {len(non)} ({sum(non) / len(non):.1%})",
            "body_f1": float(ev.body_scores(pairs)["f1"]), "news_rejected": int(sum(s >= threshold for s in news)),
            "news_highest": round(float(max(news)), 2) if news else None}


def _fit_on(rows: list[dict[str, Any]], names: list[str], half: int | None) -> tuple[float, np.ndarray, float]:
    """Rounded weights and threshold fitted on one half of WCXB (None: all of it) with every AEB/NAEB page."""
    train = [r for r in rows if _gated(r) and (r["set"] != "wcxb" or _in_half(r, half))]
    bias, coef = fit(train, names)
    bias, coef = round(bias, 2), np.round(coef, 2)
    scores = _scores(rows, bias, coef, names)
    return bias, coef, threshold_for(rows, scores, half)


def main(argv: list[str]) -> None:
    cache = Path(argv[argv.index("--cache") + 1]) if "--cache" in argv else None
    if cache is not None and cache.exists():
        rows = pickle.loads(cache.read_bytes())
    else:
        rows = [row for which in SETS for row in record(which)]
        if cache is not None:
            cache.write_bytes(pickle.dumps(rows))
    usable = rows
    names = list(next(r["ev"] for r in rows if _gated(r)).signs())
    if "--halves" in argv:
        for fit_half, test_half in ((1, 0), (0, 1)):
            bias, coef, threshold = _fit_on(usable, names, fit_half)
            scores = _scores(usable, bias, coef, names)
            print(f"fit on {'odd' if fit_half else 'even'} ids, scored on the other half:",
                  json.dumps(report(usable, scores, threshold, test_half)))
    bias, coef, threshold = _fit_on(usable, names, None)
    scores = _scores(usable, bias, coef, names)
    print("all pages:", json.dumps(report(usable, scores, threshold, None)))
    print("weights:", json.dumps({"bias": bias, **{n: float(c) for n, c in zip(names, coef)}}))
    if "--write" in argv:
        about = json.loads(OUT.read_text())["_about"] if OUT.exists() else ""
        OUT.write_text(json.dumps({"_about": about, "bias": bias, "threshold": threshold,
                                   "weights": {n: float(c) for n, c in zip(names, coef)}}, indent=2) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
