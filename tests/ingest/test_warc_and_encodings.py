"""WARC records and text encodings, read through ingest + extract (no analysis stages)."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.extract import extract
from newsgraph.ingest import iter_inputs
from newsgraph.model import RawDocument, Rejected
from newsgraph.settings import Settings
from tests.extract.pages import article_page

SETTINGS = Settings(stages=())


def _warc(gz: bool, pages: list[tuple[str, bytes, str]]) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, body, ctype in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def test_warc_gz_response_records(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(True, [
        ("https://ledger.example/a", article_page().encode("utf-8"), "text/html; charset=utf-8"),
        ("https://ledger.example/logo.png", b"\x89PNG....", "image/png"),  # not HTML: skipped
        ("https://ledger.example/b", article_page(title="Storm Closes Coastal Road For Second Day").encode("cp1252"),
         "text/html; charset=windows-1252"),
    ]))
    items = list(iter_inputs([str(path)], SETTINGS))
    assert [type(i) for i in items] == [RawDocument, RawDocument]
    assert items[0].source.id == "https://ledger.example/a" and items[0].source.uri.startswith("warc:")
    arts = [extract(i, SETTINGS) for i in items if isinstance(i, RawDocument)]
    assert arts[1].title == "Storm Closes Coastal Road For Second Day"


def test_truncated_warc_gz_is_a_coded_error(tmp_path: Path) -> None:
    data = _warc(True, [("https://ledger.example/a", article_page().encode("utf-8"), "text/html")] * 3)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: int(len(data) * 0.7)])
    items = list(iter_inputs([str(path)], SETTINGS))
    assert isinstance(items[-1], Rejected) and items[-1].code == "E002"


def test_legacy_encodings_without_mojibake(tmp_path: Path) -> None:
    text = "Caf\u00e9 owners say the \u201cnew rules\u201d will cost them \u20ac2,000 a year, the mayor\u2019s office said.\n"
    html = article_page(extra_body=f"<p>{text}</p>")
    (tmp_path / "cp1252.html").write_bytes(html.replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + ("Title line\n\n" + text * 3).encode("utf-8"))
    (tmp_path / "utf16.txt").write_bytes(("Title line\n\n" + text * 3).encode("utf-16"))
    for item in iter_inputs([str(tmp_path)], SETTINGS):
        assert isinstance(item, RawDocument), item
        art = extract(item, SETTINGS)
        assert "Caf\u00e9 owners say the \u201cnew rules\u201d will cost them \u20ac2,000" in art.text, item.source.id


def test_garbage_named_warc_is_a_corrupt_archive(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Bytes that are no WARC (warcio would read them as an ARC header) give E002, not silence."""
    from newsgraph.ingest import iter_inputs
    from newsgraph.settings import load_settings

    bad_gzip = tmp_path / "a.warc.gz"
    bad_gzip.write_bytes(b"\x1f\x8b\x08\x00not a warc at all")
    plain = tmp_path / "b.warc"
    plain.write_bytes(b"just some words that are not a record\n")
    out = list(iter_inputs([str(bad_gzip), str(plain)], load_settings()))
    assert [o.code for o in out] == ["E002", "E002"]
