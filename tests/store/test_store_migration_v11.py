"""Migration 11: a store made by the current release (schema 10) is migrated in place.

tests/store/data/store_v10.sql holds the schema and rows of a store that newsgraph wrote at schema
version 10 (main at cc030e4, from the fictional articles of tests/store/fixtures.py); its search
index is rebuilt from the rows as it is loaded.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from newsgraph.model.serialize import to_json
from newsgraph.store import SCHEMA_VERSION, open_store, queries
from newsgraph.store.schema import STAGED_INDEXES
from tests.store.fixtures import talks_doc, unstored

DATA = Path(__file__).parent / "data"


def _v10_store(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript((DATA / "store_v10.sql").read_text("utf-8"))
    for fts in ("articles_fts", "attributions_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    conn.close()


def _seen(conn: Any) -> dict[str, Any]:
    """What a user sees of the store: every layer row, corpus ids and entities, story ids."""
    sql = {
        "entities": "SELECT _row, art, id, name, corpus_id FROM entities ORDER BY _row",
        "attributions": "SELECT _row, content_text, quote_key FROM attributions ORDER BY _row",
        "events": "SELECT _row, type, source_name FROM events ORDER BY _row",
        "corpus": "SELECT id, name, type, profile FROM corpus_entities ORDER BY id",
        "stories": "SELECT doc, story_id FROM articles ORDER BY _row",
    }
    return {k: [tuple(r) for r in conn.execute(q)] for k, q in sql.items()}


def _answers(store: Any) -> list[Any]:
    return [
        [(r["quote"], r["doc"]) for r in queries.quotes(store, speaker="Lena Ortiz")],
        [(r["name"], r["articles"], r["corpus_id"]) for r in queries.entities(store, top=50)],
        [(r["type"], r["doc"]) for r in queries.events(store, type="REJECT", min_confidence=None)],
        [(r["kind"], r["doc"]) for r in queries.timeline(store, "Ortiz")],
    ]


def test_a_version10_store_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "v10.db"
    _v10_store(path)
    conn = sqlite3.connect(path)
    before = _seen(conn)
    conn.close()
    assert len(before["corpus"]) >= 5 and any(r[4] for r in before["entities"])
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 11
        conn = store.conn
        # Nothing a user sees changed: rows, corpus ids (their string form), story ids.
        assert _seen(conn) == before
        # Rows already stored are folded; each staged index is led by `staged`.
        for table, (index, col) in STAGED_INDEXES.items():
            assert conn.execute(f"SELECT COUNT(*) FROM {table} WHERE staged != 0").fetchone()[0] == 0
            assert [r[2] for r in conn.execute(f"PRAGMA index_info({index})")] == ["staged", col]
        answers = _answers(store)
        assert all(answers), answers
        # A write after the migration is staged, and found by identity before and after the fold.
        extra = talks_doc("2024-04-01", minister="Lena Ortiz", town="Southgate")
        assert store.put(extra)
        assert conn.execute("SELECT COUNT(*) FROM entities WHERE staged > 0").fetchone()[0] == len(extra.entities)
        staged = _answers(store)
        assert extra.source.sha256 in {doc for _, doc in staged[0]}
        store.fold()
        assert _answers(store) == staged
        got = store.get(extra.source.sha256)
        assert got is not None and unstored(to_json(got)) == to_json(extra)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
