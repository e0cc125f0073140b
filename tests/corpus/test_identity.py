"""Corpus entities on hand-built (fictional) articles: who is one person across articles, who is not."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.corpus.identity import (
    Ent,
    Session,
    _entity_plan,
    _plan,
    _profile_json,
    _sorted,
    rebuild,
)
from newsgraph.model import (
    AnalyzedDocument,
    Article,
    Attribution,
    Entity,
    Mention,
    SourceRef,
    Span,
    SpeakerRef,
)
from newsgraph.store import Store, open_store, queries


def _doc(text: str, ents: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]], day: str = "2025-05-01",
         speaker: str | None = None) -> AnalyzedDocument:
    """An article whose entities are (name, type, aliases, titles), each mentioned where its name occurs."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    entities = []
    for i, (name, etype, aliases, titles) in enumerate(ents, 1):
        written = next((a for a in (name, *aliases) if a in text), name)
        start = text.find(written)
        mentions = (Mention(start, start + len(written), written),) if start >= 0 else ()
        entities.append(Entity(f"e{i}", name, etype, aliases=aliases or (name,), titles=titles, mentions=mentions))
    atts = ()
    if speaker:
        q = text.index('"')
        end = text.index('"', q + 1) + 1
        who = next(e for e in entities if e.name == speaker)
        atts = (Attribution("a1", "direct", Span(q, end, text[q:end]), None,
                            SpeakerRef(who.mentions[0].text, who.mentions[0].start, who.mentions[0].end, who.id,
                                       who.name)),)
    return AnalyzedDocument(source=SourceRef(f"{sha[:6]}.txt", f"file:///{sha[:6]}.txt", sha, "text"),
                            article=Article(title=text.split(".")[0], text=text, published=day),
                            entities=tuple(entities), attributions=atts)


BAKER = _doc("John Smith, a baker in Millbrook, won the regional bread prize at the Millbrook Fair.",
             [("John Smith", "PERSON", ("John Smith", "Smith"), ()), ("Millbrook", "GPE", (), ()),
              ("Millbrook Fair", "EVENT", (), ())])
COACH = _doc("Eastgate Rovers sacked their coach John Smith after a fifth defeat in the Northern League.",
             [("Eastgate Rovers", "ORG", (), ()), ("John Smith", "PERSON", ("John Smith", "Smith"), ("coach",)),
              ("Northern League", "ORG", (), ())], day="2025-05-02")
FULL = _doc('Trade Minister Lena Ortiz of Valdoria said "the toll plan is dead" after talks with Norland.',
            [("Lena Ortiz", "PERSON", ("Lena Ortiz", "Ortiz"), ("Trade Minister",)), ("Valdoria", "GPE", (), ()),
             ("Norland", "GPE", (), ())], speaker="Lena Ortiz")
SURNAME = _doc('Valdoria will not reopen the crossing, Ortiz told reporters: "we are finished here."',
               [("Ortiz", "PERSON", ("Ortiz",), ()), ("Valdoria", "GPE", (), ())], day="2025-05-03",
               speaker="Ortiz")
TITLED = _doc("Minister Ortiz flew to Norland on Friday to sign the river treaty.",
              [("Ortiz", "PERSON", ("Ortiz",), ("Minister",)), ("Norland", "GPE", (), ())], day="2025-05-04")
NOT_NAMES = _doc('"I will stay," he said. The minister agreed, and I left the Valdoria Assembly early.',
                 [("I", "PERSON", ("I",), ()), ("he", "PERSON", ("he",), ()),
                  ("the minister", "PERSON", ("the minister",), ("minister",)),
                  ("Valdoria Assembly", "ORG", (), ())], day="2025-05-05", speaker="I")
COMPANY = _doc("Norland Shipping Co. said on Monday that its ferries would run again.",
               [("Norland Shipping Co.", "ORG", ("Norland Shipping Co.",), ())], day="2025-05-06")
COMPANY2 = _doc("Norland Shipping cut two routes; Norland Rail added one.",
                [("Norland Shipping", "ORG", (), ()), ("Norland Rail", "ORG", (), ())], day="2025-05-07")
ALL = [BAKER, COACH, FULL, SURNAME, TITLED, NOT_NAMES, COMPANY, COMPANY2]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "c.db") as s:
        s.put_many(ALL)
        yield s


def _cid(store: Store, doc: AnalyzedDocument, name: str) -> str | None:
    got = store.get(doc.source.sha256)
    assert got is not None
    return next(e.corpus_id for e in got.entities if e.name == name)


def test_two_john_smiths_in_unrelated_stories_stay_apart(store: Store) -> None:
    baker, coach = _cid(store, BAKER, "John Smith"), _cid(store, COACH, "John Smith")
    assert baker and coach and baker != coach
    # An exact name query finds both people; each has one article.
    rows = queries.entities(store, name="John Smith")
    assert sorted(r["articles"] for r in rows) == [1, 1] and len(rows) == 2


def test_full_name_joins_surname_and_title_in_other_articles(store: Store) -> None:
    ortiz = _cid(store, FULL, "Lena Ortiz")
    assert _cid(store, SURNAME, "Ortiz") == ortiz  # shares Valdoria with her first article
    assert _cid(store, TITLED, "Ortiz") == ortiz  # shares Norland and the title word "minister"
    [row] = queries.entities(store, name="Lena Ortiz")
    assert row["articles"] == 3 and row["name"] == "Lena Ortiz"
    quotes = queries.quotes(store, speaker="Ortiz")
    assert {q["quote"] for q in quotes} == {'"the toll plan is dead"', '"we are finished here."'}
    assert [i["kind"] for i in queries.timeline(store, "lena ortiz")].count("article") == 3


def test_pronouns_and_bare_titles_get_no_corpus_entity(store: Store) -> None:
    for name in ("I", "he", "the minister"):
        assert _cid(store, NOT_NAMES, name) is None
        assert queries.entities(store, name=name) == []
        assert queries.quotes(store, speaker=name) == []
        assert queries.timeline(store, name) == []
    assert _cid(store, NOT_NAMES, "Valdoria Assembly")
    names = {r["name"] for r in queries.entities(store, top=100)}
    assert not names & {"I", "he", "the minister"}


def test_exact_names_by_default_substrings_with_like(store: Store) -> None:
    assert queries.entities(store, name="Norland Shipping Co.")[0]["articles"] == 2  # "Co." is no part of a name
    assert queries.entities(store, name="Norland Rail")[0]["articles"] == 1
    assert queries.entities(store, name="Orti") == []
    assert queries.quotes(store, speaker="Orti") == []
    assert {r["name"] for r in queries.entities(store, name="Orti", like=True)} == {"Lena Ortiz"}
    assert queries.quotes(store, speaker="Orti", like=True)


def test_rebuild_gives_the_same_ids_as_incremental_linking(store: Store) -> None:
    before = store.conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row").fetchall()
    keys = store.conn.execute("SELECT * FROM corpus_keys ORDER BY key, corpus_id").fetchall()
    assert rebuild(store.conn) == store.conn.execute("SELECT COUNT(*) FROM corpus_entities").fetchone()[0]
    assert store.conn.execute("SELECT _row, corpus_id FROM entities ORDER BY _row").fetchall() == before
    assert store.conn.execute("SELECT * FROM corpus_keys ORDER BY key, corpus_id").fetchall() == keys


def test_a_split_entity_is_merged_when_an_article_joins_its_names(tmp_path: Path) -> None:
    # One article names "Harbor Authority" and "Harbor Authority Board" apart; a later one says they are one.
    first = _doc("The Harbor Authority Board met; the Harbor Authority said fees rise.",
                 [("Harbor Authority Board", "ORG", (), ()), ("Harbor Authority", "ORG", (), ())])
    later = _doc("Harbor Authority Board members, the Harbor Authority said, will vote.",
                 [("Harbor Authority Board", "ORG", ("Harbor Authority", "Harbor Authority Board"), ())],
                 day="2025-06-01")
    with open_store(tmp_path / "m.db") as s:
        s.put_many([first])
        assert _cid(s, first, "Harbor Authority") != _cid(s, first, "Harbor Authority Board")
        s.put_many([later])
        ids = {_cid(s, first, "Harbor Authority"), _cid(s, first, "Harbor Authority Board"),
               _cid(s, later, "Harbor Authority Board")}
        assert len(ids) == 1


def test_a_model_is_not_its_product_line(tmp_path: Path) -> None:
    line = _doc("Corvel sold more zPad tablets this spring.", [("Corvel", "ORG", (), ()), ("zPad", "PRODUCT", (), ())])
    model = _doc("The zPad 4 went on sale; the zPad nano follows, and the zPad Store opens.",
                 [("zPad 4", "PRODUCT", (), ()), ("zPad nano", "PRODUCT", ("zPad", "zPad nano"), ()),
                  ("zPad Store", "PRODUCT", (), ())], day="2025-06-02")
    with open_store(tmp_path / "p.db") as s:
        s.put_many([line, model])
        zpad = _cid(s, line, "zPad")
        assert _cid(s, model, "zPad 4") != zpad
        assert _cid(s, model, "zPad nano") != zpad  # not even through its alias "zPad"
        assert _cid(s, model, "zPad Store") == zpad  # a store of the line is no model: it joins as before


def test_a_model_number_names_the_maker_s_model(tmp_path: Path) -> None:
    full = _doc("Vantor Aerospace flew the Vantor 640 over Millbrook.",
                [("Vantor Aerospace", "ORG", (), ()), ("Vantor 640", "PRODUCT", (), ())])
    bare = _doc("Two more 640s were delivered; the 640 seats 90.", [("640s", "PRODUCT", ("640s", "640"), ())],
                day="2025-06-03")
    with open_store(tmp_path / "v.db") as s:
        s.put_many([full, bare])
        assert _cid(s, bare, "640s") == _cid(s, full, "Vantor 640") != _cid(s, full, "Vantor Aerospace")
# A merge, then an article that meets the merged-away entity by a key no earlier article of its
# transaction read ("HA"): linking must find the survivor there as the merge's SQL would have it.
SPLIT = _doc("The Harbor Authority Board met; the Harbor Authority (HA) said fees rise.",
             [("Harbor Authority Board", "ORG", (), ()), ("Harbor Authority", "ORG", ("Harbor Authority", "HA"), ())])
JOINED = _doc("Harbor Authority Board members, the Harbor Authority said, will vote.",
              [("Harbor Authority Board", "ORG", ("Harbor Authority", "Harbor Authority Board"), ())], day="2025-06-01")
AFTER = _doc("HA inspectors closed pier four in Millbrook.", [("HA", "ORG", (), ()), ("Millbrook", "GPE", (), ())],
             day="2025-06-02")
SEQUENCE = [*ALL, SPLIT, JOINED, AFTER, BAKER, FULL]


def _corpus(s: Store) -> tuple[list[Any], ...]:
    return (s.conn.execute("SELECT doc, id, corpus_id FROM entities ORDER BY doc, id").fetchall(),
            s.conn.execute("SELECT id, name, type, first_art, profile FROM corpus_entities ORDER BY id").fetchall(),
            s.conn.execute("SELECT key, corpus_id, kind FROM corpus_keys ORDER BY key, corpus_id").fetchall())


@pytest.mark.parametrize("sizes", [(len(SEQUENCE),), (3, 4, 5), (9, 2, 1)])
def test_linking_many_articles_in_one_transaction_gives_the_ids_of_one_at_a_time(tmp_path: Path,
                                                                                  sizes: tuple[int, ...]) -> None:
    docs = [d for i, d in enumerate(SEQUENCE) if d not in SEQUENCE[:i]]
    with open_store(tmp_path / "one.db") as s:
        for d in docs:
            s.put_many([d])
        expected = _corpus(s)
        assert s.conn.execute("SELECT COUNT(*) FROM corpus_redirects").fetchone()[0] == 1
    with open_store(tmp_path / "batched.db") as s:
        start = 0
        for n in sizes:
            s.put_many(docs[start:start + n])
            start += n
        s.put_many(docs[start:])
        assert _corpus(s) == expected
    assert {r[2] for r in expected[0] if r[1] == "e1" and r[0] == AFTER.source.sha256} == \
           {r[2] for r in expected[0] if r[0] == JOINED.source.sha256}  # "HA" is the merged Harbor Authority


def test_an_id_merged_away_still_resolves(tmp_path: Path) -> None:
    with open_store(tmp_path / "r.db") as s:
        s.put_many([SPLIT])
        old = {_cid(s, SPLIT, "Harbor Authority"), _cid(s, SPLIT, "Harbor Authority Board")}
        s.put_many([JOINED])
        [survivor] = {_cid(s, SPLIT, "Harbor Authority"), _cid(s, JOINED, "Harbor Authority Board")}
        [gone] = old - {survivor}
        assert s.conn.execute("SELECT COUNT(*) FROM corpus_entities WHERE id = ?", (gone,)).fetchone()[0] == 0
        assert queries.redirected(s, gone) == survivor and queries.redirected(s, survivor) is None
        assert queries.resolve(s, gone) == [survivor]
        [row] = queries.entities(s, name=gone)
        assert row["articles"] == 2
        # A rebuild gives the same ids and keeps the redirect.
        rebuild(s.conn)
        assert queries.resolve(s, gone) == [survivor]


@pytest.mark.parametrize("words", [[], [""], ["c1a2b3c4d5e6f", "c0ffee0ffee00", "o'neil ~x"], ["minister", "é\"\\", "日本"],
                                   ["a", "\U0001f600"], ["a\nb\x00\u2028", "del\x7f"], ["a\"b"], ["back\\slash"]])
def test_a_profile_is_written_as_json_dumps_writes_it(words: list[str]) -> None:
    # A stored profile's text must not depend on which encoder wrote it: the hand-made one matches json.dumps.
    ctx, titles, firsts = words, words[::-1], words[1:]
    assert _profile_json(ctx, titles, firsts) == json.dumps({"ctx": ctx, "titles": titles, "first": firsts},
                                                            separators=(",", ":"))


def test_a_flush_writes_each_created_and_changed_corpus_entity_once(tmp_path: Path) -> None:
    with open_store(tmp_path / "f.db") as s:
        view = Session(s.conn)
        ann = view.create("ca", Ent("e1", "Ann Lee", "PERSON"), 1)
        view.create("cb", Ent("e2", "Acme", "ORG"), 1)
        view.flush()
        assert view.to_write() == ([], [])
        ann.firsts.add("ann")
        view.touch(ann)
        view.touch(ann)
        view.create("cx", Ent("e1", "Bo", "ORG"), 2)
        gone = view.create("cy", Ent("e2", "Cy", "ORG"), 2)
        view.merge(gone, view.by_id["cb"])  # merged away before it was written: never written
        view.create("cz", Ent("e3", "Di", "ORG"), 2)
        again = view.create("cx", Ent("e1", "Bo Two", "ORG"), 2)  # made again: keeps its place, as in by_id
        assert view.to_write() == ([again, view.by_id["cz"]], [ann])
        view.flush()
        assert view.to_write() == ([], [])
        assert [tuple(r) for r in s.conn.execute("SELECT id, name FROM corpus_entities ORDER BY rowid")] == \
               [("ca", "Ann Lee"), ("cb", "Acme"), ("cx", "Bo Two"), ("cz", "Di")]
        assert s.conn.execute("SELECT profile FROM corpus_entities WHERE id = 'ca'").fetchone()[0] == \
               '{"ctx":[],"titles":[],"first":["ann"]}'


def test_candidates_follow_the_keys_as_they_change(tmp_path: Path) -> None:
    # Candidates are kept per key tuple: a key given, moved by a merge or read must show at once.
    with open_store(tmp_path / "k.db") as s:
        view = Session(s.conn)
        acme = view.create("cb", Ent("e1", "Acme", "ORG"), 1)
        view.add_key(acme, "acme", "name")
        assert view.candidates(("acme", "acme corp")) == [acme]
        other = view.create("ca", Ent("e2", "Acme Corp", "ORG"), 1)
        view.add_key(other, "acme corp", "name")
        assert view.candidates(("acme", "acme corp")) == [other, acme]  # by id
        view.merge(other, acme)
        assert view.candidates(("acme", "acme corp")) == [acme] == view.candidates(("acme corp",))
        view.flush()
        s.conn.execute("INSERT INTO corpus_entities (id, name, type, first_art) VALUES ('cc', 'Acme', 'ORG', 2)")
        s.conn.execute("INSERT INTO corpus_keys (key, corpus_id, kind) VALUES ('acme', 'cc', 'name')")
        assert view.candidates(("acme",)) == [acme]
        view.probed.discard("acme")
        view.load({"acme"})
        assert [c.id for c in view.candidates(("acme",))] == ["cb", "cc"]


def test_entities_are_linked_in_the_rank_tuples_order_whatever_the_names_length() -> None:
    names = [("Apple", "ORG"), ("Tim Cook", "PERSON"), ("Cook", "PERSON"), ("Apple Inc", "ORG"), ("Cupertino", "GPE"),
             ("Tim D. Cook", "PERSON"), ("Bank", "ORG"), ("Apple", "ORG")]
    long = ("Ab " * 600, "ORG")  # more words than an int rank holds: the article sorts by the tuples
    for article in (names, names + [long], [long, *names]):
        ents = [Ent(f"e{i % 5}", name, typ) for i, (name, typ) in enumerate(article)]
        named, _ = _plan(ents)
        expected = sorted(named, key=lambda n: (n[4][10], n[1], n[2]))
        assert [n[2] for n in _sorted(named)] == [n[2] for n in expected]
    plan = _entity_plan(*long, ())
    assert plan is not None and plan[4] == plan[10]
