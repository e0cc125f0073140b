"""The corpus-id and quote-key indexes written with the search batches (migration 13).

A new article's entity and attribution rows carry their corpus id and quote key at once, but enter the two
partial indexes (`indexed = 1`) only when their article's batch runs. What must hold: every query by corpus id
or quotation gives the same answers before and after the batch, a merge reaches the rows still pending, the
queries still search the indexes, and a version-12 store migrates in place with its answers unchanged.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsgraph.serve.views import entity_view
from newsgraph.store import SCHEMA_VERSION, open_store, queries
from newsgraph.store import db as db_mod
from newsgraph.store import schema as schema_mod
from newsgraph.store.schema import FTS_PENDING, INDEXED, indexed_rows, migrate
from tests.store.test_store_search_batches import _docs


def _answers(store: Any) -> list[Any]:
    """What the readers that search by corpus id or quotation give for every minister."""
    out: list[Any] = []
    for name in ("Lena Ortiz", "Ines Duarte", "Ortiz", "Keld"):
        out.append(sorted((q["doc"], q["quote"]) for q in queries.quotes(store, speaker=name, min_confidence=None)))
        out.append(sorted((t["doc"], t["kind"], t["text"]) for t in queries.timeline(store, name)))
        out.append([(e["name"], e["articles"], e["mentions"]) for e in queries.entities(store, name=name)])
        view = entity_view(store, name)
        out.append(None if view is None else (view["name"], sorted(view["aliases"])))
    among = [r[0] for r in store.conn.execute("SELECT _row FROM attributions ORDER BY _row LIMIT 2")]
    out.append(sorted(q["doc"] for q in queries.quotes_among(store, among, min_confidence=None)))
    return out


def _unindexed(conn: Any) -> int:
    return sum(int(conn.execute(f"SELECT COUNT(*) FROM {t} WHERE {INDEXED} IS NULL").fetchone()[0])
               for t in ("entities", "attributions"))


def test_pending_rows_are_found_by_corpus_id_and_quotation_before_their_batch(tmp_path: Path) -> None:
    docs = _docs(12)
    with open_store(tmp_path / "s.db") as store:
        store.put_many(docs[:8])
        store.index_pending()
        store.put_many(docs[8:])  # pending: in no key index yet
        assert _unindexed(store.conn) > 0
        before = _answers(store)
        assert sum(map(bool, before)) >= 12
        store.index_pending()
        assert _unindexed(store.conn) == 0
        assert _answers(store) == before
    with open_store(tmp_path / "each.db") as each:  # every article indexed in its own transaction
        for d in docs:
            each.put(d)
            each.index_pending()
        assert _answers(each) == before


def test_the_searches_use_the_partial_index_and_the_pending_articles(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        store.put_many(_docs(4))
        for table, index in (("entities", "entities_corpus"), ("attributions", "attributions_quote_key")):
            plan = " | ".join(r[3] for r in store.conn.execute(
                f"EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE _row IN ({indexed_rows(table, '?')})", ("x", "x")))
            assert f"USING INDEX {index}" in plan and "USING INDEX" in plan.split("UNION ALL")[1], plan


def test_a_merge_moves_the_pending_rows_too(tmp_path: Path) -> None:
    from tests.corpus.test_identity import AFTER, JOINED, SPLIT

    with open_store(tmp_path / "s.db") as store:
        store.put_many([SPLIT, JOINED, AFTER])  # one transaction: the merge meets rows not yet indexed
        store.index_pending()
        ids = {r[0] for r in store.conn.execute("SELECT corpus_id FROM entities WHERE name LIKE 'Harbor Authority%' "
                                                "OR name = 'HA'")}
        gone = {r[0] for r in store.conn.execute("SELECT old_id FROM corpus_redirects")}
        assert not ids & gone


def _keys(conn: Any) -> list[Any]:
    return [tuple(r) for r in conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row")] + \
        [tuple(r) for r in conn.execute("SELECT _row, quote_key FROM attributions ORDER BY _row")]


def _made_at_version12(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A version-12 store whose last articles wait for their search batch, as a stopped writer leaves them."""
    with monkeypatch.context() as m:
        m.setattr(schema_mod, "MIGRATIONS", tuple(s for s in schema_mod.MIGRATIONS if s[0] <= 12))
        m.setattr(db_mod, "BATCH_INDEXED", {})
        store = open_store(path)
        assert store.schema_version() == 12
        store.put_many(_docs(12)[:8])
        store.index_pending()
        store.put_many(_docs(12)[8:])
        store.conn.close()  # not Store.close(): the last four stay pending


def test_a_version12_store_is_migrated_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v12.db"
    _made_at_version12(path, monkeypatch)
    conn = sqlite3.connect(path)
    assert conn.execute(f"SELECT COUNT(*) FROM {FTS_PENDING}").fetchone()[0] == 4
    ids = _keys(conn)
    migrate(conn)
    conn.commit()
    # Stored rows are indexed without being rewritten (DEFAULT 1), except the pending articles' rows.
    pending = {r[0] for r in conn.execute(f"SELECT art FROM {FTS_PENDING}")}
    for table in ("entities", "attributions"):
        rows = conn.execute(f"SELECT art, {INDEXED} FROM {table}").fetchall()
        assert rows and all((flag is None) == (art in pending) for art, flag in rows)
    conn.close()
    with open_store(path) as store:  # a writable open runs the waiting batch
        assert store.schema_version() == SCHEMA_VERSION >= 13
        assert _unindexed(store.conn) == 0
        assert _keys(store.conn) == ids
        migrated = _answers(store)
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with open_store(tmp_path / "new.db") as fresh:
        fresh.put_many(_docs(12)[:8])
        fresh.index_pending()
        fresh.put_many(_docs(12)[8:])
        assert migrated == _answers(fresh)
