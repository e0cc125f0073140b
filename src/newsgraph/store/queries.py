"""Questions asked of a store, answered as lists of plain dicts.

The CLI prints these rows as a table, JSON or CSV; the HTTP API returns them
as they are. Every function takes an open Store first and keyword filters
after it; none of them writes, except that a search through a writable Store
first indexes the articles still pending for search (Store.index_pending).
"""

from __future__ import annotations

import re
from typing import Any

from newsgraph.corpus.names import name_key
from newsgraph.model.serialize import to_json
from newsgraph.settings import Settings
from newsgraph.store.db import Store
from newsgraph.store.schema import indexed_rows

Row = dict[str, Any]

# Below this confidence an item is its layer's own "unsure" (docs/contract.md): layers
# without a setting of their own (figures, places) are shown from here up.
SURE = 0.5


def confident(alias: str) -> str:
    """SQL over a layer row `alias`: confident enough for a default view (one parameter, the
    threshold). A row stored before its layer gave confidences keeps showing."""
    return f"({alias}.provenance_confidence IS NULL OR {alias}.provenance_confidence >= ?)"


def asserted(alias: str) -> str:
    """SQL over an events row `alias`: stated as having happened (not negated, planned or hypothetical)."""
    return (f"NOT {alias}.negated AND {alias}.tense NOT IN ('future', 'hypothetical')"
            f" AND COALESCE({alias}.modality, 'asserted') = 'asserted'")

# Syndicated copies (`dupes`): every list and count shows a story once, by its original, unless
# the caller asks for the copies. Articles are matched by rowid: the layer tables' key.
COPY_ARTS = "(SELECT cp._row FROM dup_groups g JOIN articles cp ON cp.doc = g.doc WHERE g.is_original = 0)"

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


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


def resolve(store: Store, name: str, *, like: bool = False) -> list[str]:
    """The corpus entities a user's NAME means: its exact name or an alias (case, punctuation and
    "Inc." aside), or a corpus id itself; with `like`, any whose name or alias contains it."""
    if like:
        pattern = _like(name_key(name) or name.lower())
        sql = ("SELECT corpus_id FROM corpus_keys WHERE key LIKE ? ESCAPE '\\' "
               "UNION SELECT id FROM corpus_entities WHERE name LIKE ? ESCAPE '\\'")
        rows = store.conn.execute(sql, (pattern, _like(name)))
    else:
        # An id that a merge retired (corpus_redirects) means its survivor: exports and links keep working.
        rows = store.conn.execute(
            "SELECT corpus_id FROM corpus_keys WHERE key = ? UNION SELECT id FROM corpus_entities "
            "WHERE name = ? COLLATE NOCASE OR id = ? UNION SELECT new_id FROM corpus_redirects WHERE old_id = ?",
            (name_key(name), name, name, name))
    return sorted({r[0] for r in rows})


def redirected(store: Store, corpus_id: str) -> str | None:
    """The corpus entity a merged-away id now belongs to, or None when the id was never merged."""
    row = store.conn.execute("SELECT new_id FROM corpus_redirects WHERE old_id = ?", (corpus_id,)).fetchone()
    return None if row is None else str(row[0])


def search(store: Store, query: str, *, limit: int = 20, since: str | None = None,
           until: str | None = None, with_copies: bool = False) -> list[Row]:
    """Articles and attributions whose text matches, best first (bm25).

    The best `limit` rowids of each index are found first (FTS5 ranks inside
    its own ORDER BY rank), and snippets are cut for those rows only: cutting
    them for every match of a common word is what makes a naive query slow.
    """
    match = fts_query(query)
    if not match:
        return []
    store.index_pending()
    dates, params = _date_filter("ar", since, until)
    art_copies = "" if with_copies else f" AND f.rowid NOT IN {COPY_ARTS}"
    quo_copies = "" if with_copies else f" AND a.art NOT IN {COPY_ARTS}"
    art = store.conn.execute(
        "SELECT f.rowid, f.rank FROM articles_fts f"
        + (" JOIN articles ar ON ar._row = f.rowid" if dates else "")
        + f" WHERE articles_fts MATCH ? {dates}{art_copies} ORDER BY f.rank LIMIT ?", (match, *params, limit)
    ).fetchall()
    quo = store.conn.execute(
        "SELECT f.rowid, f.rank FROM attributions_fts f JOIN attributions a ON a._row = f.rowid"
        + (" JOIN articles ar ON ar._row = a.art" if dates else "")
        + f" WHERE attributions_fts MATCH ? {dates}{quo_copies} ORDER BY f.rank LIMIT ?", (match, *params, limit)
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


# The quote explorer's orders, by the name a column header sends (`-` reverses where it makes sense).
QUOTE_SORTS = {
    "date": "published IS NULL, published, art_row, seq",
    "-date": "published IS NULL, published DESC, art_row, seq",
    "speaker": "speaker IS NULL, speaker COLLATE NOCASE, published DESC, art_row, seq",
    "-speaker": "speaker IS NULL, speaker COLLATE NOCASE DESC, published DESC, art_row, seq",
    "outlet": "outlet IS NULL, outlet COLLATE NOCASE, published DESC, art_row, seq",
    "-outlet": "outlet IS NULL, outlet COLLATE NOCASE DESC, published DESC, art_row, seq",
    "kind": "kind, published DESC, art_row, seq",
    "-kind": "kind DESC, published DESC, art_row, seq",
}


# A quotation's row for the reader, from its narrow row `f` (the CTE of _quote_sql, or a temp table of it).
_WIDE = """SELECT {f}.published, {f}.speaker, {f}.kind, a.cue_text AS cue, a.content_text AS quote,
                  ar.title, ar.doc, ar.url, ar.source_id, a.id AS attribution_id, a.speaker_entity_id,
                  ar.publisher, ar.story_id, {f}.art_row, {f}.seq, {f}.speaker_corpus_id, {f}.outlet, {f}.is_copy,
                  {f}.qk, {f}.nth, {f}.n_rows, {f}.first_seen, {f}.outlets_raw, {f}.arts_raw, {f}.rid
           FROM {f} JOIN attributions a ON a._row = {f}.rid JOIN articles ar ON ar._row = {f}.art_row"""


def _quote_sql(store: Store, *, speaker: str | None, about: str | None, since: str | None, until: str | None,
               kind: str | None, doc: str | None, like: bool, outlet: str | None = None,
               min_confidence: float | None = None, among: list[int] | None = None) -> tuple[str, list[Any]] | None:
    """The quote explorer's rows as a WITH clause ending in `w` (one row per quotation where nth = 1),
    and its parameters; None when the speaker names no corpus entity. `among` (attribution rowids, each
    a quotation's first appearance) keeps only those quotations' appearances, found by the quote key's index."""
    src = "attributions a JOIN articles ar ON ar._row = a.art"
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if speaker and like:
        where.append("(a.speaker_name LIKE ? ESCAPE '\\' OR a.speaker_text LIKE ? ESCAPE '\\')")
        params += [_like(speaker)] * 2
    elif speaker:
        ids = resolve(store, speaker)
        if not ids:
            return None
        # From the corpus entity's mentions to the quotes they speak: both steps use an index.
        src = ("entities e JOIN attributions a ON a.art = e.art AND a.speaker_entity_id = e.id "
               "JOIN articles ar ON ar._row = a.art")
        where.append(f"e._row IN ({indexed_rows('entities', _marks(ids))})")
        params += [*ids, *ids]
    if about:
        store.index_pending()
        where.append("a._row IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?)")
        params.append("content_text : (" + (fts_query(about) or '""') + ")")
    if kind:
        where.append("a.kind = ?")
        params.append(kind)
    if outlet:
        where.append("COALESCE(ar.publisher, ar.rights_holder, ar.source_id) = ?")
        params.append(outlet)
    if min_confidence is not None:
        where.append(confident("a"))
        params.append(min_confidence)
    if doc:
        # Layer rows are indexed by their article's rowid (`art`), not by the hash.
        where.append("a.art = (SELECT _row FROM articles WHERE doc = ?)")
        params.append(doc)
    if among is not None:
        marks = _marks(among) or "NULL"
        keys = f"SELECT quote_key FROM attributions WHERE _row IN ({marks}) AND quote_key IS NOT NULL"
        where.append(f"(a._row IN ({marks}) OR a._row IN ({indexed_rows('attributions', keys)}))")
        params += [*among, *among, *among]
    dates, dparams = _date_filter("ar", since, until)
    copy = f"a.art IN {COPY_ARTS}"
    # Grouping a quotation's appearances takes a sort of every matching row: it is done on narrow rows
    # (rowids, the stored quote key, the order columns), and the wide columns are read for the result only.
    sql = f"""
        WITH m AS (
            SELECT DISTINCT a._row AS rid, ar._row AS art_row, a.seq, ar.published,
                   COALESCE(ar.publisher, ar.source_id) AS pub, se.corpus_id AS speaker_corpus_id,
                   a.speaker_name AS speaker, a.kind, COALESCE(ar.publisher, ar.rights_holder, ar.source_id) AS outlet,
                   CASE WHEN {copy} THEN 1 ELSE 0 END AS is_copy,
                   CASE WHEN a.quote_key IS NOT NULL
                        THEN COALESCE(se.corpus_id, lower(a.speaker_name), '') || '|' || a.quote_key
                        ELSE 'row:' || a._row END AS qk
            FROM {src} LEFT JOIN entities se ON se.art = a.art AND se.id = a.speaker_entity_id
            WHERE {' AND '.join(where)} {dates}),
        o AS (SELECT * FROM m WHERE is_copy = 0),
        f AS (SELECT o.*, ROW_NUMBER() OVER q AS nth, COUNT(*) OVER q AS n_rows, MIN(published) OVER q AS first_seen,
                     group_concat(pub, char(31)) OVER q AS outlets_raw, group_concat(art_row, ' ') OVER q AS arts_raw
              FROM o
              -- One window for all five (one sort): the whole quotation, in order of appearance.
              WINDOW q AS (PARTITION BY qk ORDER BY published IS NULL, published, art_row, seq
                           ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)),
        w AS ({_WIDE.format(f="f")})"""
    return sql, [*params, *dparams]


def quotes(store: Store, *, speaker: str | None = None, about: str | None = None, since: str | None = None,
           until: str | None = None, kind: str | None = None, doc: str | None = None,
           limit: int = 100, like: bool = False, with_copies: bool = False, offset: int = 0,
           sort: str = "-date", outlet: str | None = None,
           min_confidence: float | None = Settings.min_attribution_confidence) -> list[Row]:
    """Who said what, newest first: each quotation once, however many articles carry it.

    By default only attributions the attributions layer is confident of
    (`provenance.confidence` >= the `min_attribution_confidence` setting; rows
    stored before attributions had a confidence keep showing);
    `min_confidence=None` lists every one.

    The speaker is a corpus entity (exact name or alias; `like` for a
    substring of the written speaker). A quotation that several articles
    report (the same words by the same speaker, not a copy of one story)
    is one row with the number of articles, the date first seen and the outlets; the row shown
    is its first appearance. A syndicated copy is not an appearance: the
    row says how many copies its story has and who published them, and
    `with_copies` lists each copy's quote right under its original's.
    `sort` is a key of QUOTE_SORTS; `offset` pages through the rows.
    """
    found = _quote_sql(store, speaker=speaker, about=about, since=since, until=until, kind=kind, doc=doc,
                       like=like, outlet=outlet, min_confidence=min_confidence)
    if found is None:
        return []
    cte, params = found
    sql = f"{cte} SELECT * FROM w WHERE nth = 1 ORDER BY {QUOTE_SORTS.get(sort, QUOTE_SORTS['-date'])} LIMIT ? OFFSET ?"
    return _finish_quotes(store, [dict(r) for r in store.conn.execute(sql, (*params, limit, offset))],
                          cte, params, with_copies)


def _finish_quotes(store: Store, rows: list[Row], cte: str, params: list[Any], with_copies: bool) -> list[Row]:
    """Rows of `w` as `quotes` answers them: in how many articles, the outlets, the story's copies."""
    for r in rows:
        r["articles"] = len(set(r.pop("arts_raw").split()))
        r["outlets"] = sorted({o for o in (r.pop("outlets_raw") or "").split("\x1f") if o})
        for k in ("nth", "n_rows", "art_row", "seq", "is_copy", "rid"):
            r.pop(k)
    _add_copies(store, rows)
    if with_copies:
        copy_sql = (f"{cte.replace('WHERE is_copy = 0', 'WHERE is_copy = 1')} "
                    "SELECT * FROM w ORDER BY published DESC, art_row, seq")
        rows = _with_copy_quotes(store, rows, copy_sql, tuple(params))
    for r in rows:
        r.pop("qk", None)
    return rows


def quote_summary(store: Store, *, speaker: str | None = None, about: str | None = None, since: str | None = None,
                  until: str | None = None, kind: str | None = None, like: bool = False,
                  outlet: str | None = None, top: int = 8,
                  min_confidence: float | None = Settings.min_attribution_confidence) -> Row:
    """What a page of `quotes` with the same filters is part of: the true total and facets with counts
    (speaker, outlet, kind, month), each quotation counted once as `quotes` lists it."""
    return quote_view(store, speaker=speaker, about=about, since=since, until=until, kind=kind, like=like,
                      outlet=outlet, top=top, min_confidence=min_confidence, limit=0)[0]


def quote_view(store: Store, *, speaker: str | None = None, about: str | None = None, since: str | None = None,
               until: str | None = None, kind: str | None = None, like: bool = False, outlet: str | None = None,
               top: int = 8, min_confidence: float | None = Settings.min_attribution_confidence,
               sort: str = "-date", limit: int = 50, offset: int = 0,
               with_copies: bool = False, order_out: list[int] | None = None) -> tuple[Row, list[Row]]:
    """`quote_summary` and a page of `quotes` (the same filters) from one pass over the matching rows.

    `order_out`, when given, receives every quotation of the view in its order (its first appearance's
    attribution rowid), so later pages can be read with `quotes_among` without this pass."""
    found = _quote_sql(store, speaker=speaker, about=about, since=since, until=until, kind=kind, doc=None,
                       like=like, outlet=outlet, min_confidence=min_confidence)
    if found is None:
        return {"total": 0, "speakers": [], "outlets": [], "kinds": [], "months": []}, []
    cte, params = found
    # The first appearance of every matching quotation, narrow, into a temporary table; the total, the facets
    # and the page then read it, not the FTS and window functions again (a temp table lives in the
    # connection's own temp store, so a read-only store is fine).
    store.conn.execute("DROP TABLE IF EXISTS temp.ng_quote_view")
    store.conn.execute(f"CREATE TEMP TABLE ng_quote_view AS {cte} SELECT *, substr(published, 1, 7) AS month "
                       "FROM f WHERE nth = 1", params)
    try:
        summary = _facets(store, top)
        rows: list[Row] = []
        order = QUOTE_SORTS.get(sort, QUOTE_SORTS["-date"])
        if order_out is not None:
            order_out.extend(r[0] for r in store.conn.execute(f"SELECT rid FROM temp.ng_quote_view ORDER BY {order}"))
        if limit > 0:
            sql = f"SELECT * FROM ({_WIDE.format(f='temp.ng_quote_view')}) ORDER BY {order} LIMIT ? OFFSET ?"
            rows = [dict(r) for r in store.conn.execute(sql, (limit, offset))]
    finally:
        store.conn.execute("DROP TABLE IF EXISTS temp.ng_quote_view")
    return summary, _finish_quotes(store, rows, cte, params, with_copies)


def quotes_among(store: Store, ids: list[int], *, speaker: str | None = None, about: str | None = None,
                 since: str | None = None, until: str | None = None, kind: str | None = None, like: bool = False,
                 outlet: str | None = None, with_copies: bool = False,
                 min_confidence: float | None = Settings.min_attribution_confidence) -> list[Row]:
    """The quotations `ids` (from quote_view's `order_out`, same filters) as `quotes` rows, in that order.

    Only their appearances are read (by rowid and the quote key's index), so a page of a view whose
    order is known costs a few index lookups, not a pass over every matching attribution."""
    if not ids:
        return []
    found = _quote_sql(store, speaker=speaker, about=about, since=since, until=until, kind=kind, doc=None,
                       like=like, outlet=outlet, min_confidence=min_confidence, among=list(ids))
    if found is None:
        return []
    cte, params = found
    place = {rid: i for i, rid in enumerate(ids)}
    rows = sorted((dict(r) for r in store.conn.execute(f"{cte} SELECT * FROM w WHERE nth = 1", params)),
                  key=lambda r: place.get(r["rid"], len(place)))
    return _finish_quotes(store, [r for r in rows if r["rid"] in place], cte, params, with_copies)


def _facets(store: Store, top: int) -> Row:
    """The total and the facets of the quotations in temp.ng_quote_view."""
    total = store.conn.execute("SELECT COUNT(*) FROM temp.ng_quote_view").fetchone()[0]

    def facet(select: str, group: str, order: str, limit: int, where: str = "1 = 1") -> list[Row]:
        sql = (f"SELECT {select}, COUNT(*) AS n FROM temp.ng_quote_view WHERE {where} GROUP BY {group} "
               f"ORDER BY {order} LIMIT ?")
        return [dict(r) for r in store.conn.execute(sql, (limit,))]

    return {
        "total": total,
        # Unresolved speakers ("I", "a spokesman") are no one to filter by, so they are no facet value.
        "speakers": facet("speaker_corpus_id AS corpus_id, MIN(speaker) AS name", "speaker_corpus_id",
                          "n DESC, name", top, "speaker_corpus_id IS NOT NULL"),
        "outlets": facet("outlet AS name", "outlet", "n DESC, name", top, "outlet IS NOT NULL"),
        "kinds": facet("kind AS name", "kind", "n DESC, name", 10),
        "months": facet("month AS name", "month", "name DESC", 24, "month IS NOT NULL"),
    }


def _add_copies(store: Store, rows: list[Row]) -> None:
    """Each row's story: how many syndicated copies it has and who published them."""
    docs = sorted({r["doc"] for r in rows})
    found: dict[str, list[Row]] = {}
    for i in range(0, len(docs), 500):
        part = docs[i:i + 500]
        sql = f"""SELECT o.doc AS original, cp.doc, cp.publisher, cp.source_id, cp.url, cp.published
                  FROM dup_groups o JOIN dup_groups c ON c.grp = o.grp AND c.is_original = 0
                  JOIN articles cp ON cp.doc = c.doc
                  WHERE o.is_original = 1 AND o.doc IN ({_marks(part)}) ORDER BY cp.published, cp._row"""
        for r in store.conn.execute(sql, part):
            found.setdefault(r["original"], []).append(dict(r))
    for r in rows:
        copies = found.get(r["doc"], [])
        r["copies"] = len(copies)
        r["also_published_by"] = sorted({c["publisher"] or c["source_id"] for c in copies if
                                         c["publisher"] or c["source_id"]})


def _with_copy_quotes(store: Store, rows: list[Row], copy_sql: str, params: tuple[Any, ...]) -> list[Row]:
    """Each copy's appearance of a quotation, listed right under its original's row."""
    by_story: dict[tuple[str, str], list[Row]] = {}
    for r in store.conn.execute(copy_sql, params):
        c = dict(r)
        by_story.setdefault((c["story_id"], c["qk"]), []).append(
            {k: c[k] for k in ("published", "speaker", "kind", "cue", "quote", "title", "doc", "url", "source_id",
                               "attribution_id", "speaker_entity_id", "publisher", "story_id", "speaker_corpus_id",
                               "outlet")}
            | {"copy_of": None})
    out = []
    for r in rows:
        out.append(r)
        for c in by_story.get((r["story_id"], r["qk"]), []):
            out.append(c | {"copy_of": r["doc"]})
    return out


def entities(store: Store, *, type: str | None = None, top: int = 20, name: str | None = None,
             like: bool = False, with_copies: bool = False) -> list[Row]:
    """The most covered corpus entities: in how many stories (copies not counted), with how many mentions."""
    where, params = ["e.corpus_id IS NOT NULL"], []
    if type:
        where.append("c.type = ?")
        params.append(type.upper())
    if name:
        ids = resolve(store, name, like=like)
        if not ids:
            return []
        where.append(f"e._row IN ({indexed_rows('entities', _marks(ids))})")
        params += [*ids, *ids]
    if not with_copies:
        where.append(f"e.art NOT IN {COPY_ARTS}")
    # Mentions are counted on each entity row, which holds them (migration 11).
    sql = f"""
        SELECT c.name, c.type, COUNT(DISTINCT e.art) AS articles,
               SUM(COALESCE(json_array_length(e.mention_spans), 0)) AS mentions,
               c.id AS corpus_id
        FROM entities e JOIN corpus_entities c ON c.id = e.corpus_id WHERE {' AND '.join(where)}
        GROUP BY c.id ORDER BY articles DESC, mentions DESC, c.name LIMIT ?"""
    return [dict(r) for r in store.conn.execute(sql, (*params, top))]


def _actor(store: Store, role: str, value: str, like: bool) -> tuple[str, list[Any]]:
    """An event's source or target: an ISO country code, else the corpus entity of its actor."""
    if like:
        return f"(v.{role}_country = ? OR v.{role}_name LIKE ? ESCAPE '\\')", [value.upper(), _like(value)]
    ids = resolve(store, value)
    actor = (f"EXISTS (SELECT 1 FROM entities e WHERE e.art = v.art AND e.id = v.{role}_entity_id "
             f"AND e.corpus_id IN ({_marks(ids)}))") if ids else "0"
    return f"(v.{role}_country = ? OR {actor})", [value.upper(), *ids]


def _event_where(store: Store, *, source: str | None, target: str | None, type: str | None, since: str | None,
                 until: str | None, like: bool, with_copies: bool, min_confidence: float | None,
                 ) -> tuple[str, list[Any]]:
    """The WHERE clause (over `events v`) that `events` and `event_summary` share, and its parameters."""
    where: list[str] = ["1 = 1"]
    params: list[Any] = []
    if min_confidence is not None:
        where.append(f"{confident('v')} AND {asserted('v')}")
        params.append(min_confidence)
    for role, value in (("source", source), ("target", target)):
        if value:
            cond, values = _actor(store, role, value, like)
            where.append(cond)
            params += values
    if type:
        where.append("v.type = ?")
        params.append(type.upper())
    if not with_copies:
        where.append(f"v.art NOT IN {COPY_ARTS}")
    dates, dparams = _date_filter("v", since, until, col="date")
    return " AND ".join(where) + dates, [*params, *dparams]


def events(store: Store, *, source: str | None = None, target: str | None = None, type: str | None = None,
           since: str | None = None, until: str | None = None, limit: int = 100, like: bool = False,
           with_copies: bool = False, min_confidence: float | None = Settings.min_event_confidence,
           offset: int = 0) -> list[Row]:
    """Who did what to whom: events, by actor (corpus entity or ISO country code), type and date.

    By default only events stated as having happened (modality asserted: not
    negated, planned or hypothetical) with confidence >= `min_confidence` (the
    `min_event_confidence` setting); `min_confidence=None` lists every event.
    Rows stored before events had a confidence or a modality keep showing.
    """
    where, params = _event_where(store, source=source, target=target, type=type, since=since, until=until,
                                 like=like, with_copies=with_copies, min_confidence=min_confidence)
    sql = f"""
        SELECT COALESCE(v.date, ar.published) AS date, v.type, v.mode, v.cameo,
               v.source_name AS source, v.source_country, v.trigger_text AS trigger,
               v.target_name AS target, v.target_country, v.location_name AS location,
               v.negated, v.tense, v.modality, v.provenance_confidence AS confidence,
               v.sentence_text AS sentence, ar.title, ar.doc, v.id AS event_id
        FROM events v JOIN articles ar ON ar._row = v.art
        WHERE {where}
        ORDER BY date DESC, ar._row, v.seq LIMIT ? OFFSET ?"""
    rows = [dict(r) for r in store.conn.execute(sql, (*params, limit, offset))]
    for r in rows:
        r["negated"] = bool(r["negated"])
    _add_copies(store, rows)
    return rows


def event_summary(store: Store, *, source: str | None = None, target: str | None = None, type: str | None = None,
                  since: str | None = None, until: str | None = None, like: bool = False,
                  with_copies: bool = False, min_confidence: float | None = Settings.min_event_confidence,
                  top: int = 10) -> Row:
    """The true total of `events` with the same filters and facets with counts: type, source, target, month."""
    where, params = _event_where(store, source=source, target=target, type=type, since=since, until=until,
                                 like=like, with_copies=with_copies, min_confidence=min_confidence)
    base = f"FROM events v JOIN articles ar ON ar._row = v.art WHERE {where}"

    def facet(expr: str, order: str, limit: int, extra: str = "") -> list[Row]:
        sql = (f"SELECT {expr} AS name, COUNT(*) AS n {base} AND {expr} IS NOT NULL{extra} GROUP BY 1 "
               f"ORDER BY {order} LIMIT ?")
        return [dict(r) for r in store.conn.execute(sql, (*params, limit))]

    return {
        "total": store.conn.execute(f"SELECT COUNT(*) {base}", params).fetchone()[0],
        "types": facet("v.type", "n DESC, name", 20),
        "sources": facet("COALESCE(v.source_country, v.source_name)", "n DESC, name", top),
        "targets": facet("COALESCE(v.target_country, v.target_name)", "n DESC, name", top),
        # An event's date is a TIMEX value ("2024-W13", "XXXX-03"): only a known year and month is a month.
        "months": facet("substr(COALESCE(v.date, ar.published), 1, 7)", "name DESC", 24,
                        " AND substr(COALESCE(v.date, ar.published), 1, 7) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'"),
    }


def places(store: Store, *, with_copies: bool = False, limit: int = 500, min_confidence: float = SURE) -> list[Row]:
    """The stored places with coordinates: name, country, position, and in how many stories they occur.

    Only mentions the places layer is sure name a location there (a demonym, a team, a town
    that is a guess between namesakes stay off the map); `min_confidence=0` shows them all.
    """
    copies = "" if with_copies else f" AND p.art NOT IN {COPY_ARTS}"
    sql = f"""
        SELECT p.name, p.country, ROUND(p.lat, 3) AS lat, ROUND(p.lon, 3) AS lon, p.geonameid,
               COUNT(DISTINCT p.art) AS articles, MIN(ar.doc) AS doc
        FROM places p JOIN articles ar ON ar._row = p.art
        WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL AND {confident('p')}{copies}
        GROUP BY COALESCE(p.geonameid, p.name) ORDER BY articles DESC, p.name LIMIT ?"""
    return [dict(r) for r in store.conn.execute(sql, (min_confidence, limit))]


def timeline(store: Store, name: str, *, limit: int = 500, like: bool = False,
             with_copies: bool = False) -> list[Row]:
    """Everything dated about one corpus entity, oldest first: coverage, quotes, events.

    A quote or event belongs to it when its speaker or actor is one of the
    entity's mentions; a syndicated copy is left out unless asked for.
    """
    ids = resolve(store, name, like=like)
    if not ids:
        return []
    copies = "" if with_copies else f" AND art NOT IN {COPY_ARTS}"
    by_art: dict[int, set[str]] = {}
    rows = indexed_rows("entities", _marks(ids))
    for r in store.conn.execute(f"SELECT art, id FROM entities WHERE _row IN ({rows}){copies}", [*ids, *ids]):
        by_art.setdefault(r["art"], set()).add(r["id"])
    items: list[Row] = []
    for row, own in by_art.items():
        art = store.conn.execute("SELECT doc, title, published FROM articles WHERE _row = ?", (row,)).fetchone()
        base = {"title": art["title"], "doc": art["doc"]}
        items.append({"date": art["published"], "kind": "article", "text": art["title"] or ""} | base)
        for a in store.conn.execute("SELECT * FROM attributions WHERE art = ? ORDER BY seq", (row,)):
            if a["speaker_entity_id"] in own:
                items.append({"date": art["published"], "kind": "quote", "text": a["content_text"]} | base)
        for v in store.conn.execute("SELECT * FROM events WHERE art = ? ORDER BY seq", (row,)):
            if {v["source_entity_id"], v["target_entity_id"]} & own:
                text = " ".join(x for x in (v["source_name"], v["trigger_text"], v["target_name"]) if x)
                items.append({"date": v["date"] or art["published"], "kind": f"event:{v['type']}", "text": text}
                             | base)
    items.sort(key=lambda i: (i["date"] or "9999", i["kind"] != "article", i["doc"]))
    return items[:limit]


def articles(store: Store, *, limit: int = 50, offset: int = 0, query: str | None = None,
             with_copies: bool = False) -> list[Row]:
    """A page of stored articles, newest first, optionally matching words; a story once, by its original."""
    cols = ("ar.doc, ar.title, ar.published, ar.publisher, ar.url, ar.source_id, ar.rights_holder, ar.ingested_at, "
            "ar.story_id")
    copies = "" if with_copies else f" AND ar._row NOT IN {COPY_ARTS}"
    if query:
        store.index_pending()
        sql = (f"SELECT {cols} FROM articles_fts JOIN articles ar ON ar._row = articles_fts.rowid "
               f"WHERE articles_fts MATCH ?{copies} ORDER BY bm25(articles_fts) LIMIT ? OFFSET ?")
        cur = store.conn.execute(sql, (fts_query(query) or '""', limit, offset))
    else:
        # The page's rows are found on the published index alone (rowids), then read: an OFFSET over the
        # table itself read every skipped row, each past its text, 7x the CPU on page 50 of 10,000 articles.
        cur = store.conn.execute(f"SELECT {cols} FROM articles ar WHERE ar._row IN (SELECT ar._row FROM articles ar "
                                 f"WHERE 1 = 1{copies} ORDER BY ar.published DESC, ar._row LIMIT ? OFFSET ?) "
                                 "ORDER BY ar.published DESC, ar._row", (limit, offset))
    rows = [dict(r) for r in cur]
    _add_copies(store, rows)
    return rows


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


def article_count(store: Store, *, query: str | None = None, with_copies: bool = False) -> int:
    """How many rows `articles` pages through with the same filters (a story once, by its original)."""
    copies = "" if with_copies else f" AND ar._row NOT IN {COPY_ARTS}"
    if query:
        store.index_pending()
        sql = (f"SELECT COUNT(*) FROM articles_fts JOIN articles ar ON ar._row = articles_fts.rowid "
               f"WHERE articles_fts MATCH ?{copies}")
        return int(store.conn.execute(sql, (fts_query(query) or '""',)).fetchone()[0])
    return int(store.conn.execute(f"SELECT COUNT(*) FROM articles ar WHERE 1 = 1{copies}").fetchone()[0])


def most_quoted(store: Store, *, top: int = 10, with_copies: bool = False) -> list[Row]:
    """The corpus entities quoted most: attributions whose speaker is one of their mentions, copies not counted."""
    copies = "" if with_copies else f" AND a.art NOT IN {COPY_ARTS}"
    sql = f"""
        SELECT c.id AS corpus_id, c.name, COUNT(*) AS quotes, COUNT(DISTINCT a.art) AS articles
        FROM attributions a JOIN entities e ON e.art = a.art AND e.id = a.speaker_entity_id
        JOIN corpus_entities c ON c.id = e.corpus_id
        WHERE 1 = 1{copies} GROUP BY c.id ORDER BY quotes DESC, c.name LIMIT ?"""
    return [dict(r) for r in store.conn.execute(sql, (top,))]


def story(store: Store, story_id: str) -> list[Row]:
    """The articles of one story (a syndication group), original first: publisher, date, rights notice,
    similarity to the original (`score`) and text; [] for an unknown story id."""
    if not re.fullmatch(r"g[0-9a-f]{12}", story_id):
        return []
    # No index on articles.story_id: a story with copies is found through dup_groups (indexed by group),
    # a story told once is its original, whose sha256 starts with the id's hex (a range on the doc index).
    cols = ("ar.doc, ar.title, ar.published, ar.publisher, ar.url, ar.source_id, ar.rights_holder, ar.rights_notice, "
            "ar.text, ar.story_id, COALESCE(g.is_original, 1) AS is_original, g.score")
    rows = store.conn.execute(
        f"SELECT {cols} FROM dup_groups g JOIN articles ar ON ar.doc = g.doc WHERE g.grp = ? "
        "ORDER BY g.is_original DESC, ar.published, ar._row", (story_id,)).fetchall()
    if not rows:
        prefix = story_id[1:]
        rows = store.conn.execute(
            f"SELECT {cols} FROM articles ar LEFT JOIN dup_groups g ON g.doc = ar.doc "
            "WHERE ar.doc >= ? AND ar.doc < ? AND ar.story_id = ? ORDER BY ar._row",
            (prefix, prefix + "g", story_id)).fetchall()
    return [dict(r) | {"is_original": bool(r["is_original"])} for r in rows]


def story_moved(store: Store, story_id: str) -> str | None:
    """The current story of a story id that is no longer one, or None.

    A story id is "g" + the first 12 hex of its original's hash, so an id handed out
    before regrouping (an article told alone that is now a copy, or an original that
    an earlier copy replaced) still names an article: its story now is the answer.
    """
    if not re.fullmatch(r"g[0-9a-f]{12}", story_id):
        return None
    prefix = story_id[1:]
    row = store.conn.execute("SELECT story_id FROM articles WHERE doc >= ? AND doc < ? ORDER BY _row LIMIT 1",
                             (prefix, prefix + "g")).fetchone()
    return None if row is None or row[0] == story_id else str(row[0])
