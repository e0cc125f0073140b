"""The cue lexicon (data/cues.json) and the token tests built on it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from newsgraph.analyse.text.data import load_json


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    cognition: frozenset[str]
    evidence: frozenset[str]
    quote_only: frozenset[str]
    object: frozenset[str]
    object_particles: dict[str, tuple[str, ...]]
    particles: dict[str, str]
    addressee_verbs: frozenset[str]
    prepositional_content: dict[str, tuple[str, ...]]
    not_speakers: frozenset[str]
    label_stoplist: frozenset[str]
    intention: frozenset[str] = frozenset()
    nominal: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    document_verbs: dict[str, tuple[str, ...]] | None = None
    stance_verbs: frozenset[str] = frozenset()
    charge_verbs: dict[str, tuple[str, ...]] | None = None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = load_json("cues.json")
    return Lexicon(
        speech=frozenset(raw["speech"]),
        cognition=frozenset(raw["cognition"]),
        evidence=frozenset(raw["evidence"]),
        quote_only=frozenset(raw["quote_only"]),
        object=frozenset(raw["object"]),
        object_particles={k: tuple(v) for k, v in raw["object_particles"].items()},
        particles=dict(raw["particles"]),
        addressee_verbs=frozenset(raw["addressee_verbs"]),
        prepositional_content={k: tuple(v) for k, v in raw["prepositional_content"].items()},
        not_speakers=frozenset(raw["not_speakers"]),
        label_stoplist=frozenset(raw["label_stoplist"]),
        intention=frozenset(raw.get("intention", ())),
        nominal=frozenset(raw.get("nominal", ())),
        documents=frozenset(raw.get("documents", ())),
        document_verbs={k: tuple(v) for k, v in raw.get("document_verbs", {}).items()},
        stance_verbs=frozenset(raw.get("stance_verbs", ())),
        charge_verbs={k: tuple(v) for k, v in raw.get("charge_verbs", {}).items()},
    )


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Lemmas of verbs whose clause reports someone's words or view: the speech and
    cognition cues. Events inside such a clause are the speaker's account, and
    the speaker is who "we" and "I" in it are."""
    lex = lexicon()
    return lex.speech | lex.cognition


def lemma(tok: Token) -> str:
    low = tok.lower_
    # the small model sometimes tags "says" as a noun and lemmatises it so
    if low in ("says", "said"):
        return "say"
    lem = tok.lemma_.lower()
    # and it cuts a silent e now and then ("hopes", "hoped", "hoping" -> "hop",
    # "rated" -> "rat"): take the cue word the form really belongs to
    if low in (lem + "es", lem + "ed", lem + "ing", lem + "e") and lem + "e" in _cue_lemmas():
        return lem + "e"
    return lem


@lru_cache(maxsize=1)
def _cue_lemmas() -> frozenset[str]:
    lex = lexicon()
    return frozenset().union(lex.speech, lex.cognition, lex.evidence, lex.quote_only, lex.object, lex.intention)


def is_verbal(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB") or tok.lower_ in ("says", "said") \
        or _noun_with_clause(tok)


def _noun_with_clause(tok: Token) -> bool:
    """"The resolution demands that …" with "demands" tagged a noun: a word with a
    subject before it and a clause after it is a verb, whatever its tag (a
    noun has no subject of its own)."""
    return tok.pos_ == "NOUN" and tok.dep_ in ("ROOT", "conj", "ccomp") and lemma(tok) in _cue_lemmas() \
        and any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.lefts) \
        and any(c.dep_ == "ccomp" for c in tok.rights)


def cue_class(tok: Token) -> str | None:
    """speech | cognition | evidence | intention | object | quote_only, or None when tok is no cue verb."""
    if not is_verbal(tok):
        return None
    lex = lexicon()
    lem = lemma(tok)
    particle = lex.particles.get(lem)
    if particle is not None and not any(c.lower_ == particle for c in tok.rights):
        if lem not in lex.speech and lem not in lex.quote_only:
            return None
        if lem == "point":  # "point" speaks only as "point out"
            return None
    for name in ("speech", "cognition", "evidence", "intention", "object", "quote_only"):
        if lem in getattr(lex, name):
            return name
    return None


def object_particle(tok: Token) -> Token | None:
    """The preposition that belongs to the cue: "called for", "called on"."""
    preps = lexicon().object_particles.get(lemma(tok), ())
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ in preps:
        return nxt
    return None


_CUE_ADVERBS = {"also", "then", "now", "again", "once", "later", "even", "repeatedly", "previously"}


def cue_start(tok: Token) -> int:
    """Start of the cue: the verb with the auxiliaries, negation and small adverbs
    right before it ("has said", "is once again questioning", "has not mentioned")."""
    doc = tok.doc
    k = tok.i
    while k - 1 >= 0:
        prev = doc[k - 1]
        if prev.head.i == tok.i and (prev.dep_ in ("aux", "auxpass", "neg") or prev.lower_ in _CUE_ADVERBS
                                     or prev.dep_ == "advmod" and prev.tag_ == "RB"):
            k -= 1
        else:
            break
    return doc[k].idx


def cue_end(tok: Token) -> int:
    """End offset of the cue: the verb, or the verb and its particle ("pointed out", "called for"),
    and a colon right after it ("said:")."""
    end = _cue_word_end(tok)
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.text == ":" and nxt.idx == end:
        return nxt.idx + 1
    return end


def _cue_word_end(tok: Token) -> int:
    lex = lexicon()
    prep = object_particle(tok)
    if prep is not None:
        return prep.idx + len(prep)
    particle = lex.particles.get(lemma(tok))
    if particle:
        for c in tok.rights:
            if c.lower_ == particle and c.i <= tok.i + 2:
                return c.idx + len(c)
    return tok.idx + len(tok)
