"""`newsgraph analyze` and `newsgraph schema`."""

from __future__ import annotations

import json
import os
import re
import sys
from enum import Enum
from typing import Annotated

import typer

from newsgraph.errors import Code


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_date(value: str | None, flag: str = "--published") -> str | None:
    """A YYYY-MM-DD date or a usage error with a code."""
    if value is None:
        return None
    import datetime as dt

    try:
        if not _DATE.match(value):
            raise ValueError
        dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{Code.BAD_ARGUMENT.value}: {flag} must be a date as YYYY-MM-DD, got {value!r}") from None
    return value


def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .html .jsonl .warc[.gz]), directories, or - for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="json, jsonl, or table for people.")] = Format.json,
    raw: Annotated[bool, typer.Option("--raw", help="The input is already the clean body: keep its text unchanged.")] = False,
    published: Annotated[str | None, typer.Option("--published", help="Reference date YYYY-MM-DD for relative dates.")] = None,
    config: Annotated[str | None, typer.Option("--config", help="A settings TOML file.")] = None,
) -> None:
    """Analyse articles and print schema newsgraph/1 objects."""
    from newsgraph.ingest import iter_inputs
    from newsgraph.model.serialize import to_json
    from newsgraph.pipeline import get_pipeline
    from newsgraph.settings import load_settings

    published = check_date(published)
    settings = load_settings(config)
    pipeline = get_pipeline(settings)
    inputs = iter_inputs(paths, settings, raw=raw, published=published)
    failed = total = 0
    objs = []
    with _progress() as tick:
        for result in pipeline.run(inputs):
            obj = to_json(result)
            failed += "error" in obj
            total += 1
            tick(failed)
            if format is Format.jsonl:
                sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
                sys.stdout.flush()
            else:
                objs.append(obj)
    if format is Format.json:
        payload = objs[0] if len(objs) == 1 else objs
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    elif format is Format.table:
        from newsgraph.cli.render import print_tables

        print_tables(objs)
    if failed:
        typer.echo(f"{failed} of {total} document(s) failed; see their error lines", err=True)
        raise typer.Exit(1)


class _progress:
    """A progress bar on stderr for batches, only when someone is watching."""

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.bar = None
        if sys.stderr.isatty() or os.environ.get("NEWSGRAPH_PROGRESS") == "1":
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("analysed {task.completed} docs"), BarColumn(), TextColumn("{task.fields[failed]} failed"),
                TimeElapsedColumn(), transient=True, console=_stderr_console(),
            )
            self.bar.start()
            self.task = self.bar.add_task("analyse", total=None, failed=0)

        def tick(failed: int) -> None:
            if self.bar is not None:
                self.bar.update(self.task, advance=1, failed=failed)

        return tick

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _stderr_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)


def schema() -> None:
    """Print the JSON Schema of the output (schema newsgraph/1)."""
    from newsgraph.model.serialize import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)
    app.command("schema")(schema)
