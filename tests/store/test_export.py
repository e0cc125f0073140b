"""Export: contract JSONL, per-table CSV and Parquet, schema.org JSON-LD."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq

from newsgraph.model import Rejected, SourceRef
from newsgraph.model.serialize import TABLES, to_json
from newsgraph.store import open_store
from newsgraph.store.export import (
    arrow_schema,
    docs_to_arrow,
    export_store,
    read_parquet,
    to_jsonld,
    write_tables,
)
from newsgraph.store.typed_tables import export_columns
from tests.conftest import validate
from tests.store.fixtures import talks_doc, unstored

DOCS = [talks_doc("2024-03-20"), talks_doc("2024-02-01", minister="Marco Vell", town="Eastgate")]


def _store(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = open_store(tmp_path / "e.db")
    store.put_many(DOCS)
    store.put(Rejected(SourceRef("e.txt", "file:///e.txt", "e" * 64, "text"), "R001", "the input is empty"))
    return store


def test_parquet_tables_round_trip_to_the_same_documents(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        print(export_store(store, "parquet", tmp_path / "pq"))
    for table in TABLES:
        t = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
        assert t.schema.names == [c for c, _ in export_columns(table)]
        assert t.schema == arrow_schema(table)
        assert t.schema.metadata[b"newsgraph.schema"] == b"newsgraph/1"
    arts = pq.read_table(tmp_path / "pq" / "articles.parquet").to_pylist()
    assert sorted(a["published"].isoformat() for a in arts) == ["2024-02-01", "2024-03-20"]
    events = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert events.column("negated").type.equals(arrow_schema("events").field("negated").type)
    read = list(read_parquet(tmp_path / "pq"))
    # The store's ids travel with the tables: a corpus id per named entity, a story id per article.
    assert all(d.article.story_id == "g" + d.source.sha256[:12] for d in read)
    assert all(e.corpus_id for d in read for e in d.entities)
    back = {d.source.sha256: unstored(to_json(d)) for d in read}
    assert back == {d.source.sha256: to_json(d) for d in DOCS}


def test_docs_to_arrow_for_spark_has_every_table() -> None:
    tables = docs_to_arrow(DOCS)
    assert set(tables) == set(TABLES)
    assert tables["attributions"].num_rows == 6 and tables["mentions"].num_rows == 12


def test_csv_tables_read_back_with_their_columns(tmp_path: Path) -> None:
    write_tables(DOCS, tmp_path / "csv", "csv")
    for table in TABLES:
        with open(tmp_path / "csv" / f"{table}.csv", newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert list(rows[0].keys()) == [c for c, _ in export_columns(table)]
    with open(tmp_path / "csv" / "claims.csv", newline="", encoding="utf-8") as fh:
        claims = list(csv.DictReader(fh))
    assert {c["unit"] for c in claims} == {"trucks"} and {float(c["value"]) for c in claims} == {4000.0}


def test_jsonl_is_the_contract_with_error_lines(tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    with _store(tmp_path) as store:
        export_store(store, "jsonl", out)
    objs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(objs) == 3
    for obj in objs:
        validate(obj)
    assert objs[-1]["error"]["code"] == "R001"
    assert {o["article"]["title"] for o in objs[:2]} == {d.article.title for d in DOCS}


def test_jsonld_is_a_news_article_with_quotations(tmp_path: Path) -> None:
    node = to_jsonld(DOCS[0])
    assert node["@type"] == "NewsArticle" and node["headline"] == DOCS[0].article.title
    assert node["datePublished"] == "2024-03-20" and node["copyrightHolder"]["name"] == "Valdoria Post Media Ltd."
    quotes = node["hasPart"]
    assert [q["@type"] for q in quotes] == ["Quotation"] * 3
    assert quotes[1]["text"].startswith('"We will not sign') and quotes[1]["spokenByCharacter"] == {
        "@type": "Person", "name": "Lena Ortiz"}
    assert quotes[2]["spokenByCharacter"]["@type"] == "Organization"
    assert node["contentLocation"][0]["geo"]["latitude"] == 41.5
    with _store(tmp_path) as store:
        buf = tmp_path / "out.jsonld"
        export_store(store, "jsonld", buf)
    doc = json.loads(buf.read_text("utf-8"))
    assert doc["@context"] == "https://schema.org" and len(doc["@graph"]) == 2
