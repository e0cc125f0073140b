"""Near-duplicates and syndication: MinHash/LSH candidates, exact containment check.

A copy of a story rarely equals its original: wire copies add a dateline and
a rights line, scrapers drop paragraphs or cut the story short, editors
re-title it. So:

1. each article's text becomes a set of word 5-gram shingles (hashed, crc32);
2. a MinHash signature per article goes into an LSH index (datasketch) with
   a low Jaccard threshold, which finds candidate pairs in near-linear time
   (a truncated copy has a low Jaccard with its original but is found);
3. each candidate pair is verified exactly by containment,
   |A ∩ B| / min(|A|, |B|): a truncated or padded copy scores near 1, two
   independent reports on the same topic score low;
4. verified pairs are grouped (union-find), and each group's original is the
   earliest dated copy, then the most complete (longest), then the first stored.

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
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE = 5
LSH_THRESHOLD = 0.25
CONTAINMENT = 0.6

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
    m = MinHash(num_perm=num_perm, hashfunc=_identity)
    values = list(sh)
    if values:
        m.update_batch(values)
    return m


def signature_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def signature_from_bytes(blob: bytes, num_perm: int = NUM_PERM) -> MinHash:
    return MinHash(num_perm=num_perm, hashfunc=_identity, hashvalues=np.frombuffer(blob, dtype=np.uint64))


def containment(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True)
class Member:
    key: str
    published: str | None = None
    chars: int = 0
    order: int = 0  # ingest order: the tie-breaker of last resort


def candidate_pairs(signatures: dict[str, MinHash], threshold: float = LSH_THRESHOLD) -> set[tuple[str, str]]:
    """Pairs that share an LSH bucket: near-linear in the number of documents."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for key, sig in signatures.items():
            session.insert(key, sig, check_duplication=False)
    pairs: set[tuple[str, str]] = set()
    for key, sig in signatures.items():
        for other in lsh.query(sig):
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
    """Earliest dated, then most complete, then first stored."""
    return min(members, key=lambda m: (m.published is None, m.published or "", -m.chars, m.order))


def find_copies(texts: dict[str, str], min_containment: float = CONTAINMENT,
                lsh_threshold: float = LSH_THRESHOLD) -> list[list[str]]:
    """Groups of near-duplicate keys among in-memory texts (used by tests and the evaluation)."""
    sh = {k: shingles(t) for k, t in texts.items()}
    sigs = {k: signature(s) for k, s in sh.items() if s}
    pairs = candidate_pairs(sigs, lsh_threshold)
    return group(list(texts), pairs, sh.__getitem__, min_containment)


def pairwise_scores(predicted: Iterable[Iterable[str]], truth: Iterable[Iterable[str]]) -> dict[str, float]:
    """Precision, recall and F1 over pairs of documents placed in the same group."""

    def pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
        out = set()
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
    sigs = {r["doc"]: signature_from_bytes(r["signature"])
            for r in store.conn.execute("SELECT doc, signature FROM minhashes WHERE signature IS NOT NULL")}
    pairs = candidate_pairs(sigs, lsh_threshold)

    @lru_cache(maxsize=4096)
    def shingles_of(doc: str) -> frozenset[int]:
        row = store.conn.execute("SELECT text FROM articles WHERE doc = ?", (doc,)).fetchone()
        return shingles(row["text"] if row else "")

    keys = sorted({k for p in pairs for k in p})
    groups = group(keys, pairs, shingles_of, min_containment)
    rows = []
    for members in groups:
        marks = ", ".join("?" for _ in members)
        info = [Member(r["doc"], r["published"], r["chars"], r["_row"]) for r in store.conn.execute(
            f"SELECT doc, published, length(text) AS chars, _row FROM articles WHERE doc IN ({marks})", members)]
        original = pick_original(info)
        gid = "g" + original.key[:12]
        for m in info:
            score = 1.0 if m is original else containment(shingles_of(m.key), shingles_of(original.key))
            rows.append((m.key, gid, int(m is original), round(score, 3)))
    with transaction(store.conn):
        store.conn.execute("DELETE FROM dup_groups")
        store.conn.executemany("INSERT INTO dup_groups VALUES (?, ?, ?, ?)", rows)
    return len(groups)
