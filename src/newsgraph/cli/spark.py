"""`newsgraph spark` (the pipeline as a Spark job) and `newsgraph load` (its Parquet into the store)."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer


def spark(
    input: Annotated[list[str], typer.Option("--input", "-i", help="WARC, JSONL, text/HTML folders or Parquet; local or Hadoop URIs. Repeatable.")],
    output: Annotated[str, typer.Option("--output", "-o", help="Folder for one Parquet table per layer.")],
    master: Annotated[str | None, typer.Option("--master", help="Spark master URL, e.g. local[2] or spark://host:7077.")] = None,
    partitions: Annotated[int | None, typer.Option("--partitions", help="Number of input partitions.")] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Inputs are clean article bodies.")] = False,
    published: Annotated[str | None, typer.Option("--published", help="Reference date YYYY-MM-DD.")] = None,
    config: Annotated[str | None, typer.Option("--config", help="A settings TOML file.")] = None,
) -> None:
    """Run process() on a Spark cluster and write the same tables as `export --format parquet`."""
    from newsgraph.cli.analyze import check_date
    from newsgraph.settings import load_settings

    try:
        from newsgraph.spark.job import run_job
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise typer.BadParameter(f"pyspark is not installed: pip install 'newsgraph[spark]' ({exc})") from None
    published = check_date(published)
    counters = run_job(input, output, load_settings(config), master=master, partitions=partitions, raw=raw,
                       published=published)
    sys.stdout.write(json.dumps(counters, indent=2) + "\n")


def register(app: typer.Typer) -> None:
    app.command("spark")(spark)
