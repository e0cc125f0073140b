"""`newsgraph eval corpus-entities`: cross-document entity identity on MEANTIME (issue 20).

The articles go through the whole pipeline as raw text with their `dct` as
the published date, and each topic corpus (airbus, apple) is stored in a
store of its own, where every entity is linked to a corpus entity as it is
stored, exactly as `newsgraph ingest` does.

Scored: the gold named mentions (`syntactic_type` NAM, types PER, ORG, LOC,
PRO and FIN, with a cross-document `instance_id`). Each takes the corpus id
of the system entity whose mention overlaps it most; a gold mention that no
system mention overlaps is a singleton of its own. B³ and MUC F1 compare
those ids with the gold `instance_id`s over all mentions of one corpus.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from newsgraph.evaluate import read_jsonl
from newsgraph.ingest.files import sha256
from newsgraph.model import AnalyzedDocument, RawDocument, SourceRef
from newsgraph.pipeline.runner import get_pipeline
from newsgraph.settings import load_settings

GOLD_TYPES = ("PER", "ORG", "LOC", "PRO", "FIN")
Labels = dict[Hashable, Hashable]


def gold_mentions(rec: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in rec["entities"]
            if m.get("syntactic_type") == "NAM" and m.get("type") in GOLD_TYPES and m.get("instance_id")]


def _clusters(labels: Labels) -> dict[Hashable, set[Hashable]]:
    out: dict[Hashable, set[Hashable]] = defaultdict(set)
    for m, label in labels.items():
        out[label].add(m)
    return out


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def b_cubed(gold: Labels, system: Labels) -> dict[str, float]:
    """B³ (Bagga and Baldwin 1998): per mention, the overlap of its gold and system clusters."""
    g, s = _clusters(gold), _clusters(system)
    p = r = 0.0
    for m in gold:
        both = len(g[gold[m]] & s[system[m]])
        p += both / len(s[system[m]])
        r += both / len(g[gold[m]])
    n = len(gold) or 1
    return {"p": round(p / n, 4), "r": round(r / n, 4), "f1": round(_f1(p / n, r / n), 4)}


def muc(gold: Labels, system: Labels) -> dict[str, float]:
    """MUC (Vilain et al. 1995): links kept, counted as clusters minus the parts they are cut into."""

    def kept(key: Labels, response: Labels) -> float:
        num = den = 0
        for members in _clusters(key).values():
            num += len(members) - len({response[m] for m in members})
            den += len(members) - 1
        return num / den if den else 0.0

    r, p = kept(gold, system), kept(system, gold)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(_f1(p, r), 4)}


def _head(text: str, start: int, end: int) -> int:
    """Where the head word of a gold mention starts: the last word before an apposition or a
    prepositional phrase ("San Francisco, California" -> Francisco; "airframer Boeing" -> Boeing)."""
    phrase = text[start:end]
    cut = min([i for i in (phrase.find(", "), phrase.find(" in "), phrase.find(" of ")) if i > 0] or [len(phrase)])
    words = phrase[:cut].rstrip(" .,;:'\"(").split()
    return start + phrase.rfind(words[-1], 0, cut) if words else start


def system_labels(rec: dict[str, Any], spans: list[tuple[int, int, str, str]]) -> list[Hashable]:
    """Per gold mention, the corpus id of the system entity overlapping it (else a singleton of its own).

    When several overlap ("European airframer Airbus" holds "European" and
    "Airbus"), the one that can be the gold entity wins: a person for PER,
    else anything but a person or a nationality (NORP); then the one holding
    the mention's head word; then the largest overlap.
    """
    text = rec["text"]
    out: list[Hashable] = []
    for i, g in enumerate(gold_mentions(rec)):
        head = _head(text, g["start"], g["end"])
        best, rank = None, (False, False, 0)
        for start, end, cid, etype in spans:
            o = min(g["end"], end) - max(g["start"], start)
            if o <= 0:
                continue
            fits = (etype == "PERSON") == (g["type"] == "PER") and etype != "NORP"
            r = (fits, start <= head < end, o)
            if r > rank:
                best, rank = cid, r
        out.append(best if best is not None else ("alone", rec["doc_id"], i))
    return out


def _raw(rec: dict[str, Any], data: Path) -> RawDocument:
    body = rec["text"].encode("utf-8")
    src = SourceRef(id=str(rec.get("doc_id") or rec.get("doc")), uri=f"file:{data}", sha256=sha256(body),
                    format="jsonl")
    return RawDocument(source=src, data=body, kind="text", published=rec.get("dct"), raw=True, charset="utf-8")


def score_corpus(records: list[dict[str, Any]], docs: list[AnalyzedDocument]) -> dict[str, Any]:
    """Store one topic corpus, in dct order, and score its corpus ids."""
    from newsgraph.store import open_store

    order = sorted(range(len(records)), key=lambda i: (records[i].get("dct") or "", i))
    gold: Labels = {}
    system: Labels = {}
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "corpus.db") as store:
        store.put_many([docs[i] for i in order])
        for i in order:
            rec, doc = records[i], store.get(docs[i].source.sha256)
            assert doc is not None
            spans = [(m.start, m.end, e.corpus_id or f"none:{i}:{e.id}", e.type) for e in doc.entities
                     for m in e.mentions]
            for j, label in enumerate(system_labels(rec, spans)):
                gold[(i, j)] = gold_mentions(rec)[j]["instance_id"]
                system[(i, j)] = label
        n_corpus = store.conn.execute("SELECT COUNT(*) FROM corpus_entities").fetchone()[0]
    return {"documents": len(records), "gold_mentions": len(gold), "gold_entities": len(set(gold.values())),
            "corpus_entities": n_corpus, "b3": b_cubed(gold, system), "muc": muc(gold, system)}


def run(data: Path, limit: int | None = None) -> dict[str, Any]:
    records = read_jsonl(data, limit)
    pipeline = get_pipeline(load_settings())
    results = list(pipeline.run([_raw(r, data) for r in records]))
    failed = sum(1 for r in results if not isinstance(r, AnalyzedDocument))
    by_corpus: dict[str, tuple[list[dict[str, Any]], list[AnalyzedDocument]]] = {}
    for rec, res in zip(records, results):
        if isinstance(res, AnalyzedDocument):
            recs, docs = by_corpus.setdefault(rec.get("corpus") or "all", ([], []))
            recs.append(rec)
            docs.append(res)
    corpora = {name: score_corpus(recs, docs) for name, (recs, docs) in sorted(by_corpus.items())}
    return {"data": str(data), "documents": len(records), "failed": failed, "corpora": corpora}


def report(fig: dict[str, Any]) -> str:
    lines = [f"Cross-document entity identity on {fig['data']} ({fig['documents']} documents, "
             f"{fig['failed']} failed); gold named mentions scored against their corpus ids",
             f"{'corpus':10}{'docs':>6}{'mentions':>10}{'gold ents':>10}{'corpus ents':>12}"
             f"{'B3 P':>8}{'B3 R':>8}{'B3 F1':>8}{'MUC P':>8}{'MUC R':>8}{'MUC F1':>8}"]
    for name, c in fig["corpora"].items():
        lines.append(f"{name:10}{c['documents']:6}{c['gold_mentions']:10}{c['gold_entities']:10}"
                     f"{c['corpus_entities']:12}{c['b3']['p']:8.3f}{c['b3']['r']:8.3f}{c['b3']['f1']:8.3f}"
                     f"{c['muc']['p']:8.3f}{c['muc']['r']:8.3f}{c['muc']['f1']:8.3f}")
    return "\n".join(lines)
