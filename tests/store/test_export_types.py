"""Exports that analysis tools read as they are: DuckDB and pandas cast every date column."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest

from newsgraph.model import AnalyzedDocument, Place, Timex
from newsgraph.store.export import read_parquet, to_jsonld, write_tables
from newsgraph.store.typed_tables import export_columns
from tests.store.fixtures import talks_doc

duckdb = pytest.importorskip("duckdb")
pd = pytest.importorskip("pandas")
pq = pytest.importorskip("pyarrow.parquet")

# The case: days, weeks, years, durations and references in one column.
VALUES = ["2024-03-19", "2024-W13", "2021", "P3D", "PRESENT_REF", "2024-Q1"]


def _mixed(day: str, event_date: str | None, minister: str) -> AnalyzedDocument:
    doc = talks_doc(day, minister=minister)
    t = doc.timexes[0]
    timexes = tuple(Timex(t.start, t.end, t.text, "DATE", v) for v in VALUES)
    events = (dataclasses.replace(doc.events[0], date=event_date),)
    return dataclasses.replace(doc, timexes=timexes, events=events)


DOCS = [_mixed("2024-03-20", "2024-W13", "Lena Ortiz"), _mixed("2024-02-01", "2021", "Marco Vell"),
        _mixed("2024-01-05", None, "Tove Rask")]
DATE_COLUMNS = {"articles": ["published"], "timexes": ["date", "date_start", "date_end"],
                "events": ["date", "date_start", "date_end"]}


def test_date_columns_are_where_they_should_be() -> None:
    for table, cols in DATE_COLUMNS.items():
        kinds = dict(export_columns(table))
        assert all(kinds[c] == "date" for c in cols)
    assert dict(export_columns("events"))["date_value"] == "str"
    assert {c for c, k in export_columns("entities") if k == "strlist"} == {"aliases", "titles"}
    assert dict(export_columns("articles"))["authors"] == "strlist"


def test_duckdb_casts_every_date_column_of_parquet_and_csv(tmp_path: Path) -> None:
    write_tables(DOCS, tmp_path / "pq", "parquet")
    write_tables(DOCS, tmp_path / "csv", "csv")
    con = duckdb.connect()
    for table, cols in DATE_COLUMNS.items():
        for src in (f"read_parquet('{tmp_path / 'pq' / table}.parquet')", f"read_csv('{tmp_path / 'csv' / table}.csv')"):
            casts = ", ".join(f"CAST({c} AS DATE) AS {c}" for c in cols)
            rows = con.execute(f"SELECT {casts} FROM {src}").fetchall()
            assert rows, src
    weeks = con.execute(f"SELECT date_value, date, date_start, date_end FROM read_parquet('{tmp_path}/pq/events.parquet') "
                        "ORDER BY date_value").fetchall()
    assert [(r[0], r[1], str(r[2]), str(r[3])) for r in weeks] == [
        ("2021", None, "2021-01-01", "2021-12-31"), ("2024-W13", None, "2024-03-25", "2024-03-31"),
        (None, None, "None", "None")]
    (aliases_type,) = con.execute(f"SELECT typeof(aliases) FROM read_parquet('{tmp_path}/pq/entities.parquet') "
                                  "LIMIT 1").fetchone()
    assert aliases_type == "VARCHAR[]"


def test_pandas_casts_every_date_column_of_parquet_and_csv(tmp_path: Path) -> None:
    write_tables(DOCS, tmp_path / "pq", "parquet")
    write_tables(DOCS, tmp_path / "csv", "csv")
    for table, cols in DATE_COLUMNS.items():
        for frame in (pd.read_parquet(tmp_path / "pq" / f"{table}.parquet"),
                      pd.read_csv(tmp_path / "csv" / f"{table}.csv")):
            for c in cols:
                pd.to_datetime(frame[c], format="%Y-%m-%d", errors="raise")
    timexes = pd.read_parquet(tmp_path / "pq" / "timexes.parquet")
    first = timexes[timexes["doc"] == DOCS[0].source.sha256]
    assert list(first["value"]) == VALUES  # the value as written stays
    assert first["date"].notna().sum() == 1  # only 2024-03-19 is one day
    assert list(pd.read_parquet(tmp_path / "pq" / "articles.parquet")["authors"].iloc[0]) == ["Ada Byline"]


def test_typed_parquet_reads_back_to_the_same_documents(tmp_path: Path) -> None:
    from newsgraph.model.serialize import to_json

    write_tables(DOCS, tmp_path / "pq", "parquet")
    back = {d.source.sha256: to_json(d) for d in read_parquet(tmp_path / "pq")}
    assert back == {d.source.sha256: to_json(d) for d in DOCS}


def test_csv_with_bom_for_excel(tmp_path: Path) -> None:
    write_tables(DOCS, tmp_path / "plain", "csv")
    write_tables(DOCS, tmp_path / "excel", "csv", bom=True)
    assert not (tmp_path / "plain" / "attributions.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    data = (tmp_path / "excel" / "attributions.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with open(tmp_path / "excel" / "entities.csv", newline="", encoding="utf-8-sig") as fh:
        row = next(csv.DictReader(fh))
    assert json.loads(row["aliases"]) == ["Lena Ortiz", "Ortiz"]


def test_jsonld_lists_each_place_once() -> None:
    doc = DOCS[0]
    p = doc.places[0]
    again = tuple(dataclasses.replace(p, start=p.start + i) for i in range(5))
    other = Place("Eastgate", 0, 8, None, "VD", 40.0, 11.0, 900002)
    node = to_jsonld(dataclasses.replace(doc, places=(*again, other, *again)))
    assert [pl["name"] for pl in node["contentLocation"]] == [p.name, "Eastgate"]
