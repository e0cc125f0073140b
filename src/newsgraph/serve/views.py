"""View models for the HTML pages and the entity endpoint: plain dicts, no HTML."""

from __future__ import annotations

import calendar
import json
from datetime import date, timedelta
from typing import Any

from newsgraph.serve import humanize
from newsgraph.serve.annotate import paragraphs, speaker_colours
from newsgraph.store.schema import indexed_rows


def _outlet(article: dict[str, Any], source: dict[str, Any]) -> str:
    rights = article.get("rights") or {}
    return str(article.get("publisher") or rights.get("holder") or source.get("id") or "")


def cite_tail(article: dict[str, Any], source: dict[str, Any]) -> str:
    """Where a quote of this article was published, as a citation ends: Outlet, 22 Dec 2023, URL.
    The page carries it once; app.js builds each quote's citation from it and the quote's text and
    speaker already on the page (a citation per quote in the HTML repeated every quote's words)."""
    return ", ".join(x for x in (_outlet(article, source), humanize.day(article.get("published")),
                                 article.get("url")) if x)


def article_view(obj: dict[str, Any]) -> dict[str, Any]:
    colours = speaker_colours(obj)
    corpus = {e["id"]: e.get("corpus_id") for e in obj["entities"]}
    said: dict[str, dict[str, Any]] = {}
    for a in obj["attributions"]:
        name = a["speaker"].get("name") or "unknown"
        group = said.setdefault(name, {"speaker": name, "colour": colours.get(name, 0), "items": [],
                                       "corpus_id": corpus.get(a["speaker"].get("entity_id") or ""),
                                       "written": a["speaker"].get("text") or ""})
        # the name a citation gives an unresolved speaker: as written, never a guessed person
        group["who"] = "" if group["corpus_id"] else (group["written"] or "an unidentified speaker")
        group["items"].append(a)
    dated = sorted((t for t in obj["timexes"] if t.get("value") and t["type"] in ("DATE", "TIME")),
                   key=lambda t: t["value"])
    return {
        "obj": obj,
        "article": obj["article"],
        "outlet": _outlet(obj["article"], obj["source"]),
        "cite": cite_tail(obj["article"], obj["source"]),
        "paragraphs": paragraphs(obj),
        "said": list(said.values()),
        "claims": obj["claims"],
        "events": obj["events"],
        "timeline": dated,
        "removed": obj["article"]["removed"],
        "entities": sorted(obj["entities"], key=lambda e: -len(e["mentions"])),
    }


def story_of(store: Any, doc: str) -> dict[str, Any] | None:
    """An article's syndication group: its original and copies, or None for a story told once."""
    rows = store.conn.execute(
        "SELECT m.doc, m.is_original, ar.publisher, ar.source_id, ar.published, ar.title FROM dup_groups g "
        "JOIN dup_groups m ON m.grp = g.grp JOIN articles ar ON ar.doc = m.doc WHERE g.doc = ? "
        "ORDER BY m.is_original DESC, ar.published, ar._row", (doc,)).fetchall()
    if not rows:
        return None
    members = [dict(r) | {"is_original": bool(r["is_original"])} for r in rows]
    return {"original": members[0], "copies": members[1:], "is_copy": members[0]["doc"] != doc}


def entity_view(store: Any, name: str, *, with_copies: bool = False) -> dict[str, Any] | None:
    """One corpus entity (or the several a name or alias means): names, titles, quotes, events."""
    from newsgraph.store import queries

    ids = queries.resolve(store, name)
    if not ids:
        return None
    marks = ", ".join("?" for _ in ids)
    # Every entity row of the ids, copies too: the id with most rows names the page, and the copies' rows
    # are left out of names and titles unless asked for.
    rows = store.conn.execute(
        f"SELECT e.name, e.type, e.aliases, e.titles, e.art, e.corpus_id, e.art IN {queries.COPY_ARTS} AS copy "
        f"FROM entities e WHERE e._row IN ({indexed_rows('entities', marks)})", [*ids, *ids]).fetchall()
    types: dict[str, int] = {}
    aliases: set[str] = set()
    titles: set[str] = set()
    count: dict[str, int] = {}
    arts: set[int] = set()
    for r in rows:
        count[r["corpus_id"]] = count.get(r["corpus_id"], 0) + 1
        if r["copy"] and not with_copies:
            continue
        arts.add(r["art"])
        types[r["type"]] = types.get(r["type"], 0) + 1
        aliases.update(json.loads(r["aliases"] or "[]"))
        aliases.add(r["name"])
        titles.update(json.loads(r["titles"] or "[]"))
    main = min(store.conn.execute(f"SELECT id, name FROM corpus_entities WHERE id IN ({marks})", ids).fetchall(),
               key=lambda r: (-count.get(r["id"], 0), r["id"]))
    canonical = main["name"]
    items = [i for cid in ids for i in queries.timeline(store, cid, with_copies=with_copies)]
    items.sort(key=lambda i: (i["date"] or "9999", i["kind"] != "article", i["doc"]))
    events = [e for cid in ids for e in (queries.events(store, source=cid, limit=200, with_copies=with_copies)
                                         + queries.events(store, target=cid, limit=200, with_copies=with_copies))]
    seen: set[tuple[str, str]] = set()
    unique_events = []
    for e in events:
        key = (e["doc"], e["event_id"])
        if key not in seen:
            seen.add(key)
            unique_events.append(e)
    return {
        "name": canonical,
        "corpus_ids": ids,
        "type": max(types, key=lambda t: types[t]) if types else None,
        "aliases": sorted(aliases - {canonical}),
        "titles": sorted(titles),
        "articles": len(arts),
        "timeline": items,
        "quotes": [i for i in items if i["kind"] == "quote"],
        "events": unique_events,
    }


LANES = ("article", "quote", "event")  # the timeline chart's lanes, top to bottom, and its table's columns


def _lane(kind: str) -> str:
    """The lane of a timeline item's kind ("event:CONSULT" is an event; anything unknown an article)."""
    return "event" if kind.startswith("event") else kind if kind in LANES else "article"


def _placed(value: str | None) -> date | None:
    """Where the timeline chart draws an item and which month its table counts it in, one rule for both:
    a day is itself; a month alone ("2024-03", a TIMEX value an event or a date can have) is drawn at
    mid-month and counted in that month; anything vaguer (a week that may straddle two months, a year,
    "XXXX-03") is in neither, so the chart and its table always agree."""
    value = value or ""
    try:
        if humanize.MONTH_ONLY.fullmatch(value):
            return date(int(value[:4]), int(value[5:7]), 15)
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def timeline_svg(items: list[dict[str, Any]], width: int = 720, height: int = 150) -> dict[str, Any]:
    """Positions for an SVG chart: one lane per kind (article, quote, event), x by date."""
    placed = [(i, d.toordinal()) for i in items if (d := _placed(i.get("date")))]
    known = [d for _, d in placed]
    lo, hi = (min(known), max(known)) if known else (0, 1)
    span = max(hi - lo, 1)
    lanes = {name: i for i, name in enumerate(LANES)}
    left, right, top, lane_h = 80, 20, 20, 36
    points = []
    for item, ordinal in placed:
        lane = lanes[_lane(item["kind"])]
        x = left + (ordinal - lo) / span * (width - left - right) if hi > lo else (left + width - right) / 2
        points.append({"x": round(x, 1), "y": top + lane * lane_h + lane_h / 2, "kind": item["kind"],
                       "date": item["date"], "text": item["text"], "doc": item["doc"]})
    ticks = []
    if known:
        for k in range(5):
            day = lo + span * k / 4
            ticks.append({"x": round(left + k / 4 * (width - left - right), 1),
                          "label": humanize.day(date.fromordinal(int(day)).isoformat())})
    return {"width": width, "height": height, "points": points, "ticks": ticks,
            "lanes": [{"name": n + "s", "y": top + i * lane_h + lane_h / 2} for n, i in lanes.items()],
            "axis_y": top + 3 * lane_h + 4, "vague": sum(1 for i in items if i.get("date")) - len(points)}


def timeline_months(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The timeline chart's numbers as a table: articles, quotes and events per month, oldest first.

    The chart's dots say where the items fall but not how many there are; a screen reader (or anyone
    counting) gets the same data here, each month's quotes linked to the explorer for that month. An
    item is counted exactly when the chart draws it (`_placed`).
    """
    counts: dict[tuple[int, int], dict[str, int]] = {}
    for item in items:
        if d := _placed(item.get("date")):
            row = counts.setdefault((d.year, d.month), dict.fromkeys(LANES, 0))
            row[_lane(item["kind"])] += 1
    out = []
    for year, mon in sorted(counts):
        last = calendar.monthrange(year, mon)[1]
        month = f"{year:04d}-{mon:02d}"
        out.append({"month": month, "label": f"{humanize.MONTHS[mon - 1]} {year}", "since": f"{month}-01",
                    "until": f"{month}-{last:02d}", **counts[(year, mon)]})
    return out


def quote_weeks(quotes: list[dict[str, Any]], height: int = 80) -> dict[str, Any]:
    """Quotes per ISO week, oldest first, as bars (with the same numbers as a table for screen readers)."""
    counts: dict[date, int] = {}
    for q in quotes:
        try:
            d = date.fromisoformat((q.get("published") or "")[:10])
        except ValueError:
            continue
        monday = d - timedelta(days=d.weekday())
        counts[monday] = counts.get(monday, 0) + 1
    if not counts:
        return {"bars": [], "width": 0, "height": height, "max": 0}
    top = max(counts.values())
    weeks = sorted(counts)
    if (weeks[-1] - weeks[0]).days // 7 < MAX_WEEKS:  # empty weeks between are bars of 0, so gaps show
        weeks = [weeks[0] + timedelta(weeks=k) for k in range((weeks[-1] - weeks[0]).days // 7 + 1)]
    step, bar = 44, 30
    every = max(1, len(weeks) // 16)  # a date under at most 16 bars, so the labels never overlap
    bars = []
    for i, monday in enumerate(weeks):
        n = counts.get(monday, 0)
        # 14 px above the tallest bar for its count, so the number is inside the chart, not clipped.
        h = round(n / top * (height - 30)) if n else 0
        bars.append({"x": 40 + i * step, "y": height - 16 - h, "w": bar, "h": h, "n": n,
                     "label": "week of " + humanize.day(monday.isoformat()),
                     "since": monday.isoformat(), "until": (monday + timedelta(days=6)).isoformat(),
                     "short": f"{monday.day} {humanize.MONTHS[monday.month - 1][:3]}" if i % every == 0 else ""})
    return {"bars": bars, "width": 40 + len(bars) * step + 10, "height": height, "max": top}


MAX_WEEKS = 104  # beyond two years only the weeks with quotes get a bar


DIFF_MAX_WORDS = 5000  # longer copies are compared on their first words only: the diff is for reading, not proof


def copy_diff(original: str, copy: str) -> list[tuple[str, str]]:
    """How a copy's text differs from its original's, word by word: ('same' | 'added' | 'removed', text)."""
    import difflib

    a, b = original.split()[:DIFF_MAX_WORDS], copy.split()[:DIFF_MAX_WORDS]
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            words = a[i1:i2]
            text = " ".join(words) if len(words) <= 24 else " ".join(words[:10]) + " … " + " ".join(words[-10:])
            out.append(("same", text))
            continue
        if i2 > i1:
            out.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("added", " ".join(b[j1:j2])))
    return out
