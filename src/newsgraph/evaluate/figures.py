"""Figures (claims) against our own gold sentences (``newsgraph eval figures``).

The set is src/newsgraph/data/figures_gold.jsonl: fictional news sentences
written for this project, one JSON object a line,
``{"id", "domain", "text", "figures": [{"value", "qualifier", "unit", "source", ...}]}``
with optional ``magnitude`` (vague amounts, value null), ``value_max`` (ranges)
and ``change``. The annotation conventions are those in the docstring of
newsgraph.analyse.claims. Two more sets in the same format were written after
the rules, to be scored with ``--data``: figures_heldout.jsonl (42 sentences)
and figures_test.jsonl (30 sentences); docs/benchmarks.md gives their first,
untuned scores.

Every sentence goes through the real pipeline (``RawDocument(raw=True)``, all
stages up to claims, in one batch).

Scores:
- value-and-unit P/R/F1: a predicted figure matches a gold one of the same
  sentence when the values agree (relative difference < 0.5%, or both null
  with the same magnitude) and the units agree after normalisation
  (`norm_unit`: case, plural "s", currency symbols and words to ISO codes,
  "percent" to "%"; one unit's words may be a subset of the other's, so
  "armored vehicles" matches "vehicles"; null matches only null). Pairs are
  taken one-to-one, in text order.
- value-only F1: the same with units ignored.
- over matched pairs: source accuracy (null must meet null; else one name
  contains the other after lower-casing and dropping "the"), qualifier
  accuracy, range (value_max) accuracy and change accuracy.
"""

from __future__ import annotations

import json
import re
import time
from importlib import resources
from pathlib import Path
from typing import Any

_UNIT_ALIASES = {
    "$": "usd", "us$": "usd", "dollar": "usd", "dollars": "usd", "€": "eur", "euro": "eur",
    "euros": "eur", "£": "gbp", "pound": "gbp", "pounds": "gbp", "¥": "jpy", "yen": "jpy",
    "percent": "%", "per cent": "%", "pct": "%", "percentage": "%",
}


def load(path: Path | None = None) -> list[dict[str, Any]]:
    if path is None:
        text = resources.files("newsgraph").joinpath("data/figures_gold.jsonl").read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def norm_unit(unit: str | None) -> frozenset[str] | None:
    if unit is None:
        return None
    u = " ".join(unit.lower().split())
    u = _UNIT_ALIASES.get(u, u)
    words = []
    for w in re.findall(r"[%$€£¥]|[\w.]+", u):
        w = _UNIT_ALIASES.get(w, w)
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        words.append(w)
    return frozenset(words)


def units_agree(gold: str | None, pred: str | None) -> bool:
    g, p = norm_unit(gold), norm_unit(pred)
    if g is None or p is None:
        return g is None and p is None
    return g <= p or p <= g


def values_agree(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    gv, pv = gold.get("value"), pred.get("value")
    if gv is None or pv is None:
        return gv is None and pv is None and gold.get("magnitude") == pred.get("magnitude")
    return abs(gv - pv) <= 0.005 * max(abs(gv), 1e-9)


def _norm_name(name: str | None) -> str | None:
    if name is None:
        return None
    n = " ".join(name.lower().replace("’", "'").split())
    return re.sub(r"^(?:the|a|an|its|their)\s+", "", n)


def sources_agree(gold: str | None, pred: dict[str, Any] | None) -> bool:
    g = _norm_name(gold)
    p = _norm_name(pred.get("name")) if pred else None
    if g is None or p is None:
        return g is None and p is None
    return g in p or p in g


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]], use_unit: bool = True) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), greedy in text order."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi in used or not values_agree(g, p):
                continue
            if use_unit and not units_agree(g.get("unit"), p.get("unit")):
                continue
            used.add(pi)
            pairs.append((gi, pi))
            break
    return pairs


def analyse(records: list[dict[str, Any]], rejected: list[str] | None = None) -> list[list[dict[str, Any]]]:
    """The predicted claims of each sentence, as contract JSON objects.

    A sentence the pipeline rejects counts as one with no figures; its id and
    message are appended to `rejected`.
    """
    from newsgraph.api import raw_document
    from newsgraph.model import RawDocument, Rejected
    from newsgraph.model.serialize import to_json
    from newsgraph.pipeline.registry import stages_for
    from newsgraph.pipeline.runner import get_pipeline
    from newsgraph.settings import load_settings

    pipeline = get_pipeline(load_settings().replace(stages=stages_for("claims")))
    raws: list[RawDocument | Rejected] = []
    for rec in records:
        raws.append(raw_document(rec["text"], id=rec["id"], uri=f"figures:{rec['id']}", raw=True,
                                 published=rec.get("published")))
    out: list[list[dict[str, Any]]] = []
    for doc in pipeline.process_batch(raws):
        if isinstance(doc, Rejected):
            out.append([])
            if rejected is not None:
                rejected.append(f"{doc.source.id}: {doc.code} {doc.message}")
        else:
            out.append(to_json(doc)["claims"])
    return out


def score(records: list[dict[str, Any]], predicted: list[list[dict[str, Any]]]) -> dict[str, Any]:
    n_gold = n_pred = n_match = n_value = 0
    src_ok = qual_ok = range_ok = change_ok = 0
    errors: list[dict[str, Any]] = []
    for rec, pred in zip(records, predicted):
        gold = rec["figures"]
        pairs = match(gold, pred)
        n_gold += len(gold)
        n_pred += len(pred)
        n_match += len(pairs)
        n_value += len(match(gold, pred, use_unit=False))
        for gi, pi in pairs:
            g, p = gold[gi], pred[pi]
            ok_src = sources_agree(g.get("source"), p.get("source"))
            src_ok += ok_src
            qual_ok += g.get("qualifier") == p.get("qualifier")
            range_ok += g.get("value_max") == p.get("value_max") or (
                g.get("value_max") is not None and p.get("value_max") is not None
                and abs(g["value_max"] - p["value_max"]) <= 0.005 * abs(g["value_max"]))
            change_ok += g.get("change") == p.get("change")
            if not ok_src:
                errors.append({"id": rec["id"], "kind": "source", "gold": g.get("source"),
                               "pred": (p.get("source") or {}).get("name"), "figure": p.get("text")})
        missed = set(range(len(gold))) - {gi for gi, _ in pairs}
        extra = set(range(len(pred))) - {pi for _, pi in pairs}
        for gi in sorted(missed):
            errors.append({"id": rec["id"], "kind": "missed", "gold": gold[gi]})
        for pi in sorted(extra):
            p = pred[pi]
            errors.append({"id": rec["id"], "kind": "extra",
                           "pred": {k: p.get(k) for k in ("text", "value", "unit", "qualifier", "magnitude")}})

    def f1(m: int) -> dict[str, float]:
        p = m / n_pred if n_pred else 0.0
        r = m / n_gold if n_gold else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}

    def acc(k: int) -> float:
        return round(k / n_match, 4) if n_match else 0.0

    return {
        "sentences": len(records), "gold": n_gold, "predicted": n_pred, "matched": n_match,
        "value_unit": f1(n_match), "value_only": f1(n_value),
        "source_accuracy": acc(src_ok), "qualifier_accuracy": acc(qual_ok),
        "range_accuracy": acc(range_ok), "change_accuracy": acc(change_ok),
        "errors": errors,
    }


def run(data: Path | None = None, **_: Any) -> dict[str, Any]:
    records = load(data)
    t0 = time.perf_counter()
    rejected: list[str] = []
    predicted = analyse(records, rejected)
    figures = score(records, predicted)
    figures["rejected"] = rejected
    figures["data"] = str(data) if data else "newsgraph/data/figures_gold.jsonl (packaged)"
    figures["seconds"] = round(time.perf_counter() - t0, 1)
    return figures


def report(fig: dict[str, Any]) -> str:
    vu, vo = fig["value_unit"], fig["value_only"]
    lines = [
        f"Figures on {fig['data']}: {fig['sentences']} sentences, {fig['gold']} gold figures, "
        f"{fig['predicted']} predicted, {fig['matched']} matched ({fig['seconds']}s)",
        "",
        "                  precision  recall     F1",
        f"  value and unit     {vu['precision']:.3f}   {vu['recall']:.3f}  {vu['f1']:.3f}",
        f"  value only         {vo['precision']:.3f}   {vo['recall']:.3f}  {vo['f1']:.3f}",
        "",
        "  over matched figures:",
        f"    source accuracy     {fig['source_accuracy']:.3f}",
        f"    qualifier accuracy  {fig['qualifier_accuracy']:.3f}",
        f"    range accuracy      {fig['range_accuracy']:.3f}",
        f"    change accuracy     {fig['change_accuracy']:.3f}",
    ]
    if fig.get("rejected"):
        lines += ["", f"  rejected by the pipeline ({len(fig['rejected'])}):"]
        lines += [f"    {r}" for r in fig["rejected"]]
    errs = fig.get("errors") or []
    if errs:
        lines += ["", f"  errors ({len(errs)}, first 40):"]
        for e in errs[:40]:
            lines.append("    " + json.dumps(e, ensure_ascii=False))
    return "\n".join(lines)
