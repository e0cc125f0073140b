"""`newsgraph analyze` and `newsgraph schema`."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Any

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
    paths: Annotated[list[str], typer.Argument(help="Files (.txt .html .jsonl .warc[.gz]), directories, URLs (fetched politely), or - for stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="json (one object; JSON lines for several documents), jsonl, or table for people.")] = Format.json,
    raw: Annotated[bool, typer.Option("--raw", help="The input is already the clean body: keep its text unchanged.")] = False,
    published: Annotated[str | None, typer.Option("--published", help="Reference date YYYY-MM-DD for relative dates.")] = None,
    config: Annotated[str | None, typer.Option("--config", help="A settings TOML file.")] = None,
    any_language: Annotated[bool, typer.Option("--any-language", help="Analyse text in any language as English instead of rejecting it (R009).")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Let URLs reach private and loopback addresses.")] = False,
) -> None:
    """Analyse articles and print schema newsgraph/1 objects."""
    from newsgraph.model.serialize import to_json
    from newsgraph.pipeline import get_pipeline
    from newsgraph.settings import load_settings

    published = check_date(published)
    settings = load_settings(config, languages=() if any_language else None)
    pipeline = get_pipeline(settings)
    failed = total = 0
    objs = []
    out = _JsonOut(pretty_single=format is Format.json)
    with _inputs(paths, settings, raw, published, allow_private) as inputs, _progress() as tick:
        for result in pipeline.run(inputs):
            obj = to_json(result)
            failed += "error" in obj
            total += 1
            tick(failed)
            if format is Format.table:
                objs.append(obj)
            else:
                out.write(obj)
    out.close()
    if format is Format.table:
        from newsgraph.cli.render import print_tables

        print_tables(objs)
    if failed:
        typer.echo(f"{failed} of {total} document(s) failed; see their error lines", err=True)
        raise typer.Exit(1)


class _JsonOut:
    """One input document: one indented object. Several: JSON lines, as they come.

    `--format json` used to print an array for several documents, so a script
    had to check whether it got an object or a list, and nothing came out
    until the whole batch was done. JSON lines stream, and `jq`, pandas
    (`lines=True`) and DuckDB read them directly. The first object is held
    back until a second shows whether there are several.
    """

    def __init__(self, pretty_single: bool):
        self.pretty_single = pretty_single
        self.held: dict[str, Any] | None = None
        self.streaming = not pretty_single

    def write(self, obj: dict[str, Any]) -> None:
        if not self.streaming and self.held is None:
            self.held = obj
            return
        if self.held is not None:
            self._line(self.held)
            self.held = None
        self.streaming = True
        self._line(obj)

    def close(self) -> None:
        if self.held is not None:
            sys.stdout.write(json.dumps(self.held, ensure_ascii=False, indent=2) + "\n")
            self.held = None

    @staticmethod
    def _line(obj: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        sys.stdout.flush()


@contextmanager
def _inputs(paths: list[str], settings: Any, raw: bool, published: str | None,
            allow_private: bool) -> Iterator[Iterator[Any]]:
    """The documents named by PATHS; URLs go through the same polite fetcher as `ingest`
    (robots.txt, rate limit, size cap, SSRF guard), without its cache."""
    from newsgraph.ingest import iter_inputs
    from newsgraph.ingest.feeds import Checkpoint, is_url, iter_sources

    if not any(is_url(p) for p in paths):
        yield iter(iter_inputs(paths, settings, raw=raw, published=published))
        return
    import dataclasses

    from newsgraph.ingest.fetch import Fetcher, FetchPolicy

    policy = dataclasses.replace(FetchPolicy(), allow_private=allow_private, max_bytes=settings.max_input_bytes)
    with Fetcher(policy) as fetcher:
        items = iter_sources(paths, settings, fetcher, raw=raw, published=published)
        # A Checkpoint only remembers HTTP validators for the next run: analyze keeps none.
        yield (item for item in items if not isinstance(item, Checkpoint))


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
