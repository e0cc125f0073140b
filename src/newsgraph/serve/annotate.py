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
from newsgraph.serve import humanize

PALETTE = 8  # speaker colours s0..s7 in app.css, all AA contrast on white


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    cls: str
    attrs: tuple[tuple[str, str], ...]
    tip: str
    # Said once before a quote's first segment: who speaks, visible (short) and for screen readers (full),
    # so a speaker is never told by colour alone and no aria-label hides the quoted words.
    label: str = ""
    anchor: str = ""


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


def _speaker_label(a: dict[str, Any], resolved: bool) -> str:
    name = a["speaker"].get("name") or ""
    written = a["speaker"].get("text") or ""
    kind = humanize.kind(a["kind"]).lower()
    if resolved and name:
        short = name.split()[-1]
        full = f"{name}, {kind}:"
    else:
        short = f"“{written}”" if written else "?"
        full = f"unidentified speaker{' “' + written + '”' if written else ''}, {kind}:"
    return (f'<span class="who" aria-hidden="true">{escape(short)}</span>'
            f'<span class="sr-only">{escape(full)} </span>')


def marks(obj: dict[str, Any]) -> tuple[list[Mark], list[Mark]]:
    colours = speaker_colours(obj)
    corpus = {e["id"]: e.get("corpus_id") for e in obj.get("entities", [])}
    outer = []
    for a in sorted(obj.get("attributions", []), key=lambda a: (a["content"]["start"], -a["content"]["end"])):
        name = a["speaker"].get("name") or "unknown"
        cue = (a.get("cue") or {}).get("text") or ""
        resolved = bool(corpus.get(a["speaker"].get("entity_id") or ""))
        tip = f"{name if resolved else 'unidentified: ' + (a['speaker'].get('text') or '?')} " \
              f"({humanize.kind(a['kind'])}{', ' + cue if cue else ''})"
        outer.append(Mark(a["content"]["start"], a["content"]["end"], f"quote s{colours[name]}",
                          (("data-speaker", name),), tip,
                          label=_speaker_label(a, resolved), anchor=a["id"]))
    inner = []
    for c in obj.get("claims", []):
        src = (c.get("source") or {}).get("name") or "no source given"
        value = " ".join(x for x in (c.get("qualifier"), number(c.get("value")), c.get("unit")) if x)
        inner.append(Mark(c["start"], c["end"], "figure", (("data-source", src),),
                          f"{value} — source: {src}"))
    for t in obj.get("timexes", []):
        value = t.get("value")
        inner.append(Mark(t["start"], t["end"], "date", (),
                          f"{t['type'].lower()}: {humanize.timex(value)}{f' ({value})' if value else ''}"))
    for e in obj.get("entities", []):
        titles = ", ".join(e.get("titles") or [])
        for m in e.get("mentions", []):
            # an entity is a bare <mark> (app.css styles it so): 60 class attributes fewer on the seed
            inner.append(Mark(m["start"], m["end"], "", (),
                              f"{e['name']} ({e['type']}{', ' + titles if titles else ''})"))
    outer = _non_overlapping(outer)
    inner = [m for m in _non_overlapping(inner)
             if not any(o.start < m.end and m.start < o.end and not (o.start <= m.start and m.end <= o.end)
                        for o in outer)]
    return outer, inner


def _open(m: Mark, first: bool, stop: bool) -> str:
    """A mark's opening tag. Marks are no tab stops of their own: the article text is one stop (roving
    focus, app.js moves it with the arrow keys), so Tab goes past the text to the panels. Only that one
    mark carries a tabindex here; app.js gives the others tabindex=-1 (86 attributes fewer on the seed)."""
    attrs = "".join(f' {k}="{escape(v)}"' for k, v in m.attrs)
    anchor = f' id="{escape(m.anchor)}"' if first and m.anchor else ""
    label = m.label if first else ""
    stop_attr = ' tabindex="0"' if stop else ""
    cls = f' class="{m.cls}"' if m.cls else ""
    return f'{label}<mark{cls}{anchor}{attrs} title="{escape(m.tip)}"{stop_attr}>'


def paragraphs(obj: dict[str, Any]) -> list[Markup]:
    """The article text as a list of paragraph HTML strings, marks included."""
    text: str = obj["article"]["text"]
    outer, inner = marks(obj)
    anchors = sorted((e["sentence"]["start"], e["id"]) for e in obj.get("events", []) if e.get("sentence"))
    everything = outer + inner
    stop = id(min(everything, key=lambda m: (m.start, m in inner))) if everything else None
    out = []
    pos = 0
    started: set[int] = set()
    for para in text.split("\n\n"):
        start, end = pos, pos + len(para)
        pos = end + 2
        events: list[tuple[int, float, str]] = []  # (offset, order, html): closes sort before opens
        for layer, depth in ((outer, 0), (inner, 1)):
            for m in layer:
                s, e = max(m.start, start), min(m.end, end)
                if s >= e:
                    continue
                first = id(m) not in started
                started.add(id(m))
                events.append((s, 2 + depth, _open(m, first and depth == 0, first and id(m) == stop)))
                events.append((e, 1 - depth, "</mark>"))
        # An event's sentence is a target for links from /events: an empty anchor, after any mark closing there.
        for off, ev in anchors:
            if start <= off < end + 2:  # a sentence may start on the blank line between paragraphs
                events.append((min(off, end), 1.5, f'<span id="ev-{escape(ev)}"></span>'))
        events.sort(key=lambda x: (x[0], x[1]))
        html, cur = [], start
        for off, _, tag in events:
            html.append(escape(text[cur:off]))
            html.append(tag)
            cur = off
        html.append(escape(text[cur:end]))
        out.append(Markup("".join(html)))
    return out
