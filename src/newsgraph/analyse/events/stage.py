"""The events layer: who did what to whom, when and where, coded in PLOVER.

For each sentence of the spaCy Doc (hand-off SPACY_DOC), event_patterns
finds the triggers listed in data/event_lexicon.toml with their source and
target actors (coded by analyse/events/actors.py). This module adds what other
layers know:

- the date: the sentence's timex closest to the trigger (`date_from =
  "timex"`), else the reference date of the article (`date_from = "article"`);
- the location: a place of the sentence, preferring one attached to the
  trigger by "in"/"at"/"to" and never the source or target itself;
- the attribution: the attribution whose content holds the trigger
  ("Blinken said the U.S. has worked with Egypt").

Every other layer may be empty (the stage then falls back to spaCy's own
entities for actors and places). Hand-offs: reads SPACY_DOC, ENTITIES (in actors.py), ATTRIBUTIONS, TIMEXES and
PLACES; assigns EVENTS.
"""

from __future__ import annotations

from typing import Any

from newsgraph.analyse.attributions import ATTRIBUTIONS
from newsgraph.analyse.entities import ENTITIES, ENTITY_GENDER
from newsgraph.analyse.events import EVENTS
from newsgraph.analyse.events.actors import ActorResolver
from newsgraph.analyse.events.confidence import confidence
from newsgraph.analyse.events.context import Filers
from newsgraph.analyse.events.lexicon import lexicon
from newsgraph.analyse.events.patterns import Found, find_events
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.places import PLACES
from newsgraph.analyse.timexes import TIMEXES
from newsgraph.model import Event, EventLocation, Provenance, Span
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import AnalysisContext, HandOff
from newsgraph.settings import Settings

VERSION = "2"
PLACE_PREPS = {"in", "at", "to", "near", "inside", "outside", "into", "across", "from", "throughout", "around"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
NOT_A_DATE = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


@register
class EventsStage:
    name = "events"
    version = VERSION
    requires: tuple[HandOff[Any], ...] = (SPACY_DOC, ENTITIES, ENTITY_GENDER, ATTRIBUTIONS, TIMEXES, PLACES)
    assigns: tuple[HandOff[Any], ...] = (EVENTS,)

    def __init__(self, settings: Settings):
        self.settings = settings
        self.lexicon = lexicon()

    def __call__(self, ctx: AnalysisContext) -> None:
        doc = ctx.get(SPACY_DOC, None)
        if doc is None or not ctx.text:
            ctx.put(EVENTS, ())
            return
        ctx.put(EVENTS, tuple(code_document(ctx, doc, self.lexicon)))


def code_document(ctx: AnalysisContext, doc: Any, lex: Any = None) -> list[Event]:
    """All events of a document, numbered v1, v2, ... in text order."""
    lex = lex or lexicon()
    actors = ActorResolver(ctx, doc)
    filers = Filers(lex, actors)
    out: list[Event] = []
    for sent in doc.sents:
        finds = filers.read(find_events(sent, lex, actors))
        for found in finds:
            out.append(_event(ctx, doc, sent, found, len(out) + 1, finds, actors))
    return out


def found_by_sentence(ctx: AnalysisContext, doc: Any) -> list[tuple[Any, list[tuple[Found, Event]]]]:
    """The raw finds beside their events, per sentence (the evaluator ranks them)."""
    lex = lexicon()
    actors = ActorResolver(ctx, doc)
    filers = Filers(lex, actors)
    out = []
    n = 0
    for sent in doc.sents:
        pairs = []
        finds = filers.read(find_events(sent, lex, actors))
        for found in finds:
            n += 1
            pairs.append((found, _event(ctx, doc, sent, found, n, finds, actors)))
        out.append((sent, pairs))
    return out


def _event(ctx: AnalysisContext, doc: Any, sent: Any, f: Found, n: int, finds: list[Found],
           actors: ActorResolver) -> Event:
    start = doc[f.start].idx
    last = doc[f.end - 1]
    end = last.idx + len(last)
    date, date_from = _date(ctx, doc, sent, f, [g for g in finds if g is not f])
    return Event(
        id=f"v{n}",
        type=f.type,
        mode=f.mode,
        cameo=f.entry.cameo,
        trigger=Span(start, end, ctx.text[start:end]),
        source=f.source.actor if f.source else None,
        target=f.target.actor if f.target else None,
        date=date,
        location=_location(ctx, doc, sent, f, actors),
        negated=f.negated,
        tense=f.tense,
        modality=f.modality,
        sentence=Span(sent.start_char, sent.end_char, ctx.text[sent.start_char:sent.end_char]),
        date_from=date_from,
        attribution_id=_attribution(ctx, start, end),
        provenance=Provenance(stage="events", version=VERSION, method=f"lexicon:{f.entry.type}/{f.entry.cameo}:{f.kind}",
                              confidence=confidence(f, lexicon())),
    )


def _anchors(doc: Any, f: Found) -> set[int]:
    """Token indices an argument of the event may hang from: trigger and governor."""
    idx = set(range(f.start, f.end))
    if f.governor is not None:
        idx.add(f.governor.i)
    return idx


def _attached(tok: Any, anchors: set[int]) -> bool:
    """Is `tok` a modifier of the event: below a trigger token within two steps?"""
    node = tok
    for _ in range(3):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.i in anchors:
            return True
    return False


def _date(ctx: AnalysisContext, doc: Any, sent: Any, f: Found,
          others: list[Found]) -> tuple[str | None, str | None]:
    anchors = _anchors(doc, f)
    trig = doc[f.start].idx
    best = None
    for tx in ctx.get(TIMEXES, ()):
        if not (sent.start_char <= tx.start < sent.end_char) or not tx.value or tx.value in NOT_A_DATE:
            continue
        if tx.type not in ("DATE", "TIME"):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        attached = span is not None and _attached(span.root, anchors)
        if not attached and span is not None and any(_attached(span.root, _anchors(doc, g)) for g in others):
            continue  # the date of another event in the sentence ("after its attack on Oct. 7")
        key = (0 if attached else 1, abs(tx.start - trig))
        if best is None or key < best[0]:
            best = (key, tx.value)
    if best is not None:
        return best[1], "timex"
    if ctx.reference_date:
        return ctx.reference_date, "article"
    return None, None


def _is_location(place: Any) -> bool:
    conf = place.provenance.confidence if place.provenance is not None else None
    return conf is None or conf >= 0.5


def _location(ctx: AnalysisContext, doc: Any, sent: Any, f: Found, actors: ActorResolver) -> EventLocation | None:
    taken = [(r.start, r.end) for r in (f.source, f.target) if r is not None]
    cands: list[tuple[int, int, str, str | None]] = []
    places = ctx.get(PLACES, ())
    if places:
        # A place the places layer doubts (a demonym, a name inside an organisation's, a
        # capital standing for its government) is no event location.
        cands = [(p.start, p.end, p.name, p.entity_id) for p in places
                 if sent.start_char <= p.start < sent.end_char and _is_location(p)]
    else:
        cands = [(e.start_char, e.end_char, e.text, None) for e in actors.ents
                 if e.label_ in PLACE_ENTS and sent.start_char <= e.start_char < sent.end_char]
    anchors = _anchors(doc, f)
    trig = doc[f.start].idx
    best = None
    for s, e, name, eid in cands:
        if any(s < te and e > ts for ts, te in taken):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        prep_ok = root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS
        attached = prep_ok and _attached(root, anchors)
        if not prep_ok:
            continue  # a place named otherwise is often an actor ("by the U.S."): only "in X", "to X"
        key = (0 if attached else 1, abs(s - trig))
        if best is None or key < best[0]:
            best = (key, name, eid)
    if best is None:
        return None
    return EventLocation(name=best[1], entity_id=best[2])


def _attribution(ctx: AnalysisContext, start: int, end: int) -> str | None:
    for a in ctx.get(ATTRIBUTIONS, ()):
        if a.content.start <= start and end <= a.content.end:
            return a.id
    return None
