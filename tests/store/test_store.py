"""The store: schema from serialize, migrations, upsert by content hash, FTS, round trips."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsgraph.model import Rejected, SourceRef
from newsgraph.model.serialize import TABLES, table_columns, to_json
from newsgraph.store import SCHEMA_VERSION, default_db_path, open_store
from newsgraph.store.schema import MIGRATIONS, migrate, sync_columns
from tests.store.fixtures import talks_doc, unstored


def test_tables_have_exactly_the_serialize_columns(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        for table in TABLES:
            have = [r[1] for r in store.conn.execute(f'PRAGMA table_info("{table}")')]
            store_only = {"_row", "ingested_at"} if table == "articles" else {"_row", "art"}
            if table == "attributions":
                store_only.add("quote_key")  # migration 9: the explorer's stored, indexed quote key
            if table == "entities":
                store_only.add("mention_spans")  # migration 11: the entity's mentions, which the view reads
            if table in ("entities", "attributions"):
                store_only.add("indexed")  # migration 13: in the partial key index once its article's batch ran
            if table == "mentions":
                store_only.discard("_row")  # a view over entities since migration 11
            assert store_only <= set(have), table
            assert [c for c in have if c not in store_only] == [c for c, _ in table_columns(table)], table


def test_migrations_are_numbered_recorded_and_run_once(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    with open_store(path) as store:
        versions = [r[0] for r in store.conn.execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions == [v for v, _, _ in MIGRATIONS] and store.schema_version() == SCHEMA_VERSION
        store.put(talks_doc())
    with open_store(path) as store:  # reopening applies nothing and keeps the data
        assert migrate(store.conn) == []
        assert store.counts()["articles"] == 1


def test_an_old_database_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    from newsgraph.store.schema import current_version, transaction

    current_version(conn)
    for version, name, step in MIGRATIONS[:2]:  # a database made by an older newsgraph
        with transaction(conn):
            step(conn)
            conn.execute("INSERT INTO schema_version VALUES (?, ?, 'then')", (version, name))
    conn.close()
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        store.put(talks_doc())
        assert store.cache_get("http://nowhere/") is None  # a table from a later step exists


def test_new_model_fields_become_columns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.db"
    with open_store(path) as store:
        store.put(talks_doc())
        store.conn.execute("ALTER TABLE claims DROP COLUMN change")  # as if made before the field existed
        assert "change" not in {r[1] for r in store.conn.execute("PRAGMA table_info(claims)")}
        assert sync_columns(store.conn) == ["claims.change"]
        assert sync_columns(store.conn) == []


def test_upsert_by_content_hash_changes_nothing_the_second_time(tmp_path: Path) -> None:
    doc = talks_doc()
    with open_store(tmp_path / "u.db") as store:
        assert store.put(doc) is True
        before = store.counts()
        stamp = store.conn.execute("SELECT ingested_at FROM articles").fetchone()[0]
        assert store.put(doc) is False
        assert store.put_many([doc, doc]) == 0
        assert store.counts() == before
        assert store.conn.execute("SELECT ingested_at FROM articles").fetchone()[0] == stamp
        assert store.has(doc.source.sha256) and store.known_hashes() == {doc.source.sha256}


def test_every_layer_round_trips(tmp_path: Path) -> None:
    doc = talks_doc()
    with open_store(tmp_path / "r.db") as store:
        store.put(doc)
        back = store.get(doc.source.sha256)
        assert back is not None and unstored(to_json(back)) == to_json(doc)
        assert [unstored(to_json(d)) for d in store.documents()] == [to_json(doc)]
        counts = store.counts()
    assert {t: counts[t] for t in TABLES} == {"articles": 1, "entities": 5, "mentions": 6, "attributions": 3,
                                             "claims": 1, "timexes": 1, "places": 1, "events": 1}


def test_replace_rewrites_a_document_and_its_index(tmp_path: Path) -> None:
    doc = talks_doc()
    with open_store(tmp_path / "x.db") as store:
        store.put(doc)
        changed = doc.__class__(**{**doc.__dict__, "attributions": doc.attributions[:1]})
        assert store.put(changed, replace=True)
        assert store.counts()["attributions"] == 1
        store.index_pending()
        hits = store.conn.execute("SELECT COUNT(*) FROM attributions_fts WHERE attributions_fts MATCH 'crossing'")
        assert hits.fetchone()[0] == 0  # the removed quote left the index too
        assert store.conn.execute("INSERT INTO attributions_fts(attributions_fts) VALUES ('integrity-check')")


def test_rejections_are_stored_once_and_cleared_by_success(tmp_path: Path) -> None:
    doc = talks_doc()
    failed = Rejected(SourceRef("x", doc.source.uri, "0" * 64, "html"), "E007", "HTTP 503")
    empty = Rejected(SourceRef("e.txt", "file:///e.txt", "e" * 64, "text"), "R001", "the input is empty")
    with open_store(tmp_path / "j.db") as store:
        assert store.put_many([failed, failed, empty]) == 2
        assert store.known_hashes() == {"e" * 64}  # errors are retried on a rerun, rejections are not
        assert "0" * 64 in store.known_hashes(retry_errors=False)
        store.put(doc)  # the same URI reads now
        assert [r["code"] for r in store.rejections()] == ["R001"]
        assert store.put(Rejected(doc.source, "E005", "later failure")) is False  # analysed content stays


def test_full_text_search_over_articles_and_quotes(tmp_path: Path) -> None:
    with open_store(tmp_path / "f.db") as store:
        store.put(talks_doc())
        store.index_pending()  # the search indexes take new articles in batches (migration 12)
        art = store.conn.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'trucks'").fetchone()
        quote = store.conn.execute(
            "SELECT COUNT(*) FROM attributions_fts WHERE attributions_fts MATCH 'content_text: crossing'").fetchone()
    assert art[0] == 1 and quote[0] == 1


def test_db_path_from_flag_env_or_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSGRAPH_DB", raising=False)
    assert default_db_path() == Path("newsgraph.db")
    monkeypatch.setenv("NEWSGRAPH_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    assert default_db_path(tmp_path / "flag.db") == tmp_path / "flag.db"


def test_readonly_store_refuses_writes_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        open_store(tmp_path / "none.db", readonly=True)
    with open_store(tmp_path / "ro.db") as store:
        store.put(talks_doc())
    with open_store(tmp_path / "ro.db", readonly=True) as ro:
        assert ro.counts()["articles"] == 1
        with pytest.raises(sqlite3.OperationalError):
            ro.put(talks_doc(minister="Ana Ruiz"))


def test_none_and_bool_parameters_bind_as_before() -> None:
    # The Store registers adapters for None and bool (store/db.py): they must bind as sqlite3 binds them
    # without one, NULL and the integer 0/1, never as text or another type.
    import newsgraph.store.db  # noqa: F401 - registers them

    conn = sqlite3.connect(":memory:")
    row = conn.execute("SELECT typeof(?), typeof(?), typeof(?), ?, ?, ? IS NULL", (None, True, False, True, False, None))
    assert row.fetchone() == ("null", "integer", "integer", 1, 0, 1)
