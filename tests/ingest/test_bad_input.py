"""Every bad input of issue 2 through the real CLI: a coded error line, the batch goes on, exit status 1.

One batch holds each bad input followed by a good article, so one CLI run shows
both the error line of each and that the next document is still analysed.
"""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import pytest

from tests.conftest import run_cli, validate
from tests.extract.pages import article_page, index_page

GOOD_TEXT = (
    "Harbor Council Approves Ferry Schedule\n\n"
    "The Harbor City council voted 6-3 on Tuesday to approve a new ferry schedule that adds early morning "
    "crossings for commuters, ending a debate that had stretched over three meetings.\n\n"
    "\u201cThis gives working families a real choice,\u201d said council member Dana Whitlock, who proposed "
    "the change in March.\n"
)


def _pdf() -> bytes:
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 40


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(random.Random(7).randrange(256) for _ in range(4000))


def _undecodable() -> bytes:
    rnd = random.Random(3)
    # High bytes that form no UTF-8 sequence and no legacy-encoding text.
    return b"The council met on Tuesday.\n" + bytes(rnd.randrange(0x80, 0x100) for _ in range(3000))


def _truncated_gzip() -> bytes:
    data = gzip.compress(article_page().encode("utf-8"))
    return data[: len(data) // 2]


def _big_page(path: Path) -> None:
    """A 50 MB HTML page, written in chunks so the test does not hold it twice."""
    para = ("<p>" + "The harbor council met again to talk about ferry fares and schedules. " * 20 + "</p>\n").encode()
    with path.open("wb") as fh:
        fh.write(b"<!DOCTYPE html><html><head><title>Big</title></head><body><article>")
        written = 0
        while written < 50 * 1024 * 1024:
            fh.write(para)
            written += len(para)
        fh.write(b"</article></body></html>")


# name, expected code, how to make it
BAD: list[tuple[str, str, object]] = [
    ("empty.txt", "R001", b""),
    ("report.pdf", "R002", _pdf()),
    ("photo.png", "R002", _png()),
    ("not-html.html", "R006", b"Just a plain note that someone saved with the wrong name.\nNo markup here at all.\n"),
    ("huge.html", "R003", _big_page),
    ("page.html.gz", "E002", _truncated_gzip()),
    ("garbage.txt", "R004", _undecodable()),
    ("index.html", "R005", index_page().encode("utf-8")),
]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, dict], list[str]]:
    d = tmp_path_factory.mktemp("bad")
    paths: list[str] = []
    for i, (name, _code, make) in enumerate(BAD):
        path = d / name
        if callable(make):
            make(path)
        else:
            path.write_bytes(make)  # type: ignore[arg-type]
        good = d / f"good{i}.txt"
        good.write_text(GOOD_TEXT, encoding="utf-8")
        paths += [str(path), str(good)]
    jsonl = d / "records.jsonl"
    jsonl.write_text(
        json.dumps({"id": "ok-1", "text": GOOD_TEXT}) + "\n"
        + '{"id": "broken", "text": "unterminated\n'
        + json.dumps({"id": "ok-2", "html": article_page(), "url": "https://ledger.example/a"}) + "\n",
        encoding="utf-8",
    )
    paths.append(str(jsonl))
    proc = run_cli("analyze", "--format", "jsonl", *paths)
    lines = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    return proc.returncode, {obj["source"]["id"]: obj for obj in lines}, [o["source"]["id"] for o in lines]


@pytest.mark.parametrize(("name", "code"), [(n, c) for n, c, _ in BAD])
def test_bad_input_gives_coded_error_line(batch: tuple[int, dict, list], name: str, code: str) -> None:
    _rc, by_id, _order = batch
    obj = by_id[name]
    assert obj["schema"] == "newsgraph/1"
    assert obj["error"]["code"] == code, obj["error"]
    assert obj["error"]["message"]
    assert set(obj) == {"schema", "source", "error"}


def test_batch_goes_on_after_each_bad_input(batch: tuple[int, dict, list]) -> None:
    _rc, by_id, order = batch
    # every input gave exactly one line, in input order
    want = [x for i, (n, _c, _m) in enumerate(BAD) for x in (n, f"good{i}.txt")]
    assert order[: len(want)] == want
    for i in range(len(BAD)):
        good = by_id[f"good{i}.txt"]
        assert "error" not in good, good.get("error")
        assert good["article"]["title"] == "Harbor Council Approves Ferry Schedule"
        validate(good)


def test_invalid_jsonl_line_is_skipped_with_a_code(batch: tuple[int, dict, list]) -> None:
    _rc, by_id, order = batch
    assert order[-3:] == ["ok-1", "records.jsonl:2", "ok-2"]
    assert by_id["records.jsonl:2"]["error"]["code"] == "E001"
    assert "line 2" in by_id["records.jsonl:2"]["error"]["message"]
    assert "error" not in by_id["ok-1"]
    html_doc = by_id["ok-2"]
    assert "error" not in html_doc
    assert html_doc["article"]["authors"] == ["Mara Ellison"]
    assert html_doc["article"]["published"] == "2024-05-14"


def test_exit_status_is_non_zero_when_any_document_failed(batch: tuple[int, dict, list]) -> None:
    rc, _by_id, _order = batch
    assert rc == 1


def _extract_only(tmp_path: Path) -> str:
    """A settings file without analysis stages: these tests are about ingest and extract."""
    cfg = tmp_path / "extract-only.toml"
    cfg.write_text("stages = []\n", encoding="utf-8")
    return str(cfg)


def test_size_limit_is_a_setting(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(article_page(), encoding="utf-8")
    proc = run_cli("analyze", "--format", "jsonl", "--config", _extract_only(tmp_path), str(page),
                   env={"NEWSGRAPH_MAX_INPUT_BYTES": "1000"})
    obj = json.loads(proc.stdout)
    assert obj["error"]["code"] == "R003"
    assert "max_input_bytes" in obj["error"]["message"]
    assert proc.returncode == 1


def test_time_limit_is_a_setting(tmp_path: Path) -> None:
    page = tmp_path / "story.txt"
    page.write_text(GOOD_TEXT, encoding="utf-8")
    proc = run_cli("analyze", "--format", "jsonl", str(page), env={"NEWSGRAPH_DOC_TIME_BUDGET_S": "0.000001"})
    obj = json.loads(proc.stdout)
    assert obj["error"]["code"] == "E004"
    assert proc.returncode == 1


def test_all_good_batch_exits_zero(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(article_page(), encoding="utf-8")
    proc = run_cli("analyze", "--format", "jsonl", "--config", _extract_only(tmp_path), str(page))
    assert proc.returncode == 0, proc.stderr.decode()
    assert "error" not in json.loads(proc.stdout)
