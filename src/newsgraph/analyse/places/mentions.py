"""Place mentions in an article: where each comes from, before any resolution.

In this order of trust (the `origin` of each mention, which trust.py turns into a confidence):
- entities of types GPE, LOC, FAC and NORP from the entities layer, and spaCy's own
  place spans that no entity covers ("ner"; NORP and demonyms are "demonym");
- datelines, "Austin-based", "(D-Mass.)" (patterns.py: "pattern");
- named streets and buildings ("Morse Street", "Al Shifa Hospital": "feature"), put at
  the story's nearest town by the stage;
- place names NER put inside or mistook for other names: a whole ORG name that is a
  region ("West Bank": "region-name"); the leading words or "of <place>" of an ORG/FAC
  name ("Charleston Police Department", "University of Georgia": "in-name"); a
  PERSON or one-word ORG span that is a known place right after "in"/"near" or before
  ", Texas" ("rescued");
- capitalised names after a locative word that the gazetteer knows and NER missed
  ("rescued" after "in", "near" ...; "weak" after "of", "from", "to" or for a given name);
- the other occurrences of a name the article already uses as a place (as sure as the
  name they echo).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.analyse.entities import ENTITIES
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.places import trust
from newsgraph.analyse.places.gazetteer import (
    ADM1,
    CITY,
    CONTINENT,
    COUNTRY,
    COUNTY,
    REGION,
    SEA,
    UNION,
    Candidate,
    Gazetteer,
    normalise,
)
from newsgraph.analyse.places.patterns import named_feature, pattern_places
from newsgraph.analyse.text.data import load_json
from newsgraph.pipeline.stage import AnalysisContext

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "NORP"})

_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w']*\.?)(?:\s?(?:[A-Z][\w']*\.?)){0,2})")
_STATE_SUFFIX = re.compile(r"\s+state$", re.I)


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    label: str
    entity_id: str | None
    key: str = ""  # the name as resolved: normalised, plus its qualifier if it has one
    qualifier: Candidate | None = None
    candidates: tuple[Candidate, ...] = ()
    origin: str = "ner"  # how it was found: ner | demonym | region-name | in-name | rescued (see trust.py)


def collect_mentions(ctx: AnalysisContext, gaz: Gazetteer | None = None) -> list[_Mention]:
    """Place mentions: entities of place types, spaCy's place spans no entity covers,
    and (given a gazetteer) place names inside other names or missed by NER."""
    out: list[_Mention] = []
    entities = ctx.get(ENTITIES, ())
    others: list[tuple[int, int, str, str | None]] = []  # non-place spans: (start, end, label, entity id)
    for ent in entities:
        for m in ent.mentions:
            if ent.type in PLACE_TYPES:
                origin = "feature" if ent.type == "FAC" and named_feature(m.text) else _origin(ent.type)
                out.append(_Mention(m.start, m.end, m.text, ent.type, ent.id, origin=origin))
            else:
                others.append((m.start, m.end, ent.type, ent.id))
    taken = sorted((m.start, m.end) for ent in entities for m in ent.mentions)
    doc = ctx.get(SPACY_DOC, None)
    if doc is not None:
        for span in doc.ents:
            s, e = span.start_char, span.end_char
            if any(a < e and s < b for a, b in taken):
                continue  # the entities stage has its say on that stretch
            if span.label_ in PLACE_TYPES:
                origin = "feature" if span.label_ == "FAC" and named_feature(span.text) else _origin(span.label_)
                out.append(_Mention(s, e, span.text, span.label_, None, origin=origin))
            else:
                others.append((s, e, span.label_, None))
    if gaz is not None:
        out += _inside_names(ctx.text, others, gaz)
        out += [_feature(ctx.text, s, e, eid) for s, e, label, eid in others
                if label in ("ORG", "FAC") and named_feature(ctx.text[s:e])]
        marked = set(pattern_places(ctx.text, gaz))
        for found in out:
            if (found.start, found.end) in marked:  # NER saw it too: the pattern says how sure it is a location
                found.origin = "pattern"
        out += [_Mention(s, e, ctx.text[s:e], "GPE", None, origin="pattern") for s, e in marked]
        if doc is not None:
            covered = [(m.start, m.end) for m in out] + [(o[0], o[1]) for o in others if o[2] != "PERSON"]
            out += _after_preposition(doc, covered, gaz)
    out = [piece for m in out for piece in _split_listed(m)]
    if gaz is not None:
        people = [(o[0], o[1]) for o in others if o[2] == "PERSON"]
        out += _echoes(ctx.text, out, people, gaz)
    out.sort(key=lambda m: (m.start, m.end))
    return _dedupe(out)


def _feature(text: str, start: int, end: int, entity_id: str | None) -> _Mention:
    """A named street or building, with the Arabic article NER tends to cut off ("Al-" of "Al-Ahli ...")."""
    prefix = re.search(r"\b(?:[Aa]l|[Ee]l)[-\u2011 ]$", text[max(0, start - 4):start])
    if prefix:
        start -= len(prefix.group(0))
    return _Mention(start, end, text[start:end], "FAC", entity_id, origin="feature")


def _origin(label: str) -> str:
    return "demonym" if label == "NORP" else "ner"


def _echoes(text: str, found: list[_Mention], people: list[tuple[int, int]], gaz: Gazetteer) -> list[_Mention]:
    """Other occurrences of a place name the article already uses as a place.

    NER labels the same word differently from sentence to sentence ("Tbilisi
    says" as a person, "Gainesville residents" as an organisation); one sense
    per discourse says it is the same place. Not inside a longer person's name
    ("George Washington").
    """
    # only names read as places in their own right: not a demonym, not the place inside a company's name
    origins: dict[str, str] = {}
    for m in found:
        if m.origin != "demonym" and len(m.text) >= 4 and m.text[0].isupper() and gaz.lookup(m.text):
            # the echo is as sure as the best reading of the name: "Paramount" echoing "Paramount Global"
            # stays unsure; a county or state on its own ("Cook County judges") is the place itself
            origin = m.origin
            if origin == "in-name" and any(c.kind in _NAMEABLE and not c.alias for c in gaz.lookup(m.text)):
                origin = "rescued"
            if trust.ORIGIN_CONFIDENCE.get(origin, 0) > trust.ORIGIN_CONFIDENCE.get(origins.get(m.text, ""), -1):
                origins[m.text] = origin
    names = set(origins)
    if not names:
        return []
    spans = [(m.start, m.end) for m in found]
    out: list[_Mention] = []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    for hit in pattern.finditer(text):
        s, e = hit.span()
        if any(a < e and s < b for a, b in spans) or any(a <= s and e <= b and b - a > e - s for a, b in people):
            continue
        out.append(_Mention(s, e, hit.group(0), "GPE", None, origin=origins[hit.group(0)]))
        spans.append((s, e))
    return out


# Words before a place name that make a capitalised word a place, whatever NER said.
_LOC_PREPS = frozenset({"in", "near", "from", "outside", "to", "across", "around", "toward", "towards", "into",
                        "through", "throughout", "inside", "at", "of"})
# Stricter for a name NER took for a person: "a letter from Thomas", "said to Keith".
_PERSON_LOC_PREPS = frozenset({"in", "near", "outside", "inside", "across", "throughout"})


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    """Given names (the entities stage's data file): never a place when NER says person."""
    data = load_json("first_names.json")
    names = [n for k, v in data.items() if not k.startswith("_") and isinstance(v, list) for n in v]
    return frozenset(n.lower() for n in names if isinstance(n, str))


_WORD = re.compile(r"[A-Z][\w'’.-]*")
_NAMEABLE = (COUNTRY, ADM1, COUNTY, UNION, REGION, CONTINENT)


# Capitalised words that are towns somewhere but, when NER did not call them places,
# are almost always something else ("faith in God", "Union Station", "in March").
_NOT_RESCUED = frozenset("""
god union congress parliament senate house court christmas easter heaven hell liberty independence
justice victory unity progress faith grace mercy bible church district
national federal university college school trinity temple sunday monday
tuesday wednesday thursday friday saturday january february march april may june july august september
october november december
""".split())


def _known(text: str, gaz: Gazetteer, min_pop: int) -> bool:
    """A name the gazetteer knows well enough to overrule NER: a main name, not a bare county."""
    if text.lower() in _NOT_RESCUED:
        return False
    return any(not c.alias and (c.kind in _NAMEABLE or (c.kind == CITY and c.population >= min_pop))
               for c in gaz.lookup(text))


def _inside_names(text: str, spans: list[tuple[int, int, str, str | None]], gaz: Gazetteer) -> list[_Mention]:
    """ "Charleston Police Department", "University of Georgia": the place in an ORG/FAC name.

    Also a whole PERSON span that is a known place right after a locative word
    ("moved to Calais") or before a state ("Delano, Minn.").
    """
    out: list[_Mention] = []
    doubtful = _doubtful_names(text, spans)
    for start, end, label, _eid in spans:
        if label == "PERSON" or (label == "ORG" and " " not in text[start:end].strip()):
            # "moved to Calais" (a person to NER), "Police in Norwood" (an organisation to NER)
            if text[start:end] not in doubtful and _rescued_name(text, start, end, gaz):
                out.append(_Mention(start, end, text[start:end], "GPE", None, origin="rescued"))
                continue
            if label == "PERSON":
                continue
        if label not in ("ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"):
            continue
        words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]
        if not words:
            continue
        whole = text[start:end]
        # the whole name is a region or state NER took for an organisation ("West Bank", "EU")
        if any(c.kind in (UNION, COUNTRY, CONTINENT, REGION, SEA, ADM1) and not c.alias for c in gaz.lookup(whole)):
            out.append(_Mention(start, end, whole, "GPE", None, origin="region-name"))
            continue
        # leading words: the longest prefix of up to three that names a place
        for n in (3, 2, 1):
            if n >= len(words):
                continue
            s, e = words[0][0], words[n - 1][1]
            name = text[s:e]
            if text[s:words[n - 1][1]].count(" ") == n - 1 and _known(name, gaz, 5000):
                out.append(_Mention(s, e, name, "GPE", None, origin="in-name"))
                break
        # "... of Georgia"
        m = re.search(r"\bof\s+((?:[A-Z][\w.'-]*\s?){1,3})$", whole)
        if m:
            name = m.group(1).strip()
            if _known(name, gaz, 5000):
                s = start + m.start(1)
                out.append(_Mention(s, s + len(name), name, "GPE", None, origin="in-name"))
    return out


def _doubtful_names(text: str, spans: list[tuple[int, int, str, str | None]]) -> set[str]:
    """Names a locative word cannot rescue: the surname of a person the article names ("Mario
    Palacios" ... "with Palacios"), or a one-word organisation the article also uses as an actor
    ("stake in Paramount" beside "Paramount said")."""
    out = set()
    for start, end, label, _eid in spans:
        words = text[start:end].split()
        if label == "PERSON" and len(words) >= 2:
            out.add(words[-1])
        elif label == "ORG" and len(words) == 1 and not _rescued_context(text, start, end):
            out.add(words[0])
    return out


def _rescued_context(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30):start].split()
    if not before:
        return False
    prep = before[-1].lower()
    directed = prep == "of" and len(before) >= 2 and (before[-2].lower() in _DIRECTIONS
                                                       or before[-2].lower() in _PLACE_NOUNS)
    return prep in _PERSON_LOC_PREPS or directed or re.match(r"\s+[A-Z]", text[end:end + 2]) is not None


def _rescued_name(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """A known place name, not a given name, after a locative word or before a state ("Delano, Minn.")."""
    before = text[max(0, start - 30):start].split()
    name = text[start:end]
    if name.lower() in _first_names() or not _known(name, gaz, 1000):
        return False
    after = _QUALIFIER.match(text, end)
    if after and _qualifier_candidate(after.group(1), gaz):
        return True
    if not before:
        return False
    prep = before[-1].lower()
    # "in the direction of Ayer", "east of Khan Yunis"
    directed = prep == "of" and len(before) >= 2 and (before[-2].lower() in _DIRECTIONS
                                                       or before[-2].lower() in _PLACE_NOUNS)
    return prep in _PERSON_LOC_PREPS or directed


def _after_preposition(doc: Any, covered: list[tuple[int, int]], gaz: Gazetteer) -> list[_Mention]:
    """Capitalised names right after "in", "near", "from" that NER missed and the gazetteer knows."""
    out: list[_Mention] = []
    n = len(doc)
    for i, tok in enumerate(doc):
        if tok.lower_ not in _LOC_PREPS or i + 1 >= n or not doc[i + 1].is_title:
            continue
        for k in (3, 2, 1):
            j = i + 1 + k
            if j > n or not all(t.is_title or t.text in (".",) for t in doc[i + 1:j]):
                continue
            span = doc[i + 1:j]
            s, e = span.start_char, span.end_char
            if any(a < e and s < b for a, b in covered):
                break
            if _known(span.text, gaz, 1000):
                out.append(_Mention(s, e, span.text, "GPE", None, origin=_rescue_origin(doc, tok, span, j)))
                break
    return out


_PLACE_NOUNS = frozenset({"direction", "outskirts", "city", "town", "village", "suburbs", "suburb", "streets",
                          "residents", "county", "state", "capital", "province", "region", "area", "centre", "center"})


def _rescue_origin(doc: Any, prep: Any, span: Any, j: int) -> str:
    """ "rescued" for "in Fargo"; "weak" for a given name ("from Alan"), the start of a longer
    name ("from Alan Turing", "at Jackson County Sheriff's Office") or a looser preposition ("of Kim")."""
    if j < len(doc) and doc[j].is_title and not doc[j].is_sent_start:
        return "weak"
    if span.text.lower() in _first_names():
        return "weak"
    # "east of Khan Yunis", "in the direction of Ayer", "residents of Fargo": the word before makes "of" locative
    directed = prep.lower_ == "of" and prep.i > 0 and (doc[prep.i - 1].lower_ in _DIRECTIONS
                                                       or doc[prep.i - 1].lower_ in _PLACE_NOUNS)
    return "rescued" if prep.lower_ in _PERSON_LOC_PREPS or directed else "weak"


def _split_listed(m: _Mention) -> list[_Mention]:
    """ "Springfield, Ill." tagged as one span -> "Springfield" and "Ill."."""
    if ", " not in m.text:
        return [_strip_the(m)]
    pieces, pos = [], 0
    for part in m.text.split(", "):
        start = m.start + m.text.index(part, pos)
        pos = start - m.start + len(part)
        if part.strip():
            pieces.append(_strip_the(_Mention(start, start + len(part), part, m.label, m.entity_id, origin=m.origin)))
    return pieces


def _strip_the(m: _Mention) -> _Mention:
    for article in ("the ", "The "):
        if m.text.startswith(article) and len(m.text) > len(article):
            n = len(article)
            return _Mention(m.start + n, m.end, m.text[n:], m.label, m.entity_id, origin=m.origin)
    # "Gaza's" -> "Gaza"
    for poss in ("'s", "\u2019s"):
        if m.text.endswith(poss):
            return _Mention(m.start, m.end - 2, m.text[:-2], m.label, m.entity_id, origin=m.origin)
    return m


def _dedupe(mentions: list[_Mention]) -> list[_Mention]:
    out: list[_Mention] = []
    for m in mentions:
        if out and out[-1].start < m.end and m.start < out[-1].end:
            if (m.end - m.start) > (out[-1].end - out[-1].start):
                out[-1] = m
            continue
        out.append(m)
    return out


def attach_candidates(text: str, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """Look names up; find qualifiers after them and add the qualifier as a mention too."""
    extra: list[_Mention] = []
    # a word NER calls a nationality somewhere ("Arab") is one everywhere, not a town in Alabama
    peoples = {m.text for m in mentions if m.label == "NORP"}
    for m in mentions:
        if m.text in peoples and m.label != "NORP":
            m.label, m.origin = "NORP", "demonym"
        m.key = normalise(m.text)
        # a place's name is capitalised: "the east bank of the river" is no town East Bank
        m.candidates = _candidates(m.text, m.label, gaz) if any(ch.isupper() for ch in m.text) else ()
        if m.origin == "ner" and m.candidates and not gaz.lookup(m.text) and gaz.demonym(m.text):
            m.origin = "demonym"  # "Saudi", "Americans" tagged as a place
        q = _QUALIFIER.match(text, m.end)
        if q is None or not m.candidates:
            continue
        qual = _qualifier_candidate(q.group(1), gaz)
        if qual is None:
            continue
        m.qualifier = qual
        # "Springfield, Mo." and "Springfield, Ill." in one story are two places
        m.key = f"{m.key}|{qual.country}|{qual.admin1 or ''}"
        qs, qe = q.start(1), q.end(1)
        qtext = q.group(1)
        # keep the abbreviation's dot ("Ill.") but not a sentence's full stop after a full name
        if qtext.endswith(".") and gaz.has_key(normalise(qtext[:-1])) and qual.name.lower() == qtext[:-1].lower():
            qe -= 1
            qtext = qtext[:-1]
        if not any(o.start < qe and qs < o.end for o in mentions):
            extra.append(_Mention(qs, qe, qtext, "GPE", None, normalise(qtext), None,
                                  _candidates(qtext, "GPE", gaz)))
    if extra:
        mentions = sorted(mentions + extra, key=lambda m: (m.start, m.end))
    return mentions


def _candidates(text: str, label: str, gaz: Gazetteer) -> tuple[Candidate, ...]:
    if label == "NORP":
        return gaz.demonym(text) or tuple(c for c in gaz.lookup(text) if c.kind != CITY)
    found = gaz.lookup(text)
    if not found and _STATE_SUFFIX.search(text):  # "Washington state"
        found = tuple(c for c in gaz.lookup(_STATE_SUFFIX.sub("", text)) if c.kind == ADM1)
    if not found and label in ("LOC", "FAC", "GPE"):
        # "southern Gaza", "northern Israel": a direction word before a known place
        words = text.split(" ", 1)
        if len(words) == 2 and words[0].lower() in _DIRECTIONS:
            found = gaz.lookup(words[1])
    if not found:
        found = gaz.demonym(text)  # "Saudi" tagged GPE
    return found


_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                         "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
                         "northwestern", "southeastern", "southwestern", "downtown", "upstate", "rural"})


def _qualifier_candidate(text: str, gaz: Gazetteer) -> Candidate | None:
    """A US state or a country written after a place name."""
    for probe in (text, text.rstrip(".")):
        for c in gaz.lookup(probe):
            # a state or country, or a region of one ("Truro, Cornwall")
            if (c.kind in (ADM1, COUNTRY) or (c.kind == REGION and c.country)) and not c.alias:
                return c
    return None
