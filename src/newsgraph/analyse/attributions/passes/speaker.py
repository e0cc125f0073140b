"""Who speaks: the speaker head word of a cue in the parse, and the speaker
phrase around a head word ("Phil Smith, a spokesman for the union,").

Read-only helpers of the passes: they look at the `Scene` and claim nothing.
"""

from __future__ import annotations

from enum import Enum

from spacy.tokens import Doc, Token

from newsgraph.analyse.attributions.found import _RELATIVE, _SPEAKER_DEPS, is_cue_head, is_quote
from newsgraph.analyse.attributions.scene import Scene
from newsgraph.analyse.text.cues import cue_class, lexicon

_BY_DOING = {"by", "after", "before", "in", "upon", "while", "since", "for"}
# Where things are said, not who says them ("a news conference announcing …").
_OCCASIONS = {"conference", "briefing", "meeting", "speech", "interview", "rally", "event", "hearing",
              "session", "appearance", "address", "tour", "call", "forum", "debate", "summit", "ceremony"}

Spans = tuple[tuple[int, int], tuple[int, int]]  # (speaker phrase, head word) as character spans


# ------------------------------------------------------------ speaker phrase
def np_span(scene: Scene, h: Token, inverted: bool = False) -> Spans:
    """The speaker phrase around head h, and h's own span. After an inverted
    cue ("said Jane Doe, a lawyer for the city.") the phrase runs on to the
    sentence end, appositive included."""
    if h.lower_ in _RELATIVE and h.head.dep_ == "relcl" and h.head.head.i != h.head.i:
        # "officials, who argued that …": the source is "who", the speaker its antecedent
        ante = h.head.head
        return (h.idx, h.idx + len(h)), (ante.idx, ante.idx + len(ante))
    span, head = noun_phrase(scene.doc, h)
    if not inverted:
        return span, head
    doc = scene.doc
    k = scene.tok_at(span[1])
    # appositives (", a lawyer for the city") and a relative clause after them
    # (", who …") run on; a participle (", summing up …") or an adverbial
    # (", on his first day", "in a statement") does not
    while k + 1 < len(doc) and doc[k].text == "," and "\n" not in doc[k].text_with_ws:
        first = doc[k + 1]
        relative = first.lower_ in ("who", "whose", "whom")
        if not relative and (first.pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON") or first.tag_ == "VBG"
                             or first.pos_ == "PRON" and first.tag_ != "PRP$"):
            break
        j = k + 1
        while j < len(doc) and doc[j].text not in (".", "!", "?", ";", ":") and not is_quote(doc[j]) \
                and "\n" not in doc[j].text and (relative or doc[j].text != ","):
            j += 1
        if j >= len(doc) or j - k > 40 or doc[j].text not in (".", "!", "?", ","):
            break
        end = j - 1
        while end > k and doc[end].is_punct:
            end -= 1
        span = (span[0], doc[end].idx + len(doc[end]))
        k = j
    # "said Rep. Cummings, the top Democrat on the committee, in a statement": an
    # appositive set off on both sides keeps its closing comma (PolNeAR's convention,
    # as for a subject before the cue)
    if k < len(doc) and doc[k].text == "," and k + 1 < len(doc) and doc[k + 1].is_alpha and span[1] == doc[k - 1].idx + len(doc[k - 1]) \
            and scene.tok_at(span[0]) < k - 1 and any(t.text == "," for t in doc[scene.tok_at(span[0]) : k - 1]):
        span = (span[0], doc[k].idx + 1)
    return span, head


def noun_phrase(doc: Doc, h: Token) -> Spans:
    """The phrase headed by h as the parse and the punctuation delimit it, and h's span."""
    head = (h.idx, h.idx + len(h))
    if h.pos_ == "PRON" and not any(x.dep_ in ("amod", "prep", "relcl", "acl") for x in h.children):
        return head, head
    left = _phrase_left(doc, h)
    v = h.head
    if h.dep_ in _SPEAKER_DEPS and v.i > h.i and h.right_edge.i < v.i:
        right = _subject_right(doc, h, v)
    else:
        right = _appositive_right(doc, h, _modifiers_right(doc, h))
    return (doc[left].idx, doc[right].idx + len(doc[right])), head


def _phrase_left(doc: Doc, h: Token) -> int:
    """First token of h's phrase: its left edge, not across punctuation or a line."""
    left = h.left_edge.i
    # "Obama and Clinton call them …" reached through the last conjunct: the
    # speakers are all of them
    first = h
    while first.dep_ == "conj" and first.head.i < first.i and first.head.pos_ in ("PROPN", "NOUN") \
            and bool(first.head.ent_type_) == bool(h.ent_type_):
        first = first.head
    if first is not h:
        left = first.left_edge.i
        scan_from = first.i
    else:
        scan_from = h.i
    for k in range(scan_from - 1, left - 1, -1):
        spaced_dash = doc[k].text in ("-", "--") and bool(doc[k].whitespace_) and k > 0 and bool(doc[k - 1].whitespace_)
        if doc[k].text in (",", "(", "—", "–", ":", ";") or spaced_dash or is_quote(doc[k]) or "\n" in doc[k].text:
            left = k + 1
            break
    # "Only 52 percent of voters", "Not everyone": an adverb on a word of the
    # phrase stays; one on the verb ("Also, the mayor …") or a focus word ("Even China") does not
    # "Everything Trump says": a pronoun the parser compounded onto the name is not part of it
    while left < h.i and (doc[left].dep_ in ("cc", "punct", "mark", "prep") or doc[left].is_space
                          or doc[left].pos_ == "PRON" and doc[left].dep_ == "compound"
                          or doc[left].dep_ in ("advmod", "neg") and (not left < doc[left].head.i <= h.i
                                                                      or doc[left].lower_ in ("even", "also", "too", "then"))):
        left += 1
    return left


def _subject_right(doc: Doc, h: Token, v: Token) -> int:
    """Last token of a subject phrase before its verb v: the whole subject phrase,
    relative clauses and appositives included ("Tim Hess, a developer, who
    introduced him to bankers, said"), also when the cue is coordinated with the
    verb ("X, her opponent, left and said"); PolNeAR's sources keep a phrase set
    off by commas too ("Blinken, on his trip, said")."""
    right = h.i
    for c in h.rights:
        if c.i >= v.i:
            break
        after_comma = any(t.text == "," for t in doc[h.i + 1 : c.left_edge.i])
        # a participle set off by commas ("Trump, speaking to veterans, said")
        # tells what the speaker was doing, not who they are
        if after_comma and c.dep_ in ("acl", "advcl"):
            break
        if c.dep_ == "npadvmod" or c.ent_type_ in ("DATE", "TIME") and c.dep_ not in ("appos", "conj") \
                or c.dep_ == "prep" and any(x.dep_ == "pobj" and x.ent_type_ in ("DATE", "TIME") for x in c.children):
            break  # "Trump this week also said", "a panel in 2001 found": when, not who
        right = max(right, c.right_edge.i)
    while right > h.i and (doc[right].is_punct or doc[right].is_space) and doc[right].text != ")":
        right -= 1
    # "Ban Ki-moon, the secretary general, vowed": the parser now and then makes
    # the appositive a second subject of the verb
    twin = [c for c in v.children if c.dep_ in _SPEAKER_DEPS and c.i > h.i and c.left_edge.i == right + 2
            and doc[right + 1].text == "," and c.right_edge.i < v.i and c.pos_ in ("NOUN", "PROPN")]
    if twin:
        right = twin[0].right_edge.i
    if right + 1 < v.i and doc[right + 1].text == "," and right > h.i:
        right += 1
    return right


def _modifiers_right(doc: Doc, h: Token) -> int:
    """Last token of h with the modifiers that follow it with no punctuation
    between ("chief of staff", "Obama and Clinton", "the FBI (Federal …)")."""
    right = h.i
    for c in h.rights:
        gap = doc[right + 1 : c.left_edge.i]
        if any(t.is_punct or t.is_space for t in gap):
            break
        if c.dep_ == "cc" and any(x.dep_ == "conj" and x.pos_ in ("PROPN", "NOUN") for x in h.rights):
            continue
        if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") and doc[right + 1].dep_ == "cc":
            right = c.right_edge.i
            continue
        if c.dep_ == "prep" and c.lower_ == "of" and _of_topic(h, c):
            break
        if c.dep_ in ("prep", "compound", "nummod", "flat", "nmod", "case", "npadvmod") and c.ent_type_ not in ("DATE", "TIME"):
            sub = list(c.subtree)
            if any(t.text in (",", ";", "—") or t.dep_ in ("relcl", "acl") for t in sub):
                break
            right = c.right_edge.i
        elif c.dep_ == "punct" and c.text == "(":
            close = next((t for t in doc[c.i : c.i + 8] if t.text == ")"), None)
            if close is None:
                break
            right = close.i
        else:
            break
    return right


def _of_topic(h: Token, of: Token) -> bool:
    """"said Musk of the venture", "said the billionaire of his hiring process":
    an "of" after a person's name, or one whose object belongs to someone ("his
    …"), says what was spoken about, not who spoke ("the head of the agency" does)."""
    objs = [x for x in of.children if x.dep_ == "pobj"]
    if h.pos_ == "PROPN" and h.ent_type_ not in ("ORG", "GPE", "FAC", "LOC", "NORP") \
            and objs and not any(t.pos_ == "PROPN" or t.is_upper for t in objs[0].subtree):
        return True  # "Musk of the venture" (not "Smith of the Brookings Institution")
    return any(x.dep_ == "pobj" and any(p.dep_ == "poss" and p.pos_ == "PRON" for p in x.children) for x in of.children)


def _appositive_right(doc: Doc, h: Token, right: int) -> int:
    """"Phil Smith, a spokesman for the union, said": the appositive and its
    closing comma belong to the source (PolNeAR's convention)."""
    appos = [c for c in h.rights if c.dep_ == "appos" and c.i > right]
    if appos and h.head.i > appos[0].right_edge.i and is_cue_head(h.head):
        end = appos[0].right_edge.i
        if not any(t.dep_ in ("relcl",) or t.lower_ in _RELATIVE for t in doc[right + 1 : end + 1]):
            right = end
            if right + 1 < len(doc) and doc[right + 1].text == ",":
                right += 1
    return right


# -------------------------------------------------------------- speaker head
class _Next(Enum):
    """`_subject_speaker`'s answer when this subject says nothing: try the cue's next child."""

    CHILD = "next child"


def speaker_head(scene: Scene, v: Token, depth: int = 0) -> Token | None:
    """The head word of who speaks through cue v: its subject, else (up to two
    steps) the speaker of the verb it hangs on, else the word before it."""
    doc = scene.doc
    if v.i >= 2 and doc[v.i - 2].lower_ == "let" and doc[v.i - 1].lower_ in ("'s", "’s", "us", "me"):
        return None  # "Let's say you think …": a supposition, no one's words
    for c in v.children:
        if c.dep_ in _SPEAKER_DEPS:
            verdict = _subject_speaker(scene, v, c)
            if verdict is not _Next.CHILD:
                return verdict
    if depth < 2:
        up = _governing_cue(v)
        if up is not None:
            return speaker_head(scene, up, depth + 1)
    if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN") and (
            cue_class(v) == "speech" or cue_class(v) == "object" and doc[v.i - 1].text == ","):
        # "officials warning …"; "said Celinda Lake, a pollster, calling it a key element"
        return _participle_speaker(scene, v, depth)
    return speaker_left(scene, v)


def _subject_speaker(scene: Scene, v: Token, c: Token) -> Token | None | _Next:
    """The speaker that subject c of cue v stands for; None when it is no one;
    `_Next.CHILD` when c is not really the subject."""
    if c.lower_ in _RELATIVE and v.dep_ == "relcl":
        return c  # "who" as written; np_span points its head at the antecedent
    if c.dep_ == "nsubjpass":
        agent = next((a for a in v.children if a.dep_ == "agent"), None)
        return next((p for p in agent.children if p.dep_ == "pobj"), None) if agent else None
    if c.ent_type_ in ("TIME", "DATE") and c.i < v.i - 1:
        return _Next.CHILD  # "12:15 p.m.¶¶Donald Trump says …": a time line parsed as a subject
    # "this", "those" alone are no one; "those close to him" is someone
    bare = not any(x.dep_ in ("amod", "prep", "relcl", "acl") for x in c.children)
    if c.lower_ in lexicon().not_speakers and bare or c.dep_ == "expl" or c.ent_type_ in ("TIME", "DATE"):
        return None
    if is_quote(c):
        return None
    after = scene.dateline_end(c.idx)
    if c.idx < after:
        # "WASHINGTON -- President Obama, …, said": the parser's subject is the city
        named = [x for x in c.rights if x.dep_ == "appos" and x.idx >= after]
        if named:
            return named[0]
    if not any(ch.isalnum() for ch in c.text):
        # a dash the parser made the subject: "The film ― which … ― explains"
        # hangs the real one on it; "made public ― Trump boasted" has another
        inner = [x for x in c.children if x.dep_ in _SPEAKER_DEPS and any(ch.isalnum() for ch in x.text)]
        return inner[0] if inner else _Next.CHILD
    return c


def _governing_cue(v: Token) -> Token | None:
    """The verb whose speaker also speaks through cue v, which has no subject of its own."""
    if v.dep_ == "conj" and v.head.dep_ == "ccomp" and cue_class(v) == "speech" and cue_class(v.head.head) == "speech":
        # "Trump said he would order a review and warned against …": the parser hung
        # the second cue on the reported clause; it is the first speaker's
        return v.head.head
    if v.dep_ in ("conj", "xcomp") and v.head.i != v.i:
        return v.head
    if v.dep_ == "advcl" and v.tag_ == "VBG" and v.head.i != v.i:
        return v.head  # "…, saying …": the subject of the main verb
    if v.dep_ == "pcomp" and v.tag_ == "VBG" and v.head.lower_ in _BY_DOING \
            and v.head.head.pos_ in ("VERB", "AUX") and cue_class(v) == "speech":
        return v.head.head  # "began by saying …": who began
    if v.dep_ == "advcl" and v.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in v.children) \
            and v.head.i != v.i:
        return v.head  # "She has gone on a tour to talk with …": she talks
    return None


def _participle_speaker(scene: Scene, v: Token, depth: int) -> Token | None:
    """A speech participle on a noun: "officials warning Israel of …" speak."""
    if v.head.lemma_.lower() in _OCCASIONS:
        # "she said at a news conference announcing …": who held it, not the conference
        n = v.head
        while n.dep_ in ("pobj", "dobj", "compound", "prep") and n.head.i != n.i:
            n = n.head
        return speaker_head(scene, n, depth + 1) if n.pos_ in ("VERB", "AUX") and depth < 2 else None
    return v.head


def speaker_left(scene: Scene, v: Token) -> Token | None:
    """Text fallback when the parse gives the cue no subject."""
    doc = scene.doc
    if v.dep_ in ("acl", "relcl", "amod", "pcomp", "pobj"):
        return None  # "a resolution calling for a ceasefire": no one speaks
    k = v.i - 1
    while k >= v.sent.start and (doc[k].dep_ in ("aux", "neg", "advmod") or doc[k].lower_ in ("also", "has", "had", "have")):
        k -= 1
    if k < v.sent.start:
        return None
    t = doc[k]
    if t.pos_ in ("PROPN", "NOUN", "PRON") and t.lower_ not in lexicon().not_speakers:
        return phrase_owner(t)
    if t.text == ",":
        # "Blinken, on his sixth trip …, said": the phrase before the first comma
        first = v.sent.start
        comma = next((x for x in doc[first:k] if x.text == ","), None)
        if comma is not None and comma.i - first <= 6:
            cands = [x for x in doc[first : comma.i] if x.pos_ in ("PROPN", "NOUN", "PRON")]
            if cands:
                return cands[-1]
    return None


def phrase_owner(t: Token) -> Token:
    """`Protesters marching through the streets chanted`: the word before the cue
    ends a phrase that describes the speaker; who speaks is the one it describes."""
    if t.dep_ != "pobj" or t.head.dep_ != "prep":
        return t
    up = t.head.head
    if up.tag_ != "VBG":
        return t  # "a fraction of the $20 million experts say": no participle, no owner
    subj = [c for c in up.children if c.dep_ in _SPEAKER_DEPS and c.i < up.i]
    up = subj[0] if subj else up.head if up.dep_ == "acl" else t
    return up if up.i < t.i and up.pos_ in ("NOUN", "PROPN", "PRON") else t
