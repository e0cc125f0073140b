"""Issue 16, readers: inputs that used to stop or hang a batch, through the real CLI.

One folder holds every hostile input next to good documents; `analyze` and
`ingest` over it must give each input its own line (a coded error for the
hostile ones) and still analyse or store every good document.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import run_cli, validate
from tests.extract.pages import article_page
from tests.permissions import run_cli_as_user

STORY = (
    "Harbor Council Approves Ferry Schedule\n\n"
    "The Harbor City council voted 6-3 on Tuesday to approve a new ferry schedule that adds early morning "
    "crossings for commuters, ending a debate that had stretched over three meetings.\n\n"
    "\u201cThis gives working families a real choice,\u201d said council member Dana Whitlock, who proposed "
    "the change in March \u2014 a month before the budget vote.\n"
)


def story(tag: str) -> str:
    """The story with a line of its own, so that the store (keyed by content) keeps each copy."""
    return STORY + f"\nThe council will meet again next week, clerk {tag} said.\n"


def _warc_with_a_long_content_length() -> bytes:
    """Three response records; the first one's Content-Length reaches into the second."""
    out = []
    for i in range(3):
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = article_page(title=f"Harbor Ferry Story Number {i} Draws A Crowd").encode("utf-8")
        writer.write_record(writer.create_warc_record(f"https://ledger.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
        out.append(buf.getvalue())
    length = re.search(rb"Content-Length: (\d+)", out[0])
    assert length is not None
    out[0] = out[0].replace(length.group(0), b"Content-Length: %d" % (int(length.group(1)) + 300))
    return b"".join(out)


def _hostile_folder(d: Path) -> None:
    (d / "a-good.txt").write_text(story("Ames"), encoding="utf-8")
    good = json.dumps({"id": "jsonl-first", "text": story("Bell")})
    (d / "b-batch.jsonl").write_text(
        good + "\n"
        + "[" * 2000 + "]" * 2000 + "\n"  # RecursionError in json.loads
        + json.dumps({"id": "surrogate", "text": STORY}).replace("Tuesday", "Tues\\ud800day") + "\n"
        + json.dumps({"id": "jsonl-last", "text": story("Cole")}) + "\n",
        encoding="utf-8",
    )
    (d / os.fsdecode(b"c-bad\xffname.txt")).write_text(story("Dunn"), encoding="utf-8")
    os.mkfifo(d / "d-fifo.txt")
    (d / "e-records.warc").write_bytes(_warc_with_a_long_content_length())
    with gzip.open(d / "f-bomb.jsonl.gz", "wb") as fh:  # one 40 MB line of nothing: 40 kB on disk
        for _ in range(40):
            fh.write(b" " * 1_000_000)
    damaged = story("Egan").encode("utf-8")
    (d / "g-damaged.txt").write_bytes(damaged[:60] + b"\xff" + damaged[60:])
    (d / "h-wide.txt").write_bytes(story("Ford").encode("utf-16-le"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("hostile")
    _hostile_folder(d)
    return d


@pytest.fixture(scope="module")
def analysed(folder: Path) -> tuple[int, dict[str, dict[str, Any]], bytes]:
    proc = run_cli("analyze", "--format", "jsonl", str(folder), "/dev/zero", timeout=300)
    lines = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]  # strict: valid UTF-8
    return proc.returncode, {o["source"]["id"]: o for o in lines}, proc.stderr


GOOD_IDS = ["a-good.txt", "jsonl-first", "surrogate", "jsonl-last", "c-bad\ufffdname.txt",
            "https://ledger.example/1", "https://ledger.example/2", "g-damaged.txt", "h-wide.txt"]
CODED = {"b-batch.jsonl:2": "E001", "d-fifo.txt": "R008", "e-records.warc#0": "E002",
         "f-bomb.jsonl.gz:1": "R003", "zero": "R008"}


def test_every_hostile_input_gets_its_coded_line(analysed: tuple[int, dict[str, dict[str, Any]], bytes]) -> None:
    rc, by_id, stderr = analysed
    assert rc == 1, stderr.decode()
    for id_, code in CODED.items():
        assert by_id[id_]["error"]["code"] == code, (id_, by_id[id_])
    assert set(by_id) == set(GOOD_IDS) | set(CODED)


def test_every_good_document_of_the_batch_is_analysed(analysed: tuple[int, dict[str, dict[str, Any]], bytes]) -> None:
    _rc, by_id, _ = analysed
    for id_ in GOOD_IDS:
        obj = by_id[id_]
        assert "error" not in obj, (id_, obj.get("error"))
        validate(obj)
    assert "Tues\ufffdday" in by_id["surrogate"]["article"]["text"]


def test_damaged_utf8_stays_utf8_with_a_warning(analysed: tuple[int, dict[str, dict[str, Any]], bytes]) -> None:
    _rc, by_id, _ = analysed
    obj = by_id["g-damaged.txt"]
    text = obj["article"]["text"]
    assert "\u2014" in text and "\u201c" in text and "\u00e2\u20ac" not in text  # no "â€”" mojibake
    assert text.count("\ufffd") == 1
    assert any("U+FFFD" in w for w in obj["provenance"]["warnings"])
    assert "warnings" not in by_id["a-good.txt"]["provenance"]


def test_utf16_without_bom_is_text(analysed: tuple[int, dict[str, dict[str, Any]], bytes]) -> None:
    _rc, by_id, _ = analysed
    assert by_id["h-wide.txt"]["article"]["title"] == "Harbor Council Approves Ferry Schedule"


def test_ingest_stores_every_good_document_past_the_hostile_ones(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "hostile.db"
    for _run in range(2):  # the rerun must not die at the same place either
        proc = run_cli("ingest", str(folder), "--db", str(db), "--jobs", "1", "--no-progress", timeout=300)
        assert proc.returncode == 1, proc.stderr.decode()
        assert "Traceback" not in proc.stderr.decode()
    with sqlite3.connect(db) as conn:
        stored = {r[0] for r in conn.execute("SELECT source_id FROM articles")}
        codes = {r[0]: r[1] for r in conn.execute("SELECT source_id, code FROM rejections")}
    assert stored == set(GOOD_IDS)
    assert {k: v for k, v in CODED.items() if k != "zero"} == codes


def test_unreadable_folder_is_reported_per_entry(tmp_path: Path) -> None:
    top = tmp_path / "inbox"
    (top / "locked").mkdir(parents=True)
    (top / "locked" / "hidden-story.txt").write_text(STORY, encoding="utf-8")
    (top / "story.txt").write_text(STORY, encoding="utf-8")
    (top / "locked").chmod(0)
    tmp_path.chmod(0o755)
    try:
        proc = run_cli_as_user("analyze", "--format", "jsonl", "--config", _no_stages(tmp_path), str(top),
                               env={"HOME": str(tmp_path)}, timeout=120)
    finally:
        (top / "locked").chmod(0o755)
    by_id = {o["source"]["id"]: o for o in map(json.loads, proc.stdout.decode().splitlines())}
    assert by_id["locked"]["error"]["code"] == "E003", proc.stderr.decode()
    assert "Permission denied" in by_id["locked"]["error"]["message"]
    assert "error" not in by_id["story.txt"]
    assert proc.returncode == 1


def _no_stages(tmp_path: Path) -> str:
    cfg = tmp_path / "extract-only.toml"
    cfg.write_text("stages = []\n", encoding="utf-8")
    cfg.chmod(0o644)
    return str(cfg)
