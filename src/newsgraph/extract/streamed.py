"""Pages streamed in pieces: put each late piece where the page's script would have put it.

A page rendered by React's streaming server (Suspense) sends what is ready
first, with a placeholder for each part that is not (an empty
`<template id="B:0">` followed by a fallback such as "Loading...", or an empty
`<template id="P:0">`), and sends the missing parts later at the end of the
body, each in a hidden `<div hidden id="S:0">`, with a small script
(`$RC("B:0","S:0")`, `$RS("S:0","P:0")`) that moves it into its placeholder.
A browser runs those scripts; an extractor reading the HTML sees the article's
sections out of order after the footer, or not at all (a hidden block), and the
"Loading..." fallbacks where they belong. `resolve` does the scripts' work on
the parsed tree: each late piece replaces its placeholder and fallback.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

# The calls of React's inline scripts: $RC(boundary, content) completes a boundary, $RS(content,
# placeholder) fills a placeholder; the ids are quoted strings.
_CALL = re.compile(r"""\$R([CS])\(\s*["']([^"']+)["']\s*,\s*["']([^"']+)["']""")
PIECES = etree.XPath("//div[@hidden][starts-with(@id, 'S:') or contains(@id, ':S:')]")
# The comment that closes a boundary's fallback (`<!--$?--><template id="B:0"></template>...<!--/$-->`).
_END = "/$"


def resolve(tree: HtmlElement) -> bool:
    """Move each streamed piece into its placeholder (in place); whether the page had any."""
    pieces = PIECES(tree)
    if not pieces:
        return False
    target = _targets(tree)
    holders = {el.get("id"): el for el in tree.iter("template") if el.get("id")}
    moved = False
    for piece in pieces:
        name = piece.get("id", "")
        holder = holders.get(target.get(name) or _guess(name, holders))
        if holder is None or holder.getparent() is None or _inside(holder, piece):
            continue
        if _is_boundary(holder.get("id", "")):
            _drop_fallback(holder)
        _replace(holder, piece)
        moved = True
    return moved


def _targets(tree: HtmlElement) -> dict[str, str]:
    """Piece id -> placeholder id, as the page's scripts pair them."""
    out: dict[str, str] = {}
    for script in tree.iter("script"):
        for kind, first, second in _CALL.findall(script.text or ""):
            if kind == "C":
                out[second] = first
            else:
                out[first] = second
    return out


def _guess(piece: str, holders: dict[str, HtmlElement]) -> str:
    """The placeholder of a piece whose script is gone (saved pages often lose them): same number, boundary first."""
    head, _, number = piece.rpartition("S:")
    for kind in ("B:", "P:"):
        if head + kind + number in holders:
            return head + kind + number
    return ""


def _is_boundary(holder: str) -> bool:
    return holder.rpartition(":")[0].endswith("B")


def _inside(holder: HtmlElement, piece: HtmlElement) -> bool:
    return any(anc is piece for anc in holder.iterancestors())


def _drop_fallback(holder: HtmlElement) -> None:
    """Remove what stands between the boundary's template and its closing comment (the fallback)."""
    run: list[HtmlElement] = []
    for sib in holder.itersiblings():
        if isinstance(sib, etree._Comment) and (sib.text or "").strip() == _END:
            for el in run:
                el.getparent().remove(el)  # with its tail: fallback text too
            holder.tail = None
            return
        run.append(sib)
    # no closing comment among the siblings: the fallback's extent is unknown, so it stays


def _replace(holder: HtmlElement, piece: HtmlElement) -> None:
    """Put the piece's content where the holder stands, and drop the empty holder and piece."""
    parent = holder.getparent()
    at = parent.index(holder)
    children = list(piece)
    for offset, child in enumerate(children):
        parent.insert(at + 1 + offset, child)
    # the text after the placeholder now follows the piece's content, and the piece's own leading
    # text stands where the placeholder was
    after = holder.tail
    if children:
        last = children[-1]
        last.tail = (last.tail or "") + (after or "")
        holder.tail = piece.text
    else:
        holder.tail = (piece.text or "") + (after or "")
    piece.text = None
    holder.drop_tree()
    piece.drop_tree()
