"""Parquet part files written by the executors themselves, with pyarrow.

Sending every row back into the JVM only to write it out again cost more
than the analysis of a small archive (rows pickled to the JVM, a persisted
DataFrame, one Spark job per table). Here each task writes its own part of
every table straight to the output file system and hands the driver a few
counters. The layout is Spark's (`OUTPUT/TABLE/part-*.parquet`), so Spark,
DuckDB, pandas and `newsgraph load` read it as a folder of one table.

A task that is retried writes the same file names again (partition index
plus the run id), so a retry replaces its own earlier output, never adds
to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newsgraph.model.serialize import REJECTION_COLUMNS, TABLES
from newsgraph.store.typed_tables import arrow_schema, arrow_type, export_columns, rows_to_arrow

ALL_TABLES = (*TABLES, "rejections")
FLUSH_ROWS = 20_000  # rows of one table held before they become a row group


def columns(table: str) -> tuple[tuple[str, str], ...]:
    """Column names and kinds of a layer table (typed as the export types them) or of `rejections`."""
    return REJECTION_COLUMNS if table == "rejections" else export_columns(table)


def table_schema(table: str) -> pa.Schema:
    if table == "rejections":
        return pa.schema([pa.field(c, arrow_type(k)) for c, k in REJECTION_COLUMNS])
    return arrow_schema(table)


def _batch(table: str, rows: list[dict[str, Any]]) -> pa.Table:
    if table == "rejections":
        schema = table_schema(table)
        return pa.Table.from_pydict({c: [r.get(c) for r in rows] for c in schema.names}, schema=schema)
    return rows_to_arrow(table, rows)


def open_output(output: str) -> tuple[pafs.FileSystem, str]:
    """The file system and root path of OUTPUT (a local path or a URI pyarrow knows: s3://, gs://, hdfs://)."""
    if "://" not in output:
        return pafs.LocalFileSystem(), output.rstrip("/") or "/"
    fs, root = pafs.FileSystem.from_uri(output)
    return fs, root.rstrip("/")


def part_name(index: int, run_id: str) -> str:
    return f"part-{index:05d}-{run_id}.parquet"


def write_parts(index: int, pairs: Iterable[tuple[str, dict[str, Any]]], output: str,
                run_id: str) -> Iterator[dict[str, Any]]:
    """Write one partition's (table, row) pairs as part files; yield its counters once."""
    fs, root = open_output(output)
    buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in ALL_TABLES}
    writers: dict[str, pq.ParquetWriter] = {}
    rows: Counter[str] = Counter()
    codes: Counter[str] = Counter()

    def flush(table: str) -> None:
        buf = buffers[table]
        if not buf:
            return
        schema = table_schema(table)
        if table not in writers:
            fs.create_dir(f"{root}/{table}", recursive=True)
            writers[table] = pq.ParquetWriter(f"{root}/{table}/{part_name(index, run_id)}", schema, filesystem=fs)
        writers[table].write_table(_batch(table, buf))
        buffers[table] = []

    try:
        for table, row in pairs:
            buffers[table].append(row)
            rows[table] += 1
            if table == "rejections":
                codes[row["code"]] += 1
            if len(buffers[table]) >= FLUSH_ROWS:
                flush(table)
        for table in ALL_TABLES:
            flush(table)
    finally:
        for w in writers.values():
            w.close()
    yield {"rows": dict(rows), "codes": dict(codes)}


def prepare_output(output: str) -> None:
    """Clear the table folders of an earlier run (the job overwrites, as `mode("overwrite")` did)."""
    fs, root = open_output(output)
    fs.create_dir(root, recursive=True)
    for table in ALL_TABLES:
        path = f"{root}/{table}"
        if fs.get_file_info(path).type != pafs.FileType.NotFound:
            fs.delete_dir(path)


def finish_output(output: str, rows: Counter[str], run_id: str) -> None:
    """Give a table no task wrote an empty part with its schema, and mark every table complete."""
    fs, root = open_output(output)
    for table in ALL_TABLES:
        folder = f"{root}/{table}"
        if not rows.get(table):
            fs.create_dir(folder, recursive=True)
            pq.write_table(table_schema(table).empty_table(), f"{folder}/{part_name(0, run_id)}", filesystem=fs)
        with fs.open_output_stream(f"{folder}/_SUCCESS"):
            pass
