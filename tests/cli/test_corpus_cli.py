"""The corpus commands through the real entry point: formats, filters, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from newsgraph.store import open_store
from tests.conftest import run_cli
from tests.store.fixtures import talks_doc


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "c.db"
    with open_store(path) as store:
        store.put_many([
            talks_doc("2024-03-20"),
            talks_doc("2024-02-01", minister="Marco Vell", town="Eastgate"),
            talks_doc("2024-03-25", extra=" A cease-fire was agreed in the evening."),
        ])
    return str(path)


def _json(*args: str) -> object:
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr.decode()
    return json.loads(proc.stdout)


def test_quotes_json_and_csv(db: str) -> None:
    rows = _json("quotes", "--speaker", "Ortiz", "--about", "crossing", "--since", "2024-03-01", "--db", db,
                 "--format", "json")
    assert [r["published"] for r in rows] == ["2024-03-25", "2024-03-20"]
    proc = run_cli("quotes", "--speaker", "Vell", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
    assert len(rows) == 2 and {r["speaker"] for r in rows} == {"Marco Vell"}


def test_table_output_for_people(db: str) -> None:
    proc = run_cli("quotes", "--speaker", "Ortiz", "--db", db, env={"COLUMNS": "200"})
    assert proc.returncode == 0 and "Lena Ortiz" in proc.stdout.decode()
    proc = run_cli("quotes", "--speaker", "Nobody", "--db", db)
    assert "no quotes found" in proc.stdout.decode()


def test_search_entities_events_timeline(db: str) -> None:
    assert [r["kind"] for r in _json("search", "cease-fire", "--db", db, "-f", "json")] == ["article"]
    ents = _json("entities", "--type", "PERSON", "--top", "20", "--db", db, "-f", "json")
    assert ents[0]["name"] == "Lena Ortiz" and ents[0]["articles"] == 2
    evs = _json("events", "--source", "VDR", "--type", "REJECT", "--db", db, "-f", "json")
    assert len(evs) == 3 and evs[0]["trigger"] == "rejected"
    tl = _json("timeline", "Lena Ortiz", "--db", db, "-f", "json")
    assert tl and tl[0]["date"] == "2024-03-20"


def test_bad_date_and_missing_store_are_coded(db: str, tmp_path: Path) -> None:
    proc = run_cli("quotes", "--since", "March", "--db", db)
    assert proc.returncode == 2 and b"E006" in proc.stderr
    proc = run_cli("search", "x", "--db", str(tmp_path / "nothing.db"))
    assert proc.returncode == 2 and b"no store" in proc.stderr
    assert not (tmp_path / "nothing.db").exists()


def test_export_formats(db: str, tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    assert run_cli("export", "--format", "jsonl", "--out", str(out), "--db", db).returncode == 0
    assert len(out.read_text().splitlines()) == 3
    proc = run_cli("export", "--format", "jsonld", "--db", db)
    assert len(json.loads(proc.stdout)["@graph"]) == 3
    assert run_cli("export", "--format", "parquet", "--out", str(tmp_path / "pq"), "--db", db).returncode == 0
    assert (tmp_path / "pq" / "events.parquet").exists()
    assert run_cli("export", "--format", "csv", "--out", str(tmp_path / "csv"), "--db", db).returncode == 0
    assert (tmp_path / "csv" / "attributions.csv").read_text().count("\n") == 10  # header + 9 rows
    proc = run_cli("export", "--format", "xml", "--db", db)
    assert proc.returncode == 2 and b"E006" in proc.stderr


def test_db_from_environment(db: str) -> None:
    proc = run_cli("stats", env={"NEWSGRAPH_DB": db})
    assert json.loads(proc.stdout)["counts"]["articles"] == 3
