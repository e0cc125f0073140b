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
    return components(keys, [(a, b) for a, b in pairs
                             if containment(shingles_of(a), shingles_of(b)) >= min_containment])


def components(keys: Sequence[str], pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The groups (of two or more) that the pairs connect, by union-find; members in `keys` order."""
    parent = {k: k for k in keys}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
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
# In a store, a pair is a candidate when the containment estimated from the two signatures alone
# reaches ESTIMATE (then verified exactly at CONTAINMENT). Unlike the LSH Ensemble, whose answer
# depends on every indexed document (it partitions them by size), this depends on the pair only:
# grouping the documents of one ingest run against the stored ones finds exactly the pairs a
# regroup of the whole store finds, and costs one vectorised pass over the signatures per new
# document instead of an index of the whole store.
ESTIMATE = 0.45
_CELLS = 1 << 25  # signature values compared at once (block x store x permutations): bounds the memory


def estimated_pairs(sigs: np.ndarray, sizes: np.ndarray, rows: Sequence[int],
                    threshold: float = ESTIMATE, *, later_only: bool = False) -> set[tuple[int, int]]:
    """Index pairs (i, j), i < j, with i or j in `rows`, whose estimated containment reaches `threshold`.

    The Jaccard estimate is the share of equal signature values; with the two set
    sizes it gives the intersection, |A ∩ B| = J (|A| + |B|) / (1 + J), and so the
    containment |A ∩ B| / min(|A|, |B|). With `later_only`, row i is compared with
    rows after it only (a whole-store pass, each pair once).
    """
    pairs: set[tuple[int, int]] = set()
    n = len(sizes)
    step = max(1, _CELLS // max(1, n * NUM_PERM))
    for b in range(0, len(rows), step):
        block = np.asarray(rows[b:b + step])
        base = int(block.min()) if later_only else 0  # a whole-store pass needs the later rows only
        other, other_sizes = sigs[base:], sizes[base:]
        jac = np.count_nonzero(sigs[block][:, None, :] == other[None, :, :], axis=2) / NUM_PERM
        inter = jac * (sizes[block][:, None] + other_sizes[None, :]) / (1.0 + jac)
        cont = inter / np.maximum(np.minimum(sizes[block][:, None], other_sizes[None, :]), 1)
        for r, i in enumerate(block):
            hits = np.nonzero(cont[r] >= threshold)[0] + base
            for j in hits[hits > i] if later_only else hits:
                if j != i and j < n:
                    pairs.add((int(min(i, j)), int(max(i, j))))
    return pairs


def _unsigned(store: Any) -> list[tuple[str, int, bytes | None]]:
    """Signatures of the articles that have none yet. Written only with their groups
    (`_write_groups`): a stored signature means the article was grouped."""
    sql = ("SELECT ar.doc, ar.text FROM articles ar LEFT JOIN minhashes m ON m.doc = ar.doc "
           "WHERE m.doc IS NULL ORDER BY ar._row")
    out = []
    for r in store.conn.execute(sql).fetchall():
        sh = shingles(r["text"] or "")
        out.append((r["doc"], len(sh), signature_bytes(signature(sh)) if sh else None))
    return out


def _signatures(store: Any, fresh: list[tuple[str, int, bytes | None]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every signed article (stored signatures, then the fresh ones) as keys, sizes and a matrix."""
    keys, sizes, blobs = [], [], []
    rows = store.conn.execute("SELECT doc, shingles, signature FROM minhashes WHERE signature IS NOT NULL").fetchall()
    for doc, size, blob in [*((r[0], r[1], r[2]) for r in rows), *fresh]:
        if blob is not None and size:
            keys.append(doc)
            sizes.append(size)
            blobs.append(blob)
    sigs = np.frombuffer(b"".join(blobs), dtype=np.uint64).reshape(len(blobs), NUM_PERM) if blobs else \
        np.zeros((0, NUM_PERM), dtype=np.uint64)
    return keys, np.asarray(sizes, dtype=np.float64), sigs


def _stored_groups(store: Any) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for doc, grp in store.conn.execute("SELECT doc, grp FROM dup_groups ORDER BY grp, doc").fetchall():
        groups.setdefault(grp, []).append(doc)
    return list(groups.values())


def update_store_groups(store: Any, min_containment: float = CONTAINMENT, *, full: bool = False) -> int:
    """Group the store's new articles (those without a signature yet) with the stored ones.

    Returns the number of groups in the store. A new article is compared with
    every signed article (`estimated_pairs`), each candidate verified exactly;
    the stored groups stand for the pairs found before, so the groups are those
    of a whole-store regroup, which `full` does (the repair: every pair again).
    Signatures, groups and story ids are written in one transaction, so an
    article counts as grouped exactly when its signature is stored.
    """
    fresh = _unsigned(store)
    if not fresh and not full:
        return int(store.conn.execute("SELECT COUNT(DISTINCT grp) FROM dup_groups").fetchone()[0])
    keys, sizes, sigs = _signatures(store, fresh)
    index = {k: i for i, k in enumerate(keys)}
    if full:
        rows, old = list(range(len(keys))), []
    else:
        rows = sorted(index[d] for d, _, blob in fresh if d in index)
        old = _stored_groups(store)
    pairs = {(keys[i], keys[j]) for i, j in estimated_pairs(sigs, sizes, rows, later_only=full)}

    @lru_cache(maxsize=4096)
    def text_of(doc: str) -> str:
        row = store.conn.execute("SELECT text FROM articles WHERE doc = ?", (doc,)).fetchone()
        return str(row["text"] or "") if row else ""

    @lru_cache(maxsize=4096)
    def shingles_of(doc: str) -> frozenset[int]:
        return shingles(text_of(doc))

    verified = [p for p in pairs if containment(shingles_of(p[0]), shingles_of(p[1])) >= min_containment]
    # A stored group is a set of pairs verified before: linking its members in a chain keeps it whole.
    known = [(g[0], m) for g in old for m in g[1:]]
    members = sorted({k for p in verified + known for k in p})
    groups = components(members, verified + known)
    if not full:
        touched = {keys[i] for i in rows}
        groups = [g for g in groups if touched.intersection(g)]  # the others stay as stored
    out = _group_rows(store, groups, text_of, shingles_of)
    _write_groups(store, fresh, out, full, [d for g in groups for d in g])
    return int(store.conn.execute("SELECT COUNT(DISTINCT grp) FROM dup_groups").fetchone()[0])


def _group_rows(store: Any, groups: list[list[str]], text_of: Callable[[str], str],
                shingles_of: Callable[[str], frozenset[int]]) -> list[tuple[str, str, int, float]]:
    rows = []
    for members in groups:
        marks = ", ".join("?" for _ in members)
        meta = store.conn.execute(f"SELECT doc, published, _row FROM articles WHERE doc IN ({marks})", members)
        published, order = {}, {}
        for r in meta.fetchall():
            published[r["doc"]], order[r["doc"]] = r["published"], r["_row"]
        info = measure(members, text_of, published, order)
        original = pick_original(info)
        gid = "g" + original.key[:12]
        for m in info:
            score = 1.0 if m is original else containment(shingles_of(m.key), shingles_of(original.key))
            rows.append((m.key, gid, int(m is original), round(score, 3)))
    return rows


def _write_groups(store: Any, fresh: list[tuple[str, int, bytes | None]], rows: list[tuple[str, str, int, float]],
                  full: bool, regrouped: list[str]) -> None:
    from newsgraph.store.schema import transaction

    story = ("COALESCE((SELECT grp FROM dup_groups g WHERE g.doc = articles.doc), 'g' || substr(doc, 1, 12))")
    with transaction(store.conn):
        store.conn.executemany("INSERT OR REPLACE INTO minhashes VALUES (?, ?, ?)", fresh)
        if full:
            store.conn.execute("DELETE FROM dup_groups")
        else:
            store.conn.executemany("DELETE FROM dup_groups WHERE doc = ?", [(d,) for d in regrouped])
        store.conn.executemany("INSERT INTO dup_groups VALUES (?, ?, ?, ?)", rows)
        # An article's story id is its group's (the original's), else its own: exports carry it.
        if full:
            store.conn.execute(f"UPDATE articles SET story_id = {story} WHERE story_id IS NOT {story}")
        else:
            store.conn.executemany(f"UPDATE articles SET story_id = {story} WHERE doc = ? AND story_id IS NOT {story}",
                                   [(d,) for d in regrouped])
