"""Walk paths and yield one RawDocument or Rejected per document."""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsgraph.errors import Code
from newsgraph.ingest.sniff import binary_kind, looks_like_html
from newsgraph.model import RawDocument, Rejected, SourceRef
from newsgraph.settings import Settings

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXT = {".jsonl", ".ndjson"}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _suffixes(path: Path) -> tuple[str, bool]:
    """The meaningful extension and whether the file is gzipped."""
    sfx = [s.lower() for s in path.suffixes]
    gz = bool(sfx) and sfx[-1] == ".gz"
    if gz:
        sfx = sfx[:-1]
    if sfx[-1:] == [".warc"] or sfx[-2:] == [".warc", ".gz"]:
        return ".warc", gz
    return (sfx[-1] if sfx else ""), gz


def iter_inputs(
    paths: Iterable[str],
    settings: Settings,
    *,
    raw: bool = False,
    published: str | None = None,
) -> Iterator[RawDocument | Rejected]:
    for p in paths:
        if p == "-":
            data = sys.stdin.buffer.read()
            yield from _one_blob("stdin", "stdin:", data, settings, raw, published, hint="")
            continue
        for path in list_files(Path(p)):
            yield from _one_file(path, settings, raw, published)


def list_files(path: Path) -> list[Path]:
    """The files an input path stands for: a folder's files (recursively, hidden ones
    left out) in name order, else the path itself (which may not exist: reading it says so)."""
    if path.is_dir():
        return sorted(x for x in path.rglob("*") if x.is_file() and not x.name.startswith("."))
    return [path]


def _reject(id_: str, uri: str, data: bytes, fmt: str, code: Code, message: str) -> Rejected:
    return Rejected(SourceRef(id=id_, uri=uri, sha256=sha256(data), format=fmt), code.value, message)


def _one_file(path: Path, settings: Settings, raw: bool, published: str | None) -> Iterator[RawDocument | Rejected]:
    uri = path.resolve().as_uri() if path.exists() else f"file:{path}"
    ext, gz = _suffixes(path)
    fmt = {".warc": "warc", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(ext, "html" if ext in HTML_EXT else "text")
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield _reject(path.name, uri, b"", fmt, Code.READ_FAILED, f"cannot read {path}: {exc.strerror or exc}")
        return
    if ext == ".warc":
        from newsgraph.ingest.warc import iter_warc

        yield from iter_warc(path, settings, published=published)
        return
    if ext in JSONL_EXT:
        yield from _iter_jsonl(path, uri, settings, raw, published, gz)
        return
    if size > settings.max_input_bytes and not gz:
        yield _reject(path.name, uri, b"", fmt, Code.TOO_LARGE,
                      f"{size} bytes is over the limit of {settings.max_input_bytes} (setting max_input_bytes)")
        return
    try:
        data = path.read_bytes()
        if gz:
            data = _gunzip(data, settings.max_input_bytes)
    except OSError as exc:
        yield _reject(path.name, uri, b"", fmt, Code.READ_FAILED, f"cannot read {path}: {exc}")
        return
    except _GzipError as exc:
        yield _reject(path.name, uri, b"", fmt, exc.code, str(exc))
        return
    yield from _one_blob(path.name, uri, data, settings, raw, published, hint=ext)


class _GzipError(Exception):
    def __init__(self, code: Code, message: str):
        super().__init__(message)
        self.code = code


def _gunzip(data: bytes, limit: int) -> bytes:
    try:
        d = zlib.decompressobj(wbits=31)
        out = d.decompress(data, limit + 1)
        if len(out) > limit:
            raise _GzipError(Code.TOO_LARGE, f"decompressed size is over the limit of {limit} bytes")
        if not d.eof:
            raise _GzipError(Code.CORRUPT_ARCHIVE, "truncated gzip stream: the file ends before the data does")
        return out
    except zlib.error as exc:
        raise _GzipError(Code.CORRUPT_ARCHIVE, f"corrupt gzip data: {exc}") from exc


def _one_blob(
    id_: str, uri: str, data: bytes, settings: Settings, raw: bool, published: str | None, hint: str
) -> Iterator[RawDocument | Rejected]:
    fmt = "html" if hint in HTML_EXT else "text"
    if len(data) > settings.max_input_bytes:
        yield _reject(id_, uri, data, fmt, Code.TOO_LARGE,
                      f"{len(data)} bytes is over the limit of {settings.max_input_bytes} (setting max_input_bytes)")
        return
    if not data.strip():
        yield _reject(id_, uri, data, fmt, Code.EMPTY, "the input is empty")
        return
    kind = binary_kind(data)
    if kind:
        yield _reject(id_, uri, data, fmt, Code.BINARY, f"binary input ({kind}), not text or HTML")
        return
    is_html = looks_like_html(data)
    if hint in HTML_EXT and not is_html and not raw:
        yield _reject(id_, uri, data, fmt, Code.NOT_HTML,
                      "the file is named as HTML but holds no HTML markup; rename it .txt to analyse it as text")
        return
    if hint not in HTML_EXT and hint not in TEXT_EXT and is_html:
        fmt = "html"
    kind_ = "html" if fmt == "html" and not raw else "text"
    source = SourceRef(id=id_, uri=uri, sha256=sha256(data), format=fmt)
    yield RawDocument(source=source, data=data, kind=kind_, published=published, raw=raw)


def _iter_jsonl(
    path: Path, uri: str, settings: Settings, raw: bool, published: str | None, gz: bool
) -> Iterator[RawDocument | Rejected]:
    opener = gzip.open if gz else open
    records = 0
    try:
        with opener(path, "rb") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                records += 1
                yield _jsonl_record(path, uri, lineno, line, settings, raw, published)
    except (OSError, EOFError, zlib.error) as exc:
        yield _reject(f"{path.name}:?", uri, b"", "jsonl", Code.CORRUPT_ARCHIVE, f"cannot read the rest of {path}: {exc}")
        return
    if not records:  # an empty file still answers with a line
        yield _reject(path.name, uri, b"", "jsonl", Code.EMPTY, "the JSONL file holds no records")


def _jsonl_record(
    path: Path, uri: str, lineno: int, line: bytes, settings: Settings, raw: bool, published: str | None
) -> RawDocument | Rejected:
    line_uri = f"{uri}#L{lineno}"
    fallback_id = f"{path.name}:{lineno}"
    try:
        rec = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        return _reject(fallback_id, line_uri, line, "jsonl", Code.BAD_JSONL, f"line {lineno} is not UTF-8")
    except json.JSONDecodeError as exc:
        return _reject(fallback_id, line_uri, line, "jsonl", Code.BAD_JSONL, f"line {lineno} is not valid JSON: {exc.msg}")
    if not isinstance(rec, dict):
        return _reject(fallback_id, line_uri, line, "jsonl", Code.BAD_JSONL, f"line {lineno} is not a JSON object")
    id_ = str(rec.get("id") or fallback_id)
    body = rec.get("html") if isinstance(rec.get("html"), str) else rec.get("text")
    if not isinstance(body, str):
        return _reject(id_, line_uri, line, "jsonl", Code.BAD_JSONL,
                       f"line {lineno} has neither a string \"text\" nor \"html\" field")
    data = body.encode("utf-8")
    date = rec.get("published") if isinstance(rec.get("published"), str) else None
    source = SourceRef(id=id_, uri=line_uri, sha256=sha256(data), format="jsonl")
    if len(data) > settings.max_input_bytes:
        return Rejected(source, Code.TOO_LARGE.value, f"{len(data)} bytes is over the limit of {settings.max_input_bytes}")
    if not body.strip():
        return Rejected(source, Code.EMPTY.value, "the record's text is empty")
    kind = "html" if "html" in rec and not raw else "text"
    url = rec.get("url") if isinstance(rec.get("url"), str) else None
    return RawDocument(source=source, data=data, kind=kind, url=url, published=published or date, raw=raw,
                       charset="utf-8")
