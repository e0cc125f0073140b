"""`newsgraph demo`: the examples go into a store, the wire copy is found, reruns add nothing."""

from __future__ import annotations

from pathlib import Path

from newsgraph.store import open_store, queries
from tests.conftest import run_cli


def test_demo_ingests_examples_and_groups_the_wire_copy(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    proc = run_cli("demo", "--db", str(db), env={"COLUMNS": "160"})
    assert proc.returncode == 0, proc.stderr.decode()
    out = proc.stdout.decode()
    n_examples = len(list((Path(__file__).parents[2] / "src/newsgraph/data/examples").glob("*.txt")))
    assert f"{n_examples} article(s) analysed and stored" in out and "0 rejected" in out
    assert "Who said what" in out and "syndicated copy" in out
    with open_store(db, readonly=True) as store:
        (group,) = queries.duplicate_groups(store)
        original, copy = group["members"]
        assert original["source_id"] == "river-port-strike.txt" and original["is_original"]
        assert copy["source_id"] == "river-port-strike-wire.txt"
        assert "Harbor Wire" in copy["rights_notice"] and "Coastline Herald" in original["rights_notice"]
        assert store.counts()["attributions"] > 20
        speakers = {q["speaker"] for q in queries.quotes(store, limit=1000)}
    assert {"Diane Okafor", "Lucia Brandt"} <= speakers
    again = run_cli("demo", "--db", str(db), env={"COLUMNS": "160"})
    assert f"0 article(s) analysed and stored, {n_examples} already in" in again.stdout.decode()
