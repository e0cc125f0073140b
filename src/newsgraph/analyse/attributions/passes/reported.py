"""Pass 3, reported speech from the dependency parse.

A cue verb from data/cues.json with its subject (the speaker) and its
complement clause or object (the content, content.py); `according to X`;
`…, X said.` with the content before the cue; cues set between commas inside
the reported sentence (`The plan, he said, is dead.`); and a speech noun with
a possessor (`Trump's claim that …`). Content holding a quotation is `mixed`;
content that is one whole quotation is `direct`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Doc, Token

from newsgraph.analyse.attributions.found import _RELATIVE, _SPEAKER_DEPS, Found
from newsgraph.analyse.attributions.ledger import Ledger
from newsgraph.analyse.attributions.passes.content import charge_cue_end, complement, mere_stance
from newsgraph.analyse.attributions.passes.record import classify, record
from newsgraph.analyse.attributions.passes.speaker import noun_phrase, np_span, speaker_head
from newsgraph.analyse.attributions.scene import Scene
from newsgraph.analyse.text.cues import cue_class, cue_end, cue_start, lexicon

# A comma and a concessive or contrastive word: what follows is the writer's aside.
_ASIDE = re.compile(r",\s+(?:despite|although|though|whereas|while|even as|even though|even while)\b", re.I)


class _Candidate(NamedTuple):
    """A cue with its content and speaker head, before the cues inside other
    content are set aside."""

    cue: Token
    cls: str
    content: tuple[int, int]
    head: Token


def reported_speech(scene: Scene, ledger: Ledger) -> list[Found]:
    first = len(ledger.found)
    cands: list[_Candidate] = []
    for t in scene.doc:
        if ledger.cue_claimed(t.i):
            continue
        if t.lower_ == "according":
            if scene.in_quote(t.idx) is None:
                _according(scene, ledger, t)
            continue
        cand = _candidate(scene, ledger, t)
        if cand is not None:
            cands.append(cand)
    cands = _split_asides(scene.doc, cands)
    # a cue inside someone's reported words ("she said he plans to …",
    # "Clinton says she opposes the deal") is part of what they said, not
    # a new attribution
    outer = [f.content for f in ledger.found] + [c.content for c in cands]
    for t, cls, content, head_tok in cands:
        if any(s <= t.idx < e for s, e in outer if (s, e) != content):
            continue
        kind, content = classify(scene, ledger, content)
        ledger.claim_cue(t.i)
        charge_end = charge_cue_end(t, content)
        cue = (cue_start(t), charge_end or cue_end(t))
        method = "parse-charge" if charge_end else "parse-stance" if mere_stance(scene, t, content) else f"parse-{cls}"
        record(scene, ledger, kind, content, cue, head_tok, method, inverted=head_tok.i > t.i)
    return list(ledger.found[first:])


def _candidate(scene: Scene, ledger: Ledger, t: Token) -> _Candidate | None:
    """Token t as a cue with content and a speaker; a parenthetical cue is
    recorded at once (its two halves need no later check)."""
    nominal = _nominal(scene, t)
    if nominal is not None:
        return _Candidate(t, "nominal", *nominal)
    cls = cue_class(t)
    if cls is None or cls == "quote_only":
        return None
    if cls == "object" and t.tag_ == "VB" and any(c.dep_ == "aux" for c in t.children):
        return None  # "to defend", "will question": an intention, not something said
    q = scene.in_quote(t.idx)
    if q is not None and not q.single:
        return None  # a cue inside a quotation is the quoted speaker's words
    if cls == "speech" and _parenthetical(scene, ledger, t):
        return None
    content = complement(scene, t, cls)
    fronted = [c for c in t.children if c.dep_ in ("dobj", "ccomp") and c.i < t.i and c.lower_ in ("what", "which")]
    if content is None and fronted:
        # "That was what Wahl said", "a charge which she denied": the fronted
        # relative word stands for what was said
        content = (fronted[0].idx, fronted[0].idx + len(fronted[0]))
    elif content is None or content[1] - content[0] < (2 if cls == "object" else 6):
        return None
    head_tok = speaker_head(scene, t)
    if head_tok is None or content[0] <= head_tok.idx < content[1]:
        return None
    if head_tok.idx + len(head_tok) <= scene.dateline_end(head_tok.idx):
        return None  # "TALLAHASSEE, Fla. (AP) — Florida State sued …": the parser's subject is the dateline
    if cls in ("cognition", "intention") and head_tok.lower_ in ("i", "me", "you"):
        return None  # "I think …", "Do you know …" outside quotes: the writer hedging or turning to the reader
    return _Candidate(t, cls, content, head_tok)


def _split_asides(doc: Doc, cands: list[_Candidate]) -> list[_Candidate]:
    """End a content before ", despite X warning …" when X's cue and speaker lie inside it.

    A concessive clause set off by a comma after reported words is the
    writer's context ("Netanyahu suggested the invasion is unavoidable,
    despite U.S. officials warning Israel of the risks"): the officials'
    warning is an attribution of its own, not part of Netanyahu's words.
    """
    out = []
    for t, cls, (start, end), head in cands:
        for t2, _, _, head2 in cands:
            if t2 is t or not (start <= head2.idx < t2.idx < end):
                continue
            asides = list(_ASIDE.finditer(doc.text, start, head2.idx))
            if asides and asides[-1].start() - start >= 6:
                end = min(end, asides[-1].start())
        out.append(_Candidate(t, cls, (start, end), head))
    return out


# ---------------------------------------------------------- according to X
def _according(scene: Scene, ledger: Ledger, t: Token) -> None:
    """`…, according to X` / `According to X, …`: X is the source, the rest of
    the sentence (the longer side) the content."""
    doc = scene.doc
    if t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
        return
    to = doc[t.i + 1]
    pobj = _according_object(doc, to)
    if pobj is None:
        return
    speaker, head = np_span(scene, pobj)
    start, end = _paragraph_sentence(doc, t)
    while start < t.i and (doc[start].dep_ == "cc" or doc[start].is_punct or doc[start].is_space):
        start += 1  # "And more than half …, according to …": the conjunction is the writer's
    src_end = max(scene.tok_at(speaker[1]) - 1, pobj.i)
    left = scene.trim(start, t.i - 1) if t.i > start else None
    after = src_end + 1
    while after < end and (doc[after].is_punct or doc[after].dep_ == "cc") and doc[after].text not in "“\"(":
        after += 1  # "…, according to X, and the …": the conjunction is the writer's
    right = scene.trim(after, end - 1) if after < end else None
    sizes = [(x[1] - x[0], x) for x in (left, right) if x is not None]
    if not sizes:
        return
    content = max(sizes)[1]
    if content[1] - content[0] < 8:
        return
    if content == left and right is not None:
        speaker = (speaker[0], speaker[1] + _source_length(scene, speaker[1], right[1]))
    kind, content = classify(scene, ledger, content)
    ledger.record(Found(kind, content, (t.idx, to.idx + len(to)), speaker, head, "according-to"))


def _according_object(doc: Doc, to: Token) -> Token | None:
    """The object of "according to": the parser's, else the last of the nouns after "to"."""
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is not None:
        return pobj
    k = to.i + 1
    while k + 1 < len(doc) and doc[k + 1].pos_ in ("PROPN", "NOUN") :
        k += 1
    if k >= len(doc) or doc[k].pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return doc[k]


def _paragraph_sentence(doc: Doc, t: Token) -> tuple[int, int]:
    """Token range of t's sentence, but never across a paragraph break (the
    parser's sentences sometimes do)."""
    sent = t.sent
    start, end = sent.start, sent.end
    for k in range(t.i - 1, sent.start - 1, -1):
        if "\n" in doc[k].text_with_ws:
            start = k + 1
            break
    for k in range(t.i, sent.end):
        if "\n" in doc[k].text_with_ws:
            end = k + 1
            break
    return start, end


def _source_length(scene: Scene, source_end: int, sentence_end: int) -> int:
    """"…, according to a poll released last week.": the source runs to the
    sentence end, but not into an aside about it (", whose …", ", which …") or a
    clause joined on (", and said they …"). How far past source_end it runs."""
    doc = scene.doc
    tail = scene.text[source_end:sentence_end]
    for m in re.finditer(r",\s*(?:(which|who|whose|whom|where)|and|but)\b", tail):
        rest = doc[scene.tok_at(source_end + m.end()) : scene.tok_at(sentence_end)]
        if m.group(1) or any(x.pos_ in ("VERB", "AUX") and x.dep_ not in ("amod", "acl") for x in rest):
            return m.start()
    return len(tail)


# ------------------------------------------------------ a cue between commas
def _parenthetical(scene: Scene, ledger: Ledger, v: Token) -> bool:
    """`Before long, he said, the plan would fail.`: the cue sits between commas
    inside the reported sentence, whose two halves are the content."""
    doc = scene.doc
    sent = v.sent
    subj = [c for c in v.children if c.dep_ in _SPEAKER_DEPS and c.i < v.i]
    if not subj or subj[0].lower_ in _RELATIVE:
        return False
    (sp_s, _sp_e), _head = noun_phrase(doc, subj[0])
    left_tok = scene.tok_at(sp_s)
    if left_tok - 1 <= sent.start or doc[left_tok - 1].text != ",":
        return False
    if any(t.i > subj[0].i and t.i < v.i and t.dep_ not in ("aux", "neg", "advmod") for t in doc[subj[0].i + 1 : v.i]):
        return False
    r = _closing_comma(doc, v)
    if r is None:
        return False
    start = _reported_clause_start(doc, sent.start, left_tok)
    left = scene.trim(start, left_tok - 2)
    right = scene.trim(r + 1, sent.end - 1)
    if right is None or left is None:
        return False
    cue = (cue_start(v), cue_end(v))
    # the part before the cue is content unless it is only an adverbial opener
    # ("During his years in office, he said, …"); a subject ("The museum, he
    # said, would …") or a clause is content
    first = next((t for t in doc[start : left_tok - 1] if not t.is_punct and t.dep_ != "cc"), None)
    left_has_verb = first is not None and (
        first.pos_ not in ("ADP", "SCONJ")
        or any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl") for t in doc[start : left_tok - 1]))
    if left_has_verb:
        kind, span = classify(scene, ledger, left)
        index = record(scene, ledger, kind, span, cue, subj[0], "parse-parenthetical")
        kind, span = classify(scene, ledger, right)
        prev = ledger.found[index]
        ledger.record(Found(kind, span, cue, prev.speaker, prev.head, "parse-parenthetical", follows=index))
    else:
        kind, span = classify(scene, ledger, right)
        record(scene, ledger, kind, span, cue, subj[0], "parse-parenthetical")
    ledger.claim_cue(v.i)
    return True


def _closing_comma(doc: Doc, v: Token) -> int | None:
    """The comma that closes the cue phrase after cue v (only a time or an adverbial
    between), when a part of the sentence follows it; None if the cue introduces
    its content instead."""
    sent = v.sent
    r = v.i + 1
    while r < sent.end and doc[r].text != "," and (doc[r].ent_type_ in ("DATE", "TIME") or doc[r].dep_ in ("advmod", "npadvmod")
                                                   or doc[r].head.i != v.i and doc[r].head.i > v.i):
        r += 1
    if r >= sent.end - 2 or doc[r].text != ",":
        return None
    # "X said Friday that if he won, …": a clause of the cue's own runs up to the
    # comma, so the cue introduces its content rather than interrupting it
    if any(c.dep_ in ("ccomp", "xcomp") and v.i < c.left_edge.i < r for c in v.children):
        return None
    return r


def _reported_clause_start(doc: Doc, start: int, left_tok: int) -> int:
    """The reported clause starts after the last clause break before the cue phrase
    ("China resisted such deals, but the air had become so bad, he noted, …")."""
    for k in range(start, left_tok - 2):
        if doc[k].text in (";", ":", "—", "–", "--") or "\n" in doc[k].text_with_ws:
            start = k + 1
        elif doc[k].text == "," and doc[k + 1].dep_ == "cc":
            start = k + 2
    return start


# ------------------------------------------------------ Trump's claim that …
def _nominal(scene: Scene, t: Token) -> tuple[tuple[int, int], Token] | None:
    """`Trump's claim that …`: a speech noun with a possessor and a that-clause;
    the possessor is the source, the clause the content."""
    if t.pos_ != "NOUN" or t.lemma_.lower() not in lexicon().nominal:
        return None
    poss = next((c for c in t.children if c.dep_ == "poss"), None)
    if poss is None:
        return None
    for c in t.rights:
        that = [m for m in c.children if m.dep_ == "mark" and m.lower_ == "that" and m.i < c.i]
        if c.dep_ in ("acl", "ccomp", "relcl") and that and any(x.dep_ in (*_SPEAKER_DEPS, "expl") for x in c.children):
            content = scene.trim(that[0].i, c.right_edge.i)
            return (content, poss) if content is not None else None
    return None
