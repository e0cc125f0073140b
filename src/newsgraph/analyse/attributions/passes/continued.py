"""Pass 4, quotations that go on after an attribution with no cue of their own
(`“…,” he said. “…”`, or after reported speech): they take that attribution's
speaker and cue, and point at it with `follows`."""

from __future__ import annotations

import re

from newsgraph.analyse.attributions.found import Found
from newsgraph.analyse.attributions.ledger import Ledger
from newsgraph.analyse.attributions.scene import Scene
from newsgraph.analyse.text.quotes import Quote


def continued_quotes(scene: Scene, ledger: Ledger) -> list[Found]:
    first = len(ledger.found)
    for qi, q in enumerate(scene.quotes):
        if ledger.quote_claimed(qi) or q.single or not _sentence_like(scene.text, q):
            continue
        # after reported speech too: "Fowler said the rules were clear.\n\n“We wrote them.”"
        before = [(i, f) for i, f in enumerate(ledger.found) if f.content[1] <= q.start and f.speaker is not None]
        if not before:
            continue
        pi, prev = max(before, key=lambda x: x[1].content[1])
        reach = max(prev.content[1], prev.cue[1] if prev.cue else 0, prev.speaker[1] if prev.speaker else 0)
        if reach > q.start or not (_nothing_between(scene, ledger, reach, q)
                                   or prev.kind == "direct" and _after_an_aside(scene, reach, q)):
            continue
        ledger.claim_quote(qi)
        # “… to blame thousands of $12-an-hour” workers.: the sentence runs on after the mark
        end = scene.run_on(q)
        ledger.record(Found("direct" if end == q.end else "mixed", (q.start, end), prev.cue, prev.speaker,
                            prev.head, "quote-continued", follows=pi))
    return list(ledger.found[first:])


def _sentence_like(text: str, q: Quote) -> bool:
    """A quotation of a sentence (or of four words or more), starting with a capital."""
    s, e = q.inner
    inner = text[s:e].strip()
    sentence_like = inner[-1:] in ".?!" or inner.rstrip("”\"'’")[-1:] in ".?!,"
    return len(inner.split()) >= (2 if sentence_like else 4) and inner[:1].isupper()


def _nothing_between(scene: Scene, ledger: Ledger, reach: int, q: Quote) -> bool:
    """Whether only the rest of the attribution's sentence and at most a blank
    line stand between where the previous attribution ends (reach) and q."""
    gap = scene.text[reach : q.start]
    if not re.search(r"[A-Za-z0-9]", gap):
        return gap.count("\n") <= 2
    # the rest of the cue's sentence ("…, a lawyer for the club.") may stand between;
    # a title in quotation marks may end it ("… on Fox News’s “Fox and Friends.”"),
    # a quotation someone is reported to have said may not
    titles = [k for k, t in enumerate(scene.quotes) if reach <= t.start and t.end <= q.start]
    marks = r"" if titles and not any(ledger.quote_claimed(k) for k in titles) else r"“”\""
    m = re.fullmatch(rf"[^\n{marks}]{{0,200}}?[.!?][”\"]?[ \t\u00a0]*\n?[ \t\u00a0\n]*", gap)
    return m is not None and len(gap.split()) <= 25


_ASIDE_WORDS = 15


def _after_an_aside(scene: Scene, reach: int, q: Quote) -> bool:
    """A paragraph that is one whole quotation, after a quoted speaker's paragraph
    and one short line of the writer's that names no one ("But this is just the
    beginning."): the speaker goes on. A longer gap, a name or a quotation in
    the line, and the quotation may be someone else's."""
    text = scene.text
    para_start = text.rfind("\n", 0, q.start) + 1
    para_end = text.find("\n", q.end)
    if text[para_start:q.start].strip() or text[q.end : para_end if para_end >= 0 else len(text)].strip():
        return False  # the quotation is not the whole paragraph
    gap = text[reach:para_start]
    rest, _, after = gap.partition("\n")
    lines = [ln for ln in after.split("\n") if ln.strip()]
    if rest.strip(" \t\u00a0,.;:!?”\"'’") or len(lines) != 1 or gap.count("\n") > 4:
        return False  # only the end of the quoted line, then exactly one paragraph
    aside = lines[0]
    if len(aside.split()) > _ASIDE_WORDS or re.search(r"[“”\"]", aside):
        return False
    s = gap.rfind(aside) + reach
    return not any(e.label_ in ("PERSON", "ORG", "NORP", "GPE") and s <= e.start_char < s + len(aside)
                   for e in scene.doc.ents)
