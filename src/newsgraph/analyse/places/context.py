"""What the words around a place name say it is, when they say it is not a location.

trust.py rates a mention from where it came from and from the article's names;
these checks read the sentence itself (the spaCy parse) and the page's layout:

- a town or state name with "the" before it as the head of its phrase is a team,
  a school or a company: "a settlement with the Oklahoma and Texas" (a US state
  never takes "the"; towns that do, "the Hague", are listed in the data file);
- a town or state in an "and"/"or" list with a school or a team (an acronym such as
  "SMU", or a name with "University", "College", "State" ...) is one of its kind:
  "the conference adds Stanford, California and SMU" (not inside "in ...": "offices
  in Austin and at UCLA"; not for countries, whose coordination with an
  organisation is the metonym check's business);
- a place naming a jurisdiction's office: "the Norfolk district attorney", "the
  Cook County sheriff's office";
- a capitalised direction the gazetteer has no entry for ("South Florida",
  "Northern California"): the name was resolved to the whole state or country,
  whose point is not the part's;
- a photo caption: the short paragraph next to a credit line ("Submitted photo",
  "Jane Roe/Getty Images") describes a picture, not the story;
- a hospital, church or school named as an institution ("under the care of X
  Hospital", "a surgeon at X Hospital") rather than as a site ("inside X Hospital",
  "bombed X Hospital").

The words are data (newsgraph/data/place_context.json); each check returns True
when the mention should stay below the default views' 0.5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.analyse.places.gazetteer import (
    ADM1,
    CITY,
    CONTINENT,
    COUNTRY,
    COUNTY,
    REGION,
    UNION,
    Candidate,
)
from newsgraph.analyse.text.acronyms import is_acronym
from newsgraph.analyse.text.data import load_json

# Words before a list that make its members locations ("in Austin and Acme's plant").
_LOCATIVE_PREPS = frozenset({"in", "near", "outside", "inside", "across", "throughout", "around", "at", "to",
                             "from", "into", "through", "between"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                         "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
                         "northwestern", "southeastern", "southwestern", "upstate", "downstate"})
_WHOLES = frozenset({ADM1, COUNTRY, CONTINENT, REGION, UNION})
CAPTION_MAX = 300  # characters: a caption is a line or two, a paragraph of the story is longer
CREDIT_MAX = 120  # characters: a credit line is a name and an agency, not a sentence that mentions one


@dataclass(frozen=True)
class _Words:
    """place_context.json, as the checks use it."""

    definite_names: frozenset[str]
    office_nouns: frozenset[str]
    photo_credits: tuple[re.Pattern[str], ...]
    site_heads: frozenset[str]
    site_preps: frozenset[str]
    site_verb_preps: frozenset[str]
    site_verbs: frozenset[str]


@lru_cache(maxsize=1)
def _data() -> _Words:
    data = load_json("place_context.json")
    sites = data["institution_sites"]
    return _Words(frozenset(data["definite_names"]["names"]), frozenset(data["office_nouns"]["nouns"]),
                  tuple(re.compile(p, re.I) for p in data["photo_credits"]["patterns"]),
                  frozenset(sites["heads"]), frozenset(sites["preps"]), frozenset(sites["verb_preps"]),
                  frozenset(sites["verbs"]))


def _root(doc: Any, start: int, end: int) -> Any:
    span = doc.char_span(start, end, alignment_mode="expand") if doc is not None else None
    return span.root if span is not None and len(span) else None


def _first_conjunct(tok: Any) -> Any:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def definite_team(doc: Any, text: str, start: int, end: int, cand: Candidate) -> bool:
    """ "with the Oklahoma and Texas": a town or state as the head of a phrase led by "the"."""
    name = text[start:end]
    root = _root(doc, start, end)
    # a state, or a one-word town: "the Golden Gate", "the Delta" are features that take "the"
    if root is None or not (cand.kind == ADM1 or (cand.kind == CITY and " " not in name)) \
            or name.lower() in _data().definite_names:
        return False
    first = _first_conjunct(root)
    if first.dep_ in _MODIFIER_DEPS or root.dep_ in _MODIFIER_DEPS:
        return False  # "the Texas border", "the Chicago area": the place modifies the noun
    after = doc[root.i + 1] if root.i + 1 < len(doc) else None
    if after is not None and (after.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or after.text == ","):
        return False  # "the Fairfield home", "the Kansas City, Kan., police": a modifier the parse missed
    i = first.idx if first is not root else start
    return re.search(r"(?:^|\W)[Tt]he\s+$", text[max(0, i - 5):i]) is not None


def coordinated_with_organisation(doc: Any, start: int, end: int, cand: Candidate,
                                  is_place: Any) -> bool:
    """ "include Stanford, California and SMU": a town or state listed with an organisation.

    `is_place(token)` says whether a listed token is itself a known place ("Canada and the EU").
    """
    root = _root(doc, start, end)
    if root is None or cand.kind not in (ADM1, CITY, COUNTY):
        return False
    first = _first_conjunct(root)
    if first.dep_ == "pobj" and first.head.lower_ in _LOCATIVE_PREPS:
        return False
    listed = [first, *first.conjuncts]
    if not any(child.dep_ == "cc" for tok in listed for child in tok.children):
        return False  # no "and"/"or": "SEVIERVILLE, Tenn. (AP)" is a dateline, not a list
    return any(_school_or_team(tok) and not is_place(tok) for tok in root.conjuncts)


# Words of a school's or a team's name: the organisations that are named after towns and states.
_SCHOOL_WORDS = frozenset({"university", "college", "state", "academy", "institute", "tech", "school"})


def _school_or_team(tok: Any) -> bool:
    """An organisation of the kind named after places: an acronym ("SMU", "UCLA") or a school's name.

    NER's ORG on a lone title-case word is unreliable ("Both Sun Valley and Toco"), so only these count.
    """
    if tok.ent_type_ != "ORG":
        return False
    words = [t for t in tok.doc[tok.i:tok.i + 4] if t.ent_type_ == "ORG"] if tok.ent_iob_ == "B" else [tok]
    return is_acronym(tok.text) or any(t.lower_ in _SCHOOL_WORDS for t in words)


def office_of_jurisdiction(doc: Any, start: int, end: int) -> bool:
    """ "the Norfolk district attorney's office": the place names whose office it is."""
    root = _root(doc, start, end)
    if root is None:
        return False
    offices = _data().office_nouns
    tok, steps = root, 0
    while tok.dep_ == "compound" and tok.head is not tok and steps < 4:
        tok, steps = tok.head, steps + 1
        if tok.lower_ in offices:
            return True
    return False


def direction_part(name: str, cand: Candidate) -> bool:
    """ "South Florida" resolved to Florida: a part the gazetteer lacks, placed at the whole's centre."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper() or words[0].lower() not in _DIRECTIONS:
        return False
    return cand.kind in _WHOLES and not cand.name.lower().startswith(words[0].lower())


def caption_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of photo credit lines and the short paragraphs next to them (their captions)."""
    credits = _data().photo_credits
    paras = [m.span() for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    out: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(paras):
        line = text[s:e].strip()
        if len(line) > CREDIT_MAX or not any(p.search(line) for p in credits):
            continue
        out.append((s, e))
        for j in (i - 1, i + 1):
            if 0 <= j < len(paras) and paras[j][1] - paras[j][0] <= CAPTION_MAX:
                out.append(paras[j])
    return out


def institution_not_site(doc: Any, name: str, start: int, end: int) -> bool:
    """ "under the care of Tufts Animal Hospital": a hospital, church or school named as an institution.

    It is a location when a locative word governs it ("inside Al Shifa Hospital"; "at", "to"
    only from a verb: "treated at", not "a surgeon at") or a verb of physical action has it
    as its object ("bombed the hospital").
    """
    data = _data()
    words = name.split()
    if not words or words[-1].lower() not in data.site_heads:
        return False
    root = _root(doc, start, end)
    if root is None:
        return True
    head = root.head
    if root.dep_ == "pobj":
        if head.lower_ in data.site_preps:
            return False
        if head.lower_ in data.site_verb_preps and head.head.pos_ in ("VERB", "AUX"):
            return False
    if root.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in data.site_verbs:
        return False
    return True
