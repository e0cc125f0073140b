"""Below the page: which lines of the extractors' candidates make the main text.

The page-level vote (extract/ensemble.py) keeps one extractor's text. The
others often hold a paragraph it missed (a section after an ad slot, a list
under a heading) and agree that some of its lines are template (a bio at the
foot, a call to action). Here the lines of all candidates are put in one
sequence and a learned model decides for each line whether it stays:

- `union` aligns the candidates: the picked text in its order, every other
  candidate's lines that the pick lacks inserted after the last line of theirs
  that the sequence already holds;
- `line_features` describes each line by what no single site decides: which
  extractors hold it, where it sits against the pick, its length and shape,
  and how much the candidates agree on the page as a whole;
- a logistic model weighs those features for each line the pick lacks and
  adds it above a threshold. Its weights and threshold are data
  (`newsgraph/data/line_model.json`), fitted by `scripts/fit_line_model.py`
  on WCXB dev (CC-BY-4.0, Murrough Foley, WCXB (2026)), AEB and NAEB pages.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from statistics import median
from typing import Any

_WORD = re.compile(r"\w+")
# The extractors whose support is a feature, in the model's order (a missing one supports nothing).
EXTRACTORS = ("own", "resiliparse", "readability", "justext")
# A line of at least this many words is found in a text when this share of its 4-word shingles is
# there; a shorter line must appear there whole (`Text.found`: the vote's edge trim uses it too).
SHORT_LINE = 6
FOUND_SHARE = 0.5
_END = re.compile(r"[.!?:;\"'”’)\]…]$")
# A list item or table row as trafilatura writes them ("- ", "1. ", "| a | b |").
_ITEM = re.compile(r"^(?:[-*•|]\s|\d{1,3}[.)]\s)")


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _grams(words: Sequence[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


class Text:
    """One candidate text, for asking how much of a line it holds."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = tuple(lines)
        words = _words("\n".join(lines))
        self.joined = f" {' '.join(words)} "
        self.grams = _grams(words)
        self.size = max(1, len(words))

    def support(self, line: str) -> float:
        """The share of the line's 4-word shingles in this text; 0 or 1 for a short line (whole or not)."""
        words = _words(line)
        return self.holds(words, _grams(words) if len(words) >= SHORT_LINE else set())

    def found(self, line: str) -> bool:
        """Whether this text holds the line (the rule of the vote's edge trim and of the alignment)."""
        return self.support(line) >= FOUND_SHARE

    def holds(self, words: Sequence[str], grams: set[tuple[str, ...]]) -> float:
        """`support` of a line already split into words (and, when it is not short, shingles)."""
        if not words:
            return 1.0
        if len(words) < SHORT_LINE:
            return float(f" {' '.join(words)} " in self.joined)
        return len(grams & self.grams) / len(grams)


@dataclass
class Line:
    """A line of the aligned sequence: its text, the candidate it came from, and its sort key."""

    text: str
    source: str
    key: tuple[int, int, int]


class _Index:
    """Where a line already stands in the sequence (by its words, or by most of its shingles)."""

    def __init__(self) -> None:
        self.exact: dict[str, int] = {}
        self.grams: dict[tuple[str, ...], int] = {}

    def add(self, line: str, at: int) -> None:
        words = _words(line)
        self.exact.setdefault(" ".join(words), at)
        for g in _grams(words):
            self.grams.setdefault(g, at)

    def find(self, line: str) -> int | None:
        words = _words(line)
        at = self.exact.get(" ".join(words))
        if at is not None or len(words) < SHORT_LINE:
            return at
        grams = _grams(words)
        hits = Counter(self.grams[g] for g in grams if g in self.grams)
        if not hits:
            return None
        at, n = hits.most_common(1)[0]
        return at if n >= FOUND_SHARE * len(grams) else None


def union(pick: str, candidates: Mapping[str, Sequence[str]]) -> list[Line]:
    """The pick's lines in order, with the other candidates' lines it lacks inserted where they align.

    A line of another candidate that the sequence already holds (whole, or
    half of its shingles in one line) moves the insertion point to that
    line; one that is inside the text so far only as part of a longer line
    is not added twice. Others are inserted, in their own order, after the
    last aligned line (at the head when none has aligned yet).
    """
    seq = [Line(text, pick, (i, 0, 0)) for i, text in enumerate(candidates[pick])]
    index = _Index()
    for i, line in enumerate(seq):
        index.add(line.text, i)
    seen = [Text(candidates[pick])]
    for rank, name in enumerate((n for n in candidates if n != pick), start=1):
        after = -1
        for j, text in enumerate(candidates[name]):
            at = index.find(text)
            if at is not None:
                after = seq[at].key[0]
                continue
            if any(s.found(text) for s in seen):
                continue
            index.add(text, len(seq))
            seq.append(Line(text, name, (after, rank, j)))
        seen.append(Text(candidates[name]))
    return sorted(seq, key=lambda line: line.key)


# The features, in the order of the weights in the model file.
FEATURES = (
    *(f"support_{name}" for name in EXTRACTORS),
    "supporters",
    "pick_is_own",
    "pick_distance",
    "edge",
    "words",
    "short",
    "sentence_end",
    "capitalised",
    "symbols",
    "list_item",
    "page_agreement",
    "pick_length_ratio",
)


def line_features(seq: Sequence[Line], pick: str, candidates: Mapping[str, Sequence[str]],
                  only: Sequence[int] | None = None) -> list[list[float]]:
    """One feature row per line of `seq` (see FEATURES), or per line at the positions `only`."""
    texts = {name: Text(lines) for name, lines in candidates.items()}
    in_pick = [line.source == pick for line in seq]
    page = _page_features(texts, pick)
    n = len(seq)
    rows = []
    nearest = _distances(in_pick)
    for i in range(n) if only is None else only:
        line = seq[i]
        words = _words(line.text)
        grams = _grams(words) if len(words) >= SHORT_LINE else set()
        support = [1.0 if name == line.source else (texts[name].holds(words, grams) if name in texts else 0.0)
                   for name in EXTRACTORS]
        caps = sum(1 for w in words if w[:1].isupper())
        rel = i / (n - 1) if n > 1 else 0.5
        rows.append([
            *support,
            sum(s >= FOUND_SHARE for s in support) / len(EXTRACTORS),
            float(pick == "own"),
            math.log1p(nearest[i]),
            min(rel, 1 - rel),
            math.log1p(len(words)),
            float(len(words) < SHORT_LINE),
            float(bool(_END.search(line.text))),
            caps / len(words) if words else 0.0,
            sum(1 for ch in line.text if not (ch.isalnum() or ch.isspace())) / max(1, len(line.text)),
            float(bool(_ITEM.match(line.text))),
            *page,
        ])
    return rows


def _distances(in_pick: Sequence[bool]) -> list[int]:
    """For each position, how many lines away the nearest line of the pick is (0 for the pick's own)."""
    far = len(in_pick)
    out = [far] * len(in_pick)
    last = -far
    for i, p in enumerate(in_pick):
        last = i if p else last
        out[i] = i - last
    last = 2 * far
    for i in range(len(in_pick) - 1, -1, -1):
        last = i if in_pick[i] else last
        out[i] = min(out[i], last - i, far)
    return out


def _page_features(texts: Mapping[str, Text], pick: str) -> list[float]:
    """How much the candidates agree on the page (mean pairwise shingle Dice), and the pick's length against the others'."""
    names = list(texts)
    pairs = [(a, b) for k, a in enumerate(names) for b in names[k + 1 :]]
    dice = [2 * len(texts[a].grams & texts[b].grams) / (len(texts[a].grams) + len(texts[b].grams) or 1)
            for a, b in pairs]
    others = [texts[n].size for n in names if n != pick]
    ratio = math.log(texts[pick].size / median(others)) if others else 0.0
    return [sum(dice) / len(dice) if dice else 1.0, max(-3.0, min(3.0, ratio))]


@dataclass(frozen=True)
class Model:
    """A logistic model over FEATURES and the probability from which another extractor's line is added."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def adds(self, row: Sequence[float]) -> bool:
        z = self.bias + sum(w * x for w, x in zip(self.weights, row))
        return 1 / (1 + math.exp(-max(-50.0, min(50.0, z)))) >= self.threshold


def load_model(data: Mapping[str, Any]) -> Model:
    """The model from its file's contents; a file written for other features is an error, not a silent misfit."""
    if list(data["features"]) != list(FEATURES) or len(data["weights"]) != len(FEATURES):
        raise ValueError("the line model's features do not match the code's")
    return Model(tuple(float(w) for w in data["weights"]), float(data["bias"]), float(data["threshold"]))


@cache
def model() -> Model:
    """The model shipped in the package data (`newsgraph/data/line_model.json`)."""
    text = resources.files("newsgraph.data").joinpath("line_model.json").read_text(encoding="utf-8")
    return load_model(json.loads(text))


def eligible(seq: Sequence[Line], pick: str, keep: tuple[int, int], removed: frozenset[str]) -> list[int]:
    """Positions of the lines that may be added: another candidate's, between the kept pick's first and last lines.

    Outside that span sit the teaser lists and link columns that the edge
    trim takes off the pick as well (on AEB a model free to add there put
    related-story lists back); a line a news filter removed from any
    candidate is never added back.
    """
    inside = [i for i, line in enumerate(seq) if line.source == pick and keep[0] <= line.key[0] < keep[1]]
    if not inside:
        return []
    return [i for i in range(inside[0] + 1, inside[-1])
            if seq[i].source != pick and seq[i].text not in removed]


def merge(pick: str, candidates: Mapping[str, Sequence[str]], keep: tuple[int, int],
          removed: frozenset[str] = frozenset(), using: Model | None = None) -> tuple[list[str], list[str]]:
    """(the merged lines, the lines added from the other candidates).

    The pick's lines `keep[0]:keep[1]` stay (the vote's edge trim has taken
    the rest off); another candidate's line the pick lacks is added where it
    aligns, if it is `eligible`, when the model gives it at least its
    threshold. The pick's own lines are never dropped here: fitted for that
    as well, the model gained on one half of WCXB dev and lost on the other
    (docs/benchmarks.md).
    """
    use = using or model()
    seq = union(pick, candidates)
    others = eligible(seq, pick, keep, removed)
    rows = dict(zip(others, line_features(seq, pick, candidates, others)))
    lines, added = [], []
    for i, line in enumerate(seq):
        if line.source == pick:
            if keep[0] <= line.key[0] < keep[1]:
                lines.append(line.text)
        elif i in rows and use.adds(rows[i]):
            lines.append(line.text)
            added.append(line.text)
    return lines, added
