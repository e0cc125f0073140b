"""`newsgraph spark` (the pipeline as a Spark job) and `newsgraph load` (its Parquet into the store)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from newsgraph.cli.choices import SparkWriter


def spark(
    input: Annotated[list[str], typer.Option("--input", "-i", help="WARC, JSONL, text/HTML folders or Parquet; local or Hadoop URIs. Repeatable.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Folder for one Parquet table per layer.")],
    master: Annotated[str | None, typer.Option("--master", help="Spark master URL, e.g. local[2] or spark://host:7077.")] = None,
    partitions: Annotated[int | None, typer.Option("--partitions", help="Number of input partitions.")] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Inputs are clean article bodies.")] = False,
    published: Annotated[str | None, typer.Option("--published", help="Reference date YYYY-MM-DD.")] = None,
    config: Annotated[str | None, typer.Option("--config", help="A settings TOML file.")] = None,
    writer: Annotated[SparkWriter, typer.Option("--writer", case_sensitive=False, help="arrow: tasks write their own part files (local, s3://, gs://, hdfs://); spark: Spark writes them (any Hadoop file system).")] = SparkWriter.arrow,
) -> None:
    """Run process() on a Spark cluster and write the same tables as `export --format parquet`."""
    from newsgraph.cli.analyze import check_date
    from newsgraph.errors import missing_dependency
    from newsgraph.settings import load_settings

    try:
        import pyspark  # noqa: F401  (the job imports it lazily, deep inside; say so up front)

        from newsgraph.spark.job import run_job
    except ImportError as exc:  # depends on the spark extra
        raise missing_dependency(exc, "newsgraph spark") from None
    published = check_date(published)
    counters = run_job(input, output, load_settings(config), master=master, partitions=partitions, raw=raw,
                       published=published, writer=writer.value, wait_for_stop=False)
    sys.stdout.write(json.dumps(counters, indent=2) + "\n")


def load(
    folder: Annotated[str, typer.Argument(help="The --output folder of `newsgraph spark` (or a Parquet export).")],
    db: Annotated[str | None, typer.Option("--db", help="Store path (default $NEWSGRAPH_DB, else ./newsgraph.db).")] = None,
) -> None:
    """Load Parquet tables into the store: the same result as ingesting the inputs locally."""
    from pathlib import Path

    from newsgraph.model.serialize import from_rejection_row
    from newsgraph.store import open_store
    from newsgraph.store.export import parquet_module, read_parquet

    pq = parquet_module()  # E018 with the extra to install, when pyarrow is missing

    root = Path(folder)
    if not root.is_dir():
        raise typer.BadParameter(f"E006: {folder} is not a folder of Parquet tables")
    # A job that died half-way leaves part files but no _SUCCESS: loading them would store a random subset.
    unfinished = sorted(p.name for p in root.iterdir() if p.is_dir() and not (p / "_SUCCESS").exists())
    if unfinished:
        raise typer.BadParameter(
            f"E006: {folder} is an unfinished Spark output (no _SUCCESS in {', '.join(unfinished)}); run the job again"
        )
    stored = rejected = 0
    with open_store(db) as store:
        stored = store.put_many(read_parquet(root))
        rej_path = next((p for p in (root / "rejections", root / "rejections.parquet") if p.exists()), None)
        if rej_path is not None:
            rows = pq.read_table(rej_path).to_pylist()
            rejected = store.put_many(from_rejection_row(r) for r in rows)
        if stored:
            from newsgraph.corpus.dupes import update_store_groups

            update_store_groups(store)  # as `ingest` does: copies known, story ids set
    typer.echo(f"loaded {stored} document(s) and {rejected} rejection(s) into {store.path}", err=True)


def register(app: typer.Typer) -> None:
    app.command("spark")(spark)
    app.command("load")(load)
