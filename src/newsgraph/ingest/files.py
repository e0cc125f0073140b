"""Walk paths and yield one RawDocument or Rejected per document."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_from_bytes as quote

from newsgraph.errors import Code
from newsgraph.ingest.limits import (
    MAX_JSON_DEPTH,
    Budget,
    LineTooLong,
    json_too_deep,
    read_line,
    shown_name,
    special_file,
    without_surrogates,
)
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
            # Bounded: one byte over the limit is enough to reject, and `cat /dev/zero |` must not fill memory.
            data = sys.stdin.buffer.read(settings.max_input_bytes + 1)
            yield from _one_blob("stdin", "stdin:", data, settings, raw, published, hint="")
            continue
        for entry in walk(Path(p)):
            if isinstance(entry, Unreadable):
                yield _reject(shown_name(entry.path.name), _uri(entry.path), b"", "text", Code.READ_FAILED,
                              f"cannot read {shown_name(str(entry.path))}: {entry.reason}")
            else:
                yield from _one_file(entry, settings, raw, published)


@dataclass(frozen=True)
class Unreadable:
    """A directory entry that could not be listed; it still gets its error line."""

    path: Path
    reason: str


def walk(path: Path) -> Iterator[Path | Unreadable]:
    """The files an input path stands for, in name order, with unreadable folders reported.

    A folder's entries are walked recursively (hidden files left out); special
    files (FIFOs, devices) are kept so that reading them says why they are
    refused. A path that is not a folder is itself (it may not exist: reading it says so).
    """
    if not path.is_dir():
        yield path
        return
    problems: list[Unreadable] = []

    def on_error(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else path
        problems.append(Unreadable(where, exc.strerror or str(exc)))

    found: list[Path] = []
    for folder, _dirs, names in os.walk(path, onerror=on_error):
        found.extend(Path(folder, n) for n in names if not n.startswith("."))
    entries: list[Path | Unreadable] = [*found, *problems]
    yield from sorted(entries, key=lambda e: str(e.path if isinstance(e, Unreadable) else e))


def list_files(path: Path) -> list[Path]:
    """The readable files an input path stands for (see walk)."""
    return [e for e in walk(path) if isinstance(e, Path)]


def _uri(path: Path) -> str:
    try:
        return path.resolve().as_uri() if path.exists() else f"file:{quote(os.fsencode(path))}"
    except (OSError, ValueError):
        return f"file:{quote(os.fsencode(path))}"


def _reject(id_: str, uri: str, data: bytes, fmt: str, code: Code, message: str) -> Rejected:
    return Rejected(SourceRef(id=id_, uri=uri, sha256=sha256(data), format=fmt), code.value, message)


def _one_file(path: Path, settings: Settings, raw: bool, published: str | None) -> Iterator[RawDocument | Rejected]:
    uri = _uri(path)
    name = shown_name(path.name)
    ext, gz = _suffixes(path)
    fmt = {".warc": "warc", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(ext, "html" if ext in HTML_EXT else "text")
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield _reject(name, uri, b"", fmt, Code.READ_FAILED, f"cannot read {shown_name(str(path))}: {exc.strerror or exc}")
        return
    kind = special_file(path)
    if kind:
        yield _reject(name, uri, b"", fmt, Code.NOT_A_FILE, f"{shown_name(str(path))} is {kind}, not a regular file")
        return
    if ext == ".warc":
        from newsgraph.ingest.warc import iter_warc

        yield from iter_warc(path, settings, published=published)
        return
    if ext in JSONL_EXT:
        yield from _iter_jsonl(path, uri, settings, raw, published, gz)
        return
    if size > settings.max_input_bytes and not gz:
        yield _reject(name, uri, b"", fmt, Code.TOO_LARGE,
                      f"{size} bytes is over the limit of {settings.max_input_bytes} (setting max_input_bytes)")
        return
    try:
        data = path.read_bytes()
        if gz:
            data = _gunzip(data, settings.max_input_bytes)
    except OSError as exc:
        yield _reject(name, uri, b"", fmt, Code.READ_FAILED, f"cannot read {shown_name(str(path))}: {exc.strerror or exc}")
        return
    except _GzipError as exc:
        yield _reject(name, uri, b"", fmt, exc.code, str(exc))
        return
    yield from _one_blob(name, uri, data, settings, raw, published, hint=ext)


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
    name = shown_name(path.name)
    records = lineno = 0
    budget = Budget(settings.max_archive_bytes)
    try:
        with (gzip.open if gz else open)(path, "rb") as fh:
            while True:
                lineno += 1
                try:
                    line = read_line(fh, settings.max_record_bytes)
                except LineTooLong as exc:
                    records += 1
                    yield _reject(f"{name}:{lineno}", f"{uri}#L{lineno}", b"", "jsonl", Code.TOO_LARGE,
                                  f"line {lineno} has {exc.size} bytes, over max_record_bytes={settings.max_record_bytes}")
                    continue
                if not line:
                    break
                if not budget.take(len(line)):
                    yield _reject(f"{name}:{lineno}", uri, b"", "jsonl", Code.TOO_LARGE,
                                  f"{path.name} holds more than max_archive_bytes={settings.max_archive_bytes} "
                                  f"bytes; lines from {lineno} on are not read")
                    return
                if not line.strip():
                    continue
                records += 1
                yield _jsonl_record(name, uri, lineno, line, settings, raw, published)
    except (OSError, EOFError, zlib.error) as exc:
        yield _reject(f"{name}:?", uri, b"", "jsonl", Code.CORRUPT_ARCHIVE,
                      f"cannot read the rest of {name}: {exc}")
        return
    if not records:  # an empty file still answers with a line
        yield _reject(name, uri, b"", "jsonl", Code.EMPTY, "the JSONL file holds no records")


def _parse_line(line: bytes, lineno: int) -> dict[str, object] | str:
    """The record of one line, or why it is not one."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return f"line {lineno} is not UTF-8"
    if json_too_deep(text):
        return f"line {lineno} nests JSON deeper than {MAX_JSON_DEPTH} levels"
    try:
        rec = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"line {lineno} is not valid JSON: {exc.msg}"
    except RecursionError:  # the depth check above should make this unreachable; a batch must not die on it
        return f"line {lineno} nests JSON too deeply"
    if not isinstance(rec, dict):
        return f"line {lineno} is not a JSON object"
    return rec


def _text_field(rec: dict[str, object], key: str) -> str | None:
    value = rec.get(key)
    # A "\ud800" escape is valid JSON but no Unicode text: it would fail every encode later.
    return without_surrogates(value) if isinstance(value, str) else None


def _jsonl_record(
    path: Path | str, uri: str, lineno: int, line: bytes, settings: Settings, raw: bool, published: str | None
) -> RawDocument | Rejected:
    # The Spark job passes the file's Path; the reader, the name it has made printable already.
    name = shown_name(path.name) if isinstance(path, Path) else path
    line_uri = f"{uri}#L{lineno}"
    fallback_id = f"{name}:{lineno}"
    rec = _parse_line(line, lineno)
    if isinstance(rec, str):
        return _reject(fallback_id, line_uri, line, "jsonl", Code.BAD_JSONL, rec)
    given_id = rec.get("id")
    id_ = without_surrogates(str(given_id)) if given_id else fallback_id
    html, text = _text_field(rec, "html"), _text_field(rec, "text")
    body = html if html is not None else text
    if body is None:
        return _reject(id_, line_uri, line, "jsonl", Code.BAD_JSONL,
                       f"line {lineno} has neither a string \"text\" nor \"html\" field")
    data = body.encode("utf-8")
    date = _text_field(rec, "published")
    source = SourceRef(id=id_, uri=line_uri, sha256=sha256(data), format="jsonl")
    if len(data) > settings.max_input_bytes:
        return Rejected(source, Code.TOO_LARGE.value, f"{len(data)} bytes is over the limit of {settings.max_input_bytes}")
    if not body.strip():
        return Rejected(source, Code.EMPTY.value, "the record's text is empty")
    kind = "html" if "html" in rec and not raw else "text"
    return RawDocument(source=source, data=data, kind=kind, url=_text_field(rec, "url"), published=published or date,
                       raw=raw, charset="utf-8")
