"""Actor coding: a noun phrase or entity -> name, ISO 3166 alpha-3 country, sector.

The knowledge lives in readable data files, not here:
- data/countries.json (names, aliases, demonyms, capitals -> ISO codes),
- data/actors/roles.json (role and title words -> sector; a few titles that
  name their country),
- data/actors/organisations.json (well-known organisations -> country and
  sector; regions that stand for a country).

`ActorResolver` works on one document: it reads the entities layer when it is
filled and otherwise falls back to spaCy's `doc.ents`, and it remembers the
richest description of each person ("Secretary of State Antony Blinken") so a
later bare "Blinken" is coded the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from newsgraph.analyse.attributions import ATTRIBUTIONS
from newsgraph.analyse.entities import ENTITIES, ENTITY_GENDER
from newsgraph.analyse.entities.lexicon import gender_of_first_name
from newsgraph.analyse.places import PLACES
from newsgraph.analyse.text.acronyms import is_acronym
from newsgraph.analyse.text.cues import reporting_verbs
from newsgraph.analyse.text.data import load_json
from newsgraph.model import Actor, Entity
from newsgraph.pipeline.stage import AnalysisContext

ACTOR_ENT_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
PERSONAL = {"he", "him", "his", "she", "her", "hers"}
THIRD = {"it", "its", "they", "them", "their", "theirs"}
FIRST = {"i", "me", "my", "we", "us", "our", "ours"}
RELATIVE = {"which", "who", "whom", "that", "whose"}


@dataclass(frozen=True)
class Code:
    country: str | None
    sector: str | None
    kind: str  # country | demonym | capital | region | org | role


def _read(rel: str) -> Any:
    return load_json(rel)  # strict: a missing data file is a broken install


@dataclass(frozen=True)
class ActorKnowledge:
    """Phrase tables, split so that acronyms ("US", "IS", "WHO") match only in capitals."""

    exact: dict[str, Code]
    lower: dict[str, Code]
    iso2_to_iso3: dict[str, str]
    names: dict[str, str]  # ISO alpha-3 -> the country's usual name
    max_words: int
    people: dict[str, Code]  # full name or unambiguous surname (lower case) -> country, sector
    representing: frozenset[str] = frozenset()  # roles whose "for X" names their principal ("lawyers for X")
    not_short_heads: frozenset[str] = frozenset()  # "the state" is not the Islamic State named before
    army_names: frozenset[str] = frozenset()  # "army" in "the Israeli army": the name of a country's forces
    army_members: frozenset[str] = frozenset()  # "forces", "soldiers": nouns for the same body
    quantifiers: frozenset[str] = frozenset()  # "several" in "several doctors": not part of a name

    def lookup(self, text: str) -> Code | None:
        text = " ".join(text.split())
        if text in self.exact:
            return self.exact[text]
        return self.lower.get(text.lower())


@lru_cache(maxsize=1)
def knowledge() -> ActorKnowledge:
    exact: dict[str, Code] = {}
    lower: dict[str, Code] = {}
    iso2: dict[str, str] = {}
    names: dict[str, str] = {}
    _add_countries(_country_records(), exact, lower, iso2, names)
    _add_organisations(_read("actors/organisations.json"), exact, lower)
    _add_roles(_read("actors/roles.json"), lower)
    max_words = max((len(k.split()) for k in [*exact, *lower]), default=1)
    people = _people_codes(_read("actors/people.json"))
    roles = _read("actors/roles.json")
    return ActorKnowledge(exact, lower, iso2, names, min(max_words + 2, 8), people,
                          frozenset(w.lower() for w in roles.get("representing", ())),
                          frozenset(w.lower() for w in roles.get("not_short_heads", ())),
                          frozenset(roles.get("military", {}).get("names", ())),
                          frozenset(roles.get("military", {}).get("members", ())),
                          frozenset(roles.get("quantifiers", ())))


def _put_phrase(exact: dict[str, Code], lower: dict[str, Code], phrase: str, code: Code,
                keep_first: bool = True) -> None:
    """File a phrase: acronyms as written (so "US" is not "us"), anything else in lower case."""
    if not phrase:
        return
    table, key = (exact, phrase) if is_acronym(phrase) else (lower, phrase.lower())
    if keep_first and key in table:
        return
    table[key] = code


def _country_records() -> list[Any]:
    """Country records from the shared countries.json (the entities layer reads the same file)."""
    return list(_read("countries.json")["countries"])


def _add_countries(countries: list[Any], exact: dict[str, Code], lower: dict[str, Code],
                   iso2: dict[str, str], names: dict[str, str]) -> None:
    """A country's names and aliases (also without "the"), demonyms (and their plurals, civilians) and capital."""
    for c in countries:
        iso3 = c.get("iso3")
        if not iso3:
            continue
        if c.get("iso2"):
            iso2[c["iso2"]] = iso3
        names.setdefault(iso3, c.get("name") or iso3)
        for name in [c.get("name"), *c.get("aliases", [])]:
            if name:
                _put_phrase(exact, lower, name, Code(iso3, "GOV", "country"))
                if name.lower().startswith("the "):
                    _put_phrase(exact, lower, name[4:], Code(iso3, "GOV", "country"))
        for dem in c.get("demonyms", []):
            _put_phrase(exact, lower, dem, Code(iso3, None, "demonym"))
            if not is_acronym(dem) and not dem.endswith("s"):
                _put_phrase(exact, lower, dem + "s", Code(iso3, "CVL", "demonym"))
        if c.get("capital"):
            _put_phrase(exact, lower, c["capital"], Code(iso3, "GOV", "capital"))


def _add_organisations(orgs: dict[str, Any], exact: dict[str, Code], lower: dict[str, Code]) -> None:
    """Organisations (overriding a country's phrase of the same name) and regions that stand for a country."""
    for org in orgs.get("organisations", []):
        code = Code(org.get("country"), org.get("sector"), "org")
        for name in [org["name"], *org.get("aliases", [])]:
            _put_phrase(exact, lower, name, code, keep_first=False)
    for name, iso3 in (orgs.get("regions") or {}).items():
        if not name.startswith("_"):
            _put_phrase(exact, lower, name, Code(iso3, None, "region"))


def _add_roles(roles: dict[str, Any], lower: dict[str, Code]) -> None:
    """Role words give a sector (and a few titles their country); they never displace a name of another kind."""
    role_countries = {k.lower(): v for k, v in (roles.get("countries") or {}).items()}
    for sector, words in (roles.get("sectors") or {}).items():
        for w in words:
            if w.lower() not in lower or lower[w.lower()].kind == "role":
                lower[w.lower()] = Code(role_countries.get(w.lower()), sector, "role")


def _people_codes(data: dict[str, Any]) -> dict[str, Code]:
    """Known people by full name, and by surname when every person of that surname has the same code."""
    people: dict[str, Code] = {}
    surnames: dict[str, list[Code]] = {}
    for person in data.get("people", []):
        code = Code(person.get("country"), person.get("sector"), "person")
        people[person["name"].lower()] = code
        surnames.setdefault(person["name"].split()[-1].lower(), []).append(code)
    for surname, codes in surnames.items():
        if surname not in people and len({(c.country, c.sector) for c in codes}) == 1:
            people[surname] = codes[0]
    return people


def code_words(words: list[str], spaced: list[bool] | None = None,
               ) -> tuple[str | None, str | None, list[tuple[int, int, Code]]]:
    """Country and sector of a phrase given as words, with the matches found.

    Longest matches first, left to right. The country is the first one named
    ("Israeli Prime Minister" -> ISR); the sector is the right-most one, since
    the head of an English noun phrase comes last ("Hamas fighters" -> REB).
    `spaced[i]` tells whether word i was followed by a space in the text, so
    that "People" + "'s" can match "People's" as written.
    """
    kb = knowledge()
    found: list[tuple[int, int, Code]] = []
    i = 0
    while i < len(words):
        hit = None
        for n in range(min(kb.max_words, len(words) - i), 0, -1):
            code = kb.lookup(" ".join(words[i:i + n]))
            if code is None and spaced is not None and n > 1:
                code = kb.lookup("".join(w + (" " if sp else "") for w, sp in
                                         zip(words[i:i + n], spaced[i:i + n])).strip())
            if code is not None:
                hit = (i, i + n, code)
                break
        if hit:
            found.append(hit)
            i = hit[1]
        else:
            i += 1
    country = next((c.country for _, _, c in found if c.country), None)
    sector = None
    for _, _, c in found:
        if c.sector:
            sector = c.sector
    return country, sector, found


def _np_tokens(head: Any) -> list[Any]:
    """The noun phrase of `head`: its left side, plus an "of" phrase ("government of Iraq")."""
    toks = [t for left in head.lefts for t in _bare_subtree(left)] + [head]
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "nmod") or (child.dep_ == "prep" and child.lower_ == "of"):
            toks.extend(_bare_subtree(child))
        elif child.dep_ == "prep" and child.lower_ == "for" and head.lower_ in knowledge().representing:
            toks.extend(_bare_subtree(child))  # "Lawyers for Ozy Media": whom they speak for
        elif child.dep_ == "prep" and child.lower_ in ("in", "from", "throughout") and not _is_event_noun(head):
            # people or things somewhere ("rebels in the Ivory Coast", "a jail in Israel");
            # an event somewhere is not an actor there ("a meeting in Cairo" is not Egypt)
            toks.extend(_bare_subtree(child))
    return sorted({t.i: t for t in toks if t.dep_ != "punct" or t.i == head.i}.values(), key=lambda t: t.i)


def _is_event_noun(tok: Any) -> bool:
    from newsgraph.analyse.events.lexicon import lexicon

    nouns = lexicon().nouns
    return tok.lemma_.lower() in nouns or tok.lower_ in nouns or any(
        f"{c.lower_} {tok.lemma_.lower()}" in nouns for c in tok.lefts)


def _bare_subtree(tok: Any) -> list[Any]:
    """A subtree without its clauses and appositions ("the resolution backed by ...")."""
    out = [tok]
    for child in tok.children:
        if child.dep_ not in ("relcl", "acl", "appos", "advcl", "ccomp", "conj", "cc"):
            out.extend(_bare_subtree(child))
    return out


@dataclass(frozen=True)
class Resolved:
    actor: Actor
    start: int
    end: int
    guess: bool = False  # a pronoun given the last name of its kind, with no coreference link


class ActorResolver:
    """Codes the actors of one document."""

    def __init__(self, ctx: AnalysisContext, doc: Any):
        self.ctx = ctx
        self.doc = doc
        self.text: str = doc.text  # Doc.text joins every token on each access: read it once
        self.ents: tuple[Any, ...] = tuple(doc.ents)  # so does Doc.ents build its spans
        self.entities: tuple[Entity, ...] = ctx.get(ENTITIES, ())
        self.attributions = ctx.get(ATTRIBUTIONS, ())
        self.gender: dict[str, str] = ctx.get(ENTITY_GENDER, {})
        self._armies: dict[str, str] | None = None  # country -> how the article names its army
        self._mentions = sorted(
            ((m.start, m.end, e) for e in self.entities for m in e.mentions), key=lambda x: x[0]
        )
        self.people: dict[str, tuple[str, str | None, str | None]] = {}
        self._sent_of: list[Any] = [None] * len(doc)  # token index -> its sentence
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self._sent_of[i] = sent
        self._profile_people()

    def sentence(self, i: int) -> Any:
        """The sentence of token i (Token.sent rebuilds all sentences on every call)."""
        return self._sent_of[i]

    def sent_start(self, i: int) -> int:
        return int(self._sent_of[i].start)

    # ---------------------------------------------------------------- entities
    def entity_at(self, start: int, end: int) -> Entity | None:
        best = None
        for s, e, ent in self._mentions:
            if s >= end:
                break
            if e > start and s < end and (best is None or (e - s) > (best[1] - best[0])):
                best = (s, e, ent)
        return best[2] if best else None

    def entity_by_id(self, eid: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == eid), None) if eid else None

    def _ent_span(self, toks: list[Any]) -> tuple[int, int, str, str, str | None] | None:
        """(start, end, type, name, entity_id) of the entity in a phrase, head-most first."""
        if not toks:
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        head_start = toks[-1].idx
        if self.entities:
            cands = [(s, e, ent) for s, e, ent in self._mentions if e > start and s < end]
            if cands:
                s, e, ent = max(cands, key=lambda c: (c[0] <= head_start < c[1], c[1] - c[0]))
                return s, e, ent.type, ent.name, ent.id
        ents = [x for x in self.ents if x.label_ in ACTOR_ENT_TYPES
                and x.end_char > start and x.start_char < end]
        if ents:
            x = max(ents, key=lambda x: (x.start_char <= head_start < x.end_char, x.end_char - x.start_char))
            return x.start_char, x.end_char, x.label_, _clean_name(x.text), None
        return None

    # ------------------------------------------------------------------ people
    def _profile_people(self) -> None:
        """Remember each person's fullest name, country and sector, keyed by surname."""
        for ent in self.entities:
            if ent.type != "PERSON":
                continue
            words = [w for t in ent.titles for w in t.split()]
            country, sector, _ = code_words(words)
            if ent.affiliation:
                country = code_words(ent.affiliation.split())[0] or country
            self._remember(ent.name, country, sector)
        for x in self.ents:
            if x.label_ != "PERSON":
                continue
            toks = [t for t in _np_tokens(x.root) if not (x.start <= t.i < x.end)]
            for child in x.root.children:
                if child.dep_ == "appos":
                    toks.extend(child.subtree)
            country, sector, _ = code_words([t.text for t in toks])
            self._remember(_clean_name(x.text), country, sector)

    def _remember(self, name: str, country: str | None, sector: str | None) -> None:
        parts = name.split()
        if not parts:
            return
        key = parts[-1]
        old = self.people.get(key)
        if old is None:
            self.people[key] = (name, country, sector)
            return
        self.people[key] = (
            name if len(name) > len(old[0]) else old[0],
            old[1] or country,
            old[2] or sector,
        )

    def names_actor(self, head: Any) -> bool:
        """Does the word itself name an actor (not merely carry one: "Aliyev's decision")?"""
        if head.pos_ == "PRON":
            return head.lower_ in PERSONAL | THIRD | FIRST
        if head.ent_type_ in ACTOR_ENT_TYPES or self.entity_at(head.idx, head.idx + len(head)) is not None:
            return True
        code = knowledge().lookup(head.text)
        return code is not None and code.kind in ("role", "country", "demonym", "org", "capital")

    # ----------------------------------------------------------------- phrases
    def resolve(self, head: Any, depth: int = 0) -> Resolved | None:
        """The actor a noun phrase names, or None when it names no actor."""
        if head is None or depth > 3:
            return None
        low = head.lower_
        if head.pos_ == "PRON" or low in PERSONAL | THIRD | FIRST | RELATIVE:
            return self._resolve_pronoun(head, depth)
        toks = _np_tokens(head)
        ent = self._ent_span(toks)
        kept = [t for t in toks if t.lower_ not in DETERMINERS]
        words = [t.text for t in kept]
        country, sector, found = code_words(words, [bool(t.whitespace_) for t in kept])
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        head_code = next((c for a, b, c in found if words[b - 1] == head.text and c.kind == "role"), None)
        if head_code is None and (country or ent is not None) and not (ent and ent[0] <= head.idx < ent[1]):
            # a role elsewhere in a phrase that names a country: "opposition groups in Zimbabwe"
            head_code = next((c for _, _, c in reversed(found) if c.kind == "role"), None)
        if ent is not None and ent[0] <= head.idx < ent[1] and ent[2] == "NORP" and (
                head.pos_ == "ADJ" or head.dep_ in ("amod", "compound")):
            # a demonym modifying something ("Israeli" in "an Israeli invasion") stands for its country
            c = code_words([head.text])[0] or country
            actor = Actor(knowledge().names.get(c or "", ent[3]), None, c, None)
        elif ent is not None and ent[0] <= head.idx < ent[1]:
            actor = self._entity_actor(ent, country, sector)
        elif head_code is not None and (titled := self._titled_person(head, toks) or self._lead_person(head, toks)):
            actor = self._from_entity(titled, head).actor
        elif head_code is not None and (short := self._short_name(head, toks)) is not None:
            actor = short.actor  # "the hospital" after "Al-Ahli Hospital": the body the article named
        elif head_code is not None:
            # a role with no name: "Israeli officials", "the prime minister"
            name = _phrase_text(toks)
            if len(name.split()) > 6 and ent is not None:  # a long phrase: its named part reads better
                name = ent[3]
            owner = self._pronoun_owner(head, depth)
            if owner is not None:  # "its fighters" in the Brigades' statement: the Brigades' fighters
                name = f"{owner.name} {_phrase_text([t for t in toks if t.dep_ != 'poss'])}"
                country = country or owner.country
            army = self._national_army(head, country, bare=ent is None and len(found) == 1)
            actor = Actor(army or name, None, country, head_code.sector)
        elif (org := next(((a, b, c) for a, b, c in found if c.kind == "org" and words[b - 1] == head.text), None)):
            # a known body named by a common phrase the tagger does not tag ("the Israeli army")
            actor = Actor(" ".join(words[org[0]:org[1]]), None, org[2].country, org[2].sector)
        elif ent is not None and _owned_name(head, ent[0]):
            # "Elon Musk's X": the proper name owned, not its owner
            actor = Actor(_phrase_text([t for t in head.lefts if t.dep_ in ("compound", "flat")] + [head]),
                          None, None, None)
        elif ent is not None or country:
            # an actor modifying a thing: "an Israeli invasion" names Israel
            named = code_words(ent[3].split())[2] if ent is not None else []
            if ent is not None and ent[2] in ("PERSON", "ORG") and not any(
                    c.kind in ("country", "demonym") for _, _, c in named):
                actor = self._entity_actor(ent, None, None)
            else:
                cname = knowledge().names.get(country) if country else None
                actor = Actor(cname or (ent[3] if ent else " ".join(words)), ent[4] if ent and not cname else None,
                              country, "GOV" if (ent and ent[2] == "GPE") else None)
        else:
            short = self._short_name(head, toks)
            if short is None:
                return None
            actor = short.actor
        return Resolved(actor, start, end)

    def _short_name(self, head: Any, toks: list[Any]) -> Resolved | None:
        """"The strip" for "the Gaza Strip": a definite noun alone is the one place or body named in the
        article whose name ends in it (a lead may say "the strip" before the name); of several ("Al
        Awda Hospital", "Al-Ahli Hospital"), the one named last in this or the previous sentence.
        Never for the heads of roles.json's `not_short_heads` ("the state" is seldom the Islamic
        State)."""
        if head.pos_ != "NOUN" or head.lower_ in knowledge().not_short_heads:
            return None
        if [t.lower_ for t in toks] != ["the", head.lower_]:
            return None
        found = {e.id: e for e in self.entities if e.type in ("GPE", "LOC", "FAC", "ORG")
                 and len(e.name.split()) > 1 and e.name.split()[-1].lower() == head.lower_}
        if len(found) > 1:
            sent = self.sentence(head.i)
            lo = self.doc[self.sentence(sent.start - 1).start if sent.start > 0 else sent.start].idx
            recent = [e for s, _e, e in self._mentions if lo <= s < head.idx and e.id in found]
            found = {recent[-1].id: recent[-1]} if recent else {}
        if len(found) != 1:
            return None
        return self._from_entity(next(iter(found.values())), head)

    def _clause_subject(self, tok: Any, depth: int) -> Resolved | None:
        """"The hospital stopped working after the army raided it": "it" is not its own verb's
        subject; the nearest clause above it whose subject is a thing or body the article names
        ("the hospital" -> Al-Ahli Hospital) is what it stands for. Never a person."""
        verb = tok.head
        node = verb
        for _ in range(3):
            if node.head.i == node.i:
                return None
            node = node.head
            subj = next((c for c in node.children if c.dep_ == "nsubj" and c.i < tok.i
                         and c.pos_ == "NOUN"), None)
            res = self.resolve(subj, depth + 1) if subj is not None else None
            if res is not None and res.actor.entity_id is not None:
                ent = self.entity_by_id(res.actor.entity_id)
                return None if ent is None or ent.type == "PERSON" else res
        return None

    def _entity_actor(self, ent: tuple[int, int, str, str, str | None], country: str | None,
                      sector: str | None) -> Actor:
        s, e, etype, name, eid = ent
        ecountry, esector, _ = code_words(name.split())
        ent_obj = self.entity_by_id(eid)
        if etype == "PERSON":
            prof = self.people.get(name.split()[-1]) if name.split() else None
            if prof:
                name = prof[0] if len(prof[0]) >= len(name) else name
                country = country or prof[1]
                sector = sector or prof[2]
            if ent_obj is not None:
                c2, s2, _ = code_words([w for t in ent_obj.titles for w in t.split()])
                country = country or c2 or (code_words(ent_obj.affiliation.split())[0]
                                            if ent_obj.affiliation else None)
                sector = sector or s2
            known = _known_person(name)
            if known is not None:
                country = country or known.country
                sector = sector or known.sector
        elif etype in ("GPE", "LOC", "FAC"):
            code = knowledge().lookup(name)
            if code is not None and code.kind == "capital" and code.country:
                # a capital as an actor is its government: "accused Pyongyang" names North Korea
                name = knowledge().names.get(code.country, name)
                eid = None
            country = ecountry or country or self._place_country(s, e)
            sector = sector if sector and sector != "GOV" else ("GOV" if etype == "GPE" else sector)
        elif etype == "NORP":  # a people as the head: "Palestinians"
            country = ecountry or country
            sector = sector or esector or "CVL"
        else:
            country = ecountry or country
            sector = esector or sector
        return Actor(name=name, entity_id=eid, country=country, sector=sector)

    def _place_country(self, start: int, end: int) -> str | None:
        for p in self.ctx.get(PLACES, ()):
            if p.start < end and p.end > start and p.country:
                return knowledge().iso2_to_iso3.get(p.country)
        return None

    def _resolve_pronoun(self, tok: Any, depth: int) -> Resolved | None:
        low = tok.lower_
        if low not in PERSONAL | THIRD | FIRST | RELATIVE:
            # "all of the exonerees", "those who ...", "some": a quantity of its "of" phrase, never
            # a name from elsewhere in the text
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if pobj is not None:
                return self.resolve(pobj, depth + 1)
            if low in ("those", "anyone", "everyone", "whoever") and any(c.dep_ == "relcl" for c in tok.children):
                # "condemns those who want to blame the poor": people described by what they do
                span = self.doc[tok.i: tok.right_edge.i + 1]
                return Resolved(Actor(" ".join(span.text.split()), None, None, "CVL"), span.start_char, span.end_char)
            return None
        if low in ("it", "its") and tok.dep_ in ("dobj", "pobj"):
            own = self._clause_subject(tok, depth)  # before the speaker: "X said the hospital ... raided it"
            if own is not None:
                return own
        if low in THIRD:
            own = self._speaker_itself(tok)
            if own is not None:
                return own
        ent = self.entity_at(tok.idx, tok.idx + len(tok))  # coreference may have linked it
        if ent is not None:
            return self._from_entity(ent, tok)
        if low in RELATIVE:
            head = tok.head
            while head.dep_ not in ("relcl", "acl") and head.head.i != head.i:
                head = head.head
            if head.dep_ not in ("relcl", "acl"):
                return None
            res = self.resolve(head.head, depth + 1)
            if (res is None or res.actor.entity_id is None) and head.head.dep_ == "appos" \
                    and head.head.head.i != head.head.i:
                # "Hamas, an armed group that massacred ...": the description stands for the name it
                # describes
                res = self.resolve(head.head.head, depth + 1) or res
            return res
        if low in FIRST:
            return self._speaker_of(tok, depth)
        if self.entities:
            # "they" are people or organisations, seldom a place; "it" an organisation or a country
            kinds = {"PERSON"} if low in PERSONAL else {"ORG", "GPE"} if low in ("it", "its") else {"ORG", "NORP"}
            return self._last_named(tok, kinds) or (self._cataphor(tok) if low in PERSONAL else None)
        want = {"PERSON"} if low in PERSONAL else {"ORG", "GPE", "NORP"}
        best = None
        for x in self.ents:
            if x.end > tok.i:
                break
            if x.label_ in want and tok.i - x.end < 120:
                best = x
        if best is None:
            return None
        res = self.resolve(best.root, depth + 1)
        return replace(res, guess=True) if res is not None else None

    def _cataphor(self, tok: Any) -> Resolved | None:
        """"After he filed the lawsuit, Lionel sat for an interview": a he/she in a clause that opens
        the sentence, with nobody named before it, is the person the main clause names as subject."""
        clause = tok.head
        while clause.dep_ not in ("advcl", "ROOT") and clause.head.i != clause.i:
            clause = clause.head
        main = clause.head
        if clause.dep_ != "advcl" or clause.i > main.i:
            return None
        subj = next((c for c in main.children if c.dep_ == "nsubj" and c.i > clause.i), None)
        ent = self.entity_at(subj.idx, subj.idx + len(subj)) if subj is not None else None
        if ent is None or not (ent.type == "PERSON" or gender_of_first_name(ent.name.split()[0])):
            return None  # (the tagger calls some people organisations: a first name says otherwise)
        clash = "f" if tok.lower_ in ("he", "him", "his") else "m"
        return None if self._gender(ent) == clash else self._from_entity(ent, tok)

    def _pronoun_owner(self, head: Any, depth: int) -> Actor | None:
        """The actor a possessive pronoun on a role word stands for ("its" in "its fighters")."""
        poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in THIRD | PERSONAL), None)
        res = self._resolve_pronoun(poss, depth + 1) if poss is not None else None
        return res.actor if res is not None else None

    def _titled_person(self, head: Any, toks: list[Any]) -> Entity | None:
        """"The pope", "the judge", "the former senator": a definite role phrase with no name of its
        own is the one person of the article the entities layer gave that title (when only one has it).
        What follows the role ("a former senator in Haiti's parliament") may name places; what comes
        before it may not ("Norland's minister" is another country's). An indefinite role ("a former
        senator was sentenced ... The former senator, Joseph John, ...") is that person only before
        the article names them: after it, "a senator" introduces someone else."""
        if head.tag_ != "NN" or not toks or toks[0].lower_ not in ("the", "a", "an") or any(
                t.pos_ in ("PROPN", "PRON", "NUM") for t in toks if t.i <= head.i):
            return None
        role = head.lower_
        holders = [e for e in self.entities if e.type == "PERSON"
                   and any(t.lower().split()[-1:] == [role] for t in e.titles)]
        if len(holders) != 1:
            return None
        if toks[0].lower_ != "the" and any(m.start < head.idx for m in holders[0].mentions):
            return None
        return holders[0]

    def _national_army(self, head: Any, country: str | None, bare: bool) -> str | None:
        """"Israeli occupation forces", "the occupation army": one country's armed forces, named as the
        article names them ("the Israeli army") when it does so for exactly one form (roles.json
        `military`). Without a country in the phrase, only when the phrase names nothing else ("UN
        troops" are not that army) and the article names one country's army."""
        kb = knowledge()
        if head.lower_ not in kb.army_members:
            return None
        if self._armies is None:
            found: dict[str, set[str]] = {}
            for t in self.doc:
                if t.lower_ in kb.army_names:
                    for c in t.lefts:
                        code = kb.lookup(c.text) if c.dep_ in ("amod", "compound") else None
                        if code is not None and code.kind in ("demonym", "country") and code.country:
                            found.setdefault(code.country, set()).add(f"{c.text} {t.lower_}")
            self._armies = {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
        if country is not None:
            return self._armies.get(country)
        return next(iter(self._armies.values())) if bare and len(self._armies) == 1 else None

    def _lead_person(self, head: Any, toks: list[Any]) -> Entity | None:
        """A lead that names its subject only by description: "A former Norland soldier pleaded guilty
        Friday. Arno Veld, 45, had fled ..." The description is the person the next sentence opens
        on, when the article has named no person before it and that subject is a person's name."""
        if not toks or toks[0].lower_ not in ("a", "an") or head.tag_ != "NN":
            return None
        if any(e.type == "PERSON" and m.start < head.idx for e in self.entities for m in e.mentions):
            return None
        sent = self.sentence(head.i)
        if sent.end >= len(self.doc):
            return None
        nxt = self.sentence(sent.end)
        subj = next((c for c in nxt.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        span = (self.doc[subj.left_edge.i].idx, subj.idx + len(subj))
        if not any(e.type == "PERSON" for s, e_, e in self._mentions if span[0] <= s < span[1]):
            return None
        return self.entity_at(subj.idx, subj.idx + len(subj))

    def _speaker_itself(self, tok: Any) -> Resolved | None:
        """"The Al-Qassam Brigades, the military wing of Hamas, said that it renewed its
        bombardment": "it"/"its"/"they" in what an organisation says is the organisation, unless
        another organisation is named in between."""
        for a in self.attributions:
            if not (a.content.start <= tok.idx < a.content.end):
                continue
            ent = self.entity_by_id(a.speaker.entity_id)
            if ent is None or ent.type == "PERSON" or a.speaker.start is None:
                return None
            lo, hi = min(a.speaker.end or 0, a.content.start), tok.idx
            rivals = [e for s, e_, e in self._mentions if lo <= s < hi and e.type in ("ORG", "GPE", "NORP") and e.id != ent.id]
            return None if rivals else self._from_entity(ent, tok)
        return None

    def _last_named(self, tok: Any, types: set[str]) -> Resolved | None:
        """A pronoun with no coreference link: the entity of its kind (a person for he/she) the
        entities layer last named before it in the same or the previous sentence. The entities
        layer's types beat the tagger's (spaCy tags "Palacios" ORG, and would hand "he" to a person
        named earlier); further back, a pronoun's referent is a guess, and no actor is better than
        a wrong one."""
        sent = self.sentence(tok.i)
        floor = self.sentence(sent.start - 1).start if sent.start > 0 else sent.start
        lo = self.doc[floor].idx
        best = None
        clash = {"he": "f", "him": "f", "his": "f", "she": "m", "her": "m", "hers": "m"}.get(tok.lower_)
        for s, _end, ent in self._mentions:
            if s >= tok.idx:
                break
            if s >= lo and ent.type in types and (clash is None or self._gender(ent) != clash):
                best = ent  # "Moïse and his wife, Martine, when he was killed": not Martine
        return replace(self._from_entity(best, tok), guess=True) if best is not None else None

    def _gender(self, ent: Entity) -> str | None:
        """A person's gender: the first name's, else the entities layer's (which may read it off the
        very pronoun being resolved: "his wife, Martine, when he was killed")."""
        first = ent.name.split()[0] if ent.name.split() else ""
        return gender_of_first_name(first) or self.gender.get(ent.id)

    def from_entity(self, ent: Entity, tok: Any) -> Resolved:
        """An entity as the actor named at `tok` (for other modules: a document's maker)."""
        return self._from_entity(ent, tok)

    def _from_entity(self, ent: Entity, tok: Any) -> Resolved:
        words = [w for t in ent.titles for w in t.split()] + ent.name.split()
        country, sector, _ = code_words(words)
        if ent.affiliation:
            country = code_words(ent.affiliation.split())[0] or country
        if ent.type == "PERSON" and ent.name.split():
            prof = self.people.get(ent.name.split()[-1])
            if prof:
                country, sector = country or prof[1], sector or prof[2]
            known = _known_person(ent.name)
            if known is not None:
                country, sector = country or known.country, sector or known.sector
        if ent.type == "GPE" and sector is None:
            sector = "GOV"
        return Resolved(Actor(ent.name, ent.id, country, sector), tok.idx, tok.idx + len(tok))

    def speaker_actor(self, sp: Any) -> Resolved | None:
        """An attribution's speaker as an actor: its entity when it has one, else the phrase."""
        if sp.start is None or sp.end is None:
            return None
        span = self.doc.char_span(sp.start, sp.end, alignment_mode="expand")
        if span is None:
            return None
        ent = self.entity_by_id(sp.entity_id)
        return self._from_entity(ent, span.root) if ent is not None else self.resolve(span.root)

    def _speaker_of(self, tok: Any, depth: int) -> Resolved | None:
        """`we`/`I` inside reported speech: the speaker of that speech."""
        for a in self.attributions:
            if a.content.start <= tok.idx < a.content.end:
                sp = a.speaker
                ent = self.entity_by_id(sp.entity_id)
                if ent is not None:
                    return self._from_entity(ent, tok)
                if sp.start is not None:
                    span = self.doc.char_span(sp.start, sp.end, alignment_mode="expand")
                    if span is not None and span.root.i != tok.i:
                        return self.resolve(span.root, depth + 1)

        speech = reporting_verbs()
        sent = self.sentence(tok.i)
        for t in sent:
            if t.lemma_ in speech and t.pos_ == "VERB" and not (t.left_edge.i <= tok.i <= t.right_edge.i and
                                                                  _inside_subject(t, tok)):
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.i != tok.i and subj.lower_ not in FIRST:
                    return self.resolve(subj, depth + 1)
        return None


def _owned_name(head: Any, ent_start: int) -> bool:
    """A proper name whose phrase names an actor only in its possessor ("Elon Musk's X"; the tagger
    reads a one-letter name as a common noun, so a capital after the possessor counts)."""
    if head.pos_ != "PROPN" and not (head.pos_ == "NOUN" and head.text[:1].isupper()):
        return False
    return any(c.dep_ == "poss" and c.left_edge.idx <= ent_start <= c.idx for c in head.children)


def _known_person(name: str) -> Code | None:
    """A well-known figure from people.json, by full name, else by an unambiguous surname."""
    people = knowledge().people
    low = " ".join(name.lower().split())
    if low in people:
        return people[low]
    parts = low.split()
    return people.get(parts[-1]) if parts and len(parts[-1]) > 3 else None


def _phrase_text(toks: list[Any]) -> str:
    """The phrase as written, without a leading determiner or vague quantity: "Chile's foreign
    minister", "doctors" for "several doctors"."""
    toks = [t for t in toks if t.dep_ != "punct"]
    while toks and (toks[0].lower_ in DETERMINERS or toks[0].lower_ in knowledge().quantifiers):
        toks = toks[1:]
    if not toks:
        return ""
    return " ".join(toks[0].doc[toks[0].i: toks[-1].i + 1].text.split())


def _inside_subject(verb: Any, tok: Any) -> bool:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.left_edge.i <= tok.i <= subj.right_edge.i


def _clean_name(text: str) -> str:
    text = " ".join(text.split())
    for suffix in ("'s", "’s", "’", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    if text.lower().startswith("the "):
        text = text[4:]
    return text
