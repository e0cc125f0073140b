"""Near-duplicates and syndication: MinHash/LSH candidates, exact containment check.

A copy of a story rarely equals its original: wire copies add a dateline and
a rights line, scrapers drop paragraphs or cut the story short, editors
re-title it. So:

1. each article's text becomes a set of word 5-gram shingles (hashed, crc32);
2. a MinHash signature per article goes into an LSH Ensemble index
   (datasketch), which finds candidate pairs by *containment* in near-linear
   time (a truncated copy has a low Jaccard with its original but is found);
3. each candidate pair is verified exactly by containment,
   |A ∩ B| / min(|A|, |B|): a truncated or padded copy scores near 1, two
   independent reports on the same topic score low;
4. verified pairs are grouped (union-find), and each group's original is the
   earliest dated copy, then the most complete, then the least padded (see
   `measure`), then the first stored.

Every copy keeps its own article row, so each keeps its own rights notice.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSHEnsemble

NUM_PERM = 128
SHINGLE = 5
LSH_THRESHOLD = 0.5  # containment for candidates; verified exactly at CONTAINMENT
CONTAINMENT = 0.6
SCHEME = "affine32"  # stored signatures must be read back with the scheme that made them (datasketch 2)

_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, k: int = SHINGLE) -> frozenset[int]:
    """Hashed word k-grams of lower-cased text (a short text is one shingle)."""
    words = _TOKEN.findall(text.lower())
    if len(words) < k:
        return frozenset({zlib.crc32(" ".join(words).encode())}) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i:i + k]).encode()) for i in range(len(words) - k + 1))


def _identity(x: int) -> int:
    return x


def signature(sh: Iterable[int], num_perm: int = NUM_PERM) -> MinHash:
    m = MinHash(num_perm=num_perm, hashfunc=_identity, scheme=SCHEME)
    values = list(sh)
    if values:
        m.update_batch(values)
    return m


def signature_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def signature_from_bytes(blob: bytes, num_perm: int = NUM_PERM) -> MinHash:
    return MinHash(num_perm=num_perm, hashfunc=_identity, hashvalues=np.frombuffer(blob, dtype=np.uint64),
                   scheme=SCHEME)


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True)
class Member:
    key: str
    published: str | None = None
    order: int = 0  # ingest order: the tie-breaker of last resort
    content: int = 0  # story shingles: shared with another copy, or whole paragraphs the others dropped
    padding: int = 0  # shingles of its own in short lines or inside shared paragraphs (datelines, notices)


def candidate_pairs(signatures: dict[str, MinHash], sizes: dict[str, int],
                    threshold: float = LSH_THRESHOLD) -> set[tuple[str, str]]:
    """Pairs where one text may be contained in the other: near-linear in the number of documents.

    An LSH Ensemble (datasketch) indexes containment rather than Jaccard, so
    a copy cut to a third of its original (Jaccard about 0.3) is still found;
    querying with every document finds each pair from its smaller side.
    """
    keys = [k for k in signatures if sizes.get(k)]
    if len(keys) < 2:
        return set()
    lsh = MinHashLSHEnsemble(threshold=threshold, num_perm=NUM_PERM, num_part=8)
    lsh.index((k, signatures[k], sizes[k]) for k in keys)
    pairs: set[tuple[str, str]] = set()
    for key in keys:
        for other in lsh.query(signatures[key], sizes[key]):
            if other != key:
                pairs.add((key, other) if key < other else (other, key))
    return pairs


def group(
    keys: Sequence[str],
    pairs: Iterable[tuple[str, str]],
    shingles_of: Callable[[str], frozenset[int]],
    min_containment: float = CONTAINMENT,
) -> list[list[str]]:
    """Union-find over the candidate pairs that pass the containment check."""
    parent = {k: k for k in keys}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        if containment(shingles_of(a), shingles_of(b)) >= min_containment:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[rb] = ra
    groups: dict[str, list[str]] = {}
    for k in keys:
        groups.setdefault(find(k), []).append(k)
    return [g for g in groups.values() if len(g) > 1]


def pick_original(members: Sequence[Member]) -> Member:
    """Earliest dated, then most complete, then least padded, then first stored."""
    return min(members, key=lambda m: (m.published is None, m.published or "", -m.content, m.padding, m.order))


_PARAGRAPH = re.compile(r"\n\s*\n|\n")
PROSE_WORDS = 25  # a paragraph this long is story text, not a rights line or a "read more" link


def measure(keys: Sequence[str], text_of: Callable[[str], str], published: dict[str, str | None],
            order: dict[str, int]) -> list[Member]:
    """How complete and how padded each copy is, compared with the rest of its group.

    In a pair, set sizes alone cannot tell a copy that lost paragraphs from
    one that gained boilerplate: both differ by shingles only one side has.
    Paragraphs can: a long paragraph the other copies lack is story text;
    short lines and a few new words inside a shared paragraph are padding.
    """
    paras = {k: [shingles(p) for p in _PARAGRAPH.split(text_of(k)) if p.strip()] for k in keys}
    lengths = {k: [len(p.split()) for p in _PARAGRAPH.split(text_of(k)) if p.strip()] for k in keys}
    union = {k: frozenset().union(*paras[k]) if paras[k] else frozenset() for k in keys}
    out = []
    for k in keys:
        others: set[int] = set()
        for o in keys:
            if o != k:
                others |= union[o]
        content = padding = 0
        for sh, words in zip(paras[k], lengths[k]):
            own = len(sh - others)
            if words < PROSE_WORDS:
                padding += own  # shared or not, a short line is not story (two wire copies share notices)
            elif own > len(sh) / 2:
                content += len(sh)  # a paragraph the other copies dropped
            else:
                content += len(sh) - own
                padding += own
        out.append(Member(k, published.get(k), order.get(k, 0), content, padding))
    return out


def find_copies(texts: dict[str, str], min_containment: float = CONTAINMENT,
                lsh_threshold: float = LSH_THRESHOLD) -> list[list[str]]:
    """Groups of near-duplicate keys among in-memory texts (used by tests and the evaluation)."""
    sh = {k: shingles(t) for k, t in texts.items()}
    sigs = {k: signature(s) for k, s in sh.items() if s}
    pairs = candidate_pairs(sigs, {k: len(s) for k, s in sh.items()}, lsh_threshold)
    return group(list(texts), pairs, sh.__getitem__, min_containment)


def originals(groups: list[list[str]], texts: dict[str, str], published: dict[str, str | None]) -> dict[str, str]:
    """The original of each group (keyed by every member), for in-memory texts."""
    order = {k: i for i, k in enumerate(texts)}
    out = {}
    for g in groups:
        orig = pick_original(measure(g, texts.__getitem__, published, order)).key
        out.update({k: orig for k in g})
    return out


def pairwise_scores(predicted: Iterable[Iterable[str]], truth: Iterable[Iterable[str]]) -> dict[str, float]:
    """Precision, recall and F1 over pairs of documents placed in the same group."""

    def pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
        out: set[tuple[str, str]] = set()
        for g in groups:
            members = sorted(set(g))
            out.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
        return out

    p, t = pairs(predicted), pairs(truth)
    tp = len(p & t)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(t) if t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "predicted_pairs": len(p), "true_pairs": len(t),
            "true_positive_pairs": tp}


# ------------------------------------------------------------------ store
def update_signatures(store: Any, batch: int = 1000) -> int:
    """Compute MinHash signatures for stored articles that have none yet."""
    from newsgraph.store.schema import transaction

    added = 0
    while True:
        rows = store.conn.execute(
            "SELECT ar.doc, ar.text FROM articles ar LEFT JOIN minhashes m ON m.doc = ar.doc "
            "WHERE m.doc IS NULL LIMIT ?", (batch,)
        ).fetchall()
        if not rows:
            return added
        values = []
        for r in rows:
            sh = shingles(r["text"] or "")
            values.append((r["doc"], len(sh), signature_bytes(signature(sh)) if sh else None))
        with transaction(store.conn):
            store.conn.executemany("INSERT OR REPLACE INTO minhashes VALUES (?, ?, ?)", values)
        added += len(values)


def update_store_groups(store: Any, min_containment: float = CONTAINMENT,
                        lsh_threshold: float = LSH_THRESHOLD) -> int:
    """Recompute the duplicate groups of a store (table dup_groups); returns the number of groups."""
    from newsgraph.store.schema import transaction

    update_signatures(store)
    sigs, sizes = {}, {}
    for r in store.conn.execute("SELECT doc, shingles, signature FROM minhashes WHERE signature IS NOT NULL"):
        sigs[r["doc"]] = signature_from_bytes(r["signature"])
        sizes[r["doc"]] = r["shingles"]
    pairs = candidate_pairs(sigs, sizes, lsh_threshold)

    @lru_cache(maxsize=4096)
    def text_of(doc: str) -> str:
        row = store.conn.execute("SELECT text FROM articles WHERE doc = ?", (doc,)).fetchone()
        return str(row["text"] or "") if row else ""

    @lru_cache(maxsize=4096)
    def shingles_of(doc: str) -> frozenset[int]:
        return shingles(text_of(doc))

    keys = sorted({k for p in pairs for k in p})
    groups = group(keys, pairs, shingles_of, min_containment)
    rows = []
    for members in groups:
        marks = ", ".join("?" for _ in members)
        meta = store.conn.execute(f"SELECT doc, published, _row FROM articles WHERE doc IN ({marks})", members)
        published, order = {}, {}
        for r in meta:
            published[r["doc"]], order[r["doc"]] = r["published"], r["_row"]
        info = measure(members, text_of, published, order)
        original = pick_original(info)
        gid = "g" + original.key[:12]
        for m in info:
            score = 1.0 if m is original else containment(shingles_of(m.key), shingles_of(original.key))
            rows.append((m.key, gid, int(m is original), round(score, 3)))
    with transaction(store.conn):
        store.conn.execute("DELETE FROM dup_groups")
        store.conn.executemany("INSERT INTO dup_groups VALUES (?, ?, ?, ?)", rows)
        # An article's story id is its group's (the original's), else its own: exports carry it.
        store.conn.execute(
            "UPDATE articles SET story_id = COALESCE((SELECT grp FROM dup_groups g WHERE g.doc = articles.doc), "
            "'g' || substr(doc, 1, 12)) WHERE story_id IS NOT COALESCE((SELECT grp FROM dup_groups g "
            "WHERE g.doc = articles.doc), 'g' || substr(doc, 1, 12))")
    return len(groups)
