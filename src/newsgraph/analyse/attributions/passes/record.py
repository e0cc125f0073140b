"""Recording an attribution: how much of its content is quoted, and its
speaker phrase. The two steps every pass ends with."""

from __future__ import annotations

from spacy.tokens import Token

from newsgraph.analyse.attributions.found import Found
from newsgraph.analyse.attributions.ledger import Ledger
from newsgraph.analyse.attributions.passes.speaker import np_span
from newsgraph.analyse.attributions.scene import Scene


def classify(scene: Scene, ledger: Ledger, content: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """`direct` (the content is one whole quotation), `mixed` (it holds one) or
    `indirect`, and the content widened to the quotations it starts in. The
    quotations inside are claimed: they are reported as part of this content."""
    s, e = content
    inside = [(i, q) for i, q in enumerate(scene.quotes) if q.start < e and s < q.end]
    if not inside:
        return "indirect", content
    if len(inside) == 1:
        i, q = inside[0]
        qs, qe = q.inner
        if s <= qs + 1 and e >= qe - 2 and s >= q.start - 1 and e <= q.end + 1:
            ledger.claim_quote(i)
            return "direct", (q.start, q.end)
    for i, _q in inside:
        ledger.claim_quote(i)
    s = min([s] + [q.start for _, q in inside if q.start >= s - 1])
    return "mixed", (s, e)


def record(scene: Scene, ledger: Ledger, kind: str, content: tuple[int, int], cue: tuple[int, int] | None,
           head_tok: Token | None, method: str, speaker: tuple[int, int] | None = None,
           head: tuple[int, int] | None = None, inverted: bool = False) -> int:
    """Record an attribution whose speaker is the phrase around head_tok (or the
    given speaker and head spans); its index in the ledger."""
    if head_tok is not None:
        speaker, head = np_span(scene, head_tok, inverted)
    if speaker is not None and head is not None and "\n" in scene.text[speaker[0] : speaker[1]]:
        speaker = _line_of_head(scene.text, speaker, head)
    return ledger.record(Found(kind, content, cue, speaker, head, method))


def _line_of_head(text: str, speaker: tuple[int, int], head: tuple[int, int]) -> tuple[int, int]:
    """A speaker phrase never crosses a line: keep the line that holds its head."""
    s = max(speaker[0], text.rfind("\n", 0, head[0]) + 1)
    nl = text.find("\n", head[1])
    e = min(speaker[1], nl) if nl >= 0 else speaker[1]
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e)
