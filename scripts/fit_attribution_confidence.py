"""Refit the attribution confidence weights (data/attribution_confidence.json).

Runs the whole pipeline on the real-news development pages, labels each
attribution right when its content matches a gold item (the scorer's greedy
one-to-one match, dice >= 0.5, over all attributions whatever their
confidence) and its speaker names agree, then fits an L2-regularised logistic
regression (lambda 1, Newton steps) over confidence.features. Prints the new
weights as JSON; `--write` stores them. Only the development pages are read:
the held-aside pages stay the honest check.

    PYTHONPATH=src python scripts/fit_attribution_confidence.py [--write]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.analyse.attributions.confidence import features
from newsgraph.evaluate.realnews.rules import bag, bag_dice, greedy, names_agree, predicted_name
from newsgraph.evaluate.realnews.running import analyse, load
from newsgraph.evaluate.realnews.scoring import CONTENT_DICE, entity_names

DATA = Path("../shared/data/realnews/gold_dev.jsonl")
HTML = Path("../shared/data/extraction/naeb/html")
WEIGHTS = Path(__file__).resolve().parents[1] / "src/newsgraph/data/attribution_confidence.json"
RULE_SET = {"method_parse-stance": -6.0}  # set by rule, not fitted (docs/attributions.md)
LAMBDA = 1.0


def examples() -> list[tuple[list[str], int]]:
    records = load(DATA)
    out = []
    for rec, doc in zip(records, analyse(records, HTML)):
        gold = rec.get("attributions") or []
        preds = doc.get("attributions") or []
        names = entity_names(doc)
        pairs = {p: g for g, p in greedy(len(gold), len(preds), _content_dice(gold, preds), CONTENT_DICE)}
        for pi, p in enumerate(preds):
            sp = p.get("speaker") or {}
            method = p["provenance"]["method"]
            if f"method_{method}" in RULE_SET:
                continue  # its weight is not fitted
            feats = features(method, p["kind"], p["content"]["text"], sp.get("text"), sp.get("entity_id") is not None)
            right = pi in pairs and names_agree(gold[pairs[pi]].get("speaker"), predicted_name(sp, names, "text"))
            out.append((feats, int(right)))
    return out


def _content_dice(gold: list[dict[str, Any]], preds: list[dict[str, Any]]) -> Callable[[int, int], tuple[float]]:
    """The scorer's matching key: token dice of gold and predicted content."""
    g_bags = [bag(g["content"]) for g in gold]
    p_bags = [bag(p["content"]["text"]) for p in preds]
    return lambda gi, pi: (bag_dice(g_bags[gi], p_bags[pi]),)


def fit(rows: list[tuple[list[str], int]]) -> dict[str, float]:
    names = sorted({f for feats, _ in rows for f in feats})
    col = {f: i + 1 for i, f in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, 0] = 1.0
    for r, (feats, _) in enumerate(rows):
        for f in feats:
            x[r, col[f]] = 1.0
    y = np.array([label for _, label in rows], dtype=float)
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], LAMBDA)
    reg[0] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        grad = x.T @ (p - y) + reg * w
        hess = (x.T * (p * (1 - p))) @ x + np.diag(reg + 1e-9)
        w -= np.linalg.solve(hess, grad)
    out = {"bias": round(float(w[0]), 2)}
    out.update({f: round(float(w[col[f]]), 2) for f in names})
    return {k: out[k] for k in sorted(out)} | RULE_SET


def main() -> None:
    rows = examples()
    weights = fit(rows)
    print(json.dumps(weights, indent=2))
    print(f"{len(rows)} attributions, {sum(y for _, y in rows)} right", file=sys.stderr)
    if "--write" in sys.argv:
        data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
        data["weights"] = dict(sorted(weights.items()))
        WEIGHTS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
