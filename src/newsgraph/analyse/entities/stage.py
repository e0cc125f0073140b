"""The entities layer: one Entity per real-world thing named in the article.

spaCy's NER gives per-mention labels that are often wrong on news ("Rafah"
as PERSON, "Blinken" as GPE, "State" of "Secretary of State" as ORG). This
stage cleans each mention ("the Hamas-run Gaza Health Ministry" -> "Gaza
Health Ministry"), reads titles and affiliations from pre-modifiers and
appositions, groups mentions into entities (surname -> full name, acronym ->
full name, "U.S." -> "United States") and then decides each entity's type
from the votes of all its mentions plus general evidence (a title before a
name, a known country, an organisation head noun). Names the tagger missed
after a title ("Councilwoman Priya Nair") or ending in an organisation noun
("Metro Police") are added; "Supreme Court" + "of Ghana" is one name.
Product models, camel-case brands, possessive owners and untagged repeats
of a name are repaired in products.py ("iPhone 4", "the Beatles' Apple Corps").

Knowledge lives in readable data files in newsgraph/data/ (countries.json,
titles.json, acronyms.json, first_names.json, cities.txt); entity_lexicon.py
loads them once. `country_of`, `title_sector` and `gender_of_first_name` are
re-exported here for other stages.

Hand-offs it assigns (declared in analyse/entities/__init__.py):
    ENTITIES: the layer.
    ENTITY_INDEX: `EntityIndex`, every kept mention sorted by
        start with its Entity; speaker resolution reads it.
    ENTITY_GENDER: {entity id: "m" | "f"} for PERSON entities
        whose gender the article shows (first name, honorific, gendered title,
        else the first he/she/his/her after a mention, outside quotations).
    ENTITY_SUBJECTS: {(start, end): weight} of mentions that are
        the grammatical subject of their clause, 1.0 for the main clause and
        0.5 for an embedded one (a salience cue for coref).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from newsgraph.analyse.entities import (
    ENTITIES,
    ENTITY_GENDER,
    ENTITY_INDEX,
    ENTITY_SUBJECTS,
    products,
)
from newsgraph.analyse.entities.aliases import alias_pairs
from newsgraph.analyse.entities.lexicon import (
    APOS,
    Knowledge,
    country_of,
    either_names,
    gender_of_first_name,
    knowledge,
    known_city,
    title_sector,
)
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.text.acronyms import is_acronym
from newsgraph.analyse.text.quotes import quotation_spans
from newsgraph.model import Entity, Mention, Provenance
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import AnalysisContext, HandOff
from newsgraph.settings import Settings

__all__ = ["EntitiesStage", "EntityIndex", "entity_at", "country_of", "title_sector",
           "gender_of_first_name", "knowledge", "Knowledge"]

KEEP = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
# When votes tie, the more specific reading wins.
TYPE_ORDER = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")
AMOUNT_WORDS = {"million", "billion", "trillion", "pounds", "dollars", "euros", "percent", "%", "people", "years"}
INSTITUTIONS = {"GOV", "LEG", "JUD", "PTY", "MIL", "COP", "OPP"}
REGNAL = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "Jr.", "Sr."}
POSSESSIVE = ("'s", "’s", "'", "’")
LOCATIVE_PREPS = {"in", "into", "near", "across", "inside", "outside", "from", "toward", "towards", "around"}
# a title followed by these is a job description, not a name ("President of France")
# ---------------------------------------------------------------- mentions


@dataclass
class _Mention:
    start: int  # token indices into the Doc, after cleaning
    end: int
    label: str
    votes: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    titles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    gender: str | None = None
    key: str = ""
    text: str = ""
    char_start: int = 0
    char_end: int = 0
    subject: float = 0.0


def _clean_span(doc: Any, start: int, end: int, k: Knowledge, product: bool = False) -> tuple[int, int]:
    """Drop determiners, possessive endings, punctuation and "-run"-style premodifiers."""
    # "the Hamas-run Gaza Health Ministry": the name starts after the participle
    for i in range(end - 2, start - 1, -1):
        if doc[i].text in ("-", "–") and doc[i + 1].lower_ in k.org_premodifiers and i + 2 < end:
            start = i + 2
            break
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    # "fined Redwood Capital 2 million pounds": the tagger ran on into an amount
    # (a product's final number is its model: "iPhone 4")
    for i in range(start + 1, end):
        if doc[i].like_num and (i + 1 == end and not product or i + 1 < len(doc) and doc[i + 1].lower_ in AMOUNT_WORDS):
            end = i
            break
    # "Alphabet Inc's Google": the name is what the possessive qualifies (but
    # "Fishermen's Association" is one name: only an organisation owns here)
    for i in range(end - 2, start, -1):
        if doc[i].text in POSSESSIVE and doc[i].tag_ == "POS" and doc[i - 1].lower_ in k.org_nouns:
            start = i + 1
            break
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct and doc[end - 1].text != "."):
        end -= 1
    return start, end


def _norm_key(text: str) -> str:
    text = " ".join(text.translate(APOS).split())
    for p in ("'s", "'"):
        if text.endswith(p):
            text = text[: -len(p)]
    return text.lower()


def _match_title(words: list[str], k: Knowledge) -> int:
    """Length of the longest known title that ends the word list, 0 if none."""
    for i in range(len(words)):
        if " ".join(words[i:]) in k.titles:
            return len(words) - i
    return 0


def _title_before(doc: Any, start: int, k: Knowledge, sent_start: int) -> tuple[int, str | None, str | None]:
    """(first token of the title, title text, affiliation) for the words before a name.

    "Israeli Prime Minister Benjamin Netanyahu" -> title "Prime Minister",
    affiliation "Israel". Returns (start, None, None) when no title precedes.
    """
    i = start - 1
    while i >= sent_start:
        t = doc[i]
        low = t.lower_.rstrip(".") if t.lower_ not in k.title_words else t.lower_
        if t.ent_iob_ != "O" and not _all_title_words(doc, i, k):
            break  # "White House press secretary": the title stops at the organisation
        if t.lower_ in k.title_words or low in k.title_words or t.lower_ in k.honorifics:
            i -= 1
        elif t.lower_ in ("of", "for", "-") and i - 1 >= sent_start and doc[i - 1].lower_ in k.title_words:
            i -= 1
        else:
            break
    first = i + 1
    while first < start and doc[first].lower_ in ("of", "for", "-"):
        first += 1
    if first >= start:
        return start, None, None
    words = [t.lower_ for t in doc[first:start]]
    # the title must end in a known title or honorific right before the name
    n = _match_title([w for w in words if w != "-"], k)
    if n == 0 and words[-1] not in k.honorifics:
        return start, None, None
    # drop leading time words: "former President" keeps "President"
    while first < start and doc[first].lower_ in ("former", "ex", "then", "outgoing", "incoming", "late"):
        first += 1
    title = doc[first:start].text if first < start else None
    if title and title.lower() in k.honorifics:
        title = None
    affiliation = _affiliation_before(doc, i, sent_start)
    return first, title, affiliation


def _all_title_words(doc: Any, i: int, k: Knowledge) -> bool:
    """Is the entity holding token i made of title words only ("State" of "Secretary of State")?"""
    s = i
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    e = i + 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return all(t.lower_ in k.title_words or t.lower_ in ("of", "for") for t in doc[s:e])


def _affiliation_before(doc: Any, i: int, sent_start: int) -> str | None:
    """A country or organisation named right before a title ("Israeli", "U.S.", "Hamas")."""
    if i < sent_start:
        return None
    for n in (3, 2, 1):
        if i - n + 1 < sent_start:
            continue
        words = doc[i - n + 1 : i + 1].text
        c = country_of(words)
        if c:
            return str(c["name"])
    t = doc[i]
    if t.ent_type_ in ("ORG", "GPE") and t.ent_iob_ in ("B", "I"):
        s = i
        while s > sent_start and doc[s].ent_iob_ == "I":
            s -= 1
        return str(doc[s : i + 1].text)
    return None


def _appos_title(doc: Any, root: Any, k: Knowledge) -> tuple[str | None, str | None]:
    """Title and affiliation from an apposition: "Jake Sullivan, the national security adviser"."""
    heads = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        heads.append(root.head)
    for h in heads:
        if h.lower_ not in k.title_heads or h.ent_type_:
            continue
        toks = [t for t in h.subtree if abs(t.i - h.i) <= 6]
        toks = [t for t in toks if t.i <= h.i and t.dep_ in ("amod", "compound", "nmod") or t.i == h.i]
        # keep the contiguous run of title words ending at the head
        run = [h]
        for t in reversed([t for t in toks if t.i < h.i]):
            if t.i == run[0].i - 1 and t.lower_ in k.title_words:
                run.insert(0, t)
            else:
                break
        after = [t for t in h.subtree if t.i > h.i]
        if after and after[0].lower_ == "of" and len(after) >= 2 and after[1].lower_ in k.title_words:
            run += after[:2]
        title = doc[run[0].i : run[-1].i + 1].text
        if _match_title(title.lower().split(), k) == 0 and h.lower_ not in k.titles:
            continue
        aff = None
        for t in h.subtree:
            if t.i < run[0].i and (t.dep_ in ("poss", "amod", "compound") or t.ent_type_):
                c = country_of(t.text)
                if c:
                    aff = str(c["name"])
        return title, aff
    return None, None


def _org_head_kind(words: list[str], k: Knowledge) -> str | None:
    if not words:
        return None
    last = words[-1]
    two = " ".join(words[-2:])
    return k.org_nouns.get(two) or (k.org_nouns.get(last) if last not in ("house", "post", "times", "news") else None)


def _raw_spans(doc: Any, k: Knowledge) -> list[Any]:
    """spaCy's entity spans, repaired: "Supreme Court" + "of Ghana" is one name, and
    capitalised names ending in an organisation noun ("Metro Police") that the
    tagger missed are added."""
    from spacy.tokens import Span

    ents = [e for e in doc.ents if e.label_ in KEEP]
    out: list[Any] = []
    i = 0
    while i < len(ents):
        e = ents[i]
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if (nxt is not None and e.label_ == "ORG" and nxt.label_ in ("GPE", "LOC") and nxt.start == e.end + 1
                and doc[e.end].lower_ == "of" and doc[e.end - 1].lower_ in k.org_nouns):
            out.append(Span(doc, e.start, nxt.end, label="ORG"))
            i += 2
            continue
        out.append(e)
        i += 1
    taken = {t for e in out for t in range(e.start, e.end)}
    for t in doc:
        if not t.is_title:
            continue
        if t.lower_ in k.titles or t.lower_ in k.honorifics:
            # "Councilwoman Priya Nair" with the name missed by the tagger
            j = t.i + 1
            while (j < len(doc) and j - t.i <= 3 and j not in taken and doc[j].is_title
                   and doc[j].pos_ == "PROPN" and doc[j].lower_ not in k.title_words
                   and doc[j].lower_ not in k.country_by_name and doc[j].lower_ not in k.org_nouns):
                j += 1
            if j > t.i + 1 and j < len(doc) and j not in taken and doc[j].text in REGNAL:
                j += 1  # "King Abdullah II"
            if j > t.i + 1:
                out.append(Span(doc, t.i + 1, j, label="PERSON"))
                taken.update(range(t.i + 1, j))
            continue
        if t.i in taken or t.lower_ not in k.org_nouns or t.i == 0:
            continue
        j = t.i
        while j > 0 and doc[j - 1].is_title and j - 1 not in taken and doc[j - 1].pos_ == "PROPN":
            j -= 1
        if j < t.i:
            out.append(Span(doc, j, t.i + 1, label="ORG"))
            taken.update(range(j, t.i + 1))
    out.sort(key=lambda e: e.start)
    return products.repair(doc, out, k)


def _not_a_name(doc: Any, s: int, e: int, sent_start: int, k: Knowledge) -> bool:
    """Tagger output that names nothing: lowercase fragments ("n't"), markup
    residue, or a sentence-initial common noun ("Bank executives are ...")."""
    text = doc[s:e].text
    if not any(c.isupper() for c in text) or any(c in "<>={}@|" for c in text):
        return True
    return (e - s == 1 and s == sent_start and doc[s].lower_ in k.org_nouns
            and e < len(doc) and doc[e].is_lower and doc[e].is_alpha)


def _collect(doc: Any, k: Knowledge) -> tuple[list[_Mention], list[tuple[int, int]]]:
    """Cleaned mentions with their evidence, and the token spans taken by titles."""
    mentions: list[_Mention] = []
    title_spans: list[tuple[int, int]] = []
    for ent in _raw_spans(doc, k):
        s, e = _clean_span(doc, ent.start, ent.end, k, ent.label_ == "PRODUCT")
        if s >= e or _not_a_name(doc, s, e, ent.sent.start, k) and not (
                ent.label_ == "PRODUCT" and products.is_model_number(doc[s:e].text)):  # "Boeing's 787"
            continue
        m = _Mention(s, e, ent.label_)
        m.votes[ent.label_] += 0.0 if ent.kb_id_ == products.REPEAT else 1.0  # a repeat is no new reading
        sent_start = ent.sent.start
        _vote_org_by_noun_before(doc, m, s, k)
        s = _strip_inner_title(doc, m, s, e, k, title_spans)
        words = [t.lower_ for t in doc[s:e]]
        # evidence from the words before the name
        if m.label in ("PERSON", "GPE", "ORG", "NORP", "LOC", "FAC") and len(words) <= 4:
            _vote_title_before(doc, m, s, e, k, sent_start, title_spans)
        if m.label == "PERSON" or m.votes["PERSON"] > 1:
            _vote_appositive_title(doc, m, e, k)
        _vote_role_given(doc, m, e, k)
        text = doc[s:e].text
        key = _norm_key(text)
        country = _vote_country(m, key, k)
        _vote_person_by_first_name(doc, m, e, words, country, k)
        kind = _org_head_kind(words, k)
        if kind and len(words) >= 2 and m.votes["PERSON"] < 3:
            m.votes["ORG"] += 2.5
        if s > sent_start and doc[s - 1].lower_ in LOCATIVE_PREPS and m.label not in ("GPE", "LOC", "FAC"):
            m.votes["GPE"] += 0.5
        m.text = text
        m.key = key
        m.char_start, m.char_end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        _mark_subject(doc, m, s, e, sent_start, title_spans)
        mentions.append(m)
    return mentions, title_spans


def _vote_org_by_noun_before(doc: Any, m: _Mention, s: int, k: Knowledge) -> None:
    """A title head with "of", or an organisation noun, right before a name says organisation."""
    if s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ in k.title_heads and m.label != "GPE":
        m.votes["ORG"] += 2  # "the chief executive of Sora Robotics"
    if s >= 1 and doc[s - 1].lower_ in k.org_nouns and m.label != "GPE" and doc[s - 1].ent_iob_ == "O":
        m.votes["ORG"] += 2  # "battery maker Cellix", "rights group Amnesty"


# endings of occupation nouns ("Astronomer", "Novelist", "Architect", "Chef")
_OCCUPATION_ENDINGS = ("er", "ist", "or", "ian", "ant", "ect", "ef", "ive", "ent", "eon", "ot")


def _strip_inner_title(doc: Any, m: _Mention, s: int, e: int, k: Knowledge,
                       title_spans: list[tuple[int, int]]) -> int:
    """Titles inside the span ("President Biden" tagged as one PERSON) become evidence; the name's new start."""
    inner = s
    if e - s >= 3 and (s == 0 or "\n" in doc[s - 1].text_with_ws or doc[s].is_sent_start) and doc[s].is_title \
            and (gender_of_first_name(doc[s + 1].text) or doc[s].lower_.endswith(_OCCUPATION_ENDINGS)) \
            and not gender_of_first_name(doc[s].text) \
            and doc[s].lower_ not in either_names() and doc[s].lower_ not in k.title_words \
            and doc[s].lower_.rstrip(".") not in k.honorifics:
        # "Astronomer Helga Brekke spent …": a capitalised occupation opening the
        # sentence before a first name describes the person, it is not their name
        s = inner = s + 1
        m.start = s
        m.votes["PERSON"] += 1
    while inner < e - 1 and (doc[inner].lower_ in k.title_words or doc[inner].lower_ in k.honorifics):
        inner += 1
    # other labels only when a first name follows ("Councilwoman Grace Whitfield"), so
    # that "General Motors" stays an organisation
    if inner > s and (m.label == "PERSON" or gender_of_first_name(doc[inner].text) or doc[inner].lower_ in either_names()):
        words = [t.lower_ for t in doc[s:inner]]
        if _match_title(words, k) or words[-1] in k.honorifics:
            title_spans.append((s, inner))
            if doc[inner - 1].lower_ not in k.honorifics:
                m.titles.append(doc[s:inner].text)
            else:
                m.gender = k.honorifics.get(doc[inner - 1].lower_)
            m.votes["PERSON"] += 3
            s = inner
            m.start = s
    return s


def _vote_title_before(doc: Any, m: _Mention, s: int, e: int, k: Knowledge, sent_start: int,
                       title_spans: list[tuple[int, int]]) -> None:
    """A title, honorific or affiliation before the name ("Dr.", "battery maker CEO") makes it a person, unless it is a place."""
    first, title, aff = _title_before(doc, s, k, sent_start)
    place = m.label in ("GPE", "LOC") and (
        _norm_key(doc[s:e].text) in k.country_by_name or known_city(doc[s:e].text)
        or not doc[first].text[:1].isupper())
    if first < s and not place:  # "coal producer West Virginia" is still a place
        hon = doc[s - 1].lower_
        if hon in k.honorifics:
            m.gender = m.gender or k.honorifics[hon]
        if title:
            m.titles.append(title)
            m.gender = m.gender or k.gendered_nouns.get(title.lower().split()[-1])
        m.affiliation = aff
        m.votes["PERSON"] += 3
        title_spans.append((first, s))


def _vote_appositive_title(doc: Any, m: _Mention, e: int, k: Knowledge) -> None:
    """A title in apposition after a person ("Smith, the mayor of Leeds") is theirs and confirms a person."""
    title, aff = _appos_title(doc, doc[e - 1], k)
    if title:
        m.titles.append(title)
        m.affiliation = m.affiliation or aff
        m.gender = m.gender or k.gendered_nouns.get(title.lower().split()[-1])
        m.votes["PERSON"] += 2


_APPOINTING = {"name", "appoint", "hire", "elect", "choose", "confirm", "promote", "tap", "nominate", "install", "make"}


def _vote_role_given(doc: Any, m: _Mention, e: int, k: Knowledge) -> None:
    """"named Dana Whitcombe as its chief executive", "appointed Sunita Rao chief
    financial officer": the role an appointment gives is the person's title, so a
    later "the chief executive" can point back to them."""
    if e >= len(doc) or doc[e - 1].head.lemma_.lower() not in _APPOINTING:
        return
    j = e
    if doc[j].lower_ == "as":
        j += 1
    while j < len(doc) and doc[j].lower_ in ("its", "their", "the", "new", "a", "his", "her", "interim", "acting"):
        j += 1
    best = 0
    for n in range(1, 5):
        if " ".join(t.lower_ for t in doc[j : j + n]) in k.titles:
            best = n
    if best:
        m.titles.append(doc[j : j + best].text)
        m.votes["PERSON"] += 2


def _vote_country(m: _Mention, key: str, k: Knowledge) -> dict[str, Any] | None:
    """A country's name votes for a place unless titles already made it a person; a demonym votes NORP."""
    country = k.country_by_name.get(key)
    if country and m.votes["PERSON"] < 3:
        m.votes["GPE"] += 3
    elif key in k.country_by_demonym:
        m.votes["NORP"] += 2
    return country


def _vote_person_by_first_name(doc: Any, m: _Mention, e: int, words: list[str], country: dict[str, Any] | None,
                               k: Knowledge) -> None:
    """A known first name before a surname-like last word votes person."""
    # "Virginia AFL-CIO" or "Georgia Power" are not people: the last word must look like a surname
    last = doc[e - 1].text
    if (len(words) >= 2 and m.votes["PERSON"] < 3 and not country and last[:1].isupper()
            and not last.isupper() and words[-1] not in k.org_nouns):
        g = gender_of_first_name(words[0])
        if g or words[0] in either_names():
            m.gender = m.gender or g
            m.votes["PERSON"] += 1.5


def _mark_subject(doc: Any, m: _Mention, s: int, e: int, sent_start: int,
                  title_spans: list[tuple[int, int]]) -> None:
    """How much the mention is its sentence's subject: the parse's subject, else a sentence-initial name before a verb."""
    root = doc[e - 1]
    while root.dep_ == "conj" and root.head.i < root.i:  # "Vogt and Nowak met": both subjects
        root = root.head
    if root.dep_ in ("nsubj", "nsubjpass") or any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[s:e]):
        # "Earnest said that Obama has called": Earnest is the main subject
        m.subject = 1.0 if root.head.dep_ == "ROOT" else 0.5
    # a parse that went wrong still leaves the sentence-initial name as the likely subject
    begins = min([s] + [a for a, b in title_spans if b == s]) == sent_start
    if begins and e < len(doc) and doc[e].text not in POSSESSIVE and doc[e].dep_ != "case":
        if doc[e].pos_ in ("VERB", "AUX", "PUNCT") or doc[e].tag_ == "VBD":
            m.subject = 1.0


# ---------------------------------------------------------------- grouping


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words)


class _Groups:
    """Union-find over mention keys."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, a: str) -> str:
        self.parent.setdefault(a, a)
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def _canonical_key(m: _Mention, k: Knowledge) -> str:
    c = k.country_by_name.get(m.key)
    if c:
        return "country:" + c["iso2"]
    full = k.acronyms.get(m.text) or k.acronyms.get(m.text.replace(".", ""))
    if full:
        return _norm_key(full)
    return m.key


def _sub_body(rest: str, k: Knowledge) -> bool:
    """"Board of Trustees" after "Florida State": a body inside the organisation, not another
    name for it ("Hofstra University" is Hofstra; "Florida State Board of Trustees" is not
    Florida State)."""
    words = rest.split()
    return bool(words) and words[0] in k.sub_bodies


def _group(mentions: list[_Mention], k: Knowledge,
           aliases: Sequence[tuple[_Mention, _Mention]] = ()) -> list[list[_Mention]]:
    g = _Groups()
    by_key: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        m.key = _canonical_key(m, k)
        by_key[m.key].append(m)
        g.find(m.key)
    lean: dict[str, dict[str, float]] = {}
    for key, ms in by_key.items():
        v: dict[str, float] = defaultdict(float)
        for m in ms:
            for t, n in m.votes.items():
                v[t] += n
        lean[key] = v

    def person_like(key: str) -> bool:
        v = lean[key]
        return v["PERSON"] > 0 and v["PERSON"] >= max(v["GPE"], v["NORP"], v["LOC"]) and not key.startswith("country:")

    keys = list(by_key)
    multi = [key for key in keys if len(key.split()) >= 2]
    for key in keys:
        words = key.split()
        if key.startswith("country:"):
            continue
        # surname or shorter form of a person named in full elsewhere
        if k.country_by_name.get(key) is None:
            longer = [
                o for o in multi
                if o != key and len(o.split()) > len(words) and o.split()[-len(words):] == words and person_like(o)
            ]
            if longer:
                # two Clintons: the bare surname is the one the story is about (most mentioned, then first)
                best = max(longer, key=lambda o: (len(by_key[o]), -by_key[o][0].char_start))
                g.union(key, best)
                continue
        # a first name alone, when one person in the article has it ("Hillary")
        if len(words) == 1 and (gender_of_first_name(key) or key in either_names()) and person_like(key):
            firsts = {g.find(o) for o in multi if o.split()[0] == key and person_like(o)}
            if len(firsts) == 1:
                g.union(key, next(o for o in multi if o.split()[0] == key and person_like(o)))
                continue
        # acronym of a name in the article ("AP" <-> "Associated Press")
        text = by_key[key][0].text
        if is_acronym(text):
            letters = text.replace(".", "")
            full = [o for o in multi if _initials(by_key[o][0].text) == letters]
            if len({g.find(o) for o in full}) == 1:
                g.union(key, full[0])
                continue
        # an organisation named by the end of its full name ("Health Ministry")
        # or by its start when the rest is a generic noun ("Hofstra" <-> "Hofstra University")
        # (a lone "House" or "Court" is its own institution, not the White House)
        if lean[key]["ORG"] > 0 and k.country_by_name.get(key) is None and not (
                len(words) == 1 and k.org_nouns.get(key) in INSTITUTIONS):
            org_like = lean[key]["ORG"] >= max(lean[key]["GPE"], lean[key]["PERSON"], lean[key]["NORP"])
            longer = [o for o in multi if o != key and lean[o]["ORG"] > 0 and not products.is_model_key(o, key) and (
                o.endswith(" " + key) or o.startswith(key + " ") and not _sub_body(o[len(key) + 1:], k)
                and (org_like or all(w in k.org_nouns for w in o[len(key) + 1 :].split())))]
            if len({g.find(o) for o in longer}) == 1:
                g.union(key, longer[0])
    for a, b in aliases:  # "Rivera Garcia, aka Colonel Mike": one bearer (aliases.py)
        if not (a.key.startswith("country:") or b.key.startswith("country:")):
            g.union(a.key, b.key)
    groups: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        groups[g.find(m.key)].append(m)
    return list(groups.values())


def _decide_type(ms: list[_Mention], k: Knowledge) -> str:
    votes: dict[str, float] = defaultdict(float)
    for m in ms:
        for t, n in m.votes.items():
            votes[t] += n
    best = max(TYPE_ORDER, key=lambda t: (votes.get(t, 0.0), -TYPE_ORDER.index(t)))
    if not any(votes.values()) and ms[0].label in TYPE_ORDER:
        best = ms[0].label  # repeats alone: the label the tagger gave the name elsewhere
    if best != "PERSON" and any(m.titles or m.votes.get("PERSON", 0.0) >= 3 for m in ms):
        # a title or honorific outweighs any number of tagger slips on the bare surname
        best = "PERSON"
    if best == "PERSON" and not any(m.titles or m.gender or len(m.text.split()) >= 2 for m in ms):
        # a lone word tagged PERSON that is a known city is a place ("invasion of Rafah")
        if known_city(ms[0].text) and votes["PERSON"] < 2 * max(votes["GPE"], 1.0):
            best = "GPE"
    if best == "FAC" and any(_org_head_kind(m.key.split(), k) for m in ms):
        best = "ORG"
    return best


def _name_of(ms: list[_Mention], typ: str) -> str:
    forms = [" ".join(m.text.split()) for m in ms]
    full = [f for f in forms if not is_acronym(f)] or forms
    # the fullest form the article gives; the earliest among equals
    return max(full, key=lambda f: (len(f.split()), len(f), -forms.index(f)))


# ---------------------------------------------------------------- the index


class EntityIndex:
    """Mentions sorted by start, each with its Entity: the lookup other stages use."""

    def __init__(self, entities: tuple[Entity, ...]):
        rows = sorted((m.start, m.end, e) for e in entities for m in e.mentions)
        self.rows: list[tuple[int, int, Entity]] = rows
        self.starts = [r[0] for r in rows]
        self.by_id = {e.id: e for e in entities}

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        # mentions are short: one starting 200 chars before `start` cannot reach it
        i = bisect.bisect_left(self.starts, start - 200)
        out = []
        for row in self.rows[i:]:
            if row[0] >= end:
                break
            if row[1] > start:
                out.append(row)
        return out

    def at(self, start: int, end: int) -> Entity | None:
        rows = self.overlapping(start, end)
        if not rows:
            return None
        # a mention inside the span beats one that only touches it; then the longest
        return max(rows, key=lambda r: (r[0] >= start and r[1] <= end, r[1] - r[0]))[2]

    def before(self, pos: int) -> list[tuple[int, int, Entity]]:
        """Mentions ending at or before pos, nearest first."""
        i = bisect.bisect_left(self.starts, pos)
        return [r for r in reversed(self.rows[:i]) if r[1] <= pos]


def entity_at(ctx: AnalysisContext, start: int, end: int) -> Entity | None:
    """The entity whose mention overlaps or contains the char span [start, end), else None."""
    index = ctx.get(ENTITY_INDEX, None) or EntityIndex(ctx.get(ENTITIES, ()))
    return index.at(start, end)


# ---------------------------------------------------------------- the stage


@register
class EntitiesStage:
    name = "entities"
    version = "1"
    requires: tuple[HandOff[Any], ...] = (SPACY_DOC,)
    assigns: tuple[HandOff[Any], ...] = (ENTITIES, ENTITY_INDEX, ENTITY_GENDER, ENTITY_SUBJECTS)

    def __init__(self, settings: Settings):
        self.settings = settings
        self.k = knowledge()

    def __call__(self, ctx: AnalysisContext) -> None:
        doc = ctx.get(SPACY_DOC, None)
        if doc is None:
            ctx.put(ENTITIES, ())
            ctx.put(ENTITY_INDEX, EntityIndex(()))
            return
        k = self.k
        mentions, title_spans = _collect(doc, k)
        # a mention lying inside a title is part of the title ("State" in "Secretary of State")
        covered = sorted(title_spans)
        kept = [m for m in mentions if not any(a <= m.start and m.end <= b for a, b in covered)]
        groups = _group(kept, k, alias_pairs(doc, kept, k.alias_cues, k.title_words, title_spans))
        groups.sort(key=lambda ms: min(m.char_start for m in ms))
        entities: list[Entity] = []
        gender: dict[str, str] = {}
        subjects: dict[tuple[int, int], float] = {}
        types = [_decide_type(ms, k) for ms in groups]
        person_starts = sorted(m.start for ms, t in zip(groups, types) if t == "PERSON" for m in ms)
        quotes = quotation_spans(ctx.text)
        prov = Provenance(self.name, self.version, "spacy-ner+rules")
        for ms, typ in zip(groups, types):
            ms.sort(key=lambda m: m.char_start)
            eid = f"e{len(entities) + 1}"
            aliases = list(dict.fromkeys(" ".join(m.text.split()) for m in ms))
            titles = list(dict.fromkeys(t for m in ms for t in m.titles)) if typ == "PERSON" else []
            aff = next((m.affiliation for m in ms if m.affiliation), None) if typ == "PERSON" else None
            entities.append(
                Entity(
                    id=eid,
                    name=_name_of(ms, typ),
                    type=typ,
                    aliases=tuple(aliases),
                    titles=tuple(titles),
                    mentions=tuple(
                        Mention(m.char_start, m.char_end, ctx.text[m.char_start : m.char_end]) for m in ms
                    ),
                    affiliation=aff,
                    provenance=prov,
                )
            )
            if typ == "PERSON":
                g = _person_gender(ms, k) or _pronoun_gender(doc, ms, person_starts, quotes)
                if g:
                    gender[eid] = g
            subjects.update(((m.char_start, m.char_end), m.subject) for m in ms if m.subject)
        layer = tuple(entities)
        ctx.put(ENTITIES, layer)
        ctx.put(ENTITY_INDEX, EntityIndex(layer))
        ctx.put(ENTITY_GENDER, gender)
        ctx.put(ENTITY_SUBJECTS, subjects)


PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 10**12)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _pronoun_gender(doc: Any, ms: list[_Mention], person_starts: list[int],
                    quotes: list[tuple[int, int]]) -> str | None:
    """Gender from the first he/she/his/her after a mention, before anyone else is named.

    Only the rest of the sentence and the next one count, and pronouns inside
    quotations are skipped: those usually point at someone else.
    """
    votes = {"m": 0, "f": 0}
    for m in ms:
        sent = doc[m.start].sent
        limit = sent.end if sent.end >= len(doc) else doc[sent.end].sent.end
        limit = min(limit, m.end + 40)
        i = bisect.bisect_right(person_starts, m.start)
        if i < len(person_starts):
            limit = min(limit, person_starts[i])
        for t in doc[m.end : limit]:
            g = PRONOUN_GENDER.get(t.lower_)
            if g and not _in_spans(quotes, t.idx):
                votes[g] += 1
                break
    if votes["m"] > votes["f"]:
        return "m"
    if votes["f"] > votes["m"]:
        return "f"
    return None


def _person_gender(ms: list[_Mention], k: Knowledge) -> str | None:
    seen = {m.gender for m in ms if m.gender}
    if not seen:
        for m in ms:
            words = m.text.split()
            if len(words) >= 2:
                g = gender_of_first_name(words[0])
                if g:
                    seen.add(g)
    return seen.pop() if len(seen) == 1 else None
