"""Migration 11: the search indexes merge 16 segments at a time (FTS5 `automerge`), in place.

A store made at schema version 10 (the v8 release's rows of tests/store/data, migrated by the steps up to
10 and then written to by the Store) opens at 11 with the same rows, corpus ids and search answers; and on a
store filled 8 articles per transaction, as `ingest` writes, search gives the same hits, order and snippets
with either merge setting.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsgraph.store import SCHEMA_VERSION, open_store, queries
from newsgraph.store import schema as schema_mod
from newsgraph.store.schema import FTS_AUTOMERGE, FTS_TABLES
from tests.store.fixtures import talks_doc

DATA = Path(__file__).parent / "data"
MINISTERS = ("Lena Ortiz", "Ines Duarte", "Ada Brun", "Tomas Keld", "Mira Sato", "Oren Vale")
TOWNS = ("Portvale", "Northgate", "Southgate", "Eastgate", "Westmere", "Lowbridge", "Highcross")
WORDS = ("talks", "crossing", "Eastgate", "Ortiz", "toll plan", "Harbor Authority", "trucks", "Duarte Northgate")


def _docs(n: int, words: int = 0) -> list[Any]:
    """Distinct fictional articles (each its own text, so its own content hash), names recurring; `words`
    more made-up words each, so that a transaction's index segment spans pages and merges have work to do."""
    return [talks_doc(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", minister=MINISTERS[i % len(MINISTERS)],
                      town=TOWNS[i % len(TOWNS)],
                      extra=f" Round {i} ended without a deal." + "".join(f" w{(i * 7 + j * 13) % 997}"
                                                                          for j in range(words)))
            for i in range(n)]


def _automerge(conn: Any, table: str) -> Any:
    row = conn.execute(f"SELECT v FROM {schema_mod.q(table + '_fts_config')} WHERE k = 'automerge'").fetchone()
    return None if row is None else row[0]


def _tuples(rows: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in rows]


def _answers(conn: Any) -> list[Any]:
    """Raw FTS5 answers, ranked (no newsgraph query in between)."""
    return [[tuple(r) for r in conn.execute(f"SELECT rowid, round(rank, 6) FROM {fts} WHERE {fts} MATCH ? "
                                            "ORDER BY rank", (f'"{word}"',))]
            for fts in ("articles_fts", "attributions_fts") for word in WORDS]


def test_a_version10_store_is_migrated_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v10.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for part in ("store_v8_schema.sql", "store_v8_rows.sql"):
        conn.executescript((DATA / part).read_text("utf-8"))
    conn.close()
    # The release before this step: migrations up to 10, and articles written by the Store at 10.
    with monkeypatch.context() as m:
        m.setattr(schema_mod, "MIGRATIONS", tuple(s for s in schema_mod.MIGRATIONS if s[0] <= 10))
        with open_store(path) as store:
            assert store.schema_version() == 10
            assert store.put_many(_docs(24)) == 24
            assert all(_automerge(store.conn, t) is None for t in FTS_TABLES)  # FTS5's default (4)
    conn = sqlite3.connect(path)
    rows = _tuples(conn.execute("SELECT _row, doc, title, story_id FROM articles ORDER BY _row"))
    ids = _tuples(conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row"))
    corpus = _tuples(conn.execute("SELECT id, name, type, first_art, profile FROM corpus_entities ORDER BY id"))
    answers = _answers(conn)
    conn.close()
    with open_store(path) as store:
        conn = store.conn
        assert store.schema_version() == SCHEMA_VERSION >= 11
        assert [_automerge(conn, t) for t in FTS_TABLES] == [FTS_AUTOMERGE] * len(FTS_TABLES)
        # Nothing else changed: rows, corpus ids and entities, the search answers.
        assert _tuples(conn.execute("SELECT _row, doc, title, story_id FROM articles ORDER BY _row")) == rows
        assert _tuples(conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row")) == ids
        assert _tuples(conn.execute("SELECT id, name, type, first_art, profile FROM corpus_entities ORDER BY id")) \
            == corpus
        assert _answers(conn) == answers and sum(map(bool, answers)) >= 12
        assert store.put_many(_docs(40)[24:]) == 16
        for fts in ("articles_fts", "attributions_fts"):
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _filled(path: Path, docs: list[Any], automerge: int | None) -> Any:
    store = open_store(path)
    if automerge is not None:
        for t in FTS_TABLES:
            fts = schema_mod.q(t + "_fts")
            store.conn.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('automerge', ?)", (automerge,))
    for i in range(0, len(docs), 8):
        store.put_many(docs[i:i + 8])
    return store


def test_search_answers_the_same_whatever_the_merge_setting(tmp_path: Path) -> None:
    docs = _docs(200, words=300)
    with _filled(tmp_path / "a.db", docs, None) as ours, _filled(tmp_path / "b.db", docs, 4) as fts_default:
        # The setting acted: the indexes are cut into segments differently ...
        sizes = [tuple(s.conn.execute("SELECT COUNT(*), SUM(length(block)) FROM articles_fts_data").fetchone())
                 for s in (ours, fts_default)]
        assert sizes[0] != sizes[1]
        # ... and every answer is the same: hits, their order, scores and snippets.
        for word in WORDS:
            got = queries.search(ours, word, limit=50, with_copies=True)
            assert got == queries.search(fts_default, word, limit=50, with_copies=True)
            assert got, word
        assert _answers(ours.conn) == _answers(fts_default.conn)
        quotes = [queries.quotes(s, about="doubles", speaker="Ada Brun") for s in (ours, fts_default)]
        assert quotes[0] == quotes[1] and quotes[0]
