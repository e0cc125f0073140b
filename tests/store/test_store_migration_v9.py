"""Migration 9: every attribution's quote key stored and indexed; a store of schema 8 is migrated in place.

tests/store/data/store_v8_schema.sql is the schema of a store made by newsgraph at schema
version 8 (main at f4c1fc3), dumped from its sqlite_master; the rows are written
the way that release wrote them (corpus ids linked, story ids set, no quote key).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.corpus.identity import link_all
from newsgraph.model import AnalyzedDocument
from newsgraph.model.serialize import to_json
from newsgraph.store import SCHEMA_VERSION, open_store, queries
from newsgraph.store.db import quote_key
from tests.store.fixtures import talks_doc, unstored, write_as_released

V8 = Path(__file__).parent / "data" / "store_v8_schema.sql"


def _docs() -> list[AnalyzedDocument]:
    # Lena Ortiz says the same words in two stories (not copies); Marco Vell says them once.
    return [talks_doc("2024-03-20"), talks_doc("2024-04-02", town="Eastgate"),
            talks_doc("2024-02-01", minister="Marco Vell", town="Northgate")]


def _v8_store(path: Path, docs: list[AnalyzedDocument]) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript(V8.read_text("utf-8"))
    conn.execute("BEGIN")
    write_as_released(conn, docs)
    link_all(conn)  # that release linked every entity to its corpus entity as it stored it
    conn.execute("COMMIT")
    conn.close()


def test_the_quote_key_is_one_quotation_however_it_is_written() -> None:
    assert quote_key("“We will not sign it,” ") == quote_key("we will NOT sign it") == "we will not sign it"
    assert quote_key("Nein, 2024 — niemals wieder!") == "nein 2024 niemals wieder"
    # Too short to be known again by its words alone.
    assert quote_key("“No,” ") is None and quote_key("Not this year.") is None and quote_key(None) is None


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=40))
def test_the_quote_key_keeps_the_words_of_its_first_definition(text: str) -> None:
    """The key is read by an index that rows written earlier filled: it must never change for a text.
    Its first definition: every character that is not alphanumeric is a space, then the words."""
    words = "".join(ch if ch.isalnum() else " " for ch in text.lower()).split()
    assert quote_key(text) == (" ".join(words) if len(words) >= 4 else None)


def test_a_version8_store_is_migrated_in_place(tmp_path: Path) -> None:
    docs = _docs()
    _v8_store(tmp_path / "v8.db", docs)
    with open_store(tmp_path / "v8.db") as store:
        conn = store.conn
        assert store.schema_version() == SCHEMA_VERSION >= 9
        # Every old row has its key, by the one definition.
        rows = conn.execute("SELECT content_text, quote_key FROM attributions").fetchall()
        assert len(rows) == 9 and all(r[1] == quote_key(r[0]) for r in rows)
        assert sum(r[1] is not None for r in rows) == 9
        # Partial since migration 13: over the rows whose article's batch ran (`indexed`).
        plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN SELECT _row FROM attributions "
                                                    "WHERE quote_key = 'x' AND indexed = 1"))
        assert "attributions_quote_key" in plan
        # The explorer groups by it: Ortiz's words are one row in two stories, Vell's their own.
        found = queries.quotes(store, about="crossing")
        by_speaker = {r["speaker"]: r for r in found}
        assert sorted(by_speaker) == ["Lena Ortiz", "Marco Vell"]
        assert by_speaker["Lena Ortiz"]["articles"] == 2
        assert by_speaker["Lena Ortiz"]["first_seen"] == "2024-03-20"
        assert by_speaker["Lena Ortiz"]["doc"] == docs[0].source.sha256
        assert by_speaker["Marco Vell"]["articles"] == 1
        assert queries.quote_summary(store, about="crossing")["total"] == 2
        # Nothing else changed: the documents, the search index.
        assert [unstored(to_json(d)) for d in store.documents()] == [to_json(d) for d in docs]
        conn.execute("INSERT INTO attributions_fts(attributions_fts) VALUES ('integrity-check')")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # A document written after the migration gets its keys at insert time.
        extra = talks_doc("2024-04-09", town="Westmarch")
        assert store.put(extra)
        new = conn.execute("SELECT content_text, quote_key FROM attributions WHERE art = "
                           "(SELECT _row FROM articles WHERE doc = ?)", (extra.source.sha256,)).fetchall()
        assert new and all(r[1] == quote_key(r[0]) and r[1] for r in new)
        assert {r["speaker"]: r["articles"] for r in queries.quotes(store, about="crossing")}["Lena Ortiz"] == 3


def test_a_fresh_store_writes_the_key_at_insert(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        store.put(talks_doc("2024-03-20"))
        keys = dict(store.conn.execute("SELECT id, quote_key FROM attributions").fetchall())
    assert keys["a2"] == "we will not sign a plan that doubles the cost of crossing"
    assert keys["a3"] == "about 4 000 trucks cross each day"
