"""What runs on a Spark executor, with no pyspark import: records in, table rows out.

An input record is a small tuple so it pickles cheaply:
- ("path", local_path): a file the task reads from its own disk, listed by the
  driver (local inputs), read exactly as `newsgraph ingest` reads it
- ("file", uri, name, bytes): a whole file (text, HTML, JSONL, WARC, gzip) read
  by Spark from a Hadoop URI, then by the same ingest code as a local file, so
  its documents get the same ids
- ("row", uri, id, text, html, url, published): one row of a Parquet input

Each record turns into RawDocuments or Rejecteds through the same ingest code
the CLI uses, then through the same pipeline. Nothing raises: a record that
breaks becomes a `rejections` row, so a bad record never fails the job.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from newsgraph.errors import Code
from newsgraph.ingest import files as ingest_files
from newsgraph.model import RawDocument, Rejected, SourceRef
from newsgraph.model.serialize import rejection_row, to_rows
from newsgraph.settings import Settings

Record = tuple[Any, ...]


def file_uri(uri: str) -> str:
    """Hadoop writes file:/x where Python writes file:///x; use one spelling."""
    if uri.startswith("file:/") and not uri.startswith("file:///"):
        return "file:///" + uri[len("file:/"):].lstrip("/")
    return uri


def record_documents(rec: Record, settings: Settings, raw: bool = False,
                     published: str | None = None) -> Iterator[RawDocument | Rejected]:
    kind = rec[0]
    try:
        if kind == "path":
            yield from ingest_files.iter_inputs([rec[1]], settings, raw=raw, published=published)
        elif kind == "file":
            _, uri, name, data = rec
            yield from _file_documents(file_uri(uri), name, data, settings, raw, published)
        elif kind == "row":
            _, uri, id_, text, html, url, date = rec
            yield from _row_documents(file_uri(uri), id_, text, html, url, date or published, settings, raw)
        else:
            raise ValueError(f"unknown record kind {kind!r}")
    except Exception as exc:  # the job must survive any single record
        name = str(rec[2]) if len(rec) > 2 else Path(str(rec[1])).name if len(rec) > 1 else "?"
        src = SourceRef(id=name, uri=str(rec[1]) if len(rec) > 1 else "?",
                        sha256=ingest_files.sha256(b""), format="text")
        yield Rejected(src, Code.CORRUPT_ARCHIVE.value, f"unreadable input record: {type(exc).__name__}: {exc}")


def _file_documents(uri: str, name: str, data: bytes, settings: Settings, raw: bool,
                    published: str | None) -> Iterator[RawDocument | Rejected]:
    """Write the bytes where the local ingest code can read them, and name them by their real URI."""
    local = uri.removeprefix("file://")
    if uri.startswith("file://") and Path(local).is_file():
        items: Iterable[RawDocument | Rejected] = ingest_files.iter_inputs([local], settings, raw=raw, published=published)
        yield from items
        return
    suffix = "".join(Path(name).suffixes[-2:]) or ".txt"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("input" + suffix)
        path.write_bytes(data)
        tmp_uri = path.resolve().as_uri()
        for item in ingest_files.iter_inputs([str(path)], settings, raw=raw, published=published):
            src = item.source
            fixed = SourceRef(
                id=name if src.id == path.name else src.id,
                uri=src.uri.replace(tmp_uri, uri).replace(str(path.resolve()), uri.removeprefix("file://")),
                sha256=src.sha256,
                format=src.format,
            )
            yield _with_source(item, fixed)


def _with_source(item: RawDocument | Rejected, src: SourceRef) -> RawDocument | Rejected:
    from dataclasses import replace

    return replace(item, source=src)


def _row_documents(uri: str, id_: Any, text: Any, html: Any, url: Any, published: Any, settings: Settings,
                   raw: bool) -> Iterator[RawDocument | Rejected]:
    rec: dict[str, Any] = {"id": None if id_ is None else str(id_)}
    if isinstance(html, str) and html:
        rec["html"] = html
    elif isinstance(text, str):
        rec["text"] = text
    if isinstance(url, str):
        rec["url"] = url
    if isinstance(published, str):
        rec["published"] = published
    line = json.dumps(rec, ensure_ascii=False).encode("utf-8")
    path = Path(uri.removeprefix("file://"))
    yield ingest_files._jsonl_record(path, uri, 0, line, settings, raw, None)


def process_partition(records: Iterable[Record], settings: Settings, raw: bool = False,
                      published: str | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """Build the pipeline once for the partition, then yield (table, row) pairs."""
    from newsgraph.pipeline import get_pipeline

    pipeline = get_pipeline(settings)
    docs = (d for rec in records for d in record_documents(rec, settings, raw, published))
    for result in pipeline.run(docs):
        if isinstance(result, Rejected):
            yield "rejections", rejection_row(result)
            continue
        for table, rows in to_rows(result).items():
            for row in rows:
                yield table, row
