"""The Store keeps its linking session between transactions only while nothing else wrote to the store.

Kept or new, the corpus ids, entities and keys must be those of linking each article with a session
that reads everything from the store (a new session per transaction).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.corpus import identity
from newsgraph.store import Store, open_store
from tests.corpus.test_identity import ALL, COACH, SEQUENCE, _doc

MARTA = _doc("Transport Minister Marta Ortiz opened the Eastgate ferry terminal.",
             [("Marta Ortiz", "PERSON", ("Marta Ortiz", "Ortiz"), ("Transport Minister",)),
              ("Eastgate", "GPE", (), ())], day="2025-06-10")
BARE = _doc("Ortiz said the Eastgate terminal would open on time.",
            [("Ortiz", "PERSON", ("Ortiz",), ()), ("Eastgate", "GPE", (), ())], day="2025-06-11")


def _corpus(s: Store) -> tuple[list[Any], ...]:
    return (s.conn.execute("SELECT doc, id, corpus_id FROM entities ORDER BY doc, id").fetchall(),
            s.conn.execute("SELECT id, name, type, first_art, profile FROM corpus_entities ORDER BY id").fetchall(),
            s.conn.execute("SELECT key, corpus_id, kind FROM corpus_keys ORDER BY key, corpus_id").fetchall(),
            s.conn.execute("SELECT * FROM corpus_redirects ORDER BY old_id").fetchall())


def _unique(docs: list[Any]) -> list[Any]:
    return [d for i, d in enumerate(docs) if d not in docs[:i]]


def _one_at_a_time(path: Path, docs: list[Any]) -> tuple[list[Any], ...]:
    with open_store(path) as s:
        for d in docs:
            s.put_many([d])
        return _corpus(s)


def test_a_kept_session_links_as_a_new_one_per_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _unique([*SEQUENCE, MARTA, BARE, COACH])
    kept = _one_at_a_time(tmp_path / "kept.db", docs)
    with monkeypatch.context() as m:
        m.setattr(identity, "SESSION_MAX", -1)  # every transaction starts a new session
        fresh = _one_at_a_time(tmp_path / "fresh.db", docs)
    assert kept == fresh
    assert len(kept[1]) >= 10 and kept[3]  # a corpus worth comparing, with a merge in it


def test_a_write_by_another_connection_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A reads "ortiz" for Lena Ortiz; B then adds Marta Ortiz under the same surname key. A's next
    # article, a bare "Ortiz", must meet both, as a store read afresh shows them.
    path = tmp_path / "two.db"
    with open_store(path) as a:
        a.put_many([ALL[2]])
        with open_store(path) as b:
            b.put_many([MARTA])
        a.put_many([BARE])
        shared = _corpus(a)
    with monkeypatch.context() as m:
        m.setattr(identity, "SESSION_MAX", -1)
        assert _one_at_a_time(tmp_path / "one.db", [ALL[2], MARTA, BARE]) == shared


def test_a_write_on_the_same_connection_or_a_failed_put_drops_the_session(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(tmp_path / "s.db") as s:
        s.put_many([ALL[0]])
        kept = s._linker
        assert kept is not None
        s.put_many([ALL[1]])
        assert s._linker is kept  # nothing else wrote: the same session goes on
        s.cache_put("https://news.example/a", etag=None, last_modified=None, status=200, sha256=None)
        s.put_many([ALL[2]])
        assert s._linker is not kept  # a write in between: a new session read the store again
        again = s._linker

        def fail(self: Any) -> None:
            raise RuntimeError("disk gone")

        monkeypatch.setattr(identity.Session, "flush", fail)
        with pytest.raises(RuntimeError):
            s.put_many([ALL[3]])
        monkeypatch.undo()
        assert s._linker is None  # rolled back: what it held in memory was never stored
        s.put_many([ALL[3]])
        assert s._linker is not again and s._linker is not None
