"""No input bytes make process() raise: the result is always a document or a coded error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.errors import Code
from newsgraph.ingest import iter_inputs
from newsgraph.ingest.files import sha256
from newsgraph.model import AnalyzedDocument, RawDocument, Rejected, SourceRef
from newsgraph.pipeline.runner import process
from newsgraph.settings import Settings

CODES = {c.value for c in Code}
EXTRACT_ONLY = Settings(stages=())

# Bytes that look like the start of real inputs, so the search reaches the
# HTML, gzip and text paths and not only the "binary" exit.
PREFIXES = st.sampled_from([
    b"", b"<!DOCTYPE html><html><head><title>", b"<html><body><p>", b"\xef\xbb\xbf", b"\xff\xfe",
    b"\x1f\x8b\x08\x00", b"%PDF-", b"<meta charset=\"shift_jis\">", b"Title\n\nBy Jane Roe\n\n",
    b"<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"datePublished\": ",
])
TEXTISH = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400).map(lambda s: s.encode("utf-8"))
BYTES = st.tuples(PREFIXES, st.one_of(st.binary(max_size=600), TEXTISH)).map(lambda t: t[0] + t[1])


def _check(result: object) -> None:
    assert isinstance(result, (AnalyzedDocument, Rejected))
    if isinstance(result, Rejected):
        assert result.code in CODES and result.message


def _raw(data: bytes, kind: str, raw: bool = False) -> RawDocument:
    return RawDocument(source=SourceRef(id="h", uri="test:", sha256=sha256(data), format=kind),
                       data=data, kind=kind, raw=raw)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=BYTES, kind=st.sampled_from(["html", "text"]), raw=st.booleans())
def test_process_never_raises(data: bytes, kind: str, raw: bool) -> None:
    _check(process(_raw(data, kind, raw), EXTRACT_ONLY))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=BYTES, name=st.sampled_from(["a.txt", "a.html", "a.html.gz", "a.jsonl", "a.warc", "a.warc.gz", "a"]))
def test_ingest_then_process_never_raises(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(data)
        items = list(iter_inputs([str(path)], EXTRACT_ONLY))
    assert items, "every input yields at least one line"
    for item in items:
        _check(process(item, EXTRACT_ONLY))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=BYTES, kind=st.sampled_from(["html", "text"]))
def test_process_with_all_stages_never_raises(data: bytes, kind: str) -> None:
    _check(process(_raw(data, kind), Settings()))
