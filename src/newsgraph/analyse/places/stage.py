"""The places layer: each place mention resolved to coordinates, country and GeoNames id.

Mentions, in this order of trust:
- entities of types GPE, LOC, FAC and NORP from the entities layer;
- spaCy's own GPE/LOC/FAC/NORP spans that no entity covers (so the stage also
  works when the entities layer is empty);
- place names NER put inside or mistook for other names: the leading words or
  "of <place>" of an ORG/FAC name ("Charleston Police Department", "University
  of Georgia"), a whole ORG name that is a region ("West Bank"), a PERSON span
  that is a known place right after "in"/"near" or before ", Texas";
- capitalised names after a locative word ("in", "near", "from") that the
  gazetteer knows and NER missed;
- the other occurrences of a name the article already uses as a place.
A demonym ("Israeli", "Palestinians") counts as a place reference when it names
a country or region, as the LGL annotators counted it. A FAC or NORP mention
that the gazetteer does not know is dropped; an unknown GPE/LOC mention is kept
with null coordinates.

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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsgraph.analyse.entities import ENTITIES
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.places import PLACES, trust
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
    normalise,
)
from newsgraph.analyse.text.data import load_json
from newsgraph.model import Place, Provenance
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import AnalysisContext, HandOff
from newsgraph.settings import Settings

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "NORP"})
ALWAYS_KEEP = frozenset({"GPE", "LOC"})  # kept unresolved; FAC/NORP only when resolved
ROUNDS = 3

KIND_PRIOR = {COUNTRY: 9.0, CONTINENT: 8.5, UNION: 8.5, REGION: 8.0, SEA: 8.0, ADM1: 8.0, COUNTY: 5.5}
US_STATE_PRIOR = 7.0  # a national capital of the same name wins without context ("Washington")
BARE_COUNTY_PRIOR = 2.5  # "DeKalb" for DeKalb County: only when context says so
ALIAS_PENALTY = 1.5
CAPITAL_BONUS = 1.5
QUALIFIER_BONUS = 20.0
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

    def __call__(self, ctx: AnalysisContext) -> None:
        gaz = self.gazetteer
        mentions = collect_mentions(ctx, gaz)
        if not mentions:
            ctx.put(PLACES, ())
            return
        mentions = _attach_candidates(ctx.text, mentions, gaz)
        domain = _domain(ctx)
        chosen, context = resolve(mentions, gaz, domain)
        entities: tuple[Any, ...] = ctx.get(ENTITIES, ())
        judge = trust.Judge.of(ctx.text, ctx.get(SPACY_DOC, None), entities,
                               {m.text for m in mentions})
        places = []
        for m in mentions:
            cand = chosen.get(m.key)
            if cand is None and m.label not in ALWAYS_KEEP:
                continue
            if cand is None:
                local = _local_feature_point(m.text, context)
                if local is not None:
                    # a river or township the gazetteer lacks, named in a local story: the story's area
                    places.append(Place(m.text, m.start, m.end, m.entity_id, "US", round(local[0], 5),
                                        round(local[1], 5), None, self._prov("local-default", 0.3)))
                else:
                    places.append(Place(m.text, m.start, m.end, m.entity_id, None, None, None, None,
                                        self._prov("gazetteer+context", trust.UNRESOLVED)))
                continue
            lat, lon = cand.lat, cand.lon
            if cand.kind == COUNTY:
                lat, lon = _county_point(cand, context, gaz)
            method, conf = judge.rate(m, cand, gaz)
            places.append(Place(
                name=m.text, start=m.start, end=m.end, entity_id=m.entity_id, country=cand.country,
                lat=None if lat is None else round(lat, 5), lon=None if lon is None else round(lon, 5),
                geonameid=cand.geonameid, provenance=self._prov(method, conf),
            ))
        ctx.put(PLACES, tuple(places))


# ---------------------------------------------------------------- mentions


def collect_mentions(ctx: AnalysisContext, gaz: Gazetteer | None = None) -> list[_Mention]:
    """Place mentions: entities of place types, spaCy's place spans no entity covers,
    and (given a gazetteer) place names inside other names or missed by NER."""
    out: list[_Mention] = []
    entities = ctx.get(ENTITIES, ())
    others: list[tuple[int, int, str, str | None]] = []  # non-place spans: (start, end, label, entity id)
    for ent in entities:
        for m in ent.mentions:
            if ent.type in PLACE_TYPES:
                out.append(_Mention(m.start, m.end, m.text, ent.type, ent.id, origin=_origin(ent.type)))
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
                out.append(_Mention(s, e, span.text, span.label_, None, origin=_origin(span.label_)))
            else:
                others.append((s, e, span.label_, None))
    if gaz is not None:
        out += _inside_names(ctx.text, others, gaz)
        if doc is not None:
            covered = [(m.start, m.end) for m in out] + [(o[0], o[1]) for o in others if o[2] != "PERSON"]
            out += _after_preposition(doc, covered, gaz)
    out = [piece for m in out for piece in _split_listed(m)]
    if gaz is not None:
        people = [(o[0], o[1]) for o in others if o[2] == "PERSON"]
        out += _echoes(ctx.text, out, people, gaz)
    out.sort(key=lambda m: (m.start, m.end))
    return _dedupe(out)


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
            # the echo is as sure as the best reading of the name: "Fargo" echoing "Fargo Police" stays unsure
            if trust.ORIGIN_CONFIDENCE.get(m.origin, 0) > trust.ORIGIN_CONFIDENCE.get(origins.get(m.text, ""), -1):
                origins[m.text] = m.origin
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
    for start, end, label, _eid in spans:
        if label in ("PERSON",):
            before = text[max(0, start - 12):start].split()
            name = text[start:end]
            after = _QUALIFIER.match(text, end)
            if name.lower() in _first_names():
                continue
            if _known(name, gaz, 1000) and ((before and before[-1].lower() in _PERSON_LOC_PREPS)
                                            or (after and _qualifier_candidate(after.group(1), gaz))):
                out.append(_Mention(start, end, name, "GPE", None, origin="rescued"))
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


def _rescue_origin(doc: Any, prep: Any, span: Any, j: int) -> str:
    """ "rescued" for "in Fargo"; "weak" for a given name ("from Alan"), the start of a longer
    name ("from Alan Turing", "at Jackson County Sheriff's Office") or a looser preposition ("of Kim")."""
    if j < len(doc) and doc[j].is_title and not doc[j].is_sent_start:
        return "weak"
    if span.text.lower() in _first_names():
        return "weak"
    # "east of Khan Yunis", "north of the city": a direction makes "of" locative
    directed = prep.lower_ == "of" and prep.i > 0 and doc[prep.i - 1].lower_ in _DIRECTIONS
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


def _attach_candidates(text: str, mentions: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """Look names up; find qualifiers after them and add the qualifier as a mention too."""
    extra: list[_Mention] = []
    # a word NER calls a nationality somewhere ("Arab") is one everywhere, not a town in Alabama
    peoples = {m.text for m in mentions if m.label == "NORP"}
    for m in mentions:
        if m.text in peoples and m.label != "NORP":
            m.label, m.origin = "NORP", "demonym"
        m.key = normalise(m.text)
        m.candidates = _candidates(m.text, m.label, gaz)
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
            if c.kind in (ADM1, COUNTRY) and not c.alias:
                return c
    return None


# ---------------------------------------------------------------- resolution


def _domain(ctx: AnalysisContext) -> str | None:
    url = ctx.article.url or ctx.raw.url
    if not url:
        return None
    m = re.match(r"(?:[a-z]+://)?([^/:?#]+)", url.strip().lower())
    return m.group(1) if m else None


def resolve(mentions: list[_Mention], gaz: Gazetteer, domain: str | None) -> tuple[dict[str, Candidate], _Context]:
    """Choose one candidate per name, refining the article's context each round."""
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
    support = _state_support(cands)
    chosen: dict[str, Candidate] = {}
    context = base
    for _ in range(ROUNDS):
        new: dict[str, Candidate] = {}
        for key, cs in cands.items():
            shares = context.shares(exclude=key)
            shares = (shares[0], _plus(shares[1], support.get(key, {})))
            anchors = [a for a in context.anchors if a[0] != key]
            if key == HOME_KEY:
                # the paper's town has no size prior: only the article's other places choose it
                new[key] = max(cs, key=lambda c: _score(c, None, shares, anchors, context, gaz)
                               - 0.9 * math.log10(c.population + 10))
            else:
                new[key] = max(cs, key=lambda c: _score(c, qualifiers[key], shares, anchors, context, gaz))
        context = _build_context(new, counts, qualifiers, base)
        if new == chosen:
            break
        chosen = new
    return chosen, context


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
        s = math.log10(c.population + 10)
        if c.geonameid in gaz.capitals:
            s += CAPITAL_BONUS
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


def _county_point(c: Candidate, ctx: _Context, gaz: Gazetteer) -> tuple[float | None, float | None]:
    """A county's point: the article's towns in its state, else the state's centre."""
    state = gaz.state(c.admin1) if c.admin1 else None
    towns = [(a[1], a[2]) for a in ctx.anchors if a[3] == "US" and a[4] == c.admin1]
    if towns:
        return sum(t[0] for t in towns) / len(towns), sum(t[1] for t in towns) / len(towns)
    if state is not None:
        return state.lat, state.lon
    return None, None
