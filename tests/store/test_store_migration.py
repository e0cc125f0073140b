"""Migration 6: a version-5 store (layer rows keyed by the hash) keeps working once opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from newsgraph.model import AnalyzedDocument
from newsgraph.model.serialize import TABLES, table_columns, to_json, to_rows
from newsgraph.store import SCHEMA_VERSION, Store, open_store, queries
from newsgraph.store.schema import MIGRATIONS, current_version, q, transaction
from tests.store.fixtures import talks_doc, unstored


def _docs() -> list[AnalyzedDocument]:
    return [
        talks_doc("2024-03-20"),
        talks_doc("2024-02-01", minister="Marco Vell", town="Eastgate"),
        talks_doc("2024-03-25", extra=" A cease-fire was agreed in the evening."),
    ]


def _version5_store(path: Path, docs: list[AnalyzedDocument]) -> None:
    """Rows written the way a version-5 newsgraph wrote them: no `art`, keys on `doc`."""
    conn = sqlite3.connect(path, isolation_level=None)
    current_version(conn)
    for version, name, step in MIGRATIONS[:5]:
        with transaction(conn):
            step(conn)
            conn.execute("INSERT INTO schema_version VALUES (?, ?, 'then')", (version, name))
    with transaction(conn):
        for doc in docs:
            for table, rows in to_rows(doc).items():
                cols = [c for c, _ in table_columns(table)]
                sql = f"INSERT INTO {q(table)} ({', '.join(q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})"
                conn.executemany(sql, [[r[c] for c in cols] for r in rows])
        # A gap in the article rowids, so `art` cannot be right by accident.
        conn.execute("DELETE FROM articles WHERE doc = ?", (docs[0].source.sha256,))
        for table in TABLES[1:]:
            conn.execute(f"DELETE FROM {q(table)} WHERE doc = ?", (docs[0].source.sha256,))
    conn.close()


def _answers(store: Store, doc: str) -> dict[str, Any]:
    return {
        "search": queries.search(store, "talks"),
        "quotes": queries.quotes(store),
        "quotes_of_doc": queries.quotes(store, doc=doc),
        "quotes_about": queries.quotes(store, about="crossing", since="2024-03-01"),
        "entities": queries.entities(store),
        "events": queries.events(store),
        "timeline": queries.timeline(store, "Marco Vell"),
    }


def test_reading_a_version5_store_migrates_it_first(tmp_path: Path) -> None:
    docs = _docs()
    _version5_store(tmp_path / "v5.db", docs)
    with open_store(tmp_path / "v5.db", readonly=True) as store:  # as `newsgraph quotes` opens it
        assert store.schema_version() == SCHEMA_VERSION
        assert len(queries.quotes(store, doc=docs[1].source.sha256)) == 3


def test_a_version5_store_is_migrated_in_place(tmp_path: Path) -> None:
    first, *kept = _docs()
    old = tmp_path / "v5.db"
    _version5_store(old, [first, *kept])
    with open_store(tmp_path / "fresh.db") as fresh:
        fresh.put_many(kept)
        expected = _answers(fresh, kept[0].source.sha256)
    with open_store(old) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 6
        for table in TABLES[1:]:
            wrong = store.conn.execute(
                f"SELECT COUNT(*) FROM {q(table)} t LEFT JOIN articles ar ON ar.doc = t.doc "
                "WHERE ar._row IS NULL OR t.art IS NOT ar._row").fetchone()[0]
            assert wrong == 0, table
            if table == "mentions":  # a view over entities since migration 11: entities_key serves it
                continue
            key = [r[2] for r in store.conn.execute(f"PRAGMA index_info({q(table + '_key')})")]
            assert key[0] == "art", table
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert not indexes & {"attributions_speaker", "entities_name"}  # migration 7: no query used them
        assert store.conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] > 0
        for doc in kept:
            back = store.get(doc.source.sha256)
            assert back is not None and unstored(to_json(back)) == to_json(doc)
        assert store.get(first.source.sha256) is None
        assert [unstored(to_json(d)) for d in store.documents()] == [to_json(d) for d in kept]
        assert _answers(store, kept[0].source.sha256) == expected
        # Writing again: the same content is a no-op, a replacement and a new document use `art`.
        before = store.counts()
        assert store.put_many(kept) == 0 and store.counts() == before
        assert store.put(kept[1], replace=True) and store.counts() == before
        assert store.put(first)
        assert [unstored(to_json(d)) for d in store.documents()] == [to_json(d) for d in (kept[0], kept[1], first)]
        assert store.conn.execute("INSERT INTO attributions_fts(attributions_fts) VALUES ('integrity-check')")
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
