"""`newsgraph eval places`: toponym recognition and resolution on LGL.

Each article runs with raw=True through the real pipeline, in batches. Figures:
- span F1: our place mentions against the gold toponym spans (exact offsets;
  an overlap figure beside it, since "the Gaza Strip" vs "Gaza Strip" is a
  boundary question, not a miss);
- accuracy within 161 km (100 miles): over the gold toponyms with coordinates
  that we recognised (overlapping span) and resolved; the standard LGL figure
  (Edinburgh Geoparser 0.76, CLAVIN 0.71) is over the toponyms the system
  recognised. An unresolved recognised toponym counts as wrong. Also reported
  over all gold toponyms with coordinates (a miss counts as wrong);
- exact GeoNames id rate over the same recognised denominator;
- place precision: the share of our place mentions that overlap a gold toponym
  (1 - the share of predicted toponyms that are no gold toponym), over every
  mention and over the confident ones (provenance.confidence >= 0.5, what default
  views show). LGL counts demonyms and places inside names as toponyms, which the
  places layer keeps below 0.5, so the first figure is the one comparable with LGL's
  own convention.

LGL has no dev/test split, so articles are halved by index: even indices are
the development half (the rules were tuned on it), odd indices the held-out
half. Both halves are reported, plus the whole set.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from newsgraph.analyse.places.gazetteer import distance_km
from newsgraph.model import AnalyzedDocument, RawDocument, SourceRef
from newsgraph.pipeline.runner import get_pipeline
from newsgraph.settings import load_settings

KM = 161.0
CONFIDENT = 0.5  # the places layer's own line between a location and an unsure mention


def load(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    docs = []
    with open(data, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                docs.append(json.loads(line))
                if limit is not None and len(docs) >= limit:
                    break
    return docs


def _raw(i: int, doc: dict[str, Any]) -> RawDocument:
    data = doc["text"].encode("utf-8")
    src = SourceRef(id=f"lgl-{doc.get('doc', i)}", uri=doc.get("url") or f"lgl:{i}",
                    sha256=hashlib.sha256(data).hexdigest(), format="text")
    published = (doc.get("dltime") or "")[:10] or None
    return RawDocument(source=src, data=data, kind="text", url=doc.get("url"),
                       published=published, raw=True)


def analyse(docs: list[dict[str, Any]], batch_size: int = 16,
            stages: tuple[str, ...] | None = None) -> list[AnalyzedDocument | None]:
    """Run the articles through the pipeline in batches (all stages unless `stages` names some)."""
    settings = load_settings().replace(batch_size=batch_size, stages=stages)
    pipe = get_pipeline(settings)
    raws = [_raw(i, d) for i, d in enumerate(docs)]
    out: list[AnalyzedDocument | None] = []
    for res in pipe.run(raws):
        out.append(res if isinstance(res, AnalyzedDocument) else None)
    return out


def score(docs: list[dict[str, Any]], results: list[AnalyzedDocument | None]) -> dict[str, Any]:
    c = {"gold": 0, "pred": 0, "exact": 0, "overlap_gold": 0, "overlap_pred": 0,
         "gold_coords": 0, "recognised": 0, "within": 0, "id_gold": 0, "id_exact": 0, "resolved": 0,
         "rejected": 0, "confident_pred": 0, "confident_overlap": 0}
    distances: list[float] = []
    for doc, res in zip(docs, results):
        gold = doc["toponyms"]
        c["gold"] += len(gold)
        if res is None:
            c["rejected"] += 1
            c["gold_coords"] += sum(1 for g in gold if g.get("lat") is not None)
            continue
        pred = list(res.places)
        c["pred"] += len(pred)
        gold_spans = {(g["start"], g["end"]) for g in gold}
        pred_spans = {(p.start, p.end) for p in pred}
        c["exact"] += len(gold_spans & pred_spans)
        c["overlap_pred"] += sum(1 for p in pred if any(p.start < g["end"] and g["start"] < p.end for g in gold))
        sure = [p for p in pred if p.provenance is None or p.provenance.confidence is None
                or p.provenance.confidence >= CONFIDENT]
        c["confident_pred"] += len(sure)
        c["confident_overlap"] += sum(1 for p in sure if any(p.start < g["end"] and g["start"] < p.end for g in gold))
        for g in gold:
            hit = _best_overlap(g, pred)
            if hit is not None:
                c["overlap_gold"] += 1
            if g.get("lat") is None:
                continue
            c["gold_coords"] += 1
            if hit is None:
                continue
            c["recognised"] += 1
            gid = int(g["geonameid"]) if g.get("geonameid") else None
            if gid is not None:
                c["id_gold"] += 1
                if hit.geonameid == gid:
                    c["id_exact"] += 1
            if hit.lat is None or hit.lon is None:
                continue
            c["resolved"] += 1
            d = distance_km(float(g["lat"]), float(g["lon"]), hit.lat, hit.lon)
            distances.append(d)
            if d <= KM:
                c["within"] += 1
    p = c["exact"] / c["pred"] if c["pred"] else 0.0
    r = c["exact"] / c["gold"] if c["gold"] else 0.0
    po = c["overlap_pred"] / c["pred"] if c["pred"] else 0.0
    ro = c["overlap_gold"] / c["gold"] if c["gold"] else 0.0
    distances.sort()
    return {
        "documents": len(docs),
        "counts": c,
        "span_p": p, "span_r": r, "span_f1": _f1(p, r),
        "overlap_p": po, "overlap_r": ro, "overlap_f1": _f1(po, ro),
        "place_precision": po,
        "place_precision_confident": c["confident_overlap"] / c["confident_pred"] if c["confident_pred"] else 0.0,
        "acc161_recognised": c["within"] / c["recognised"] if c["recognised"] else 0.0,
        "acc161_all": c["within"] / c["gold_coords"] if c["gold_coords"] else 0.0,
        "geonameid_exact_recognised": c["id_exact"] / c["id_gold"] if c["id_gold"] else 0.0,
        "median_error_km": distances[len(distances) // 2] if distances else None,
    }


def _best_overlap(g: dict[str, Any], pred: list[Any]) -> Any:
    best, best_len = None, 0
    for p in pred:
        ov = min(p.end, g["end"]) - max(p.start, g["start"])
        if ov > best_len:
            best, best_len = p, ov
    return best


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def run(data: Path, limit: int | None = None, stages: tuple[str, ...] | None = None, **_: Any) -> dict[str, Any]:
    """Score the first `limit` articles; `stages` (e.g. nlp, entities, places) lets a gate skip the rest."""
    docs = load(Path(data), limit)
    results = analyse(docs, stages=stages)
    even = [i for i in range(len(docs)) if i % 2 == 0]
    odd = [i for i in range(len(docs)) if i % 2 == 1]
    return {
        "data": str(data),
        "all": score(docs, results),
        "dev_even": score([docs[i] for i in even], [results[i] for i in even]),
        "heldout_odd": score([docs[i] for i in odd], [results[i] for i in odd]),
    }


def report(figures: dict[str, Any]) -> str:
    lines = [f"LGL toponyms: {figures['data']}",
             "acc@161 (recognised) = within 161 km / gold toponyms with coordinates that we recognised "
             "(overlapping span); acc@161 (all) = within 161 km / all gold toponyms with coordinates.",
             f"{'part':<12} {'docs':>5} {'span P':>7} {'span R':>7} {'span F1':>7} {'ovl F1':>7} "
             f"{'acc161 rec':>10} {'(n)':>6} {'acc161 all':>10} {'(n)':>6} {'gid exact':>9} {'med km':>7} "
             f"{'place P':>7} {'conf P':>7} {'(n)':>6}"]
    for part in ("dev_even", "heldout_odd", "all"):
        f = figures[part]
        c = f["counts"]
        med = f"{f['median_error_km']:.0f}" if f["median_error_km"] is not None else "-"
        lines.append(
            f"{part:<12} {f['documents']:>5} {f['span_p']:>7.3f} {f['span_r']:>7.3f} {f['span_f1']:>7.3f} "
            f"{f['overlap_f1']:>7.3f} {f['acc161_recognised']:>10.3f} {c['recognised']:>6} "
            f"{f['acc161_all']:>10.3f} {c['gold_coords']:>6} {f['geonameid_exact_recognised']:>9.3f} {med:>7} "
            f"{f['place_precision']:>7.3f} {f['place_precision_confident']:>7.3f} {c['confident_pred']:>6}"
        )
    lines.append("place P = our place mentions overlapping a gold toponym / all our place mentions; conf P = the "
                 "same over mentions with confidence >= 0.5 (n of them).")
    rej = figures["all"]["counts"]["rejected"]
    if rej:
        lines.append(f"({rej} documents were rejected by the pipeline and count as misses)")
    return "\n".join(lines)
