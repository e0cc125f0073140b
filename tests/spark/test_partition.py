"""The executor-side function on plain Python iterables: no Spark needed."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.ingest import iter_inputs
from newsgraph.model.serialize import TABLES, from_rejection_row, from_rows
from newsgraph.pipeline import get_pipeline
from newsgraph.settings import load_settings
from newsgraph.spark.partition import file_uri, process_partition

ARTICLE = (
    "Port authority approves new ferry terminal\n\n"
    "The Eastbay Port Authority approved a $75 million ferry terminal on Monday, after two years of public hearings.\n\n"
    "\"This terminal will cut commuting times for thousands of residents,\" said board chair Lena Morales. "
    "She said construction would begin in the spring.\n"
)


def _group(pairs: list[tuple[str, dict]]) -> tuple[dict[str, dict[str, list[dict]]], list[dict]]:
    by_doc: dict[str, dict[str, list[dict]]] = {}
    rejections = []
    for table, row in pairs:
        if table == "rejections":
            rejections.append(row)
            continue
        assert table in TABLES
        by_doc.setdefault(row["doc"], {t: [] for t in TABLES})[table].append(row)
    return by_doc, rejections


def test_partition_matches_local_pipeline(tmp_path: Path) -> None:
    good = tmp_path / "ferry.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text(json.dumps({"id": "j1", "text": ARTICLE.replace("ferry", "bus")}) + "\n{not json\n", "utf-8")
    settings = load_settings()
    records = [("file", p.resolve().as_uri(), p.name, p.read_bytes()) for p in (good, jsonl)]
    by_doc, rejections = _group(list(process_partition(iter(records), settings)))

    local = [r for r in get_pipeline(settings).run(iter_inputs([str(good), str(jsonl)], settings))]
    local_docs = {d.source.sha256: d for d in local if not hasattr(d, "code")}
    assert set(by_doc) == set(local_docs)
    for key, tables in by_doc.items():
        assert from_rows(tables) == local_docs[key]
    assert [from_rejection_row(r).code for r in rejections] == ["E001"]


def test_bad_record_never_raises(tmp_path: Path) -> None:
    settings = load_settings()
    records = [
        ("file", "file:/nowhere/x.warc.gz", "x.warc.gz", b"\x1f\x8b\x08\x00garbage"),
        ("file", "file:/nowhere/empty.txt", "empty.txt", b""),
        ("bogus",),
    ]
    pairs = list(process_partition(iter(records), settings))
    codes = sorted(row["code"] for table, row in pairs if table == "rejections")
    assert len(codes) == 3
    assert "R001" in codes


def test_hadoop_file_uri_spelling() -> None:
    assert file_uri("file:/data/a.txt") == "file:///data/a.txt"
    assert file_uri("file:///data/a.txt") == "file:///data/a.txt"
    assert file_uri("s3a://bucket/a.txt") == "s3a://bucket/a.txt"
