"""Corpus entities: one id for one real-world entity across every stored article.

Each article's entity layer gives, per entity, a canonical name, aliases,
titles and a type. Linking an article adds its entities to the corpus:

* names become keys (`names.name_key`: case, punctuation, "the", company
  designators and country spellings do not count); an entity meets the
  corpus entities that share one of its keys;
* organisations, places and things join on their name: the key of the
  article's name must be a name or an alias key of the corpus entity, or a
  multi-word alias of the article's entity must be its name ("Apple Inc."
  and "Apple" join, "Apple Corps" and "Apple" do not);
* people join on the full name or the surname, only when the first names
  agree ("Tony"/"Antony", an initial) and the article shares evidence with
  the person's earlier articles: another corpus entity seen with them, or a
  title word. Two John Smiths in unrelated stories share neither, so they
  stay two people; "Blinken" in an article about the State Department
  joins "Antony Blinken";
* pronouns, bare titles and descriptions ("I", "he", "the minister") are no
  names (`names.is_name`) and get no corpus entity.

Linking is incremental: an article is linked against what is stored, when
it is stored, in the same transaction, and only reads the keys it needs.
Because a decision depends only on the articles stored before, `rebuild`
(every article again, in ingest order) gives the same ids. A corpus
entity's id is derived from the article and entity that founded it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from json.encoder import encode_basestring_ascii as _json_str
from typing import Any, NamedTuple, Protocol

from newsgraph.analyse.entities.products import is_model_key, is_model_number
from newsgraph.corpus.names import first_names_agree, is_name, keys_of, person_parts, title_words

PERSON = "PERSON"
# Co-occurring corpus entities remembered per person: the first ones seen, then each new one, the
# oldest dropped when full. A person seen again with known company changes nothing, so costs no write.
PROFILE_SIZE = 60
# Corpus entities a Store keeps in its linking session between transactions (Store._session): past this
# many it starts a new one, so a long ingest holds a bounded part of the corpus in memory.
SESSION_MAX = 20000
# How a key of the article's entity met a corpus entity, strongest first.
NAME, ALIAS, WEAK = 3, 2, 1
_KINDS = frozenset({"name", "alias"})  # of a key (corpus_keys.kind)
_NO_WORDS: frozenset[str] = frozenset()


class EntityLike(Protocol):
    """What linking reads of one article entity: a model Entity as the store is given it, or an `Ent`.

    The store hands linking its documents' Entity objects as they are: making a record of each
    (an `Ent`, a named tuple) and reading its fields (a named tuple's cost more than a dataclass's)
    was about 0.1 M instructions per stored document.
    """

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...
    @property
    def titles(self) -> tuple[str, ...]: ...


class Ent(NamedTuple):
    """An article entity read back from its stored row (`ents_from_rows`), for linking (`EntityLike`)."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()


@dataclass(slots=True)  # made for every key a linked article meets: slots make that cheaper
class Corpus:
    """One corpus entity as linking sees it (a row of corpus_entities plus its keys)."""

    id: str
    name: str
    type: str
    first_art: int
    raw: str | None = None  # the stored profile, parsed when a decision first needs it
    _ctx: list[str] = field(default_factory=list)  # co-occurring corpus ids, oldest first
    _titles: set[str] = field(default_factory=set)
    _firsts: set[str] = field(default_factory=set)
    keys: dict[str, str] = field(default_factory=dict)  # key -> "name" | "alias"
    dirty: bool = False
    new: bool = False
    person: bool = field(init=False)  # asked for every candidate of every entity: kept, not recomputed

    def __post_init__(self) -> None:
        self.person = self.type == PERSON

    def _parse(self) -> None:
        if self.raw is not None:
            ctx, titles, firsts = _parsed_profile(self.raw)
            self.raw = None
            self._ctx, self._titles, self._firsts = list(ctx), set(titles), set(firsts)

    @property
    def ctx(self) -> list[str]:
        self._parse()
        return self._ctx

    @property
    def titles(self) -> set[str]:
        self._parse()
        return self._titles

    @property
    def firsts(self) -> set[str]:
        self._parse()
        return self._firsts


@lru_cache(maxsize=4096)
def _parsed_profile(raw: str) -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    """A stored profile, parsed once per distinct text: every transaction that meets a known
    person reads it again, and a profile only changes by being written anew (a new text)."""
    prof = json.loads(raw)
    return tuple(prof["ctx"]), frozenset(prof["titles"]), frozenset(prof["first"])


def _profile(c: Corpus) -> str | None:
    if not c.person:
        return None
    return _profile_json(c.ctx[-PROFILE_SIZE:], sorted(c.titles), sorted(c.firsts))


def _profile_json(ctx: list[str], titles: list[str], firsts: list[str]) -> str:
    """The text json.dumps({"ctx": ctx, "titles": titles, "first": firsts}, separators=(",", ":")) gives.

    Every changed person's profile is written on every transaction, and json.dumps spends most of its
    time setting up an encoder: three lists of strings need only each string's JSON form (the same C
    function json.dumps uses for them) joined.
    """
    return f'{{"ctx":[{_json_items(ctx)}],"titles":[{_json_items(titles)}],"first":[{_json_items(firsts)}]}}'


_JSON_AS_IS = bytes(b for b in range(0x20, 0x7f) if b not in b'"\\')


def _json_items(items: list[str]) -> str:
    """The items of a JSON list of these strings, as json.dumps writes them (ensure_ascii, "," between)."""
    if not items:
        return ""
    plain = "".join(items)
    # Printable ASCII but for a quote or a backslash is JSON as it is: corpus ids and most words are, and
    # checking them all at once costs less than encoding each string (bytes.translate deleting the
    # characters that need no escaping is a table look-up per byte, str.isprintable a function call).
    if plain.isascii() and not plain.encode().translate(None, _JSON_AS_IS):
        return '"' + '","'.join(items) + '"'
    return ",".join(map(_json_str, items))


def corpus_id(doc: str, entity_id: str) -> str:
    """The id of a corpus entity founded by one article's entity: stable, and the same after a rebuild."""
    return "c" + hashlib.sha1(f"{doc}:{entity_id}".encode()).hexdigest()[:12]


class Session:
    """The corpus as the linking of one transaction's articles sees it: what it read, created or changed.

    Reads happen per article, for the keys that article probes and no earlier one of the
    transaction did; writes wait until `flush`, before the commit. A corpus entity several
    articles of the transaction meet is read, parsed and written once. Every decision reads
    only probed keys, so the in-memory picture is what the store would show after each
    article (a key first probed after a merge is read from the store and mapped to the
    survivor, as the merge's SQL will have it), and the ids are those of linking one article
    at a time. After the commit that picture is still the store's until something else writes
    to it, so a Store may keep the session for its next transaction (`renew`, Store._session).
    """

    def __init__(self, conn: sqlite3.Connection, *, key_index: bool = True):
        self.conn = conn
        # False while migration 8 links a store older than migration 13's partial corpus-id index (`_write`).
        self.key_index = key_index
        self.by_id: dict[str, Corpus] = {}
        self.by_key: dict[str, set[str]] = {}
        # `candidates` per key tuple, and the tuples each key is in: a recurring name meets the same corpus
        # entities article after article, and a key's entry goes when its corpus entities change (`_changed`).
        self.cands: dict[tuple[str, ...], list[Corpus]] = {}
        self.cands_of: dict[str, set[tuple[str, ...]]] = {}
        self.probed: set[str] = set()
        self.new_keys: list[tuple[str, str, str]] = []
        # Corpus entities made dirty since the last flush, in that order (created ones in by_id's order):
        # a kept session holds thousands of entities, and a flush that looked at each of them for what
        # changed cost more than the transaction's own linking.
        self.touched: list[Corpus] = []
        self.recreated = False  # an id made again while in by_id: its place there is not in `touched`
        # (loser, survivor, stored): a merge of an entity already stored or handed to an article
        self.merged: list[tuple[str, str, bool]] = []
        self.moved: dict[str, str] = {}  # loser -> survivor, to map keys read after the merge
        self.handed: set[str] = set()  # ids given to the entities of earlier articles
        self.planned: dict[str, Planned] = {}

    def load(self, probe: set[str]) -> None:
        """Read the corpus entities of the keys no earlier article of the session probed."""
        keys = sorted(probe - self.probed)
        self.probed.update(keys)
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            # fetchall: the Store's cursor checks errors in Python on every step of an iteration
            for key, cid, kind, name, typ, first_art, profile in self.conn.execute(
                    "SELECT k.key, k.corpus_id, k.kind, c.name, c.type, c.first_art, c.profile FROM corpus_keys k "
                    f"JOIN corpus_entities c ON c.id = k.corpus_id WHERE k.key IN ({', '.join('?' for _ in part)})",
                    part).fetchall():
                while cid in self.moved:
                    cid = self.moved[cid]
                c = self.by_id.get(cid)
                if c is None:
                    c = self.by_id[cid] = Corpus(cid, name, typ, first_art, raw=profile)
                if c.keys.get(key) != "name":  # after a merge, the name kind wins (as the merge's SQL does)
                    c.keys[key] = kind
                self.by_key.setdefault(key, set()).add(cid)
                self._changed(key)

    def prefetch(self, articles: Iterable[tuple[str, Sequence[EntityLike]]]) -> None:
        """Read the keys of all the transaction's articles (doc, entities) in one go, before linking the first.

        Equivalent to reading them article by article: nothing is written before `flush`, and a
        key read early is kept up to date in memory (merges move it) as one read later would be.
        Each article's plan is kept for its `link`, which must get the same entities.
        """
        probe: set[str] = set()
        for doc, ents in articles:
            plan = self.planned[doc] = _plan(ents)
            probe |= plan[1]
        self.load(probe)

    def candidates(self, keys: tuple[str, ...]) -> list[Corpus]:
        """The corpus entities of these keys, by id (linking's order among equals); not to be changed."""
        got = self.cands.get(keys)
        if got is not None:
            return got
        got = self.cands[keys] = self._candidates(keys)
        for k in keys:
            self.cands_of.setdefault(k, set()).add(keys)
        return got

    def _changed(self, key: str) -> None:
        """The corpus entities of `key` changed: forget the candidates of the key tuples it is in."""
        for keys in self.cands_of.pop(key, ()):
            self.cands.pop(keys, None)

    def _candidates(self, keys: tuple[str, ...]) -> list[Corpus]:
        by_key = self.by_key
        ids: set[str] | None = None
        for k in keys:
            found = by_key.get(k)
            if found:  # most keys meet one corpus entity or none: no set is made for them
                ids = found if ids is None else ids | found
        if not ids:
            return []
        by_id = self.by_id
        return [by_id[i] for i in sorted(ids)]

    def add_key(self, c: Corpus, key: str, kind: str) -> None:
        have = c.keys.get(key)
        if have == "name" or have == kind:
            return
        c.keys[key] = kind
        self.by_key.setdefault(key, set()).add(c.id)
        self._changed(key)
        self.new_keys.append((key, c.id, kind))

    def merge(self, loser: Corpus, survivor: Corpus) -> None:
        """Two corpus entities are one: the survivor takes the loser's keys and mentions."""
        for key, kind in loser.keys.items():
            self.by_key[key].discard(loser.id)
            self._changed(key)
            self.add_key(survivor, key, kind)
        self.new_keys = [k for k in self.new_keys if k[1] != loser.id]
        del self.by_id[loser.id]
        self.moved[loser.id] = survivor.id
        if not loser.new or loser.id in self.handed:
            self.merged.append((loser.id, survivor.id, not loser.new))

    def create(self, cid: str, e: EntityLike, art: int) -> Corpus:
        c = Corpus(cid, e.name, e.type, art, new=True, dirty=True)
        if cid in self.by_id:
            self.recreated = True
            self.cands.clear()  # they may hold the entity it replaces
            self.cands_of.clear()
        self.by_id[cid] = c
        self.touched.append(c)
        return c

    def touch(self, c: Corpus) -> None:
        """`c` changed: the flush writes it."""
        if not c.dirty:
            c.dirty = True
            self.touched.append(c)

    def to_write(self) -> tuple[list[Corpus], list[Corpus]]:
        """(created, changed): the corpus entities the flush writes (merged-away ones are no longer in by_id)."""
        by_id = self.by_id
        if self.recreated:
            return ([c for c in by_id.values() if c.new], [c for c in by_id.values() if c.dirty and not c.new])
        live = [c for c in self.touched if by_id.get(c.id) is c]
        return [c for c in live if c.new], [c for c in live if not c.new]

    def link(self, doc: str, art: int, entities: Iterable[EntityLike]) -> dict[str, str]:
        """Link one article (see `link`); its ids are final unless a later article merges one."""
        out = _link(self, doc, art, entities)
        self.handed.update(out.values())
        return out

    def renew(self) -> None:
        """Ready for another transaction after this one's commit, keeping what it read: the caller has made
        sure nothing else wrote to the store since (its keys, entities and profiles are the stored ones)."""
        self.planned.clear()
        self.handed.clear()
        self.moved.clear()

    def flush(self) -> None:
        """Write what the session's articles changed; the caller's transaction commits it."""
        _write(self.conn, self)
        self.new_keys, self.merged = [], []
        for c in self.by_id.values() if self.recreated else self.touched:
            c.new = c.dirty = False
        self.touched, self.recreated = [], False


def _strength(ck: dict[str, str], key: str, multi: tuple[str, ...]) -> int:
    """How strongly an entity's name key met a candidate with keys `ck`: its name's key (NAME), an alias
    key, or a multi-word alias of the entity that is the candidate's name (ALIAS), else WEAK."""
    kind = ck.get(key)
    if kind == "name":
        return NAME
    if kind == "alias" or (multi and any(ck.get(a) == "name" for a in multi)):
        return ALIAS
    return WEAK


def _pick_thing(typ: str, key: str, multi: tuple[str, ...], weak: str | None, cands: list[Corpus],
                taken: set[str]) -> Corpus | None:
    """An organisation, place or thing joins the corpus entity its name names."""
    best, best_rank = None, None
    for c in cands:
        if c.person:
            continue
        s = _strength(c.keys, key, multi)
        # Only the name's first word meets it: join when the name extends that one-word name
        # ("iTunes Store" and "iTunes"), the types agree and it is not another entity of this article.
        # A model is not its line ("iPhone 4", "iPod nano" and "iPhone", "iPod"): `weak` is then None.
        if s == WEAK and (weak is None or c.keys.get(weak) != "name" or c.id in taken or c.type != typ):
            continue
        rank = (s, -c.first_art)
        if best_rank is None or rank > best_rank:
            best, best_rank = c, rank
    return best


def _pick_person(key: str, multi: tuple[str, ...], cands: list[Corpus], ctx: set[str], first: str | None,
                 surname: str, words: frozenset[str]) -> Corpus | None:
    """A person joins the person with the same name whose earlier articles share evidence with this one."""
    best, best_rank = None, None
    for c in cands:
        if not c.person:
            continue
        ck = c.keys
        if ck.get(surname) is None:
            continue
        if c.raw is not None:
            c._parse()
        firsts = c._firsts
        if (first is not None and firsts and first not in firsts
                and not any(first_names_agree(first, f) for f in firsts)):
            continue
        evidence = len(ctx.intersection(c._ctx)) + len(words & c._titles)
        s = _strength(ck, key, multi)
        if evidence == 0 and not (not ctx and not words and s == NAME and first is not None):  # not lonely
            continue
        rank = (evidence, s, -c.first_art)
        if best_rank is None or rank > best_rank:
            best, best_rank = c, rank
    return best


def _merge_split(view: Session, chosen: Corpus, split: tuple[str, ...], taken: set[str]) -> Corpus:
    """An entity named "Apple Computer" with the alias "Apple" says the corpus entities of both names are one.

    Needed because one article may have given them apart ("Apple Computer"
    and "Apple" as two entities) before another joined them. The alias must
    be the first word(s) of the name, and the other corpus entity not be a
    different entity of this article (`split`: the aliases that are, from the entity's plan). The older
    id survives, so ids already exported stay valid for the earlier mentions.
    """
    for a in split:
        for other in view.candidates((a,)):
            if other is chosen or other.person or other.keys.get(a) != "name" or other.id in taken:
                continue
            survivor, loser = sorted((chosen, other), key=lambda c: (c.first_art, c.id))
            view.merge(loser, survivor)
            chosen = survivor
    return chosen


def link(conn: sqlite3.Connection, doc: str, art: int, entities: Iterable[EntityLike]) -> dict[str, str]:
    """Give every named entity of one stored article a corpus id; returns entity id -> corpus id.

    Runs inside the caller's transaction. Reads the corpus entities that
    share a key with this article's entities, writes the new ones, new keys
    and the changed person profiles. Several articles in one transaction
    link cheaper through one `Session`.
    """
    session = Session(conn)
    out = session.link(doc, art, entities)
    session.flush()
    return out


# Per name, type and aliases: (name key, alias keys, keys to look up, keys whose corpus entities are
# candidates, rank in linking's order as one int (`_order`), a person's first name and surname (else None
# and ""), the alias keys of several words, the first word of the name when it may join a one-word name
# (`_pick_thing`), the aliases whose corpus entities the entity merges (`_merge_split`), the rank as a
# tuple), or None for no name. The same names recur in article after article, and this was most of
# linking's own work when made afresh for every entity.
Rank = tuple[bool, int, int]
EntityPlan = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], int | Rank, str | None,
                   str, tuple[str, ...], str | None, tuple[str, ...], Rank]
# One named entity of an article: (rank, id, position, entity, its id's plan, its own plan); sorting these
# gives linking's order (things first, then longer names; the id, then the article's order among equals).
Named = tuple[int | Rank, str, int, EntityLike, EntityPlan, EntityPlan]
# An article's named entities, in its order, and every key linking will look up.
Planned = tuple[list[Named], set[str]]


@lru_cache(maxsize=1 << 16)
def _entity_plan(name: str, typ: str, aliases: tuple[str, ...]) -> EntityPlan | None:
    if not name or not is_name(name):
        return None
    key, alias_keys = keys_of(name, aliases)
    first: str | None = None
    surname = ""
    if typ == PERSON:
        first, surname = person_parts(name)
        if surname and surname not in alias_keys and surname != key:
            alias_keys.append(surname)
    elif typ == "PRODUCT" and " " in key and is_model_number(name.split()[-1]):
        alias_keys.append(key.split()[-1])  # "Airbus A380" is also "the A380"
    probe = [key, *alias_keys]
    cands = [key, *alias_keys]
    weak = None
    if " " in key:
        cands.append(key.split()[0])
        if typ != PERSON:
            probe.append(key.split()[0])  # "iTunes Store" may join "iTunes" (see _pick_thing)
        word = key.split()[0]
        if key.startswith(word + " ") and not is_model_key(key, word):
            weak = word
    # "iPod Nano" with the alias "iPod": a model, not its line, so no merge
    split = tuple(a for a in alias_keys if key.startswith(a + " ") and not is_model_key(key, a))
    rank = (typ == PERSON, -len(name.split()), -len(name))
    return (key, tuple(alias_keys), tuple(probe), tuple(cands), _order(rank), first, surname,
            tuple(a for a in alias_keys if " " in a), weak, split, rank)


def _order(rank: Rank) -> int | Rank:
    """The rank as one small int that sorts as the tuple does (`_sorted`), for any name of fewer than 512
    words and 2**20 characters; the tuple itself for a longer one."""
    person, words, chars = rank
    if -words > 511 or -chars >= 1 << 20:
        return rank
    return (person << 29) | ((511 + words) << 20) | ((1 << 20) - 1 + chars)


def _sorted(named: list[Named]) -> list[Named]:
    """An article's named entities in linking's order.

    Comparing two ints is what makes this cheaper than sorting by the rank tuples: an int cannot be
    compared with a tuple, so an article with a name too long for an int rank raises TypeError and is
    sorted by the tuples.
    """
    try:
        return sorted(named)
    except TypeError:
        return sorted(named, key=lambda n: (n[4][10], n[1], n[2]))


def _plan(entities: Iterable[EntityLike]) -> Planned:
    """The named entities (`Named`) and every key linking will look up."""
    named: list[Named] = []
    plans: dict[str, EntityPlan] = {}
    probe: set[str] = set()
    for e in entities:
        aliases = e.aliases if type(e.aliases) is tuple else tuple(e.aliases)
        plan = _entity_plan(e.name, e.type, aliases)
        if plan is None:
            continue
        named.append((plan[4], e.id, len(named), e, plan, plan))
        plans[e.id] = plan
        probe.update(plan[2])
    if len(plans) != len(named):
        # An id given twice: each of its entities links with the plan of its id's last one, as when plans
        # were kept by id (the same ids as before), and is remembered with its own name.
        named = [(plans[eid][4], eid, i, e, plans[eid], own) for _, eid, i, e, _, own in named]
    return named, probe


def _link(view: Session, doc: str, art: int, entities: Iterable[EntityLike]) -> dict[str, str]:
    planned = view.planned.pop(doc, None)  # its keys were read with the transaction's (`prefetch`)
    named, probe = planned if planned is not None else _plan(entities)
    if not named:
        return {}
    if planned is None:
        view.load(probe)
    out: dict[str, str] = {}
    given: set[str] = set()  # set(out.values()), kept as `out` grows (a person's evidence)
    taken: set[str] = set()
    for _, eid, _, e, plan, own in _sorted(named):
        key, aliases, _, cand_keys, _, _, _, multi, weak, split, _ = plan
        if not key:
            continue
        cands = view.candidates(cand_keys)
        if e.type == PERSON:
            chosen = _pick_person(key, multi, cands, given, own[5], own[6],
                                  title_words(e.titles) if e.titles else _NO_WORDS)
        else:
            chosen = _pick_thing(e.type, key, multi, weak, cands, taken)
        if chosen is None:
            chosen = view.create(corpus_id(doc, eid), e, art)
        elif chosen.person and len(e.name.split()) > len(chosen.name.split()):
            chosen.name = e.name  # "Blinken" first, "Antony Blinken" later: the full name
            view.touch(chosen)
        if split and not chosen.person:
            before = len(view.by_id)
            chosen = _merge_split(view, chosen, split, taken)
            if len(view.by_id) != before:  # a merge: earlier entities of this article may have named the loser
                out = {k: chosen.id if v not in view.by_id else v for k, v in out.items()}
                given = set(out.values())
        # Most keys are known already: add_key is called only for what it would add.
        ck = chosen.keys
        if ck.get(key) != "name":
            view.add_key(chosen, key, "name")
        for a in aliases:
            if ck.get(a) not in _KINDS:
                view.add_key(chosen, a, "alias")
        out[eid] = chosen.id
        given.add(chosen.id)
        taken.add(chosen.id)
    _remember(view, named, out)
    return out


def _remember(view: Session, named: list[Named], out: dict[str, str]) -> None:
    """People keep what they were seen with: the article's other corpus entities, titles, first names."""
    here = set(out.values())
    for _, eid, _, e, _, own in named:
        cid = out.get(eid)
        if cid is None or e.type != PERSON:
            continue
        c = view.by_id[cid]
        if c.raw is not None:
            c._parse()
        changed = False
        # Set operations: a person seen again with known company (the usual case) adds nothing.
        fresh = here.difference(c._ctx)
        fresh.discard(cid)
        if fresh:  # in id order, as the article's ids sorted and filtered would give them
            c._ctx = (c._ctx + sorted(fresh))[-PROFILE_SIZE:]
            changed = True
        if e.titles:
            words = title_words(e.titles)
            if not words <= c._titles:
                c._titles.update(words)
                changed = True
        first = own[5]
        if first and len(first) > 1 and first not in c._firsts:
            c._firsts.add(first)
            changed = True
        if changed:
            view.touch(c)


def _write(conn: sqlite3.Connection, view: Session) -> None:
    from newsgraph.store.schema import indexed_rows  # the store's package imports this module

    rows = indexed_rows("entities", "?") if view.key_index else "SELECT _row FROM entities WHERE corpus_id IN (?, ?)"
    for loser, survivor, stored in view.merged:
        conn.execute(f"UPDATE entities SET corpus_id = ? WHERE _row IN ({rows})", (survivor, loser, loser))
        if not stored:  # made earlier in this transaction: no keys, row or export to move
            continue
        conn.execute("INSERT INTO corpus_keys (key, corpus_id, kind) SELECT key, ?, kind FROM corpus_keys "
                     "WHERE corpus_id = ? ON CONFLICT (key, corpus_id) DO UPDATE SET kind = 'name' "
                     "WHERE excluded.kind = 'name'", (survivor, loser))
        conn.execute("DELETE FROM corpus_keys WHERE corpus_id = ?", (loser,))
        conn.execute("DELETE FROM corpus_entities WHERE id = ?", (loser,))
        # The merged-away id was committed, so exports and links may hold it: it redirects.
        conn.execute("UPDATE corpus_redirects SET new_id = ? WHERE new_id = ?", (survivor, loser))
        conn.execute("INSERT OR REPLACE INTO corpus_redirects (old_id, new_id) VALUES (?, ?)", (loser, survivor))
    created, changed = view.to_write()
    if created:
        conn.executemany("INSERT INTO corpus_entities (id, name, type, first_art, profile) VALUES (?, ?, ?, ?, ?)",
                         [(c.id, c.name, c.type, c.first_art, _profile(c)) for c in created])
    if changed:
        conn.executemany("UPDATE corpus_entities SET name = ?, profile = ? WHERE id = ?",
                         [(c.name, _profile(c), c.id) for c in changed])
    if view.new_keys:
        conn.executemany(
            "INSERT INTO corpus_keys (key, corpus_id, kind) VALUES (?, ?, ?) ON CONFLICT (key, corpus_id) "
            "DO UPDATE SET kind = 'name' WHERE excluded.kind = 'name'", view.new_keys)


def ents_from_rows(rows: Iterable[Any]) -> list[Ent]:
    """Ent records from `SELECT _row, id, name, type, aliases, titles FROM entities` (JSON lists there)."""
    return [Ent(r[1], r[2] or "", r[3] or "", tuple(json.loads(r[4] or "[]")), tuple(json.loads(r[5] or "[]")))
            for r in rows]


def _link_articles(conn: sqlite3.Connection, arts: list[Any], key_index: bool = True) -> None:
    session = Session(conn, key_index=key_index)
    for art, doc in arts:
        rows = conn.execute("SELECT _row, id, name, type, aliases, titles FROM entities WHERE art = ? ORDER BY seq",
                            (art,)).fetchall()
        ids = session.link(doc, art, ents_from_rows(rows))
        conn.executemany("UPDATE entities SET corpus_id = ? WHERE _row = ?",
                         [(ids[r[1]], r[0]) for r in rows if r[1] in ids])
    session.flush()


def _batches(conn: sqlite3.Connection, batch: int) -> Iterable[list[Any]]:
    last = 0
    while True:
        arts = conn.execute("SELECT _row, doc FROM articles WHERE _row > ? ORDER BY _row LIMIT ?",
                            (last, batch)).fetchall()
        if not arts:
            return
        yield arts
        last = arts[-1][0]


def link_all(conn: sqlite3.Connection, batch: int = 500) -> None:
    """Link every stored article in ingest order, inside the caller's transaction (migration 8, on a schema
    that has neither the pending articles of migration 12 nor the partial corpus-id index of 13)."""
    for arts in _batches(conn, batch):
        _link_articles(conn, arts, key_index=False)


def rebuild(conn: sqlite3.Connection, batch: int = 500) -> int:
    """Recompute every corpus entity from scratch, article by article in ingest order.

    Returns the number of corpus entities. Each batch of articles is one
    transaction, so readers are not held off for the whole run; the first
    also empties the corpus tables.
    """
    from newsgraph.store.schema import transaction

    with transaction(conn):
        conn.execute("UPDATE entities SET corpus_id = NULL WHERE corpus_id IS NOT NULL")
        conn.execute("DELETE FROM corpus_keys")
        conn.execute("DELETE FROM corpus_entities")
    for arts in _batches(conn, batch):
        with transaction(conn):
            _link_articles(conn, arts)
    return int(conn.execute("SELECT COUNT(*) FROM corpus_entities").fetchone()[0])
