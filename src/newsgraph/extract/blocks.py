"""The page's block of running text, for when every extractor misses the article.

trafilatura, and the extractors that vote with it, score containers by their
text and link density; on some pages all of them settle on a column of
teasers (a short "latest posts" list in a link-light box) and leave the
article, written in plain `<p>` paragraphs in a container with an unusual
class, out. The block read here is the element that holds the most running
text in its own paragraphs: each running-text paragraph credits its parent in
full and its grandparent by half, so a story split by figures or ad slots
into sibling wrappers still goes to their shared container. On a guide or
listicle built of many item wrappers (one `<article>` or `<div>` per venue,
product or step, each with a paragraph or two) no single wrapper holds much:
there the block climbs from the densest wrapper to the lowest ancestor that
holds SPREAD_SHARE of the page's running text (never the `<body>`), when
the densest wrapper is too small to be a story itself.

It is only a fallback (see `extract/html.py`): the extractors' structure
tests are better on every page where they find running text at all.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree
from lxml.html import HtmlElement

from newsgraph.extract.boilerplate import running_chars

# Paragraphs outside menus, headers, footers, asides, forms and comment threads: the page's own
# prose, read here and by `page_prose` in extract/html.py.
PAGE_PARAGRAPHS = etree.XPath(
    "//p[not(ancestor::nav or ancestor::footer or ancestor::aside or ancestor::header or ancestor::form"
    " or ancestor::*[contains(@class, 'comment') or contains(@id, 'comment')])]"
)
# The elements whose text makes one line of the block; an element that holds
# another of them gives its text through that one.
_LINES = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")
_SKIP = ("script", "style", "noscript", "template", "button", "figcaption", "form", "nav", "aside")


def running_text(el: HtmlElement) -> int:
    """Characters of `el`'s text when it is a running-text paragraph, else 0."""
    return running_chars(" ".join(el.text_content().split()))


# The share of the page's running text (outside menus, footers, asides and
# comments) the block must hold; below it the block climbs to the lowest
# ancestor that does. On WCXB dev a listicle of 39 venue wrappers went from
# its 500-character lead to the whole list (F1 0.03 -> 0.83). Only a block
# under SPREAD_BELOW characters of running text climbs: a wrapper that holds
# a story's worth is a story, and on a page that stacks the next stories
# under it the climb took them all (NAEB: 4 pages from 0.95-1.0 to 0.2; one
# more, whose story wrappers hold under 1,000 each, shows ten <h1>: see
# `stacked_stories` in extract/html.py).
SPREAD_SHARE = 0.6
SPREAD_BELOW = 1000


def prose_block(tree: HtmlElement, spread: bool = True) -> tuple[tuple[str, ...], int]:
    """(the lines of the page's densest block of running text, its running-text characters).

    `spread=False` keeps the densest wrapper (a page that stacks several stories: the climb takes them all).
    """
    credit: Counter[HtmlElement] = Counter()
    held: Counter[HtmlElement] = Counter()  # running text anywhere below each element
    total = 0
    for el in PAGE_PARAGRAPHS(tree):
        n = running_text(el)
        parent = el.getparent()
        if not n or parent is None:
            continue
        total += n
        credit[parent] += n
        grand = parent.getparent()
        if grand is not None:
            credit[grand] += n // 2
        for up in el.iterancestors():
            held[up] += n
    if not credit:
        return (), 0
    block, score = credit.most_common(1)[0]
    wider = _spread(block, held, total) if spread and score < SPREAD_BELOW else None
    if wider is not None:
        return tuple(block_lines(wider)), held[wider]
    return tuple(block_lines(block)), score


def _spread(block: HtmlElement, held: Counter[HtmlElement], total: int) -> HtmlElement | None:
    """The lowest ancestor of `block` holding SPREAD_SHARE of the page's running text, when `block` does not."""
    node = block
    while held[node] < SPREAD_SHARE * total:
        up = node.getparent()
        if up is None or up.tag in ("body", "html"):
            return None
        node = up
    return node if node is not block else None


def block_lines(block: HtmlElement) -> list[str]:
    """The text of each innermost paragraph, heading, list item or quotation in `block`, in order."""
    lines = []
    for el in block.iter(*_LINES):
        if any(True for _ in el.iterdescendants(*_LINES)) or any(True for _ in el.iterancestors(*_SKIP)):
            continue
        text = " ".join(el.text_content().split())
        if text:
            lines.append(f"- {text}" if el.tag == "li" else text)
    return lines
