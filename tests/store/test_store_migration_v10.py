"""Migration 10: a store made by the current release (schema 8) is migrated in place.

tests/store/data/store_v8_schema.sql and store_v8_rows.sql hold the schema and rows of a store
that newsgraph wrote at schema version 8 (main at f4c1fc3, from the fictional articles of
tests/store/fixtures.py); its FTS index is built by that release's insert triggers as the rows are loaded.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsgraph.model.serialize import to_json
from newsgraph.store import SCHEMA_VERSION, open_store, queries
from newsgraph.store import schema as schema_mod
from newsgraph.store.schema import applied_versions, migrate
from tests.store.fixtures import talks_doc, unstored

DATA = Path(__file__).parent / "data"


def _v8_store(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for part in ("store_v8_schema.sql", "store_v8_rows.sql"):  # the schema shared with the migration 9 test
        conn.executescript((DATA / part).read_text("utf-8"))
    conn.close()


def _answers(conn: Any) -> list[Any]:
    """What the two search indexes answer, ranked, for a few words (raw FTS5, no newsgraph query)."""
    return [[tuple(r) for r in conn.execute(f"SELECT rowid, round(rank, 6) FROM {fts} WHERE {fts} MATCH ? ORDER BY rank",
                                            (word,))]
            for fts in ("articles_fts", "attributions_fts") for word in ("talks", "crossing", "Eastgate", "Ortiz")]


def test_a_version8_store_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "v8.db"
    _v8_store(path)
    conn = sqlite3.connect(path)
    stored = {r[0]: tuple(r[1:]) for r in conn.execute("SELECT doc, title, story_id FROM articles")}
    ids = conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row").fetchall()
    answers = _answers(conn)
    conn.close()
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 10
        conn = store.conn
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert triggers == {"articles_ad", "attributions_ad"}  # inserts are indexed by the Store now
        assert conn.execute("SELECT COUNT(*) FROM corpus_redirects").fetchone()[0] == 0
        # Nothing else changed: rows, corpus ids, story ids, the search index and its answers.
        assert {r[0]: tuple(r[1:]) for r in conn.execute("SELECT doc, title, story_id FROM articles")} == stored
        assert [tuple(r) for r in conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row")] == ids
        assert _answers(conn) == answers and sum(map(bool, answers)) >= 6
        for fts in ("articles_fts", "attributions_fts"):
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        # Writes after the migration are searchable, replacing one keeps the index whole.
        extra = talks_doc("2024-04-01", minister="Ines Duarte", town="Northgate")
        assert store.put(extra)
        hits = [(r["kind"], r["doc"]) for r in queries.search(store, "Northgate")]
        assert ("article", extra.source.sha256) in hits
        assert [r["quote"] for r in queries.quotes(store, about="doubles", speaker="Ines Duarte")]
        assert store.put(extra, replace=True)
        assert store.put_many([talks_doc("2024-04-02", minister="Ada Brun", town="Southgate"), extra],
                              replace=True) == 2
        for fts in ("articles_fts", "attributions_fts"):
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        assert [(r["kind"], r["doc"]) for r in queries.search(store, "Northgate")] == hits  # indexed once
        got = store.get(extra.source.sha256)
        assert got is not None and unstored(to_json(got)) == to_json(extra)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_step_numbered_below_the_highest_applied_one_still_runs(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # Branches add steps side by side (9 and 10): a store that got 10 before 9 existed must still get
    # 9. Simulated by forgetting that step 9 ran and swapping in a recorder for it.
    with open_store(tmp_path / "s.db") as store:
        assert {9, SCHEMA_VERSION} <= applied_versions(store.conn)
        store.conn.execute("DELETE FROM schema_version WHERE version = 9")
        assert 9 not in applied_versions(store.conn)
        ran: list[int] = []
        steps = tuple((v, d, (lambda c: ran.append(9)) if v == 9 else f) for v, d, f in schema_mod.MIGRATIONS)
        monkeypatch.setattr(schema_mod, "MIGRATIONS", steps)
        assert migrate(store.conn) == [9] and ran == [9]
        assert migrate(store.conn) == [] and ran == [9]
