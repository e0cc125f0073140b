"""Find the events one sentence states, from its dependency parse and the lexicon.

Three kinds of trigger, all listed in data/event_lexicon.toml:
- verbs ("vetoed", "pull out"), optionally conditioned on their object or
  preposition ("held hostages", "worked with");
- nouns ("talks", "air strike"), when a light verb carries them ("held talks"),
  an actor modifies them ("its attack"), or they head their clause's subject;
- predicates after "be" ("would be a mistake").

A request, rejection, agreement or threat swallows the event it is about
("urged Israel to withdraw" is one REQUEST, mode yield). Source and target
come from the subject, object, passive agent and the entry's prepositions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from newsgraph.analyse.events.actors import ActorResolver, Resolved
from newsgraph.analyse.events.arguments import (
    actor_of,
    between_sides,
    by_phrase_target,
    children,
    conj_partner,
    is_passive,
    noun_source,
    prep_target,
    same_actor,
    speaker_of_clause,
    verb_args,
)
from newsgraph.analyse.events.context import cue_speaker
from newsgraph.analyse.events.lexicon import Entry, Lexicon
from newsgraph.analyse.events.modality import modality
from newsgraph.analyse.text.cues import reporting_verbs

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
# "can": "so the department can thank them" states an ability or a purpose, not a deed
MODAL_AUX = {"would", "could", "might", "may", "should", "must", "'d", "ought", "can", "ca"}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Prepositions through which a light verb carries a nominal event: "went on strike", "placed
# under arrest", "a round of talks", "called for sanctions". "before the assassination", "in a counter attack" only
# situate the verb's own act.
CARRYING_PREPS = ("on", "under", "into", "of", "as", "for", "to")  # "called for sanctions", "committed to aid"
IN_CARRIERS = ("engage", "participate", "involve", "take", "join")  # "engaged in ethnic cleansing"
DEMAND_WORDS = ("must", "should")


@dataclass(frozen=True)
class Found:
    """One event found in a sentence, before dates, places and ids are added."""

    start: int  # token indices of the trigger, end-exclusive
    end: int
    entry: Entry
    type: str
    mode: str | None
    governor: Any  # the verb that carries tense and negation
    source: Resolved | None
    target: Resolved | None
    negated: bool
    tense: str
    depth: int  # distance of the governor from the sentence root: main clause first
    kind: str = "verb"  # verb | noun | light (a noun under a light verb) | predicate | demand
    modality: str = "asserted"  # see analyse/events/modality.py
    conjunct: bool = False  # a copy for a further conjoined actor ("accused by A, B and C")
    speech_source: bool = False  # the source is the speaker of the attribution the trigger cues


def find_events(sent: Any, lex: Lexicon, actors: ActorResolver) -> list[Found]:
    found: dict[int, Found] = {}
    for tok in sent:
        hit = None
        if tok.ent_type_ in ("DATE", "TIME"):
            continue  # "approved in March": a month, a day or a time is no event word
        if tok.pos_ == "VERB" or (tok.pos_ == "ADJ" and tok.tag_ == "VBN") or _verb_as_noun(tok):
            hit = _verb_event(tok, lex, actors)
        if hit is None and tok.pos_ in ("NOUN", "PROPN", "X"):
            hit = _noun_event(tok, lex, actors)
        if hit is None and tok.dep_ in ("attr", "acomp") and tok.head.lemma_ == "be":
            hit = _predicate_event(tok, lex, actors)
        if hit is not None:
            found[tok.i] = hit
    _demands(sent, found, lex, actors)
    out = []
    for ev in _absorb_complements(found, lex):
        mod, tense, negated = modality(ev.governor, sent, lex, ev.negated, ev.tense)
        ev = replace(ev, modality=mod, tense=tense, negated=negated)
        out.extend(_conjuncts(_speaker_as_source(ev, lex, actors), actors))
    return out


def _verb_as_noun(tok: Any) -> bool:
    """"The draft resolution adopted Friday demands that ...": the tagger makes "demands" a noun,
    yet the parse hangs the sentence's subject on it. A root noun with a subject is the verb."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in tok.children)


def _speaker_as_source(ev: Found, lex: Lexicon, actors: ActorResolver) -> Found:
    """A speech act's source is its speaker: "the lawsuit accuses the ACC" is the filer's
    accusation, "Lawyers for Ozy accused Smith" Ozy's. The attributions layer has resolved
    who speaks (coreference, documents, appositions); its answer wins over a source the parse
    gives without a name of its own."""
    if ev.type not in lex.speech_types:
        return ev
    sp = cue_speaker(ev.governor.doc[ev.start], actors.attributions)
    if sp is None or (ev.source is not None and ev.source.actor.entity_id and not sp.entity_id):
        return ev
    res = actors.speaker_actor(sp)
    if res is None or (ev.target is not None and res.actor.name == ev.target.actor.name):
        return ev
    return replace(ev, source=res, speech_source=True)


def _conjuncts(ev: Found, actors: ActorResolver) -> list[Found]:
    """One event per conjoined actor: "vetoed by China and Russia" is two vetoes.

    Reciprocal events keep their pair ("Netanyahu and Biden spoke" is one call).
    """
    out = [ev]
    if ev.entry.reciprocal and ev.source is not None and ev.target is not None:
        return out
    for role in ("source", "target"):
        res = getattr(ev, role)
        if res is None:
            continue
        span = actors.doc.char_span(res.start, res.end, alignment_mode="expand")
        if span is None:
            continue
        more = []
        node = span.root
        for _ in range(4):  # "Egypt, Qatar and Israel": each conjunct hangs from the one before
            nxt = next((c for c in node.children if c.dep_ == "conj"), None)
            if nxt is None:
                break
            other = actors.resolve(nxt)
            if other is not None and other.actor.name != res.actor.name:
                more.append(other)
            node = nxt
        out += [replace(e, source=other, conjunct=True) if role == "source" else replace(e, target=other, conjunct=True)
                for e in list(out) for other in more]
    return out


DEMAND = Entry(order=-1, type="REQUEST", mode=None, cameo="100", objects=None, preps=None,
               target_preps=(), reciprocal=False)


def _demands(sent: Any, found: dict[int, Found], lex: Lexicon, actors: ActorResolver) -> None:
    """"Russia says Israel must end attacks": a REQUEST from Russia to Israel.

    The modal is the trigger; the event of the clause, if any, becomes the
    request's content and picks its mode.
    """
    for tok in sent:
        if tok.dep_ != "aux" or tok.lower_ not in lex.demand_modals:
            continue
        clause = tok.head
        if clause.dep_ not in ("ccomp",) or clause.head.lemma_.lower() not in reporting_verbs():
            continue
        speaker = clause.head
        subj = children(speaker, "nsubj")
        target_tok = children(clause, "nsubj", "nsubjpass")
        source = actor_of(subj[0], actors) if subj else None
        target = actor_of(target_tok[0], actors) if target_tok else None
        inner = found.pop(clause.i, None)
        mode = lex.complement_modes.get("REQUEST", {}).get(inner.type) if inner else None
        found[tok.i] = Found(tok.i, tok.i + 1, DEMAND, "REQUEST", mode, speaker, source, target,
                             _negated(speaker), _tense(speaker), _depth(speaker), kind="demand")


# ------------------------------------------------------------------- matching


_ABSENT = frozenset({"without", "despite", "instead"})


def _object_words(verb: Any) -> tuple[set[str], set[str]]:
    """Words of the verb's objects, and of its prepositional objects ("on the phone")."""
    objs = children(verb, "dobj", "obj", "attr", "oprd", "dative", "acomp")
    if is_passive(verb):
        objs += children(verb, "nsubjpass")
        if verb.dep_ in ("acl", "relcl"):
            objs.append(verb.head)
    pobjs = []
    for prep in children(verb, "prep", "prt"):
        if prep.lower_ in _ABSENT:
            continue  # "ended talks without an agreement": what did not happen names no object
        pobjs += [o for o in children(prep, "pobj") if o.ent_type_ not in ("DATE", "TIME")]
    return _words(objs), _words(pobjs)


def _words(objs: list[Any]) -> set[str]:
    words = set()
    more = list(objs)
    for o in objs:  # "a team of experts and drugs": the experts and drugs count too
        more += children(o, "conj")
        for prep in children(o, "prep"):
            if prep.lower_ == "of":
                more += children(prep, "pobj")
    for o in more:
        words.add(o.lower_)
        words.add(o.lemma_.lower())
        for c in o.children:
            if c.dep_ in ("compound", "amod"):
                if c.dep_ == "compound":
                    words.add(c.lower_)
                words.add(f"{c.lower_} {o.lower_}")
                words.add(f"{c.lower_} {o.lemma_.lower()}")
    return words


def _direct_object(verb: Any) -> Any | None:
    objs = children(verb, "dobj", "obj")
    if objs:
        return objs[0]
    if is_passive(verb):
        subj = children(verb, "nsubjpass")
        if subj:
            return subj[0]
        return verb.head if verb.dep_ in ("acl", "relcl") else None
    return None


def _score(entry: Entry, verb: Any, objwords: tuple[set[str], set[str]], actors: ActorResolver) -> float:
    """How well a verb meets an entry's conditions: 0 = not at all, higher = more specific."""
    score = 1.0
    if entry.not_objects and objwords[0] & entry.not_objects:
        return 0.0  # "released a video", "data released by the statistics office"
    if entry.objects is not None:
        obj = _direct_object(verb)
        hits = objwords[0] & entry.objects
        if hits:
            # a phrase ("ceasefire agreement") is more telling than its head word ("agreement")
            score = 3.2 if any(" " in h for h in hits) else 3.0
        elif objwords[1] & entry.objects:
            score = 2.5
        elif "*actor" in entry.objects and obj is not None and obj.lower_ != "it" and actors.names_actor(obj) \
                and not _quoted(obj):
            # "called it a misquote": "it" is mostly a thing, never enough to make a contact verb an event
            score = 2.0
        elif "*person" in entry.objects and obj is not None and _person(obj):
            score = 2.0  # "defended Smith": a person, not a place or a title ("defended the city")
        elif "*any" in entry.objects and obj is not None:
            score = 1.5
        elif "" in entry.objects and obj is None:
            score = 1.5
        else:
            return 0.0
    if entry.not_context and _in_context(verb, entry.not_context):
        return 0.0
    if entry.complement:
        if not _has_complement(verb):
            return 0.0
        score = 3.0  # "advised people to stay home" is a request before it is advice
    if entry.preps is not None:
        have = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "agent")}
        preps = [c for c in verb.children if c.dep_ == "prep"]
        for d in children(verb, "dobj", "obj"):  # "returned the paintings to Peru" may hang "to" on the object
            preps += [c for c in d.subtree if c.dep_ == "prep" and c.lower_ != "of"]
        have |= {c.lower_ for c in preps if not any(
            o.ent_type_ in ("DATE", "TIME") for o in children(c, "pobj"))}  # "called X on Saturday"
        # "calls for more crossings to be opened": the parse makes "for" the mark of the clause asked for
        have |= {m.lower_ for c in children(verb, "advcl", "ccomp") for m in children(c, "mark") if m.lower_ == "for"}
        if not have & entry.preps:
            return 0.0
        score = max(score, 3.0)
    return score


PERSON_PRONOUNS = {"him", "her", "himself", "herself"}


def _person(tok: Any) -> bool:
    return tok.ent_type_ == "PERSON" or tok.lower_ in PERSON_PRONOUNS


OPENING_QUOTES = {"“", '"', "‘", "'"}
CLOSING_QUOTES = {"”", '"', "’", "'"}


def _quoted(tok: Any) -> bool:
    """A phrase in quotation marks is words mentioned, not an actor: removed "the 'con man'" from a text."""
    doc = tok.doc
    first, last = max(tok.left_edge.i - 1, 0), min(tok.right_edge.i + 1, len(doc) - 1)
    opened = any(doc[i].text in OPENING_QUOTES for i in range(first, tok.i))
    return opened and any(doc[i].text in CLOSING_QUOTES for i in range(tok.i + 1, last + 1))


SCORE = re.compile(r"\d+[-–]\d+")
PUNCT = ".,;:!?\"'“”‘’()"


def _in_context(verb: Any, words: frozenset[str]) -> bool:
    """Does the verb's clause hold a word of another sense ("beat" + "poll"; "*score": "3-1")?"""
    toks = list(verb.subtree)
    for t in toks:
        if t.lower_ in words or t.lemma_.lower() in words or ("*score" in words and SCORE.fullmatch(t.text)):
            return True
    # a hyphenated word is three tokens ("decision", "-", "making"): read it whole too
    joined = "".join(t.text_with_ws for t in toks).lower().split()
    return any(w.strip(PUNCT) in words for w in joined if "-" in w)


def _has_complement(verb: Any) -> bool:
    """A "to" infinitive or a clause with a demand modal: "asked X to leave", "told X he must leave"."""
    for c in verb.children:
        if c.dep_ == "xcomp":
            return True
        # "told reporters that ..." reports; "told him he must leave" asks
        if c.dep_ == "ccomp" and any(a.dep_ == "aux" and (a.tag_ == "TO" or a.lower_ in DEMAND_WORDS)
                                     for a in c.children):
            return True
    return False


def _best(entries: tuple[Entry, ...], verb: Any, actors: ActorResolver) -> Entry | None:
    objwords = _object_words(verb)
    best, best_score = None, 0.0
    for e in entries:
        s = _score(e, verb, objwords, actors)
        if s > best_score:
            best, best_score = e, s
    return best


def _noun_key_entries(tok: Any, lex: Lexicon, actors: ActorResolver) -> tuple[int, tuple[Entry, ...]] | None:
    """Entries for the longest lexicon noun ending at `tok` ("air strike"), with its first token."""
    doc = tok.doc
    last = tok.lemma_.lower()
    # never tok.sent here: spaCy rebuilds every sentence of the doc to answer it
    for n in range(min(lex.max_noun_words + 2, tok.i - actors.sent_start(tok.i) + 1), 0, -1):
        first = tok.i - n + 1
        prefix = actors.text[doc[first].idx: tok.idx].lower() if n > 1 else ""  # not doc.text: it is rebuilt per call
        for key in (prefix + last, prefix + tok.lower_):
            if key in lex.nouns:
                return first, lex.nouns[key]
    return None


def _verb_event(tok: Any, lex: Lexicon, actors: ActorResolver) -> Found | None:
    if tok.dep_ == "amod":
        return None  # a participle describing a thing: "a retired inspector", "the suspected killer"
    lemma = tok.lemma_.lower()
    # a light verb whose object is an event noun: the noun is the event
    obj = _direct_object(tok)
    if lemma in lex.light_verbs and obj is not None and _noun_key_entries(obj, lex, actors) is not None:
        return None
    prts = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    entries: tuple[Entry, ...] = ()
    for p in prts:
        entries += lex.verbs.get(f"{lemma} {p}", ())
    entry = _best(entries, tok, actors) if entries else None
    if entry is None:
        cands = lex.verbs.get(lemma, ())
        if not cands and tok.lower_ != lemma:
            cands = lex.verbs.get(tok.lower_, ())
        entry = _best(cands, tok, actors) if cands else None
    if entry is None:
        return None
    end = tok.i + 1
    for c in tok.children:
        if c.dep_ == "prt" and c.i == end:
            end += 1
    source, target = verb_args(tok, entry, actors)
    if target is not None and target.actor.sector in entry.not_targets:
        return None
    if entry.sources is not None and (source is None or source.actor.sector not in entry.sources):
        return None  # "doctors urge people to remain alert" is no military alert
    return Found(tok.i, end, entry, entry.type, entry.mode, tok, source, target,
                 _negated(tok), _tense(tok), _depth(tok))


def _noun_event(tok: Any, lex: Lexicon, actors: ActorResolver) -> Found | None:
    hit = _noun_key_entries(tok, lex, actors)
    if hit is None:
        return None
    if tok.dep_ in SUBJECT_DEPS and tok.head.lemma_.lower() in reporting_verbs():
        return None  # "the lawsuit alleges ...": a document that speaks; its speech is the event
    first, entries = hit
    last_i = tok.i
    if first != tok.i and tok.doc[first] in tok.ancestors:
        tok = tok.doc[first]  # "declared a state of siege": "state" carries the syntax
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in STATE_PREPS and head.head.lemma_ == "be":
        return _state_event(tok, first, last_i, entries, lex, actors)
    if tok.dep_ == "compound" and head.dep_ in ("dobj", "obj", "nsubjpass"):
        head = head.head  # "launched a mediation effort"
    elif tok.dep_ == "pobj" and head.dep_ == "prep" and (head.lower_ in CARRYING_PREPS or (
            head.lower_ == "in" and head.head.lemma_.lower() in IN_CARRIERS)):
        head = head.head  # "went on strike", "placed under arrest" (not "filed it in a counter attack")
        if head.dep_ in ("dobj", "obj", "nsubjpass") and tok.head.lower_ == "of" and head.pos_ == "NOUN":
            head = head.head  # "began a new round of joint exercises", "launched ten days of war games"
    light = (tok.dep_ in ("dobj", "obj", "nsubjpass", "compound", "pobj")
             and head.lemma_.lower() in lex.light_verbs and head.pos_ in ("VERB", "AUX"))
    if not light and (carrier := _carrying_participle(tok, lex)) is not None:
        head, light = carrier, True
    verb = head.lemma_.lower() if light else None
    usable = [e for e in entries if (e.with_verbs is None or (verb is not None and verb in e.with_verbs))
              and _noun_complement(tok, e)]
    if not usable:
        return None
    entry = next((e for e in usable if e.with_verbs is not None), usable[0])
    source = target = None
    if light:
        source, target = verb_args(head, entry, actors, skip=tok)
        governor = head
    else:
        governor = head if head.pos_ in ("VERB", "AUX") and tok.dep_ in SUBJECT_DEPS else None
    modifier = noun_source(tok, actors, lex)
    if source is None:
        source = modifier
    if not light and modifier is None and tok.dep_ not in SUBJECT_DEPS:
        return None
    if tok.dep_ == "compound" and not light:
        return None
    if target is None and source is None:
        source, target = between_sides(tok, actors)
    if target is None and source is not None:
        target = by_phrase_target(tok, actors)
    if target is None:
        target = prep_target(tok, entry.target_preps + ("of", "between"), actors, avoid=source)
    if target is None and entry.reciprocal and source is not None:
        target = conj_partner(tok, actors)
    if governor is not None:
        negated, tense = _negated(governor), _tense(governor)
    else:
        negated = any(c.lower_ in ("no", "never") for c in tok.children)
        tense = _tense(head) if head.pos_ in ("VERB", "AUX") else "past"
    negated = negated or any(c.lower_ == "no" and c.dep_ == "det" for c in tok.children)
    return Found(first, last_i + 1, entry, entry.type, entry.mode, governor or tok, source, target,
                 negated, tense, _depth(governor or tok) + (0 if light else 1), kind="light" if light else "noun")


# "X is in talks with Y": the subject takes part (types in `in_state_types`, not "is in custody");
# "X is under arrest / under investigation / under attack": the subject undergoes it
STATE_PREPS = ("in", "under")


def _state_event(tok: Any, first: int, last_i: int, entries: tuple[Entry, ...], lex: Lexicon,
                 actors: ActorResolver) -> Found | None:
    prep = tok.head
    be = prep.head
    usable = [e for e in entries if e.with_verbs is None and (prep.lower_ == "under" or e.type in lex.in_state_types)]
    if not usable:
        return None
    entry = usable[0]
    subj = children(be, "nsubj")
    actor = actor_of(subj[0], actors) if subj else None
    if prep.lower_ == "in":
        source, target = actor, prep_target(tok, entry.target_preps, actors, avoid=actor)
    else:
        source, target = prep_target(tok, ("by",), actors, avoid=actor), actor  # "under investigation by the FBI"
    return Found(first, last_i + 1, entry, entry.type, entry.mode, be, source, target,
                 _negated(be), _tense(be), _depth(be), kind="light")


def _noun_complement(tok: Any, entry: Entry) -> bool:
    """Does the noun have what its entry needs after it ("a call for ...", "a call to end ...")?"""
    if entry.noun_preps is None:
        return True
    if any(c.dep_ == "prep" and c.lower_ in entry.noun_preps for c in tok.children):
        return True
    if "*to" not in entry.noun_preps:
        return False
    # "a call to end the strike"; the parse may hang the infinitive on the verb: "issued a call to end ..."
    clauses = [c for c in tok.children if c.dep_ in ("acl", "relcl")]
    if tok.dep_ in ("dobj", "obj"):
        clauses += [c for c in tok.head.children if c.dep_ in ("advcl", "xcomp")]
    return any(any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children) for c in clauses)


def _carrying_participle(tok: Any, lex: Lexicon) -> Any | None:
    """"The massacres committed by the army", "sanctions imposed on the regime": a light verb's
    past participle on the event noun carries it as "committed massacres" would, with its agent."""
    for c in tok.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in lex.light_verbs:
            return c
    return None


def _predicate_event(tok: Any, lex: Lexicon, actors: ActorResolver) -> Found | None:
    entries = lex.predicates.get(tok.lemma_.lower()) or lex.predicates.get(tok.lower_)
    if not entries:
        return None
    be = tok.head
    subj = children(be, "nsubj")
    target = actor_of(subj[0], actors) if subj else None
    source = speaker_of_clause(be, actors)
    return Found(tok.i, tok.i + 1, entries[0], entries[0].type, entries[0].mode, be, source, target,
                 _negated(be), _tense(be), _depth(be), kind="predicate")


# --------------------------------------------------------- negation and tense


def _negated(verb: Any) -> bool:
    from newsgraph.analyse.events.lexicon import lexicon

    lex = lexicon()
    node = verb
    if verb.dep_ == "conj" and not children(verb, "nsubj", "nsubjpass", "aux", "neg") and any(
            c.dep_ == "neg" for c in verb.head.children) and any(
            c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in (*verb.head.children, *verb.children)):
        return True  # "does not make a call or demand a ceasefire" (not "did not attack but retreated")
    for _ in range(3):
        if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in node.children):
            return True
        if node.dep_ not in ("xcomp",) or node.head.i == node.i:
            break
        node = node.head
        if node.lemma_.lower() in lex.negating_verbs:  # "failed to reach agreement"
            return True
        if node.lemma_.lower() not in ("continue", "go", "plan", "want", "try", "seek", "be", "have") \
                and node.lemma_.lower() not in lex.intent_words:
            break
    return False


def _tense(verb: Any) -> str:
    chain = [verb]
    node = verb
    while node.dep_ in ("xcomp", "conj") and node.head.i != node.i and len(chain) < 4:
        node = node.head
        chain.append(node)
        if node.dep_ == "acomp" and node.head.i != node.i:  # "is willing to ..."
            chain.append(node.head)
            node = node.head
    from newsgraph.analyse.events.lexicon import lexicon

    intent = lexicon().intent_words
    for v in chain[1:]:
        if v.lemma_.lower() in intent or v.lower_ in intent:  # "willing to withdraw"
            return "future"
    for v in chain:
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        if words & FUTURE_AUX:
            return "future"
        if words & MODAL_AUX:
            return "hypothetical"
        if v.lemma_ == "go" and v.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in v.children):
            return "future"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in v.children):
            return "hypothetical"
    for v in chain:
        auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        tags = {a.tag_ for a in auxes}
        if v.tag_ == "VBD" or "VBD" in tags:
            return "past"
        if v.tag_ == "VBN" and ({a.lemma_ for a in auxes} & {"have"}):
            return "past"
        if v.tag_ in ("VBZ", "VBP") or tags & {"VBZ", "VBP"}:
            return "present"
        if v.tag_ == "VBG" and auxes:
            return "present"
        if v.tag_ == "VBN" and v.dep_ in ("acl", "amod"):
            return "past"
    return "past" if verb.tag_ in ("VBD", "VBN") else "present"


def _depth(tok: Any) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:  # spaCy makes a new Token per access: compare indices
        tok = tok.head
        d += 1
    return d


# ----------------------------------------------------------------- complements


def _complements(tok: Any) -> list[Any]:
    out = []
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "dobj", "obj", "nsubjpass"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("for", "to", "on", "of", "against"):
            out.extend(children(c, "pobj", "pcomp"))
    for c in list(out):
        out.extend(children(c, "conj"))
        if c.dep_ == "xcomp":  # "promised to continue military aid"
            out.extend(children(c, "dobj", "obj"))
    return out


def _absorb_complements(found: dict[int, Found], lex: Lexicon) -> list[Found]:
    absorbed: set[int] = set()
    result: dict[int, Found] = dict(found)
    intent = set(lex.complement_modes) | set(lex.conflict_from)
    for i, ev in sorted(found.items(), key=lambda kv: kv[1].depth):
        if i in absorbed:
            continue
        if ev.type not in intent:
            # "lifted its embargo": the object noun is the thing acted on, not a second event
            tok = ev.governor.doc[i]
            if ev.governor.i == tok.i:
                for c in children(tok, "dobj", "obj"):
                    inner = result.get(c.i)
                    if inner is not None and inner.governor.i != tok.i and (
                            inner.source is None or same_actor(inner.source, ev.source)):
                        absorbed.add(c.i)
            continue
        head_tok = ev.governor.doc[i] if ev.governor is not None else None
        if head_tok is None:
            continue
        cands = _complements(head_tok)
        if ev.governor.i != head_tok.i:  # a light verb's noun: "made a call for ..."
            cands += [c for c in _complements(ev.governor) if c.i != i]
        for c in cands:
            inner = result.get(c.i)
            if inner is None or c.i in absorbed:
                continue
            absorbed.add(c.i)
            new_type, mode = ev.type, ev.mode
            if ev.type in lex.conflict_from and inner.type in lex.conflict_types:
                new_type = lex.conflict_becomes
                mode = lex.complement_modes.get(new_type, {}).get(inner.type)
            elif not mode:
                mode = lex.complement_modes.get(ev.type, {}).get(inner.type)
            result[i] = replace(result[i], type=new_type, mode=mode,
                                target=result[i].target or inner.target)
            break
    return [ev for i, ev in sorted(result.items()) if i not in absorbed]
