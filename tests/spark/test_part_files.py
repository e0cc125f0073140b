"""Part files written by a task, without Spark: layout, schema, retries and empty tables."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

pq = pytest.importorskip("pyarrow.parquet")

from newsgraph.model.serialize import TABLES, table_columns  # noqa: E402
from newsgraph.spark.part_files import ALL_TABLES, finish_output, prepare_output, write_parts  # noqa: E402
from newsgraph.store.typed_tables import export_columns  # noqa: E402


def _rows(n: int, doc: str = "d") -> list[tuple[str, dict]]:
    cols = [c for c, _ in table_columns("timexes")]
    base = {c: None for c in cols}
    out = [("timexes", {**base, "doc": doc, "seq": i, "start": i, "end": i + 1, "text": "x"}) for i in range(n)]
    out.append(("rejections", {"doc": f"{doc}-bad", "source_id": "bad", "source_uri": "file:///bad", "source_sha256": "0" * 64,
                               "source_format": "jsonl", "code": "E001", "message": "not JSON"}))
    return out


def test_parts_hold_rows_and_counters(tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    prepare_output(out)
    (counters,) = write_parts(3, _rows(5), out, "run1")
    assert counters == {"rows": {"timexes": 5, "rejections": 1}, "codes": {"E001": 1}}
    table = pq.read_table(tmp_path / "out" / "timexes")
    assert table.num_rows == 5
    assert table.schema.names == [c for c, _ in export_columns("timexes")]  # typed as `export` types them
    assert (tmp_path / "out" / "timexes" / "part-00003-run1.parquet").exists()


def test_a_retried_task_replaces_its_part(tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    prepare_output(out)
    list(write_parts(0, _rows(5), out, "run1"))
    list(write_parts(0, _rows(2), out, "run1"))  # the same task again, after a failure
    list(write_parts(1, _rows(3, "e"), out, "run1"))
    assert pq.read_table(tmp_path / "out" / "timexes").num_rows == 5


def test_finish_gives_empty_tables_a_schema(tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    prepare_output(out)
    rows = Counter({"timexes": 5, "rejections": 1})
    list(write_parts(0, _rows(5), out, "r"))
    finish_output(out, rows, "r")
    for table in ALL_TABLES:
        folder = tmp_path / "out" / table
        assert (folder / "_SUCCESS").exists(), table
        read = pq.read_table(folder)
        if table in TABLES:
            assert read.schema.names == [c for c, _ in export_columns(table)]
    assert pq.read_table(tmp_path / "out" / "events").num_rows == 0


def test_prepare_clears_an_earlier_run_only_in_table_folders(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    list(write_parts(0, _rows(4), str(out), "old"))
    prepare_output(str(out))
    assert not (out / "timexes").exists()
    assert (out / "notes.txt").read_text() == "keep me"
