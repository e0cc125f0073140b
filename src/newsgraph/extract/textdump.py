"""Clean a scraped full-page text dump into title, body and removed lines.

Each line is classified as title, body, caption/credit, rights notice or
navigation/boilerplate. Only body lines reach `Article.text`; every other
line is kept in `Article.removed` with its reason, so nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsgraph.extract.boilerplate import _BOILERPLATE, classify_line
from newsgraph.extract.credits import parse_credit, parse_rights, slug_date, split_authors
from newsgraph.model import Credit, Removed, Rights

_BYLINE = re.compile(r"^(?:by|written by)\s+(?P<names>[A-Z][\w.'\-]+(?:[\s,]+(?:and\s+)?[A-Z][\w.'\-]+){1,8})$", re.I)
_GAP = 4  # what a short non-sentence line between paragraphs costs the run
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


def _weight(line: str) -> int:
    """Words, or for scripts written without spaces, characters / 6."""
    return max(_words(line), len(line) // 6)


def _body_block(lines: list[str], labels: list[str | None]) -> tuple[int, int]:
    """The first and last line of the article: the run of lines with the most running text.

    Prose lines count for their length, labels and short lines against it, so
    a menu or a footer between two stretches of text splits them and the
    longer stretch wins (a maximum-sum run, as in Kadane's algorithm).
    """
    best, best_sum, cur, start = (len(lines), -1), 0, 0, 0
    for i, line in enumerate(lines):
        if labels[i] is not None:
            score = -1  # credits and notices inside the article do not end it
        elif _is_prose(line):
            score = _weight(line)
        else:
            score = -(_GAP + _weight(line))
        if cur <= 0:
            cur, start = score, i
        else:
            cur += score
        if cur > best_sum:
            best_sum, best = cur, (start, i)
    return best


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

    first, last = _body_block(lines, labels)

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
            labels[i] = classify_line(lines[i]) or "body"

    removed = tuple(Removed(text=line, reason=lab or "boilerplate") for line, lab in zip(lines, labels) if lab != "body")
    paragraphs = tuple(line for line, lab in zip(lines, labels) if lab == "body")
    return CleanText(title, paragraphs, removed, tuple(credits), rights, caption_date, tuple(authors))
