"""Batch ingest: kill -9 in the middle, run again: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsgraph.model.serialize import TABLES, to_json
from newsgraph.store import open_store
from tests.conftest import ROOT, run_cli

N_DOCS = 60


def _write_corpus(folder: Path) -> None:
    """Small fictional articles, all different, plus one empty file and one exact copy."""
    folder.mkdir()
    towns = ["Portvale", "Eastgate", "Lakeside", "Norby", "Kelton", "Marrow", "Ashford", "Brill"]
    for i in range(N_DOCS):
        town = towns[i % len(towns)]
        (folder / f"story{i:03d}.txt").write_text(
            f"{town} council approves budget number {i}\n\n"
            f"The {town} council voted {i % 9 + 1} to 2 on Monday to approve a budget of ${i + 3} million, "
            f"Mayor Ines Varga said. \"This is budget {i}, and it is balanced,\" Varga told reporters.\n\n"
            f"Opposition member Karl Odum said the plan cut {i % 7 + 2} bus routes and would hurt commuters.\n"
        )
    (folder / "empty.txt").write_text("")
    (folder / "copy.txt").write_text((folder / "story000.txt").read_text())


def _snapshot(db: Path) -> dict[str, object]:
    with open_store(db, readonly=True) as store:
        docs = {d.source.sha256: to_json(d) for d in store.documents()}
        for obj in docs.values():
            obj["source"].pop("uri")  # the same content under another folder name
            # Corpus and story ids are numbered in the order articles reach the store, which
            # two jobs do not keep; what they group is compared through the counts below.
            obj["article"].pop("story_id", None)
            for ent in obj["entities"]:
                ent.pop("corpus_id", None)
        counts = store.counts()
        rej = sorted((r["source_id"], r["code"]) for r in store.rejections())
        dupe_keys = {t: store.conn.execute(f'SELECT COUNT(*) - COUNT(DISTINCT doc || seq) FROM "{t}"').fetchone()[0]
                     for t in TABLES if t not in ("articles", "mentions")}
    return {"docs": docs, "counts": counts, "rejections": rej, "dupe_keys": dupe_keys}


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_kill_9_then_rerun_equals_a_clean_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    # A clean run, for comparison.
    clean = tmp_path / "clean.db"
    proc = run_cli("ingest", str(corpus), "--db", str(clean), "--jobs", "1", "--chunk", "4", "--no-progress")
    assert proc.returncode == 1  # the empty file is a coded rejection
    expected = _snapshot(clean)
    assert len(expected["docs"]) == N_DOCS and expected["rejections"] == [("empty.txt", "R001")]

    # The same run, killed with SIGKILL once some documents are stored.
    crashed = tmp_path / "crashed.db"
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(crashed), "--jobs", "1",
           "--chunk", "4", "--no-progress"]
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    deadline = time.monotonic() + 300
    stored_at_kill = 0
    while time.monotonic() < deadline and child.poll() is None:
        stored_at_kill = _count(crashed)
        if stored_at_kill >= 8:
            break
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    stored_at_kill = _count(crashed)
    assert 0 < stored_at_kill < N_DOCS, f"the kill should land mid-run, {stored_at_kill} stored"

    rerun = run_cli("ingest", str(corpus), "--db", str(crashed), "--jobs", "1", "--chunk", "4", "--no-progress")
    out = rerun.stdout.decode()
    assert f"skipped {stored_at_kill}" in out or f"skipped {stored_at_kill + 1}" in out, out
    got = _snapshot(crashed)
    assert got["counts"] == expected["counts"]
    assert got["rejections"] == expected["rejections"]
    assert got["dupe_keys"] == {t: 0 for t in got["dupe_keys"]}
    assert got["docs"].keys() == expected["docs"].keys()
    assert got["docs"] == expected["docs"]

    # A third run changes nothing at all.
    again = run_cli("ingest", str(corpus), "--db", str(crashed), "--jobs", "1", "--no-progress")
    assert b"stored 0" in again.stdout
    assert _snapshot(crashed) == got


def test_two_jobs_store_the_same_as_one(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    for name in os.listdir(corpus):
        if name.startswith("story") and int(name[5:8]) >= 16:
            (corpus / name).unlink()
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    run_cli("ingest", str(corpus), "--db", str(one), "--jobs", "1", "--no-progress")
    proc = run_cli("ingest", str(corpus), "--db", str(two), "--jobs", "2", "--chunk", "3", "--no-progress")
    assert b"2 job(s)" in proc.stdout
    assert _snapshot(one) == _snapshot(two)


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); its state says it is gone.
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        return fh.read().split(")")[-1].split()[0] != "Z"


def test_workers_exit_when_the_writer_is_killed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus)
    cmd = [sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", str(tmp_path / "w.db"), "--jobs", "2",
           "--no-progress"]
    child = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        workers = _children(child.pid)
        time.sleep(0.2)
    assert len(workers) >= 2, "the worker processes never started"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.5)
    left = [w for w in workers if _alive(w)]
    for w in left:  # do not leave them behind even when the test fails
        os.kill(w, signal.SIGKILL)
    assert not left, f"orphaned workers {left} outlived the killed writer"
