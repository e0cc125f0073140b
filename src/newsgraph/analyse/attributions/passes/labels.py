"""Pass 2, speaker labels at the start of a paragraph: `PENCE: Well, …`."""

from __future__ import annotations

import re

from newsgraph.analyse.attributions.found import Found
from newsgraph.analyse.attributions.ledger import Ledger
from newsgraph.analyse.attributions.passes.record import classify, record
from newsgraph.analyse.attributions.scene import Scene
from newsgraph.analyse.text.cues import lexicon

_LABEL = re.compile(r"^[ \t\u00a0]*[\"“]?([A-Z][A-Za-z.'’-]*(?:[ \u00a0][A-Z][A-Za-z.'’-]*){0,3})[ \u00a0]*:[ \t\u00a0]+(\S[^\n]*)$", re.M)


def speaker_labels(scene: Scene, ledger: Ledger) -> list[Found]:
    first = len(ledger.found)
    text = scene.text
    lex = lexicon()
    for m in _LABEL.finditer(text):
        name = m.group(1)
        words = name.replace("\u00a0", " ").split()
        if any(w.lower().strip(".'’") in lex.label_stoplist for w in words):
            continue
        span = scene.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if span is None:
            continue
        upper = name.isupper() and len(name) > 1
        # the small model often misses names in a headline ("Sanders: …",
        # "Poll: …"); a short capitalised label on the title line still speaks
        title = "\n" not in text[: m.start(1)]
        titled = title and len(span) <= 3 and all(t.pos_ in ("PROPN", "NOUN") for t in span)
        if not upper and not titled and not (all(t.pos_ == "PROPN" for t in span)
                                             and any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in span)):
            continue
        content = _spoken_line(scene, m, title)
        if content is None:
            continue
        colon = text.index(":", m.end(1))
        kind = classify(scene, ledger, content)
        head = (span[-1].idx, span[-1].idx + len(span[-1]))
        record(scene, ledger, kind[0], kind[1], (colon, colon + 1), None, "label", speaker=(m.start(1), m.end(1)), head=head)
    return list(ledger.found[first:])


def _spoken_line(scene: Scene, m: re.Match[str], title: bool) -> tuple[int, int] | None:
    """The content of the labelled line m: what follows the colon, trimmed."""
    text = scene.text
    content = scene.trim(scene.tok_at(m.start(2)), scene.tok_at(m.end(2)) - 1)
    if content is None:
        return None
    # a transcript line set in quotation marks: its closing mark is not content
    q = scene.in_quote(content[1] - 1)
    if q is not None and q.start < m.start(1) and content[1] == q.end:
        end = q.end - q.mark_len
        while end > content[0] and text[end - 1] in " \t\u00a0":
            end -= 1
        return (content[0], end)
    if text[content[1] : content[1] + 1] == "." and not title:
        return (content[0], content[1] + 1)  # a spoken line keeps its full stop
    return content
