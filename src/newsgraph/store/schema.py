"""The SQLite schema: layer tables derived from model/serialize.py, plus migrations.

Columns of the layer tables are never written by hand here: they come from
`serialize.TABLES` and `serialize.table_columns(table)`, the same plan that
the Parquet export and the Spark job use. Two mechanisms keep an existing
database current:

* numbered migrations (`MIGRATIONS`), each applied once and recorded in
  `schema_version`, for structural changes (new tables, indexes, FTS);
* `sync_columns`, run on every open, which adds a column for every field the
  model gained since the database was made. The contract only ever adds
  fields, so this is additive (ALTER TABLE ADD COLUMN) and needs no step.

Store-only columns (`_row`, the rowid alias, `ingested_at`, `art` in
every layer table: the `_row` of the row's article, and `quote_key` in
attributions) are not in the serialize plan; exports select the plan's
columns only.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from newsgraph.model.serialize import TABLES, table_columns

SQL_TYPE = {"str": "TEXT", "int": "INTEGER", "float": "REAL", "bool": "INTEGER", "json": "TEXT"}

# Every table but articles holds rows of one of an article's layers.
LAYER_TABLES = tuple(t for t in TABLES if t != "articles")
# The layer tables that hold rows since migration 11 (mentions is a view over entities).
STORED_LAYERS = tuple(t for t in LAYER_TABLES if t != "mentions")

# The natural key of one row in each table, besides `doc` (since migration 6, `art`).
ROW_KEY = {"articles": (), "mentions": ("entity_id", "start", "end")}


def q(name: str) -> str:
    """Quote an identifier: the model uses words like `end`, `text` and `type`."""
    return '"' + name.replace('"', '""') + '"'


def _layer_ddl(table: str) -> list[str]:
    cols = [(c, k) for c, k in table_columns(table) if c != "doc"]
    body = [f"{q(c)} {SQL_TYPE[k]}" for c, k in cols]
    if table == "articles":
        # An explicit rowid alias: FTS5 external content needs rowids that VACUUM keeps.
        head = ["_row INTEGER PRIMARY KEY", "doc TEXT NOT NULL UNIQUE"]
        tail = ["ingested_at TEXT"]
        return [f"CREATE TABLE {q(table)} ({', '.join(head + body + tail)})"]
    key = ("doc", *ROW_KEY.get(table, ("seq",)))
    head = ["_row INTEGER PRIMARY KEY", "doc TEXT NOT NULL"]
    return [
        f"CREATE TABLE {q(table)} ({', '.join(head + body)})",
        f"CREATE UNIQUE INDEX {q(table + '_key')} ON {q(table)} ({', '.join(q(k) for k in key)})",
    ]


def _step1_layers(conn: sqlite3.Connection) -> None:
    for table in TABLES:
        for stmt in _layer_ddl(table):
            conn.execute(stmt)
    conn.execute(
        "CREATE TABLE rejections (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, source_id TEXT, "
        "source_uri TEXT NOT NULL, source_format TEXT, code TEXT NOT NULL, message TEXT, ingested_at TEXT)"
    )
    conn.execute("CREATE UNIQUE INDEX rejections_key ON rejections (source_uri, doc)")
    conn.execute("CREATE INDEX rejections_doc ON rejections (doc)")


def _step2_fts(conn: sqlite3.Connection) -> None:
    # External-content FTS5 tables: the text is stored once, in the layer tables,
    # and triggers keep the index in step with inserts and deletes.
    conn.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='_row', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE attributions_fts USING fts5(content_text, speaker_name, content='attributions', "
        "content_rowid='_row', tokenize='unicode61 remove_diacritics 2')"
    )
    for table, cols in (("articles", ("title", "text")), ("attributions", ("content_text", "speaker_name"))):
        names = ", ".join(q(c) for c in cols)
        new = ", ".join(f"new.{q(c)}" for c in cols)
        old = ", ".join(f"old.{q(c)}" for c in cols)
        conn.execute(
            f"CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO {table}_fts(rowid, {names}) VALUES (new._row, {new}); END"
        )
        conn.execute(
            f"CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO {table}_fts({table}_fts, rowid, {names}) VALUES ('delete', old._row, {old}); END"
        )


def _step3_lookup_indexes(conn: sqlite3.Connection) -> None:
    conn.execute('CREATE INDEX articles_published ON articles ("published")')
    conn.execute('CREATE INDEX entities_name ON entities ("name", "type")')
    conn.execute('CREATE INDEX attributions_speaker ON attributions ("speaker_name")')
    conn.execute('CREATE INDEX events_type ON events ("type")')


def _step4_fetch_cache(conn: sqlite3.Connection) -> None:
    # Conditional GET state and the feed items already taken, so `watch` only fetches news.
    conn.execute(
        "CREATE TABLE http_cache (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, status INTEGER, "
        "sha256 TEXT, fetched_at TEXT, kind TEXT)"
    )
    conn.execute("CREATE TABLE feed_items (feed TEXT NOT NULL, item TEXT NOT NULL, seen_at TEXT, "
                 "PRIMARY KEY (feed, item))")


def _step5_duplicates(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE minhashes (doc TEXT PRIMARY KEY, shingles INTEGER, signature BLOB)")
    conn.execute(
        "CREATE TABLE dup_groups (doc TEXT PRIMARY KEY, grp TEXT NOT NULL, is_original INTEGER NOT NULL, "
        "score REAL)"
    )
    conn.execute("CREATE INDEX dup_groups_grp ON dup_groups (grp)")


def _step6_article_rowid_keys(conn: sqlite3.Connection) -> None:
    # Content hashes are random, so a unique index led by `doc` takes every insert at a
    # random page of a wide B-tree. Keyed by the article's integer `_row` (given out in
    # ingest order), inserts append at the right edge and the index stays small.
    for table in LAYER_TABLES:
        conn.execute(f"ALTER TABLE {q(table)} ADD COLUMN art INTEGER")
        conn.execute(f"UPDATE {q(table)} SET art = (SELECT _row FROM articles ar WHERE ar.doc = {q(table)}.doc)")
        conn.execute(f"DROP INDEX {q(table + '_key')}")
        key = ("art", *ROW_KEY.get(table, ("seq",)))
        conn.execute(f"CREATE UNIQUE INDEX {q(table + '_key')} ON {q(table)} ({', '.join(q(k) for k in key)})")


def _step7_drop_name_indexes(conn: sqlite3.Connection) -> None:
    # Each cost every insert random-place B-tree writes for little: no query can use the
    # speaker index (speakers are matched with LIKE '%...%' or COLLATE NOCASE, which a BINARY
    # index serves neither), and `entities` now counts mentions through mentions_key.
    conn.execute("DROP INDEX IF EXISTS attributions_speaker")
    conn.execute("DROP INDEX IF EXISTS entities_name")


# Columns that point at another table's key; migration 8 declares them, so datasette and
# sqlite-utils show the links (they read PRAGMA foreign_key_list). SQLite does not enforce them
# here (PRAGMA foreign_keys stays off): the writer keeps them true, and checking costs every insert.
FOREIGN_KEYS: dict[str, dict[str, str]] = {
    **{t: {"art": "articles(_row)"} for t in LAYER_TABLES},
    "entities": {"art": "articles(_row)", "corpus_id": "corpus_entities(id)"},
    "minhashes": {"doc": "articles(doc)"},
    "dup_groups": {"doc": "articles(doc)"},
}
FTS_TABLES = {"articles": ("title", "text"), "attributions": ("content_text", "speaker_name")}


def _add_column(conn: sqlite3.Connection, table: str, col: str, sql_type: str) -> None:
    if col not in {r[1] for r in conn.execute(f"PRAGMA table_info({q(table)})")}:
        conn.execute(f"ALTER TABLE {q(table)} ADD COLUMN {q(col)} {sql_type}")


def _declare_foreign_keys(conn: sqlite3.Connection, table: str, refs: dict[str, str]) -> None:
    """Rebuild one table with REFERENCES on `refs` (SQLite cannot add a constraint in place).

    The documented procedure: a new table, the rows copied with their rowids (the FTS index
    points at them), the old one dropped, the new one renamed, its indexes and triggers made again.
    """
    cols = conn.execute(f"PRAGMA table_info({q(table)})").fetchall()
    keyed = [r for r in cols if r[5]]
    defs = []
    for _cid, name, typ, notnull, default, pk in cols:
        d = f"{q(name)} {typ}"
        if pk and len(keyed) == 1:
            d += " PRIMARY KEY"
        if notnull and not pk:
            d += " NOT NULL"
        if default is not None:
            d += f" DEFAULT {default}"
        if name in refs:
            d += f" REFERENCES {refs[name]}"
        defs.append(d)
    if len(keyed) > 1:
        defs.append(f"PRIMARY KEY ({', '.join(q(r[1]) for r in sorted(keyed, key=lambda r: r[5]))})")
    extras = [r[0] for r in conn.execute(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
        (table,))]
    names = ", ".join(q(r[1]) for r in cols)
    conn.execute(f"CREATE TABLE {q('_new_' + table)} ({', '.join(defs)})")
    conn.execute(f"INSERT INTO {q('_new_' + table)} ({names}) SELECT {names} FROM {q(table)}")
    conn.execute(f"DROP TABLE {q(table)}")
    conn.execute(f"ALTER TABLE {q('_new_' + table)} RENAME TO {q(table)}")
    for sql in extras:
        conn.execute(sql)


def _step8_corpus_identity(conn: sqlite3.Connection) -> None:
    # Corpus entities (issue 20): one row per real-world entity, the keys its names give for
    # linking and lookup, and on every article entity the id of its corpus entity.
    conn.execute(
        "CREATE TABLE corpus_entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT, "
        "first_art INTEGER REFERENCES articles(_row), profile TEXT)"
    )
    conn.execute(
        "CREATE TABLE corpus_keys (key TEXT NOT NULL, corpus_id TEXT NOT NULL REFERENCES corpus_entities(id), "
        "kind TEXT NOT NULL, PRIMARY KEY (key, corpus_id)) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX corpus_keys_id ON corpus_keys (corpus_id)")
    _add_column(conn, "entities", "corpus_id", "TEXT")
    _add_column(conn, "articles", "story_id", "TEXT")
    # Feed items were written by nothing since `watch` skips stored content by hash (issue 13).
    conn.execute("DROP TABLE IF EXISTS feed_items")
    for table, refs in FOREIGN_KEYS.items():
        _declare_foreign_keys(conn, table, refs)
    conn.execute('CREATE INDEX entities_corpus ON entities ("corpus_id")')
    # FTS5 tables declared with content="table" (not 'table'): datasette and sqlite-utils find an
    # FTS table by that text, and then give the table a search box.
    for table, cols in FTS_TABLES.items():
        conn.execute(f"DROP TABLE {q(table + '_fts')}")
        conn.execute(
            f"CREATE VIRTUAL TABLE {q(table + '_fts')} USING fts5({', '.join(cols)}, content={q(table)}, "
            "content_rowid=\"_row\", tokenize='unicode61 remove_diacritics 2')"
        )
        conn.execute(f"INSERT INTO {q(table + '_fts')}({q(table + '_fts')}) VALUES ('rebuild')")
    conn.execute(
        "UPDATE articles SET story_id = COALESCE((SELECT grp FROM dup_groups g WHERE g.doc = articles.doc), "
        "'g' || substr(doc, 1, 12))"
    )
    from newsgraph.corpus.identity import link_all

    create_redirects(conn)  # linking records merges there
    link_all(conn)


def _step9_quote_key(conn: sqlite3.Connection) -> None:
    # The quote explorer groups one quotation's appearances by its words. Computed per row at query
    # time (a Python function over every attribution, ~4 s on 10,000 articles) it made the first
    # unfiltered view slow; stored and indexed, it is read, not computed (issue 18).
    from newsgraph.store.db import quote_key  # the one definition, which the writer uses too

    _add_column(conn, "attributions", "quote_key", "TEXT")
    conn.create_function("ng_quote_key", 1, quote_key, deterministic=True)
    conn.execute("UPDATE attributions SET quote_key = ng_quote_key(content_text)")
    conn.execute('CREATE INDEX attributions_quote_key ON attributions ("quote_key")')


def _step10_batched_fts_and_redirects(conn: sqlite3.Connection) -> None:
    # The insert triggers indexed each row as it came, one FTS5 call per article and per quote;
    # the Store now indexes a transaction's new rows in two INSERT ... SELECT (Store.put_each),
    # which costs less per document. Delete triggers stay: an external-content index needs the old
    # values to forget a row, and `replace` deletes one row at a time.
    for table in FTS_TABLES:
        conn.execute(f"DROP TRIGGER IF EXISTS {q(table + '_ai')}")
    create_redirects(conn)


# An entity's mentions as one JSON cell of its row, `[[start, end, text], ...]` in the mentions' order (None
# when it has none): the Store writes it, and the `mentions` view gives the rows of the former table from it.
MENTION_SPANS = "mention_spans"
MENTIONS_VIEW = (
    "CREATE VIEW mentions AS SELECT e.doc AS doc, e.id AS entity_id, json_extract(j.value, '$[0]') AS start, "
    "json_extract(j.value, '$[1]') AS \"end\", json_extract(j.value, '$[2]') AS text, e.art AS art "
    f"FROM entities e, json_each(e.{MENTION_SPANS}) j"
)  # no ORDER BY: SQLite then folds the view into the query, and `WHERE art ...` searches entities_key


def _step11_mentions_in_entity_rows(conn: sqlite3.Connection) -> None:
    # The mentions table held about a third of a stored article's rows (~73 of ~215 on news pages), each
    # with an index entry: one JSON cell on its entity's row instead is -0.6 M of ~12 M instructions per
    # stored article (cachegrind, docs/benchmarks.md). The view keeps `SELECT ... FROM mentions` working
    # for newsgraph's readers and anyone else's SQL, with the same rows in the same order.
    import json

    _add_column(conn, "entities", MENTION_SPANS, "TEXT")
    spans: dict[tuple[int, str], list[list[Any]]] = {}
    for art, entity_id, start, end, text in conn.execute(
            'SELECT art, entity_id, start, "end", text FROM mentions ORDER BY _row'):
        spans.setdefault((art, entity_id), []).append([start, end, text])
    conn.executemany(f"UPDATE entities SET {MENTION_SPANS} = ? WHERE art = ? AND id = ?",
                     [(json.dumps(v, ensure_ascii=False), art, eid) for (art, eid), v in spans.items()])
    conn.execute("DROP TABLE mentions")
    conn.execute(MENTIONS_VIEW)


# Articles stored but not yet in the search indexes (migration 12): the Store indexes them in batches
# (Store.index_pending), and until then the delete triggers must not ask FTS5 to forget what it never held.
FTS_PENDING = "fts_pending"


def _step12_fts_in_batches(conn: sqlite3.Connection) -> None:
    # Indexing 8 articles per transaction wrote a tiny FTS5 segment per commit that later merges rewrote
    # again and again: the article and quote indexes were ~2 M of ~11 M instructions per stored article.
    # Indexed 256 articles at a time they are ~0.8 M (docs/benchmarks.md). A version-11 store holds no
    # pending article: every row it has is indexed, so there is nothing to backfill.
    conn.execute(f"CREATE TABLE IF NOT EXISTS {FTS_PENDING} (art INTEGER PRIMARY KEY)")
    for table, cols in FTS_TABLES.items():
        names = ", ".join(q(c) for c in cols)
        old = ", ".join(f"old.{q(c)}" for c in cols)
        art = "old._row" if table == "articles" else "old.art"
        conn.execute(f"DROP TRIGGER IF EXISTS {q(table + '_ad')}")
        conn.execute(
            f"CREATE TRIGGER {q(table + '_ad')} AFTER DELETE ON {q(table)} "
            f"WHEN NOT EXISTS (SELECT 1 FROM {FTS_PENDING} WHERE art = {art}) BEGIN "
            f"INSERT INTO {q(table + '_fts')}({q(table + '_fts')}, rowid, {names}) VALUES ('delete', old._row, {old}); "
            "END"
        )


# Rows whose article is pending (FTS_PENDING) are not yet in the corpus-id and quote-key indexes either
# (migration 13): those two indexes are partial, over rows with `indexed = 1`, and the batch that indexes an
# article for search also sets `indexed` on its entity and attribution rows. Their keys (corpus ids, quotations)
# land anywhere in the index: written 8 articles a commit they dirtied ~270 index pages per commit, 62% of the
# WAL frames, where a batch of 256 articles finds many of its keys on the same pages. Every row holds its true
# `corpus_id` and `quote_key` from the start; only a search through the index must also look at the pending
# articles' rows (a few thousand at most), which `indexed_rows` writes for it.
INDEXED = "indexed"
# table: (the key column, its partial index)
BATCH_INDEXED = {"entities": ("corpus_id", "entities_corpus"), "attributions": ("quote_key", "attributions_quote_key")}


def indexed_rows(table: str, marks: str) -> str:
    """SQL giving the `_row` of every `table` row (entities: corpus_id; attributions: quote_key) whose key is
    among `marks` ("?, ?" for the values, which the caller passes twice): through the partial index for
    indexed rows, by article for the pending ones. The two parts are disjoint (`indexed` is 1 or NULL)."""
    col = q(BATCH_INDEXED[table][0])
    return (f"SELECT _row FROM {q(table)} WHERE {INDEXED} = 1 AND {col} IN ({marks}) UNION ALL "
            f"SELECT _row FROM {q(table)} WHERE {INDEXED} IS NULL AND art IN (SELECT art FROM {FTS_PENDING}) "
            f"AND {col} IN ({marks})")


def _step13_batched_key_indexes(conn: sqlite3.Connection) -> None:
    # DEFAULT 1: every row already stored is in the index without rewriting the two largest tables, and a row
    # another program inserts is indexed as it comes. The Store's writer inserts NULL and sets 1 in its batch.
    # Rows of articles still pending (a writer stopped between batches) become NULL like the writer's.
    for table, (col, index) in BATCH_INDEXED.items():
        _add_column(conn, table, INDEXED, "INTEGER DEFAULT 1")
        conn.execute(f"UPDATE {q(table)} SET {INDEXED} = NULL WHERE art IN (SELECT art FROM {FTS_PENDING})")
        conn.execute(f"DROP INDEX IF EXISTS {q(index)}")
        conn.execute(f"CREATE INDEX {q(index)} ON {q(table)} ({q(col)}) WHERE {INDEXED} = 1")


def create_redirects(conn: sqlite3.Connection) -> None:
    """Ids that linking merged away (a corpus entity joined an older one) point at their survivor,
    so an id in an earlier export or link still resolves. Made by migration 10, or by 8 when a
    store older than both links its articles."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS corpus_redirects (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL "
        "REFERENCES corpus_entities(id)) WITHOUT ROWID"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS corpus_redirects_new ON corpus_redirects (new_id)")


MIGRATIONS: tuple[tuple[int, str, Callable[[sqlite3.Connection], None]], ...] = (
    (1, "layer tables and rejections", _step1_layers),
    (2, "FTS5 over article text and attribution content", _step2_fts),
    (3, "lookup indexes", _step3_lookup_indexes),
    (4, "HTTP cache and seen feed items", _step4_fetch_cache),
    (5, "MinHash signatures and duplicate groups", _step5_duplicates),
    (6, "layer rows keyed by their article's rowid", _step6_article_rowid_keys),
    (7, "drop the speaker and entity name indexes", _step7_drop_name_indexes),
    (8, "corpus entities, story ids, foreign keys, detectable FTS, no feed_items", _step8_corpus_identity),
    (9, "stored, indexed quote key of every attribution", _step9_quote_key),
    (10, "FTS indexed per transaction, redirects of merged corpus ids", _step10_batched_fts_and_redirects),
    (11, "mentions packed into their entity's row; `mentions` a view", _step11_mentions_in_entity_rows),
    (12, "search indexes written in batches of pending articles", _step12_fts_in_batches),
    (13, "corpus-id and quote-key indexes written with the search batches", _step13_batched_key_indexes),
)
LATEST = MIGRATIONS[-1][0]
VERSIONS = frozenset(v for v, _, _ in MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    current_version(conn)  # makes schema_version if needed
    return {int(r[0]) for r in conn.execute("SELECT version FROM schema_version")}


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply the steps the database has not seen, each in its own transaction.

    A step is skipped when its own number is recorded, not when a higher one is: branches
    developed side by side add steps with numbers apart (9, 10), and a store migrated by the
    one merged first must still get the other's step.
    """
    applied = []
    have = applied_versions(conn)
    for version, name, step in MIGRATIONS:
        if version in have:
            continue
        with transaction(conn):
            # Another process may have applied it while we waited for the lock.
            if version in applied_versions(conn):
                continue
            step(conn)
            conn.execute("INSERT INTO schema_version VALUES (?, ?, datetime('now'))", (version, name))
            applied.append(version)
    sync_columns(conn)
    return applied


def sync_columns(conn: sqlite3.Connection) -> list[str]:
    """Add columns for model fields added since the database was created."""
    added = []
    views = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    for table in TABLES:
        if table in views:  # mentions since migration 11: its columns are the view's definition
            continue
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({q(table)})")}
        for col, kind in table_columns(table):
            if col not in have:
                conn.execute(f"ALTER TABLE {q(table)} ADD COLUMN {q(col)} {SQL_TYPE[kind]}")
                added.append(f"{table}.{col}")
    return added


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (the connection runs in autocommit mode otherwise).

    IMMEDIATE takes the write lock up front, so two writers queue instead of
    failing half-way; a crash inside leaves the database as it was before.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
