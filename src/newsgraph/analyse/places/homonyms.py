"""When the reading of a town's name is a guess between homonyms, and what a name's short form refers to.

A gazetteer holds eight Lakesides and three Dunmores. Resolution always picks one
(the biggest, unless the article's other places point elsewhere), which is right
when the article says where it is and a coin toss when it does not. A wrong
point on a map is worse than none, so a reading is a *guess* when

- another town of the name lies far from the chosen one (over 161 km, the
  distance at which a reading counts as wrong), and
- the article's own geography (other places' countries and states, nearby
  towns, the paper's country or home town) does not prefer the chosen town over
  it by more than `MARGIN`, and
- size does not settle it: the rival has at least a fifth of the chosen town's
  people, or the chosen town is small (a town of 13,000 named without any
  context is no better known than its namesake of 1,000).

A guess keeps its point (sets that score every toponym still read it) but gets a
confidence under 0.5, so default views and the real-news scorer leave it out, and
no street or building is placed at it. "Paris" alone stays Paris, France (twenty
times any rival's size); "Springfield" alone is a guess; "Springfield, Ill." is not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from newsgraph.analyse.places.gazetteer import CITY, Candidate, distance_km, normalise

GUESS = 0.45  # the confidence of a guessed reading: kept, not shown by default
FAR_KM = 161.0  # the scorer's tolerance: a homonym nearer than this is the same answer
RIVAL_SHARE = 0.2  # a rival of at least this share of the chosen town's size keeps the choice open
SMALL_TOWN = 20000  # below this, any far homonym keeps the choice open
# What the article must add to the chosen town's score over a rival's: more than the nudge a
# generic ".com" gives American towns (stage.GENERIC_DOMAIN_US_WEIGHT, 0.75).
MARGIN = 0.8


def is_guess(chosen: Candidate, candidates: Iterable[Candidate], score: Callable[[Candidate], float],
             prior: Callable[[Candidate], float]) -> bool:
    """Whether `chosen` was picked over a far homonym on size alone (see the module's text)."""
    if chosen.kind != CITY or chosen.lat is None or chosen.lon is None:
        return False
    said = score(chosen) - prior(chosen)  # what the article says for the chosen town
    for rival in candidates:
        if rival.kind != CITY or rival.alias or rival.geonameid == chosen.geonameid \
                or rival.lat is None or rival.lon is None \
                or distance_km(chosen.lat, chosen.lon, rival.lat, rival.lon) <= FAR_KM:
            continue
        if rival.population < RIVAL_SHARE * chosen.population and chosen.population >= SMALL_TOWN:
            continue
        if said - (score(rival) - prior(rival)) <= MARGIN:
            return True
    return False


# "the Republic of Calder", "the Kingdom of Norland": a state's formal name, whose last words are its short name
_FORMAL = re.compile(r"(?:Republic|Kingdom|State|Commonwealth|Principality|Emirate|Sultanate|Federation|Duchy)"
                     r"\s+of\s+(?:the\s+)?(.+)$")


def short_forms_of_unknown(mentions: Iterable[Any], resolved: set[str]) -> set[str]:
    """Keys of short names whose formal name the article uses and the gazetteer does not know.

    "Republic of Calder" unresolved, then "Calder": the article speaks of one state
    the gazetteer lacks, not of the Canadian town of that name (one sense per discourse).
    """
    short: set[str] = set()
    for m in mentions:
        hit = _FORMAL.match(m.text)
        if hit and m.key not in resolved:
            short.add(normalise(hit.group(1)))
    return {m.key for m in mentions if m.key in short}
