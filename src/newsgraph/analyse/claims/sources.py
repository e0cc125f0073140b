"""Who a figure is attributed to: a name a reader can check, or nothing.

The attributions layer finds who said what; a figure inside the content of an
attribution takes its speaker. Here that speaker is turned into a source name,
with three corrections that the attributions layer has no reason to make:

- a document is not a source, its author is: "Wolff's written decision" is
  Wolff's, "a report by the audit office" the audit office's, "a Gallup survey"
  Gallup's, and "the report" the one "Bloomberg reported" a few lines above;
- a bare pronoun ("he", "that") names nobody, so the figure gets no source name
  (its `attribution_id` still points at the attribution); a document with no
  owner in sight stays as written ("a national survey", "court filings"), as a
  reader can still look it up;
- "according to X" in the figure's own sentence attributes it to X even when
  no attribution covers the figure.
"""

from __future__ import annotations

import re

from newsgraph.analyse.text.acronyms import is_acronym

# Nouns for documents, data and proceedings: they carry a figure, someone else stands behind it.
DOCUMENT_NOUNS = frozenset("""
report reports lawsuit suit complaint filing filings statement statements application decision decisions
ruling order data figures figure number numbers estimate estimates study studies survey surveys poll
polls analysis analyses review audit investigation probe inquiry research paper findings document
documents letter memo release records record article post video footage budget plan proposal
resolution agreement deal act law bill policy projection projections forecast forecasts index
outlook statistics tally count
""".split())
# Nouns that name the same document when an article refers back to it: "the probe" after "a COPA
# investigation", "the new figures" after "new data released by the statistics office".
_FAMILIES = tuple(frozenset(f.split()) for f in (
    "report reports review analysis study studies research paper findings",
    "probe investigation inquiry audit",
    "data figures figure numbers number statistics estimate estimates count tally",
    "lawsuit suit complaint filing filings",
    "survey surveys poll polls",
    "forecast forecasts projection projections outlook",
))
PRONOUNS = frozenset("""
he she they it we i you that this which who these those one someone somebody
""".split())
_POSSESSIVE = re.compile(r"^(?:the\s+)?((?:(?:[A-Z][\w.&'’-]*|of|for|de)\s+){0,4}[A-Z][\w.&-]*)['’]s?\s+(.+)$")
# "a report by the audit office", "estimates from cryptocurrency tracing firm Chainalysis"
_BY = re.compile(r"\b(?:by|from)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,4}?"
                 r"((?:[A-Z][\w.&'’-]*)(?:\s+(?:(?:of|for|and)\s+)?[A-Z][\w.&'’-]*){0,5})")
_NAMED_DOCUMENT = re.compile(r"(?:an?|the)\s+((?:[A-Z][\w.&'’-]*)(?:\s+[A-Z][\w.&'’-]*){0,4})\s+(?:[a-z][\w-]*\s+){0,2}\w+$")
_ACCORDING = re.compile(r"\baccording\s+to\s+([^,.;:\"“”()—]+)")
_WORD = re.compile(r"[\w’'-]+")


def source_name(text: str, before: str = "") -> str | None:
    """The checkable name in a speaker phrase, or None when it names no one; an acronym the article
    spelled out ("COPA") is given its full name."""
    name = _source_name(text, before)
    if name and is_acronym(name):
        return _expanded(name.replace(".", ""), before) or name
    return name


def _source_name(text: str, before: str = "") -> str | None:
    """The checkable name in a speaker phrase, or None when it names no one.

    `before` is the article up to the phrase: "the report" there may name its owner
    ("Bloomberg reported ...", "a Reuters report").
    """
    phrase = " ".join(text.split())
    if not phrase:
        return None
    words = [w.lower() for w in _WORD.findall(phrase)]
    if not words or (len(words) == 1 and words[0] in PRONOUNS and not is_acronym(phrase)):
        return None  # "he", "that"; not "WHO", an acronym
    owner = _POSSESSIVE.match(phrase)
    if owner and is_document(owner.group(2)):
        return owner.group(1)  # "Wolff's written decision" -> "Wolff"
    if is_document(phrase):
        by = _BY.search(phrase) or _NAMED_DOCUMENT.match(phrase)
        if by:
            return _trim_name(by.group(1))  # "a report by the audit office", "a Gallup survey"
        if re.match(r"(?i)(?:the|this|that|their|its)\s", phrase):
            return _owner_before(phrase, before) or phrase  # "the report": whose, if the article said so
    return phrase


# Who stands behind a document named earlier: "Bloomberg reported", "a WBEZ analysis",
# "Florida State sued", "the company said in a statement".
_OWNER_VERBS = {"report": r"reported|reports", "reports": r"reported|reports", "lawsuit": r"sued|filed",
                "suit": r"sued|filed", "complaint": r"filed|complained", "statement": r"said in a statement"}
# a name of up to six capitalised words, with "of", "for" or "and" between them ("Office for National
# Statistics", "Department of Health and Environment"); _trim_name cuts it at a sentence's end
_NAME = r"((?:[A-Z][\w.&'’-]*)(?:\s+(?:(?:of|for|and)\s+)?[A-Z][\w.&'’-]*){0,5})"
# a full stop after a word of four letters or more ends a sentence ("... The Associated Press. Of the");
# after "U.S", "St", "Co" it is an abbreviation's
_SENTENCE_END = re.compile(r"(?<=[A-Za-z]{4})\.(?:\s|$)")


def _trim_name(name: str) -> str:
    m = _SENTENCE_END.search(name)
    return name[:m.start()] if m else name


def _owner_before(phrase: str, before: str) -> str | None:
    """The owner of a definite document noun ("the report"), named within the last 1,500 characters."""
    noun = _WORD.findall(re.split(r"\s+(?:of|by|from|on|in|that|which)\b", phrase, maxsplit=1)[0])[-1].lower()
    window = before[-1500:]
    nouns = "|".join(sorted(next((f for f in _FAMILIES if noun in f), {noun})))
    patterns = [rf"\b(?:[Aa]n?|[Tt]he)\s+{_NAME}\s+(?:[a-z][\w-]*\s+){{0,2}}(?:{nouns})\b",
                rf"{_NAME}['’]s?\s+(?:[a-z][\w-]*\s+){{0,2}}(?:{nouns})\b",
                # "new data released Friday by the Office for National Statistics"
                rf"\b(?:{nouns})\s+(?:[\w-]+\s+){{0,4}}?(?:by|from)\s+(?:[Tt]he\s+)?{_NAME}"]
    if noun in _OWNER_VERBS:
        patterns.append(rf"{_NAME}\s+(?:{_OWNER_VERBS[noun]})\b")
    best: tuple[int, str] | None = None
    for pattern in patterns:
        for m in re.finditer(pattern, window):
            name = _trim_name(m.group(1))
            if name.split()[0] in ("The", "A", "An", "In", "On", "But", "And") and len(name.split()) == 1:
                continue
            if best is None or m.start() > best[0]:
                best = (m.start(), name)
    return best[1] if best else None


def _expanded(acronym: str, before: str) -> str | None:
    """The full name an article gave an acronym: "The World Health Organization (WHO)" for "WHO"."""
    if len(acronym) < 3:
        return None  # "UN", "EU": two letters spell too many names
    # "The World Health Organization (WHO)", else any name whose capitals spell it ("the Civilian Office of
    # Police Accountability" for "COPA"), the latest one written
    found = None
    for m in _LONG_NAME.finditer(before):
        words = m.group(0).split()
        # the name's last words whose initials spell the acronym ("the UN's World Health Organization")
        for i in range(len(words)):
            if "".join(w[0] for w in words[i:] if w[0].isupper()) == acronym:
                found = " ".join(words[i:])
                break
    return found


_LONG_NAME = re.compile(r"[A-Z][\w.&'’-]*(?:\s+(?:(?:of|for|and|on|the)\s+){0,2}[A-Z][\w.&'’-]*){2,7}")


def is_document(phrase: str) -> bool:
    """Whether the phrase's head (its noun before any "of", "by", "released", ...) is a document noun."""
    head_part = re.split(r"\s+(?:of|by|from|on|in|that|which|released|published|announced|filed|issued)\b",
                         phrase, maxsplit=1)[0]
    words = [w.lower() for w in _WORD.findall(head_part)]
    return bool(words) and words[-1] in DOCUMENT_NOUNS


# ", a WBEZ analysis this month showed." at the end of the figure's sentence: evidence verbs the
# attributions layer does not read as speech
_SHOWED = re.compile(r",\s+((?:an?|the|its|their)\s+[^,.;:\"“”]{1,60})\s+"
                     r"(?:also\s+)?"
                     r"(?:showed|shows|found|finds|suggested|suggests|indicated|indicates|estimated|estimates)"
                     r"(?:[.!]?[\"”’]?\s*$|(?P<aside>,\s))")


def evidence_after(sentence: str, at: int, before: str = "") -> str | None:
    """X of "..., X showed." closing the sentence of a figure written before it, or of
    "..., X showed, ..." set in the middle of it (the figures on both sides are X's)."""
    m = _SHOWED.search(sentence)
    if m is None or m.start() <= at < m.end() or (at >= m.start() and not m.group("aside")):
        return None
    # "a WBEZ analysis this month" -> "a WBEZ analysis"
    phrase = re.sub(r"\s+(?:this|last|on|in|earlier|late)\s+\w+$", "", m.group(1).strip())
    return source_name(phrase, before)


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


# "claims made by Hamas that ...", "allegations by the union that ...": whose claim the clause is
_CLAIM_BY = re.compile(r"\b(?:claims?|allegations?|assertions?|accusations?|reports?|estimates?)\s+"
                       r"(?:(?:made|issued|released|published|put\s+out)\s+)?by\s+(?:the\s+)?"
                       + _NAME + r",?\s+that\b")


def claimed_by(sentence: str, at: int) -> str | None:
    """X of "claims by X that ..." when the figure is in the claim."""
    m = _CLAIM_BY.search(sentence)
    if m is None or at < m.end():
        return None
    return source_name(m.group(1))


# A sentence closed by "according to <a document>": "... slowed, according to PwC's deals outlook."
_ACCORDING_END = re.compile(r"\baccording\s+to\s+([^,.;:\"“”()—]+)[.!]?[\"”’]?\s*$")
# Words that show a sentence speaks for itself or for someone new: a quote, a new attribution.
# ("announced" and "reported" are adjectives too: "announced deal value"; a sentence with an attribution
# of its own never gets here.)
_OWN_VOICE = re.compile(r"[\"“”]|\baccording\s+to\b|\b(?:said|says|told)\b")


def according_before(previous: str, sentence: str) -> str | None:
    """The document X of a previous sentence closed by "according to X", for a figure in the sentence right
    after it that names no other source: "... according to the agency's annual report. There were 2,028
    deals, a 22% decrease." Only a document (a report, data, an outlook) carries on into the next sentence;
    a person's words end with the sentence that cites them."""
    m = _ACCORDING_END.search(previous.strip())
    if m is None or _OWN_VOICE.search(sentence):
        return None
    phrase = m.group(1).strip()
    if not is_document(phrase):
        return None
    name = source_name(phrase)
    return name if name and name != phrase else None
