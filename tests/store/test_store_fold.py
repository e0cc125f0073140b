"""Staged index entries (migration 11): queries by identity answer the same folded or not.

A new row's entry in the corpus id, quote key and event type indexes is staged (led by its
article's rowid) until `Store.fold` moves it into the sorted part; every lookup reads both parts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.serve import views
from newsgraph.store import db, open_store, queries
from newsgraph.store.schema import STAGED_INDEXES, staged_match
from tests.store.fixtures import talks_doc


def _answers(store: Any) -> dict[str, Any]:
    """What the identity lookups answer, ordered as the queries order them."""
    person = views.entity_view(store, "Lena Ortiz")
    assert person is not None
    return {
        "quotes": [(r["quote"], r["doc"], r.get("appearances")) for r in queries.quotes(store, speaker="Lena Ortiz")],
        "entities": [(r["name"], r["articles"], r["mentions"], r["corpus_id"]) for r in queries.entities(store, top=50)],
        "named": [(r["name"], r["articles"]) for r in queries.entities(store, name="Harbor Authority")],
        "events": [(r["type"], r["doc"]) for r in queries.events(store, type="REJECT", min_confidence=None)],
        "actors": [r["doc"] for r in queries.events(store, source="Valdoria", min_confidence=None)],
        "timeline": [(r["kind"], r["doc"], r["date"]) for r in queries.timeline(store, "Lena Ortiz")],
        "person": {k: person[k] for k in ("name", "corpus_ids", "type", "aliases", "titles", "articles")},
    }


def _staged(store: Any) -> dict[str, int]:
    return {t: store.conn.execute(f"SELECT COUNT(*) FROM {t} WHERE staged > 0").fetchone()[0] for t in STAGED_INDEXES}


def _docs() -> list[Any]:
    return [talks_doc("2024-03-20"), talks_doc("2024-03-21", town="Eastgate"),
            talks_doc("2024-03-22", minister="Marta Ortiz", town="Northgate"),
            talks_doc("2024-03-23", town="Westgate", extra=" Ortiz left for Eastgate.")]


def test_lookups_by_identity_answer_the_same_staged_and_folded(tmp_path: Path) -> None:
    docs = _docs()
    with open_store(tmp_path / "s.db") as store:
        store.put_many(docs[:2])
        store.fold()
        store.put_many(docs[2:])  # half folded, half staged
        assert all(_staged(store).values())
        mixed = _answers(store)
        assert mixed["quotes"] and mixed["events"] and mixed["actors"] and mixed["timeline"]
        assert {doc for _, doc, _ in mixed["quotes"]} >= {docs[0].source.sha256, docs[3].source.sha256}
        assert store.fold() > 0
        assert not any(_staged(store).values())
        assert _answers(store) == mixed
    # A store written with no fold in between gives the same answers as well.
    with open_store(tmp_path / "t.db") as other:
        for d in docs:
            other.put(d)
        assert all(_staged(other).values())
        assert _answers(other) == mixed


def test_closing_folds_and_a_full_stage_folds_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = _docs()
    with open_store(tmp_path / "s.db") as store:
        store.put_many(docs[:2])
        assert all(_staged(store).values())
    with open_store(tmp_path / "s.db") as store:
        assert not any(_staged(store).values())  # close() folded them
        monkeypatch.setattr(db, "FOLD_ROWS", len(docs[2].entities) + 1)
        store.put(docs[2])
        assert _staged(store)["entities"] == len(docs[2].entities)
        store.put(docs[3])  # past FOLD_ROWS: this write folds everything staged
        assert not any(_staged(store).values())


def test_replacing_and_merging_keep_staged_rows_found(tmp_path: Path) -> None:
    docs = _docs()
    with open_store(tmp_path / "s.db") as store:
        store.put_many(docs)
        store.fold()
        folded = _answers(store)
        # Replacing a folded article stages its new rows; the answers stay the same.
        assert store.put(docs[1], replace=True)
        assert _staged(store)["entities"] == len(docs[1].entities)
        assert _answers(store) == folded
        store.fold()
        assert _answers(store) == folded
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_every_lookup_reads_both_parts_of_its_index(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.db") as store:
        store.put_many(_docs())
        sql = [
            f"SELECT _row FROM entities e WHERE {staged_match('e', 'entities', 'corpus_id IN (?)')}",
            f"SELECT _row FROM events v WHERE {staged_match('v', 'events', 'type = ?')}",
        ]
        for s in sql:
            plan = " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + s, ("x", "x")))
            index = "entities_corpus" if "entities" in s else "events_type"
            # The folded part by equality, the staged part by a range: never a scan of the whole index.
            assert f"INDEX {index} (staged=? AND" in plan and f"INDEX {index} (staged>?)" in plan, plan
            assert "SCAN" not in plan, plan
