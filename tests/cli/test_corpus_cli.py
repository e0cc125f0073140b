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
    # The same words in two articles: one quote, seen in both.
    assert [(r["published"], r["articles"]) for r in rows] == [("2024-03-20", 2)]
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


def test_ingest_reads_jsonl_and_warc_through_iter_inputs(tmp_path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = ("The Kelton water board said on Monday that reservoir levels had fallen to 41%, the lowest since "
            "records began. \"We are asking every household to cut use by a tenth,\" board chair Ines Varga said.")
    lines = [json.dumps({"id": "w1", "text": body, "published": "2024-05-06"}),
             "{not json", json.dumps({"id": "w2", "text": body.replace("41%", "38%")})]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    paras = [body, "Farmers in the valley said the cuts would hit them first, since irrigation takes most of the "
             "water drawn from the reservoir in the summer months.",
             "The board will meet again on Thursday to decide whether to ban garden sprinklers, a step it last "
             "took during the drought of 2019, according to its minutes.",
             "Forecasters expect below-average rain for at least six more weeks across the whole region."]
    html = ("<!doctype html><html><head><title>Reservoir falls to record low</title>"
            '<meta property="og:type" content="article"></head><body><nav>Home | News</nav><article>'
            "<h1>Reservoir falls to record low</h1>" + "".join(f"<p>{p}</p>" for p in paras)
            + "</article><footer>Copyright 2024 Kelton Gazette</footer></body></html>")
    with open(tmp_path / "in.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/reservoir", "response",
                                                      payload=BytesIO(html.encode()), http_headers=headers))
    db = tmp_path / "j.db"
    proc = run_cli("ingest", str(tmp_path / "in.jsonl"), str(tmp_path / "in.warc.gz"), "--db", str(db),
                   "--jobs", "1", "--no-progress")
    assert proc.returncode == 1  # the bad JSONL line
    assert b"stored 3, rejected 1" in proc.stdout, proc.stdout
    with open_store(db, readonly=True) as store:
        assert [r["code"] for r in store.rejections()] == ["E001"]
        formats = sorted(r["source_format"] for r in store.rows("articles"))
        assert formats == ["jsonl", "jsonl", "warc"]
        dated = {r["source_id"]: r["published"] for r in store.rows("articles")}
    assert dated["w1"] == "2024-05-06"
