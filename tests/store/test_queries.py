"""Query functions over a store of hand-built documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.store import Store, open_store, queries
from tests.store.fixtures import talks_doc


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "q.db") as s:
        s.put_many([
            talks_doc("2024-03-20"),
            talks_doc("2024-02-01", minister="Marco Vell", town="Eastgate"),
            talks_doc("2024-03-25", extra=" A cease-fire was agreed in the evening."),
        ])
        yield s


def test_fts_query_is_safe_for_punctuation() -> None:
    assert queries.fts_query("cease-fire") == '("cease fire" OR "ceasefire")'
    assert queries.fts_query('toll "costly mistake" AND') == '"toll" AND "costly mistake" AND "AND"'
    assert queries.fts_query("  ") == ""


def test_search_finds_articles_and_quotes(store: Store) -> None:
    rows = queries.search(store, "cease-fire")
    assert [r["kind"] for r in rows] == ["article"] and rows[0]["published"] == "2024-03-25"
    assert "[cease-fire]" in rows[0]["snippet"]
    kinds = {r["kind"] for r in queries.search(store, "crossing")}
    assert kinds == {"article", "quote"}
    assert queries.search(store, "crossing", since="2024-03-01", limit=50)
    assert all(r["published"] >= "2024-03-01" for r in queries.search(store, "crossing", since="2024-03-01"))
    assert queries.search(store, "zeppelin") == []


def test_quotes_by_speaker_topic_and_date(store: Store) -> None:
    # The same quotation in two articles (not copies of one story) is one quote with two appearances.
    rows = queries.quotes(store, speaker="Ortiz", about="crossing", since="2024-03-01")
    assert [(r["published"], r["articles"], r["first_seen"], r["outlets"]) for r in rows] == [
        ("2024-03-20", 2, "2024-03-20", ["Valdoria Post"])]
    assert all(r["speaker"] == "Lena Ortiz" and "crossing" in r["quote"] for r in rows)
    assert queries.quotes(store, speaker="Ortiz", since="2024-04-01") == []
    assert {r["speaker"] for r in queries.quotes(store, about="trucks")} == {"Harbor Authority"}
    assert {r["kind"] for r in queries.quotes(store, kind="direct")} == {"direct"}
    assert len(queries.quotes(store, until="2024-02-28")) == 3  # the February article's three attributions


def test_entities_top_by_type(store: Store) -> None:
    rows = queries.entities(store, type="person", top=5)
    assert {k: rows[0][k] for k in ("name", "type", "articles", "mentions")} == {
        "name": "Lena Ortiz", "type": "PERSON", "articles": 2, "mentions": 4}
    assert [r["name"] for r in rows] == ["Lena Ortiz", "Marco Vell"]
    assert queries.entities(store, top=1)[0]["articles"] == 3  # Valdoria, Norland... are in all three
    assert queries.entities(store, name="Eastg") == []  # names are matched whole by default
    assert queries.entities(store, name="Eastg", like=True)[0]["name"] == "Eastgate"


def test_events_by_source_country_and_type(store: Store) -> None:
    rows = queries.events(store, source="VDR", type="reject")
    assert len(rows) == 3 and all(r["type"] == "REJECT" and r["source"] == "Valdoria" for r in rows)
    assert rows[0]["negated"] is False and rows[0]["target"] == "Norland"
    assert len(queries.events(store, source="Valdoria", since="2024-03-01")) == 2
    assert queries.events(store, source="USA") == []
    assert queries.events(store, target="NRL", type="ACCUSE") == []


def test_timeline_of_a_person(store: Store) -> None:
    rows = queries.timeline(store, "Lena Ortiz")
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {r["kind"] for r in rows} == {"article", "quote"}
    assert sum(r["kind"] == "quote" for r in rows) == 4
    assert queries.timeline(store, "Ortiz")  # an alias finds her too
    rows = queries.timeline(store, "Valdoria")
    assert {r["kind"] for r in rows} == {"article", "event:REJECT"}
    assert queries.timeline(store, "Nobody Atall") == []


def test_article_listing_and_contract_object(store: Store) -> None:
    rows = queries.articles(store, limit=2)
    assert [r["published"] for r in rows] == ["2024-03-25", "2024-03-20"]
    obj = queries.article(store, rows[0]["doc"])
    assert obj is not None and obj["schema"] == "newsgraph/1" and obj["events"][0]["type"] == "REJECT"
    assert queries.article(store, "f" * 64) is None
    assert len(queries.articles(store, query="Eastgate")) == 1
    stats = queries.stats(store)
    assert stats["counts"]["articles"] == 3 and stats["schema_version"] >= 5


def test_article_pages_are_one_order_cut_into_pieces(tmp_path: Path) -> None:
    # Pages are picked on the published index, then read: every article once, newest first, ties by insertion.
    days = ["2024-03-20", "2024-02-01", "2024-03-20", "2024-03-25", "2024-02-01", "2024-03-20", "2024-01-09"]
    with open_store(tmp_path / "pages.db") as s:
        s.put_many([talks_doc(d, extra=f" Round {i}.") for i, d in enumerate(days)])
        whole = [r["doc"] for r in queries.articles(s, limit=100)]
        pieces = [r["doc"] for off in range(0, len(days), 2) for r in queries.articles(s, limit=2, offset=off)]
        assert pieces == whole and len(set(whole)) == len(days)
        assert [r["published"] for r in queries.articles(s, limit=100)] == sorted(days, reverse=True)
        order = [r[0] for r in s.conn.execute("SELECT doc FROM articles ORDER BY published DESC, _row")]
        assert whole == order


def test_events_hide_unsure_and_unasserted_ones_unless_asked(store: Store) -> None:
    """Default views show confident, asserted events; min_confidence=None lists every event."""
    assert len(queries.events(store, source="VDR")) == 3
    store.conn.execute("UPDATE events SET provenance_confidence = 0.2 WHERE seq = 0")
    store.conn.execute("UPDATE events SET tense = 'future' WHERE seq = 0 AND provenance_confidence IS NULL")
    shown = queries.events(store, source="VDR")
    every = queries.events(store, source="VDR", min_confidence=None)
    assert len(every) == 3 and len(shown) < 3
    assert all(r["confidence"] is None or r["confidence"] >= 0.5 for r in shown)
    assert len(queries.events(store, source="VDR", min_confidence=0.1)) == len(every)


def test_places_map_shows_only_confident_places(store: Store) -> None:
    """A town the places layer only guessed (or a demonym, a team) stays off the map unless asked for."""
    store.conn.execute("UPDATE places SET geonameid = 900002 WHERE name = 'Eastgate'")  # the fixture gives one id
    assert {r["name"] for r in queries.places(store)} == {"Portvale", "Eastgate"}
    store.conn.execute("UPDATE places SET provenance_confidence = 0.45 WHERE name = 'Eastgate'")
    assert {r["name"] for r in queries.places(store)} == {"Portvale"}
    assert {r["name"] for r in queries.places(store, min_confidence=0)} == {"Portvale", "Eastgate"}
