"""Clean a scraped full-page text dump into title, body and removed lines.

Each line is classified as title, body, caption/credit, rights notice or
navigation/boilerplate. Only body lines reach `Article.text`; every other
line is kept in `Article.removed` with its reason, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.extract.credits import parse_credit, parse_rights, slug_date, split_authors
from newsgraph.model import Credit, Removed, Rights

# Lines a page template adds around every article.
_BOILERPLATE = re.compile(
    r"^(?:source link|about the author|scroll to top|back to top|read more|read next|related(?: articles| stories| posts)?:?"
    r"|related:.*|see also:.*|advertisement|sponsored(?: content)?|share(?: this)?(?: article| story)?|share on \w+"
    r"|tweet|email|print|comments?|leave a comment|\d+ comments?|sign up.*newsletter.*|subscribe.*|follow us.*"
    r"|click here.*|tags?:.*|filed under:?.*|more from .*|recommended(?: for you)?|trending(?: now)?|skip to (?:main )?content"
    r"|menu|search|home|log ?in|sign ?in|sign ?up|close|next article|previous article|loading\.*"
    r"|(?:facebook|twitter|linkedin|whatsapp|reddit|pinterest|x)(?:\s*[|/·]\s*\w+)*"
    r"|copy link|link copied|listen to (?:this )?article.*|\d+ min(?:ute)? read|image \d+ of \d+)$",
    re.I,
)
_BYLINE = re.compile(r"^(?:by|written by)\s+(?P<names>[A-Z][\w.'\-]+(?:[\s,]+(?:and\s+)?[A-Z][\w.'\-]+){1,8})$", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$|:$")


@dataclass(frozen=True)
class CleanText:
    title: str | None
    paragraphs: tuple[str, ...]
    removed: tuple[Removed, ...]
    credits: tuple[Credit, ...]
    rights: Rights | None
    caption_date: str | None
    authors: tuple[str, ...] = ()


def _words(line: str) -> int:
    return len(line.split())


def _is_prose(line: str) -> bool:
    """A line that reads as running text rather than a label or a link."""
    return _words(line) >= 8 and bool(_SENTENCE_END.search(line)) or _words(line) >= 25


def clean_text(text: str) -> CleanText:
    lines = [" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    labels: list[str | None] = [None] * len(lines)
    credits: list[Credit] = []
    rights: Rights | None = None
    caption_date: str | None = None
    authors: list[str] = []

    for i, line in enumerate(lines):
        b = _BYLINE.match(line)
        if b is not None and _words(line) <= 12:
            labels[i] = "byline"
            authors.extend(a for a in split_authors(b.group("names")) if a not in authors)
            continue
        r = parse_rights(line)
        if r is not None and (_words(line) < 60):
            labels[i] = "rights"
            rights = rights or r
            continue
        c = parse_credit(line)
        if c is not None and not _is_prose(line):
            labels[i] = "credit"
            credits.append(c)
            caption_date = caption_date or slug_date(line)
            continue
        if _BOILERPLATE.match(line):
            labels[i] = "navigation"

    prose = [i for i, line in enumerate(lines) if labels[i] is None and _is_prose(line)]
    first, last = (prose[0], prose[-1]) if prose else (len(lines), -1)

    title = None
    for i, line in enumerate(lines[:first]):
        if labels[i] is None and title is None and _words(line) <= 30:
            labels[i] = "title"
            title = line
        elif labels[i] is None:
            labels[i] = "boilerplate"
    for i in range(last + 1, len(lines)):
        if labels[i] is None:
            labels[i] = "boilerplate"
    for i in range(first, last + 1):
        if labels[i] is None:
            labels[i] = "body"

    removed = tuple(Removed(text=line, reason=lab or "boilerplate") for line, lab in zip(lines, labels) if lab != "body")
    paragraphs = tuple(line for line, lab in zip(lines, labels) if lab == "body")
    return CleanText(title, paragraphs, removed, tuple(credits), rights, caption_date, tuple(authors))
