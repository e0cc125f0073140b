"""The actors of an event from its trigger's own arguments (events/patterns.py finds the triggers).

Source and target come from the subject, object, passive agent and the entry's
prepositions, through coordination, relative clauses, purpose clauses, appositions
and "X was forced to ...". Never from a nearby name the parse does not connect:
an argument that names no actor gives no actor (analyse/events/actors.py codes
the ones that do).
"""

from __future__ import annotations

from typing import Any

from newsgraph.analyse.events.actors import ActorResolver, Resolved, code_words, knowledge
from newsgraph.analyse.events.lexicon import Entry, Lexicon
from newsgraph.analyse.text.cues import reporting_verbs

OBJECT_CONTROL = {"urge", "ask", "call", "force", "order", "invite", "press", "tell", "push", "pressure",
                  "encourage", "allow", "permit", "help", "persuade", "compel", "instruct", "demand"}


def children(tok: Any, *deps: str) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def main_verb_misparsed(verb: Any) -> bool:
    """"The agency offered on Saturday to send observers": with no finite verb, the parser
    hangs the sentence on the noun and makes the verb a participle of it. A participle
    with an object or a "to" clause and no "by" agent is the noun's own act, not done to it."""
    if verb.dep_ != "acl" or verb.head.dep_ != "ROOT" or verb.head.pos_ not in ("NOUN", "PROPN"):
        return False
    kids = {c.dep_ for c in verb.children}
    return "agent" not in kids and bool(kids & {"dobj", "obj", "xcomp", "ccomp"})


def is_passive(verb: Any) -> bool:
    if main_verb_misparsed(verb):
        return False
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "a resolution backed by the U.S."
        return True
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def actor_of(tok: Any, actors: ActorResolver) -> Resolved | None:
    """An argument's actor; a non-actor noun ("an invasion") lends its modifier ("Israeli")."""
    named = _named_apposition(tok)
    res = actors.resolve(named) if named is not None else None
    if res is None:
        res = actors.resolve(tok)
    if res is None:
        for c in tok.children:
            if c.dep_ == "appos":  # "his rival Laurent Gbagbo"
                res = actors.resolve(c)
                if res is not None:
                    break
    if res is None and tok.dep_ == "appos" and tok.head.i != tok.i:
        # "Hamas, a terrorist group that massacred ...": the description stands for the name it follows
        res = actors.resolve(tok.head)
    if res is None:
        person = _named_member(tok)
        res = actors.resolve(person) if person is not None else None
    if res is None and tok.dep_ == "attr" and tok.head.lemma_ == "be":
        # "John was the third defendant to be given the sentence": the predicate noun is its subject
        subj = children(tok.head, "nsubj")
        res = actor_of(subj[0], actors) if subj else None
    return res


def _named_member(tok: Any, depth: int = 0) -> Any | None:
    """A person named inside a phrase whose head names no actor: "one of the bar's owners James
    Pence", "his husband and co-owner Chad Morris". Not a possessor ("Elon Musk's X" is not Musk)
    and not inside a clause."""
    if depth > 4:
        return None
    for c in tok.children:
        if c.dep_ in ("appos", "conj") and c.ent_type_ == "PERSON":
            return c
        if c.dep_ in ("prep", "pobj", "conj", "appos") and (c.dep_ != "prep" or c.lower_ == "of"):
            found = _named_member(c, depth + 1)
            if found is not None:
                return found
    return None


def _named_apposition(tok: Any) -> Any | None:
    """The person a role word is followed by: "its president Antonio Intriago", "Senate Majority
    Leader Chuck Schumer" (parsed as an apposition). The name is who acts; the role only describes."""
    if tok.ent_type_ == "PERSON":
        return None
    code = knowledge().lookup(tok.text)
    if code is None or code.kind != "role":
        return None
    return next((c for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)


def noun_source(noun: Any, actors: ActorResolver, lex: Lexicon | None = None) -> Resolved | None:
    """Who does a nominal event: "its attack", "Israeli invasion", "attack by Hamas"."""
    for c in noun.children:
        if c.dep_ == "poss":
            return actors.resolve(c)
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            objs = children(c, "pobj")
            if objs:
                return actors.resolve(objs[0])
    # "it's terrorist attack" (a misspelt "its") is parsed as "it is ..."
    first = noun.left_edge.i
    doc = noun.doc
    if first - 2 >= actors.sent_start(noun.i) and doc[first - 1].lower_ in ("'s", "’s") and doc[first - 2].lower_ == "it":
        return actors.resolve(doc[first - 2])
    for c in noun.lefts:
        if c.dep_ in ("amod", "compound", "nmod", "npadvmod") and c.i < noun.i:
            kinds = {code.kind for _, _, code in code_words([c.text])[2]}
            if kinds & {"country", "demonym", "org"}:  # "Rafah incursion": a place, not an attacker
                return actors.resolve(c)
    return None


def _subject(verb: Any, actors: ActorResolver, seen: int = 0) -> Resolved | None:
    if seen > 4:
        return None
    if is_passive(verb):
        for agent in children(verb, "agent"):
            objs = children(agent, "pobj")
            if objs:
                return actor_of(objs[0], actors)
        if children(verb, "nsubjpass") or _passive_conjunct(verb):
            # "prosecutors downgraded the charge and he was released": a passive with its own
            # subject and no "by" names no doer; the first verb's subject did not do it
            return None
    else:
        subj = children(verb, "nsubj", "csubj")
        if subj:
            # two subjects: a dateline parsed as one ("TALLAHASSEE, Fla. (AP) — Florida State sued");
            # the one nearest before the verb is its own
            return actor_of(_own_subject(verb, subj), actors)
    dep, head = verb.dep_, verb.head
    if head.i == verb.i:
        return None
    if dep == "xcomp":
        if head.lemma_.lower() in OBJECT_CONTROL:
            obj = children(head, "dobj", "obj")
            if obj:
                return actor_of(obj[0], actors)
            passive_subj = children(head, "nsubjpass")
            if passive_subj:  # "the BBC was forced to remove ...": the one forced does it
                return actor_of(passive_subj[0], actors)
        return _subject(head, actors, seen + 1)
    if dep == "conj":
        if is_passive(head) and not is_passive(verb) and verb.tag_ in ("VBD", "VBZ", "VBP"):
            # "Palacios was recruited by CTU and met with X": the one recruited met, not the recruiter
            subj = children(head, "nsubjpass")
            return actor_of(subj[0], actors) if subj else None
        return _subject(head, actors, seen + 1)
    if dep in ("acl", "relcl") and not is_passive(verb) and (verb.tag_ != "VBN" or main_verb_misparsed(verb)):
        res = actor_of(head, actors)
        if res is None and head.dep_ in ("dobj", "obj") and head.lemma_.lower() in _document_nouns():
            # "the Security Council approved a resolution calling for ...": who adopts a text speaks by it
            return _subject(head.head, actors, seen + 1)
        return res
    if dep == "advcl" and (verb.tag_ == "VBG" or any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)):
        # "worked at the U.N. to negotiate", "traveled to Egypt to discuss": a purpose clause is
        # the main subject's
        return _subject(head, actors, seen + 1)
    return None


def _passive_conjunct(verb: Any) -> bool:
    """"who pleaded guilty and was sentenced": a passive joined to an active verb, with no subject
    of its own, shares that verb's subject as the one acted on, not as the doer."""
    return (verb.dep_ == "conj" and not children(verb, "nsubjpass", "agent")
            and any(c.dep_ == "auxpass" for c in verb.children) and verb.head.pos_ == "VERB"
            and not is_passive(verb.head))


DATELINE_DASHES = ("—", "--", "–")


def _own_subject(verb: Any, subj: list[Any]) -> Any:
    """Of two subjects, the one after a dateline ("TALLAHASSEE, Fla. (AP) — Florida State sued"):
    a dash between them closes the dateline. Without one ("St. Louis, Missouri police") the
    first starts the subject."""
    before = [t for t in subj if t.i < verb.i]
    if len(before) > 1:
        doc = verb.doc
        if any(doc[i].text in DATELINE_DASHES for i in range(before[0].i, before[-1].i)):
            return before[-1]
    return subj[0]


def _document_nouns() -> frozenset[str]:
    from newsgraph.analyse.events.lexicon import lexicon

    return lexicon().document_nouns


def verb_args(verb: Any, entry: Entry, actors: ActorResolver,
               skip: Any = None) -> tuple[Resolved | None, Resolved | None]:
    source = _subject(verb, actors)
    target = _passive_target(verb, actors, skip)
    if target is None:
        for d in children(verb, "dobj", "obj", "dative"):
            if skip is None or d.i != skip.i:
                target = actor_of(d, actors)
                if target is not None:
                    break
    if target is None and skip is None:
        target = _shared_object(verb, actors)
    if target is None:
        target = prep_target(verb, entry.target_preps, actors, avoid=source)
    if target is None:
        for d in children(verb, "dobj", "obj"):  # "broke relations with Russia"
            target = prep_target(d, entry.target_preps, actors, avoid=source)
            if target is not None:
                break
    if target is None and entry.type in ("REQUEST", "REJECT", "THREATEN", "ACCUSE"):
        for c in _complements(verb):  # "demanded that Mugabe abandon ..."
            subj = children(c, "nsubj", "nsubjpass")
            if subj:
                target = actor_of(subj[0], actors)
                owner = children(subj[0], "poss")
                if target is None and owner:  # "requested that the city's celebration include ..."
                    target = actor_of(owner[0], actors)
                break
    if target is None and skip is not None:
        target = prep_target(skip, entry.target_preps + ("between",), actors, avoid=source)
    if target is None and entry.reciprocal:
        subj = children(verb, "nsubj")
        if subj:
            target = conj_partner(subj[0], actors)
    return source, target


def _complements(verb: Any) -> list[Any]:
    """The verb's "that" clauses, also one the parser joined to it as a conjunct ("seeks damages and
    that Smith be restrained": a verb is not coordinated with a that-clause)."""
    return children(verb, "ccomp") + [c for c in children(verb, "conj")
                                      if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]


def _passive_target(verb: Any, actors: ActorResolver, skip: Any) -> Resolved | None:
    """The one acted on by a passive: its subject; the noun a participle hangs on ("the journalists
    killed", "a man arrested in ..."); the subject shared with an active verb ("who pleaded guilty
    and was sentenced")."""
    if is_passive(verb):
        subj = children(verb, "nsubjpass")
        if subj and (skip is None or subj[0].i != skip.i):
            return actor_of(subj[0], actors)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and not main_verb_misparsed(verb):
        return actor_of(verb.head, actors)
    if verb.dep_ == "relcl" and is_passive(verb) and not children(verb, "nsubjpass"):
        # "the third defendant to be given the maximum sentence": a passive infinitive acts on its noun
        return actor_of(verb.head, actors)
    if _passive_conjunct(verb):
        subj = children(verb.head, "nsubj")
        return actor_of(subj[0], actors) if subj else None
    return None


def _shared_object(verb: Any, actors: ActorResolver) -> Resolved | None:
    """The one acted on, shared by coordinated verbs: "beat and arrested its owner" (the
    object hangs on the last verb), "was arrested and indicted" (the passive subject on the first)."""
    if children(verb, "dobj", "obj", "nsubjpass", "nsubj"):
        return None
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and is_passive(verb.head):  # "was arrested and indicted"
        subj = children(verb.head, "nsubjpass")
        return actor_of(subj[0], actors) if subj else None
    if not is_passive(verb):
        for c in children(verb, "conj"):
            if c.pos_ == "VERB" and not is_passive(c) and not children(c, "nsubj"):
                objs = children(c, "dobj", "obj")
                return actor_of(objs[0], actors) if objs else None
    return None


def prep_target(tok: Any, preps: tuple[str, ...], actors: ActorResolver,
                 avoid: Resolved | None = None) -> Resolved | None:
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for o in children(c, "pobj"):
                res = actor_of(o, actors) or _owner(o, actors)
                if res is not None and not same_actor(res, avoid):
                    return res
    return None


def _owner(tok: Any, actors: ActorResolver) -> Resolved | None:
    """"disagreed with a court's decision", "protested against Norland's ban": whoever owns the
    thing acted against is the target (a named possessor, not a pronoun the parse cannot place)."""
    poss = [c for c in children(tok, "poss") if c.pos_ != "PRON"]
    return actors.resolve(poss[0]) if poss else None


def by_phrase_target(noun: Any, actors: ActorResolver) -> Resolved | None:
    """"the attack by Hamas militants on Israel": the parser hangs "on Israel" on the attackers."""
    for by in children(noun, "prep"):
        if by.lower_ == "by":
            for agent in children(by, "pobj"):
                res = prep_target(agent, ("on", "against"), actors)
                if res is not None:
                    return res
    return None


def between_sides(tok: Any, actors: ActorResolver) -> tuple[Resolved | None, Resolved | None]:
    """"the war between Israel and Hamas": the two sides, in the order written."""
    for c in children(tok, "prep"):
        if c.lower_ == "between":
            for o in children(c, "pobj"):
                first = actor_of(o, actors)
                second = conj_partner(o, actors)
                if first is not None and second is not None:
                    return first, second
    return None, None


def conj_partner(tok: Any, actors: ActorResolver) -> Resolved | None:
    """The second of "A and B" (reciprocal events: "Netanyahu and Biden spoke")."""
    for c in tok.children:
        if c.dep_ == "conj":
            return actors.resolve(c)
    return None


def same_actor(a: Resolved | None, b: Resolved | None) -> bool:
    return a is not None and b is not None and a.actor.name == b.actor.name


def speaker_of_clause(verb: Any, actors: ActorResolver) -> Resolved | None:
    """Who judges in "X said an invasion would be a mistake": the subject of the saying verb."""

    speech = reporting_verbs()
    node = verb
    for _ in range(4):
        if node.dep_ in ("ccomp", "parataxis") or (node.dep_ == "ROOT" and node.i != verb.i):
            head = node.head if node.dep_ != "ROOT" else node
            if head.lemma_.lower() in speech:
                subj = children(head, "nsubj")
                return actor_of(subj[0], actors) if subj else None
        if node.head.i == node.i:
            break
        node = node.head
    # a quotation whose cue comes after it: "“... a mistake,” he said."
    for t in actors.sentence(verb.i):
        if t.lemma_.lower() in speech and t.dep_ == "ROOT" and t.i != verb.i:
            subj = children(t, "nsubj")
            if subj:
                return actor_of(subj[0], actors)
    for a in actors.attributions:
        if a.content.start <= verb.idx < a.content.end:
            return actors._speaker_of(verb, 0)
    return None
