"""How sure is the coder of one event? A score in [0, 1] from what the parse shows.

The score adds the weights of data/event_lexicon.toml's [confidence] table to
the entry's prior (`prior` on an entry, else `base`). The weights were set
on the real-news development pages (../shared/data/realnews/gold_dev.jsonl,
see docs/events.md "Confidence"): events scored 0.5 or more are right about
as often as the precision target says, and views that show "confident"
events use that threshold.

What raises or lowers it, and why:
- the trigger's own arguments name actors (a source, a target): an event is
  something actors do, and a trigger with neither is most often a word used
  in another sense ("inflation hit 3.9%", "the meeting room");
- a noun with no light verb ("the war", "cyberattacks") is often a topic,
  not a report that something happened; a noun carried by a light verb
  ("launched an attack") is as good as a verb;
- the present simple of a verb often states a habit or a headline claim
  rather than an event;
- a demand read off a modal ("X said Y must ...") is weaker than a verb;
- a violent noun with its attacker ("Hamas atrocities", "the attack by
  militants") reports an attack, unlike most bare nouns (topics, plans);
- a copy of an event for a further conjoined actor ("accused by A, B and C")
  is the same act: one event shows, the copies stay below the threshold;
- an active verb whose subject names no actor ("her gut told her to", "drugs are
  poisoning Americans", "the two men continued to denigrate X") lacks the actor that
  does it: the issue's rule is to drop or lower such an event rather than guess (a
  pronoun subject is a doer coreference did not resolve, and is spared);
- a source that is also the target means the parse joined the wrong words;
- an event inside a claim ("alleged that ...", analyse/events/context.py) is
  one side's word, while an event whose subject is a document ("the lawsuit
  alleges", "the resolution demands") is its author's act.
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.analyse.events.context import claimed, document_speaker
from newsgraph.analyse.events.lexicon import Lexicon
from newsgraph.analyse.events.patterns import Found


def _self_loop(f: Found) -> bool:
    if f.source is None or f.target is None:
        return False
    a, b = f.source.actor, f.target.actor
    return a.name == b.name or (a.entity_id is not None and a.entity_id == b.entity_id)


def _possessor_source(f: Found) -> bool:
    """Whether the source is the attack noun's possessor: "the president's assassination" names its
    victim that way as often as "Hamas's attack" names its doer, so the possessor earns no bonus."""
    if f.source is None or f.governor is None:
        return False
    trigger = f.governor.doc[f.start]
    return any(c.dep_ == "poss" and f.source.start <= c.idx < f.source.end for c in trigger.children)


HYPHENS = ("-", "–")
PAIR = re.compile(r"[A-Z][\w.]*[-–][A-Z][\w.]*")  # two names joined: "Israel-Hamas", "Iran–Iraq"


def _paired_modifier(f: Found) -> bool:
    """"The Israel-Hamas conflict", "the Iran-Iraq war": a hyphenated pair names both sides of a
    topic, not an attacker."""
    if f.source is None or f.governor is None:
        return False
    doc = f.governor.doc  # token by token: Doc.text is rebuilt on every access
    span = doc.char_span(f.source.start, f.source.end, alignment_mode="expand")
    if span is None:
        return False
    if any(PAIR.fullmatch(t.text) for t in span):
        return True  # tokenised whole: "Israel-Hamas"
    # "Israel", "-", "Hamas" with no spaces, one side in the source's phrase (not "pro-Norland")
    for i in range(max(span.start - 1, 1), min(span.end + 1, len(doc) - 1)):
        if doc[i].text in HYPHENS and not doc[i - 1].whitespace_ and not doc[i].whitespace_ \
                and PAIR.fullmatch(f"{doc[i - 1].text}-{doc[i + 1].text}"):
            return True
    return False


def _passive(gov: Any) -> bool:
    """A passive or a past participle ("was charged", "the man arrested"): its doer is optional."""
    return gov is None or gov.tag_ == "VBN" or any(c.dep_ == "auxpass" for c in gov.children)


def _pronoun_subject(gov: Any) -> bool:
    """"It disagreed", "who massacred": a pronoun names a doer that coreference did not resolve
    (the actors' business), unlike a subject that is no actor ("her gut told her") or none."""
    node = gov
    for _ in range(3):
        if any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _simple_present(f: Found, lex: Lexicon) -> bool:
    """The present simple ("calls for", "condemns") and the infinitive ("to kill") state habits,
    headline claims and aims; the progressive ("is negotiating a deal"), a state ("is in talks",
    "is under arrest") and a document's participle ("a resolution calling for a pause") report
    something going on or done."""
    gov = f.governor
    if gov is not None and gov.lemma_ == "be" and f.kind == "light":
        return False  # "is in talks with", "is under investigation": a state going on, like the progressive
    if gov is None or gov.tag_ != "VBG":
        return True
    if any(c.dep_ == "aux" and c.lemma_ == "be" for c in gov.children):
        return False
    return not (gov.dep_ == "acl" and gov.head.lemma_.lower() in lex.document_nouns)


def features(f: Found, lex: Lexicon) -> list[str]:
    """The names of the [confidence] weights that apply to one event."""
    out = []
    if f.governor is not None:
        trigger = f.governor.doc[f.start]
        if claimed(f.governor, lex) or claimed(trigger, lex):
            out.append("claimed")
        own_doc = trigger.lemma_.lower() in lex.document_nouns  # not "the lawsuit" itself
        if (f.source is None or f.speech_source) and not own_doc and document_speaker(f.governor, lex):
            out.append("document_source")
    if f.conjunct:
        out.append("conjunct")
    if _self_loop(f):
        out.append("self_loop")
    if f.source is not None:
        out.append("source")
        if f.source.actor.entity_id is not None:
            out.append("named_source")
    if f.target is not None:
        out.append("target")
    if f.source is None and f.target is None:
        out.append("no_actor")
    if (f.source is not None and f.source.guess) or (f.target is not None and f.target.guess):
        out.append("guessed_actor")
    out.append(f"kind_{f.kind}")
    if f.kind == "noun" and f.source is not None and f.type == "ASSAULT" and not _possessor_source(f) \
            and not _paired_modifier(f):
        out.append("noun_attacker")  # "the Israeli aggression", "the attack by Hamas militants": an act, named with its doer
    out.append(f"type_{f.type}")  # a weight per type only where the dev pages showed a type's words mislead
    if f.tense == "present" and _simple_present(f, lex):
        out.append("present")
    if f.source is None and f.target is not None and f.kind == "verb" and not _passive(f.governor) \
            and "document_source" not in out and not _pronoun_subject(f.governor):
        out.append("no_doer")  # an active verb whose subject names no actor: the doer is missing, or it is another sense
    return out


def confidence(f: Found, lex: Lexicon) -> float:
    weights = lex.confidence
    score = f.entry.prior if f.entry.prior is not None else weights.get("base", 0.5)
    score += sum(weights.get(name, 0.0) for name in features(f, lex))
    return round(min(1.0, max(0.0, score)), 2)
