"""`newsgraph load` on Parquet folders: finished Spark output loads, an unfinished one is refused."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli


def _spark_like_output(tmp_path: Path) -> Path:
    """Export the example articles' tables into the Spark layout (one folder of part files per table)."""
    db = tmp_path / "a.db"
    proc = run_cli("ingest", "src/newsgraph/data/examples/harbor-bridge-vote.txt", "--db", str(db), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr.decode()
    flat = tmp_path / "flat"
    proc = run_cli("export", "--db", str(db), "--format", "parquet", "--out", str(flat))
    assert proc.returncode == 0, proc.stderr.decode()
    out = tmp_path / "out"
    for f in flat.glob("*.parquet"):
        (out / f.stem).mkdir(parents=True)
        f.rename(out / f.stem / "part-00000-x.parquet")
        (out / f.stem / "_SUCCESS").touch()
    return out


def test_load_reads_finished_output(tmp_path: Path) -> None:
    out = _spark_like_output(tmp_path)
    proc = run_cli("load", str(out), "--db", str(tmp_path / "b.db"))
    assert proc.returncode == 0, proc.stderr.decode()
    assert "loaded 1 document(s)" in proc.stderr.decode()


def test_load_refuses_unfinished_output(tmp_path: Path) -> None:
    out = _spark_like_output(tmp_path)
    (out / "events" / "_SUCCESS").unlink()
    proc = run_cli("load", str(out), "--db", str(tmp_path / "b.db"))
    assert proc.returncode != 0
    err = proc.stderr.decode()
    assert "E006" in err and "events" in err
    assert not (tmp_path / "b.db").exists()
