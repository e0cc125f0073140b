"""How the driver lists local inputs and deals them over partitions (no Spark needed)."""

from __future__ import annotations

from pathlib import Path

from newsgraph.settings import load_settings
from newsgraph.spark.job import balanced, local_files
from newsgraph.spark.partition import record_documents


def test_local_files_lists_like_ingest(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("One.")
    (tmp_path / "two.html").write_text("<p>Two.</p>")
    (tmp_path / ".hidden.txt").write_text("skipped, as ingest skips it")
    listed = local_files(str(tmp_path))
    assert listed == [tmp_path / "a" / "one.txt", tmp_path / "two.html"]
    assert local_files(tmp_path.as_uri()) == listed
    assert local_files(str(tmp_path / "*.html")) == [tmp_path / "two.html"]
    assert local_files("file:" + str(tmp_path / "two.html")) == [tmp_path / "two.html"]  # Hadoop's spelling
    assert local_files(str(tmp_path / "*.pdf")) == [tmp_path / "*.pdf"]  # nothing matched: its task says E003
    assert local_files("s3a://bucket/news/") is None
    assert local_files("hdfs://nn/news/x.warc.gz") is None


def test_balanced_spreads_sizes_and_keeps_every_file(tmp_path: Path) -> None:
    files = []
    for i, size in enumerate([9000, 100, 100, 100, 4000, 4000, 200, 50]):
        f = tmp_path / f"f{i}.txt"
        f.write_bytes(b"x" * size)
        files.append(f)
    parts = balanced(files, 3)
    dealt = sorted(p for part in parts for _, p in part)
    assert dealt == sorted(str(f) for f in files)
    loads = sorted(sum(Path(p).stat().st_size for _, p in part) for part in parts)
    assert loads[-1] == 9000  # the big file alone; the rest shared by the other two
    assert loads[0] >= 4000
    assert balanced(files[:1], 4) == [[("path", str(files[0]))]]  # no empty partitions


def test_path_record_reads_like_ingest(tmp_path: Path) -> None:
    from newsgraph.ingest import iter_inputs

    f = tmp_path / "story.txt"
    f.write_text("Officials said on Monday that the bridge in Lisbon would reopen next week.")
    settings = load_settings()
    assert list(record_documents(("path", str(f)), settings)) == list(iter_inputs([str(f)], settings))
    (missing,) = record_documents(("path", str(tmp_path / "gone.txt")), settings)
    assert missing.code == "E003"
