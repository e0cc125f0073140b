"""What users of other command-line tools expect, through the real entry point."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.cli.choices import EntityType, EventType, QuoteKind
from newsgraph.model.serialize import json_schema
from newsgraph.store import open_store
from tests.conftest import ROOT, run_cli
from tests.corpus.http_server import article_html, serve
from tests.store.fixtures import talks_doc

STORY = [
    "The harbour board of Port Sellin voted on Monday to dredge the silted channel before the autumn storms.",
    "“Boats can leave only at high tide, and that costs every crew a day a week,” said board chair Ilse Voran.",
    "The work will cost about 2.4 million euros and take eleven weeks, the board said in a statement.",
    "Fishing crews had asked for the dredging since the spring, when two trawlers ran aground near the pier.",
]


# ------------------------------------------------------------ --version, -h, completion
@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    from newsgraph import __version__

    proc = run_cli(flag)
    assert proc.returncode == 0 and proc.stdout.decode().strip() == f"newsgraph {__version__} (schema newsgraph/1)"


@pytest.mark.parametrize("args", [["-h"], ["analyze", "-h"], ["eval", "-h"], ["quotes", "--help"]])
def test_short_and_long_help(args: list[str]) -> None:
    proc = run_cli(*args)
    assert proc.returncode == 0 and "Usage:" in proc.stdout.decode()


def test_shell_completion_is_on() -> None:
    assert "--install-completion" in run_cli("--help").stdout.decode()
    proc = run_cli("--show-completion", "bash")
    assert proc.returncode == 0 and "complete" in proc.stdout.decode()


# ------------------------------------------------------------ analyze URL
def test_analyze_a_url_goes_through_the_polite_fetcher(tmp_path: Path) -> None:
    with serve() as srv:
        srv.add("/robots.txt", "User-agent: *\nDisallow: /*/print/\n", ctype="text/plain")
        srv.add("/news/dredging", article_html("Port Sellin will dredge its channel", STORY))
        srv.add("/news/print/dredging", article_html("Port Sellin will dredge its channel", STORY))
        ok = run_cli("analyze", srv.url("/news/dredging"), "--allow-private")
        refused = run_cli("analyze", srv.url("/news/print/dredging"), "--allow-private")
        log = list(srv.log)
    assert ok.returncode == 0, ok.stderr.decode()
    obj = json.loads(ok.stdout)
    assert obj["source"]["uri"] == srv.url("/news/dredging") and obj["article"]["title"].startswith("Port Sellin")
    assert "Ilse Voran" in {a["speaker"]["name"] for a in obj["attributions"]}
    asked = [r["path"] for r in log]
    assert "/robots.txt" in asked and "/news/print/dredging" not in asked  # robots.txt was read and obeyed
    assert all("newsgraph" in r["headers"]["user-agent"] for r in log)
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["error"]["code"] == "E007"


def test_analyze_a_url_on_a_private_address_needs_allow_private() -> None:
    with serve() as srv:
        srv.add("/news/dredging", article_html("Port Sellin will dredge its channel", STORY))
        proc = run_cli("analyze", srv.url("/news/dredging"))
        hits = srv.hits("/news/dredging")
    assert proc.returncode == 1 and json.loads(proc.stdout)["error"]["code"] == "E008" and hits == 0


# ------------------------------------------------------------ --format json: object, or JSON lines
def test_json_is_one_object_for_one_document_and_json_lines_for_several(tmp_path: Path) -> None:
    for i in (1, 2):
        (tmp_path / f"{i}.txt").write_text("\n\n".join(STORY), "utf-8")
    one = run_cli("analyze", str(tmp_path / "1.txt"), "--format", "json")
    assert one.returncode == 0 and isinstance(json.loads(one.stdout), dict)
    several = run_cli("analyze", str(tmp_path / "1.txt"), str(tmp_path / "2.txt"), "--format", "json")
    lines = several.stdout.decode().splitlines()
    assert several.returncode == 0 and len(lines) == 2
    assert all(json.loads(line)["schema"] == "newsgraph/1" for line in lines)


# ------------------------------------------------------------ enum options
def test_choices_are_the_schema_enums() -> None:
    defs = json_schema()["$defs"]
    assert [e.value for e in EntityType] == defs["entity"]["properties"]["type"]["enum"]
    assert [e.value for e in QuoteKind] == defs["attribution"]["properties"]["kind"]["enum"]
    assert [e.value for e in EventType] == defs["event"]["properties"]["type"]["enum"]


@pytest.mark.parametrize(("args", "bad"), [
    (["events", "--type", "FOO"], "FOO"),
    (["quotes", "--kind", "quoted"], "quoted"),
    (["entities", "--type", "PEOPLE"], "PEOPLE"),
    (["export", "--format", "xlsx"], "xlsx"),
])
def test_a_wrong_choice_is_a_usage_error_naming_the_choices(tmp_path: Path, args: list[str], bad: str) -> None:
    proc = run_cli(*args, "--db", str(tmp_path / "none.db"))
    err = proc.stderr.decode()
    assert proc.returncode == 2 and bad in err and "none found" not in proc.stdout.decode()
    assert "is not one of" in err


def test_choices_ignore_case_and_limit_is_the_one_name(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as store:
        store.put_many([talks_doc()])
    for args in (["events", "--type", "reject"], ["entities", "--type", "person", "--limit", "5"],
                 ["entities", "--top", "5"], ["quotes", "--kind", "DIRECT", "-n", "3"]):
        proc = run_cli(*args, "--db", str(db), "--format", "json")
        assert proc.returncode == 0, (args, proc.stderr.decode())
        assert json.loads(proc.stdout), args


def test_no_copies_is_said_plainly(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as store:
        store.put_many([talks_doc()])
    out = run_cli("dupes", "--db", str(db)).stdout.decode()
    assert "no groups of copies found" in out and "0 group" not in out


# ------------------------------------------------------------ serve prints its URL
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_prints_its_url_and_docs_path(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "serve", "--port", str(port), "--db",
                             str(tmp_path / "s.db")], stderr=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline().decode()
        base = f"http://127.0.0.1:{port}"
        assert f"{base}/" in line and f"{base}/api/docs" in line
        import httpx

        deadline = time.monotonic() + 30
        while True:  # the printed URL answers
            try:
                assert httpx.get(f"{base}/api/docs", timeout=2).status_code == 200
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


# ------------------------------------------------------------ missing optional packages
def _without(tmp_path: Path, *modules: str) -> dict[str, str]:
    """An environment where importing these modules fails as if they were not installed."""
    shim = tmp_path / "shim"
    for name in modules:
        (shim / name).mkdir(parents=True)
        (shim / name / "__init__.py").write_text(
            f"raise ModuleNotFoundError(\"No module named '{name}'\", name={name!r})\n", "utf-8")
    return {"PYTHONPATH": os.pathsep.join([str(shim), os.environ.get("PYTHONPATH", "")])}


@pytest.mark.parametrize(("args", "module", "extra"), [
    (["export", "--format", "parquet", "--db", "{db}", "--out", "{out}"], "pyarrow", "parquet"),
    (["load", "{out}", "--db", "{db}"], "pyarrow", "parquet"),
    (["spark", "--input", "{out}", "--output", "{out}"], "pyspark", "spark"),
    (["serve", "--db", "{db}"], "fastapi", "serve"),
])
def test_a_missing_optional_package_is_one_coded_line(tmp_path: Path, args: list[str], module: str,
                                                      extra: str) -> None:
    db, out = tmp_path / "s.db", tmp_path / "out"
    out.mkdir()
    with open_store(db) as store:
        store.put_many([talks_doc()])
    args = [a.format(db=db, out=out) for a in args]
    proc = run_cli(*args, env=_without(tmp_path, module))
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2, err
    assert err.startswith("E018: ") and "\n" not in err and "Traceback" not in err
    assert module in err and f"newsgraph[{extra}]" in err


def test_csv_export_needs_no_pyarrow(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as store:
        store.put_many([talks_doc()])
    proc = run_cli("export", "--format", "csv", "--bom", "--db", str(db), "--out", str(tmp_path / "csv"),
                   env=_without(tmp_path, "pyarrow"))
    assert proc.returncode == 0, proc.stderr.decode()
    assert (tmp_path / "csv" / "events.csv").read_bytes().startswith(b"\xef\xbb\xbf")
