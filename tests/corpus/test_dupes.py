"""Near-duplicates and syndication: units, the store path, and the synthetic syndication set."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
from pathlib import Path

from newsgraph.corpus.dupes import (
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
)
from newsgraph.model import AnalyzedDocument, Article, Rights
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
