"""Attribution spans against PolNeAR (``newsgraph eval attributions``).

Every article goes through the real pipeline (``get_pipeline`` on
``RawDocument(raw=True)``, in batches), so ``article.text`` is the PolNeAR
text and offsets compare directly. Only the stages attributions need are run
(nlp, entities, attributions).

Scoring is over sets of spans per document, one set per role:
- content: every gold content fragment (PolNeAR splits a quotation broken by
  its cue, `“A,” he said, “B.”`, into fragments) against our content spans;
- cue: gold cue fragments against our cue spans;
- source: gold source spans against our speaker spans (`speaker.start/end`,
  the words as written: PolNeAR sources are surface mentions like "he").
Duplicates within a set count once (one source may serve several
attributions). *exact* needs identical offsets; *overlap* counts a predicted
span as right when it shares a character with some gold span, and a gold span
as found when some predicted span shares a character with it.

Kinds follow the PolNeAR README, applied to each content fragment (the unit
scored): *direct* when it starts with a quotation mark, *mixed* when it holds
one elsewhere, *indirect* otherwise. "Direct quotes only" scores the gold
direct fragments against our ``direct`` attributions.

Articles annotated by several people are scored against the first annotator.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROLES = ("content", "cue", "source")
KINDS = ("direct", "mixed", "indirect")
_MARKS = "“”\"„«»‘’'`"

Spans = set[tuple[int, int]]


def load(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    seen: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec["doc"] in seen:
                continue  # several annotators: keep the first
            seen.add(rec["doc"])
            docs.append(rec)
            if limit is not None and len(docs) >= limit:
                break
    return docs


def fragment_kind(text: str) -> str:
    first = text.lstrip()
    if first[:1] in _MARKS:
        return "direct"
    # ’ and ' alone are mostly apostrophes; '' is a quotation mark
    if any(ch in "“”\"„«»‘" for ch in text) or "''" in text:
        return "mixed"
    return "indirect"


def gold_spans(atts: Iterable[dict[str, Any]], kind: str | None = None) -> dict[str, Spans]:
    """Span sets of the gold attributions; with `kind`, only those with a
    content fragment of that kind, and only those fragments as content."""
    out: dict[str, Spans] = {r: set() for r in ROLES}
    for a in atts:
        frags = [f for f in a.get("content") or [] if kind is None or fragment_kind(f["text"]) == kind]
        if kind is not None and not frags:
            continue
        out["content"].update((f["start"], f["end"]) for f in frags)
        for role in ("cue", "source"):
            for frag in a.get(role) or []:
                out[role].add((frag["start"], frag["end"]))
    return out


def pred_spans(atts: Iterable[Any]) -> dict[str, Spans]:
    out: dict[str, Spans] = {r: set() for r in ROLES}
    for a in atts:
        out["content"].add((a.content.start, a.content.end))
        if a.cue is not None:
            out["cue"].add((a.cue.start, a.cue.end))
        if a.speaker.start is not None and a.speaker.end is not None:
            out["source"].add((a.speaker.start, a.speaker.end))
    return out


def _overlaps(span: tuple[int, int], others: Spans) -> bool:
    return any(span[0] < o[1] and o[0] < span[1] for o in others)


class Tally:
    """Counts for one role: exact and overlapping true positives."""

    def __init__(self) -> None:
        self.n_pred = self.n_gold = 0
        self.tp_exact = 0
        self.pred_overlap = self.gold_overlap = 0

    def add(self, pred: Spans, gold: Spans) -> None:
        self.n_pred += len(pred)
        self.n_gold += len(gold)
        self.tp_exact += len(pred & gold)
        self.pred_overlap += sum(_overlaps(p, gold) for p in pred)
        self.gold_overlap += sum(_overlaps(g, pred) for g in gold)

    def figures(self) -> dict[str, Any]:
        def prf(tp_p: int, tp_r: int) -> dict[str, float]:
            p = tp_p / self.n_pred if self.n_pred else 0.0
            r = tp_r / self.n_gold if self.n_gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

        return {
            "exact": prf(self.tp_exact, self.tp_exact),
            "overlap": prf(self.pred_overlap, self.gold_overlap),
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
        }


def score(pairs: Iterable[tuple[dict[str, Any], Any]]) -> dict[str, Any]:
    """pairs of (PolNeAR record, our AnalyzedDocument)."""
    all_roles = {r: Tally() for r in ROLES}
    direct = {r: Tally() for r in ROLES}
    by_kind = {k: Tally() for k in KINDS}  # content only
    n_docs = 0
    for rec, analysed in pairs:
        n_docs += 1
        gold_atts = rec["attributions"]
        ours = list(analysed.attributions)
        g, p = gold_spans(gold_atts), pred_spans(ours)
        for role in ROLES:
            all_roles[role].add(p[role], g[role])
        gd = gold_spans(gold_atts, "direct")
        pd = pred_spans(a for a in ours if a.kind == "direct")
        for role in ROLES:
            direct[role].add(pd[role], gd[role])
        for kind in KINDS:
            gk = gold_spans(gold_atts, kind)["content"]
            pk = pred_spans(a for a in ours if a.kind == kind)["content"]
            by_kind[kind].add(pk, gk)
    return {
        "documents": n_docs,
        "all": {r: t.figures() for r, t in all_roles.items()},
        "direct": {r: t.figures() for r, t in direct.items()},
        "content_by_kind": {k: t.figures() for k, t in by_kind.items()},
    }


def analyse(records: list[dict[str, Any]], settings: Any = None) -> list[Any]:
    """Run the real pipeline on the PolNeAR texts, unchanged (raw)."""
    from newsgraph.api import raw_document
    from newsgraph.model import Rejected
    from newsgraph.pipeline.runner import get_pipeline
    from newsgraph.settings import load_settings

    settings = settings or load_settings().replace(stages=("nlp", "entities", "attributions"))
    pipeline = get_pipeline(settings)
    raws = []
    for rec in records:
        raws.append(raw_document(rec["text"], id=rec["doc"], uri=f"polnear:{rec['doc']}", raw=True))
    out = list(pipeline.run(raws))
    for rec, doc in zip(records, out):
        if isinstance(doc, Rejected):
            raise RuntimeError(f"{rec['doc']} was rejected: {doc.code} {doc.message}")
        if doc.article.text != rec["text"]:
            raise RuntimeError(f"{rec['doc']}: --raw changed the text, offsets would not compare")
    return out


def run(data: Path, limit: int | None = None, **_: Any) -> dict[str, Any]:
    records = load(Path(data), limit)
    t0 = time.perf_counter()
    docs = analyse(records)
    figures = score(zip(records, docs))
    figures["data"] = str(data)
    figures["seconds"] = round(time.perf_counter() - t0, 1)
    return figures


def report(fig: dict[str, Any]) -> str:
    lines = [f"PolNeAR attributions: {fig['documents']} documents ({fig['data']}), {fig['seconds']}s"]

    def table(title: str, rows: dict[str, Any]) -> None:
        lines.append("")
        lines.append(title)
        lines.append(f"  {'':10} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}   {'pred':>5} {'gold':>5}")
        for name, f in rows.items():
            e, o = f["exact"], f["overlap"]
            lines.append(
                f"  {name:10} {e['precision']:8.3f} {e['recall']:6.3f} {e['f1']:6.3f}   "
                f"{o['precision']:9.3f} {o['recall']:6.3f} {o['f1']:6.3f}   {f['n_pred']:5d} {f['n_gold']:5d}"
            )

    table("All attributions", fig["all"])
    table("Direct quotes only", fig["direct"])
    table("Content by kind (gold kind from quotation marks; ours from `kind`)", fig["content_by_kind"])
    return "\n".join(lines)
