"""WARC/WARC.gz response records holding HTML, read with warcio."""

from __future__ import annotations

import re
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.errors import Code
from newsgraph.ingest.files import sha256
from newsgraph.ingest.limits import Budget, shown_name
from newsgraph.model import RawDocument, Rejected, SourceRef
from newsgraph.settings import Settings


def _charset(content_type: str | None) -> str | None:
    if not content_type or "charset=" not in content_type.lower():
        return None
    return content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'") or None


_ARC_URI = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|filedesc:)", re.I)


def _check_gzip_start(fh: BinaryIO) -> None:
    """A .gz that does not inflate is corrupt: say so instead of finding no records."""
    head = fh.read(65536)
    fh.seek(0)
    if head[:2] == b"\x1f\x8b":
        zlib.decompressobj(wbits=31).decompress(head)


# A record header at the start of a line inside another record's block: the block's
# Content-Length ran over into the next record.
_EMBEDDED = re.compile(rb"\r\n\r\n(WARC/1\.[01]\r\n)")
_WARC_ERRORS = (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, zlib.error)


class _Reader:
    """State of one WARC file being read: where we are and what was found."""

    def __init__(self, path: Path, settings: Settings, published: str | None):
        self.path, self.settings, self.published = path, settings, published
        self.name = shown_name(path.name)
        self.base = path.resolve().as_uri().replace("file://", "", 1)
        self.offset = self.records = self.found = 0
        self.budget = Budget(settings.max_archive_bytes)
        self.gz = False

    def source(self, offset: int, id_: str | None = None, data: bytes = b"") -> SourceRef:
        return SourceRef(id=id_ or f"{self.name}#{offset}", uri=f"warc:{self.base}#{offset}", sha256=sha256(data),
                         format="warc")


def iter_warc(path: Path, settings: Settings, published: str | None = None) -> Iterator[RawDocument | Rejected]:
    """Every HTML response record of a WARC, one item each, and a coded line for each damaged record.

    An uncompressed WARC is read again from the next record header after a
    record whose length is wrong, so one bad Content-Length costs one record,
    not the rest of the file.
    """
    reader = _Reader(path, settings, published)
    try:
        with open(path, "rb") as fh:
            _check_gzip_start(fh)
            reader.gz = fh.read(2) == b"\x1f\x8b"
            start: int | None = 0
            while start is not None:
                start = yield from _read_from(fh, start, reader)
    except _WARC_ERRORS as exc:
        yield Rejected(reader.source(reader.offset), Code.CORRUPT_ARCHIVE.value,
                       f"corrupt or truncated WARC after offset {reader.offset}: {exc}")
        return
    except _OverBudget:
        yield Rejected(reader.source(reader.offset), Code.TOO_LARGE.value,
                       f"the WARC's records declare more than max_archive_bytes={settings.max_archive_bytes} "
                       f"bytes; records from offset {reader.offset} on are not read")
        return
    yield from _summary_line(reader)


def _summary_line(reader: _Reader) -> Iterator[Rejected]:
    if not reader.records and reader.path.stat().st_size > 0:
        src = SourceRef(id=reader.name, uri=f"warc:{reader.base}", sha256=sha256(b""), format="warc")
        yield Rejected(src, Code.CORRUPT_ARCHIVE.value, "no WARC record could be read from the file")
    elif not reader.found:  # a WARC without HTML responses still answers with a line
        src = SourceRef(id=reader.name, uri=f"warc:{reader.base}", sha256=sha256(b""), format="warc")
        yield Rejected(src, Code.EMPTY.value, "the WARC file holds no HTML response records")


class _OverBudget(Exception):
    pass


def _read_from(fh: BinaryIO, start: int, reader: _Reader) -> Generator[RawDocument | Rejected, None, int | None]:
    """Read records from `start`; return where to start again after a bad record, or None at the end."""
    fh.seek(start)
    reader.offset = start  # a failure before the first record is at `start`: resync searches past it
    it = ArchiveIterator(fh)
    it.INC_RECORD = ""  # warcio prints a warning of its own on stderr; the coded line below says it instead
    try:
        for record in it:
            reader.records += 1
            _check_record(record)
            if not reader.budget.take(record.length or 0):
                raise _OverBudget
            item = _response(record, it, reader)
            bad = _length_problem(fh, record, it, reader)
            if bad is not None:
                message, resume = bad
                yield Rejected(reader.source(reader.offset), Code.CORRUPT_ARCHIVE.value, message)
                if resume is not None:
                    return resume
                continue
            if item is not None:
                reader.found += 1
                yield item
    except _WARC_ERRORS:
        resume = None if reader.gz else _next_header(fh, reader.offset + 1)
        if resume is None:
            raise
        yield Rejected(reader.source(reader.offset), Code.CORRUPT_ARCHIVE.value,
                       f"unreadable WARC record at offset {reader.offset}; reading again at offset {resume}")
        return resume
    return None


def _check_record(record: Any) -> None:
    if record.format == "arc" and not _ARC_URI.match(record.rec_headers.get_header("uri") or ""):
        # warcio reads any unknown bytes as an old ARC header line
        raise ValueError("bytes that are neither a WARC nor an ARC record")


def _response(record: Any, it: ArchiveIterator, reader: _Reader) -> RawDocument | Rejected | None:
    """The HTML response in a record, a coded line for an unusable one, or None for other records."""
    limit = reader.settings.max_input_bytes
    html = record.rec_type == "response"
    ctype = record.http_headers.get_header("Content-Type") if html and record.http_headers else None
    html = html and not (ctype and "html" not in ctype.lower())
    # read the body before asking for the offset: warcio's get_record_offset()
    # finishes the record, and the body read after it comes back empty
    data = record.content_stream().read(limit + 1) if html else b""
    reader.offset = it.get_record_offset()
    if not html:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    src = reader.source(reader.offset, url, data)
    if len(data) > limit:
        return Rejected(src, Code.TOO_LARGE.value, f"record is over {limit} bytes")
    if not data.strip():
        return Rejected(src, Code.EMPTY.value, "the response record has no body")
    return RawDocument(source=src, data=data, kind="html", url=url, published=reader.published,
                       charset=_charset(ctype))


def _length_problem(fh: BinaryIO, record: Any, it: ArchiveIterator, reader: _Reader) -> tuple[str, int | None] | None:
    """Why the record's Content-Length is wrong, and where the next record starts (None: go on), or None."""
    at = reader.offset
    if getattr(record.raw_stream, "limit", 0) > 0:
        return f"the WARC record at offset {at} ends before its Content-Length says", None
    if not reader.gz:
        length = it.get_record_length()
        embedded = _embedded_header(fh, at + 1, at + length)
        if embedded is not None:
            return (f"the Content-Length of the WARC record at offset {at} runs into the next record; "
                    f"reading again at offset {embedded}", embedded)
    if it.err_count:
        it.err_count = 0
        return f"the WARC record at offset {at} is not followed by a blank line: its Content-Length is wrong", None
    return None


def _embedded_header(fh: BinaryIO, start: int, end: int) -> int | None:
    """The file offset of a record header between start and end, read in bounded pieces."""
    here = fh.tell()
    try:
        pos = start
        while pos < end:
            fh.seek(pos)
            piece = fh.read(min(1 << 20, end - pos) + 16)
            m = _EMBEDDED.search(piece)
            if m and pos + m.start(1) < end:
                return pos + m.start(1)
            pos += 1 << 20
        return None
    finally:
        fh.seek(here)


def _next_header(fh: BinaryIO, start: int) -> int | None:
    """Where the next record header starts after `start`, to read on past a damaged record."""
    here = fh.tell()
    size = fh.seek(0, 2)
    fh.seek(here)
    return _embedded_header(fh, start, size)
