"""View models for the HTML pages and the entity endpoint: plain dicts, no HTML."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from newsgraph.serve.annotate import paragraphs, speaker_colours


def article_view(obj: dict[str, Any]) -> dict[str, Any]:
    colours = speaker_colours(obj)
    said: dict[str, list[dict[str, Any]]] = {}
    for a in obj["attributions"]:
        said.setdefault(a["speaker"].get("name") or "unknown", []).append(a)
    dated = sorted((t for t in obj["timexes"] if t.get("value") and t["type"] in ("DATE", "TIME")),
                   key=lambda t: t["value"])
    return {
        "obj": obj,
        "article": obj["article"],
        "paragraphs": paragraphs(obj),
        "said": [{"speaker": s, "colour": colours.get(s, 0), "items": items} for s, items in said.items()],
        "claims": obj["claims"],
        "events": obj["events"],
        "timeline": dated,
        "removed": obj["article"]["removed"],
        "entities": sorted(obj["entities"], key=lambda e: -len(e["mentions"])),
    }


def entity_view(store: Any, name: str) -> dict[str, Any] | None:
    from newsgraph.store import queries

    rows = store.conn.execute(
        "SELECT name, type, aliases, titles, doc FROM entities WHERE name = ? COLLATE NOCASE", (name,)
    ).fetchall()
    items = queries.timeline(store, name)
    if not rows and not items:
        return None
    types: dict[str, int] = {}
    aliases: set[str] = set()
    titles: set[str] = set()
    for r in rows:
        types[r["type"]] = types.get(r["type"], 0) + 1
        aliases.update(json.loads(r["aliases"] or "[]"))
        titles.update(json.loads(r["titles"] or "[]"))
    canonical = rows[0]["name"] if rows else name
    events = queries.events(store, source=canonical, limit=200) + queries.events(store, target=canonical, limit=200)
    seen: set[tuple[str, str]] = set()
    unique_events = []
    for e in events:
        key = (e["doc"], e["event_id"])
        if key not in seen:
            seen.add(key)
            unique_events.append(e)
    return {
        "name": canonical,
        "type": max(types, key=lambda t: types[t]) if types else None,
        "aliases": sorted(aliases - {canonical}),
        "titles": sorted(titles),
        "articles": len({r["doc"] for r in rows}),
        "timeline": items,
        "quotes": [i for i in items if i["kind"] == "quote"],
        "events": unique_events,
    }


def timeline_svg(items: list[dict[str, Any]], width: int = 720, height: int = 150) -> dict[str, Any]:
    """Positions for an SVG chart: one lane per kind (article, quote, event), x by date."""
    dated = [i for i in items if i.get("date")]
    days: list[int | None] = []
    for i in dated:
        try:
            days.append(date.fromisoformat(i["date"][:10]).toordinal())
        except ValueError:
            days.append(None)
    known = [d for d in days if d is not None]
    lo, hi = (min(known), max(known)) if known else (0, 1)
    span = max(hi - lo, 1)
    lanes = {"article": 0, "quote": 1, "event": 2}
    left, right, top, lane_h = 80, 20, 20, 36
    points = []
    for item, d in zip(dated, days):
        if d is None:
            continue
        lane = lanes["event" if item["kind"].startswith("event") else item["kind"] if item["kind"] in lanes else "article"]
        x = left + (d - lo) / span * (width - left - right) if hi > lo else (left + width - right) / 2
        points.append({"x": round(x, 1), "y": top + lane * lane_h + lane_h / 2, "kind": item["kind"],
                       "date": item["date"], "text": item["text"], "doc": item["doc"]})
    ticks = []
    if known:
        for k in range(5):
            day = lo + span * k / 4
            ticks.append({"x": round(left + k / 4 * (width - left - right), 1),
                          "label": date.fromordinal(int(day)).isoformat()})
    return {"width": width, "height": height, "points": points, "ticks": ticks,
            "lanes": [{"name": n + "s", "y": top + i * lane_h + lane_h / 2} for n, i in lanes.items()],
            "axis_y": top + 3 * lane_h + 4}
