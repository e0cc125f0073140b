"""Pass 1, direct quotations with their cue next to them: `“…,” he said`,
`“…,” said Blinken`, `He said: “…”`, `Sanders made this comment: “…”`,
`“…” ― Name`, and the second fragment of `“A,” he said, “B.”`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsgraph.analyse.attributions.found import _RELATIVE, _SPEAKER_DEPS, Found, is_quote
from newsgraph.analyse.attributions.ledger import Ledger
from newsgraph.analyse.attributions.passes.record import classify, record
from newsgraph.analyse.attributions.passes.speaker import Spans, np_span, speaker_head
from newsgraph.analyse.attributions.scene import Scene
from newsgraph.analyse.text.cues import cue_class, cue_end, cue_start, is_verbal, lemma, lexicon
from newsgraph.analyse.text.quotes import Quote

# how far after a quotation its cue may stand: a name and a long appositive
# ("Adam Meyers, a senior vice president at cybersecurity firm CrowdStrike, said")
_CUE_REACH = 20
_NP_POS = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART", "ADP", "CCONJ", "PUNCT", "X", "SYM"}
_SUBORDINATORS = {"after", "before", "when", "while", "as", "because", "since", "if", "until", "though", "although", "once"}
_LIST_JOIN = re.compile(r"(?:,?[ \t\u00a0]+(?:and|or)|,)[ \t\u00a0]+(?:an?[ \t\u00a0]+)?")
_DASH_NAME = re.compile(r"[ \t\u00a0]*([―—–])[ \t\u00a0]*([A-Z](?:[^\n,.;:()“”\"]|\.(?=[ \u00a0]?[A-Z]))*)")


def direct_quotes(scene: Scene, ledger: Ledger) -> list[Found]:
    """Each quotation in text order, by the first rule that attributes it: the cue
    after it, the cue (or a colon clause) before it, a dash and a name after it."""
    first = len(ledger.found)
    for qi, q in enumerate(scene.quotes):
        if q.single and len(scene.text[q.start : q.end].split()) < 3:
            continue  # 'single' marks around one or two words are scare quotes or titles
        _cue_after(scene, ledger, qi, q) or _cue_before(scene, ledger, qi, q) or _dash_name(scene, ledger, qi, q)
    return list(ledger.found[first:])


# ------------------------------------------------------ “…,” he said
def _cue_after(scene: Scene, ledger: Ledger, qi: int, q: Quote) -> bool:
    """`“…,” he said`, `“…,” said Blinken`: the cue follows the quotation, with the
    speaker before it or (inverted) after it."""
    doc = scene.doc
    verb, between = _next_cue(scene, q)
    if verb is None or not _introduces(scene, ledger, q, verb, between):
        return False
    if _inverted_after_words(verb, between):
        return _words_then_cue(scene, ledger, qi, q, verb, between)
    # an adverb on the cue ("it further wrote") is no part of the speaker
    words = [t for t in between if not t.is_punct and t.lower_ not in ("also", "then", "later", "has", "had", "have", "would", "will")
             and not (t.pos_ == "ADV" and t.dep_ == "advmod" and t.head.i == verb.i)]
    if len(words) > 9 and not _name_and_appositive(verb, between) \
            or any(t.pos_ not in _NP_POS and not t.is_title for t in words):
        return False
    head_tok = _speaker_before_cue(verb, words) if words else _speaker_after_cue(doc, verb)
    if head_tok is None:
        return False
    content, kind = (q.start, q.end), "direct"
    prefix_start = clause_start(scene, q.start)
    if prefix_start is not None:
        prefix = doc[scene.tok_at(prefix_start) : scene.tok_at(q.start)]
        if any(cue_class(t) in ("speech", "cognition", "evidence") or t.lower_ == "according" for t in prefix):
            return False  # the words before the quotation have a cue of their own
        content, kind = (prefix_start, q.end), "mixed"
    spans = None
    if words:
        spans, content_end = _words_before_speaker(scene, verb, between, head_tok)
        if content_end is not None:
            content, kind = (content[0], content_end), "mixed"
    ledger.claim_quote(qi)
    cue = (cue_start(verb), cue_end(verb))
    if spans is not None:
        index = record(scene, ledger, kind, content, cue, None, "quote-cue-after", speaker=spans[0], head=spans[1])
    else:
        index = record(scene, ledger, kind, content, cue, head_tok, "quote-cue-after", inverted=not words)
    ledger.claim_cue(verb.i, owner=index)
    _reason_after(scene, ledger, verb, index)
    return True


def _inverted_after_words(verb: Token, between: list[Token]) -> bool:
    """`X “directly fund” Y's programs, said spokesperson Vedant Patel.`: words after
    the quotation, then a comma and an inverted cue whose subject follows it. The
    words are the rest of what was said, not the speaker."""
    return len(between) >= 2 and between[-1].text == "," and between[-1].i == verb.i - 1 \
        and any(t.dep_ in _SPEAKER_DEPS for t in verb.rights) \
        and not any(t.dep_ in _SPEAKER_DEPS and t.head.i == verb.i for t in between)


def _words_then_cue(scene: Scene, ledger: Ledger, qi: int, q: Quote, verb: Token, between: list[Token]) -> bool:
    """Record the quotation with the words up to the cue's comma as one mixed content."""
    doc = scene.doc
    start = clause_start(scene, q.start)
    if start is not None and any(cue_class(t) in ("speech", "cognition", "evidence") or t.lower_ == "according"
                                 for t in doc[scene.tok_at(start) : scene.tok_at(q.start)]):
        return False  # the words before the quotation have a cue of their own
    head_tok = next(t for t in verb.rights if t.dep_ in _SPEAKER_DEPS)
    last = between[-2]
    ledger.claim_quote(qi)
    index = record(scene, ledger, "mixed", (q.start if start is None else start, last.idx + len(last)),
                   (cue_start(verb), cue_end(verb)), head_tok, "quote-cue-after", inverted=True)
    ledger.claim_cue(verb.i, owner=index)
    return True


def _reason_after(scene: Scene, ledger: Ledger, verb: Token, owner: int) -> None:
    """`“…,” said Hegel, a researcher, because they caused little harm.`: a reason
    clause set off by a comma after the cue and its speaker is the speaker's
    reason, reported with the same cue and speaker."""
    doc = scene.doc
    for c in verb.rights:
        mark = [m for m in c.children if m.dep_ == "mark" and m.lower_ == "because"]
        if c.dep_ != "advcl" or not mark or doc[mark[0].i - 1].text != "," \
                or not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children) or scene.in_quote(c.idx) is not None:
            continue
        span = scene.trim(mark[0].i, c.right_edge.i)
        if span is None or span[1] - span[0] < 12:
            continue
        prev = ledger.found[owner]
        kind, span = classify(scene, ledger, span)
        ledger.record(Found(kind, span, prev.cue, prev.speaker, prev.head, "quote-cue-after", follows=owner))
        return


def _next_cue(scene: Scene, q: Quote) -> tuple[Token | None, list[Token]]:
    """The speech cue in the dozen tokens after quotation q, on its line and in
    its sentence, and the tokens between."""
    doc, text = scene.doc, scene.text
    i = scene.tok_at(q.end)
    between: list[Token] = []
    for j in range(i, min(i + _CUE_REACH, len(doc))):
        t = doc[j]
        if "\n" in text[q.end : t.idx] or "\n" in t.text or is_quote(t):
            break
        if cue_class(t) in ("speech", "quote_only"):
            return t, between
        # the tagger calls a capitalised name after a quotation a verb now and then ("Tulsa")
        if t.text in (".", "!", "?", ";") or (t.pos_ == "VERB" and t.dep_ != "aux" and not t.is_title):
            break
        between.append(t)
    return None, between


def _name_and_appositive(verb: Token, between: list[Token]) -> bool:
    """`“…?” Adam Meyers, a senior vice president at a security firm, said`: a
    name (the cue's subject) right after the quotation, then an appositive set
    off by commas up to the cue. Only then may the speaker phrase be long."""
    subj = next((t for t in verb.children if t.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ != "PROPN" or not between or subj.i > between[0].i + 3:
        return False
    comma = subj.i + 1
    return between[-1].text == "," and any(t.i == comma and t.text == "," for t in between) \
        and all(t.pos_ == "PROPN" for t in between if t.i <= subj.i)


def _introduces(scene: Scene, ledger: Ledger, q: Quote, verb: Token, between: list[Token]) -> bool:
    """Whether the cue after quotation q introduces it (rather than a new sentence
    or content of its own)."""
    # a full stop inside the closing mark ends the sentence: what follows is new
    if scene.text[q.start : q.end].rstrip("”\"'’»").endswith(".") and \
            (between and between[0].text[:1].isupper() and between[0].pos_ != "PRON"):
        return False
    if ledger.cue_claimed(verb.i):
        return False
    # "In an interview on “Face the Nation,” she said the …": the content follows the cue
    # ("“…,” Warren told him, after he admitted …" is an adverbial the parser took for one)
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i and c.left_edge.i <= verb.i + 4
           and scene.in_quote(c.idx) is None and not _adverbial_clause(scene.doc, verb, c) for c in verb.children):
        return False
    # "“…” He notes that Jesus “was …”": a that-clause of the cue's own, even one
    # whose verb is quoted, is its content
    if any(c.dep_ == "ccomp" and c.i > verb.i and any(m.dep_ == "mark" and m.lower_ == "that" and m.i == verb.i + 1
                                                      for m in c.children) for c in verb.children):
        return False
    # "“Come,” she added the words …": the cue's own object follows
    return not (between and said_object(scene, verb) is not None)


def _speaker_before_cue(verb: Token, words: list[Token]) -> Token | None:
    """`“…,” the senator said`: the cue's subject among the words, else their last noun."""
    subj = [t for t in verb.children if t.dep_ in _SPEAKER_DEPS and words[0].i <= t.i <= words[-1].i]
    head_tok = subj[0] if subj else next((t for t in reversed(words) if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
    if head_tok is None or head_tok.lower_ in _RELATIVE:
        return None
    return head_tok


def _speaker_after_cue(doc: Doc, verb: Token) -> Token | None:
    """Inverted, `“…,” said Blinken.`: the cue's subject after it, else the run of nouns there."""
    after = [t for t in verb.rights if t.dep_ in _SPEAKER_DEPS]
    if after:
        return after[0]
    nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if nxt is None or nxt.pos_ not in ("PROPN", "NOUN", "DET", "ADJ"):
        return None
    k = verb.i + 1
    while k + 1 < len(doc) and doc[k + 1].pos_ in ("PROPN", "NOUN") and doc[k + 1].ent_type_ not in ("DATE", "TIME"):
        k += 1
    return doc[k]


def _words_before_speaker(scene: Scene, verb: Token, between: list[Token], head_tok: Token
                          ) -> tuple[Spans | None, int | None]:
    """Words between the quotation and the speaker phrase: the speaker and head
    spans when they are part of the speaker, else the new end of the content
    when they finish the quoted sentence (each None when not so)."""
    (sp_start, sp_end), h = np_span(scene, head_tok)
    pre = [t for t in between if t.idx < sp_start]
    if pre and any(not t.is_punct for t in pre) and pre[-1].text == ",":
        named = [t for t in pre if not t.is_punct]
        if all(t.pos_ == "PROPN" for t in named):
            # “…,” Flynn, a top adviser, said: the parser took the appositive
            # for the subject; the name before it starts the speaker phrase
            k = scene.tok_at(sp_end)
            if k < verb.i and scene.doc[k].text == ",":
                sp_end = scene.doc[k].idx + 1
            return ((named[0].idx, sp_end), (named[-1].idx, named[-1].idx + len(named[-1]))), None
        # “… jail time” for criminal behavior, she said: the words before the
        # speaker finish the quoted sentence
        last = next(t for t in reversed(pre[:-1]) if not t.is_punct)
        return None, last.idx + len(last)
    if pre and not any(t.dep_ in _SPEAKER_DEPS and t.head.i == verb.i for t in between) \
            and all(t.pos_ in ("PROPN", "NOUN") or t.is_title for t in pre) and pre[0].is_title:
        # “…,” Tulsa police Chief Ana Berg said: with no subject in the parse (it
        # took the city for a verb), the capitalised run before the cue is the speaker
        return ((pre[0].idx, sp_end), h), None
    return None, None


def said_object(scene: Scene, verb: Token) -> Token | None:
    """A common noun the speech cue takes as its object after it ("added the
    words", "says things"); the one told ("told reporters") does not count."""
    if cue_class(verb) != "speech" or lemma(verb) in lexicon().addressee_verbs:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ == "NOUN"), None)
    # right after the cue, outside any quotation ("he said, ''the only place …''" is no object)
    if obj is None or scene.in_quote(obj.idx) is not None \
            or any(t.is_punct for t in scene.doc[verb.i + 1 : obj.left_edge.i + 1]):
        return None
    return obj


def _adverbial_clause(doc: Doc, verb: Token, c: Token) -> bool:
    """A clause after the cue set off by a comma or opened by a subordinator
    ("after", "when" …) says when or why, not what was said."""
    gap = doc[verb.i + 1 : c.left_edge.i + 1]
    return any(t.text == "," for t in gap) or doc[c.left_edge.i].lower_ in _SUBORDINATORS


def clause_start(scene: Scene, pos: int) -> int | None:
    """Where the sentence around a quotation starts, when words precede the quotation in it."""
    doc, text = scene.doc, scene.text
    j = scene.tok_at(pos)
    if j >= len(doc):
        return None
    sent = doc[j].sent
    start = max(sent.start_char, text.rfind("\n", 0, pos) + 1)
    # an earlier quotation in the same sentence closes the window
    for q in scene.quotes:
        if start <= q.end <= pos:
            start = q.end
    prefix = text[start:pos]
    if not prefix.strip() or prefix.rstrip()[-1:] in (":", ",", "—", "–", "(", ".", "?", "!") \
            or not re.search(r"[A-Za-z]", prefix):
        return None
    # "Here's one example: the agency ''only requires …''": the clause after the colon
    cut = max(prefix.rfind(": "), prefix.rfind("; "))
    if cut >= 0:
        start += cut + 2
    while start < pos and text[start] in " \t\u00a0,":
        start += 1
    return start


# ------------------------------------------------------ he said: “…”
def _cue_before(scene: Scene, ledger: Ledger, qi: int, q: Quote) -> bool:
    """`He said: “…”`, `He said “…”`, `described as “…”`: the cue precedes the
    quotation; else a colon clause (`_colon_intro`)."""
    verb, gap = _previous_cue(scene, ledger, q)
    if verb is None:
        return _colon_intro(scene, ledger, qi, q)
    if ledger.cue_claimed(verb.i):
        return _second_fragment(scene, ledger, qi, q, verb)
    gap.reverse()
    ends_colon = bool(gap) and gap[-1].text in (":", ",")
    words = [t for t in gap if not t.is_punct]
    opening = _content_opening(scene, q, verb, words, ends_colon)
    if opening is None:
        return False
    kind, start = opening
    head_tok = speaker_head(scene, verb)
    inverted, speaker = False, None
    if head_tok is None and ends_colon and words and verb.i < words[0].i and all(t.pos_ == "PROPN" for t in words):
        head_tok, inverted = words[-1], True  # "Said Ellis: “…”"
        speaker = (words[0].idx, words[-1].idx + len(words[-1]))
    if head_tok is None:
        return False
    end = scene.run_on(q)
    if end == q.end:
        end = _listed(scene, ledger, qi)
    if end > q.end:
        kind = "mixed"
    ledger.claim_cue(verb.i)
    ledger.claim_quote(qi)
    cue = (cue_start(verb), cue_end(verb))
    if inverted:
        record(scene, ledger, kind, (start, end), cue, None, "quote-cue-before",
               speaker=speaker, head=(head_tok.idx, head_tok.idx + len(head_tok)))
    else:
        record(scene, ledger, kind, (start, end), cue, head_tok, "quote-cue-before")
    return True


def _previous_cue(scene: Scene, ledger: Ledger, q: Quote) -> tuple[Token | None, list[Token]]:
    """The cue in the few tokens before quotation q (on its line, or closing the
    paragraph before with a colon), and the tokens between, nearest first."""
    doc, text = scene.doc, scene.text
    j = scene.tok_at(q.start) - 1
    gap: list[Token] = []
    # "He said:" closing the paragraph before the quotation introduces it
    colon_para = re.search(r":[ \t\u00a0]*\n[\s]*$", text[max(0, q.start - 20) : q.start]) is not None
    while j >= 0 and len(gap) <= 8:
        t = doc[j]
        if t.is_space or (colon_para and t.text == ":" and not gap):
            if t.text == ":":
                gap.append(t)
            j -= 1
            continue
        if "\n" in text[t.idx : q.start] and not colon_para or is_quote(t):
            break
        if "\n" in text[t.idx : doc[j + 1].idx if j + 1 < len(doc) else q.start] and t.text != ":":
            break
        if _cue_for_next_quote(t, gap):
            return t, gap
        if t.tag_ == "VBG" and gap and gap[0].text == "," and t.i >= 2 and doc[t.i - 1].text == "," \
                and ledger.cue_claimed(t.i - 2):
            # “A,” Tester said, referring to the excuse, “B.”: a participle set off by
            # commas between the cue and the second fragment
            j = t.i - 2
            continue
        if t.text in (".", "!", "?") or (t.pos_ == "VERB" and t.dep_ != "aux"):
            break
        gap.append(t)
        j -= 1
    return None, gap


def _cue_for_next_quote(t: Token, gap: list[Token]) -> bool:
    """Whether t, with gap between it and the quotation, is a cue for it."""
    cls = cue_class(t)
    # "described as “…”": a naming verb quotes the words after its preposition
    # (with an object between, "called Clinton a “champion”", the object is content too)
    naming = cls == "object" and lemma(t) in lexicon().quote_only and bool(gap) and all(g.pos_ == "ADP" for g in gap)
    return cls in ("speech", "quote_only") or naming or (cls == "object" and bool(gap) and gap[0].text in (",", ":"))


def _second_fragment(scene: Scene, ledger: Ledger, qi: int, q: Quote, verb: Token) -> bool:
    """`“A,” he said, “B.”`: the cue before q already introduced the quotation
    before it; q goes on with that attribution."""
    owner = ledger.owner(verb.i)
    if owner is None:
        return False
    prev = ledger.found[owner]
    # “A,” he said, “B.” / “A,” said Jones on Monday, “B.”: the speaker and a
    # short adverbial may stand between, but no sentence end
    start = max(verb.idx + len(verb), prev.speaker[1] if prev.speaker else 0)
    between = scene.text[start : q.start]
    if not (re.fullmatch(r"[\s,:;—–-]*", between)
            or re.fullmatch(r"(?:[^.!?“”\"\n]|(?<=[A-Z])\.){0,120}[,:][ \t\u00a0]*", between)):
        return False
    ledger.claim_quote(qi)
    ledger.record(Found("direct", (q.start, q.end), prev.cue, prev.speaker, prev.head,
                        "quote-cue-between", follows=owner))
    return True


def _content_opening(scene: Scene, q: Quote, verb: Token, words: list[Token], ends_colon: bool
                     ) -> tuple[str, int] | None:
    """The kind of the content and where it starts, the cue's words before q
    given; None when those words keep the cue from introducing q."""
    cls = cue_class(verb)
    that = [t for t in words if t.lower_ == "that"]
    said = said_object(scene, verb)
    if that and (len(words) <= 3 or ends_colon):
        return "mixed", that[0].idx
    if said is not None and ends_colon and words and said.i >= words[0].i:
        # "she still says things such as, “…”": the quotation stands in apposition
        # to what the cue says; the content starts at that object
        return "mixed", said.left_edge.idx
    if cls in ("quote_only", "object") and not ends_colon:
        # "described as “an intentional act”", "called him “a genius”": a
        # naming verb quotes the words it puts on its object, when only a
        # preposition or a short object stands between
        if len(words) > 3 or any(t.pos_ not in ("ADP", "PRON", "DET", "PROPN", "NOUN") for t in words):
            return None
        # "read “The Quiet Harbor”": words all in capitals name a work
        inner = [w for w in re.findall(r"[A-Za-z]+", scene.text[q.start : q.end]) if len(w) > 3]
        if not inner or all(w[0].isupper() for w in inner):
            return None
    elif words and not ends_colon:
        # only an addressee or a time may stand between: "told reporters", "said Friday"
        addressee = lemma(verb) in lexicon().addressee_verbs
        if len(words) > 3 or any(t.ent_type_ not in ("DATE", "TIME") and not (addressee and t.pos_ in ("PROPN", "NOUN", "PRON", "DET"))
                                 for t in words):
            return None
    return "direct", q.start


def _listed(scene: Scene, ledger: Ledger, qi: int) -> int:
    """`went on about “A,” and “B” and “C”`: quotations listed after the cue's
    quotation are one content with it. Claims them, and returns the end of the last
    (q.end if none)."""
    end = scene.quotes[qi].end
    for k in range(qi + 1, len(scene.quotes)):
        if not _LIST_JOIN.fullmatch(scene.text, end, scene.quotes[k].start):
            break
        ledger.claim_quote(k)
        end = scene.quotes[k].end
    return end


def _colon_intro(scene: Scene, ledger: Ledger, qi: int, q: Quote) -> bool:
    """`Sanders made the following comment: “…”`: a clause about someone ends in
    a colon and the quotation follows; its subject speaks, its verb is the cue."""
    doc, text = scene.doc, scene.text
    if not re.search(r":[ \t\u00a0]*(\n[\s]*)?$", text[max(0, q.start - 20) : q.start]):
        return False
    colon = text.rindex(":", 0, q.start)
    k = scene.tok_at(colon)
    if k >= len(doc) or doc[k].idx != colon or k == 0:
        return False
    root = doc[k - 1].sent.root
    subj = [c for c in root.children if c.dep_ == "nsubj"]
    if not subj or root.i >= k or not is_verbal(root):
        return False
    h = subj[0]
    person = h.ent_type_ in ("PERSON", "ORG", "NORP") or h.lower_ in ("he", "she", "they", "i", "we")
    if not person or h.lower_ in _RELATIVE:
        return False
    ledger.claim_quote(qi)
    record(scene, ledger, "direct", (q.start, q.end), (cue_start(root), root.idx + len(root)), h, "quote-colon")
    return True


# ------------------------------------------------------ “…” ― Name
def _dash_name(scene: Scene, ledger: Ledger, qi: int, q: Quote) -> bool:
    """`“…” ― Jane Doe`: a dash and a short capitalised name after the quotation."""
    text = scene.text
    m = _DASH_NAME.match(text, q.end)
    if m is None:
        return False
    name_s, name_e = m.start(2), m.end(2)
    while name_e > name_s and text[name_e - 1] in " \t\u00a0":
        name_e -= 1
    if len(text[name_s:name_e].split()) > 6:
        return False
    ledger.claim_quote(qi)
    h = scene.doc.char_span(name_s, name_e, alignment_mode="expand")
    head = (h[-1].idx, h[-1].idx + len(h[-1])) if h is not None and len(h) else (name_s, name_e)
    record(scene, ledger, "direct", (q.start, q.end), (m.start(1), m.end(1)), None, "quote-dash",
           speaker=(name_s, name_e), head=head)
    return True
