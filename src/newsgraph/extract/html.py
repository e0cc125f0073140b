"""Main text and metadata of an HTML news page.

trafilatura finds the main text; the news filters below then take out what
it lets through (promo labels, "Related:" lines, share prompts, captions,
credits, copyright lines) and record each removal with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from trafilatura.settings import use_config

from newsgraph.extract.credits import parse_credit, parse_rights, split_authors
from newsgraph.extract.textdump import _BOILERPLATE
from newsgraph.model import Credit, Removed, Rights

_CONFIG = use_config()
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signals do not work in worker threads; we budget time ourselves

_PROMO = re.compile(
    r"^(?:advertisement|ad|sponsored|promoted|partner content|story continues below(?: advertisement)?"
    r"|continue reading(?: below)?|article continues (?:below|after advertisement)"
    r"|(?:sign up|subscribe) (?:for|to) (?:our|the) .*newsletter.*|get (?:the|our) .* newsletter.*"
    r"|(?:related|read more|read also|see also|more|watch|listen)\s*:.*|share (?:this|on) .*"
    r"|this article (?:was|has been) (?:updated|amended).*?|photo:.*|image:.*|credit:.*|\(?photo by .*\)?)$",
    re.I,
)


@dataclass(frozen=True)
class HtmlResult:
    title: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]
    credits: tuple[Credit, ...]
    rights: Rights | None
    authors: tuple[str, ...]
    date: str | None
    publisher: str | None
    url: str | None
    language: str | None


def extract_html(html: str, url: str | None = None, favor_precision: bool = False) -> HtmlResult | None:
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=favor_precision,
        config=_CONFIG,
    )
    if doc is None:
        return None
    body = doc.text or ""
    paragraphs, removed, credits, rights = filter_paragraphs(body.split("\n"))
    authors = split_authors(doc.author)
    return HtmlResult(
        title=doc.title or None,
        paragraphs=paragraphs,
        removed=removed,
        credits=credits,
        rights=rights,
        authors=authors,
        date=doc.date or None,
        publisher=doc.sitename or None,
        url=doc.url or url,
        language=doc.language or None,
    )


def filter_paragraphs(
    lines: list[str],
) -> tuple[tuple[str, ...], tuple[Removed, ...], tuple[Credit, ...], Rights | None]:
    kept: list[str] = []
    removed: list[Removed] = []
    credits: list[Credit] = []
    rights: Rights | None = None
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        words = len(line.split())
        if words <= 40 and (r := parse_rights(line)) is not None:
            rights = rights or r
            removed.append(Removed(line, "rights"))
        elif words <= 25 and (c := parse_credit(line)) is not None:
            credits.append(c)
            removed.append(Removed(line, "credit"))
        elif words <= 30 and (_PROMO.match(line) or _BOILERPLATE.match(line)):
            removed.append(Removed(line, "promo"))
        else:
            kept.append(line)
    return tuple(kept), tuple(removed), tuple(credits), rights
