"""WARC/WARC.gz response records holding HTML, read with warcio."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.errors import Code
from newsgraph.ingest.files import sha256
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


def iter_warc(path: Path, settings: Settings, published: str | None = None) -> Iterator[RawDocument | Rejected]:
    name = path.name
    base = path.resolve().as_uri().replace("file://", "", 1)
    offset = 0
    found = 0
    records = 0
    try:
        with open(path, "rb") as fh:
            _check_gzip_start(fh)
            it = ArchiveIterator(fh)
            for record in it:
                records += 1
                if record.format == "arc" and not _ARC_URI.match(record.rec_headers.get_header("uri") or ""):
                    # warcio reads any unknown bytes as an old ARC header line
                    raise ValueError("bytes that are neither a WARC nor an ARC record")
                if record.rec_type != "response":
                    continue
                ctype = record.http_headers.get_header("Content-Type") if record.http_headers else None
                if ctype and "html" not in ctype.lower():
                    continue
                # read the body before asking for the offset: warcio's get_record_offset()
                # finishes the record, and the body read after it comes back empty
                data = record.content_stream().read(settings.max_input_bytes + 1)
                offset = it.get_record_offset()
                url = record.rec_headers.get_header("WARC-Target-URI")
                uri = f"warc:{base}#{offset}"
                id_ = url or f"{name}#{offset}"
                src = SourceRef(id=id_, uri=uri, sha256=sha256(data), format="warc")
                found += 1
                if len(data) > settings.max_input_bytes:
                    yield Rejected(src, Code.TOO_LARGE.value, f"record is over {settings.max_input_bytes} bytes")
                    continue
                if not data.strip():
                    yield Rejected(src, Code.EMPTY.value, "the response record has no body")
                    continue
                yield RawDocument(source=src, data=data, kind="html", url=url, published=published,
                                  charset=_charset(ctype))
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, zlib.error) as exc:
        # warcio meets a cut-off record with whatever error the half-read header gives
        src = SourceRef(id=f"{name}#{offset}", uri=f"warc:{base}#{offset}", sha256=sha256(b""), format="warc")
        yield Rejected(src, Code.CORRUPT_ARCHIVE.value, f"corrupt or truncated WARC after offset {offset}: {exc}")
        return
    if not records and path.stat().st_size > 0:
        src = SourceRef(id=name, uri=f"warc:{base}", sha256=sha256(b""), format="warc")
        yield Rejected(src, Code.CORRUPT_ARCHIVE.value, "no WARC record could be read from the file")
        return
    if not found:  # a WARC without HTML responses still answers with a line
        src = SourceRef(id=name, uri=f"warc:{base}", sha256=sha256(b""), format="warc")
        yield Rejected(src, Code.EMPTY.value, "the WARC file holds no HTML response records")
