"""The scene every attribution pass reads: the parsed document, its text, its
quotations and the token start offsets, with the span helpers built on them.

A `Scene` never changes once built; what the passes decide goes into the
`Ledger` (ledger.py). Keeping the two apart is what makes a pass's inputs
visible in its signature.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc

from newsgraph.analyse.attributions.found import _SENTENCE_ADVERBS, QUOTE_CHARS, is_quote
from newsgraph.analyse.text.cues import cue_class
from newsgraph.analyse.text.quotes import Quote, find_quotes

_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.](?:,[ \u00a0][A-Z][A-Za-z.]*)?(?:[ \u00a0]*\([^)\n]{1,40}\))?[ \u00a0]+(?:—|–|―|--?)[ \u00a0]+")


@dataclass(frozen=True)
class Scene:
    doc: Doc
    text: str
    quotes: tuple[Quote, ...]
    starts: tuple[int, ...]  # character offset of each token, for tok_at

    @classmethod
    def of(cls, doc: Doc) -> Scene:
        return cls(doc, doc.text, tuple(find_quotes(doc.text)), tuple(t.idx for t in doc))

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
                and doc[b].text not in ("?", "!", ")", "]", "%"):
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
