"""Reported speech from the dependency parse: pass 3 of analyse/attributions/spans.py.

A cue verb from data/cues.json with its subject (the speaker) and its
complement clause or object (the content); `according to X`; `…, X said.`
with the content before the cue; and cues set between commas inside the
reported sentence (`The plan, he said, is dead.`). Content holding a
quotation is `mixed`; content that is one whole quotation is `direct`.

`ReportedSpeech` is a mixin of the finder in attribution_spans.py: it uses
the finder's document, quotations, span helpers and result list.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from newsgraph.analyse.attributions.found import _OBJECT_PREPS, _RELATIVE, _SPEAKER_DEPS, Found
from newsgraph.analyse.text.cues import (
    cue_class,
    cue_end,
    cue_start,
    lemma,
    lexicon,
    object_particle,
)

# A comma and a concessive or contrastive word: what follows is the writer's aside.
_ASIDE = re.compile(r",\s+(?:despite|although|though|whereas|while|even as|even though|even while)\b", re.I)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsgraph.analyse.text.quotes import Quote


class ReportedSpeech:
    doc: Doc
    text: str
    quotes: list[Quote]
    found: list[Found]
    used_cues: set[int]
    trim: Any
    np_span: Any
    _np: Any
    classify: Any
    add: Any
    in_quote: Any
    tok_at: Any
    speaker_head: Any

    def according(self, t: Token) -> None:
        doc = self.doc
        if t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            return
        to = doc[t.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            k = to.i + 1
            while k + 1 < len(doc) and doc[k + 1].pos_ in ("PROPN", "NOUN") :
                k += 1
            if k >= len(doc) or doc[k].pos_ not in ("PROPN", "NOUN", "PRON"):
                return
            pobj = doc[k]
        speaker, head = self.np_span(pobj)
        sent = t.sent
        # the sentence, but never across a paragraph break (the parser's sentences sometimes do)
        start, end = sent.start, sent.end
        for k in range(t.i - 1, sent.start - 1, -1):
            if "\n" in doc[k].text_with_ws:
                start = k + 1
                break
        for k in range(t.i, sent.end):
            if "\n" in doc[k].text_with_ws:
                end = k + 1
                break
        while start < t.i and (doc[start].dep_ == "cc" or doc[start].is_punct or doc[start].is_space):
            start += 1  # "And more than half …, according to …": the conjunction is the writer's
        src_end = max(self.tok_at(speaker[1]) - 1, pobj.i)
        left = self.trim(start, t.i - 1) if t.i > start else None
        after = src_end + 1
        while after < end and (doc[after].is_punct or doc[after].dep_ == "cc") and doc[after].text not in "“\"(":
            after += 1  # "…, according to X, and the …": the conjunction is the writer's
        right = self.trim(after, end - 1) if after < end else None
        sizes = [(x[1] - x[0], x) for x in (left, right) if x is not None]
        if not sizes:
            return
        content = max(sizes)[1]
        if content[1] - content[0] < 8:
            return
        if content == left and right is not None:
            # "…, according to a poll released last week.": the source runs to the
            # sentence end, but not into an aside about it (", whose …", ", which …")
            # or a clause joined on (", and said they …")
            tail = self.text[speaker[1] : right[1]]
            stop = len(tail)
            for m in re.finditer(r",\s*(?:(which|who|whose|whom|where)|and|but)\b", tail):
                rest = doc[self.tok_at(speaker[1] + m.end()) : self.tok_at(right[1])]
                if m.group(1) or any(x.pos_ in ("VERB", "AUX") and x.dep_ not in ("amod", "acl") for x in rest):
                    stop = m.start()
                    break
            speaker = (speaker[0], speaker[1] + stop)
        kind, content = self.classify(content)
        self.found.append(Found(kind, content, (t.idx, to.idx + len(to)), speaker, head, "according-to"))

    def object_content(self, v: Token) -> tuple[int, int] | None:
        """What "criticized", "urged", "called for" … act on: the object phrase and
        the complements that go with it ("accused the GOP of stoking the issue")."""
        doc = self.doc
        prep = object_particle(v)
        if prep is not None:
            objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if not objs:
                return None
            a, b = objs[0].left_edge.i, objs[0].right_edge.i
            for c in v.rights:
                if c.i > b and c.dep_ in ("xcomp", "ccomp") and not any(t.text == "," for t in doc[b + 1 : c.left_edge.i]):
                    b = c.right_edge.i
            return self.trim(a, b)
        # a time phrase before the object ("announced on Friday the arrest of …") is no part of it
        rights = [c for c in v.rights if c.dep_ not in ("punct", "prt", "advmod", "npadvmod", "neg")
                  and c.ent_type_ not in ("DATE", "TIME")
                  and not (c.dep_ == "prep" and any(x.dep_ == "pobj" and x.ent_type_ in ("DATE", "TIME") for x in c.children))]
        if not rights or rights[0].dep_ not in ("dobj", "xcomp", "ccomp", "oprd", "dative"):
            return None
        a, b = rights[0].left_edge.i, rights[0].right_edge.i
        for c in rights[1:]:
            if any(t.text in (",", ";", "—", "–") for t in doc[b + 1 : c.left_edge.i]):
                break
            if c.dep_ in ("xcomp", "ccomp", "oprd", "dobj") or (c.dep_ == "prep" and c.lower_ in _OBJECT_PREPS):
                b = c.right_edge.i
            else:
                break
        return self.trim(a, self.drop_trailing_aside(a, b))

    def drop_trailing_aside(self, a: int, b: int) -> int:
        """End the content before a closing aside set off by a comma: a
        non-restrictive relative clause (", which …"), a participle phrase
        (", forcing them …") or an appositive (", the presumed favourite")
        that runs to the end. These are the writer's words, not the speaker's."""
        doc = self.doc
        for k in range(a + 1, b):
            if doc[k].text not in (",", "—", "–") or self.in_quote(doc[k].idx) is not None:
                continue
            t = doc[k + 1]
            phrase = None
            if t.lower_ in ("which", "who", "whose", "whom") and t.head.i > k:
                phrase = t.head
            elif t.tag_ == "VBG" and t.dep_ in ("advcl", "acl", "xcomp", "conj"):
                phrase = t
            elif t.dep_ in ("det", "amod", "compound", "poss") and t.head.dep_ == "appos":
                phrase = t.head
            elif t.dep_ == "appos":
                phrase = t
            elif t.lower_ in ("though", "although", "whereas", "while") and t.dep_ == "mark":
                phrase = t.head
            elif t.lower_ == "as" and t.dep_ == "mark" and any(x.dep_ == "nsubj" for x in t.head.children):
                phrase = t.head  # ", as aid groups warn of a famine"
            if phrase is not None and phrase.right_edge.i >= b - 1:
                return k - 1
        return b

    def complement(self, v: Token, cls: str) -> tuple[int, int] | None:
        doc = self.doc
        comps = [c for c in v.children if c.dep_ == "ccomp"]
        if cls in ("cognition", "evidence", "intention"):
            comps = [c for c in comps if c.i > v.i and any(x.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for x in c.children)]
        # "plans to raise taxes": a plan or wish is held by the subject; the
        # infinitive is what is attributed (not "is expected to", which has no holder)
        intends = lemma(v) in lexicon().intention and not any(c.dep_ in ("auxpass", "nsubjpass", "dobj") for c in v.children)
        if not comps and (cls == "speech" or intends):
            comps = [c for c in v.children if c.dep_ == "xcomp" and (cls == "speech" or c.i > v.i) and any(a.lower_ == "to" for a in c.children)]
        if comps:
            right = [c for c in comps if c.i > v.i]
            comp = right[0] if right else comps[-1]
            a, b = comp.left_edge.i, comp.right_edge.i
            if comp.dep_ == "xcomp":
                # "urged North Korea to resume talks": the one urged belongs to the content
                obj = [c for c in v.children if c.dep_ == "dobj" and v.i < c.i < comp.i]
                if obj and lemma(v) != "ask":
                    a = obj[0].left_edge.i
            elif cls == "speech" and lemma(v) not in lexicon().addressee_verbs \
                    and not any(c.dep_ in _SPEAKER_DEPS for c in comp.children):
                # "said attendance at the schools rose …": the parser made the clause's
                # subject an object of the cue; it is the start of what was said
                obj = [c for c in v.children if c.dep_ == "dobj" and v.i < c.i < comp.i]
                if obj:
                    a = obj[0].left_edge.i
            if comp.i > v.i:
                a = max(a, v.i + 1)
                # the parser often cuts the clause short; it runs to the sentence end
                # unless a new clause is joined on (", adding that …", "and …")
                # a cue inside a relative or adverbial clause speaks only within it
                # ("The mayor, who said the budget was balanced, left early.")
                end = v.right_edge.i if v.dep_ in ("relcl", "acl", "advcl") else v.sent.end - 1
                rest = [t for t in doc[b + 1 : end + 1] if self.in_quote(t.idx) is None]
                if rest and not any(t.text in (";",) or self.new_speaker(t) for t in rest):
                    b = end
                b = self.drop_trailing_aside(a, b)
                # ", saying that …" / ", adding …" starts the next attribution
                for t in doc[a + 1 : b + 1]:
                    if t.tag_ == "VBG" and cue_class(t) == "speech" and doc[t.i - 1].text == "," and self.in_quote(t.idx) is None:
                        b = t.i - 2
                        break
                # a coordinated cue ("… and said she would …") starts a new attribution
                for t in doc[a : b + 1]:
                    if t.dep_ == "conj" and t.head.i > v.i and cue_class(t) == "speech":
                        cc = [x for x in t.head.children if x.dep_ == "cc" and x.i < t.i]
                        b = (cc[-1].i if cc else t.left_edge.i) - 1
                        break
            elif b >= v.i:
                return None
            return self.trim(a, b)
        lex = lexicon()
        if cls == "object" or lemma(v) in lex.object:
            return self.object_content(v)
        # "Democrats want policies that …", "offered no proof": a wish or offer of a
        # named holder attributes its object too (not "decide", "refuse", which take an act)
        if cls == "intention" and lemma(v) in ("want", "offer", "prefer", "seek") and any(c.dep_ == "dobj" and c.i > v.i for c in v.children):
            return self.object_content(v)
        # "Polls show a close contest": what a poll or record shows is attributed to it
        # (not "showed us the way": an addressee is no finding)
        if cls == "evidence" and lemma(v) == "show" and any(c.dep_ == "dobj" and c.i > v.i for c in v.children) \
                and not any(c.dep_ == "dative" for c in v.children):
            return self.object_content(v)
        if cls != "speech":
            return None
        # "said after the convention he would not accept …": the parser made the
        # clause an adverbial of its own opening phrase; it starts at its subject
        for c in v.rights:
            subj = [x for x in c.children if x.dep_ in _SPEAKER_DEPS and x.i < c.i]
            if c.dep_ == "advcl" and subj and not any(x.dep_ == "mark" for x in c.children) and c.tag_ != "VBG" \
                    and doc[c.left_edge.i].dep_ == "prep" and c.left_edge.head.i == c.i:
                return self.trim(subj[0].left_edge.i, c.right_edge.i)
        # "warned of a famine"
        for c in v.rights:
            if c.dep_ == "prep" and c.lower_ in lex.prepositional_content.get(lemma(v), ()):
                pobj = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
                if pobj:
                    return self.trim(pobj[0].left_edge.i, pobj[0].right_edge.i)
        # "emphasized his “bone-deep commitment”": an object that quotes someone
        for c in v.rights:
            if c.dep_ == "dobj" and lemma(v) not in lex.addressee_verbs:
                span = self.trim(c.left_edge.i, c.right_edge.i)
                if span and any(span[0] <= q.start and q.end <= span[1] + 1 for q in self.quotes):
                    return span
        nxt = v.i + 1
        if lemma(v) in lex.addressee_verbs:
            obj = [c for c in v.rights if c.dep_ in ("dobj", "dative")]
            if obj:
                nxt = obj[0].right_edge.i + 1
                # "told a meeting of leaders that few people understood …": a clause
                # with "that" and a subject of its own is what was told, not a
                # relative clause on the addressee
                for x in obj[0].subtree:
                    that = [c for c in x.children if c.dep_ == "mark" and c.lower_ == "that" and c.i < x.i]
                    if x.dep_ == "relcl" and that and any(c.dep_ in _SPEAKER_DEPS for c in x.children):
                        return self.trim(that[0].i, v.sent.end - 1)
        # "X said that …" with a parse that missed the clause
        while nxt < v.sent.end and (doc[nxt].ent_type_ in ("DATE", "TIME") or doc[nxt].dep_ in ("dobj", "npadvmod")
                                    and lemma(v) in lexicon().addressee_verbs | {"say"}):
            nxt += 1
        # "tweeted in the early morning hours that …": a time or place phrase may stand between
        while nxt < v.sent.end and doc[nxt].dep_ == "prep" and doc[nxt].head.i == v.i and doc[nxt].right_edge.i + 1 < v.sent.end \
                and doc[doc[nxt].right_edge.i + 1].lower_ == "that" and not any(t.text == "," for t in doc[nxt : doc[nxt].right_edge.i + 1]):
            nxt = doc[nxt].right_edge.i + 1
        if nxt < v.sent.end and doc[nxt].lower_ == "that":
            return self.trim(nxt, v.sent.end - 1)
        # "…, X said." / "…, said X.": content is what precedes the cue phrase
        tail = doc[v.i + 1 : v.sent.end]
        if v.dep_ in ("advcl", "relcl", "acl") or any(c.dep_ == "mark" for c in v.children):
            return None
        if all(t.is_punct or t.dep_ in _SPEAKER_DEPS or t.ent_type_ in ("DATE", "TIME") or t.head.i != v.i and t.head.dep_ in _SPEAKER_DEPS
               or t.dep_ in ("npadvmod", "prep", "pobj", "det", "compound", "amod", "dobj") for t in tail):
            left = v.left_edge.i
            subj = [c for c in v.children if c.dep_ in _SPEAKER_DEPS and c.i < v.i]
            if subj:
                left = min(left, subj[0].left_edge.i)
            k = left - 1
            if k > v.sent.start and doc[k].text in (",", "—", "–"):
                return self.trim(v.sent.start, k - 1)
        # "noted Bill Clinton's comments", "said as much": with no clause, what a
        # speech verb acts on is what was said (the one told is not)
        if lemma(v) not in lex.addressee_verbs and any(c.dep_ == "dobj" and c.i > v.i for c in v.children):
            return self.object_content(v)
        return None

    @staticmethod
    def new_speaker(t: Token) -> bool:
        """A cue with a subject of its own after the clause starts another
        attribution; a cue word inside the reported events ("told her to
        leave") does not."""
        return cue_class(t) is not None and any(c.dep_ in _SPEAKER_DEPS for c in t.children)

    def parenthetical(self, v: Token) -> bool:
        """`Before long, he said, the plan would fail.`: the cue sits between commas
        inside the reported sentence, whose two halves are the content."""
        doc = self.doc
        sent = v.sent
        subj = [c for c in v.children if c.dep_ in _SPEAKER_DEPS and c.i < v.i]
        if not subj or subj[0].lower_ in _RELATIVE:
            return False
        (sp_s, _sp_e), _head = self._np(subj[0])
        left_tok = self.tok_at(sp_s)
        if left_tok - 1 <= sent.start or doc[left_tok - 1].text != ",":
            return False
        if any(t.i > subj[0].i and t.i < v.i and t.dep_ not in ("aux", "neg", "advmod") for t in doc[subj[0].i + 1 : v.i]):
            return False
        r = v.i + 1
        while r < sent.end and doc[r].text != "," and (doc[r].ent_type_ in ("DATE", "TIME") or doc[r].dep_ in ("advmod", "npadvmod")
                                                       or doc[r].head.i != v.i and doc[r].head.i > v.i):
            r += 1
        if r >= sent.end - 2 or doc[r].text != ",":
            return False
        # "X said Friday that if he won, …": a clause of the cue's own runs up to the
        # comma, so the cue introduces its content rather than interrupting it
        if any(c.dep_ in ("ccomp", "xcomp") and v.i < c.left_edge.i < r for c in v.children):
            return False
        # the reported clause starts after the last clause break before the cue
        # ("China resisted such deals, but the air had become so bad, he noted, …")
        start = sent.start
        for k in range(sent.start, left_tok - 2):
            if doc[k].text in (";", ":", "—", "–", "--") or "\n" in doc[k].text_with_ws:
                start = k + 1
            elif doc[k].text == "," and doc[k + 1].dep_ == "cc":
                start = k + 2
        left = self.trim(start, left_tok - 2)
        right = self.trim(r + 1, sent.end - 1)
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
        index = len(self.found)
        if left_has_verb:
            kind, span = self.classify(left)
            self.add(kind, span, cue, subj[0], "parse-parenthetical")
        kind, span = self.classify(right)
        if left_has_verb:
            prev = self.found[index]
            self.found.append(Found(kind, span, cue, prev.speaker, prev.head, "parse-parenthetical", follows=index))
        else:
            self.add(kind, span, cue, subj[0], "parse-parenthetical")
        self.used_cues.add(v.i)
        return True

    def nominal(self, t: Token) -> tuple[tuple[int, int], Token] | None:
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
                content = self.trim(that[0].i, c.right_edge.i)
                return (content, poss) if content is not None else None
        return None

    def split_asides(self, cands: list[tuple[Token, str, tuple[int, int], Token]]
                     ) -> list[tuple[Token, str, tuple[int, int], Token]]:
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
                asides = list(_ASIDE.finditer(self.doc.text, start, head2.idx))
                if asides and asides[-1].start() - start >= 6:
                    end = min(end, asides[-1].start())
            out.append((t, cls, (start, end), head))
        return out

    def parse_pass(self) -> None:
        cands: list[tuple[Token, str, tuple[int, int], Token]] = []
        for t in self.doc:
            if t.i in self.used_cues:
                continue
            if t.lower_ == "according":
                if self.in_quote(t.idx) is None:
                    self.according(t)
                continue
            nominal = self.nominal(t)
            if nominal is not None:
                cands.append((t, "nominal", *nominal))
                continue
            cls = cue_class(t)
            if cls is None or cls == "quote_only":
                continue
            if cls == "object" and t.tag_ == "VB" and any(c.dep_ == "aux" for c in t.children):
                continue  # "to defend", "will question": an intention, not something said
            q = self.in_quote(t.idx)
            if q is not None and not q.single:
                continue
            if cls == "speech" and self.parenthetical(t):
                continue
            content = self.complement(t, cls)
            fronted = [c for c in t.children if c.dep_ in ("dobj", "ccomp") and c.i < t.i and c.lower_ in ("what", "which")]
            if content is None and fronted:
                # "That was what Wahl said", "a charge which she denied": the fronted
                # relative word stands for what was said
                content = (fronted[0].idx, fronted[0].idx + len(fronted[0]))
            elif content is None or content[1] - content[0] < (2 if cls == "object" else 6):
                continue
            head_tok = self.speaker_head(t)
            if head_tok is None:
                continue
            if head_tok.idx >= content[0] and head_tok.idx < content[1]:
                continue
            if cls in ("cognition", "intention") and head_tok.lower_ in ("i", "me", "you"):
                continue  # "I think …", "Do you know …" outside quotes: the writer hedging or turning to the reader
            cands.append((t, cls, content, head_tok))
        cands = self.split_asides(cands)
        # a cue inside someone's reported words ("she said he plans to …",
        # "Clinton says she opposes the deal") is part of what they said, not
        # a new attribution
        outer = [f.content for f in self.found] + [c[2] for c in cands]
        for t, cls, content, head_tok in cands:
            if any(s <= t.idx < e for s, e in outer if (s, e) != content):
                continue
            kind, content = self.classify(content)
            self.used_cues.add(t.i)
            self.add(kind, content, (cue_start(t), cue_end(t)), head_tok, f"parse-{cls}", inverted=head_tok.i > t.i)
