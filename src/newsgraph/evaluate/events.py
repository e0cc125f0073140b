"""Event coding scored on the PLOVER sentence sets in ../shared/data/events.

Two formats, told apart by their fields:
- plover_gsr_v2names.jsonl: `event` is the gold type, `actor` / `recipient`
  list the source and target with CAMEO country codes;
- zsp_plv_train.jsonl: `label` is the gold type among 15 (YIELD = CONCEDE +
  RETREAT), `source` / `target` give one actor pair with character spans.

How a sentence's prediction is chosen (the sets give one label per sentence,
the coder may find several events or none):
1. every event the coder finds in the sentence is a candidate;
2. the candidate whose source and target spans overlap the gold actors the
   most wins (source and target each count one);
3. ties, and sentences where no candidate touches a gold actor, go to the
   main-clause event: the trigger closest to the root of the parse, then the
   earliest;
4. a negated event is read the CAMEO way through the lexicon's [negation]
   table ("would not support" -> REJECT);
5. no event at all is the prediction NONE: a miss for the gold type (it
   lowers recall) and never a hit.
Macro F1 averages the per-type F1 over the gold types present in the set.

Only spaCy and the events stage run (the other layers stay empty, as the
stage's fallbacks allow), so the figure measures the event coder itself and
does not move when another layer changes. Development uses the even lines
(0-based) of each file; the odd lines are reported separately as held-out.
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

NONE = "NONE"
# CAMEO actor codes that differ from ISO 3166 alpha-3
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def load(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if line.strip():
                rec = json.loads(line)
                rec["_line"] = i
                rows.append(rec)
    return rows[:limit] if limit else rows


def _iso(code: str | None) -> str | None:
    if not code:
        return None
    from newsgraph.country_names import iso3_codes

    code = CAMEO_TO_ISO.get(code, code)
    return code if code in iso3_codes() else None


def gold_of(rec: dict[str, Any]) -> dict[str, Any]:
    """Type, actor spans and actor country codes of one record."""
    text = rec["text"]
    if "label" in rec:
        return {
            "type": rec["label"],
            "source_spans": [(s["start"], s["end"]) for s in (rec.get("source") or {}).get("spans", [])],
            "target_spans": [(s["start"], s["end"]) for s in (rec.get("target") or {}).get("spans", [])],
            "source_countries": set(),
            "target_countries": set(),
            "yield": True,
        }

    def spans(actors: list[dict[str, Any]]) -> list[tuple[int, int]]:
        out = []
        for a in actors:
            t = (a.get("actorText") or "").strip()
            i = text.find(t) if t else -1
            while i >= 0:
                out.append((i, i + len(t)))
                i = text.find(t, i + 1)
        return out

    actors, recips = rec.get("actor") or [], rec.get("recipient") or []
    return {
        "type": rec["event"],
        "source_spans": spans(actors),
        "target_spans": spans(recips),
        "source_countries": {c for c in (_iso(a.get("code")) for a in actors) if c},
        "target_countries": {c for c in (_iso(a.get("code")) for a in recips) if c},
        "yield": False,
    }


def _overlaps(res: Any, spans: list[tuple[int, int]]) -> bool:
    return res is not None and any(res.start < e and res.end > s for s, e in spans)


def choose(pairs: list[tuple[Any, Any]], gold: dict[str, Any]) -> tuple[Any, Any] | None:
    """The candidate event that stands for the sentence (see the module docstring)."""
    if not pairs:
        return None

    def key(pair: tuple[Any, Any]) -> tuple[int, int, int]:
        found, _ = pair
        hits = int(_overlaps(found.source, gold["source_spans"])) + int(_overlaps(found.target, gold["target_spans"]))
        return (-hits, found.depth, found.start)

    return min(pairs, key=key)


def predicted_type(event: Any, yield_merge: bool) -> str:
    from newsgraph.analyse.events.lexicon import cameo_reading

    t = cameo_reading(event.type, event.negated, event.tense)
    if yield_merge and t in ("CONCEDE", "RETREAT"):
        return "YIELD"
    return t


def code_records(records: list[dict[str, Any]]) -> list[list[tuple[Any, Any]]]:
    """Run spaCy and the events stage over the sentences; candidates per record."""
    from newsgraph.analyse.events.stage import found_by_sentence
    from newsgraph.analyse.nlp import SPACY_DOC
    from newsgraph.analyse.nlp.stage import load_nlp
    from newsgraph.model import Article, RawDocument, SourceRef
    from newsgraph.pipeline.stage import AnalysisContext
    from newsgraph.settings import load_settings

    settings = load_settings()
    nlp = load_nlp(settings.model)
    out = []
    texts = [r["text"] for r in records]
    for rec, doc in zip(records, nlp.pipe(texts, batch_size=64)):
        src = SourceRef(id=str(rec.get("id")), uri="eval:", sha256="", format="jsonl")
        raw = RawDocument(source=src, data=b"", kind="text", raw=True)
        ctx = AnalysisContext(raw=raw, article=Article(title=None, text=rec["text"]), settings=settings,
                              reference_date=None)
        ctx.put(SPACY_DOC, doc)
        out.append([pair for _, pairs in found_by_sentence(ctx, doc) for pair in pairs])
    return out


def score(golds: list[str], preds: list[str]) -> dict[str, Any]:
    labels = sorted(set(golds))
    per = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(golds, preds) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(golds, preds) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(golds, preds) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "support": tp + fn}
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    acc = sum(1 for g, p in zip(golds, preds) if g == p) / len(golds) if golds else 0.0
    return {
        "n": len(golds),
        "macro_f1": round(macro, 4),
        "accuracy": round(acc, 4),
        "no_event_rate": round(sum(1 for p in preds if p == NONE) / len(preds), 4) if preds else 0.0,
        "per_type": per,
    }


def _country_acc(items: list[tuple[set[str], str | None]]) -> dict[str, Any]:
    scored = [(gold, pred) for gold, pred in items if gold]
    right = sum(1 for gold, pred in scored if pred in gold)
    return {"n": len(scored), "accuracy": round(right / len(scored), 4) if scored else None}


def run(data: Path, limit: int | None = None) -> dict[str, Any]:
    records = load(Path(data), limit)
    t0 = time.perf_counter()
    candidates = code_records(records)
    seconds = time.perf_counter() - t0
    rows = []
    for rec, pairs in zip(records, candidates):
        gold = gold_of(rec)
        chosen = choose(pairs, gold)
        ev = chosen[1] if chosen else None
        rows.append({
            "line": rec["_line"],
            "id": rec.get("id"),
            "gold": gold["type"],
            "pred": predicted_type(ev, gold["yield"]) if ev else NONE,
            "trigger": ev.trigger.text if ev else None,
            "gold_source_countries": gold["source_countries"],
            "gold_target_countries": gold["target_countries"],
            "source_country": ev.source.country if ev and ev.source else None,
            "target_country": ev.target.country if ev and ev.target else None,
        })
    out: dict[str, Any] = {"data": str(data), "records": len(rows), "seconds": round(seconds, 2)}
    for split, keep in (("all", lambda r: True), ("dev", lambda r: r["line"] % 2 == 0),
                        ("heldout", lambda r: r["line"] % 2 == 1)):
        part = [r for r in rows if keep(r)]
        res = score([r["gold"] for r in part], [r["pred"] for r in part])
        res["source_country"] = _country_acc([(r["gold_source_countries"], r["source_country"]) for r in part])
        res["target_country"] = _country_acc([(r["gold_target_countries"], r["target_country"]) for r in part])
        if split == "all":
            conf: dict[str, Counter[str]] = defaultdict(Counter)
            for r in part:
                conf[r["gold"]][r["pred"]] += 1
            res["confusion"] = {g: dict(c) for g, c in sorted(conf.items())}
        out[split] = res
    out["errors"] = [
        {k: r[k] for k in ("line", "id", "gold", "pred", "trigger")} for r in rows if r["gold"] != r["pred"]
    ]
    return out


def report(fig: dict[str, Any]) -> str:
    lines = [f"events on {fig['data']}: {fig['records']} sentences in {fig['seconds']}s"]
    lines.append(f"{'split':<8} {'n':>5} {'macroF1':>8} {'acc':>6} {'none':>6} {'src-cc':>12} {'tgt-cc':>12}")
    for split in ("all", "dev", "heldout"):
        r = fig[split]

        def cc(d: dict[str, Any]) -> str:
            return f"{d['accuracy']:.3f} ({d['n']})" if d["accuracy"] is not None else "n/a"

        lines.append(f"{split:<8} {r['n']:>5} {r['macro_f1']:>8.3f} {r['accuracy']:>6.3f} {r['no_event_rate']:>6.3f} "
                     f"{cc(r['source_country']):>12} {cc(r['target_country']):>12}")
    lines.append("")
    lines.append("per type (all):")
    for lab, v in fig["all"]["per_type"].items():
        lines.append(f"  {lab:<10} P {v['precision']:.2f}  R {v['recall']:.2f}  F1 {v['f1']:.2f}  n {v['support']}")
    conf = fig["all"]["confusion"]
    cols = sorted({p for c in conf.values() for p in c} | set(conf))
    cols = [c for c in cols if c != NONE] + [NONE]
    abbrev = {c: c[:4] for c in cols}
    lines.append("")
    lines.append("confusion (rows gold, columns predicted):")
    lines.append(" " * 10 + "".join(f"{abbrev[c]:>5}" for c in cols))
    for g, row in conf.items():
        lines.append(f"{g:<10}" + "".join(f"{row.get(c, 0) or '.':>5}" for c in cols))
    return "\n".join(lines)
