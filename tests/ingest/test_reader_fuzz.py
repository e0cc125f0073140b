"""Hypothesis over the bytes of JSONL, JSONL.gz, WARC and WARC.gz files: iter_inputs never raises.

Each example starts from a valid file of its kind (so the mutations reach
deep into the parsers, not only their first check) and cuts, splices or
overwrites bytes; every item that comes out is a RawDocument or a coded
Rejected, and every file yields at least one item.
"""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest import iter_inputs
from newsgraph.model import RawDocument, Rejected
from newsgraph.settings import Settings

LIMITS = Settings(stages=(), max_input_bytes=20_000, max_record_bytes=40_000, max_archive_bytes=200_000)
BODY = "<html><body><article><p>The harbor council met on Tuesday and approved the ferry plan.</p></article></body></html>"


def _jsonl() -> bytes:
    lines = [json.dumps({"id": f"r{i}", "text": f"Story {i}: the council met.", "published": "2024-05-01"})
             for i in range(3)]
    lines.append(json.dumps({"id": "h", "html": BODY, "url": "https://ledger.example/h"}))
    return ("\n".join(lines) + "\n").encode()


def _warc(gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://ledger.example/{i}", "response",
                                                      payload=io.BytesIO(BODY.encode()), http_headers=headers))
    return buf.getvalue()


BASES = {".jsonl": _jsonl(), ".jsonl.gz": gzip.compress(_jsonl()), ".warc": _warc(False), ".warc.gz": _warc(True)}


@st.composite
def mutated(draw: st.DrawFn, base: bytes) -> bytes:
    data = bytearray(base)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["cut", "insert", "overwrite", "duplicate"]))
        at = draw(st.integers(0, len(data)))
        if op == "cut":
            del data[at: at + draw(st.integers(1, 64))]
        elif op == "insert":
            data[at:at] = draw(st.binary(max_size=64) | st.sampled_from(
                [b"[" * 2000, b"\\ud800", b'{"id": "x\\udfff", "text": "a \\ud800 b"}\n', b"\r\n\r\nWARC/1.0\r\n", b"Content-Length: 999999\r\n", b"\x00" * 8]))
        elif op == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=16))
            data[at: at + len(chunk)] = chunk
        else:
            data[at:at] = data[max(0, at - 200): at]
    return bytes(data)


def _read_all(suffix: str, data: bytes) -> list[RawDocument | Rejected]:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / f"input{suffix}"
        path.write_bytes(data)
        return list(iter_inputs([str(path)], LIMITS))


def _check(suffix: str, data: bytes) -> None:
    items = _read_all(suffix, data)
    assert items, "every input yields at least one line"
    for item in items:
        assert isinstance(item, (RawDocument, Rejected))
        if isinstance(item, Rejected):
            assert item.code[:1] in "ER" and item.message
        item.source.id.encode("utf-8")  # printable and storable: no lone surrogates


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.data())
def test_jsonl_bytes(data: st.DataObject) -> None:
    _check(".jsonl", data.draw(mutated(BASES[".jsonl"])))


@FUZZ
@given(st.data())
def test_jsonl_gz_bytes(data: st.DataObject) -> None:
    base = data.draw(st.sampled_from([BASES[".jsonl.gz"], gzip.compress(data.draw(mutated(BASES[".jsonl"])))]))
    _check(".jsonl.gz", data.draw(mutated(base)))


@FUZZ
@given(st.data())
def test_warc_bytes(data: st.DataObject) -> None:
    _check(".warc", data.draw(mutated(BASES[".warc"])))


@FUZZ
@given(st.data())
def test_warc_gz_bytes(data: st.DataObject) -> None:
    _check(".warc.gz", data.draw(mutated(BASES[".warc.gz"])))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(BASES)), st.binary(max_size=2000))
def test_arbitrary_bytes_under_every_name(suffix: str, data: bytes) -> None:
    _check(suffix, data)
