"""Find attributions in a parsed spaCy Doc as plain character spans.

This is the part of the attributions layer that needs only spaCy, so both the
pipeline stage (analyse/attributions/stage.py) and the spaCy component
(analyse/attributions/spacy_component.py) use it. Speaker resolution to entities happens
in the stage.

The engine is a sequence of passes (analyse/attributions/passes/), each a
function of the read-only `Scene` (scene.py: the Doc, its text and
quotations) and the `Ledger` (ledger.py: the quotations and cue tokens
claimed so far, and the attributions recorded). `_PASSES` below is the run
order. Every pass claims the cue tokens and quotations it uses, so a later
pass does not report them twice.

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
from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from newsgraph.analyse.attributions.found import QUOTE_CHARS, Found
from newsgraph.analyse.attributions.ledger import Ledger, kept
from newsgraph.analyse.attributions.passes.continued import continued_quotes
from newsgraph.analyse.attributions.passes.direct import direct_quotes
from newsgraph.analyse.attributions.passes.hearsay import hearsay
from newsgraph.analyse.attributions.passes.labels import speaker_labels
from newsgraph.analyse.attributions.passes.layouts import layouts
from newsgraph.analyse.attributions.passes.reported import reported_speech
from newsgraph.analyse.attributions.scene import Scene

__all__ = ["Found", "find_attributions"]

Pass = Callable[[Scene, Ledger], list[Found]]


def _drop_nested_colon_quotes(scene: Scene, ledger: Ledger) -> list[Found]:
    """`She stressed her record and said she has one quality: “Steadiness.”`: a
    quotation introduced only by a colon that lies inside the same speaker's
    mixed content is part of that report, not a second one. (A quotation with a
    cue of its own, `… and says, “Don't,”`, stays: the parse may have run the
    other content on too far.) Records nothing; drops those."""
    found = ledger.found
    keep = [i for i, f in enumerate(found)
            if not (f.method == "quote-colon" and f.follows is None and any(
                g.kind == "mixed" and g.speaker == f.speaker and g.content[0] <= f.content[0]
                and f.content[1] <= g.content[1] for g in found))]
    if len(keep) < len(found):
        ledger.keep(keep)
    return []


# The run order. Each pass sees what the earlier ones claimed, so:
# 1. direct quotations with their cue next to them come first: a quotation's
#    own cue is the surest evidence, and the parse pass must not take that cue
#    (or the quotation) for reported speech;
# 2. layouts next (a speaker heading over quote blocks, "Name, role: …"
#    lines, Q&A answers, "— Name" sign-offs): the page's shape says who speaks,
#    and no cue verb will; then speaker labels (`PENCE: …`): a transcript line has no cue verb, and
#    its quotations are then claimed before the parse sees them;
# 3. reported speech from the parse takes the cues still free; content that
#    holds a quotation claims it (`mixed`);
#    then what the article attributes to unnamed reports ("reportedly",
#    "it was reported that"), outside every content found so far;
# 4. colon quotations nested in the same speaker's mixed content are dropped
#    before continuations pick the attribution a quotation goes on from;
# 5. continuations last: a quotation with no cue of its own goes on from the
#    nearest attribution before it, whichever pass found that one.
_PASSES: tuple[Pass, ...] = (
    direct_quotes,
    layouts,
    speaker_labels,
    reported_speech,
    hearsay,
    _drop_nested_colon_quotes,
    continued_quotes,
)


def find_attributions(doc: Doc) -> list[Found]:
    scene, ledger = Scene.of(doc), Ledger()
    for run_pass in _PASSES:
        run_pass(scene, ledger)
    return _ordered(_by_paragraph(scene.text, ledger.found))


def _by_paragraph(text: str, found: Sequence[Found]) -> list[Found]:
    """A direct quotation that goes on over several paragraphs (each opening
    with a quotation mark) becomes one attribution per paragraph, the later
    ones sharing the first one's speaker: content never crosses a paragraph."""
    out = list(found)
    for i, f in enumerate(found):
        s, e = f.content
        if f.kind != "direct" or "\n" not in text[s:e]:
            continue
        pieces = [(s + m.start(), s + m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text[s:e])]
        pieces = [(a + len(text[a:b]) - len(text[a:b].lstrip()), a + len(text[a:b].rstrip())) for a, b in pieces]
        if len(pieces) < 2 or any(text[a] not in QUOTE_CHARS for a, _b in pieces):
            continue
        out[i] = dataclasses.replace(f, content=pieces[0])
        lead = f.follows if f.follows is not None else i
        out.extend(dataclasses.replace(f, content=piece, follows=lead) for piece in pieces[1:])
    return out


def _ordered(found: list[Found]) -> list[Found]:
    """Text order, without a second attribution over the same content."""
    keep: list[int] = []
    seen: set[tuple[int, int]] = set()
    for i in sorted(range(len(found)), key=lambda i: found[i].content):
        if found[i].content not in seen:
            seen.add(found[i].content)
            keep.append(i)
    return kept(found, keep)
