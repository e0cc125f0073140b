"""The places layer: each place mention resolved to coordinates, country and GeoNames id.

Mentions come from mentions.py, each with its origin (NER, a dateline, a place
inside an organisation's name ...). Every resolved mention is kept, with a
`provenance.confidence` from trust.py that says whether it names a location in
its context: 0.5 and above for a location, below for a demonym, a place inside
an organisation's name, a person's name, an institution named after a place or
an unresolved name (method "gazetteer+context"), and 0.4 with method "metonym"
for a country or capital standing for its government. Sets that count every
toponym (LGL counts demonyms) read them all; default views read the confident ones.
A FAC or NORP mention that the gazetteer does not know is dropped, except a named
street or building, which is put at the confident town the story names nearest
to it (method "local-feature"); an unknown GPE/LOC mention is kept with null
coordinates.

Resolution (toponym disambiguation) scores every gazetteer candidate of a name:
- a prior by kind and size: countries and regions over cities, big cities over
  small ones, national capitals a little higher, names reached only through an
  alternate spelling lower;
- an explicit qualifier right after the name: "Paris, Texas", "Springfield, Ill.";
- the article's context, refined over a few rounds: the share of the article's
  resolved places in each country and US state; votes for the US states that
  all the article's names could be in ("Columbus", "Norfolk" and "Platte
  County" meet only in Nebraska); the distance to the article's other resolved
  towns (a local paper's places cluster); the country of the source's web
  domain (".co.uk", ".ca"; a generic ".com" leans US) and the paper's home
  town when the domain starts with a town's name ("columbustelegram.com").
  A name never votes for itself.
One sense per discourse: every mention of a name in an article gets the same
reading (the qualified one, when the name is qualified anywhere).

A US county has no coordinates in the shipped gazetteers; it is placed at the
centre of the article's resolved towns in its state, else at the state's centre,
with a null GeoNames id. An unknown local feature ("Catawba River", "Oakport
Township") in a story centred on one US state gets the centre of the story's
towns there, with provenance method "local-default" and confidence 0.3.

Hand-offs: reads SPACY_DOC and ENTITIES; assigns PLACES.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newsgraph.analyse.entities import ENTITIES
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.places import PLACES, homonyms, trust
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
    distance_km,
    load_gazetteer,
)
from newsgraph.analyse.places.mentions import _Mention, attach_candidates, collect_mentions
from newsgraph.model import Place, Provenance
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import AnalysisContext, HandOff
from newsgraph.settings import Settings

ALWAYS_KEEP = frozenset({"GPE", "LOC"})  # kept unresolved; FAC/NORP only when resolved
ROUNDS = 3

KIND_PRIOR = {COUNTRY: 9.0, CONTINENT: 8.5, UNION: 8.5, REGION: 8.0, SEA: 8.0, ADM1: 8.0, COUNTY: 5.5}
US_STATE_PRIOR = 7.0  # a national capital of the same name wins without context ("Washington")
BARE_COUNTY_PRIOR = 2.5  # "DeKalb" for DeKalb County: only when context says so
ALIAS_PENALTY = 1.5
CAPITAL_BONUS = 1.5
QUALIFIER_BONUS = 20.0
REGION_QUALIFIER_KM = 120.0  # "Truro, Cornwall": a town within this of the region's centre
STATE_WEIGHT = 4.0
COUNTRY_WEIGHT = 3.0
DOMAIN_WEIGHT = 3.0
GENERIC_DOMAIN_US_WEIGHT = 0.75
NEAR_BONUS = ((50.0, 3.0), (150.0, 2.0), (400.0, 1.0))

# Generic top-level domains of papers that are mostly American.
_GENERIC_TLDS = frozenset({"com", "net", "org", "us", "gov", "edu", "info"})
_TLD_COUNTRY = {"uk": "GB", "ca": "CA", "ru": "RU", "il": "IL", "au": "AU", "nz": "NZ", "ie": "IE", "in": "IN",
                "za": "ZA", "de": "DE", "fr": "FR", "eg": "EG", "jo": "JO", "lb": "LB", "pk": "PK", "ng": "NG",
                "ke": "KE", "sg": "SG", "ph": "PH", "jp": "JP", "cn": "CN", "kr": "KR", "ae": "AE", "qa": "QA"}
# After a place name: ", Texas", ", Ill.", ", D.C." (one to three capitalised words).



@dataclass
class _Context:
    """The article's geography as the other names read it.

    Raw weights are kept with each name's own contribution, so a name can be
    scored against the context without voting for itself.
    """

    raw_countries: dict[str, float] = field(default_factory=dict)
    raw_states: dict[str, float] = field(default_factory=dict)
    own: dict[str, tuple[str | None, str | None, float]] = field(default_factory=dict)
    # (name key, lat, lon, country, admin1, geonameid) of the article's resolved towns
    anchors: list[tuple[str, float, float, str | None, str | None, int | None]] = field(default_factory=list)
    domain_country: str | None = None
    generic_domain: bool = False

    def shares(self, exclude: str | None = None) -> tuple[dict[str, float], dict[str, float]]:
        rc, rs = dict(self.raw_countries), dict(self.raw_states)
        own = self.own.get(exclude) if exclude else None
        if own:
            country, state, weight = own
            if country:
                rc[country] -= weight
            if state:
                rs[state] -= weight
        return _normalised(rc), _normalised(rs)

    @property
    def countries(self) -> dict[str, float]:
        return self.shares()[0]

    @property
    def states(self) -> dict[str, float]:
        return self.shares()[1]


def _normalised(raw: dict[str, float]) -> dict[str, float]:
    total = sum(v for v in raw.values() if v > 1e-9)
    return {k: v / total for k, v in raw.items() if v > 1e-9} if total else {}


@register
class PlacesStage:
    name = "places"
    version = "1"
    requires: tuple[HandOff[Any], ...] = (SPACY_DOC, ENTITIES)
    assigns: tuple[HandOff[Any], ...] = (PLACES,)

    def __init__(self, settings: Settings):
        self.settings = settings
        self._gaz: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:  # first document, not pipeline build: `--help` stays fast
            self._gaz = load_gazetteer()
        return self._gaz

    def _prov(self, method: str, confidence: float) -> Provenance:
        return Provenance(stage=self.name, version=self.version, method=method, confidence=confidence)

    def _unresolved(self, m: _Mention, context: _Context) -> Place | None:
        """A mention the gazetteer could not place: a local feature at the story's area, a named street or
        building for `_features_in_towns`, an unknown GPE/LOC without coordinates; None for the rest."""
        if m.origin == "feature":
            return Place(m.text, m.start, m.end, m.entity_id, None, None, None, None, self._prov("feature", 0.0))
        if m.label not in ALWAYS_KEEP:
            return None
        local = _local_feature_point(m.text, context)
        if local is not None:
            # a river or township the gazetteer lacks, named in a local story: the story's area
            return Place(m.text, m.start, m.end, m.entity_id, "US", round(local[0], 5), round(local[1], 5), None,
                         self._prov("local-default", 0.3))
        return Place(m.text, m.start, m.end, m.entity_id, None, None, None, None,
                     self._prov("gazetteer+context", trust.UNRESOLVED))

    def __call__(self, ctx: AnalysisContext) -> None:
        if not any(ch.isupper() for ch in ctx.text):
            # Place names are capitalised: a text without a capital letter names no place,
            # and the gazetteer (seconds to load, half a minute to build) is not needed.
            ctx.put(PLACES, ())
            return
        gaz = self.gazetteer
        mentions = collect_mentions(ctx, gaz)
        if not mentions:
            ctx.put(PLACES, ())
            return
        mentions = attach_candidates(ctx.text, mentions, gaz)
        domain = _domain(ctx)
        chosen, context, guesses = resolve(mentions, gaz, domain)
        for key in homonyms.short_forms_of_unknown(mentions, set(chosen)):
            chosen.pop(key, None)  # "Calder" after an unknown "Republic of Calder" is that state
        entities: tuple[Any, ...] = ctx.get(ENTITIES, ())
        judge = trust.Judge.of(ctx.text, ctx.get(SPACY_DOC, None), entities, mentions)
        places = []
        for m in mentions:
            cand = chosen.get(m.key)
            if cand is None:
                place = self._unresolved(m, context)
                if place is not None:
                    places.append(place)
                continue
            lat, lon = cand.lat, cand.lon
            method, conf = judge.rate(m, cand, gaz)
            if m.key in guesses:
                conf = min(conf, homonyms.GUESS)
            if cand.kind == COUNTY:
                lat, lon = _county_point(cand, context, gaz)
                if _spread_towns(cand, context):
                    conf = min(conf, trust.PART)  # the right county, at a point that is a guess
            places.append(Place(
                # an entry with no GeoNames id is named as the gazetteer names it, so that "the Strip" and
                # "Gaza Strip" read as one place
                name=m.text if cand.geonameid is not None else cand.name,
                start=m.start, end=m.end, entity_id=m.entity_id, country=cand.country,
                lat=None if lat is None else round(lat, 5), lon=None if lon is None else round(lon, 5),
                geonameid=cand.geonameid, provenance=self._prov(method, conf),
            ))
        town_ids = {c.geonameid for c in chosen.values() if c.kind == CITY and c.geonameid is not None}
        guessed = {chosen[k].geonameid for k in guesses if k in chosen}
        places = _features_in_towns(
            places, town_ids,
            # a street in a town that is a guess between namesakes is a guess as well
            lambda p, town: self._prov("local-feature", min(judge.feature_confidence(p),
                                                            homonyms.GUESS if town.geonameid in guessed else 1.0)))
        ctx.put(PLACES, tuple(places))


# ---------------------------------------------------------------- resolution


def _domain(ctx: AnalysisContext) -> str | None:
    url = ctx.article.url or ctx.raw.url
    if not url:
        return None
    m = re.match(r"(?:[a-z]+://)?([^/:?#]+)", url.strip().lower())
    return m.group(1) if m else None


@dataclass
class _Inputs:
    """What resolution reads besides the context: each name's candidates, count, qualifier and state votes."""

    cands: dict[str, tuple[Candidate, ...]]
    counts: dict[str, int]
    qualifiers: dict[str, Candidate | None]
    support: dict[str, dict[str, float]]


def _inputs(mentions: list[_Mention], gaz: Gazetteer, domain: str | None) -> tuple[_Inputs, _Context]:
    by_key: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        if m.candidates:
            by_key[m.key].append(m)
    base = _Context()
    if domain:
        tld = domain.rsplit(".", 1)[-1]
        base.domain_country = _TLD_COUNTRY.get(tld)
        base.generic_domain = tld in _GENERIC_TLDS
    # an unqualified name takes the reading of its first qualified mention ("Paris, Texas" ... "Paris")
    first_qual: dict[str, Candidate] = {}
    for m in mentions:
        if m.qualifier is not None:
            first_qual.setdefault(m.key.split("|", 1)[0], m.qualifier)
    qualifiers = {k: next((m.qualifier for m in ms if m.qualifier is not None), None) or first_qual.get(k)
                  for k, ms in by_key.items()}
    cands = {k: ms[0].candidates for k, ms in by_key.items()}
    counts = {k: len(ms) for k, ms in by_key.items()}
    home = home_town_candidates(domain, gaz) if domain and HOME_COUNT > 0 else ()
    if home:
        # The paper's home town joins the vote like a name said a few times,
        # though it is never output: a local paper's places sit around it.
        cands[HOME_KEY], counts[HOME_KEY], qualifiers[HOME_KEY] = home, HOME_COUNT, None
    return _Inputs(cands, counts, qualifiers, _state_support(cands)), base


def resolve(mentions: list[_Mention], gaz: Gazetteer,
            domain: str | None) -> tuple[dict[str, Candidate], _Context, set[str]]:
    """Choose one candidate per name, refining the article's context each round.

    Also returns the names whose reading is a guess between homonyms (homonyms.py).
    """
    inp, base = _inputs(mentions, gaz, domain)
    chosen: dict[str, Candidate] = {}
    context = base
    for _ in range(ROUNDS):
        new: dict[str, Candidate] = {}
        for key, cs in inp.cands.items():
            score = _scorer(key, inp, context, gaz)
            if key == HOME_KEY:
                # the paper's town has no size prior: only the article's other places choose it
                new[key] = max(cs, key=lambda c: score(c) - 0.9 * math.log10(c.population + 10))
            else:
                new[key] = max(cs, key=score)
        context = _build_context(new, inp.counts, inp.qualifiers, base)
        if new == chosen:
            break
        chosen = new
    guesses = {key for key, c in chosen.items() if key != HOME_KEY and inp.qualifiers.get(key) is None
               and homonyms.is_guess(c, inp.cands[key], _scorer(key, inp, context, gaz),
                                                 lambda x: _prior(x, gaz))}
    return chosen, context, guesses


def _scorer(key: str, inp: _Inputs, context: _Context, gaz: Gazetteer) -> Callable[[Candidate], float]:
    """A name's candidates scored against the article's context without the name's own vote."""
    shares = context.shares(exclude=key)
    shares = (shares[0], _plus(shares[1], inp.support.get(key, {})))
    anchors = [a for a in context.anchors if a[0] != key]
    return lambda c: _score(c, inp.qualifiers[key], shares, anchors, context, gaz)


def _size(c: Candidate, gaz: Gazetteer) -> float:
    """A town's prior from its size, national capitals a little higher."""
    return math.log10(c.population + 10) + (CAPITAL_BONUS if c.geonameid in gaz.capitals else 0.0)


def _prior(c: Candidate, gaz: Gazetteer) -> float:
    """The part of a town's score that the gazetteer gives (size, capital, alias): the rest is what the article says."""
    return _size(c, gaz) - (ALIAS_PENALTY if c.alias else 0.0)


def _state_support(cands: dict[str, tuple[Candidate, ...]]) -> dict[str, dict[str, float]]:
    """Per name, how strongly the article's other names point at each US state.

    Every name votes for the states it could be in, an unambiguous name with a
    full vote and a name found in many states with a fraction: "Platte County",
    "Norfolk" and "Columbus" together point at Nebraska before anything is resolved.
    """
    sets: dict[str, set[str]] = {}
    for key, cs in cands.items():
        states = {c.admin1 for c in cs if c.country == "US" and c.admin1 and not c.alias
                  and c.kind in (CITY, COUNTY, ADM1)}
        if states:
            sets[key] = states
    total: dict[str, float] = defaultdict(float)
    for states in sets.values():
        for st in states:
            total[st] += 1.0 / len(states)
    n = len(sets)
    out: dict[str, dict[str, float]] = {}
    for key in cands:
        own = sets.get(key, set())
        others = n - (1 if own else 0)
        if others <= 0:
            out[key] = {}
            continue
        votes = {st: v - (1.0 / len(own) if st in own else 0.0) for st, v in total.items()}
        out[key] = {st: SUPPORT_WEIGHT * v / others for st, v in votes.items() if v > 1e-9}
    return out


def _plus(a: dict[str, float], b: dict[str, float]) -> dict[str, float]:
    if not b:
        return a
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0.0) + v
    return out


SUPPORT_WEIGHT = 0.5  # in units of a resolved place's state share

HOME_KEY = "@home"
HOME_COUNT = 1
HOME_MIN_POP = 2000
_DOMAIN_NOISE = frozenset({"www", "news", "m", "mobile", "online", "the"})


def home_town_candidates(domain: str, gaz: Gazetteer) -> tuple[Candidate, ...]:
    """Towns whose name starts the paper's domain: "columbustelegram.com" -> the Columbuses.

    Only towns of the domain's country (a generic ".com" means the US) of some
    size, and names of five letters or more, so "star-telegram" finds no "Star".
    """
    labels = [x for x in domain.lower().split(".") if x not in _DOMAIN_NOISE]
    if len(labels) < 2:
        return ()
    tld = labels[-1]
    country = _TLD_COUNTRY.get(tld) or ("US" if tld in _GENERIC_TLDS else None)
    if country is None:
        return ()
    body = max(labels[:-1], key=len).removeprefix("the").replace("-", "")
    for n in range(len(body), 4, -1):
        found = tuple(c for c in gaz.squashed_lookup(body[:n])
                      if c.country == country and c.kind == CITY and not c.alias and c.population >= HOME_MIN_POP)
        if found:
            return found
    return ()


def _score(c: Candidate, qualifier: Candidate | None, shares: tuple[dict[str, float], dict[str, float]],
           anchors: list[tuple[Any, ...]], ctx: _Context, gaz: Gazetteer) -> float:
    countries, states = shares
    if c.kind == CITY:
        s = _size(c, gaz)
    elif c.kind == COUNTY and c.alias:
        s = BARE_COUNTY_PRIOR
    elif c.kind == ADM1 and c.country == "US":
        s = US_STATE_PRIOR + STATE_WEIGHT * states.get(c.admin1 or "", 0.0)
    else:
        s = KIND_PRIOR.get(c.kind, 6.0)
    if c.alias and c.kind != COUNTY:
        s -= ALIAS_PENALTY
    if qualifier is not None:
        if qualifier.kind == ADM1 and c.country == qualifier.country and c.admin1 == qualifier.admin1 \
                and c.kind != ADM1:
            s += QUALIFIER_BONUS
        elif qualifier.kind == COUNTRY and c.country == qualifier.country and c.kind != COUNTRY:
            s += QUALIFIER_BONUS
        elif qualifier.kind == REGION and c.country == qualifier.country and c.kind == CITY \
                and c.lat is not None and qualifier.lat is not None \
                and distance_km(c.lat, c.lon, qualifier.lat, qualifier.lon) <= REGION_QUALIFIER_KM:  # type: ignore[arg-type]
            s += QUALIFIER_BONUS
    if c.country:
        s += COUNTRY_WEIGHT * countries.get(c.country, 0.0)
        if c.country == ctx.domain_country:
            s += DOMAIN_WEIGHT
        elif ctx.generic_domain and c.country == "US":
            s += GENERIC_DOMAIN_US_WEIGHT
    if c.country == "US" and c.admin1 and c.kind in (CITY, COUNTY):
        s += STATE_WEIGHT * states.get(c.admin1, 0.0)
    if c.kind == CITY and c.lat is not None and anchors:
        # another name for this very place ("Dublin City") is an echo, not a neighbour
        near = min((distance_km(c.lat, c.lon, a[1], a[2]) for a in anchors if a[5] != c.geonameid),  # type: ignore[arg-type]
                   default=1e9)
        for limit, bonus in NEAR_BONUS:
            if near <= limit:
                s += bonus
                break
    return s


def _build_context(chosen: dict[str, Candidate], counts: dict[str, int],
                   qualifiers: dict[str, Candidate | None], base: _Context) -> _Context:
    raw_c: dict[str, float] = defaultdict(float)
    raw_s: dict[str, float] = defaultdict(float)
    by_key: dict[str, tuple[str | None, str | None, float]] = {}
    anchors: list[tuple[str, float, float, str | None, str | None, int | None]] = []
    for key, c in chosen.items():
        # repeated names weigh more, but a name said ten times is not ten places
        weight = 1.0 + math.log(counts[key])
        state = c.admin1 if c.country == "US" and c.kind in (CITY, COUNTY, ADM1) else None
        if c.kind in (CONTINENT, UNION, REGION, SEA) and c.country is None:
            continue
        if c.country:
            raw_c[c.country] += weight
        if state:
            raw_s[state] += weight
        by_key[key] = (c.country, state, weight)
        if c.kind == CITY and c.lat is not None and c.lon is not None:
            anchors.append((key, c.lat, c.lon, c.country, c.admin1, c.geonameid))
    for q in qualifiers.values():
        if q is not None and q.kind == ADM1 and q.admin1:
            raw_s[q.admin1] += 1.0
    return _Context(raw_countries=dict(raw_c), raw_states=dict(raw_s), own=by_key, anchors=anchors,
                    domain_country=base.domain_country, generic_domain=base.generic_domain)


LOCAL_MIN_SHARE = 0.4
# Last words of names of small features and divisions that gazetteers of towns lack.
_FEATURE_HEADS = frozenset({
    "river", "creek", "lake", "county", "parish", "township", "valley", "mountain", "mountains", "park",
    "island", "islands", "bay", "harbor", "harbour", "falls", "springs", "hills", "ridge", "forest",
    "canyon", "reservoir", "dam", "branch", "fork", "swamp", "heights", "estates", "village", "borough",
})


def _features_in_towns(places: list[Place], town_ids: set[int],
                       prov: Callable[[Place, Place], Provenance]) -> list[Place]:
    """Named streets and buildings at the town mentioned nearest before them (else after).

    A story's "Pleasant Street" is in the town the story is about; the town's point is the
    finest the gazetteer has. The town must be a location in its context (confidence 0.5 or
    more) or a reading that is only a guess between namesakes (homonyms.GUESS, passed on to
    the feature by `prov`). Without any such town in the story the feature is dropped.
    """
    towns = [p for p in places if p.geonameid in town_ids and p.provenance is not None
             and p.provenance.method == "gazetteer+context" and (p.provenance.confidence or 0) >= homonyms.GUESS]
    out = []
    for p in places:
        if p.provenance is None or p.provenance.method != "feature":
            out.append(p)
            continue
        before = [t for t in towns if t.end <= p.start]
        town = before[-1] if before else next((t for t in towns if t.start >= p.end), None)
        if town is not None:
            out.append(Place(p.name, p.start, p.end, p.entity_id, town.country, town.lat, town.lon, None, prov(p, town)))
    return out


def _local_feature_point(name: str, ctx: _Context) -> tuple[float, float] | None:
    """The centre of the article's towns in its main US state, for an unknown local feature."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in _FEATURE_HEADS:
        return None
    states = ctx.states
    if not states:
        return None
    top, share = max(states.items(), key=lambda kv: kv[1])
    if share < LOCAL_MIN_SHARE:
        return None
    towns = [(a[1], a[2]) for a in ctx.anchors if a[3] == "US" and a[4] == top]
    if not towns:
        return None
    return sum(t[0] for t in towns) / len(towns), sum(t[1] for t in towns) / len(towns)


SPREAD_KM = 150.0  # the article's towns in a state further apart than this are no local story's cluster


def _spread_towns(county: Candidate, ctx: _Context) -> bool:
    """Whether the article's towns in the county's state are too far apart for their centre to stand for it.

    A local story's towns cluster, and their centre is a fair guess for its county; "schools in Cameron
    County, Texas" in a story also about Austin would be put halfway between Austin and Brownsville.
    """
    towns = [(a[1], a[2]) for a in ctx.anchors if a[3] == county.country and a[4] == county.admin1]
    return any(distance_km(p[0], p[1], q[0], q[1]) > SPREAD_KM for k, p in enumerate(towns) for q in towns[k + 1:])


def _county_point(c: Candidate, ctx: _Context, gaz: Gazetteer) -> tuple[float | None, float | None]:
    """A county's point: the article's towns in its state, else the state's centre."""
    state = gaz.state(c.admin1) if c.admin1 else None
    towns = [(a[1], a[2]) for a in ctx.anchors if a[3] == "US" and a[4] == c.admin1]
    if towns:
        return sum(t[0] for t in towns) / len(towns), sum(t[1] for t in towns) / len(towns)
    if state is not None:
        return state.lat, state.lon
    return None, None
