"""Main text and metadata of an HTML news page.

The page is parsed once. Our metadata reader (extract/metadata.py) reads the
tree; trafilatura finds the main text in fast mode (no readability/justext
comparison: on news pages it costs a third of the time and the news filters
in extract/boilerplate.py recover more than it adds); the full mode is asked
too, and taken where the fast pick is short or a fragment, or where it adds
lines inside the fast pick (see `clean_main_text`). The filters then take
out what trafilatura lets through and record each removal with its reason.
Where every extractor missed the article (a column of teasers taken, or
nothing), the page's densest block of running text stands in (`rescue`,
extract/blocks.py).
A page streamed in pieces is also read as a browser shows it, its late pieces
in their placeholders (extract/streamed.py).
The page's evidence for the article gate (extract/gate.py) is read from the
same tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import trafilatura
from lxml import etree
from lxml.html import HtmlElement, HTMLParser, tostring
from trafilatura.settings import use_config
from trafilatura.utils import load_html

from newsgraph.extract.blocks import PAGE_PARAGRAPHS, prose_block
from newsgraph.extract.boilerplate import (
    filter_lines,
    prose_share,
    running_chars,
)
from newsgraph.extract.credits import parse_credit
from newsgraph.extract.ensemble import Cleaned, holds_inside, others, vote
from newsgraph.extract.gate import PageEvidence, page_evidence
from newsgraph.extract.metadata import Metadata, article_body, read_metadata
from newsgraph.extract.streamed import PIECES, resolve
from newsgraph.model import Credit, Removed, Rights

_CONFIG = use_config()
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals do not work in worker threads; we budget time ourselves


@dataclass(frozen=True)
class HtmlResult:
    title: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]
    credits: tuple[Credit, ...]
    rights: Rights | None
    meta: Metadata
    evidence: PageEvidence


def extract_html(html: str, url: str | None = None, favor_precision: bool = False) -> HtmlResult | None:
    """The article of one page, or None when the page has no parsable HTML tree."""
    tree = load_html(html)
    if tree is None:
        return None
    meta = read_metadata(tree, url)
    own, (paragraphs, removed, credits, rights) = _main_text(tree, html, url, meta.title, favor_precision)
    streamed = _in_place(tree, html)
    if streamed is not None:
        # the same page read as a browser shows it: kept unless its text has less running text
        other, more = _main_text(*streamed, url, meta.title, favor_precision)
        if _running(more[0]) >= _running(paragraphs):
            tree, own, (paragraphs, removed, credits, rights) = streamed[0], other, more
    # The gate's weights were fitted on our own pick's text, so its evidence is read from that text.
    evidence = page_evidence(tree, meta, url, prose_share(own)[0] if own else 0.0,
                             body_chars=len("\n\n".join(own)))
    return HtmlResult(title=meta.title, paragraphs=paragraphs, removed=removed,
                      credits=credits + caption_credits(tree, credits), rights=rights, meta=meta, evidence=evidence)


def _in_place(tree: HtmlElement, html: str) -> tuple[HtmlElement, str] | None:
    """A copy of a streamed page with its late pieces in their placeholders (extract/streamed.py), and its markup.

    None on a page that was not streamed. The other extractors read the
    markup itself, so they get the copy's.
    """
    if not PIECES(tree):
        return None
    # read again with its comments, which mark where each placeholder's fallback ends
    # (trafilatura's reader drops them)
    try:
        copy = etree.fromstring(html.encode("utf-8", "replace"), _WITH_COMMENTS)
    except (etree.LxmlError, ValueError):  # markup trafilatura's reader took but this one does not: read as is
        return None
    if copy is None or not resolve(copy):
        return None
    etree.strip_tags(copy, etree.Comment)
    return copy, tostring(copy, encoding="unicode")


_WITH_COMMENTS = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_pis=True)


def _main_text(tree: HtmlElement, html: str, url: str | None, title: str | None,
               favor_precision: bool) -> tuple[tuple[str, ...], Cleaned]:
    """(our own pick's lines, the cleaned main text after the extractors' vote).

    The page's declared body, when it stands in for a failed pick, is not put
    to the vote: the other extractors read the same HTML that failed.
    """
    read = cache(lambda fast: _trafilatura_lines(tree, url, favor_precision, fast))
    found = clean_main_text(read, title, page_prose=lambda: page_prose(tree))
    declared = article_body(tree)
    if declared is not None:
        given = filter_lines(declared.split("\n"), title=title)
        if prefer_declared(found[0], given[0]):
            return given[0], given
    rescued = rescue(tree, found, title)
    if rescued is not None:
        return rescued[0], rescued
    if stacked_stories(tree):
        # every container-level extractor takes the whole stack of stories on such a page
        return found[0], found
    voted, _ = vote(found, others(html, tree), title)
    return found[0], voted


# The page's declared body must be at least this long to stand in for the found text.
DECLARED_MIN = 500
# The page's block of running text stands in for the found text when it holds
# at least this many characters of running text and the found text under
# RESCUE_SHARE of that (on WCXB dev: articles where every extractor took a
# teaser column or nothing).
RESCUE_MIN = 1000
RESCUE_SHARE = 0.2


def rescue(tree: HtmlElement, found: Cleaned, title: str | None) -> Cleaned | None:
    """The page's densest block of running text (`extract/blocks.py`) when the found text missed it, else None.

    Not put to the vote either: the other extractors missed it as well.
    """
    have = _running(found[0])
    lines, prose = prose_block(tree, spread=not stacked_stories(tree))
    if prose < RESCUE_MIN or have >= RESCUE_SHARE * prose:
        return None
    block = filter_lines(list(lines), title=title)
    return block if _running(block[0]) > 2 * have else None


def _running(paragraphs: tuple[str, ...]) -> int:
    """Characters in running-text paragraphs, counted as `extract/blocks.py` counts them."""
    return sum(running_chars(p) for p in paragraphs)


def prefer_declared(found: tuple[str, ...], declared: tuple[str, ...]) -> bool:
    """Whether the body the page declares in its JSON-LD (`articleBody`) beats the text found in its HTML.

    Only when the found text fails: it has no running text (trafilatura took
    a list of teasers); it is a fragment, at most half of a declared body
    that holds most of its words; or it is the declared body itself with its
    paragraphs run together (trafilatura's own fallback to the JSON-LD
    flattens it). Otherwise the HTML wins: a declared body is often cut short.
    """
    chars = sum(len(p) for p in declared)
    share, _ = prose_share(declared)
    if chars < DECLARED_MIN or share < 0.5:
        return False
    found_share, found_prose = prose_share(found) if found else (0.0, 0)
    if found_share < 0.15 or found_prose == 0:
        return True
    words, inside = _word_set(found), _word_set(declared)
    held = len(words & inside) / (len(words) or 1)
    if chars >= 2 * sum(len(p) for p in found):
        return held >= 0.6
    return len(found) < len(declared) and held >= 0.95 and len(inside - words) <= 0.05 * len(inside)


def _word_set(paragraphs: tuple[str, ...]) -> set[str]:
    return {w.casefold() for p in paragraphs for w in _WORDS.findall(p)}


_WORDS = re.compile(r"\w+")


def clean_main_text(
    read: Callable[[bool], list[str]], title: str | None, skip: frozenset[str] = frozenset(),
    page_prose: Callable[[], int] = lambda: 0,
) -> tuple[tuple[str, ...], tuple[Removed, ...], tuple[Credit, ...], Rights | None]:
    """The filtered main text from `read(fast)`, trafilatura's lines in fast or full mode.

    Fast mode reads one container; on pages built of several (a guide in
    sections, a blog post under a hero block) it returns a fragment. When
    the fast pick is short, or holds under a quarter of the page's running
    text, the full mode's text (which compares its pick with readability's
    and justext's) is taken if it adds running text. Over a longer pick it
    is taken only when it holds the pick and what it adds lies inside it
    (`ensemble.holds_inside`): the headings, lists and tables between the
    paragraphs that the fast pick skipped, not a tail of comments or teasers.
    On the cached extractor outputs of WCXB dev this gained on both halves
    (odd page ids 0.9294 -> 0.9300, even 0.9297 -> 0.9299) with AEB
    unchanged and NAEB within 0.0001; it costs a full-mode call on every page.
    """
    found = filter_lines(read(True), title=title, skip=skip)
    fuller = filter_lines(read(False), title=title, skip=skip)
    chars = sum(len(p) for p in found[0])
    if chars >= SHORT_TEXT and chars >= FRAGMENT_SHARE * page_prose():
        # a long pick: the full mode's text is taken only when it holds ours and adds inside it
        # (the headings, lists and tables between the fast pick's paragraphs that it skipped)
        return fuller if holds_inside(fuller[0], found[0]) else found
    return fuller if more_prose(found[0], fuller[0]) else found


# Below this many characters of clean text, the fast pick is checked against
# the full mode. On WCXB dev this recovers 18 truncated pages; higher, the full
# mode starts to take comment threads and teaser lists on AEB and NAEB pages.
SHORT_TEXT = 600
# A fast pick with less than this share of the page's running text is taken
# for a fragment (a guide in sections, a listicle cut after its first item).
# On a page that stacks the next stories under the article (infinite scroll)
# the full mode takes them all, and their quotes, places and events became
# the article's (a real-news page went from 2,800 to 24,000 characters); such
# a page shows each story's headline as an <h1>, so the page's prose is not
# counted on a page with more than MAX_H1 of them (see `page_prose`).
FRAGMENT_SHARE = 0.25
MAX_H1 = 2


def page_prose(tree: HtmlElement) -> int:
    """Characters of running-text paragraphs on the page, outside menus, footers, asides and comments.

    0 on a page of several stories (more than MAX_H1 headlines): there the
    page's prose is not the article's, and a short pick is no fragment.
    """
    if stacked_stories(tree):
        return 0
    return sum(running_chars(" ".join(el.text_content().split()), teasers=False) for el in PAGE_PARAGRAPHS(tree))


def stacked_stories(tree: HtmlElement) -> bool:
    """Whether the page stacks the next stories under the article (more than MAX_H1 headlines)."""
    return sum(1 for _ in tree.iter("h1")) > MAX_H1


def more_prose(fast: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Whether the full-mode text adds running text, not links or comments, to a short fast pick."""
    have = set(fast)
    extra = tuple(p for p in full if p not in have)
    if not extra or sum(len(p) for p in full) < 2 * max(1, sum(len(p) for p in fast)):
        return False
    share, _ = prose_share(extra)
    return share >= 0.5


def _trafilatura_lines(tree: HtmlElement, url: str | None, favor_precision: bool, fast: bool) -> list[str]:
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        favor_precision=favor_precision,
        with_metadata=False,
        config=_CONFIG,
    )
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    return body.split("\n")


_CAPTION_XPATH = etree.XPath(
    "//figcaption | //@class[contains(., 'credit') or contains(., 'caption')]/..",
)


def caption_credits(tree: HtmlElement, have: tuple[Credit, ...]) -> tuple[Credit, ...]:
    """Photo credits in figure captions, which trafilatura drops from the text.

    trafilatura keeps the tree it was given intact (it works on a copy), so
    the captions can still be read here.
    """
    seen = {c.text for c in have}
    out: list[Credit] = []
    for el in _CAPTION_XPATH(tree)[:30]:
        if not isinstance(el.tag, str) or el.tag in ("meta", "script", "style"):
            continue
        for piece in (el.text_content(), *el.itertext()):
            text = " ".join(piece.split())
            # the credit is usually the tail of the caption: "... (Photo by Jon Brandt/Reuters)"
            tail = text.rsplit(". ", 1)[-1].strip("() ") if len(text) > 160 else text
            credit = parse_credit(tail) if 3 <= len(tail) <= 160 else None
            if credit is not None and credit.text not in seen:
                seen.add(credit.text)
                out.append(credit)
                break
    return tuple(out)
