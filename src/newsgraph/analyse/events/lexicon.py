"""Load the event trigger lexicon (data/event_lexicon.toml) and index it by lemma.

The lexicon is data reviewed by people; this module only reads it, checks
its types and modes against the PLOVER ontology, and builds look-up tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import tomllib

from newsgraph.analyse.text.data import read_text

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(frozen=True)
class Entry:
    order: int
    type: str
    mode: str | None
    cameo: str | None
    objects: frozenset[str] | None
    preps: frozenset[str] | None
    target_preps: tuple[str, ...]
    reciprocal: bool
    with_verbs: frozenset[str] | None = None  # a noun entry that holds only under these light verbs
    not_targets: frozenset[str] = frozenset()  # target sectors that undo the event ("spoke to reporters")
    sources: frozenset[str] | None = None  # the event holds only for a source of these sectors ("troops remain on alert")
    complement: bool = False  # a verb that holds only with a clause or "to" complement ("asked X to leave", not "asked why")
    not_context: frozenset[str] = frozenset()  # words of the sentence that make it another sense ("beat" + "poll")
    not_objects: frozenset[str] = frozenset()  # objects that make the verb another sense ("released a video")
    prior: float | None = None  # how often the entry's trigger is the event it names on real pages ([confidence])
    noun_preps: frozenset[str] | None = None  # a noun that holds only with these prepositions ("*to": an infinitive)


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...]
    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    predicates: dict[str, tuple[Entry, ...]]
    light_verbs: frozenset[str]
    complement_modes: dict[str, dict[str, str]]
    conflict_from: frozenset[str]
    conflict_becomes: str
    conflict_types: frozenset[str]
    negation: dict[str, str]
    intent_reading: dict[str, str]
    intent_words: frozenset[str]
    negating_verbs: frozenset[str]
    demand_modals: frozenset[str]
    max_noun_words: int
    intent_nouns: frozenset[str] = frozenset()
    denying_verbs: frozenset[str] = frozenset()
    modal_predicates: frozenset[str] = frozenset()
    confidence: dict[str, float] = field(default_factory=dict)
    claim_words: frozenset[str] = frozenset()  # "alleged that ...": the content is a claim, not a stated fact
    document_nouns: frozenset[str] = frozenset()  # "the lawsuit alleges": a document speaks for its author
    negative_subjects: frozenset[str] = frozenset()  # "no one has been charged": the event did not happen
    speech_types: frozenset[str] = frozenset()  # types a statement can be: the speaker is the source
    filing_words: frozenset[str] = frozenset()  # "sued", "lawsuit": whoever files is the author of "the suit"
    in_state_types: frozenset[str] = frozenset()  # "is in talks with": event types a "be in" state reports


def parse(text: str) -> Lexicon:
    data = tomllib.loads(text)
    defaults = data.get("defaults", {})
    default_preps = tuple(defaults.get("target_preps", ()))
    entries: list[Entry] = []
    verbs: dict[str, list[Entry]] = {}
    nouns: dict[str, list[Entry]] = {}
    preds: dict[str, list[Entry]] = {}
    for i, raw in enumerate(data.get("event", [])):
        if raw["type"] not in TYPES:
            raise ValueError(f"event_lexicon.toml entry {i}: unknown PLOVER type {raw['type']!r}")
        entry = Entry(
            order=i,
            type=raw["type"],
            mode=raw.get("mode") or None,
            cameo=raw.get("cameo") or None,
            objects=frozenset(raw["objects"]) if "objects" in raw else None,
            preps=frozenset(raw["preps"]) if "preps" in raw else None,
            target_preps=tuple(raw.get("target_preps", default_preps)),
            reciprocal=bool(raw.get("reciprocal", False)),
            with_verbs=frozenset(raw["with_verbs"]) if "with_verbs" in raw else None,
            not_targets=frozenset(raw.get("not_targets", ())),
            sources=frozenset(raw["sources"]) if "sources" in raw else None,
            complement=bool(raw.get("complement", False)),
            prior=float(raw["prior"]) if "prior" in raw else None,
            not_objects=frozenset(w.lower() for w in raw.get("not_objects", ())),
            not_context=frozenset(w.lower() for w in raw.get("not_context", ())),
            noun_preps=frozenset(raw["noun_preps"]) if "noun_preps" in raw else None,
        )
        entries.append(entry)
        for key, table in (("verbs", verbs), ("nouns", nouns), ("predicates", preds)):
            for word in raw.get(key, ()):
                table.setdefault(word.lower(), []).append(entry)
    conflict = data.get("conflict_complement", {})
    return Lexicon(
        entries=tuple(entries),
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        predicates={k: tuple(v) for k, v in preds.items()},
        light_verbs=frozenset(defaults.get("light_verbs", ())),
        complement_modes={k: dict(v) for k, v in data.get("complement_modes", {}).items()},
        conflict_from=frozenset(conflict.get("from", ())),
        conflict_becomes=conflict.get("becomes", "THREATEN"),
        conflict_types=frozenset(conflict.get("conflict_types", ())),
        negation=dict(data.get("negation", {})),
        intent_reading=dict(data.get("intent_reading", {})),
        intent_words=frozenset(defaults.get("intent_words", ())),
        negating_verbs=frozenset(defaults.get("negating_verbs", ())),
        demand_modals=frozenset(defaults.get("demand_modals", ())),
        max_noun_words=max((len(k.replace("-", " ").split()) for k in nouns), default=1),
        intent_nouns=frozenset(defaults.get("intent_nouns", ())),
        denying_verbs=frozenset(defaults.get("denying_verbs", ())),
        modal_predicates=frozenset(defaults.get("modal_predicates", ())),
        confidence={k: float(v) for k, v in data.get("confidence", {}).items()},
        claim_words=frozenset(defaults.get("claim_words", ())),
        document_nouns=frozenset(defaults.get("document_nouns", ())),
        negative_subjects=frozenset(defaults.get("negative_subjects", ())),
        speech_types=frozenset(defaults.get("speech_types", ())),
        filing_words=frozenset(defaults.get("filing_words", ())),
        in_state_types=frozenset(defaults.get("in_state_types", ())),
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return parse(read_text("event_lexicon.toml"))


def cameo_reading(event_type: str, negated: bool, tense: str = "past") -> str:
    """The type a CAMEO-style coder would give.

    "would not support" reads as REJECT (the [negation] table); "will
    withdraw" as AGREE and "would boycott" as THREATEN (the [intent_reading]
    table: CAMEO codes an announced intention, not the act).
    """
    lex = lexicon()
    if negated:
        return lex.negation.get(event_type, event_type)
    if tense in ("future", "hypothetical"):
        return lex.intent_reading.get(event_type, event_type)
    return event_type
