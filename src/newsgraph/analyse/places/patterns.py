"""Places that the way news is written marks as places, whatever NER made of them.

- the dateline: "GROTON ―", "VATICAN CITY (RNS) —", "TALLAHASSEE, Fla. (AP) —" at the
  start of the body, in capitals;
- "-based": "an Austin-based school", "a London-based firm";
- a legislator's party and home: "Sen. Elizabeth Warren (D-Mass.)", "Rep. Jane Roe, R-Barnstable".

Each is a location by construction, so a name found here is not checked against the
given names and surnames that make a lone word doubtful elsewhere (trust.py).
"""

from __future__ import annotations

import re

from newsgraph.analyse.places.gazetteer import Gazetteer

_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][\w.]*(?: [A-Z][\w.]*)?))?\s*(?:\([^)\n]{1,24}\)\s*)?[―—–-]"
)
_BASED = re.compile(r"\b(?P<place>[A-Z][\w’'.]+(?: [A-Z][\w’'.]+){0,2})-based\b")
_PARTY = re.compile(r"\b[DRI]-(?P<place>[A-Z][\w’'.]*(?: [A-Z][\w’'.]*)?)(?=[),;])")


def pattern_places(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Spans of place names marked by a dateline, "-based" or a party affiliation, that the gazetteer knows."""
    out: list[tuple[int, int]] = []
    m = _DATELINE.match(text[:200])
    if m:
        out.append(m.span("place"))
        if m.group("region"):
            out.append(m.span("region"))
    out += [x.span("place") for x in _BASED.finditer(text)]
    out += [x.span("place") for x in _PARTY.finditer(text)]
    return [(s, e) for s, e in out if gaz.lookup(text[s:e].title() if text[s:e].isupper() else text[s:e])
            or gaz.lookup(text[s:e].rstrip("."))]


# Last words of named streets, squares, bridges and buildings: places the gazetteer of towns lacks,
# put at the town the article names nearest to them ("Pleasant Street" in a Groton story).
_FEATURE_HEAD = re.compile(
    r"\s(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Drive|Square|Plaza|Bridge|Hospital|"
    r"Airport|Station|Stadium|Arena|Mall|Market|Tower|Cathedral|Mosque|Synagogue|Church|Temple|Palace|Camp)$"
)
# Streets that name an industry or a government, not a location.
_FIGURATIVE = frozenset({"wall street", "downing street", "fleet street", "main street", "sesame street",
                         "easy street", "madison avenue"})


def named_feature(name: str) -> bool:
    """A named street, square, bridge or building ("Morse Street", "Al Shifa Hospital")."""
    return _FEATURE_HEAD.search(name) is not None and name.lower() not in _FIGURATIVE and name[:1].isupper()
