"""Issue 16, store: every store failure is one coded line naming the file, never a traceback,
and no command writes to a file that is not a newsgraph store. Through the real CLI."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.permissions import run_cli_as_user

STORY = (
    "Harbor Council Approves Ferry Schedule\n\n"
    "The Harbor City council voted 6-3 on Tuesday to approve a new ferry schedule that adds early morning "
    "crossings for commuters, ending a debate that had stretched over three meetings.\n\n"
    "\u201cThis gives working families a real choice,\u201d said council member Dana Whitlock.\n"
)


def _config(d: Path) -> str:
    """Extraction only: these tests are about the store, not the analysis."""
    cfg = d / "extract-only.toml"
    cfg.write_text("stages = []\n", encoding="utf-8")
    return str(cfg)


def _stories(d: Path, n: int, start: int = 0) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (d / f"story{i:02d}.txt").write_text(STORY + f"\nClerk number {i} read the minutes aloud.\n", "utf-8")
    return d


def _ingest(db: Path, src: Path, cfg: str, runner=run_cli, **kw) -> subprocess.CompletedProcess[bytes]:  # type: ignore[no-untyped-def]
    return runner("ingest", str(src), "--db", str(db), "--jobs", "1", "--no-progress", "--config", cfg,
                  timeout=300, **kw)


def _coded(proc: subprocess.CompletedProcess[bytes], code: str, path: Path) -> str:
    err = proc.stderr.decode()
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err, err
    assert re.search(rf"^{code}: .*{re.escape(str(path))}", err, re.M), err
    return err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, str]:
    cfg = _config(tmp_path)
    db = tmp_path / "news.db"
    proc = _ingest(db, _stories(tmp_path / "in", 6), cfg)
    assert proc.returncode == 0, proc.stderr.decode()
    return db, cfg


def test_not_a_database_is_e013_and_left_unchanged(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list: bread, ferry tickets\n" * 50, encoding="utf-8")
    before = _digest(notes)
    _coded(run_cli("stats", "--db", str(notes)), "E013", notes)
    _coded(_ingest(notes, _stories(tmp_path / "in", 1), _config(tmp_path)), "E013", notes)
    assert _digest(notes) == before


def test_foreign_sqlite_file_with_an_articles_table_is_never_modified(tmp_path: Path) -> None:
    other = tmp_path / "blog.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO articles (body) VALUES ('a post about ferries')")
    conn.close()
    before = _digest(other)
    for args in (["stats"], ["quotes"], ["search", "ferry"]):
        _coded(run_cli(*args, "--db", str(other)), "E013", other)
    _coded(_ingest(other, _stories(tmp_path / "in", 1), _config(tmp_path)), "E013", other)
    assert _digest(other) == before
    assert not Path(str(other) + "-wal").exists()
    with sqlite3.connect(other) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["articles"]
    conn.close()


def test_read_only_store_file_is_e012_on_ingest(store: tuple[Path, str], tmp_path: Path) -> None:
    db, cfg = store
    db.chmod(0o444)
    tmp_path.chmod(0o755)
    proc = _ingest(db, _stories(tmp_path / "more", 1, start=50), cfg, runner=run_cli_as_user,
                   env={"HOME": str(tmp_path)})
    _coded(proc, "E012", db)


def test_read_commands_work_in_a_read_only_folder(store: tuple[Path, str], tmp_path: Path) -> None:
    db, _cfg = store
    folder = db.parent
    for p in folder.iterdir():
        p.chmod(0o444 if p.is_file() else 0o555)
    folder.chmod(0o555)
    try:
        for args in (["stats"], ["quotes"], ["search", "ferry"]):
            proc = run_cli_as_user(*args, "--db", str(db), env={"HOME": str(tmp_path)}, timeout=120)
            assert proc.returncode == 0, (args, proc.stderr.decode())
        assert '"articles": 6' in run_cli_as_user("stats", "--db", str(db), env={"HOME": str(tmp_path)}).stdout.decode()
        assert not Path(str(db) + "-wal").exists()
    finally:
        folder.chmod(0o755)


def _corrupt_middle(db: Path) -> None:
    """Garbage over a few pages in the middle of the file, as a failing disk leaves them."""
    size = db.stat().st_size
    page = 4096
    with db.open("r+b") as fh:
        fh.seek((size // page // 2) * page)
        fh.write(b"\xde\xad\xbe\xef" * (page // 2))


def test_ingest_into_a_store_with_corrupt_pages_is_e014(store: tuple[Path, str], tmp_path: Path) -> None:
    db, cfg = store
    _corrupt_middle(db)
    proc = _ingest(db, _stories(tmp_path / "more", 1, start=60), cfg)
    err = _coded(proc, "E014", db)
    assert "stored" not in proc.stdout.decode(), err


def test_malformed_image_on_a_read_command_is_e014(store: tuple[Path, str]) -> None:
    db, _cfg = store
    with db.open("r+b") as fh:  # the schema page itself: every query meets it
        fh.seek(100)
        fh.write(b"\xff" * 3000)
    proc = run_cli("stats", "--db", str(db))
    _coded(proc, "E014", db)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs, when this process may mount one (root in a container); skipped otherwise."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small tmpfs to fill")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_full_disk_is_e012(tiny_disk: Path, tmp_path: Path) -> None:
    cfg = _config(tmp_path)
    db = tiny_disk / "news.db"
    assert _ingest(db, _stories(tmp_path / "in", 1), cfg).returncode == 0
    try:  # take every free byte left
        with (tiny_disk / "filler").open("wb") as fh:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
    except OSError:
        pass
    proc = _ingest(db, _stories(tmp_path / "more", 30, start=100), cfg)
    err = _coded(proc, "E012", db)
    assert "disk" in err  # SQLite says "disk is full" or, on a full tmpfs, "disk I/O error"


def test_concurrent_ingests_count_only_their_own_writes(tmp_path: Path) -> None:
    cfg = _config(tmp_path)
    db = tmp_path / "shared.db"
    src = _stories(tmp_path / "in", 12)
    args = [sys.executable, "-m", "newsgraph", "ingest", str(src), "--db", str(db), "--jobs", "1",
            "--no-progress", "--config", cfg]
    runs = [subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outs = [r.communicate(timeout=300) for r in runs]
    stored = [int(re.search(rb"stored (\d+)", out).group(1)) for out, _ in outs]  # type: ignore[union-attr]
    assert sum(stored) == 12, outs
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 12
    conn.close()
