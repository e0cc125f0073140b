"""`newsgraph eval timexes`: TempEval-3-style scores on MEANTIME (or any file of that shape).

Each article goes through the real pipeline (`get_pipeline`, in batches) as
raw text with its `dct` as the published date, restricted to the stages the
timexes need (nlp, timexes) so the run is quick.

What is computed, summed over all articles (micro-averaged):
- relaxed span P/R/F1: a system timex matches a gold one when their spans
  overlap; each gold and each system timex is used at most once (the pair
  with the largest overlap first).
- strict span P/R/F1: the spans are identical.
- value P/R/F1 as in TempEval-3: over the relaxed matches, C = the number
  whose TIMEX3 value equals the gold value (exact string);
  P = C / system timexes, R = C / gold timexes.
- type P/R/F1 the same way for DATE/TIME/DURATION/SET.

Scoring window: MEANTIME annotates temporal expressions only in the start
of each article (the file has no gold timex after line 5: headline,
dateline, first sentences), while entities run further. System timexes
after the last annotated line would all count as false positives, so only
system timexes that start in the first `window_lines` lines are scored.
The dateline (gold `function: CREATION_TIME`) is part of the text we are
given, so it is scored like any other timex.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsgraph.api import raw_document
from newsgraph.evaluate import read_jsonl
from newsgraph.model import AnalyzedDocument, RawDocument
from newsgraph.pipeline.runner import get_pipeline
from newsgraph.settings import load_settings

WINDOW_LINES = 6


def _window_end(text: str, lines: int) -> int:
    pos = -1
    for _ in range(lines):
        pos = text.find("\n", pos + 1)
        if pos < 0:
            return len(text)
    return pos


def _pairs(gold: list[dict[str, Any]], system: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one overlap matching, largest overlap first."""
    cands = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            overlap = min(g["end"], s["end"]) - max(g["start"], s["start"])
            if overlap > 0:
                cands.append((-overlap, i, j))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, i, j in sorted(cands):
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            out.append((i, j))
    return out


def _prf(correct: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def score_document(gold: list[dict[str, Any]], system: list[dict[str, Any]]) -> dict[str, Any]:
    pairs = _pairs(gold, system)
    strict = sum(1 for g in gold for s in system if g["start"] == s["start"] and g["end"] == s["end"])
    value = [(i, j) for i, j in pairs if gold[i]["value"] == system[j]["value"]]
    typed = [(i, j) for i, j in pairs if gold[i]["type"] == system[j]["type"]]
    matched_g = {i for i, _ in pairs}
    matched_s = {j for _, j in pairs}
    return {
        "gold": len(gold), "system": len(system), "relaxed": len(pairs), "strict": strict,
        "value": len(value), "type": len(typed),
        "wrong_value": [(gold[i], system[j]) for i, j in pairs if (i, j) not in set(value)],
        "missed": [gold[i] for i in range(len(gold)) if i not in matched_g],
        "spurious": [system[j] for j in range(len(system)) if j not in matched_s],
    }


def run(data: Path, limit: int | None = None, window_lines: int = WINDOW_LINES,
        examples: int = 0) -> dict[str, Any]:
    records = read_jsonl(data, limit)
    settings = load_settings().replace(stages=("nlp", "timexes"))
    pipeline = get_pipeline(settings)
    raws: list[RawDocument] = []
    for rec in records:
        raws.append(raw_document(rec["text"], id=str(rec.get("doc_id") or rec.get("doc")), uri=f"file:{data}",
                                 published=rec.get("dct"), raw=True))
    results = list(pipeline.run(raws))

    totals = {"gold": 0, "system": 0, "relaxed": 0, "strict": 0, "value": 0, "type": 0}
    failed = outside = 0
    errors: dict[str, list[Any]] = {"wrong_value": [], "missed": [], "spurious": []}
    for rec, res in zip(records, results):
        gold = [{k: t[k] for k in ("start", "end", "text", "type", "value")} for t in rec["timexes"]]
        if not isinstance(res, AnalyzedDocument):
            failed += 1
            totals["gold"] += len(gold)
            continue
        end = _window_end(rec["text"], window_lines)
        system = [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
                  for t in res.timexes if t.start < end]
        outside += len(res.timexes) - len(system)
        doc_score = score_document(gold, system)
        for key in totals:
            totals[key] += doc_score[key]
        for key in errors:
            errors[key].extend((rec.get("dct"), item) for item in doc_score[key])
    figures: dict[str, Any] = {
        "data": str(data),
        "documents": len(records),
        "failed": failed,
        "window_lines": window_lines,
        "gold_timexes": totals["gold"],
        "system_timexes": totals["system"],
        "system_timexes_outside_window": outside,
        "relaxed": _prf(totals["relaxed"], totals["system"], totals["gold"]),
        "strict": _prf(totals["strict"], totals["system"], totals["gold"]),
        "value": _prf(totals["value"], totals["system"], totals["gold"]),
        "type": _prf(totals["type"], totals["system"], totals["gold"]),
    }
    if examples:
        figures["errors"] = {k: v[:examples] for k, v in errors.items()}
    return figures


def report(fig: dict[str, Any]) -> str:
    lines = [
        f"MEANTIME-style timex scores on {fig['data']}",
        f"documents {fig['documents']} (failed {fig['failed']}), gold timexes {fig['gold_timexes']}, "
        f"system timexes {fig['system_timexes']} in the first {fig['window_lines']} lines of each article "
        f"(the annotated part; {fig['system_timexes_outside_window']} more found further down are not scored)",
        f"{'':14}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for key, label in (("relaxed", "relaxed span"), ("strict", "strict span"), ("value", "value"), ("type", "type")):
        s = fig[key]
        lines.append(f"{label:14}{s['p']:8.3f}{s['r']:8.3f}{s['f1']:8.3f}")
    for kind, items in fig.get("errors", {}).items():
        lines.append(f"-- {kind}")
        for dct, item in items:
            lines.append(f"   dct={dct} {item}")
    return "\n".join(lines)
