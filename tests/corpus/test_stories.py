"""A wire story and its republished copy count once everywhere: CLI, API, pages and exports.

The two example articles in newsgraph/data/examples (fictional) are the same
Harbor Wire story, once as the wire sent it and once republished; `ingest`
groups them, and every list shows the story once, by its original.
"""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

EXAMPLES = Path(str(resources.files("newsgraph").joinpath("data", "examples")))
FILES = [EXAMPLES / "river-port-strike.txt", EXAMPLES / "river-port-strike-wire.txt"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("stories") / "s.db"
    proc = run_cli("ingest", *map(str, FILES), "--db", str(path), "-j", "1", "--no-progress")
    assert proc.returncode == 0, proc.stderr.decode()
    return str(path)


def _json(*args: str) -> Any:
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


def _groups(db: str) -> tuple[str, str]:
    from newsgraph.store import open_store, queries

    with open_store(db, readonly=True) as store:
        [group] = queries.duplicate_groups(store)
    original, copy = group["members"]
    return original["doc"], copy["doc"]


def test_cli_lists_count_the_story_once(db: str) -> None:
    original, copy = _groups(db)
    quotes = _json("quotes", "--speaker", "Lucia Brandt", "--db", db, "-f", "json")
    assert quotes and all(q["doc"] == original and q["copies"] == 1 and q["also_published_by"] for q in quotes)
    assert len({q["quote"] for q in quotes}) == len(quotes)
    [brandt] = _json("entities", "--name", "Lucia Brandt", "--db", db, "-f", "json")
    assert brandt["articles"] == 1
    events = _json("events", "--db", db, "-f", "json")
    assert events and {e["doc"] for e in events} == {original}
    timeline = _json("timeline", "Martin Kessler", "--db", db, "-f", "json")
    assert [i["doc"] for i in timeline if i["kind"] == "article"] == [original]
    assert {r["doc"] for r in _json("search", "dock workers", "--db", db, "-f", "json")} == {original}


def test_with_copies_lists_the_copy_under_its_original(db: str) -> None:
    original, copy = _groups(db)
    once = _json("quotes", "--speaker", "Brandt", "--db", db, "-f", "json")
    both = _json("quotes", "--speaker", "Brandt", "--with-copies", "--db", db, "-f", "json")
    assert len(both) == 2 * len(once)
    for first, second in zip(both[::2], both[1::2]):
        assert first["doc"] == original and second["doc"] == copy and second["copy_of"] == original
        assert first["quote"] == second["quote"]
    assert _json("entities", "--name", "Brandt", "--with-copies", "--db", db, "-f", "json")[0]["articles"] == 2
    timeline = _json("timeline", "Kessler", "--with-copies", "--db", db, "-f", "json")
    assert {i["doc"] for i in timeline if i["kind"] == "article"} == {original, copy}
    table = run_cli("quotes", "--speaker", "Brandt", "--db", db, env={"COLUMNS": "400"}).stdout.decode()
    assert "also published by" in " ".join(table.split())


def test_names_are_matched_whole_unless_like(db: str) -> None:
    assert _json("quotes", "--speaker", "I", "--db", db, "-f", "json") == []
    assert _json("quotes", "--speaker", "Bran", "--db", db, "-f", "json") == []
    assert _json("quotes", "--speaker", "Bran", "--like", "--db", db, "-f", "json")


def test_api_and_pages_count_the_story_once(db: str) -> None:
    pytest.importorskip("fastapi", reason="the web extra is not installed")
    from fastapi.testclient import TestClient

    from newsgraph.serve import ServeConfig, create_app

    original, copy = _groups(db)
    with TestClient(create_app(ServeConfig(db=db)), base_url="http://127.0.0.1") as client:
        once = client.get("/api/quotes", params={"speaker": "Lucia Brandt"}).json()["items"]
        both = client.get("/api/quotes", params={"speaker": "Lucia Brandt", "copies": "true"}).json()["items"]
        assert once and len(both) == 2 * len(once) and both[1]["copy_of"] == original
        assert {r["doc"] for r in client.get("/api/articles").json()["items"]} == {original}
        assert len(client.get("/api/articles", params={"copies": "true"}).json()["items"]) == 2
        entity = client.get("/api/entities/Lucia Brandt").json()
        assert entity["articles"] == 1 and entity["quotes"]
        assert {e["doc"] for e in client.get("/api/events").json()["items"]} == {original}
        assert client.get("/api/quotes", params={"speaker": "I"}).json()["items"] == []
        page = client.get("/quotes", params={"speaker": "Brandt"}).text
        assert "also published by" in page.lower() and "↳ copy" not in page
        assert "↳ copy" in client.get("/quotes", params={"speaker": "Brandt", "copies": "true"}).text
        assert "A copy of" in client.get(f"/articles/{copy}").text
        assert "Also published by" in client.get(f"/articles/{original}").text
        assert client.get("/entity/Lucia Brandt").status_code == 200
        assert client.get("/entity/I").status_code == 404


def test_exports_carry_corpus_and_story_ids(db: str, tmp_path: Path) -> None:
    original, copy = _groups(db)
    out = tmp_path / "all.jsonl"
    assert run_cli("export", "--format", "jsonl", "--out", str(out), "--db", db).returncode == 0
    docs = {d["source"]["sha256"]: d for d in map(json.loads, out.read_text("utf-8").splitlines())}
    assert docs[copy]["article"]["story_id"] == docs[original]["article"]["story_id"] == "g" + original[:12]
    brandt = {e["corpus_id"] for d in docs.values() for e in d["entities"] if e["name"] == "Lucia Brandt"}
    assert len(brandt) == 1 and None not in brandt
    assert run_cli("export", "--format", "csv", "--out", str(tmp_path / "csv"), "--db", db).returncode == 0
    with open(tmp_path / "csv" / "entities.csv", encoding="utf-8") as fh:
        assert all(r["corpus_id"] for r in csv.DictReader(fh))
    with open(tmp_path / "csv" / "articles.csv", encoding="utf-8") as fh:
        assert {r["story_id"] for r in csv.DictReader(fh)} == {"g" + original[:12]}
