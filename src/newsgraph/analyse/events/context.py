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
  the sentence: the document's maker as the attributions layer finds it
  (attributions/owners.py `document_owner`: one definition for both layers), else
  the phrase's possessor or the last filer coded (makers named by a role, which
  that layer does not resolve), else the agent of a filing noun named later in
  the article; never the one accused.
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
    """Who made the document that is the subject of an event ("the lawsuit accuses the ACC", "the
    resolution demands"), which the sentence does not name.

    One definition with the attributions layer, which asks the same of "the lawsuit says":
    analyse/attributions/owners.py `document_owner` (a possessor or agent in the phrase, else the
    maker of the same document earlier in the article: "Florida State sued the ACC ... The suit
    accuses"). When the article names the maker only later ("The suit alleges ... The lawsuit, filed
    on behalf of Ozy Media, ..."), the first agent of a filing noun anywhere in the article is the
    maker (`filing_words`). `document_owner` knows only named entities; a maker named by a role
    ("the union's lawsuit", "the dockers sued ... the suit alleges") is read here from the phrase's
    possessor, else from the last filing act coded so far. Never the one the event acts on."""

    def __init__(self, lex: Lexicon, actors: Any):
        self.lex = lex
        self.actors = actors
        self._index: Any = None
        self._later: Any = False  # not looked for yet
        self.seen: list[Any] = []  # sources of filing acts so far ("X sued", "X filed a lawsuit")

    def _document_subject(self, f: Any) -> Any | None:
        node = f.governor
        for _ in range(2):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")
                         and _lemma(c) in self.lex.filing_words), None)
            if subj is not None:
                return subj
            if node.dep_ != "conj" or node.head.i == node.i:
                break
            node = node.head
        return None

    def _owner(self, subj: Any) -> Any | None:
        from newsgraph.analyse.attributions.owners import document_owner
        from newsgraph.analyse.entities.stage import EntityIndex

        if self._index is None:
            self._index = EntityIndex(self.actors.entities)
        span = subj.doc[subj.left_edge.i: subj.right_edge.i + 1]
        ent = document_owner(span, self._index, self.actors.entity_at)
        if ent is not None:
            return self.actors.from_entity(ent, subj)
        poss = next((c for c in subj.children if c.dep_ == "poss"), None)
        owner = self.actors.resolve(poss) if poss is not None else None
        return owner or (self.seen[-1] if self.seen else None) or self._named_later(subj.doc)

    def _files(self, f: Any) -> bool:
        """A filing act: "X sued", "X filed a lawsuit", "X alleges in a new lawsuit"."""
        gov = f.governor
        if _lemma(gov.doc[f.start]) in self.lex.filing_words or _lemma(gov) in self.lex.filing_words:
            return True
        return any(c.dep_ == "prep" and c.lower_ == "in" and any(_lemma(o) in self.lex.filing_words for o in c.children)
                   for c in gov.children)

    def _named_later(self, doc: Any) -> Any | None:
        from newsgraph.analyse.attributions.owners import document_agent

        if self._later is False:
            self._later = None
            for t in doc:
                if t.pos_ == "NOUN" and _lemma(t) in self.lex.filing_words:
                    agent = document_agent(t)
                    res = self.actors.resolve(agent) if agent is not None else None
                    if res is not None:
                        self._later = res
                        break
        return self._later

    def read(self, finds: list[Any]) -> list[Any]:
        """The finds of one sentence, a document subject's source filled from its maker."""
        out = []
        for f in finds:
            subj = self._document_subject(f) if f.source is None else None
            if subj is not None:
                owner = self._owner(subj)
                target = f.target.actor.name if f.target is not None else None
                if owner is not None and owner.actor.name != target:
                    f = replace(f, source=owner, speech_source=True)
            elif f.source is not None and self._files(f):
                self.seen.append(f.source)
            out.append(f)
        return out
