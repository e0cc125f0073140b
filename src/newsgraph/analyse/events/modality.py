"""Is an event stated as having happened? Modality from the parse around its trigger.

A trigger word is not an event that happened when the sentence only plans,
wants, proposes, conditions, asks about or denies it: "wants to deport",
"the plot to kill the president", "if they attack", "did they meet?",
"denied that he ordered the raid". The stage keeps such events (a user may
want them) but marks them, and every consumer that counts what happened
(the default views, the real-news scorer) leaves them out:

| modality | tense | negated | reading |
|---|---|---|---|
| asserted | past / present | false | stated as having happened or happening |
| negated | as stated | true | "did not meet", "no talks", "no one has been charged" |
| denied | as stated | true | inside a denial: "denied that he ordered the raid" |
| future | future | false | "will meet", "is going to meet" |
| hypothetical | hypothetical | false | would/could/might/should, "if"/"unless"/"whether", "the invasion is unavoidable" |
| intended | future | false | planned, wanted, proposed: "plans to deport", "the plot to kill", "an attack plan" |
| question | hypothetical | false | asked about: "Did the army fire first?" |

`tense` and `negated` keep their meaning for older readers; `modality` says
why. The word lists are data (`intent_words`, `intent_nouns`, `denying_verbs`,
`modal_predicates` in data/event_lexicon.toml).
"""

from __future__ import annotations

from typing import Any

from newsgraph.analyse.events.context import negative_subject
from newsgraph.analyse.events.lexicon import Lexicon

# Clause links through which an unrealised or denied frame reaches down to the trigger.
CLAUSE_DEPS = ("xcomp", "ccomp", "advcl", "acl", "relcl", "conj", "pcomp", "csubj")
CONDITION_MARKS = ("if", "unless", "whether")


def modality(governor: Any, sent: Any, lex: Lexicon, negated: bool, tense: str) -> tuple[str, str, bool]:
    """(modality, tense, negated) of the event whose tense and negation `governor` carries."""
    if negated or negative_subject(governor, lex):
        return "negated", tense, True
    if tense in ("future", "hypothetical"):
        return tense, tense, False
    if _denied(governor, lex):
        return "denied", tense, True
    if _unrealised(governor, lex):
        return "intended", "future", False
    if _judged_possible(governor, lex):
        return "hypothetical", "hypothetical", False
    if _conditional(governor):
        return "hypothetical", "hypothetical", False
    if _question(governor, sent):
        return "question", "hypothetical", False
    return "asserted", tense, False


def _to_infinitive(tok: Any) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def _unrealised(tok: Any, lex: Lexicon) -> bool:
    """An event framed as a plan or a wish, not a deed: "wants to deport", "the plot to kill".

    Only frames of intention count (`intent_words`, `intent_nouns`): a "to" of
    purpose ("met to push for a ceasefire", "organized a walkout to protest")
    reports the act itself, and news coders count it. The event's own tense
    rules already took will/would/must.
    """
    frames = lex.intent_words | lex.intent_nouns
    if any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children) and _subjunctive(tok) and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return True  # "... and that Smith be restrained": a mandative subjunctive, whatever the parse hangs it on
    node = tok
    for _ in range(5):
        head = node.head
        if head.i == node.i:
            return False
        framed = head.lemma_.lower() in frames or head.lower_ in frames
        if node.dep_ in ("xcomp", "ccomp", "attr") and head.lemma_ == "be" and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in frames for c in head.children):
            return True  # "the goal was to capture the president"
        if framed and node.dep_ == "ccomp" and _subjunctive(node):
            return True  # "demands that the hostages be released": what is asked for, not done
        if framed and (_to_infinitive(node) or node.dep_ in ("xcomp", "acl", "relcl", "pcomp", "pobj", "prep", "dobj",
                                                            "compound")):
            return True  # "plans to deport", "a plot to kill", "plans for an attack", "the risks the invasion poses"
        if node.dep_ not in ("conj", "xcomp", "pcomp", "pobj", "prep", "acl"):
            return False
        node = head
    return False


def _subjunctive(tok: Any) -> bool:
    """A bare-form clause verb, as after "demand that": "that Israel withdraw", "that they be freed"."""
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "TO" or a.tag_ != "VB" for a in auxes):
        return False
    # "that they be released": the passive's "be" is bare too
    return tok.tag_ == "VB" or (tok.tag_ == "VBN" and any(a.dep_ == "auxpass" for a in auxes))


def _judged_possible(tok: Any, lex: Lexicon) -> bool:
    """"The invasion is unavoidable", "a strike is likely": a judgement about an event, not the event."""
    if tok.lemma_.lower() != "be":
        return False
    return any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in lex.modal_predicates for c in tok.children)


def _denied(tok: Any, lex: Lexicon) -> bool:
    """The content of a denial: "denied that he ordered the raid", "denies attacking"."""
    node = tok
    for _ in range(3):
        head = node.head
        if head.i == node.i or node.dep_ not in ("ccomp", "xcomp", "conj", "pcomp", "dobj"):
            return False
        if head.lemma_.lower() in lex.denying_verbs and node.dep_ != "conj":
            return True
        node = head
    return False


def _conditional(tok: Any) -> bool:
    """The event sits in an "if"/"unless"/"whether" clause, or under one within two links."""
    node = tok
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "conj", "ccomp") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _question(tok: Any, sent: Any) -> bool:
    """The trigger's clause is a question: the sentence ends in "?" and the clause is its main one.

    `sent` is passed in: Token.sent rebuilds every sentence of the Doc on each call.
    """
    toks = [t for t in sent if not t.is_punct or t.text == "?"]
    if not toks or toks[-1].text != "?":
        return False
    node = tok
    while node.dep_ in ("xcomp", "conj") and node.head.i != node.i:
        node = node.head
    return node.dep_ == "ROOT"
