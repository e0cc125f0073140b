"""How sure the places layer is that a mention is a location: `provenance.confidence`.

Every place mention is kept (LGL-style toponym sets count demonyms and the
place inside "Charleston Police Department"), but only a mention that names a
location *in its context* gets a confidence of 0.5 or more, which is what
default views and the real-news scorer count. What lowers it, and why:

- where the mention came from (`origin`): an NER place span is trusted; the
  place inside an organisation's or a work's name ("University of Wisconsin",
  "Bank of America") names the organisation, not a location; a demonym
  ("Albanian") is an adjective; an unresolved name has no location at all;
- a person in disguise: a lone given name ("Nikki", "Elon"), a surname of a
  person the article names ("Smith" after "Ben Smith"), or an "entity" whose
  mentions read as a person's name ("Chris Richmond" ... "Richmond");
- an institution named after the place: "Harvard", "Princeton" or "Florida"
  when the article also writes "Harvard University", "University of X" or
  "X State" (the team), unless this mention is plainly locative ("in Princeton");
- a metonym: a country or capital standing for its government ("Washington
  warned", "vetoed by the U.S.") is an actor, not a location: method
  "metonym", confidence 0.4;
- what the sentence and the page layout say (context.py): a team ("the
  Oklahoma and Texas", "Stanford, California and SMU"), a jurisdiction's office
  ("the Norfolk district attorney"), a part of a state the gazetteer lacks
  ("South Florida": not the state's point), a photo caption.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph.analyse.places import context
from newsgraph.analyse.places.gazetteer import (
    CITY,
    COUNTRY,
    COUNTY,
    REGION,
    UNION,
    Candidate,
    Gazetteer,
)
from newsgraph.analyse.text.cues import reporting_verbs
from newsgraph.analyse.text.data import load_json

# origin of a mention -> confidence before the checks below
ORIGIN_CONFIDENCE = {
    "ner": 0.85,  # NER called it a place
    "region-name": 0.75,  # a whole "organisation" name that is a region ("West Bank")
    "pattern": 0.8,  # a dateline, "Austin-based", "(D-Mass.)": a location by construction (patterns.py)
    "rescued": 0.6,  # a known place name right after "in", "near" ... that NER missed
    "weak": 0.4,  # after "of", "from", "to" ..., a given name, or the start of a longer name
    "in-name": 0.35,  # a place inside an organisation's or a work's name
    "demonym": 0.3,  # "Israeli", "Palestinians": an adjective or a people, not a location
}
UNRESOLVED = 0.3
FEATURE = 0.6  # a named street or building put at its story's nearest town
SMALL_TOWN = 20000
PERSON_LIKE = 0.3
INSTITUTION = 0.35
METONYM = 0.4
IN_CONTEXT = 0.35  # a team, an office, a caption (context.py)
# the right area at a point that is a guess: "South Florida" at Florida's centre, a county between
# far-apart towns (stage.py)
PART = 0.45

# Verbs whose subject (or passive agent) is an actor: a country or capital there is its government.
# Verbs of a government's decisions, statements and wishes: a country as their subject (or passive
# agent) is its government ("Washington warned", "vetoed by the U.S.", "the U.S. wants"). Not every
# verb: "America lost the war", "the U.S. averted a recession" speak of the country itself.
_ACTOR_VERBS = frozenset("""
veto vote abstain sanction impose accuse condemn demand urge reject refuse approve oppose back support
threaten warn retaliate expel summon recognise recognize negotiate propose push press block pledge
promise offer agree decline insist criticise criticize respond announce declare deny welcome order
want seek intend plan ask call work
""".split())
# Short names that are ordinary nouns too: "the States" is the US, "two democratic States" is not.
_NOUN_NAMES = frozenset({"states", "emirates", "kingdom", "republic", "union"})
# Nouns a country name modifies as its government: "U.S. officials", "the Russian ... U.S. rejection".
_GOVERNMENT_NOUNS = frozenset("""
official officials administration administrations government governments ambassador envoy envoys
diplomat diplomats delegation delegate forces troops military army navy authorities authority lawmakers
leader leaders president minister ministers regime rejection veto vote support policy policies sanctions
embassy intelligence negotiator negotiators spokesman spokeswoman spokesperson
""".split())
# Words that make a following name plainly a location.
_LOCATIVE = frozenset({"in", "near", "outside", "inside", "across", "throughout", "around"})
# "Princeton University", "Florida State" (not "Cook County State's Attorney"), "University of
# Wisconsin", "UW-Madison"
# One pass over the text for each form; the names before or after are matched against the mentions.
_WORDS = r"((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,3})"
_INSTITUTION_BEFORE = re.compile(_WORDS + r"\s+(?:University|College|State\b(?![’']s)(?!\s+(?:of|Department))"
                                 r"|Law School|Medical School)")
_INSTITUTION_AFTER = re.compile(r"(?:(?:University|College)\s+of\s+|\b[A-Z]{2,4}[-\u2011])" + _WORDS)


_HYPHEN_NAME = re.compile(r"[-\u2011\u2013][A-Z]")
_HYPHEN_NAME_BEFORE = re.compile(r"[A-Z][\w.]*[-\u2011\u2013]$")


_NOT_NAMES = ("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
              "July|August|September|October|November|December|On|In|At|As|And|But|The|For|From|To|On|After|"
              "Before|While|When|I|He|She|They|We|It")
_NAME_AFTER = re.compile(rf" (?!(?:{_NOT_NAMES})\b)[A-Z][a-z]+\b")
# "<Name> of <place>" where the name is not a kind of place ("City of London", "Gulf of Mexico" stay)
_NAME_OF_BEFORE = re.compile(
    r"\b(?!(?:City|State|Province|Republic|Commonwealth|Kingdom|County|Town|Village|Port|Isle|Island|Islands|"
    r"Bay|Gulf|Sea|Coast|Region|Territory|Emirate|Principality|Duchy|Borough|Parish|Municipality|Area|Capital)\b)"
    r"[A-Z][a-z]+ of (?:the )?$")


# "Eastern District of New York": the head of a longer name
_OF_NAME_AFTER = re.compile(r" of (?:the )?[A-Z]")
# the end of a credit line: "... in New York contributed.", "... reported from New York."
_CREDIT_BEFORE = re.compile(r"\b(?:reported|contributed) from $")
_CREDIT = re.compile(r"[^.\n]{0,60}\b(?:contributed(?: to this (?:report|story))?|reported from [^.\n]{0,40})\.?\s*(?:\n|$)")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names (the entities stage's data file): a lone one is a person, not a town."""
    data = load_json("first_names.json")
    names = [n for k, v in data.items() if not k.startswith("_") and isinstance(v, list) for n in v]
    return frozenset(n.lower() for n in names if isinstance(n, str))


def person_words(entities: Iterable[Any]) -> tuple[frozenset[str], frozenset[str]]:
    """(surnames of the article's people, ids of "place" entities that read as a person's name).

    "Chris Richmond" tagged as a place, then "Richmond" alone for the same entity:
    a two-word name led by a given name is a person's, and so are its other mentions.
    """
    surnames: set[str] = set()
    persons: set[str] = set()
    given = first_names()
    for ent in entities:
        texts = [ent.name, *(m.text for m in ent.mentions)]
        if ent.type == "PERSON":
            for t in texts:
                words = t.split()
                if len(words) >= 2:  # "Germán Alejandro Rivera Garcia": every name after the given one
                    surnames.update(w.lower() for w in words[1:] if w[:1].isupper())
            continue
        if any(len(w) >= 2 and w[0].lower() in given and w[-1][:1].isupper()
               for w in (t.split() for t in texts)):
            persons.add(ent.id)
    return frozenset(surnames), frozenset(persons)


def _name_tails(doc: Any, mentions: list[Any]) -> set[str]:
    """Surnames NER cut off a person's name ("Germán Alejandro | Rivera"): a one-word place right after a given name."""
    out: set[str] = set()
    if doc is None:
        return out
    for m in mentions:
        if m.start == 0 or m.text.count(" ") > 0:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.start == 0:
            continue
        prev = doc[span.start - 1]
        if prev.idx + len(prev.text) == m.start - 1 and prev.text[:1].isupper() \
                and (prev.ent_type_ == "PERSON" or prev.lower_ in first_names()):
            out.add(m.text.lower())
    return out


def institution_names(text: str, names: Iterable[str]) -> frozenset[str]:
    """The names the article also uses as an institution's: "Princeton University", "Florida State"."""
    found: set[str] = set()
    for m in _INSTITUTION_BEFORE.finditer(text):  # "Florida State": any last words of the name before
        words = m.group(1).split()
        found.update(" ".join(words[i:]) for i in range(len(words)))
    for m in _INSTITUTION_AFTER.finditer(text):  # "University of Wisconsin", "UW-Madison": any first words
        words = m.group(1).split()
        found.update(" ".join(words[:i]) for i in range(1, len(words) + 1))
    return frozenset(n for n in names if n in found)


def locative_before(text: str, start: int) -> bool:
    words = text[max(0, start - 14):start].split()
    return bool(words) and words[-1].lower() in _LOCATIVE


def is_metonym(doc: Any, start: int, end: int, cand: Candidate, gaz: Gazetteer) -> bool:
    """A country or capital acting: the subject of an actor's verb, or its passive agent ("by the U.S.")."""
    if doc is None or not (cand.kind == COUNTRY or (cand.kind == CITY and cand.geonameid in gaz.capitals)):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    head = root.head
    if root.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        return _actor_verb(head)
    if root.dep_ == "pobj" and head.lower_ == "by":
        return True  # "vetoed by the U.S.", "abstentions by the U.S. and Russia": "by" a country names an agent
    if root.dep_ in ("compound", "nmod", "amod", "poss") and head.lower_ in _GOVERNMENT_NOUNS:
        return True  # "top U.S. officials", "the U.S. rejection of the cease-fire"
    return False


def _actor_verb(tok: Any) -> bool:
    lemma = tok.lemma_.lower()
    return lemma in _ACTOR_VERBS or lemma in reporting_verbs()


def confidence(origin: str, cand: Candidate | None, text: str, start: int, end: int, entity_id: str | None,
               surnames: frozenset[str], persons: frozenset[str], institutions: frozenset[str]) -> float:
    """The mention's confidence that it is a location (before the metonym check)."""
    if cand is None:
        return UNRESOLVED
    conf = ORIGIN_CONFIDENCE.get(origin, 0.85)
    if origin == "pattern":
        return conf
    name = text[start:end]
    single = " " not in name
    if name.lower() in _NOUN_NAMES and not text[max(0, start - 4):start].lower().endswith("the "):
        return min(conf, INSTITUTION)
    if entity_id is not None and entity_id in persons:
        return min(conf, PERSON_LIKE)
    if single and cand.kind == CITY and (name.lower() in first_names() or name.lower() in surnames) \
            and not locative_before(text, start):
        return min(conf, PERSON_LIKE)
    if name in institutions and not locative_before(text, start):
        return min(conf, INSTITUTION)
    if _HYPHEN_NAME.match(text, end) or _HYPHEN_NAME_BEFORE.search(text, max(0, start - 30), start):
        return min(conf, INSTITUTION)  # "the Israel-Hamas war", "a U.S.-China deal": part of a bigger name
    if _CREDIT.match(text, end) or _CREDIT_BEFORE.search(text, max(0, start - 60), start) \
            and re.match(r"\.?\s*(?:\n|$)", text[end:end + 3]):
        return min(conf, INSTITUTION)  # "... researcher Jane Roe in New York contributed.": a credit, not the story
    if origin != "rescued" and (_NAME_AFTER.match(text, end) or _NAME_OF_BEFORE.search(text, max(0, start - 40), start)
                                or _OF_NAME_AFTER.match(text, end)):
        # "New York Times", "U.S. District Court", "Eastern District of New York": the start or the end of a
        # longer name that NER cut, so the name of an organisation, a court or a paper, not a location
        return min(conf, INSTITUTION)
    return conf


@dataclass(frozen=True)
class Judge:
    """What the article says about its names (its people, its institutions), to rate each mention."""

    text: str
    doc: Any
    surnames: frozenset[str]
    persons: frozenset[str]
    institutions: frozenset[str]
    captions: tuple[tuple[int, int], ...]  # context.caption_spans of the text

    @classmethod
    def of(cls, text: str, doc: Any, entities: Iterable[Any], mentions: list[Any]) -> Judge:
        surnames, persons = person_words(entities)
        surnames = surnames | _name_tails(doc, mentions)
        institutions = institution_names(text, {m.text for m in mentions})
        # a small town's name the article uses inside an organisation's name ("Cheddar News") is that
        # organisation when it stands alone ("acquired Cheddar"); a big city's is not ("Chicago Police")
        institutions |= {m.text for m in mentions if m.origin == "in-name" and m.candidates
                         and all(c.kind == CITY and c.population < SMALL_TOWN for c in m.candidates)}
        return cls(text, doc, surnames, persons, frozenset(institutions), tuple(context.caption_spans(text)))

    def rate(self, m: Any, cand: Candidate, gaz: Gazetteer) -> tuple[str, float]:
        """(provenance method, confidence) of a resolved mention (the stage's `_Mention`)."""
        if m.qualifier is not None and cand.kind in (CITY, COUNTY):  # "Delano, Minn.": an address, a location
            conf = max(ORIGIN_CONFIDENCE.get(m.origin, 0.85), 0.6)
        else:
            conf = confidence(m.origin, cand, self.text, m.start, m.end, m.entity_id,
                              self.surnames, self.persons, self.institutions)
        if conf >= 0.5 and m.origin != "pattern":
            if is_metonym(self.doc, m.start, m.end, cand, gaz):
                return "metonym", METONYM
            conf = min(conf, self._in_context(m, cand, gaz))
        return "gazetteer+context", conf

    def feature_confidence(self, p: Any) -> float:
        """A named street or building at its town: less sure in a caption or for an institution not named as a site."""
        if self._in_caption(p.start) \
                or context.institution_not_site(self.doc, p.name, p.start, p.end):
            return IN_CONTEXT
        return FEATURE

    def _in_context(self, m: Any, cand: Candidate, gaz: Gazetteer) -> float:
        """The ceiling the sentence and the page put on a mention (1.0: none)."""
        if self._in_caption(m.start):
            return IN_CONTEXT
        if context.definite_team(self.doc, self.text, m.start, m.end, cand) \
                or context.office_of_jurisdiction(self.doc, m.start, m.end) \
                or context.coordinated_with_organisation(self.doc, m.start, m.end, cand,
                                                         lambda tok: _known_area(tok.text, gaz)):
            return IN_CONTEXT
        if context.direction_part(self.text[m.start:m.end], cand):
            return PART
        return 1.0

    def _in_caption(self, at: int) -> bool:
        return any(s <= at < e for s, e in self.captions)


def _known_area(name: str, gaz: Gazetteer) -> bool:
    """A name the gazetteer knows as a country, union or region ("the EU" listed beside "Canada")."""
    return any(c.kind in (COUNTRY, UNION, REGION) and not c.alias for c in gaz.lookup(name))
