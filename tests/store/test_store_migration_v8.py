"""Migration 8: a store made by the current release (schema 7) is migrated in place.

tests/store/data/store_v7.sql is the schema of a store made by newsgraph at
schema version 7 (main at 024e682), dumped from its sqlite_master; the rows
are written the way that release wrote them (no corpus_id, no story_id).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.corpus.identity import rebuild
from newsgraph.model import AnalyzedDocument
from newsgraph.model.serialize import to_json
from newsgraph.store import SCHEMA_VERSION, open_store, queries
from newsgraph.store.schema import q
from tests.store.fixtures import talks_doc, unstored, write_as_released

V7 = Path(__file__).parent / "data" / "store_v7.sql"


def _docs() -> list[AnalyzedDocument]:
    return [talks_doc("2024-03-20"), talks_doc("2024-02-01", minister="Marco Vell", town="Eastgate"),
            talks_doc("2024-03-25", extra=" A cease-fire was agreed in the evening.")]


def _v7_store(path: Path, docs: list[AnalyzedDocument]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(V7.read_text("utf-8"))
    conn.execute("BEGIN")
    write_as_released(conn, docs)
    # What `dupes` and `watch` of that release left behind.
    conn.execute("INSERT INTO dup_groups VALUES (?, ?, 1, 1.0)", (docs[0].source.sha256, "g" + docs[0].source.sha256[:12]))
    conn.execute("INSERT INTO dup_groups VALUES (?, ?, 0, 0.9)", (docs[2].source.sha256, "g" + docs[0].source.sha256[:12]))
    conn.execute("INSERT INTO feed_items VALUES ('https://feed.example/rss', 'item-1', '2026-12-01')")
    conn.execute("COMMIT")
    conn.close()


def test_a_version7_store_is_migrated_in_place(tmp_path: Path) -> None:
    docs = _docs()
    _v7_store(tmp_path / "v7.db", docs)
    with open_store(tmp_path / "v7.db") as store:
        assert store.schema_version() == SCHEMA_VERSION >= 8
        conn = store.conn
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "feed_items" not in tables and {"corpus_entities", "corpus_keys"} <= tables
        # Every article entity has its corpus entity; the minister of two articles is one.
        assert conn.execute("SELECT COUNT(*) FROM entities WHERE corpus_id IS NULL").fetchone()[0] == 0
        ortiz = {r[0] for r in conn.execute("SELECT corpus_id FROM entities WHERE name = 'Lena Ortiz'")}
        assert len(ortiz) == 1
        # The copy's story is its original's; the others are their own.
        stories = {r[0]: r[1] for r in conn.execute("SELECT doc, story_id FROM articles")}
        assert stories[docs[2].source.sha256] == stories[docs[0].source.sha256] == "g" + docs[0].source.sha256[:12]
        assert stories[docs[1].source.sha256] == "g" + docs[1].source.sha256[:12]
        # Nothing else changed: the documents, the search index, the layer keys.
        assert [unstored(to_json(d)) for d in store.documents()] == [to_json(d) for d in docs]
        assert queries.search(store, "talks")
        assert len(queries.quotes(store, about="crossing", with_copies=True)) == 3
        for fts in ("articles_fts", "attributions_fts"):
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        key = [r[2] for r in conn.execute("PRAGMA index_info(attributions_key)")]
        assert key == ["art", "seq"]
        # New writes after the migration: FTS triggers survived the table rebuild.
        extra = talks_doc("2024-04-01", minister="Ines Duarte", town="Northgate")
        assert store.put(extra)
        assert any(r["doc"] == extra.source.sha256 for r in queries.search(store, "Northgate"))
        before = conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row").fetchall()
        rebuild(conn)
        assert conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row").fetchall() == before


def test_foreign_keys_are_declared(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        fks = {(t, r[3], r[2], r[4]) for t in ("entities", "mentions", "attributions", "events", "dup_groups",
                                               "minhashes", "corpus_keys", "corpus_entities")
               for r in store.conn.execute(f"PRAGMA foreign_key_list({q(t)})")}
    # Not mentions: a view over entities since migration 11, and a view declares no key.
    assert {("entities", "art", "articles", "_row"), ("entities", "corpus_id", "corpus_entities", "id"),
            ("attributions", "art", "articles", "_row"),
            ("events", "art", "articles", "_row"), ("dup_groups", "doc", "articles", "doc"),
            ("minhashes", "doc", "articles", "doc"), ("corpus_keys", "corpus_id", "corpus_entities", "id"),
            ("corpus_entities", "first_art", "articles", "_row")} <= fks


def test_sqlite_utils_and_datasette_find_the_search_tables(tmp_path: Path) -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils", reason="dev extra: pip install 'newsgraph[dev]'")
    path = tmp_path / "d.db"
    with open_store(path) as store:
        store.put_many(_docs())
    db = sqlite_utils.Database(path)
    assert db["articles"].detect_fts() == "articles_fts"
    assert db["attributions"].detect_fts() == "attributions_fts"
    assert [r["doc"] for r in db["articles"].search("ceasefire OR evening")]
    assert {fk.other_table for fk in db["attributions"].foreign_keys} == {"articles"}


def test_datasette_search_box_works(tmp_path: Path) -> None:
    pytest.importorskip("datasette", reason="optional: pip install datasette")
    import asyncio

    from datasette.app import Datasette

    path = tmp_path / "ds.db"
    with open_store(path) as store:
        store.put_many(_docs())

    async def ask() -> tuple[int, dict]:  # type: ignore[type-arg]
        ds = Datasette([str(path)])
        r = await ds.client.get("/ds/articles.json?_search=cease-fire&_shape=objects")
        return r.status_code, r.json()

    status, body = asyncio.run(ask())
    assert status == 200
    assert len(body["rows"]) == 1 and "cease-fire" in body["rows"][0]["text"]


def test_a_version7_store_whose_linking_merges_is_migrated(tmp_path: Path) -> None:
    # Migration 8 links the stored articles before later migrations add their columns and tables
    # (13's `indexed`, 12's `fts_pending`): a merge it makes must be written without them.
    from tests.corpus.test_identity import AFTER, JOINED, SPLIT

    _v7_store(tmp_path / "v7.db", [SPLIT, JOINED, AFTER])
    with open_store(tmp_path / "v7.db") as store:
        conn = store.conn
        assert conn.execute("SELECT COUNT(*) FROM corpus_redirects").fetchone()[0] == 0  # merged within the run
        gone = conn.execute("SELECT COUNT(*) FROM entities e WHERE NOT EXISTS "
                            "(SELECT 1 FROM corpus_entities c WHERE c.id = e.corpus_id)").fetchone()[0]
        assert gone == 0
        ha = {r[0] for r in conn.execute("SELECT corpus_id FROM entities WHERE name IN ('HA', 'Harbor Authority')")}
        assert len(ha) == 1
