"""Migration 12, in place: the search indexes take new articles in batches (`fts_pending`), and the delete
triggers leave alone what is pending.

A store made at schema version 11 (every article indexed as its transaction committed) opens at 12 with the
same rows and search answers, nothing pending; articles written after it are found once indexed, and
replacing old and new ones keeps both indexes intact.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsgraph.model.serialize import to_json
from newsgraph.store import SCHEMA_VERSION, open_store, queries
from newsgraph.store import db as db_mod
from newsgraph.store import schema as schema_mod
from newsgraph.store.schema import FTS_PENDING, FTS_TABLES
from tests.store.fixtures import talks_doc, unstored
from tests.store.test_store_search_batches import _answers, _docs, _intact


def _tuples(rows: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in rows]


def _made_at_version11(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A version-11 store: its migrations only, its articles indexed in full as that release left them."""
    with monkeypatch.context() as m:
        m.setattr(schema_mod, "MIGRATIONS", tuple(s for s in schema_mod.MIGRATIONS if s[0] <= 11))
        # Version 11 had no pending table: nothing waits, the text is indexed below as it was on commit.
        m.setattr(db_mod.Store, "_queue_text", lambda self, arts: arts.clear())
        m.setattr(db_mod.Store, "index_pending", lambda self: None)
        m.setattr(db_mod, "BATCH_INDEXED", {})  # no `indexed` column before migration 13
        with open_store(path) as store:
            assert store.schema_version() == 11
            store.put_many(_docs(16)[:8])
            store.put_many(_docs(16)[8:])
            with schema_mod.transaction(store.conn):
                for t in FTS_TABLES:
                    store.conn.execute(f"INSERT INTO {t}_fts({t}_fts) VALUES ('rebuild')")


def test_a_version11_store_is_migrated_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v11.db"
    _made_at_version11(path, monkeypatch)
    conn = sqlite3.connect(path)
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (FTS_PENDING,)).fetchone()
    rows = _tuples(conn.execute("SELECT _row, doc, title, story_id FROM articles ORDER BY _row"))
    ids = _tuples(conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row"))
    answers = _answers(conn)
    conn.close()
    assert sum(map(bool, answers)) >= 10
    with open_store(path) as store:
        conn = store.conn
        assert store.schema_version() == SCHEMA_VERSION >= 12
        assert conn.execute(f"SELECT COUNT(*) FROM {FTS_PENDING}").fetchone()[0] == 0
        assert _tuples(conn.execute("SELECT _row, doc, title, story_id FROM articles ORDER BY _row")) == rows
        assert _tuples(conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row")) == ids
        assert _answers(conn) == answers
        for doc in _docs(16):
            back = store.get(doc.source.sha256)
            assert back is not None and unstored(to_json(back)) == to_json(doc)
        # Written after the migration: pending, then found; old (indexed) and new (pending) replaced.
        new = talks_doc("2025-01-02", minister="Ada Brun", town="Quarrytown")
        assert store.put(new)
        assert conn.execute(f"SELECT COUNT(*) FROM {FTS_PENDING}").fetchone()[0] == 1
        fewer = [d.__class__(**{**d.__dict__, "attributions": d.attributions[:1]}) for d in (_docs(16)[3], new)]
        assert store.put_many(fewer, replace=True) == 2
        assert {r["doc"] for r in queries.search(store, "Quarrytown")} == {new.source.sha256}
        _intact(conn)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
