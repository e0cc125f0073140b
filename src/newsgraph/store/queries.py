"""Questions asked of a store, answered as lists of plain dicts.

The CLI prints these rows as a table, JSON or CSV; the HTTP API returns them
as they are. Every function takes an open Store first and keyword filters
after it; none of them writes.
"""

from __future__ import annotations

import json
import re
from typing import Any

from newsgraph.model.serialize import to_json
from newsgraph.settings import Settings
from newsgraph.store.db import Store

Row = dict[str, Any]

_WORD = re.compile(r'"[^"]+"|\S+')


def fts_query(text: str) -> str:
    """A user's words as a safe FTS5 query: every word must occur.

    Punctuation such as the hyphen in "cease-fire" is FTS5 syntax, so each
    word becomes a quoted phrase; a hyphenated word also matches its closed
    form ("cease-fire" finds "ceasefire" too). Quoted phrases stay phrases.
    """
    parts = []
    for word in _WORD.findall(text):
        word = word.strip('"')
        tokens = re.findall(r"\w+", word)
        if not tokens:
            continue
        phrase = '"' + " ".join(tokens) + '"'
        if len(tokens) > 1 and "-" in word:
            phrase = f'({phrase} OR "{"".join(tokens)}")'
        parts.append(phrase)
    return " AND ".join(parts)


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(store: Store, query: str, *, limit: int = 20, since: str | None = None,
           until: str | None = None) -> list[Row]:
    """Articles and attributions whose text matches, best first (bm25).

    The best `limit` rowids of each index are found first (FTS5 ranks inside
    its own ORDER BY rank), and snippets are cut for those rows only: cutting
    them for every match of a common word is what makes a naive query slow.
    """
    match = fts_query(query)
    if not match:
        return []
    dates, params = _date_filter("ar", since, until)
    art = store.conn.execute(
        "SELECT f.rowid, f.rank FROM articles_fts f"
        + (" JOIN articles ar ON ar._row = f.rowid" if dates else "")
        + f" WHERE articles_fts MATCH ? {dates} ORDER BY f.rank LIMIT ?", (match, *params, limit)
    ).fetchall()
    quo = store.conn.execute(
        "SELECT f.rowid, f.rank FROM attributions_fts f"
        + (" JOIN attributions a ON a._row = f.rowid JOIN articles ar ON ar._row = a.art" if dates else "")
        + f" WHERE attributions_fts MATCH ? {dates} ORDER BY f.rank LIMIT ?", (match, *params, limit)
    ).fetchall()
    best = sorted([("article", r[0], r[1]) for r in art] + [("quote", r[0], r[1]) for r in quo],
                  key=lambda x: x[2])[:limit]
    out = []
    for kind, rowid, rank in best:
        if kind == "article":
            row = store.conn.execute(
                "SELECT ar.doc, ar.title, ar.published, ar.url, ar.source_id, NULL AS speaker, "
                "snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet FROM articles_fts "
                "JOIN articles ar ON ar._row = articles_fts.rowid WHERE articles_fts MATCH ? AND articles_fts.rowid = ?",
                (match, rowid)).fetchone()
        else:
            row = store.conn.execute(
                "SELECT ar.doc, ar.title, ar.published, ar.url, ar.source_id, a.speaker_name AS speaker, "
                "snippet(attributions_fts, 0, '[', ']', '…', 16) AS snippet FROM attributions_fts "
                "JOIN attributions a ON a._row = attributions_fts.rowid JOIN articles ar ON ar._row = a.art "
                "WHERE attributions_fts MATCH ? AND attributions_fts.rowid = ?", (match, rowid)).fetchone()
        if row is not None:
            out.append({"kind": kind, **dict(row), "score": round(-rank, 3)})
    return out


def _date_filter(alias: str, since: str | None, until: str | None, col: str = "published") -> tuple[str, list[str]]:
    sql, params = "", []
    if since:
        sql += f' AND {alias}."{col}" >= ?'
        params.append(since)
    if until:
        # `until` is inclusive of the whole day even when values carry a time.
        sql += f' AND substr({alias}."{col}", 1, 10) <= ?'
        params.append(until)
    return sql, params


def quotes(store: Store, *, speaker: str | None = None, about: str | None = None, since: str | None = None,
           until: str | None = None, kind: str | None = None, doc: str | None = None,
           limit: int = 100) -> list[Row]:
    """Who said what: attributions with their speaker and article, newest first."""
    where, params = ["1 = 1"], []
    if speaker:
        where.append("(a.speaker_name LIKE ? ESCAPE '\\' OR a.speaker_text LIKE ? ESCAPE '\\')")
        params += [_like(speaker)] * 2
    if about:
        where.append("a._row IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?)")
        params.append("content_text : (" + (fts_query(about) or '""') + ")")
    if kind:
        where.append("a.kind = ?")
        params.append(kind)
    if doc:
        # Layer rows are indexed by their article's rowid (`art`), not by the hash.
        where.append("a.art = (SELECT _row FROM articles WHERE doc = ?)")
        params.append(doc)
    dates, dparams = _date_filter("ar", since, until)
    sql = f"""
        SELECT ar.published, a.speaker_name AS speaker, a.kind, a.cue_text AS cue, a.content_text AS quote,
               ar.title, ar.doc, ar.url, ar.source_id, a.id AS attribution_id, a.speaker_entity_id
        FROM attributions a JOIN articles ar ON ar._row = a.art
        WHERE {' AND '.join(where)} {dates}
        ORDER BY ar.published DESC, ar._row, a.seq LIMIT ?"""
    return [dict(r) for r in store.conn.execute(sql, (*params, *dparams, limit))]


def entities(store: Store, *, type: str | None = None, top: int = 20, name: str | None = None) -> list[Row]:
    """The most covered entities: in how many articles, with how many mentions."""
    where, params = ["1 = 1"], []
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if name:
        where.append("(e.name LIKE ? ESCAPE '\\' OR e.aliases LIKE ? ESCAPE '\\')")
        params += [_like(name)] * 2
    # Mentions are counted per entity row through mentions_key (art, entity_id), so no index on
    # entity names is needed (one would cost every insert); the counts cover the rows that match.
    sql = f"""
        SELECT e.name, e.type, COUNT(DISTINCT e.art) AS articles,
               SUM((SELECT COUNT(*) FROM mentions m WHERE m.art = e.art AND m.entity_id = e.id)) AS mentions
        FROM entities e WHERE {' AND '.join(where)}
        GROUP BY e.name, e.type ORDER BY articles DESC, mentions DESC, e.name LIMIT ?"""
    return [dict(r) for r in store.conn.execute(sql, (*params, top))]


def events(store: Store, *, source: str | None = None, target: str | None = None, type: str | None = None,
           since: str | None = None, until: str | None = None, limit: int = 100,
           min_confidence: float | None = Settings.min_event_confidence) -> list[Row]:
    """Who did what to whom: events, matched on actor name or ISO country code.

    By default only events stated as having happened (modality asserted: not
    negated, planned or hypothetical) with confidence >= `min_confidence` (the
    `min_event_confidence` setting); `min_confidence=None` lists every event.
    Rows stored before events had a confidence or a modality keep showing.
    """
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if min_confidence is not None:
        where.append("(v.provenance_confidence IS NULL OR v.provenance_confidence >= ?)"
                     " AND NOT v.negated AND v.tense NOT IN ('future', 'hypothetical')"
                     " AND COALESCE(v.modality, 'asserted') = 'asserted'")
        params.append(min_confidence)
    for role, value in (("source", source), ("target", target)):
        if value:
            where.append(f"(v.{role}_country = ? OR v.{role}_name LIKE ? ESCAPE '\\')")
            params += [value.upper(), _like(value)]
    if type:
        where.append("v.type = ?")
        params.append(type.upper())
    dates, dparams = _date_filter("v", since, until, col="date")
    sql = f"""
        SELECT COALESCE(v.date, ar.published) AS date, v.type, v.mode, v.cameo,
               v.source_name AS source, v.source_country, v.trigger_text AS trigger,
               v.target_name AS target, v.target_country, v.location_name AS location,
               v.negated, v.tense, v.modality, v.provenance_confidence AS confidence,
               v.sentence_text AS sentence, ar.title, ar.doc, v.id AS event_id
        FROM events v JOIN articles ar ON ar._row = v.art
        WHERE {' AND '.join(where)} {dates}
        ORDER BY date DESC, ar._row, v.seq LIMIT ?"""
    rows = [dict(r) for r in store.conn.execute(sql, (*params, *dparams, limit))]
    for r in rows:
        r["negated"] = bool(r["negated"])
    return rows


def timeline(store: Store, name: str, *, limit: int = 500) -> list[Row]:
    """Everything dated about one entity, oldest first: coverage, quotes, events.

    The entity is found by name or alias in each article; a quote or event
    belongs to it when it points at that entity or names it outright.
    """
    # Articles are found by their rowid (`art`): the layer tables are indexed by it, not by the hash.
    ents = store.conn.execute(
        "SELECT DISTINCT art, id FROM entities WHERE name = ? COLLATE NOCASE OR aliases LIKE ? ESCAPE '\\'",
        (name, _like(json.dumps(name, ensure_ascii=False))),
    ).fetchall()
    by_art: dict[int, set[str]] = {}
    for r in ents:
        by_art.setdefault(r["art"], set()).add(r["id"])
    for r in store.conn.execute(
        "SELECT DISTINCT art FROM attributions WHERE speaker_name = ? COLLATE NOCASE "
        "UNION SELECT DISTINCT art FROM events WHERE source_name = ? COLLATE NOCASE OR target_name = ? COLLATE NOCASE",
        (name, name, name),
    ):
        by_art.setdefault(r["art"], set())
    low = name.lower()
    items: list[Row] = []
    for row, ids in by_art.items():
        art = store.conn.execute("SELECT doc, title, published FROM articles WHERE _row = ?", (row,)).fetchone()
        base = {"title": art["title"], "doc": art["doc"]}
        if ids:
            items.append({"date": art["published"], "kind": "article", "text": art["title"] or ""} | base)
        for a in store.conn.execute("SELECT * FROM attributions WHERE art = ? ORDER BY seq", (row,)):
            if a["speaker_entity_id"] in ids or (a["speaker_name"] or "").lower() == low:
                items.append({"date": art["published"], "kind": "quote", "text": a["content_text"]} | base)
        for v in store.conn.execute("SELECT * FROM events WHERE art = ? ORDER BY seq", (row,)):
            named = low in {(v["source_name"] or "").lower(), (v["target_name"] or "").lower()}
            if named or {v["source_entity_id"], v["target_entity_id"]} & ids:
                text = " ".join(x for x in (v["source_name"], v["trigger_text"], v["target_name"]) if x)
                items.append({"date": v["date"] or art["published"], "kind": f"event:{v['type']}", "text": text}
                             | base)
    items.sort(key=lambda i: (i["date"] or "9999", i["kind"] != "article", i["doc"]))
    return items[:limit]


def articles(store: Store, *, limit: int = 50, offset: int = 0, query: str | None = None) -> list[Row]:
    """A page of stored articles, newest first, optionally matching words."""
    cols = "ar.doc, ar.title, ar.published, ar.publisher, ar.url, ar.source_id, ar.rights_holder, ar.ingested_at"
    if query:
        sql = (f"SELECT {cols} FROM articles_fts JOIN articles ar ON ar._row = articles_fts.rowid "
               "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ? OFFSET ?")
        cur = store.conn.execute(sql, (fts_query(query) or '""', limit, offset))
    else:
        cur = store.conn.execute(f"SELECT {cols} FROM articles ar ORDER BY ar.published DESC, ar._row "
                                 "LIMIT ? OFFSET ?", (limit, offset))
    return [dict(r) for r in cur]


def article(store: Store, doc: str) -> Row | None:
    """One stored document as its contract JSON object (schema newsgraph/1)."""
    found = store.get(doc)
    return to_json(found) if found is not None else None


def duplicate_groups(store: Store, *, min_size: int = 2) -> list[Row]:
    """Groups of copies found by `newsgraph dupes`, original first in each."""
    sql = """
        SELECT g.grp, g.doc, g.is_original, g.score, ar.title, ar.published, ar.publisher, ar.url,
               ar.source_id, ar.rights_holder, ar.rights_notice, length(ar.text) AS chars
        FROM dup_groups g JOIN articles ar ON ar.doc = g.doc
        ORDER BY g.grp, g.is_original DESC, ar.published, ar._row"""
    groups: dict[str, list[Row]] = {}
    for r in store.conn.execute(sql):
        groups.setdefault(r["grp"], []).append(dict(r) | {"is_original": bool(r["is_original"])})
    return [{"group": g, "size": len(m), "members": m} for g, m in groups.items() if len(m) >= min_size]


def stats(store: Store) -> Row:
    """Counts per table, rejection codes and the schema version."""
    codes = {r[0]: r[1] for r in store.conn.execute("SELECT code, COUNT(*) FROM rejections GROUP BY code")}
    return {"db": str(store.path), "schema_version": store.schema_version(), "counts": store.counts(),
            "rejections_by_code": codes}
