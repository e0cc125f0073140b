"""Who a document speaks for: "the lawsuit says", "their statement said", "the report found".

A lawsuit, a statement or a report has no voice of its own: a reader takes
what it says as said by whoever made it. `document_owner` finds that owner
from the article's own words, in this order, and returns None when none of
them applies (the speaker then stays the document as written, unresolved:
a wrong owner is worse than none):

1. a possessor in the phrase: "Wolff's written decision", "their statement"
   (a possessive pronoun is resolved as a speaker pronoun would be);
2. an agent inside the phrase: "a filing by The Foundation", "data released
   by the statistics office", "the lawsuit filed on behalf of Ozy Media";
3. the same document made earlier in the article: "Florida State sued the
   league ... The suit says", "Bloomberg reported ... the report said",
   "the council adopted a resolution ... the resolution demands": the maker
   is the subject of the verb that made it (data/cues.json `document_verbs`)
   or the agent of an earlier mention of the same noun.

The nouns that count as documents are data/cues.json `documents`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Span, Token

from newsgraph.analyse.entities.stage import EntityIndex
from newsgraph.analyse.text.cues import lexicon
from newsgraph.analyse.text.data import load_json
from newsgraph.model import Entity

_PRONOUN_POSSESSORS = {"his", "her"}
# organisations, places and people can own a document; a date or a number cannot
_OWNER_TYPES = ("PERSON", "ORG", "GPE", "NORP")

# texts a body adopts by vote, and the verbs of writing them before the vote
_ADOPTED = {"resolution", "bill", "measure", "motion"}
_DRAFTING = {"draft", "sponsor", "propose", "introduce", "table", "write", "circulate", "put"}

Resolve = Callable[[int, int], Entity | None]


def is_document(head: Token) -> bool:
    return head.lemma_.lower() in lexicon().documents or head.lower_ in lexicon().documents


def is_document_word(word: str) -> bool:
    """A lower-case word that names a document ("lawsuit", "reports")."""
    docs = lexicon().documents
    return word in docs or word.endswith("s") and word[:-1] in docs


def document_owner(span: Span, index: EntityIndex, resolve: Resolve) -> Entity | None:
    """The owner of the document the speaker phrase `span` names, or None.

    `resolve(start, end)` resolves a pronoun possessor the way a speaker
    pronoun at that position would be resolved."""
    head = span.root
    if not is_document(head):
        return None
    owner = _owner_in_phrase(head, index, resolve)
    if owner is not None:
        return owner
    return _earlier_maker(span, head, index)


def _entity_at(index: EntityIndex, tok: Token) -> Entity | None:
    """The entity with a mention on tok (or, for "lawyers for Ozy", on the object of its "for")."""
    rows = [r for r in index.overlapping(tok.idx, tok.idx + len(tok)) if r[2].type in _OWNER_TYPES]
    if rows:
        return rows[0][2]
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("for", "of", "representing"):
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return _entity_at(index, pobj)
    return None


def _owner_in_phrase(head: Token, index: EntityIndex, resolve: Resolve) -> Entity | None:
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    if poss is not None:
        if poss.lower_ in ("their", "its"):
            return None  # "their statement" after two named officials: no one entity
        if poss.lower_ in _PRONOUN_POSSESSORS:
            return resolve(poss.idx, poss.idx + len(poss))
        # "Wolff's report" where the tagger missed this "Wolff": the possessor
        # resolved as a speaker written there would be (the surname of one person)
        return _entity_at(index, poss) or resolve(poss.left_edge.idx, poss.idx + len(poss))
    agent = document_agent(head)
    return _entity_at(index, agent) if agent is not None else None


def document_agent(head: Token) -> Token | None:
    """"filed by X", "released Friday by X", "on behalf of X", "from X" on the document noun."""
    for t in head.subtree:
        if t.dep_ in ("agent", "prep") and t.lower_ in ("by", "from") and t.head.i != head.i - 1:
            # "by" on the noun or on a participle that modifies it ("a report released by …")
            if t.head.i == head.i or t.head.dep_ == "acl" and t.head.head.i == head.i:
                obj = next((c for c in t.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        if t.lower_ == "behalf" and t.dep_ == "pobj":
            of = next((c for c in t.children if c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if obj is not None:
                return obj
    return None


@lru_cache(maxsize=1)
def _same_document() -> dict[str, str]:
    return dict(load_json("attribution_speakers.json")["same_document"])


def _document_noun(tok: Token) -> str:
    """The document a noun names, "suit" and "lawsuit" alike."""
    lemma = tok.lemma_.lower()
    return _same_document().get(lemma, lemma)


def _earlier_maker(span: Span, head: Token, index: EntityIndex) -> Entity | None:
    """Who made the same document earlier in the article (nearest mention first)."""
    noun = _document_noun(head)
    makers = {v for v, nouns in (lexicon().document_verbs or {}).items() if noun in nouns or head.lemma_.lower() in nouns}
    doc = span.doc
    target = _target(head, index)
    for t in reversed(doc[: span.start]):
        if _document_noun(t) == noun and t.pos_ in ("NOUN", "PROPN"):
            if _said_in(t):
                # "Lawyers for Ozy Media allege in a new lawsuit that …": whoever
                # speaks through the document made it
                owner = _subject_entity(t.head.head, index)
                if owner is not None:
                    return owner
            # an earlier possessor is not enough: "the UAE's draft" may not be
            # the text the council adopted; an agent or a maker verb is
            agent = document_agent(t)
            if agent is not None and noun in _ADOPTED and agent.head.head.lemma_.lower() in _DRAFTING:
                # "a resolution drafted by the UAE": a measure speaks for the body that
                # adopts it, not for whoever wrote the draft
                agent = None
            owner = _entity_at(index, agent) if agent is not None else None
            if owner is None and t.dep_ == "dobj" and t.head.lemma_.lower() in makers:
                owner = _subject_entity(t.head, index)
            if owner is not None and owner is not target:
                return owner
        elif t.pos_ == "VERB" and t.lemma_.lower() in makers \
                and (t.lemma_.lower() == "sue" or not any(c.dep_ == "dobj" for c in t.children)):
            # "Florida State sued the league" (the object of "sue" is who is sued),
            # "Bloomberg reported that …" (a report with no object named)
            owner = _subject_entity(t, index)
            if owner is not None and owner is not target:
                return owner
    return None


def _target(head: Token, index: EntityIndex) -> Entity | None:
    """Whom the document's own verb acts on ("the lawsuit accuses the ACC of …"):
    not its maker, even when that one filed a suit of its own earlier."""
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    obj = next((c for c in head.head.children if c.dep_ == "dobj"), None)
    return _entity_at(index, obj) if obj is not None else None


def _said_in(tok: Token) -> bool:
    """Whether tok is the document in "X alleges in a lawsuit", "X said in a statement"."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ in ("in", "through") and prep.head.pos_ == "VERB" \
        and prep.head.lemma_.lower() in lexicon().speech


def _subject_entity(verb: Token, index: EntityIndex) -> Entity | None:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    dash = _dateline_dash(verb)
    if dash is not None and subjects and subjects[0].i < dash:
        # "TALLAHASSEE, Fla. (AP) — Florida State sued …", "United Nations – The
        # council voted …": the parser's subject is the dateline; the maker is
        # what follows its dash (a second subject, or the dateline's appositive)
        after = [s for s in subjects if s.i > dash]
        after += [c for c in subjects[0].rights if c.dep_ in ("appos", "conj") and c.i > dash]
        subj = after[0] if after else None
    else:
        subj = subjects[0] if subjects else None
    return _entity_at(index, subj) if subj is not None else None


_DASHES = ("—", "–", "―", "--")


def _dateline_dash(verb: Token) -> int | None:
    """The dash ending a dateline that opens the verb's paragraph ("GENEVA (AP) —",
    "United Nations –"): up to eight tokens of capitalised words, commas and a
    parenthesised agency before it. None when the paragraph opens otherwise."""
    doc = verb.doc
    start = verb.i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    for k in range(start, min(verb.i, start + 9)):
        tok = doc[k]
        if tok.text in _DASHES:
            return k if k > start else None
        if not (tok.is_title or tok.is_upper or tok.is_punct):
            return None
    return None
