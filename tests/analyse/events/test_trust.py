"""Precision first: fictional sentences with no event stay quiet, event sentences get their type.

The two sets (tests/analyse/events/data/) were written for newsgraph: 165
sentences from economics, sports, weather, lifestyle, science and local news
that state no PLOVER event ("inflation hit 4.2 percent", "the Herons beat the
Foxes"), and 113 sentences that each state one event of a known type, every
one of the 16 types. An event "counts" as a user sees it by default: asserted
(not negated, planned, hypothetical ...) and with confidence >= 0.5.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from newsgraph.analyse.events.lexicon import TYPES
from newsgraph.analyse.events.stage import EventsStage
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.nlp.stage import load_nlp
from newsgraph.model import Article, Event, RawDocument, SourceRef
from newsgraph.pipeline.stage import AnalysisContext
from newsgraph.settings import Settings

DATA = Path(__file__).parent / "data"
THRESHOLD = 0.5


def _lines(name: str) -> list[str]:
    return [ln for ln in (DATA / name).read_text("utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def shown(ev: Event) -> bool:
    """What a default view shows: asserted and confident."""
    conf = ev.provenance.confidence if ev.provenance else None
    return ev.modality == "asserted" and conf is not None and conf >= THRESHOLD


@lru_cache(maxsize=2)
def coded(name: str) -> tuple[tuple[str, tuple[Event, ...]], ...]:
    texts = [ln.split("\t")[-1] for ln in _lines(name)]
    stage, out = EventsStage(Settings()), []
    src = SourceRef(id="t", uri="test:", sha256="", format="text")
    for text, doc in zip(texts, load_nlp().pipe(texts)):
        raw = RawDocument(source=src, data=text.encode(), kind="text", raw=True)
        ctx = AnalysisContext(raw=raw, article=Article(title=None, text=text), settings=Settings(),
                              reference_date="2031-05-09")
        ctx.put(SPACY_DOC, doc)
        stage(ctx)
        out.append((text, tuple(ctx.layer("events"))))
    return tuple(out)


def test_the_sets_are_as_large_as_promised() -> None:
    assert len(_lines("non_events.txt")) >= 150
    events = [ln.split("\t") for ln in _lines("events.tsv")]
    assert len(events) >= 100 and {t for t, _ in events} == set(TYPES)


def test_non_event_sentences_rarely_produce_a_shown_event() -> None:
    noisy = [(text, [(e.type, e.trigger.text) for e in evs if shown(e)])
             for text, evs in coded("non_events.txt") if any(shown(e) for e in evs)]
    rate = len(noisy) / len(coded("non_events.txt"))
    assert rate <= 0.05, f"{rate:.3f} of non-event sentences give an event:\n" + "\n".join(map(str, noisy))


def test_event_sentences_produce_their_type() -> None:
    gold = [ln.split("\t")[0] for ln in _lines("events.tsv")]
    misses = [(want, text, [(e.type, e.trigger.text, e.modality, e.provenance and e.provenance.confidence)
                            for e in evs])
              for want, (text, evs) in zip(gold, coded("events.tsv"))
              if not any(e.type == want and shown(e) for e in evs)]
    rate = 1 - len(misses) / len(gold)
    assert rate >= 0.85, f"{rate:.3f} of event sentences give their type; missed:\n" + "\n".join(map(str, misses))
