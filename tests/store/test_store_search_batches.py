"""Search indexes written in batches (migration 12): new articles wait in `fts_pending` and are indexed
together; every search through a writable Store, its close and the next writable open index what waits.

What must hold: the indexes end up exactly as indexing each transaction at once made them (the same
answers, FTS5's integrity check passes), a replaced or deleted article that was never indexed leaves the
index intact, and an article stored before a crash is indexed by the next writer, never lost or doubled.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsgraph.store import db as db_mod
from newsgraph.store import open_store, queries
from newsgraph.store.schema import FTS_PENDING
from tests.store.fixtures import talks_doc

MINISTERS = ("Lena Ortiz", "Ines Duarte", "Ada Brun", "Tomas Keld")
TOWNS = ("Portvale", "Northgate", "Eastgate", "Lowbridge", "Highcross")
WORDS = ("talks", "crossing", "Eastgate", "Ortiz", "toll plan", "trucks", "Keld Lowbridge", "Round 7")


def _docs(n: int) -> list[Any]:
    return [talks_doc(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", minister=MINISTERS[i % len(MINISTERS)],
                      town=TOWNS[i % len(TOWNS)], extra=f" Round {i} ended without a deal.")
            for i in range(n)]


def _answers(conn: Any) -> list[Any]:
    """Raw FTS5 answers, ranked, for both indexes."""
    return [[tuple(r) for r in conn.execute(f"SELECT rowid, round(rank, 6) FROM {fts} WHERE {fts} MATCH ? "
                                            "ORDER BY rank", (f'"{word}"',))]
            for fts in ("articles_fts", "attributions_fts") for word in WORDS]


def _intact(conn: Any) -> None:
    for fts in ("articles_fts", "attributions_fts"):
        conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")


def _pending(conn: Any) -> int:
    return int(conn.execute(f"SELECT COUNT(*) FROM {FTS_PENDING}").fetchone()[0])


def test_batches_give_the_index_of_one_batch_per_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs(30)
    with open_store(tmp_path / "each.db") as each:
        for i in range(0, 30, 4):
            each.put_many(docs[i:i + 4])
            each.index_pending()  # as version 11 did: every transaction's articles indexed at its end
        want = _answers(each.conn)
    monkeypatch.setattr(db_mod, "SEARCH_BATCH", 10)
    with open_store(tmp_path / "batched.db") as store:
        store.put_many(docs[:4])
        assert _pending(store.conn) == 4 and not any(_answers(store.conn))  # waiting, not searchable yet
        store.put_many(docs[4:8])
        assert _pending(store.conn) == 8
        store.put_many(docs[8:12])  # the bound: the 12 are indexed in this transaction
        assert _pending(store.conn) == 0 and any(_answers(store.conn))
        for i in range(12, 30, 4):
            store.put_many(docs[i:i + 4])
        assert _pending(store.conn) > 0
        # A search through this (writable) Store indexes what waits first.
        assert queries.search(store, "Round 29")
        assert _pending(store.conn) == 0
        assert _answers(store.conn) == want and sum(map(bool, want)) >= 12
        _intact(store.conn)


def _replace_and_delete(store: Any, at_once: bool) -> list[Any]:
    """Indexed and pending articles replaced, a pending article's quotes deleted by SQL; the answers after."""
    docs = _docs(7)
    store.put_many(docs[:3])
    store.index_pending()
    store.put_many(docs[3:6])
    if at_once:
        store.index_pending()
    # One indexed and one pending article replaced, in one transaction with a new one.
    fewer = [d.__class__(**{**d.__dict__, "attributions": d.attributions[:1]}) for d in (docs[1], docs[4])]
    assert store.put_many([*fewer, docs[6]], replace=True) == 3
    if at_once:
        store.index_pending()
    # Another program's SQL deleting a (here pending) article's quotes: the trigger must not touch the index.
    store.conn.execute("DELETE FROM attributions WHERE art = (SELECT _row FROM articles WHERE doc = ?)",
                       (docs[5].source.sha256,))
    store.index_pending()
    _intact(store.conn)
    return [_answers(store.conn), queries.search(store, "crossing", limit=50), queries.search(store, "Round 4")]


def test_replacing_and_deleting_pending_articles_keeps_the_index_intact(tmp_path: Path) -> None:
    with open_store(tmp_path / "a.db") as at_once, open_store(tmp_path / "b.db") as batched:
        want = _replace_and_delete(at_once, True)
        assert _replace_and_delete(batched, False) == want
    assert sum(map(bool, want[0])) >= 10 and want[2]
    assert {r["kind"] for r in want[1]} == {"article", "quote"}


def test_a_reader_searches_what_the_last_batch_indexed(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    docs = _docs(3)
    with open_store(path) as writer:
        writer.put_many(docs[:2])
        writer.index_pending()
        writer.put(docs[2])
        with open_store(path, readonly=True) as reader:
            # The article is in the store at once; search finds it after the writer's next batch.
            assert reader.has(docs[2].source.sha256)
            assert not queries.search(reader, "Round 2")
            assert queries.search(reader, "Round 1")
            writer.index_pending()
            assert queries.search(reader, "Round 2")


def test_articles_pending_at_a_crash_are_indexed_by_the_next_writer(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    docs = _docs(5)
    store = open_store(path)
    store.put_many(docs)
    store.conn.close()  # killed: no close(), nothing indexed, the articles committed and pending
    conn = sqlite3.connect(path)
    assert _pending(conn) == 5 and not any(_answers(conn))
    conn.close()
    with open_store(path) as again:
        assert _pending(again.conn) == 0
        # Each article and each of its quotes found once: indexed once, not doubled.
        assert sorted(r["kind"] for r in queries.search(again, "Round", limit=50)) == ["article"] * 5
        assert [r["kind"] for r in queries.search(again, "crossing", limit=50)].count("quote") == 5
        _intact(again.conn)


def test_closing_indexes_what_waits(tmp_path: Path) -> None:
    path = tmp_path / "z.db"
    with open_store(path) as store:
        store.put_many(_docs(2))
        assert _pending(store.conn) == 2
    conn = sqlite3.connect(path)
    assert _pending(conn) == 0 and any(_answers(conn))
    conn.close()
