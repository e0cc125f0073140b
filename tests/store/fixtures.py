"""Hand-built analysed documents (fictional) with every layer filled.

The analysis stages are still being written, so store, query and export
tests build their documents here rather than running the pipeline.
"""

from __future__ import annotations

import copy
import hashlib
import sqlite3
from collections.abc import Iterable
from typing import Any

from newsgraph.model import (
    Actor,
    AnalyzedDocument,
    Article,
    Attribution,
    Claim,
    ClaimSource,
    Entity,
    Event,
    EventLocation,
    Mention,
    Place,
    Provenance,
    Rights,
    SourceRef,
    Span,
    SpeakerRef,
    Timex,
)
from newsgraph.model.serialize import to_rows
from newsgraph.store.schema import q


def _span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def _mentions(text: str, *names: str) -> tuple[Mention, ...]:
    out = []
    for name in names:
        i = text.find(name)
        while i >= 0:
            out.append(Mention(i, i + len(name), name))
            i = text.find(name, i + 1)
    return tuple(sorted(out, key=lambda m: m.start))


def _person_mentions(text: str, full: str, last: str) -> tuple[Mention, ...]:
    """Full-name mentions, plus surname mentions that are not inside a full name."""
    fulls = _mentions(text, full)
    inside = {(m.start + len(full) - len(last)) for m in fulls}
    lone = [m for m in _mentions(text, last) if m.start not in inside]
    return tuple(sorted(fulls + tuple(lone), key=lambda m: m.start))


def talks_doc(day: str = "2024-03-20", minister: str = "Lena Ortiz", town: str = "Portvale",
              extra: str = "") -> AnalyzedDocument:
    """A fictional article about border talks, with quotes, a figure, a place and an event."""
    title = f"{minister} rejects toll plan after talks in {town}"
    text = (
        f"Trade Minister {minister} said on Tuesday that the toll plan for {town} would be \"a costly mistake.\"\n\n"
        f"\"We will not sign a plan that doubles the cost of crossing,\" {minister.split()[-1]} told reporters. "
        f"The Harbor Authority said about 4,000 trucks cross each day.\n\n"
        f"Valdoria rejected the proposal from Norland on Tuesday.{extra}"
    )
    prov = Provenance("test", "1", "hand")
    last = minister.split()[-1]
    ents = (
        Entity("e1", minister, "PERSON", aliases=(minister, last), titles=("Trade Minister",),
               mentions=_person_mentions(text, minister, last),
               affiliation="Valdoria", provenance=prov),
        Entity("e2", town, "GPE", aliases=(town,), mentions=_mentions(text, town)),
        Entity("e3", "Harbor Authority", "ORG", mentions=_mentions(text, "Harbor Authority")),
        Entity("e4", "Valdoria", "GPE", mentions=_mentions(text, "Valdoria")),
        Entity("e5", "Norland", "GPE", mentions=_mentions(text, "Norland")),
    )
    q1 = _span(text, "\"a costly mistake.\"")
    q2 = _span(text, "\"We will not sign a plan that doubles the cost of crossing,\"")
    atts = (
        Attribution("a1", "mixed", Span(q1.start - 33, q1.end, text[q1.start - 33:q1.end]),
                    _span(text, "said"), SpeakerRef(minister, text.index(minister), text.index(minister) + len(minister),
                                                    "e1", minister), prov),
        Attribution("a2", "direct", q2, _span(text, "told"),
                    SpeakerRef(last, text.index(last, q2.end), text.index(last, q2.end) + len(last), "e1", minister)),
        Attribution("a3", "indirect", _span(text, "about 4,000 trucks cross each day"), _span(text, "said", q2.end),
                    SpeakerRef("The Harbor Authority", text.index("The Harbor Authority"),
                               text.index("The Harbor Authority") + 20, "e3", "Harbor Authority")),
    )
    fig = _span(text, "about 4,000 trucks")
    claims = (Claim("c1", fig.text, fig.start, fig.end, 4000.0, "about", "trucks",
                    ClaimSource("Harbor Authority", "e3"), attribution_id="a3"),)
    tues = _span(text, "Tuesday")
    timexes = (Timex(tues.start, tues.end, "Tuesday", "DATE", day, prov),)
    town_span = _span(text, town)
    places = (Place(town, town_span.start, town_span.end, "e2", "VD", 41.5, 12.25, 900001),)
    sent_start = text.index("Valdoria rejected")
    sent = Span(sent_start, text.index(".", sent_start) + 1, text[sent_start:text.index(".", sent_start) + 1])
    events = (
        Event("v1", "REJECT", None, "120", _span(text, "rejected"), Actor("Valdoria", "e4", "VDR", "GOV"),
              Actor("Norland", "e5", "NRL"), day, EventLocation(town, "e2"), False, "past", sent,
              date_from="timex", provenance=prov),
    )
    data = (title + "\n\n" + text).encode()
    sha = hashlib.sha256(data).hexdigest()
    article = Article(title=title, text=text, published=day, published_from="given", authors=("Ada Byline",),
                      publisher="Valdoria Post", rights=Rights("Valdoria Post Media Ltd.", 2024,
                                                               "Copyright 2024 Valdoria Post Media Ltd."),
                      url=f"https://news.example/{sha[:8]}")
    return AnalyzedDocument(
        source=SourceRef(f"talks-{sha[:6]}.txt", f"file:///tmp/talks-{sha[:6]}.txt", sha, "text"),
        article=article, entities=ents, attributions=atts, claims=claims, timexes=timexes, places=places,
        events=events, provenance={"newsgraph": "0.1.0", "pipeline": ["extract@0.1"], "model": None},
    )


def unstored(obj: dict[str, Any]) -> dict[str, Any]:
    """A document's contract JSON without what a store adds (corpus ids, story id): to compare
    a document read back from a store with the one that was put."""
    out = copy.deepcopy(obj)
    out["article"]["story_id"] = None
    for e in out.get("entities", []):
        e["corpus_id"] = None
    return out


def write_as_released(conn: sqlite3.Connection, docs: Iterable[AnalyzedDocument]) -> None:
    """Store `docs` in an older release's schema the way it wrote them: only the columns that schema
    has (a story id, where it has one, the article's own), layer rows keyed by their article's rowid."""
    layers = ("articles", "entities", "mentions", "attributions", "claims", "timexes", "places", "events")
    have = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({q(t)})")] for t in layers}
    for doc in docs:
        tables = to_rows(doc)
        head = tables["articles"][0] | {"story_id": "g" + doc.source.sha256[:12]}
        cols = [c for c in have["articles"] if c in head]
        art = conn.execute(f"INSERT INTO articles ({', '.join(q(c) for c in cols)}) VALUES "
                           f"({', '.join('?' * len(cols))})", [head[c] for c in cols]).lastrowid
        for table, rows in tables.items():
            if table == "articles" or not rows:
                continue
            cols = [c for c in have[table] if c in rows[0]]
            conn.executemany(
                f"INSERT INTO {q(table)} ({', '.join(q(c) for c in cols)}, art) VALUES ({', '.join('?' * len(cols))}, ?)",
                [[r[c] for c in cols] + [art] for r in rows])
