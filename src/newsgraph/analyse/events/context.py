"""What the clause around an event says about it, beyond its own arguments.

Real pages state many events second-hand. Three readings from the parse, all
driven by word lists of data/event_lexicon.toml (`claim_words`,
`document_nouns`, `negative_subjects`), each used as a confidence weight or a
negation rather than as a code branch per word:

- claimed: the event is the content of a claim ("Pierce alleged Morris hit
  him", "claims made by X that Y bombed a hospital"). The claim is what the
  article reports; what it claims is one side's word.
- document_speaker: a document is the subject of the event's verb ("the
  lawsuit alleges", "the resolution demands"): its author acts, even when the
  sentence does not name the author.
- negative_subject: "no one has been charged", "neither X nor Y has ever
  challenged it": nobody did it.
- speaker_source: an event whose trigger is the cue of an attribution ("Ozy
  alleges in the suit ...", "the lawsuit accuses the ACC", "Pierce alleged")
  is a speech act, and its source is the speaker the attributions layer found,
  with the coreference that layer resolved.
- Filers: "the lawsuit accuses the ACC", "the suit alleges ..." with no filer in
  the sentence: the filer is whoever the article last said sued or filed
  (`filing_words`), other than the one accused.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from newsgraph.analyse.events.actors import FIRST, PERSONAL, RELATIVE, THIRD
from newsgraph.analyse.events.lexicon import Lexicon

PRONOUNS = PERSONAL | THIRD | FIRST | RELATIVE

# Links from a clause up to the word that frames it (a claim verb or noun).
# Not dobj/pobj: "claimed responsibility for the attack" claims the attack, it does not doubt it.
FRAME_DEPS = ("ccomp", "parataxis", "acl", "relcl", "conj", "xcomp", "advcl")


def _lemma(tok: Any) -> str:
    return str(tok.lemma_).lower()


def claimed(tok: Any, lex: Lexicon) -> bool:
    """Is `tok` (an event's governor or trigger) inside what a claim word frames?"""
    node = tok
    for _ in range(5):
        head = node.head
        if head.i == node.i:
            break
        if node.dep_ not in FRAME_DEPS:
            return False
        if _lemma(head) in lex.claim_words:
            return node.dep_ != "conj"  # "alleged X and attacked": the second verb is the claimant's act
        node = head  # a quotation ahead of its cue hangs from it too: "“... struck me,” Pierce alleged."
    return False


def document_speaker(tok: Any, lex: Lexicon) -> bool:
    """Is the subject of `tok` (or of the verb it is a conjunct of) a document? A participle
    on a document speaks for it too: "a resolution calling for a pause"."""
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and _lemma(tok.head) in lex.document_nouns:
        return True
    node = tok
    for _ in range(2):
        for c in node.children:
            if c.dep_ in ("nsubj", "nsubjpass") and _lemma(c) in lex.document_nouns:
                return True
        if node.dep_ != "conj" or node.head.i == node.i:
            break
        node = node.head
    return False


def negative_subject(tok: Any, lex: Lexicon) -> bool:
    """Does the verb's subject say that nobody did it ("no one", "no school", "neither ...")?"""
    for c in tok.children:
        if c.dep_ not in ("nsubj", "nsubjpass"):
            continue
        words = [c.lower_] + [d.lower_ for d in c.children if d.dep_ in ("det", "preconj")]
        if any(w in lex.negative_subjects for w in words):
            return True
        if c.i + 1 < len(c.doc) and f"{c.lower_} {c.doc[c.i + 1].lower_}" in lex.negative_subjects:
            return True
        left = c.doc[c.i - 1] if c.i > 0 else None
        if left is not None and f"{left.lower_} {c.lower_}" in lex.negative_subjects:
            return True  # "no one": spaCy heads the pair on "one"
    return False


def cue_speaker(tok: Any, attributions: Any) -> Any | None:
    """The speaker of the attribution whose cue is `tok` ("accused" in "X accused Y of ..."),
    when that speaker has a name: a pronoun or an empty speaker says nothing more than the parse."""
    for a in attributions:
        cue = a.cue
        if cue is None or not (cue.start <= tok.idx < cue.end):
            continue
        sp = a.speaker
        words = (sp.name or sp.text or "").lower().split()
        if sp.entity_id or (words and not all(w in PRONOUNS for w in words)):
            return sp
    return None


class Filers:
    """Who filed the suits of one document, in text order, to name the author of "the lawsuit"."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.seen: list[Any] = []  # Resolved sources of filing events, latest last

    def _files(self, f: Any) -> bool:
        """A filing act: "X sued", "X filed a lawsuit", "X alleges in a new lawsuit"."""
        gov = f.governor
        trigger = gov.doc[f.start]
        if _lemma(trigger) in self.lex.filing_words or _lemma(gov) in self.lex.filing_words:
            return True
        return any(c.dep_ == "prep" and c.lower_ == "in" and any(_lemma(o) in self.lex.filing_words for o in c.children)
                   for c in gov.children)

    def _document_subject(self, f: Any) -> bool:
        node = f.governor
        for _ in range(2):
            if any(c.dep_ in ("nsubj", "nsubjpass") and _lemma(c) in self.lex.filing_words for c in node.children):
                return True
            if node.dep_ != "conj" or node.head.i == node.i:
                break
            node = node.head
        return False

    def read(self, finds: list[Any]) -> list[Any]:
        """The finds of one sentence, a document subject's source filled from the filers so far."""
        out = []
        for f in finds:
            if f.source is None and self._document_subject(f):
                target = f.target.actor.name if f.target is not None else None
                filer = next((r for r in reversed(self.seen) if r.actor.name != target), None)
                if filer is not None:
                    f = replace(f, source=filer, speech_source=True)
            elif f.source is not None and self._files(f):
                self.seen.append(f.source)
            out.append(f)
        return out
