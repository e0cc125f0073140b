"""An analysed article as HTML: the text with its quotes, entities, figures and dates marked.

Marks must nest, so the layers are made non-overlapping first: quotes form the
outer layer; figures, dates and entities the inner one (in that priority), and
an inner mark that would cross a quote's edge is left out. Every mark is
clipped to its paragraph, so a quote over two paragraphs becomes two marks
with the same speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from markupsafe import Markup

from newsgraph.model.format import format_number as number

PALETTE = 8  # speaker colours s0..s7 in app.css, all AA contrast on white


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    cls: str
    attrs: tuple[tuple[str, str], ...]
    tip: str


def _non_overlapping(marks: list[Mark]) -> list[Mark]:
    chosen: list[Mark] = []
    taken: list[tuple[int, int]] = []
    for m in marks:
        if m.end <= m.start or any(m.start < e and s < m.end for s, e in taken):
            continue
        chosen.append(m)
        taken.append((m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


def speaker_colours(obj: dict[str, Any]) -> dict[str, int]:
    names: dict[str, int] = {}
    for a in obj.get("attributions", []):
        name = a["speaker"].get("name") or "unknown"
        if name not in names:
            names[name] = len(names) % PALETTE
    return names


def marks(obj: dict[str, Any]) -> tuple[list[Mark], list[Mark]]:
    colours = speaker_colours(obj)
    outer = []
    for a in sorted(obj.get("attributions", []), key=lambda a: (a["content"]["start"], -a["content"]["end"])):
        name = a["speaker"].get("name") or "unknown"
        cue = (a.get("cue") or {}).get("text") or ""
        tip = f"{name} ({a['kind']}{', ' + cue if cue else ''})"
        outer.append(Mark(a["content"]["start"], a["content"]["end"], f"quote s{colours[name]}",
                          (("data-speaker", name), ("data-kind", a["kind"]), ("data-id", a["id"])), tip))
    inner = []
    for c in obj.get("claims", []):
        src = (c.get("source") or {}).get("name") or "no source given"
        value = " ".join(x for x in (c.get("qualifier"), number(c.get("value")), c.get("unit")) if x)
        inner.append(Mark(c["start"], c["end"], "figure", (("data-source", src), ("data-value", value)),
                          f"{value} — source: {src}"))
    for t in obj.get("timexes", []):
        inner.append(Mark(t["start"], t["end"], "date", (("data-value", t.get("value") or "?"),),
                          f"{t['type'].lower()}: {t.get('value') or 'unresolved'}"))
    for e in obj.get("entities", []):
        titles = ", ".join(e.get("titles") or [])
        for m in e.get("mentions", []):
            inner.append(Mark(m["start"], m["end"], f"entity ent-{e['type'].lower()}",
                              (("data-entity", e["name"]), ("data-type", e["type"])),
                              f"{e['name']} ({e['type']}{', ' + titles if titles else ''})"))
    outer = _non_overlapping(outer)
    inner = [m for m in _non_overlapping(inner)
             if not any(o.start < m.end and m.start < o.end and not (o.start <= m.start and m.end <= o.end)
                        for o in outer)]
    return outer, inner


def _open(m: Mark) -> str:
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in m.attrs)
    return f'<mark class="{m.cls}"{attrs} title="{escape(m.tip)}" tabindex="0">'


def paragraphs(obj: dict[str, Any]) -> list[Markup]:
    """The article text as a list of paragraph HTML strings, marks included."""
    text: str = obj["article"]["text"]
    outer, inner = marks(obj)
    out = []
    pos = 0
    for para in text.split("\n\n"):
        start, end = pos, pos + len(para)
        pos = end + 2
        events: list[tuple[int, int, str]] = []  # (offset, order, html): closes sort before opens
        for layer, depth in ((outer, 0), (inner, 1)):
            for m in layer:
                s, e = max(m.start, start), min(m.end, end)
                if s >= e:
                    continue
                events.append((s, 2 + depth, _open(m)))
                events.append((e, 1 - depth, "</mark>"))
        events.sort(key=lambda x: (x[0], x[1]))
        html, cur = [], start
        for off, _, tag in events:
            html.append(escape(text[cur:off]))
            html.append(tag)
            cur = off
        html.append(escape(text[cur:end]))
        out.append(Markup("".join(html)))
    return out
