"""The Store: one SQLite file holding every analysed document, layer by layer.

A document is keyed by its content hash (`source.sha256`, the hash of the raw
input bytes). Writing the same input twice changes nothing; writing a
document is one transaction, so a process killed in the middle leaves either
the whole document or none of it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, cast

from newsgraph.corpus import identity
from newsgraph.errors import Code
from newsgraph.model import AnalyzedDocument, Mention, Rejected
from newsgraph.model.document import layers_of
from newsgraph.model.serialize import TABLES, from_rows, table_columns, tuple_maker
from newsgraph.store.errors import StoreConnection, StoreError, connect
from newsgraph.store.opening import (
    check_is_store,
    check_tables,
    connect_readonly,
    has_sqlite_header,
    quick_check,
    writable,
)
from newsgraph.store.schema import (
    BATCH_INDEXED,
    FTS_PENDING,
    FTS_TABLES,
    INDEXED,
    LATEST,
    MENTION_SPANS,
    STORED_LAYERS,
    VERSIONS,
    migrate,
    q,
    transaction,
)

DEFAULT_DB = "newsgraph.db"

# Python's sqlite3 (3.11; 3.12 made the look-up cheaper) seeks an adapter for every parameter that is not
# exactly an int, float, str or bytearray, None and bool among them; finding none registered, it raises and
# discards two AttributeErrors (messages formatted) per such cell. A stored article binds several hundred
# None and bool cells: registering what sqlite3 binds them as anyway (None as NULL, a bool as the integer
# 0/1) spares that, -0.7 M of 9.8 M instructions per stored article (docs/benchmarks.md), the stored bytes
# the same. The registry is sqlite3's, process-wide; the bound values are unchanged for every other user.
_no_cells: dict[None, None] = {}
# _no_cells.get(None) is None: an identity for None, called in C (a Python function would cost a frame)
sqlite3.register_adapter(type(None), cast(Callable[[None], None], _no_cells.get))
sqlite3.register_adapter(bool, int)


def default_db_path(path: str | os.PathLike[str] | None = None) -> Path:
    """--db PATH, else $NEWSGRAPH_DB, else ./newsgraph.db."""
    return Path(path or os.environ.get("NEWSGRAPH_DB") or DEFAULT_DB)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _version(conn: sqlite3.Connection) -> int:
    """The highest migration applied; LATEST only when every migration is (none skipped by a merge of branches)."""
    try:
        have = {int(r[0]) for r in conn.execute("SELECT version FROM schema_version")}
    except sqlite3.OperationalError:  # no schema_version table: not made by newsgraph, or empty
        return 0
    top = max(have, default=0)
    return top if VERSIONS <= have or top < LATEST else LATEST - 1


# A shorter quotation ("No.") is not known again by its words alone: it gets no quote key.
QUOTE_MIN_WORDS = 4
# A run of characters for which str.isalnum() holds: `\w` is isalnum() or "_" (what re's Unicode
# word class tests), so this is the words of the old per-character loop, about twice as fast.
_ALNUM_RUN = re.compile(r"[^\W_]+")


def quote_key(text: str | None) -> str | None:
    """One quotation however it is written: letters and digits only, lower case ("“We will,”" = "we will"),
    or None when it has fewer than QUOTE_MIN_WORDS words.

    The one definition of the stored `attributions.quote_key`: the writer calls it on every insert and
    migration 9 (store/schema.py) on every older row, so the explorer can group a quotation's appearances by an index.
    """
    if text is None:
        return None
    words = _ALNUM_RUN.findall(text.lower())
    return " ".join(words) if len(words) >= QUOTE_MIN_WORDS else None


_encode_spans = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_encode_str = json.encoder.encode_basestring  # the encoder's own string escape (ensure_ascii off)


def _mention_spans(mentions: tuple[Mention, ...]) -> str | None:
    """An entity's mentions as its row stores them (migration 11): `[[start, end, text], ...]`, None for none.

    Written out for the usual cells (int offsets, a text): the encoder's call sets up a new C encoder each
    time, which cost more than the text; the same JSON as `_encode_spans` gives (tested)."""
    if not mentions:
        return None
    # One loop that checks and writes (two generators over ~110 mentions a document cost twice as much).
    cells = []
    for m in mentions:
        start, end, text = m.start, m.end, m.text
        if type(start) is not int or type(end) is not int or type(text) is not str:
            return _encode_spans([(m.start, m.end, m.text) for m in mentions])
        cells.append(f"[{start},{end},{_encode_str(text)}]")
    return "[" + ",".join(cells) + "]"


# The search indexes take new articles in batches (migration 12): a put records its articles in
# `fts_pending`, and they are indexed together once this many are pending, once the oldest has waited
# SEARCH_LAG_S, when the Store closes, at the end of an ingest run and before a search from this Store.
# A reader on another connection (the web server's, read-only) finds by search what the last batch
# indexed; every other table shows an article at once. One FTS5 segment per batch instead of per
# transaction is most of the saving: fewer, larger segments, and far fewer merges of them.
SEARCH_BATCH = 256
SEARCH_LAG_S = 30.0


def _ents(doc: AnalyzedDocument) -> Sequence[identity.EntityLike]:
    return doc.entities  # as they are: linking reads their fields (identity.EntityLike)


def _from_sql(value: Any, kind: str) -> Any:
    if kind == "bool" and value is not None:
        return bool(value)
    return value


class Store:
    """Open (and create or migrate) a store: `Store("newsgraph.db")`.

    Use it as a context manager or call close(). Query helpers that return
    plain dicts live in newsgraph.store.queries and take a Store.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, readonly: bool = False):
        self.path = default_db_path(path)
        self.readonly = readonly
        self.conn = self._open_readonly() if readonly else self._open_readwrite()
        self.conn.execute("PRAGMA cache_size=-65536")
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA busy_timeout=30000")
        # Linking entities to corpus entities on every put; the store bench turns it off to report its cost.
        self.link_entities = True
        # The linking session of the last committed put, kept while it still shows the store (_session).
        self._linker: identity.Session | None = None
        self._linker_mark: tuple[int, int] | None = None
        # Articles this Store made pending in the search indexes since its last batch, and when the first came.
        self._unindexed = 0
        self._unindexed_since = 0.0
        self._closed = False
        self._plans = {t: [c for c, _ in table_columns(t)] for t in TABLES}
        # Store-only columns go last: `ingested_at` for an article, `art` (its article's _row) for a layer row,
        # and an attribution's `quote_key` (quote_key above; queries group one quotation's appearances by it).
        extra = {t: ["ingested_at"] if t == "articles" else ["art"] for t in TABLES}
        extra["attributions"].append("quote_key")
        extra["entities"].append(MENTION_SPANS)
        # A new entity or attribution row is out of its partial key index until its article's batch (INDEXED).
        unindexed = {t: [INDEXED] if t in BATCH_INDEXED else [] for t in TABLES}
        self._insert_sql = {
            t: f"INSERT INTO {q(t)} ({', '.join(q(c) for c in cols + extra[t] + unindexed[t])}) "
               f"VALUES ({', '.join(['?' for _ in cols + extra[t]] + ['NULL' for _ in unindexed[t]])})"
            for t, cols in self._plans.items()
        }
        self._fts_sql = [
            f"INSERT INTO {q(t + '_fts')} (rowid, {', '.join(q(c) for c in cols)}) SELECT _row, "
            f"{', '.join(q(c) for c in cols)} FROM {q(t)} WHERE {'_row' if t == 'articles' else 'art'} "
            f"IN (SELECT art FROM {FTS_PENDING})"
            for t, cols in FTS_TABLES.items()
        ]
        if not readonly:
            migrate(self.conn)
            # A writer that stopped between batches (killed, or another process's) left articles pending.
            self.index_pending()

    def _open_readonly(self) -> StoreConnection:
        if not self.path.exists():
            raise FileNotFoundError(f"no store at {self.path}; run `newsgraph ingest` first")
        has_sqlite_header(self.path)
        conn = connect_readonly(self.path)
        try:
            check_tables(conn, self.path)  # another program's database: E013, and nothing is written
        except BaseException:
            conn.close()
            raise
        version = _version(conn)
        if version >= LATEST:
            return conn
        conn.close()
        if version == 0:
            raise StoreError(Code.NOT_A_STORE, f"no newsgraph store yet: {self.path} is empty; "
                                               f"run `newsgraph ingest PATH --db {self.path}` first", self.path)
        if not writable(self.path):
            raise StoreError(Code.STORE_FAILED, f"the store needs schema version {LATEST} and has {version}, "
                                                f"but it is read-only and cannot be migrated: {self.path}", self.path)
        # Queries need the current schema (e.g. `art`, migration 6): a store made by an
        # older newsgraph is migrated once, by a short read-write open, then read.
        Store(self.path).close()
        return connect_readonly(self.path)

    def _open_readwrite(self) -> StoreConnection:
        # Look before writing: migrations and WAL must never touch another program's file.
        check_is_store(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(Code.STORE_FAILED, f"cannot create the store's folder: {self.path.parent} "
                                                f"({exc.strerror or exc})", self.path) from None
        conn = connect(str(self.path), self.path, isolation_level=None, timeout=30, check_same_thread=False)
        # WAL lets readers (the API, a second CLI) run while the ingester writes.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        # Fewer, larger checkpoints and a bigger page cache: the writer touches many index pages per document.
        conn.execute("PRAGMA wal_autocheckpoint=10000")
        return conn

    def quick_check(self) -> None:
        """StoreError E014 when SQLite's quick_check finds damaged pages (run before adding to a store)."""
        quick_check(self.conn, self.path)

    # ------------------------------------------------------------ lifecycle
    def close(self) -> None:
        """Index what is pending for search, then close (a read-only Store only closes)."""
        if self._closed:
            return
        try:
            self.index_pending()
        finally:
            self._closed = True
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is None:
            self.close()
            return
        # Leaving on an error: that error is the one to see. Articles left pending stay recorded, and the
        # next writable open indexes them, so a failure to index them here loses nothing.
        try:
            self.close()
        except (sqlite3.Error, StoreError):
            pass

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # ---------------------------------------------------------------- write
    def has(self, sha256: str) -> bool:
        """True when this content is stored, analysed or as a rejection."""
        return self.conn.execute(
            "SELECT 1 FROM articles WHERE doc = ? UNION ALL SELECT 1 FROM rejections WHERE doc = ? LIMIT 1",
            (sha256, sha256),
        ).fetchone() is not None

    def known_hashes(self, *, retry_errors: bool = True) -> set[str]:
        """Content hashes that need no more work.

        Rejections (R...) say the input itself is unusable, so they count as
        done; with `retry_errors`, errors (E...: time budget, internal error,
        failed fetch) do not, so a rerun tries those documents again.
        """
        sql = "SELECT doc FROM articles UNION SELECT doc FROM rejections"
        if retry_errors:
            sql += " WHERE code NOT LIKE 'E%'"
        return {r[0] for r in self.conn.execute(sql)}

    def put(self, doc: AnalyzedDocument | Rejected, *, replace: bool = False) -> bool:
        """Store one document; False when it was there already (and `replace` is off)."""
        return self.put_many([doc], replace=replace) == 1

    def put_many(self, docs: Iterable[AnalyzedDocument | Rejected], *, replace: bool = False) -> int:
        """Store documents in one transaction; returns how many were written."""
        return sum(self.put_each(docs, replace=replace))

    def put_each(self, docs: Iterable[AnalyzedDocument | Rejected], *, replace: bool = False) -> list[bool]:
        """Store documents in one transaction; for each, whether this call wrote it.

        False means the content was there already, e.g. stored meanwhile by a
        second ingest into the same store: that one counts it, not this one.
        """
        now = _now()
        fresh: list[int] = []
        with transaction(self.conn):
            # One linking session per transaction, the articles' lookups sharing what it read; kept for the
            # next transaction while nothing else writes to the store (_session).
            linker = self._session() if self.link_entities else None
            docs = list(docs)
            # Each article's entities as linking sees them, made once for the prefetch and the link.
            ents_of = {d.source.sha256: _ents(d) for d in docs if not isinstance(d, Rejected)} if linker else {}
            if linker is not None:
                linker.prefetch(ents_of.items())
            wrote = [bool(self._put(doc, replace, now, fresh, linker, ents_of)) for doc in docs]
            # Pending before the flush: a merge it writes finds this transaction's entity rows as pending ones.
            self._queue_text(fresh)
            if linker is not None:
                linker.flush()
            if self._unindexed >= SEARCH_BATCH or (
                    self._unindexed and time.monotonic() - self._unindexed_since > SEARCH_LAG_S):
                self._index_pending()
            # Read while this transaction holds the write lock: no other connection can commit before ours,
            # so a commit by one right after ours moves data_version past this mark.
            mark = self._write_mark() if linker is not None else None
        if linker is not None:
            # Committed: what the session read and wrote is now the store's, until someone else writes.
            self._linker, self._linker_mark = linker, mark
        return wrote

    def _write_mark(self) -> tuple[int, int]:
        # data_version moves when another connection commits, total_changes when this one writes.
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0]), self.conn.total_changes

    def _session(self) -> identity.Session:
        """The linking session for this transaction: the last put's, when nothing was written to the store
        since its commit (its corpus entities, keys and profiles are then what the store holds), else a new one.

        Reusing it spares reading and parsing again the corpus entities that earlier transactions met. A put
        that fails (rolled back) leaves no session to reuse: it is taken here and given back only on commit.
        """
        kept, self._linker = self._linker, None
        if kept is None or self._linker_mark != self._write_mark() or len(kept.by_id) > identity.SESSION_MAX:
            return identity.Session(self.conn)
        kept.renew()
        return kept

    def _queue_text(self, arts: list[int]) -> None:
        """Record these new articles as pending for the search indexes (migration 12), in this transaction."""
        if arts:
            self.conn.executemany(f"INSERT OR IGNORE INTO {FTS_PENDING} (art) VALUES (?)", [(a,) for a in arts])
            if not self._unindexed:
                self._unindexed_since = time.monotonic()
            self._unindexed += len(arts)
            arts.clear()

    def _index_pending(self) -> None:
        """Add every pending article's text and its quotes to the search indexes, and its entity and attribution
        rows to the corpus-id and quote-key indexes (INDEXED), inside a transaction.

        All pending articles, whichever writer stored them: the batch and the emptying of `fts_pending`
        commit together, so an article is indexed exactly once.
        """
        for sql in self._fts_sql:
            self.conn.execute(sql)
        for table in BATCH_INDEXED:
            self.conn.execute(f"UPDATE {q(table)} SET {INDEXED} = 1 WHERE art IN (SELECT art FROM {FTS_PENDING})")
        self.conn.execute(f"DELETE FROM {FTS_PENDING}")
        self._unindexed = 0

    def index_pending(self) -> None:
        """Bring the search indexes up to date with every stored article (a writable Store).

        Searches through this Store call it first; a read-only Store cannot write, and searches what the
        writers' last batch indexed (SEARCH_BATCH). Nothing to do costs one look-up.
        """
        if self.readonly or self._closed:
            return
        if not self._unindexed and self.conn.execute(f"SELECT 1 FROM {FTS_PENDING} LIMIT 1").fetchone() is None:
            return
        keep = self._linker is not None and self._linker_mark == self._write_mark()
        with transaction(self.conn):
            self._index_pending()
            mark = self._write_mark()
        if keep:
            # Our own write, which the kept linking session does not depend on: the session stays valid.
            self._linker_mark = mark

    def _put(self, doc: AnalyzedDocument | Rejected, replace: bool, now: str, fresh: list[int],
             linker: identity.Session | None, ents_of: dict[str, Sequence[identity.EntityLike]]) -> int:
        key = doc.source.sha256
        if isinstance(doc, Rejected):
            # Content that was analysed once is not demoted by a later failure to read it.
            if self.conn.execute("SELECT 1 FROM articles WHERE doc = ?", (key,)).fetchone():
                return 0
            cur = self.conn.execute(
                "INSERT INTO rejections (doc, source_id, source_uri, source_format, code, message, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_uri, doc) DO NOTHING",
                (key, doc.source.id, doc.source.uri, doc.source.format, doc.code, doc.message, now),
            )
            return cur.rowcount
        exists = self.conn.execute("SELECT 1 FROM articles WHERE doc = ?", (key,)).fetchone()
        if exists and not replace:
            return 0
        if exists:
            # The delete triggers skip what is pending (never indexed): rows written earlier in this
            # transaction must be recorded as pending before any delete.
            self._queue_text(fresh)
            self._delete(key)
        art = self._insert_article(doc, key, now)
        fresh.append(art)
        # Corpus ids are the store's too: whatever the document carries is replaced by this store's.
        ids = linker.link(key, art, ents_of.get(key) or _ents(doc)) if linker is not None else {}
        self._insert_layers(doc, key, art, ids)
        # It reads now: an earlier failure to fetch or read the same URI is history.
        self.conn.execute("DELETE FROM rejections WHERE source_uri = ? OR doc = ?", (doc.source.uri, key))
        return 1

    def _insert_article(self, doc: AnalyzedDocument, key: str, now: str) -> int:
        # A story id is the store's: an article is its own story until `dupes` finds it is a copy.
        make = tuple_maker("articles", replace=(("story_id", "'g' + key[:12]"),), extra=("t",))
        art = self.conn.execute(self._insert_sql["articles"], make(doc, key, t=now)).lastrowid
        assert art is not None  # an INSERT gives a rowid
        return art

    def _insert_layers(self, doc: AnalyzedDocument, key: str, art: int, ids: dict[str, str]) -> None:
        """Every layer row of one article, built straight into the INSERT's tuples (serialize.tuple_maker):
        the same cells as `to_rows` gives, plus `art`, an entity's corpus id and mentions, a quotation's key."""
        layers = set(layers_of(type(doc)))
        for table in STORED_LAYERS:
            if table not in layers:
                continue
            make = self._layer_maker(table)
            # `f`: what makes the table's store-only cell (an entity's mentions, a quotation's key)
            f = _mention_spans if table == "entities" else quote_key
            rows = [make(item, key, seq, art, ids, f) for seq, item in enumerate(getattr(doc, table))]
            if rows:
                self.conn.executemany(self._insert_sql[table], rows)

    @staticmethod
    def _layer_maker(table: str) -> Any:
        # The plan of `_insert_sql` (table_columns), so the tuple's cells are the INSERT's columns.
        if table == "entities":
            return tuple_maker(table, replace=(("corpus_id", "ids.get(o.id)"),), extra=("t", "f(o.mentions)"))
        if table == "attributions":
            return tuple_maker(table, extra=("t", "f({content_text})"))
        return tuple_maker(table, extra=("t",))

    def _article_row(self, key: str) -> int | None:
        row = self.conn.execute("SELECT _row FROM articles WHERE doc = ?", (key,)).fetchone()
        return None if row is None else int(row[0])

    def _delete(self, key: str) -> None:
        art = self._article_row(key)
        if art is not None:
            for table in STORED_LAYERS:
                self.conn.execute(f"DELETE FROM {q(table)} WHERE art = ?", (art,))
            self.conn.execute("DELETE FROM articles WHERE _row = ?", (art,))
        self.conn.execute("DELETE FROM minhashes WHERE doc = ?", (key,))
        self.conn.execute("DELETE FROM dup_groups WHERE doc = ?", (key,))

    # ----------------------------------------------------------------- read
    def rows(self, table: str, where: str = "", params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        """Rows of a layer table with exactly the serialize columns (typed back)."""
        if table not in self._plans:
            raise ValueError(f"unknown table {table!r}; tables: {', '.join(TABLES)}")
        kinds = table_columns(table)
        names = ", ".join(q(c) for c, _ in kinds)
        sql = f"SELECT {names} FROM {q(table)} {where}"
        for r in self.conn.execute(sql, tuple(params)):
            yield {c: _from_sql(r[i], k) for i, (c, k) in enumerate(kinds)}

    def get(self, sha256: str) -> AnalyzedDocument | None:
        """One document back as the model, or None."""
        art = self._article_row(sha256)
        if art is None:
            return None
        return from_rows({t: list(self.rows(t, "WHERE _row = ?" if t == "articles" else "WHERE art = ?", (art,)))
                          for t in TABLES})

    def documents(self, batch: int = 500) -> Iterator[AnalyzedDocument]:
        """Every stored document, in ingest order, a batch of keys at a time."""
        last = 0
        while True:
            keys = self.conn.execute(
                "SELECT _row, doc FROM articles WHERE _row > ? ORDER BY _row LIMIT ?", (last, batch)
            ).fetchall()
            if not keys:
                return
            first, last = keys[0][0], keys[-1][0]
            docs = [k[1] for k in keys]
            grouped: dict[str, dict[str, list[dict[str, Any]]]] = {d: {t: [] for t in TABLES} for d in docs}
            for table in TABLES:
                # The batch is a run of article rowids, so its layer rows are one range of the key index.
                col = "_row" if table == "articles" else "art"
                for row in self.rows(table, f"WHERE {col} BETWEEN ? AND ?", (first, last)):
                    grouped[row["doc"]][table].append(row)
            for d in docs:
                yield from_rows(grouped[d])

    def rejections(self) -> list[dict[str, Any]]:
        cur = self.conn.execute(
            "SELECT doc, source_id, source_uri, source_format, code, message, ingested_at FROM rejections ORDER BY id"
        )
        return [dict(r) for r in cur]

    def rejected(self) -> Iterator[Rejected]:
        from newsgraph.model import SourceRef

        for r in self.rejections():
            src = SourceRef(id=r["source_id"], uri=r["source_uri"], sha256=r["doc"], format=r["source_format"])
            yield Rejected(src, r["code"], r["message"])

    def counts(self) -> dict[str, int]:
        """Row counts per layer table plus rejections."""
        # Mentions are counted on the entity rows that hold them (migration 11), without expanding the view.
        sql = {t: f"SELECT COALESCE(SUM(json_array_length({MENTION_SPANS})), 0) FROM entities" if t == "mentions"
               else f"SELECT COUNT(*) FROM {q(t)}" for t in TABLES}
        out = {t: self.conn.execute(sql[t]).fetchone()[0] for t in TABLES}
        out["rejections"] = self.conn.execute("SELECT COUNT(*) FROM rejections").fetchone()[0]
        return out

    def schema_version(self) -> int:
        return int(self.conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)

    # ------------------------------------------------------ HTTP cache state
    def cache_get(self, url: str) -> dict[str, Any] | None:
        """Validators for a conditional GET of `url`, or None.

        A page's validators count only once its content is stored: a run
        killed between fetching and storing must fetch the page again, not
        be told "304 unchanged". A feed is remembered only after all its
        items were stored (see Fetcher.remember), so the same holds for it.
        """
        row = self.conn.execute(
            "SELECT * FROM http_cache c WHERE url = ? AND (kind = 'feed' OR EXISTS "
            "(SELECT 1 FROM articles WHERE doc = c.sha256) OR EXISTS (SELECT 1 FROM rejections WHERE doc = c.sha256))",
            (url,),
        ).fetchone()
        return dict(row) if row else None

    def cache_put(self, url: str, *, etag: str | None, last_modified: str | None, status: int,
                  sha256: str | None, kind: str = "page") -> None:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO http_cache VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "etag = excluded.etag, last_modified = excluded.last_modified, status = excluded.status, "
                "sha256 = excluded.sha256, fetched_at = excluded.fetched_at, kind = excluded.kind",
                (url, etag, last_modified, status, sha256, _now(), kind),
            )


def open_store(path: str | os.PathLike[str] | None = None, *, readonly: bool = False) -> Store:
    """Open the store at PATH (else $NEWSGRAPH_DB, else ./newsgraph.db), creating it if needed."""
    return Store(path, readonly=readonly)
