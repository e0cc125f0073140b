"""Migration 11, in place: an entity's mentions are a JSON cell of its row, `mentions` a view giving the former
table's rows.

A store made at schema version 10 (the v8 release's rows of tests/store/data, migrated by the steps up to
10, and more articles written as that release wrote them) opens at 11 with the same rows, mentions, corpus
ids, search answers and documents.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsgraph.model import Mention
from newsgraph.model.serialize import to_json, to_rows
from newsgraph.store import SCHEMA_VERSION, open_store
from newsgraph.store import db as db_mod
from newsgraph.store import schema as schema_mod
from newsgraph.store.db import _encode_spans, _mention_spans
from newsgraph.store.schema import FTS_TABLES
from tests.store.fixtures import talks_doc, unstored, write_as_released

DATA = Path(__file__).parent / "data"
MINISTERS = ("Lena Ortiz", "Ines Duarte", "Ada Brun", "Tomas Keld", "Mira Sato", "Oren Vale")
TOWNS = ("Portvale", "Northgate", "Southgate", "Eastgate", "Westmere", "Lowbridge", "Highcross")
WORDS = ("talks", "crossing", "Eastgate", "Ortiz", "toll plan", "Harbor Authority", "trucks", "Duarte Northgate")


def _docs(n: int) -> list[Any]:
    """Distinct fictional articles (each its own text, so its own content hash), names recurring."""
    return [talks_doc(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", minister=MINISTERS[i % len(MINISTERS)],
                      town=TOWNS[i % len(TOWNS)], extra=f" Round {i} ended without a deal.")
            for i in range(n)]


def _tuples(rows: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in rows]


def _answers(conn: Any) -> list[Any]:
    """Raw FTS5 answers, ranked (no newsgraph query in between)."""
    return [[tuple(r) for r in conn.execute(f"SELECT rowid, round(rank, 6) FROM {fts} WHERE {fts} MATCH ? "
                                            "ORDER BY rank", (f'"{word}"',))]
            for fts in ("articles_fts", "attributions_fts") for word in WORDS]


def _mentions_before(conn: Any) -> list[tuple[Any, ...]]:
    return _tuples(conn.execute('SELECT doc, entity_id, start, "end", text, art FROM mentions ORDER BY _row'))


def test_a_version10_store_is_migrated_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v10.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for part in ("store_v8_schema.sql", "store_v8_rows.sql"):
        conn.executescript((DATA / part).read_text("utf-8"))
    conn.close()
    # The release before these steps: migrations up to 10, then more articles as it wrote them (rows in
    # the schema's columns, the text indexed per transaction; not linked, so some entities have no corpus id).
    with monkeypatch.context() as m:
        m.setattr(schema_mod, "MIGRATIONS", tuple(s for s in schema_mod.MIGRATIONS if s[0] <= 10))
        m.setattr(db_mod.Store, "index_pending", lambda self: None)  # no pending table before migration 12
        with open_store(path) as store:
            assert store.schema_version() == 10
            with schema_mod.transaction(store.conn):
                write_as_released(store.conn, _docs(24))
                for t in FTS_TABLES:
                    store.conn.execute(f"INSERT INTO {t}_fts({t}_fts) VALUES ('rebuild')")
    conn = sqlite3.connect(path)
    rows = _tuples(conn.execute("SELECT _row, doc, title, story_id FROM articles ORDER BY _row"))
    ids = _tuples(conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row"))
    corpus = _tuples(conn.execute("SELECT id, name, type, first_art, profile FROM corpus_entities ORDER BY id"))
    mentions = _mentions_before(conn)
    answers = _answers(conn)
    conn.close()
    assert len(rows) > 24 and len(mentions) > 100
    with open_store(path) as store:
        conn = store.conn
        assert store.schema_version() == SCHEMA_VERSION >= 11
        # The mentions, now a view over their entities' rows: the same rows in the same order.
        assert conn.execute("SELECT type FROM sqlite_master WHERE name = 'mentions'").fetchone()[0] == "view"
        assert _tuples(conn.execute('SELECT doc, entity_id, start, "end", text, art FROM mentions')) == mentions
        # Nothing else changed: rows, corpus ids and entities, the search answers, the documents.
        assert _tuples(conn.execute("SELECT _row, doc, title, story_id FROM articles ORDER BY _row")) == rows
        assert _tuples(conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row")) == ids
        assert _tuples(conn.execute("SELECT id, name, type, first_art, profile FROM corpus_entities ORDER BY id")) \
            == corpus
        assert _answers(conn) == answers and sum(map(bool, answers)) >= 12
        for doc in _docs(24):
            back = store.get(doc.source.sha256)
            assert back is not None and unstored(to_json(back)) == to_json(doc)
        # Written after the migration: the same document comes back, its mentions in the view.
        assert store.put_many(_docs(40)[24:]) == 16
        for doc in _docs(40)[24:]:
            back = store.get(doc.source.sha256)
            assert back is not None and unstored(to_json(back)) == to_json(doc)
        for fts in ("articles_fts", "attributions_fts"):
            conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_the_mentions_view_gives_the_rows_of_the_former_table(tmp_path: Path) -> None:
    docs = _docs(12)
    odd = talks_doc("2024-05-05", minister="Zoë \"Quill\" Ñandú", town="Ærø\\Bay")  # quotes, escapes, accents
    with open_store(tmp_path / "m.db") as store:
        store.put_many([*docs, odd])
        want = [(r["doc"], r["entity_id"], r["start"], r["end"], r["text"])
                for d in [*docs, odd] for r in to_rows(d)["mentions"]]
        got = _tuples(store.conn.execute('SELECT doc, entity_id, start, "end", text FROM mentions'))
        assert got == want and len(got) > 60
        assert list(store.rows("mentions")) == [dict(zip(("doc", "entity_id", "start", "end", "text"), r))
                                                for r in want]
        # An entity without mentions stores none (NULL), and counts none.
        spans = store.conn.execute("SELECT mention_spans FROM entities WHERE doc = ? ORDER BY seq",
                                   (odd.source.sha256,)).fetchall()
        assert [json.loads(s[0]) if s[0] else [] for s in spans] == [
            [[m.start, m.end, m.text] for m in e.mentions] for e in odd.entities]


def test_mention_spans_are_the_encoders_json() -> None:
    mentions = (Mention(0, 4, 'Zoë "Q"\n\\'), Mention(10, 12, "\u2028x\x01"))
    assert _mention_spans(mentions) == _encode_spans([(m.start, m.end, m.text) for m in mentions])
    assert json.loads(_mention_spans(mentions) or "") == [[0, 4, 'Zoë "Q"\n\\'], [10, 12, "\u2028x\x01"]]
    assert _mention_spans(()) is None
    # A cell the fast path does not write (no text, a float offset) goes to the encoder, whole.
    odd = (Mention(0, 4, "Zoë"), Mention(5, 9, None), Mention(10.0, 12, "x"))  # type: ignore[arg-type]
    assert _mention_spans(odd) == _encode_spans([(m.start, m.end, m.text) for m in odd])
