"""Who a figure is attributed to: a name a reader can check, or nothing.

The attributions layer finds who said what; a figure inside the content of an
attribution takes its speaker. Here that speaker is turned into a source name,
with three corrections that the attributions layer has no reason to make:

- a document is not a source, its author is: "Wolff's written decision" is
  Wolff's, "a report by the audit office" is the audit office's;
- a bare pronoun or a document noun with no owner ("he", "the report",
  "data released Wednesday") names nobody, so the figure gets no source name
  (its `attribution_id` still points at the attribution);
- "according to X" in the figure's own sentence attributes it to X even when
  no attribution covers the figure.
"""

from __future__ import annotations

import re

# Nouns for documents, data and proceedings: they carry a figure, someone else stands behind it.
DOCUMENT_NOUNS = frozenset("""
report reports lawsuit suit complaint filing filings statement statements application decision decisions
ruling order data figures figure number numbers estimate estimates study studies survey surveys poll
polls analysis analyses review audit investigation probe inquiry research paper findings document
documents letter memo release records record article post video footage budget plan proposal
resolution agreement deal act law bill policy projection projections forecast forecasts index
""".split())
PRONOUNS = frozenset("""
he she they it we i you that this which who these those one someone somebody
""".split())
_POSSESSIVE = re.compile(r"^(?:the\s+)?((?:[A-Z][\w.&'’-]*\s+){0,4}[A-Z][\w.&-]*)['’]s?\s+(.+)$")
_BY = re.compile(r"\b(?:by|from)\s+((?:the\s+)?(?:[A-Z][\w.&'’-]*)(?:\s+(?:of\s+)?[A-Z][\w.&'’-]*){0,5})")
_ACCORDING = re.compile(r"\baccording\s+to\s+([^,.;:\"“”()—]+)")
_WORD = re.compile(r"[\w’'-]+")


def source_name(text: str) -> str | None:
    """The checkable name in a speaker phrase, or None when it names no one."""
    phrase = " ".join(text.split())
    if not phrase:
        return None
    words = [w.lower() for w in _WORD.findall(phrase)]
    if not words or (len(words) == 1 and words[0] in PRONOUNS):
        return None
    owner = _POSSESSIVE.match(phrase)
    if owner and _is_document(owner.group(2)):
        return owner.group(1)  # "Wolff's written decision" -> "Wolff"
    if _is_document(phrase):
        by = _BY.search(phrase)
        return by.group(1) if by else None
    return phrase


def _is_document(phrase: str) -> bool:
    """Whether the phrase's head (its noun before any "of", "by", "released", ...) is a document noun."""
    head_part = re.split(r"\s+(?:of|by|from|on|in|that|which|released|published|announced|filed|issued)\b",
                         phrase, maxsplit=1)[0]
    words = [w.lower() for w in _WORD.findall(head_part)]
    return bool(words) and words[-1] in DOCUMENT_NOUNS


def according_to(sentence: str, at: int) -> str | None:
    """X of "according to X" in a sentence, as a source name (the owner of a document: "PwC's report" -> PwC).

    `at` is the figure's offset in the sentence: a figure inside X itself ("according to three
    officials") describes the source and has none.
    """
    m = _ACCORDING.search(sentence)
    if m is None or m.start() <= at < m.end():
        return None
    phrase = re.sub(r"\s+(?:and|but|which|who|released|published)\b.*$", "", m.group(1).strip())
    return source_name(phrase)
