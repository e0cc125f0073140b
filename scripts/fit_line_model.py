"""Refit the line model of the extractors' vote (src/newsgraph/data/line_model.json).

Runs the HTML stage on the article pages of WCXB dev (CC-BY-4.0, Murrough
Foley, WCXB (2026)), AEB (MIT) and NAEB (Apache-2.0) from ../shared, and
records, on each page put to the vote, the candidates the vote saw (our
pick and the other extractors' lines after the news filters). For every line
of the aligned sequence (extract/linevote.py `union`) that the pick lacks, the
label is whether half of its 4-word shingles (a short line: its words whole)
are in the gold body. An L2-regularised logistic regression (lambda 1, Newton
steps, standardised features) is fitted on those lines, and the threshold is
the one among THRESHOLDS that does best on the same training pages, replaying
the vote: body F1 gained on WCXB, minus any F1 lost on AEB or NAEB (the news
sets), each against the vote without added lines.

`--halves` reports the honest figures: fitted and thresholded on one half of
the pages (odd WCXB ids with the AEB/NAEB pages of odd hash, or the even
ones) and scored on the other. `--write` stores the all-pages fit.

    PYTHONPATH=src python scripts/fit_line_model.py [--halves] [--write] [--cache FILE]

`--cache FILE` keeps the recorded candidates (a pickle) so that a second run
skips the extractors (about 10 minutes of CPU for the 1,300 pages).
"""

from __future__ import annotations

import json
import pickle
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from newsgraph.evaluate import extraction as ev
from newsgraph.extract import ensemble, html
from newsgraph.extract import linevote as lv
from newsgraph.extract.boilerplate import filter_lines

DATA = Path("../shared/data/extraction")
MODEL = Path(__file__).resolve().parents[1] / "src/newsgraph/data/line_model.json"
LAMBDA = 1.0
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9)
SETS = ("wcxb", "aeb", "naeb")


def _pages(which: str, limit: int | None = None) -> Iterator[tuple[str, bytes, str | None, str]]:
    if which == "aeb":
        yield from ev.aeb_pages(DATA, limit)
    elif which == "naeb":
        for key, page, rec in ev.naeb_pages(DATA, limit):
            yield key, page, rec.get("url"), rec.get("articleBody") or ""
    else:
        for key, kind, page, gold in ev.wcxb_pages(DATA, limit):
            if kind == "article":
                yield key, page, gold.get("url"), gold["ground_truth"].get("main_content") or ""


def record(which: str, limit: int | None = None) -> list[dict[str, Any]]:
    """Per article page: the vote's candidates (or the final text when there was no vote) and the gold body."""
    seen: dict[str, Any] = {}
    real_vote = html.vote

    def recording(own: Any, readers: Any, title: Any) -> Any:
        raw = {}
        for name, read in readers.items():
            try:
                raw[name] = read()
            except Exception:  # noqa: BLE001 - as in the vote: a failing extractor has no vote
                continue
        seen["candidates"] = {"own": own, **{n: filter_lines(lines, title=title) for n, lines in raw.items()}}
        return real_vote(own, {n: (lambda lines=lines: lines) for n, lines in raw.items()}, title)

    html.vote = recording
    out = []
    try:
        for key, page, url, true in _pages(which, limit):
            seen.clear()
            art = ev._ours_html(page, url)
            out.append({"set": which, "key": key, "true": true, "text": art.text if art else None,
                        "candidates": seen.get("candidates")})
    finally:
        html.vote = real_vote
    return out


def prepare(page: dict[str, Any]) -> None:
    """The page's pick, aligned lines, features and labels, as the vote computes them."""
    cands = page["candidates"]
    if page["text"] is None or cands is None or len(cands) < 3:
        return
    pick = ensemble.choose(cands, "own")
    texts = {pick: cands[pick][0], **{n: c[0] for n, c in cands.items() if n != pick}}
    removed = frozenset(r.text for c in cands.values() for r in c[1])
    seq = lv.union(pick, texts)
    keep = ensemble.edges(texts[pick], [t for n, t in texts.items() if n != pick])
    others = lv.eligible(seq, pick, keep, removed)
    gold = lv.Text([page["true"]])
    page.update(
        seq=seq, pick=pick, keep=keep,
        X=np.array(lv.line_features(seq, pick, texts, others), dtype=float).reshape(len(others), len(lv.FEATURES)),
        y=np.array([gold.support(seq[i].text) >= lv.FOUND_SHARE for i in others], dtype=float), others=others,
    )


def fit(pages: list[dict[str, Any]]) -> tuple[np.ndarray, float]:
    """Logistic regression (L2 on the standardised weights, Newton steps) of the labels on the features."""
    X = np.vstack([p["X"] for p in pages if "X" in p])
    y = np.concatenate([p["y"] for p in pages if "X" in p])
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = np.hstack([(X - mu) / sd, np.ones((len(X), 1))])
    b = np.zeros(Z.shape[1])
    penalty = LAMBDA * np.r_[np.ones(Z.shape[1] - 1), 0.0]
    for _ in range(30):
        p = 1 / (1 + np.exp(-Z @ b))
        grad = Z.T @ (p - y) + penalty * b
        hess = (Z * (p * (1 - p))[:, None]).T @ Z + np.diag(penalty)
        b -= np.linalg.solve(hess, grad)
    coef = b[:-1] / sd
    return coef, float(b[-1] - (mu * coef).sum())


def text(page: dict[str, Any], coef: np.ndarray | None, bias: float, threshold: float) -> str:
    """The page's body as the vote gives it with the model (None: without added lines)."""
    if page["text"] is None:
        return ""
    if "X" not in page:
        return page["text"]
    added = set()
    if coef is not None and len(page["others"]):
        prob = 1 / (1 + np.exp(-(page["X"] @ coef + bias)))
        added = {i for i, p in zip(page["others"], prob) if p >= threshold}
    start, end = page["keep"]
    lines = [line.text for i, line in enumerate(page["seq"])
             if (i in added) or (line.source == page["pick"] and start <= line.key[0] < end)]
    return "\n\n".join(lines)


def f1s(pages: list[dict[str, Any]], make: Callable[[dict[str, Any]], str]) -> dict[str, float]:
    out = {}
    for which in SETS:
        pairs = [(p["true"], make(p)) for p in pages if p["set"] == which]
        out[which] = ev.body_scores(pairs)["f1"] if pairs else 0.0
    return out


def gain(now: dict[str, float], before: dict[str, float]) -> float:
    """What the threshold is chosen by: WCXB gained, minus what AEB and NAEB lost."""
    return (now["wcxb"] - before["wcxb"]) + min(0.0, now["aeb"] - before["aeb"]) + min(0.0, now["naeb"] - before["naeb"])


def train(pages: list[dict[str, Any]]) -> tuple[np.ndarray, float, float]:
    coef, bias = fit(pages)
    before = f1s(pages, lambda p: text(p, None, 0.0, 1.0))
    best = max(THRESHOLDS, key=lambda t: gain(f1s(pages, lambda p: text(p, coef, bias, t)), before))
    return coef, bias, best


def half(page: dict[str, Any]) -> int:
    return (int(page["key"]) if page["set"] == "wcxb" else int(page["key"], 16)) % 2


def main(argv: list[str]) -> None:
    cache = Path(argv[argv.index("--cache") + 1]) if "--cache" in argv else None
    if cache is not None and cache.exists():
        pages = pickle.loads(cache.read_bytes())
    else:
        pages = [p for which in SETS for p in record(which)]
        if cache is not None:
            cache.write_bytes(pickle.dumps(pages))
    for page in pages:
        prepare(page)
    if "--halves" in argv:
        for k in (1, 0):
            train_pages = [p for p in pages if half(p) != k]
            test_pages = [p for p in pages if half(p) == k]
            coef, bias, t = train(train_pages)
            print(f"held-out half {k} (threshold {t}, chosen on the other half):",
                  "without added lines", f1s(test_pages, lambda p: text(p, None, 0.0, 1.0)),
                  "with", f1s(test_pages, lambda p, c=coef, b=bias, t=t: text(p, c, b, t)))
    coef, bias, t = train(pages)
    print("all pages (threshold", t, "):", "without", f1s(pages, lambda p: text(p, None, 0.0, 1.0)),
          "with", f1s(pages, lambda p: text(p, coef, bias, t)))
    data = {
        "about": "Logistic model over extract/linevote.py FEATURES: is a line that another extractor found and the "
                 "vote's pick lacks part of the main text? Fitted by scripts/fit_line_model.py on the article pages "
                 "of WCXB dev (CC-BY-4.0, Murrough Foley, WCXB (2026)), AEB (MIT) and NAEB (Apache-2.0).",
        "features": list(lv.FEATURES),
        "weights": [round(float(w), 6) for w in coef],
        "bias": round(bias, 6),
        "threshold": t,
    }
    print(json.dumps(data, indent=1))
    if "--write" in argv:
        MODEL.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
