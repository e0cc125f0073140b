"""Near-duplicates and syndication: units, the store path, and the synthetic syndication set."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
from pathlib import Path
from typing import Any

from newsgraph.corpus.dupes import (
    CONTAINMENT,
    Member,
    containment,
    find_copies,
    originals,
    pairwise_scores,
    pick_original,
    shingles,
    signature,
    signature_bytes,
    signature_from_bytes,
    update_store_groups,
)
from newsgraph.model import AnalyzedDocument, Article, Rights, SourceRef
from newsgraph.store import open_store, queries
from tests.conftest import ROOT, baseline, run_cli, shared_file
from tests.store.fixtures import talks_doc

STORY = (
    "The Portvale harbor board voted on Thursday to delay the dredging of the north channel until next spring, "
    "after a study found that the work would disturb a colony of nesting terns.\n\n"
    "Board chair Elsa Moravec said the delay would cost shipping firms about $2 million in extra fuel, "
    "because larger vessels will have to wait for high tide before entering the port.\n\n"
    "\"We cannot pretend the birds are not there,\" Moravec said. \"But we also cannot let the channel silt up "
    "for another decade while we argue about it.\"\n\n"
    "The study, paid for by the regional council, counted more than 400 nesting pairs on the sandbanks along "
    "the channel, twice as many as a survey found five years ago."
)
OTHER_TOPIC = (
    "The Portvale harbor board approved a new ferry timetable on Thursday, adding two evening crossings to "
    "Eastgate from next month.\n\n"
    "Ferry operators said the extra sailings would carry about 600 more passengers a day, mostly commuters "
    "who now drive around the bay.\n\n"
    "\"People have been asking for this for years,\" board member Tomas Reyes said at the meeting, adding that "
    "fares would stay the same until the end of the year."
)


def test_shingles_and_containment() -> None:
    a = shingles(STORY)
    cut = shingles(STORY[: len(STORY) // 2])
    assert containment(cut, a) > 0.95 and containment(a, cut) == containment(cut, a)
    assert containment(a, shingles(OTHER_TOPIC)) < 0.1
    assert shingles("Too short") and shingles("") == frozenset()
    sig = signature(a)
    assert signature_from_bytes(signature_bytes(sig)).jaccard(sig) == 1.0


def test_copies_are_grouped_and_same_topic_is_not() -> None:
    texts = {
        "orig": STORY,
        "wire": "PORTVALE (Harbor Wire) — " + STORY + "\n\nCopyright 2024 Harbor Wire. All rights reserved.",
        "cut": "\n\n".join(STORY.split("\n\n")[:2]) + "\n\nRead the full story on our website.",
        "other": OTHER_TOPIC,
    }
    groups = find_copies(texts)
    assert [sorted(g) for g in groups] == [["cut", "orig", "wire"]]
    published = {"orig": "2024-03-21", "wire": "2024-03-21", "cut": "2024-03-22", "other": "2024-03-21"}
    assert originals(groups, texts, published)["cut"] == "orig"  # same day as the wire copy, less padded


def test_original_is_earliest_then_most_complete() -> None:
    a = Member("a", "2024-03-22", order=0, content=900, padding=0)
    b = Member("b", "2024-03-21", order=1, content=300, padding=40)
    c = Member("c", None, order=2, content=2000)
    assert pick_original([a, b, c]).key == "b"
    assert pick_original([a, dataclasses.replace(b, published="2024-03-22")]).key == "a"
    assert pick_original([dataclasses.replace(a, padding=50), dataclasses.replace(b, published="2024-03-22",
                                                                                     content=900)]).key == "b"


def test_pairwise_scores() -> None:
    s = pairwise_scores([["a", "b", "c"]], [["a", "b"], ["c"]])
    assert s["precision"] == 1 / 3 and s["recall"] == 1.0 and s["true_pairs"] == 1


def test_store_groups_keep_every_rights_notice(tmp_path: Path) -> None:
    base = talks_doc("2024-03-20")
    wire = dataclasses.replace(
        base,
        source=dataclasses.replace(base.source, id="wire.txt", sha256="b" * 64),
        article=dataclasses.replace(
            base.article, text="PORTVALE (Harbor Wire) — " + base.article.text, published="2024-03-21",
            rights=Rights("Harbor Wire Inc.", 2024, "Copyright 2024 Harbor Wire Inc. May not be republished.")),
    )
    other = AnalyzedDocument(source=dataclasses.replace(base.source, id="ferry.txt", sha256="c" * 64),
                             article=Article(title="Ferry timetable", text=OTHER_TOPIC, published="2024-03-20"))
    with open_store(tmp_path / "d.db") as store:
        store.put_many([wire, base, other])
    proc = run_cli("dupes", "--db", str(tmp_path / "d.db"), "--format", "json")
    assert proc.returncode == 0, proc.stderr.decode()
    groups = json.loads(proc.stdout)
    assert len(groups) == 1 and groups[0]["size"] == 2
    first, second = groups[0]["members"]
    assert first["is_original"] and first["doc"] == base.source.sha256 and first["score"] == 1.0
    assert second["rights_notice"].startswith("Copyright 2024 Harbor Wire Inc.")
    assert first["rights_notice"] == "Copyright 2024 Valdoria Post Media Ltd."
    with open_store(tmp_path / "d.db") as store:  # the signatures are kept; a rerun gives the same groups
        assert store.conn.execute("SELECT COUNT(*) FROM minhashes").fetchone()[0] == 3
        from newsgraph.corpus.dupes import update_store_groups

        assert update_store_groups(store) == 1
        assert queries.duplicate_groups(store) == groups


def _load_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_syndication_set", ROOT / "scripts" / "make_syndication_set.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_syndication_set_pairwise_f1(tmp_path: Path) -> None:
    source = shared_file("data/extraction/naeb/articles.json")
    out = _load_script().main(["--source", str(source), "--out", str(tmp_path / "synd.jsonl")])
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    roles = {r["role"] for r in rows}
    assert roles == {"original", "copy", "unrelated"} and len(rows) > 250
    texts = {r["id"]: r["text"] for r in rows}
    truth: dict[str, list[str]] = {}
    for r in rows:
        truth.setdefault(r["group"], []).append(r["id"])
    groups = find_copies(texts)
    scores = pairwise_scores(groups, truth.values())
    floors = baseline("corpus")
    print(f"syndication set: {len(rows)} articles, pairwise {scores}")
    assert scores["f1"] >= floors["pairwise_f1"], scores
    by_id = {r["id"]: r for r in rows}
    orig = originals(groups, texts, {r["id"]: r["published"] for r in rows})
    right = sum(by_id[orig[g[0]]]["role"] == "original" for g in groups)
    print(f"original picked right in {right} of {len(groups)} groups")
    assert right / len(groups) >= floors["original_accuracy"]


def _syndication_docs(tmp_path: Path) -> tuple[list[AnalyzedDocument], dict[str, list[str]]]:
    source = shared_file("data/extraction/naeb/articles.json")
    out = _load_script().main(["--source", str(source), "--out", str(tmp_path / "synd.jsonl")])
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    docs, truth = [], {}
    for r in rows:
        sha = hashlib.sha256(r["id"].encode()).hexdigest()
        docs.append(AnalyzedDocument(source=SourceRef(r["id"], f"file:///{r['id']}", sha, "text"),
                                     article=Article(title=r["id"], text=r["text"], published=r["published"])))
        truth.setdefault(r["group"], []).append(sha)
    return docs, truth


def _stories(store: Any) -> tuple[list[Any], list[Any]]:
    return ([tuple(r) for r in store.conn.execute("SELECT doc, grp, is_original, score FROM dup_groups ORDER BY doc")],
            [tuple(r) for r in store.conn.execute("SELECT doc, story_id FROM articles ORDER BY doc")])


def test_grouping_new_articles_against_the_store_equals_a_full_regroup(tmp_path: Path) -> None:
    docs, truth = _syndication_docs(tmp_path)
    with open_store(tmp_path / "all.db") as store:
        store.put_many(docs)
        update_store_groups(store)
        at_once = _stories(store)
        groups = [g for g in queries.duplicate_groups(store)]
        scores = pairwise_scores([[m["doc"] for m in g["members"]] for g in groups], truth.values())
        print(f"store grouping of the syndication set: pairwise {scores}")
        assert scores["f1"] >= baseline("corpus")["pairwise_f1"], scores
        update_store_groups(store, full=True)  # the repair recomputes every pair: nothing changes
        assert _stories(store) == at_once
    # Ingested in runs, each grouped against what is stored: the stories are those of all at once.
    with open_store(tmp_path / "halves.db") as store:
        for part in (docs[:len(docs) // 2], docs[len(docs) // 2:]):
            store.put_many(part)
            update_store_groups(store)
        assert _stories(store) == at_once
    # Copies stored before their originals and groups that grow across runs: the same as a full regroup
    # of that store (whose "first stored" tie-break is its own ingest order).
    with open_store(tmp_path / "runs.db") as store:
        half = len(docs) // 2
        for part in (docs[half:], docs[:half // 3], docs[half // 3:half]):
            store.put_many(part)
            update_store_groups(store)
        incremental = _stories(store)
        update_store_groups(store, full=True)
        assert _stories(store) == incremental
        assert len({r[1] for r in incremental[0]}) == len({r[1] for r in at_once[0]})


P1 = ("The Millbrook council approved a new bus route on Monday that will link the northern estates with the "
      "railway station, after residents gathered more than four thousand signatures for the plan last winter.")
P2 = ("Councillor Ada Verhoeven said the buses would run every twenty minutes from six in the morning until "
      "midnight, and that the first vehicles would be electric ones leased from a regional operator.")
P3 = ("Shop owners on Quarry Lane, where the route ends, said they hoped the extra passengers would bring "
      "back the evening trade that the street lost when the old tram line closed a decade ago.")


def _plain_doc(name: str, text: str, day: str) -> AnalyzedDocument:
    sha = hashlib.sha256(name.encode()).hexdigest()
    return AnalyzedDocument(source=SourceRef(name, f"file:///{name}", sha, "text"),
                            article=Article(title=name, text=text, published=day))


def test_a_stored_group_stays_whole_when_a_new_copy_meets_one_member(tmp_path: Path) -> None:
    # B is contained in A and in C; A and C share too little. Stored: A and B; new: C.
    a, b, c = (_plain_doc("a", P1 + "\n\n" + P2, "2025-03-01"), _plain_doc("b", P2, "2025-03-02"),
               _plain_doc("c", P2 + "\n\n" + P3, "2025-03-03"))
    assert containment(shingles(a.article.text), shingles(c.article.text)) < CONTAINMENT
    with open_store(tmp_path / "g.db") as store:
        store.put_many([a, b])
        assert update_store_groups(store) == 1
        store.put_many([c])
        assert update_store_groups(store) == 1
        incremental = _stories(store)
        assert {r[1] for r in incremental[0]} == {"g" + a.source.sha256[:12]} and len(incremental[0]) == 3
        update_store_groups(store, full=True)
        assert _stories(store) == incremental
