"""Find attributions in a parsed spaCy Doc as plain character spans.

This is the part of the attributions layer that needs only spaCy, so both the
pipeline stage (analyse/attributions/stage.py) and the spaCy component
(analyse/attributions/spacy_component.py) use it. Speaker resolution to entities happens
in the stage.

Order of the passes, each claiming the cue verbs and quotations it uses so a
later pass does not report them twice:

1. Direct quotations with their cue next to them: `“…,” he said`,
   `“…,” said Blinken`, `He said: “…”`, `“…” ― Name`.
2. Speaker labels at the start of a paragraph: `PENCE: Well, …`.
3. Reported speech from the dependency parse: a cue verb from data/cues.json
   with its subject (the speaker) and its complement clause (the content),
   `according to X`, and `…, X said.` with the content before the cue.
   Content holding a quotation is `mixed`; content that is one whole
   quotation is `direct`.
4. Quotations that go on after an attributed quotation with no cue of their
   own (`“…,” he said. “…”`) take that attribution's speaker and cue.

A direct quotation that runs over several paragraphs (newswire style, each
paragraph opening with a mark) is then one attribution per paragraph, the
later ones sharing the first one's speaker: content never crosses a paragraph.

Quotations left over (scare quotes, titles of works, unattributed fragments)
are not attributions.

Conventions (those of the PolNeAR corpus where the output contract is
silent): the content of reported speech starts at its complementiser
("that …") and ends before the sentence's final punctuation, except that a
closing quotation mark and the punctuation inside it are kept.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from newsgraph.analyse.attributions.found import (
    _RELATIVE,
    _SENTENCE_ADVERBS,
    _SPEAKER_DEPS,
    QUOTE_CHARS,
    Found,
    is_cue_head,
    is_quote,
)
from newsgraph.analyse.attributions.reported_speech import ReportedSpeech
from newsgraph.analyse.text.cues import (
    cue_class,
    cue_end,
    cue_start,
    is_verbal,
    lemma,
    lexicon,
)
from newsgraph.analyse.text.quotes import Quote, find_quotes

_NP_POS = {"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART", "ADP", "CCONJ", "PUNCT", "X", "SYM"}
_LABEL = re.compile(r"^[ \t\u00a0]*[\"“]?([A-Z][A-Za-z.'’-]*(?:[ \u00a0][A-Z][A-Za-z.'’-]*){0,3})[ \u00a0]*:[ \t\u00a0]+(\S[^\n]*)$", re.M)
_BY_DOING = {"by", "after", "before", "in", "upon", "while", "since", "for"}
_SUBORDINATORS = {"after", "before", "when", "while", "as", "because", "since", "if", "until", "though", "although", "once"}
# Where things are said, not who says them ("a news conference announcing …").
_OCCASIONS = {"conference", "briefing", "meeting", "speech", "interview", "rally", "event", "hearing",
              "session", "appearance", "address", "tour", "call", "forum", "debate", "summit", "ceremony"}
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.](?:,[ \u00a0][A-Z][A-Za-z.]*)?(?:[ \u00a0]*\([^)\n]{1,40}\))?[ \u00a0]+(?:—|–|―|--?)[ \u00a0]+")
_LIST_JOIN = re.compile(r"(?:,?[ \t\u00a0]+(?:and|or)|,)[ \t\u00a0]+(?:an?[ \t\u00a0]+)?")
_DASH_NAME = re.compile(r"[ \t\u00a0]*([―—–])[ \t\u00a0]*([A-Z](?:[^\n,.;:()“”\"]|\.(?=[ \u00a0]?[A-Z]))*)")


def find_attributions(doc: Doc) -> list[Found]:
    return _Finder(doc).run()


class _Finder(ReportedSpeech):
    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text
        self.quotes = find_quotes(self.text)
        self.starts = [t.idx for t in doc]
        self.used_quotes: set[int] = set()
        self.used_cues: set[int] = set()
        self.cue_owner: dict[int, int] = {}  # cue token → index of the attribution that used it
        self.found: list[Found] = []

    # ----------------------------------------------------------- helpers
    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after pos."""
        return bisect_left(self.starts, pos)

    def dateline_end(self, pos: int) -> int:
        """End of the dateline ("GENEVA (Wire) — ") opening the line that holds pos; 0 if none."""
        m = _DATELINE.match(self.text, self.text.rfind("\n", 0, pos) + 1)
        return m.end() if m is not None else 0

    def in_quote(self, pos: int) -> Quote | None:
        for q in self.quotes:
            if q.start < pos < q.end:
                return q
        return None

    def trim(self, a: int, b: int) -> tuple[int, int] | None:
        """Token range [a, b] → char span without edge punctuation (closing quotes stay)
        and without a sentence adverb set off at the start ("However, …")."""
        doc = self.doc
        if a + 1 <= b and doc[a].lower_ in _SENTENCE_ADVERBS and doc[a + 1].text == ",":
            a += 2
        # reported speech stays inside its paragraph (the parser's sentences may not)
        for k in range(a, b):
            if "\n" in doc[k].text_with_ws and self.in_quote(doc[k].idx) is None:
                b = k
                break
        while a <= b and (doc[a].is_punct or doc[a].is_space) and doc[a].text not in QUOTE_CHARS \
                and doc[a].text not in ("(", "[", "“"):
            a += 1
        while b >= a and (doc[b].is_punct or doc[b].is_space) and not (is_quote(doc[b])) \
                and doc[b].text not in ("?", "!", ")", "]"):
            b -= 1
        while b > a and doc[b].lower_ in ("and", "but", "or") and doc[b].dep_ == "cc":
            b -= 1
            while b >= a and doc[b].is_punct and doc[b].text not in QUOTE_CHARS:
                b -= 1
        if b < a:
            return None
        s, e = doc[a].idx, doc[b].idx + len(doc[b])
        # "GENEVA — Trade ministers ended …, officials said": the dateline is the paper's
        dateline = self.dateline_end(s)
        if s < dateline <= e:
            s = dateline
        # a quotation the content runs into ends with its closing mark
        q = self.in_quote(e)
        if q is not None and q.start < s < q.end:
            pass
        elif q is not None and q.balanced and (q.end - e <= 3 or (q.start >= s and "\n" not in self.text[e : q.end])):
            e = q.end
        return (s, e)

    def run_on(self, q: Quote) -> int:
        """Where the sentence goes on to when a quotation closes in mid-sentence
        (`that “race still matters” in America, she said`): the sentence end; else q.end."""
        text, doc = self.text, self.doc
        s, _e = q.inner
        if text[s : q.end].rstrip("”\"'’» ").endswith((".", "?", "!", ",")):
            return q.end
        j = self.tok_at(q.end)
        if j >= len(doc) or "\n" in text[q.end : doc[j].idx] or not (doc[j].text[:1].islower() or doc[j].text[:1].isdigit()):
            return q.end
        sent = doc[j].sent
        end = sent.end - 1
        for k in range(j, sent.end):
            if "\n" in doc[k].text_with_ws or cue_class(doc[k]) == "speech" and doc[k - 1].text == ",":
                end = k if "\n" in doc[k].text_with_ws else k - 2
                break
        span = self.trim(j, end)
        return span[1] if span else q.end

    def np_span(self, h: Token, inverted: bool = False) -> tuple[tuple[int, int], tuple[int, int]]:
        """The speaker phrase around head h, and h's own span. After an inverted
        cue ("said Jane Doe, a lawyer for the city.") the phrase runs on to the
        sentence end, appositive included."""
        if h.lower_ in _RELATIVE and h.head.dep_ == "relcl" and h.head.head.i != h.head.i:
            # "officials, who argued that …": the source is "who", the speaker its antecedent
            ante = h.head.head
            return (h.idx, h.idx + len(h)), (ante.idx, ante.idx + len(ante))
        span, head = self._np(h)
        if not inverted:
            return span, head
        doc = self.doc
        k = self.tok_at(span[1])
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
                and self.tok_at(span[0]) < k - 1 and any(t.text == "," for t in doc[self.tok_at(span[0]) : k - 1]):
            span = (span[0], doc[k].idx + 1)
        return span, head

    def _np(self, h: Token) -> tuple[tuple[int, int], tuple[int, int]]:
        doc = self.doc
        head = (h.idx, h.idx + len(h))
        if h.pos_ == "PRON" and not any(x.dep_ in ("amod", "prep", "relcl", "acl") for x in h.children):
            return head, head
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
        v = h.head
        if h.dep_ in _SPEAKER_DEPS and v.i > h.i and h.right_edge.i < v.i:
            # the whole subject phrase, relative clauses and appositives included
            # ("Tim Hess, a developer, who introduced him to bankers, said"), also when
            # the cue is coordinated with the verb ("X, her opponent, left and said"); PolNeAR's
            # sources keep a phrase set off by commas too ("Blinken, on his trip, said")
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
            return (doc[left].idx, doc[right].idx + len(doc[right])), head
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
        # "Phil Smith, a spokesman for the union, said": the appositive and its
        # closing comma belong to the source (PolNeAR's convention)
        appos = [c for c in h.rights if c.dep_ == "appos" and c.i > right]
        if appos and h.head.i > appos[0].right_edge.i and is_cue_head(h.head):
            end = appos[0].right_edge.i
            if not any(t.dep_ in ("relcl",) or t.lower_ in _RELATIVE for t in doc[right + 1 : end + 1]):
                right = end
                if right + 1 < len(doc) and doc[right + 1].text == ",":
                    right += 1
        return (doc[left].idx, doc[right].idx + len(doc[right])), head

    def speaker_head(self, v: Token, depth: int = 0) -> Token | None:
        lex = lexicon()
        if v.i >= 2 and self.doc[v.i - 2].lower_ == "let" and self.doc[v.i - 1].lower_ in ("'s", "’s", "us", "me"):
            return None  # "Let's say you think …": a supposition, no one's words
        for c in v.children:
            if c.dep_ in _SPEAKER_DEPS:
                if c.lower_ in _RELATIVE and v.dep_ == "relcl":
                    return c  # "who" as written; np_span points its head at the antecedent
                if c.dep_ == "nsubjpass":
                    agent = next((a for a in v.children if a.dep_ == "agent"), None)
                    pobj = next((p for p in agent.children if p.dep_ == "pobj"), None) if agent else None
                    return pobj
                if c.ent_type_ in ("TIME", "DATE") and c.i < v.i - 1:
                    continue  # "12:15 p.m.¶¶Donald Trump says …": a time line parsed as a subject
                # "this", "those" alone are no one; "those close to him" is someone
                bare = not any(x.dep_ in ("amod", "prep", "relcl", "acl") for x in c.children)
                if c.lower_ in lex.not_speakers and bare or c.dep_ == "expl" or c.ent_type_ in ("TIME", "DATE"):
                    return None
                if is_quote(c):
                    return None
                after = self.dateline_end(c.idx)
                if c.idx < after:
                    # "WASHINGTON -- President Obama, …, said": the parser's subject is the city
                    named = [x for x in c.rights if x.dep_ == "appos" and x.idx >= after]
                    if named:
                        return named[0]
                if not any(ch.isalnum() for ch in c.text):
                    # a dash the parser made the subject: "The film ― which … ― explains"
                    # hangs the real one on it; "made public ― Trump boasted" has another
                    inner = [x for x in c.children if x.dep_ in _SPEAKER_DEPS and any(ch.isalnum() for ch in x.text)]
                    if inner:
                        return inner[0]
                    continue
                return c
        if depth < 2 and v.dep_ == "conj" and v.head.dep_ == "ccomp" and cue_class(v) == "speech" \
                and cue_class(v.head.head) == "speech":
            # "Trump said he would order a review and warned against …": the parser hung
            # the second cue on the reported clause; it is the first speaker's
            return self.speaker_head(v.head.head, depth + 1)
        if depth < 2 and v.dep_ in ("conj", "xcomp") and v.head.i != v.i:
            return self.speaker_head(v.head, depth + 1)
        if depth < 2 and v.dep_ == "advcl" and v.tag_ == "VBG" and v.head.i != v.i:
            return self.speaker_head(v.head, depth + 1)  # "…, saying …": the subject of the main verb
        if depth < 2 and v.dep_ == "pcomp" and v.tag_ == "VBG" and v.head.lower_ in _BY_DOING \
                and v.head.head.pos_ in ("VERB", "AUX") and cue_class(v) == "speech":
            return self.speaker_head(v.head.head, depth + 1)  # "began by saying …": who began
        if depth < 2 and v.dep_ == "advcl" and v.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in v.children) \
                and v.head.i != v.i:
            return self.speaker_head(v.head, depth + 1)  # "She has gone on a tour to talk with …": she talks
        if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN") and cue_class(v) == "speech":
            if v.head.lemma_.lower() in _OCCASIONS:
                # "she said at a news conference announcing …": who held it, not the conference
                n = v.head
                while n.dep_ in ("pobj", "dobj", "compound", "prep") and n.head.i != n.i:
                    n = n.head
                return self.speaker_head(n, depth + 1) if n.pos_ in ("VERB", "AUX") and depth < 2 else None
            return v.head  # "officials warning Israel of …"
        return self.speaker_left(v)

    def speaker_left(self, v: Token) -> Token | None:
        """Text fallback when the parse gives the cue no subject."""
        doc = self.doc
        if v.dep_ in ("acl", "relcl", "amod", "pcomp", "pobj"):
            return None  # "a resolution calling for a ceasefire": no one speaks
        k = v.i - 1
        while k >= v.sent.start and (doc[k].dep_ in ("aux", "neg", "advmod") or doc[k].lower_ in ("also", "has", "had", "have")):
            k -= 1
        if k < v.sent.start:
            return None
        t = doc[k]
        if t.pos_ in ("PROPN", "NOUN", "PRON") and t.lower_ not in lexicon().not_speakers:
            return self.phrase_owner(t)
        if t.text == ",":
            # "Blinken, on his sixth trip …, said": the phrase before the first comma
            first = v.sent.start
            comma = next((x for x in doc[first:k] if x.text == ","), None)
            if comma is not None and comma.i - first <= 6:
                cands = [x for x in doc[first : comma.i] if x.pos_ in ("PROPN", "NOUN", "PRON")]
                if cands:
                    return cands[-1]
        return None

    @staticmethod
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

    def add(self, kind: str, content: tuple[int, int], cue: tuple[int, int] | None, head_tok: Token | None,
            method: str, speaker: tuple[int, int] | None = None, head: tuple[int, int] | None = None,
            inverted: bool = False) -> None:
        if head_tok is not None:
            speaker, head = self.np_span(head_tok, inverted)
        if speaker is not None and head is not None and "\n" in self.text[speaker[0] : speaker[1]]:
            # a speaker phrase never crosses a line: keep the line that holds its head
            text = self.text
            s = max(speaker[0], text.rfind("\n", 0, head[0]) + 1)
            nl = text.find("\n", head[1])
            e = min(speaker[1], nl) if nl >= 0 else speaker[1]
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            speaker = (s, e)
        self.found.append(Found(kind, content, cue, speaker, head, method))

    # ------------------------------------------------------- pass 1: direct
    def direct_after(self, qi: int, q: Quote) -> bool:
        doc, text = self.doc, self.text
        i = self.tok_at(q.end)
        verb = None
        between: list[Token] = []
        for j in range(i, min(i + 12, len(doc))):
            t = doc[j]
            if "\n" in text[q.end : t.idx] or "\n" in t.text or is_quote(t):
                break
            cls = cue_class(t)
            if cls in ("speech", "quote_only"):
                verb = t
                break
            # the tagger calls a capitalised name after a quotation a verb now and then ("Tulsa")
            if t.text in (".", "!", "?", ";") or (t.pos_ == "VERB" and t.dep_ != "aux" and not t.is_title):
                break
            between.append(t)
        # a full stop inside the closing mark ends the sentence: what follows is new
        if verb is not None and self.text[q.start:q.end].rstrip("”\"'’»").endswith(".") and \
                (between and between[0].text[:1].isupper() and between[0].pos_ != "PRON"):
            return False
        if verb is None or verb.i in self.used_cues:
            return False
        # "In an interview on “Face the Nation,” she said the …": the content follows the cue
        # ("“…,” Warren told him, after he admitted …" is an adverbial the parser took for one)
        if any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i and c.left_edge.i <= verb.i + 4
               and self.in_quote(c.idx) is None and not self.adverbial_clause(verb, c) for c in verb.children):
            return False
        if between and self.said_object(verb) is not None:
            return False  # "“Come,” she added the words …": the cue's own object follows
        # an adverb on the cue ("it further wrote") is no part of the speaker
        words = [t for t in between if not t.is_punct and t.lower_ not in ("also", "then", "later", "has", "had", "have", "would", "will")
                 and not (t.pos_ == "ADV" and t.dep_ == "advmod" and t.head.i == verb.i)]
        if len(words) > 9 or any(t.pos_ not in _NP_POS and not t.is_title for t in words):
            return False
        cue = (cue_start(verb), cue_end(verb))
        head_tok = None
        if words:
            subj = [t for t in verb.children if t.dep_ in _SPEAKER_DEPS and words[0].i <= t.i <= words[-1].i]
            head_tok = subj[0] if subj else next((t for t in reversed(words) if t.pos_ in ("PROPN", "NOUN", "PRON")), None)
            if head_tok is None:
                return False
            if head_tok.lower_ in _RELATIVE:
                return False
        else:  # inverted: "…,” said Blinken."
            after = [t for t in verb.rights if t.dep_ in _SPEAKER_DEPS]
            head_tok = after[0] if after else None
            if head_tok is None:
                nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
                if nxt is None or nxt.pos_ not in ("PROPN", "NOUN", "DET", "ADJ"):
                    return False
                k = verb.i + 1
                while k + 1 < len(doc) and doc[k + 1].pos_ in ("PROPN", "NOUN") and doc[k + 1].ent_type_ not in ("DATE", "TIME"):
                    k += 1
                head_tok = doc[k]
        content, kind = (q.start, q.end), "direct"
        prefix_start = self.clause_start(q.start)
        if prefix_start is not None:
            prefix = doc[self.tok_at(prefix_start) : self.tok_at(q.start)]
            if any(cue_class(t) in ("speech", "cognition", "evidence") or t.lower_ == "according" for t in prefix):
                return False
            content, kind = (prefix_start, q.end), "mixed"
        speaker = head = None
        if words:
            # “… jail time” for criminal behavior, she said: the words before the
            # speaker finish the quoted sentence
            (sp_start, sp_end), _h = self.np_span(head_tok)
            pre = [t for t in between if t.idx < sp_start]
            if pre and any(not t.is_punct for t in pre) and pre[-1].text == ",":
                named = [t for t in pre if not t.is_punct]
                if all(t.pos_ == "PROPN" for t in named):
                    # “…,” Flynn, a top adviser, said: the parser took the appositive
                    # for the subject; the name before it starts the speaker phrase
                    k = self.tok_at(sp_end)
                    if k < verb.i and doc[k].text == ",":
                        sp_end = doc[k].idx + 1
                    speaker, head = (named[0].idx, sp_end), (named[-1].idx, named[-1].idx + len(named[-1]))
                else:
                    last = next(t for t in reversed(pre[:-1]) if not t.is_punct)
                    content, kind = (content[0], last.idx + len(last)), "mixed"
            elif pre and not any(t.dep_ in _SPEAKER_DEPS and t.head.i == verb.i for t in between) \
                    and all(t.pos_ in ("PROPN", "NOUN") or t.is_title for t in pre) and pre[0].is_title:
                # “…,” Tulsa police Chief Ana Berg said: with no subject in the parse (it
                # took the city for a verb), the capitalised run before the cue is the speaker
                speaker, head = (pre[0].idx, sp_end), _h
        self.used_cues.add(verb.i)
        self.used_quotes.add(qi)
        self.cue_owner[verb.i] = len(self.found)
        if speaker is not None:
            self.add(kind, content, cue, None, "quote-cue-after", speaker=speaker, head=head)
        else:
            self.add(kind, content, cue, head_tok, "quote-cue-after", inverted=not words)
        return True

    def listed(self, qi: int) -> int:
        """`went on about “A,” and “B” and “C”`: quotations listed after the cue's
        quotation are one content with it. Claims them, and returns the end of the last
        (q.end if none)."""
        end = self.quotes[qi].end
        for k in range(qi + 1, len(self.quotes)):
            if not _LIST_JOIN.fullmatch(self.text, end, self.quotes[k].start):
                break
            self.used_quotes.add(k)
            end = self.quotes[k].end
        return end

    def said_object(self, verb: Token) -> Token | None:
        """A common noun the speech cue takes as its object after it ("added the
        words", "says things"); the one told ("told reporters") does not count."""
        if cue_class(verb) != "speech" or lemma(verb) in lexicon().addressee_verbs:
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i and c.pos_ == "NOUN"), None)
        # right after the cue, outside any quotation ("he said, ''the only place …''" is no object)
        if obj is None or self.in_quote(obj.idx) is not None \
                or any(t.is_punct for t in self.doc[verb.i + 1 : obj.left_edge.i + 1]):
            return None
        return obj

    def adverbial_clause(self, verb: Token, c: Token) -> bool:
        """A clause after the cue set off by a comma or opened by a subordinator
        ("after", "when" …) says when or why, not what was said."""
        gap = self.doc[verb.i + 1 : c.left_edge.i + 1]
        return any(t.text == "," for t in gap) or self.doc[c.left_edge.i].lower_ in _SUBORDINATORS

    def clause_start(self, pos: int) -> int | None:
        """Where the sentence around a quotation starts, when words precede the quotation in it."""
        doc, text = self.doc, self.text
        j = self.tok_at(pos)
        if j >= len(doc):
            return None
        sent = doc[j].sent
        start = max(sent.start_char, text.rfind("\n", 0, pos) + 1)
        # an earlier quotation in the same sentence closes the window
        for q in self.quotes:
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

    def direct_before(self, qi: int, q: Quote) -> bool:
        doc, text = self.doc, self.text
        j = self.tok_at(q.start) - 1
        gap: list[Token] = []
        verb = None
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
            cls = cue_class(t)
            # "described as “…”": a naming verb quotes the words after its preposition
            # (with an object between, "called Clinton a “champion”", the object is content too)
            naming = cls == "object" and lemma(t) in lexicon().quote_only and bool(gap) \
                and all(g.pos_ == "ADP" for g in gap)
            if cls in ("speech", "quote_only") or naming or (cls == "object" and gap and gap[0].text in (",", ":")):
                verb = t
                break
            if t.tag_ == "VBG" and gap and gap[0].text == "," and t.i >= 2 and doc[t.i - 1].text == "," \
                    and t.i - 2 in self.used_cues:
                # “A,” Tester said, referring to the excuse, “B.”: a participle set off by
                # commas between the cue and the second fragment
                j = t.i - 2
                continue
            if t.text in (".", "!", "?") or (t.pos_ == "VERB" and t.dep_ != "aux"):
                break
            gap.append(t)
            j -= 1
        if verb is None:
            return self.colon_intro(qi, q)
        if verb.i in self.used_cues:
            owner = self.cue_owner.get(verb.i)
            if owner is None:
                return False
            prev = self.found[owner]
            # “A,” he said, “B.” / “A,” said Jones on Monday, “B.”: the speaker and a
            # short adverbial may stand between, but no sentence end
            start = max(verb.idx + len(verb), prev.speaker[1] if prev.speaker else 0)
            between = text[start : q.start]
            if not (re.fullmatch(r"[\s,:;—–-]*", between)
                    or re.fullmatch(r"(?:[^.!?“”\"\n]|(?<=[A-Z])\.){0,120}[,:][ \t\u00a0]*", between)):
                return False
            self.used_quotes.add(qi)
            self.found.append(Found("direct", (q.start, q.end), prev.cue, prev.speaker, prev.head,
                                    "quote-cue-between", follows=owner))
            return True
        gap.reverse()
        ends_colon = bool(gap) and gap[-1].text in (":", ",")
        words = [t for t in gap if not t.is_punct]
        cls = cue_class(verb)
        kind, start = "direct", q.start
        that = [t for t in words if t.lower_ == "that"]
        said = self.said_object(verb)
        if that and (len(words) <= 3 or ends_colon):
            kind, start = "mixed", that[0].idx
        elif said is not None and ends_colon and words and said.i >= words[0].i:
            # "she still says things such as, “…”": the quotation stands in apposition
            # to what the cue says; the content starts at that object
            kind, start = "mixed", said.left_edge.idx
        elif cls in ("quote_only", "object") and not ends_colon:
            # "described as “an intentional act”", "called him “a genius”": a
            # naming verb quotes the words it puts on its object, when only a
            # preposition or a short object stands between
            if len(words) > 3 or any(t.pos_ not in ("ADP", "PRON", "DET", "PROPN", "NOUN") for t in words):
                return False
            # "read “The Quiet Harbor”": words all in capitals name a work
            inner = [w for w in re.findall(r"[A-Za-z]+", text[q.start : q.end]) if len(w) > 3]
            if not inner or all(w[0].isupper() for w in inner):
                return False
        elif words and not ends_colon:
            # only an addressee or a time may stand between: "told reporters", "said Friday"
            addressee = lemma(verb) in lexicon().addressee_verbs
            if len(words) > 3 or any(t.ent_type_ not in ("DATE", "TIME") and not (addressee and t.pos_ in ("PROPN", "NOUN", "PRON", "DET"))
                                     for t in words):
                return False
        head_tok = self.speaker_head(verb)
        inverted, speaker = False, None
        if head_tok is None and ends_colon and words and verb.i < words[0].i and all(t.pos_ == "PROPN" for t in words):
            head_tok, inverted = words[-1], True  # "Said Ellis: “…”"
            speaker = (words[0].idx, words[-1].idx + len(words[-1]))
        if head_tok is None:
            return False
        end = self.run_on(q)
        if end == q.end:
            end = self.listed(qi)
        if end > q.end:
            kind = "mixed"
        self.used_cues.add(verb.i)
        self.used_quotes.add(qi)
        if inverted:
            self.add(kind, (start, end), (cue_start(verb), cue_end(verb)), None, "quote-cue-before",
                     speaker=speaker, head=(head_tok.idx, head_tok.idx + len(head_tok)))
        else:
            self.add(kind, (start, end), (cue_start(verb), cue_end(verb)), head_tok, "quote-cue-before")
        return True

    def colon_intro(self, qi: int, q: Quote) -> bool:
        """`Sanders made the following comment: “…”`: a clause about someone ends in
        a colon and the quotation follows; its subject speaks, its verb is the cue."""
        doc, text = self.doc, self.text
        if not re.search(r":[ \t\u00a0]*(\n[\s]*)?$", text[max(0, q.start - 20) : q.start]):
            return False
        colon = text.rindex(":", 0, q.start)
        k = self.tok_at(colon)
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
        self.used_quotes.add(qi)
        self.add("direct", (q.start, q.end), (cue_start(root), root.idx + len(root)), h, "quote-colon")
        return True

    def direct_dash(self, qi: int, q: Quote) -> bool:
        m = _DASH_NAME.match(self.text, q.end)
        if m is None:
            return False
        name_s, name_e = m.start(2), m.end(2)
        while name_e > name_s and self.text[name_e - 1] in " \t\u00a0":
            name_e -= 1
        if len(self.text[name_s:name_e].split()) > 6:
            return False
        self.used_quotes.add(qi)
        h = self.doc.char_span(name_s, name_e, alignment_mode="expand")
        head = (h[-1].idx, h[-1].idx + len(h[-1])) if h is not None and len(h) else (name_s, name_e)
        self.add("direct", (q.start, q.end), (m.start(1), m.end(1)), None, "quote-dash",
                 speaker=(name_s, name_e), head=head)
        return True

    # ------------------------------------------------------ pass 2: labels
    def labels(self) -> None:
        lex = lexicon()
        for m in _LABEL.finditer(self.text):
            name = m.group(1)
            words = name.replace("\u00a0", " ").split()
            if any(w.lower().strip(".'’") in lex.label_stoplist for w in words):
                continue
            span = self.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
            if span is None:
                continue
            upper = name.isupper() and len(name) > 1
            # the small model often misses names in a headline ("Sanders: …",
            # "Poll: …"); a short capitalised label on the title line still speaks
            title = "\n" not in self.text[: m.start(1)]
            titled = title and len(span) <= 3 and all(t.pos_ in ("PROPN", "NOUN") for t in span)
            if not upper and not titled and not (all(t.pos_ == "PROPN" for t in span)
                                                 and any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in span)):
                continue
            a = self.tok_at(m.start(2))
            b = self.tok_at(m.end(2)) - 1
            content = self.trim(a, b)
            if content is None:
                continue
            # a transcript line set in quotation marks: its closing mark is not content
            q = self.in_quote(content[1] - 1)
            if q is not None and q.start < m.start(1) and content[1] == q.end:
                end = q.end - q.mark_len
                while end > content[0] and self.text[end - 1] in " \t\u00a0":
                    end -= 1
                content = (content[0], end)
            elif self.text[content[1] : content[1] + 1] == "." and not title:
                content = (content[0], content[1] + 1)  # a spoken line keeps its full stop
            colon = self.text.index(":", m.end(1))
            kind = self.classify(content)
            head = (span[-1].idx, span[-1].idx + len(span[-1]))
            self.add(kind[0], kind[1], (colon, colon + 1), None, "label", speaker=(m.start(1), m.end(1)), head=head)

    # ------------------------------------ pass 3: the parse (analyse/attributions/reported_speech.py)
    def classify(self, content: tuple[int, int]) -> tuple[str, tuple[int, int]]:
        s, e = content
        inside = [(i, q) for i, q in enumerate(self.quotes) if q.start < e and s < q.end]
        if not inside:
            return "indirect", content
        if len(inside) == 1:
            i, q = inside[0]
            qs, qe = q.inner
            if s <= qs + 1 and e >= qe - 2 and s >= q.start - 1 and e <= q.end + 1:
                self.used_quotes.add(i)
                return "direct", (q.start, q.end)
        for i, _q in inside:
            self.used_quotes.add(i)
        s = min([s] + [q.start for _, q in inside if q.start >= s - 1])
        return "mixed", (s, e)

    # ------------------------------------------------- pass 4: continuation
    def continuations(self) -> None:
        text = self.text
        for qi, q in enumerate(self.quotes):
            if qi in self.used_quotes or q.single:
                continue
            s, e = q.inner
            inner = text[s:e].strip()
            sentence_like = inner[-1:] in ".?!" or inner.rstrip("”\"'’")[-1:] in ".?!,"
            if len(inner.split()) < (2 if sentence_like else 4) or not inner[:1].isupper():
                continue
            # after reported speech too: "Fowler said the rules were clear.\n\n“We wrote them.”"
            before = [(i, f) for i, f in enumerate(self.found) if f.content[1] <= q.start and f.speaker is not None]
            if not before:
                continue
            pi, prev = max(before, key=lambda x: x[1].content[1])
            reach = max(prev.content[1], prev.cue[1] if prev.cue else 0, prev.speaker[1] if prev.speaker else 0)
            if reach > q.start:
                continue
            gap = text[reach:q.start]
            # the rest of the cue's sentence ("…, a lawyer for the club.") may stand between
            if re.search(r"[A-Za-z0-9]", gap):
                # a title in quotation marks may end it ("… on Fox News’s “Fox and Friends.”"),
                # a quotation someone is reported to have said may not
                titles = [k for k, t in enumerate(self.quotes) if reach <= t.start and t.end <= q.start]
                marks = r"" if titles and not any(k in self.used_quotes for k in titles) else r"“”\""
                m = re.fullmatch(rf"[^\n{marks}]{{0,200}}?[.!?][”\"]?[ \t\u00a0]*\n?[ \t\u00a0\n]*", gap)
                if m is None or len(gap.split()) > 25:
                    continue
            elif gap.count("\n") > 2:
                continue
            self.used_quotes.add(qi)
            # “… to blame thousands of $12-an-hour” workers.: the sentence runs on after the mark
            end = self.run_on(q)
            self.found.append(Found("direct" if end == q.end else "mixed", (q.start, end), prev.cue, prev.speaker,
                                    prev.head, "quote-continued", follows=pi))

    def run(self) -> list[Found]:
        for qi, q in enumerate(self.quotes):
            if q.single and len(self.text[q.start : q.end].split()) < 3:
                continue
            self.direct_after(qi, q) or self.direct_before(qi, q) or self.direct_dash(qi, q)
        self.labels()
        self.parse_pass()
        self.found = _without_nested(self.found)
        self.continuations()
        return _ordered(self.by_paragraph(self.found))

    def by_paragraph(self, found: list[Found]) -> list[Found]:
        """A direct quotation that goes on over several paragraphs (each opening
        with a quotation mark) becomes one attribution per paragraph, the later
        ones sharing the first one's speaker: content never crosses a paragraph."""
        out = list(found)
        for i, f in enumerate(found):
            s, e = f.content
            if f.kind != "direct" or "\n" not in self.text[s:e]:
                continue
            pieces = [(s + m.start(), s + m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", self.text[s:e])]
            pieces = [(a + len(self.text[a:b]) - len(self.text[a:b].lstrip()), a + len(self.text[a:b].rstrip())) for a, b in pieces]
            if len(pieces) < 2 or any(self.text[a] not in QUOTE_CHARS for a, _b in pieces):
                continue
            out[i] = dataclasses.replace(f, content=pieces[0])
            lead = f.follows if f.follows is not None else i
            out.extend(dataclasses.replace(f, content=piece, follows=lead) for piece in pieces[1:])
        return out


def _without_nested(found: list[Found]) -> list[Found]:
    """`She stressed her record and said she has one quality: “Steadiness.”`: a
    quotation introduced only by a colon that lies inside the same speaker's
    mixed content is part of that report, not a second one. (A quotation with a
    cue of its own, `… and says, “Don't,”`, stays: the parse may have run the
    other content on too far.)"""
    keep = [i for i, f in enumerate(found)
            if not (f.method == "quote-colon" and f.follows is None and any(
                g.kind == "mixed" and g.speaker == f.speaker and g.content[0] <= f.content[0]
                and f.content[1] <= g.content[1] for g in found))]
    return found if len(keep) == len(found) else _kept(found, keep)


def _ordered(found: list[Found]) -> list[Found]:
    """Text order, without a second attribution over the same content."""
    keep: list[int] = []
    seen: set[tuple[int, int]] = set()
    for i in sorted(range(len(found)), key=lambda i: found[i].content):
        if found[i].content not in seen:
            seen.add(found[i].content)
            keep.append(i)
    return _kept(found, keep)


def _kept(found: list[Found], keep: list[int]) -> list[Found]:
    """found[i] for i in keep, in that order, each `follows` renumbered to the new list
    (None when the attribution it followed was not kept)."""
    new_index = {i: n for n, i in enumerate(keep)}
    return [f if f.follows is None else dataclasses.replace(f, follows=new_index.get(f.follows))
            for f in (found[i] for i in keep)]


def sentence_of(doc: Doc, pos: int) -> Span | None:
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span.sent if span is not None and len(span) else None
