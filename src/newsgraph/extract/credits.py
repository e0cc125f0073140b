"""Recognise and parse photo credits, captions and rights notices.

Shared by the text-dump cleaner and the HTML filters: both meet the same
"AP Photo/Jane Doe" and "Copyright 2024 Example Media Inc." lines.
"""

from __future__ import annotations

import re
from datetime import date

from newsgraph.model import Credit, Rights

AGENCIES = (
    "AP", "AFP", "Reuters", "Getty Images", "Getty", "EPA", "EPA-EFE", "Bloomberg", "Shutterstock",
    "Xinhua", "Anadolu", "Anadolu Agency", "NurPhoto", "SOPA Images", "Pool", "UPI", "dpa", "Sipa",
    "The Associated Press", "Associated Press", "AAP", "PA", "PA Images", "Alamy", "iStock", "TASS",
)
_AG = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
_NAME = r"[A-Z][a-zA-Z'\-]+(?:\s+(?:[A-Z]\.|[A-Z][a-zA-Z'\-]+|de|van|von|al|el|da|di|la|le)){1,3}"

# "AP Photo/Evelyn Hockstein", "(Photo by Jane Doe/Getty Images)", "... AP Evelyn Hockstein"
_CREDIT_PATTERNS = (
    re.compile(rf"(?P<agency>{_AG})\s+Photos?\s*/\s*(?P<name>{_NAME})"),
    re.compile(rf"Photo(?:graph)?\s+(?:by|:)\s+(?P<name>{_NAME})\s*(?:/|,|for|via)\s*(?P<agency>{_AG})"),
    re.compile(rf"(?P<name>{_NAME})\s*/\s*(?P<agency>{_AG})\s*\)?\s*$"),
    re.compile(rf"(?:^|\s)(?P<agency>{_AG})\s+(?P<name>{_NAME})\s*\)?\s*$"),
    re.compile(rf"^(?:Photo|Image|Credit|Photo credit)\s*:\s*(?P<name>{_NAME})\s*$"),
    re.compile(rf"^(?:Photo|Image|Credit|Photo credit)\s*:\s*(?P<agency>{_AG})\s*$"),
)
_SLUG_DATE = re.compile(r"\b(0[1-9]|1[0-2])([0-3][0-9])(2[0-9])\b")  # 031924 = 2024-03-19

_RIGHTS_HEAD = re.compile(
    r"(?:copyright\s*(?:©|\(c\))?|©|\(c\))\s*(?P<year>(?:19|20)\d\d)?(?:\s*[-–]\s*(?:19|20)\d\d)?[,\s]*", re.I
)
_RESERVED = re.compile(r"\s*all rights reserved", re.I)
_SUFFIX_DOT = re.compile(r"\b(?:Inc|Ltd|Co|Corp|LLC|L\.P|S\.A)\.$")
# A period ends the holder unless it closes a company suffix ("Media Inc.").
_HOLDER_END = re.compile(r"(?<!\bInc)(?<!\bLtd)(?<!\bCo)(?<!\bCorp)(?<!\bLLC)(?<!\bL\.P)\.(?:\s|$)")


def parse_credit(line: str) -> Credit | None:
    """A photo credit in a short non-sentence line, or None."""
    text = line.strip()
    if len(text) > 160 or text.endswith((".", "?", "!")) and not text.endswith(("Inc.", "Jr.")):
        return None
    for pat in _CREDIT_PATTERNS:
        m = pat.search(text)
        if m:
            gd = m.groupdict()
            return Credit(role="photo", name=gd.get("name"), agency=gd.get("agency"), text=text)
    return None


def slug_date(line: str) -> str | None:
    """The date in a wire photo slug such as "ME Blinken 031924" (MMDDYY)."""
    m = _SLUG_DATE.search(line)
    if not m:
        return None
    try:
        return date(2000 + int(m.group(3)), int(m.group(1)), int(m.group(2))).isoformat()
    except ValueError:
        return None


def parse_rights(line: str) -> Rights | None:
    """A copyright / all-rights-reserved notice, or None."""
    text = " ".join(line.split())
    low = text.lower()
    if not ("copyright" in low or "©" in text or "(c)" in low or "all rights reserved" in low):
        return None
    if len(text) > 400:
        return None
    m = _RIGHTS_HEAD.search(text)
    holder = None
    year = None
    if m:
        year = int(m.group("year")) if m.group("year") else None
        rest = text[m.end():]
        cut = _RESERVED.search(rest)
        if cut:
            rest = rest[: cut.start()]
        end = _HOLDER_END.search(rest)
        if end:
            rest = rest[: end.start()]
        holder = rest.strip(" ,;:-")
        if holder.endswith(".") and not _SUFFIX_DOT.search(holder):
            holder = holder[:-1]
        holder = holder or None
        if holder and (holder.lower().startswith(("all rights", "by ")) or len(holder) > 80):
            holder = None
    return Rights(holder=holder, year=year, notice=text)


_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&|\|)\s*")
_NOT_PERSON = re.compile(
    r"\b(?:staff|news|press|media|agency|reuters|associated|afp|editor(?:s|ial)?|desk|team|wire|service"
    r"|newsroom|bio|profile|size|menu|people|forum|posts|times|post|journal|herald|tribune|daily|online|digital|bureau|inc|ltd|llc|group|com"
    r"|reporter|correspondent|writer|columnist|contributor|producer|network|board|university|institute|school"
    r"|enquirer|telegram|gazette|chronicle|courier|examiner|observer|sentinel|magazine|redazione|redaction)\b",
    re.I,
)


def split_authors(author: str | None) -> tuple[str, ...]:
    """People's names from a byline string; publishers and desks are dropped."""
    if not author:
        return ()
    out: list[str] = []
    for part in _AUTHOR_SPLIT.split(author):
        name = re.sub(r"^(?:by|written by|von|por)\s+", "", part.strip(), flags=re.I).strip(" .")
        if not name or _NOT_PERSON.search(name) or "@" in name or "http" in name:
            continue
        words = name.split()
        if not 2 <= len(words) <= 5 or not all(w[0].isupper() or w.lower() in {"de", "van", "von", "da", "al", "bin"} for w in words):
            continue
        if name not in out:
            out.append(name)
    return tuple(out)
