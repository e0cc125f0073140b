"""A second opinion on the main text: several extractors vote for a page's container.

trafilatura (in the fast mode, with the full mode as a retry) picks one
container and our news filters clean it. On pages nobody wrote the filters
for (guides, reviews, blog posts), that pick is sometimes the wrong block or
a fragment, and trafilatura's two modes share the same idea of a container.
Extractors built on other ideas disagree with it in different ways:
resiliparse (DOM rules), trafilatura's port of readability (scored
paragraphs' parents) and jusText (paragraph classification with stop-word
density). Bevendorff et al. (2023), "An Empirical Comparison of Web Content
Extraction Algorithms", found that a vote of several extractors beats each
one alone.

The voters are our own text, resiliparse, the readability port and jusText.
The vote here is per page: every candidate text is put through the same
news filters, and the page keeps the candidate that agrees most, on average,
with all the others (the medoid, agreement being the Dice overlap of 4-word
shingles, the unit the benchmarks score). Our own text wins ties and near
ties (`OWN_MARGIN`), and a candidate shorter than ours needs a larger lead
(`SHORTER_PENALTY`), so a page where the candidates agree keeps exactly what
it had. And a winner that is nearly a part of our text stands back when what
ours has beyond it lies inside it (the story's tables and lists, which the
others tend to drop together), not after it.

Below the page, the vote also trims the edges of the text it keeps: a line
at the head or the tail that none of the other extractors found is taken
off (reason "unvoted"), line by line until one that another extractor also
found. Inside the text nothing is removed: a paragraph only one extractor
kept in the middle of the story is more likely story than template, while
the edges are where author bios, calls to action and teaser lines sit.

Then the other way: lines the kept text lacks and other extractors found (a
section after an ad slot, the items of a list) are added where they align,
when a learned line model accepts them (extract/linevote.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from copy import deepcopy

from lxml.html import HtmlElement, fromstring

from newsgraph.extract.boilerplate import filter_lines
from newsgraph.extract.linevote import Text, merge
from newsgraph.model import Credit, Removed, Rights

Cleaned = tuple[tuple[str, ...], tuple[Removed, ...], tuple[Credit, ...], Rights | None]
"""What `filter_lines` returns: (kept lines, removed, credits, rights)."""

_WORD = re.compile(r"\w+")
# Paragraph-like blocks of readability's summary, read one line each.
_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "td", "dd", "dt")


def shingles(lines: Sequence[str], n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of n-word shingles of a text given as lines (the benchmarks' unit of overlap)."""
    words = _WORD.findall("\n".join(lines))
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n])


def agreement(a: Counter[tuple[str, ...]], b: Counter[tuple[str, ...]]) -> float:
    """Dice overlap of two shingle multisets: 1 for the same text, 0 for texts that share no shingle."""
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 0.0


def choose(candidates: Mapping[str, Cleaned], own: str) -> str:
    """The name of the candidate that agrees most with all the others; `own` on a tie or a near tie.

    Needs at least three candidates to be a vote; with fewer, `own` stands.
    """
    if len(candidates) < 3:
        return own
    sets = {name: shingles(c[0]) for name, c in candidates.items()}

    def mean_agreement(name: str) -> float:
        return sum(agreement(sets[name], sets[o]) for o in sets if o != name) / (len(sets) - 1)

    scores = {name: mean_agreement(name) for name in sets}
    scores[own] += OWN_MARGIN
    size = {name: sum(s.values()) + 1 for name, s in sets.items()}
    for name in scores:
        if size[name] < size[own]:
            # a text shorter than ours must win by more: extractors that each cut a sectioned page
            # after its first section agree on the fragment
            scores[name] -= SHORTER_PENALTY * math.log(size[own] / size[name])
    best = max(scores, key=lambda name: (scores[name], name == own))
    return own if best != own and holds_inside(candidates[own][0], candidates[best][0]) else best


# The others agree on a fragment of our text (they all stop at the first table, list or section
# break) when nearly all of the winner's shingles are in ours; ours stands when what it has beyond
# the fragment lies mostly between lines the winner also has (the story's tables and lists), not
# after them (comments, teasers, a bio: the tail the fragment rightly leaves out).
HELD_SHARE = 0.9
INNER_SHARE = 0.5


def holds_inside(own: Sequence[str], fragment: Sequence[str]) -> bool:
    """Whether `fragment` is (nearly) a part of the longer `own` whose extra text lies mostly inside it."""
    mine, theirs = shingles(own), shingles(fragment)
    size = sum(theirs.values())
    if not size or sum(mine.values()) <= size or sum((mine & theirs).values()) < HELD_SHARE * size:
        return False
    seen = Text(fragment)
    found = [seen.found(line) for line in own]
    hits = [i for i, f in enumerate(found) if f]
    if not hits:
        return False
    extra = [(i, len(line)) for i, (line, f) in enumerate(zip(own, found, strict=True)) if not f]
    inside = sum(n for i, n in extra if hits[0] < i < hits[-1])
    total = sum(n for _, n in extra)
    return bool(total) and inside >= INNER_SHARE * total


# Our own pick is replaced only when another candidate agrees with the rest by this much more (on
# the 0-1 Dice scale). At 0 the vote also swapped near-ties on news pages, where our fast pick plus
# the news filters is the better text: AEB body F1 fell 0.971 -> 0.969; at 0.02 0.971, at 0.05 0.972.
OWN_MARGIN = 0.05
# ... and by this much more per factor e (natural log) by which it is shorter than ours. Chosen on
# WCXB dev among 0, 0.05, 0.1 and 0.2 (cached outputs, with the edge trim): 0.9245 -> 0.9258, odd
# page ids 0.9241 -> 0.9247, even 0.9249 -> 0.9270; AEB 0.9727 -> 0.9722, NAEB 0.9360 -> 0.9362.
# Higher, AEB falls faster (0.9718 at 0.1) for no more on WCXB.
SHORTER_PENALTY = 0.05


# ---- the other extractors ---------------------------------------------------------------------


def resiliparse_lines(html: str) -> list[str]:
    """resiliparse's main-content text (its DOM rules for navigation, footers and asides)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    text = extract_plain_text(HTMLTree.parse(html), main_content=True, list_bullets=False)
    return text.split("\n")


def readability_lines(tree: HtmlElement) -> list[str]:
    """The blocks of readability's pick (trafilatura's port of it), one line each.

    It rewrites the tree it is given, so it works on a copy: the caller's tree
    is read again afterwards (captions, gate evidence).
    """
    from trafilatura.readability_lxml import Document

    summary = Document(deepcopy(tree)).summary()
    if not summary or not summary.strip():
        return []
    return [" ".join(el.text_content().split()) for el in fromstring(summary).iter(*_BLOCKS)]


def justext_lines(html: str) -> list[str]:
    """jusText's paragraphs classed as content (English stop words: the analysis is English-only)."""
    import justext

    return [p.text for p in justext.justext(html, _stoplist()) if not p.is_boilerplate]


_STOPLIST: list[frozenset[str]] = []


def _stoplist() -> frozenset[str]:
    if not _STOPLIST:
        import justext

        _STOPLIST.append(justext.get_stoplist("English"))
    return _STOPLIST[0]


def others(html: str, tree: HtmlElement) -> dict[str, Callable[[], list[str]]]:
    """The other extractors' readers for one page, each returning raw lines."""
    return {
        "resiliparse": lambda: resiliparse_lines(html),
        "readability": lambda: readability_lines(tree),
        "justext": lambda: justext_lines(html),
    }


def vote(own: Cleaned, readers: Mapping[str, Callable[[], list[str]]], title: str | None) -> tuple[Cleaned, str]:
    """The voted main text and the name of its extractor ("own" when ours stands), edges trimmed, lines added.

    `own` is our filtered text; `readers` read the other extractors' lines.
    trafilatura's full mode is not a voter: it is itself a vote of
    trafilatura with readability and jusText, so it would count them twice
    (on WCXB, replayed from cached outputs, it added 0.0007 for about a third
    of the cost). Each candidate goes through the same news filters. An
    extractor that fails on a page (malformed markup it cannot parse) has no
    vote there rather than failing the page.
    """
    candidates: dict[str, Cleaned] = {"own": own}
    for name, read in readers.items():
        try:
            lines = read()
        except Exception:  # noqa: BLE001 - a voter's failure on odd markup costs its vote, not the page
            continue
        candidates[name] = filter_lines(lines, title=title)
    name = choose(candidates, "own")
    if len(candidates) < 3:
        return candidates[name], name
    picked, removed, credits, rights = candidates[name]
    start, end = edges(picked, [c[0] for n, c in candidates.items() if n != name])
    texts = {name: picked, **{n: c[0] for n, c in candidates.items() if n != name}}
    filtered = frozenset(r.text for c in candidates.values() for r in c[1])
    merged, _ = merge(name, texts, (start, end), filtered)
    cut = tuple(Removed(line, "unvoted") for line in (*picked[:start], *picked[end:]))
    return (tuple(merged), removed + cut, credits, rights), name


# ---- below the page: the edges of the kept text ------------------------------------------------

# Another extractor found a line when `linevote.Text.found` says so: half of its 4-word shingles are
# in that text, or, for a line under six words (a heading, a list item), the whole line in the same words.
# When the voted slice would keep less than this share of the text's characters, nothing is trimmed:
# the others then found only a corner of it (one table, one section) and disagree about the rest,
# as when none found any line. Replayed on cached candidates, any value from 0.25 to 0.6 restores
# one WCXB guide page (F1 0.22 -> 1.0) and changes nothing on AEB or NAEB.
KEPT_SHARE = 0.4


def trim_edges(picked: Cleaned, others: Sequence[Sequence[str]]) -> Cleaned:
    """`picked` without the lines at its head and tail that none of `others` found ("unvoted").

    Measured on the cached outputs of the three sets (docs/benchmarks.md):
    precision rises on each (WCXB dev +0.0017, AEB +0.0011, NAEB +0.0019)
    for a recall loss of at most 0.0006. A text every line of which is
    unvoted is kept whole: then the extractors disagree about everything
    and the vote has already chosen; so is one of which the others found
    only a corner (`KEPT_SHARE`).
    """
    lines, removed, credits, rights = picked
    start, end = edges(lines, others)
    if (start, end) == (0, len(lines)):
        return picked
    cut = tuple(Removed(line, "unvoted") for line in (*lines[:start], *lines[end:]))
    return lines[start:end], removed + cut, credits, rights


def edges(lines: Sequence[str], others: Sequence[Sequence[str]]) -> tuple[int, int]:
    """The slice of `lines` between the head and tail lines none of `others` found.

    All of it when none found any, or when the slice is under `KEPT_SHARE` of the text.
    """
    seen = [Text(o) for o in others]

    def voted(line: str) -> bool:
        return any(s.found(line) for s in seen)

    start, end = 0, len(lines)
    while start < end and not voted(lines[start]):
        start += 1
    while end > start and not voted(lines[end - 1]):
        end -= 1
    kept = sum(len(line) for line in lines[start:end])
    if start == end or kept < KEPT_SHARE * sum(len(line) for line in lines):
        return 0, len(lines)
    return start, end
