"""Commands of the corpus area: ingest, watch, dupes, queries and export.

Each command is a thin layer over newsgraph.corpus, newsgraph.store and
newsgraph.store.queries; the HTTP API calls the same query functions.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
from enum import Enum
from typing import Annotated, Any

import typer

from newsgraph.cli.choices import EntityType, EventType, ExportFormat, QuoteKind, value

DbOpt = Annotated[str | None, typer.Option("--db", help="The store (default: $NEWSGRAPH_DB, else ./newsgraph.db).")]


class Out(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOpt = Annotated[Out, typer.Option("--format", "-f", help="table, json or csv.")]
LikeOpt = Annotated[bool, typer.Option("--like", help="Match names as substrings (default: the exact name or an alias).")]
CopiesOpt = Annotated[bool, typer.Option("--with-copies", help="Also list syndicated copies, under their original.")]


def _open(db: str | None, readonly: bool = True) -> Any:
    from newsgraph.store import default_db_path, open_store

    path = default_db_path(db)
    if readonly and not path.exists():
        typer.echo(f"E003: no store at {path}; run `newsgraph ingest PATH --db {path}` first", err=True)
        raise typer.Exit(2)
    return open_store(path, readonly=readonly)


def print_rows(rows: list[dict[str, Any]], fmt: Out, title: str | None = None,
               columns: list[str] | None = None, empty: str | None = None) -> None:
    """Rows as a rich table for people, or JSON / CSV for programs."""
    if fmt is Out.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    cols = columns or (list(rows[0].keys()) if rows else [])
    if fmt is Out.csv:
        w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: (json.dumps(v) if isinstance(v, (list, dict)) else v) for k, v in r.items()})
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not rows:
        console.print(f"[dim]no {empty or title or 'rows'} found[/]")
        return
    t = Table(*cols, title=title, show_lines=False)
    for r in rows:
        t.add_row(*[_cell(r.get(c)) for c in cols])
    console.print(t)


def _cell(v: Any, n: int = 110) -> str:
    from rich.markup import escape

    if v is None:
        return ""
    text = " ".join(str(v).split())
    # Snippets mark matches with [brackets], which rich would read as markup.
    return escape(text if len(text) <= n else text[: n - 1] + "…")


def _date(value: str | None, flag: str) -> str | None:
    from newsgraph.cli.analyze import check_date

    return check_date(value, flag)


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)


def parse_duration(text: str) -> float:
    """'15m', '30s', '2h', '1d' or plain seconds, as seconds."""
    m = _DURATION.match(text)
    if not m:
        raise typer.BadParameter(f"E006: --every takes a duration such as 30s, 15m or 1h, got {text!r}")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2).lower()]


# ------------------------------------------------------------------ ingest
def _fetcher(store: Any, allow_private: bool, min_interval: float | None, timeout: float | None,
             max_bytes: int) -> Any:
    from newsgraph.ingest.fetch import Fetcher, FetchPolicy

    policy = FetchPolicy()
    changes: dict[str, Any] = {"allow_private": allow_private, "max_bytes": max_bytes}
    if min_interval is not None:
        changes["min_interval_s"] = min_interval
    if timeout is not None:  # one deadline per request: connect, headers and body together
        changes["timeout_s"] = timeout
        changes["total_timeout_s"] = timeout
    import dataclasses

    return Fetcher(dataclasses.replace(policy, **changes), cache=store)


class _Bar:
    """Progress on stderr: documents, docs/s and errors; quiet when nobody watches."""

    def __init__(self, enabled: bool):
        self.bar = None
        if enabled:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                SpinnerColumn(), TextColumn("{task.fields[done]} stored"), TextColumn("{task.fields[rate]:.1f} docs/s"),
                TextColumn("{task.fields[errors]} errors"), TextColumn("{task.fields[skipped]} skipped"),
                TimeElapsedColumn(), console=Console(stderr=True), transient=True,
            )
            self.task = self.bar.add_task("ingest", total=None, done=0, rate=0.0, errors=0, skipped=0)

    def __enter__(self) -> _Bar:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def __call__(self, s: Any) -> None:
        if self.bar is not None:
            elapsed = time.perf_counter() - s.started
            self.bar.update(self.task, done=s.stored, rate=s.done / elapsed if elapsed else 0.0,
                            errors=s.rejected, skipped=s.skipped)


def _show_progress(flag: bool | None) -> bool:
    import os

    if flag is not None:
        return flag
    return sys.stderr.isatty() or os.environ.get("NEWSGRAPH_PROGRESS") == "1"


def run_ingest(inputs: list[str], db: str | None, jobs: int | None, allow_private: bool, *, raw: bool = False,
               published: str | None = None, chunk: int = 8, reanalyze: bool = False, progress: bool | None = None,
               min_interval: float | None = None, timeout: float | None = None, config: str | None = None) -> Any:
    """Ingest inputs into a store and return the summary (shared by ingest, watch and demo)."""
    from newsgraph.corpus.ingest import default_jobs, ingest
    from newsgraph.ingest.feeds import SourceStats, iter_sources
    from newsgraph.settings import load_settings

    settings = load_settings(config)
    store = _open(db, readonly=False)
    try:
        store.quick_check()  # never add documents around damaged pages (E014)
    except BaseException:
        store.close()
        raise
    fetcher = _fetcher(store, allow_private, min_interval, timeout, settings.max_input_bytes)
    stats = SourceStats()
    try:
        items = iter_sources(inputs, settings, fetcher, raw=raw, published=published, stats=stats,
                             is_stored=store.has)
        with _Bar(_show_progress(progress)) as bar:
            summary = ingest(items, store, settings, jobs=jobs or default_jobs(), chunk=chunk, replace=reanalyze,
                             progress=bar)
        if summary.stored:
            from newsgraph.corpus.dupes import update_store_groups

            # Copies are known as soon as they are stored, so every count shows a story once; only
            # this run's articles are compared (with everything stored), not the whole store again.
            update_store_groups(store)
    finally:
        fetcher.close()
        store.close()
    summary.sources = stats  # type: ignore[attr-defined]
    summary.db = str(store.path)  # type: ignore[attr-defined]
    return summary


def _print_summary(s: Any) -> None:
    src = s.sources
    parts = [f"stored {s.stored}", f"rejected {s.rejected}", f"skipped {s.skipped} already stored"]
    if src.feeds:
        parts.append(f"{src.feeds} feed(s)/sitemap(s), {src.items} items ({src.already_stored} seen before, "
                     f"{src.unchanged} unchanged)")
    if src.duplicates:
        parts.append(f"{src.duplicates} URL(s) named twice, fetched once")
    elif src.unchanged:
        parts.append(f"{src.unchanged} unchanged (304)")
    typer.echo(f"{', '.join(parts)} in {s.elapsed_s:.1f}s ({s.rate:.1f} docs/s, {s.jobs} job(s)) -> {s.db}")
    for code, n in sorted(s.codes.items()):
        typer.echo(f"  {code}: {n}", err=True)


def ingest_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, JSONL, WARC, feed or sitemap files, URLs.")],
    db: DbOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes (default: cores).")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow URLs on private/loopback addresses.")] = False,
    raw: Annotated[bool, typer.Option("--raw", help="Inputs are already clean bodies.")] = False,
    published: Annotated[str | None, typer.Option("--published", help="Reference date YYYY-MM-DD.")] = None,
    reanalyze: Annotated[bool, typer.Option("--reanalyze", help="Analyse stored content again and replace it.")] = False,
    chunk: Annotated[int, typer.Option("--chunk", help="Documents per worker task and per write.")] = 8,
    min_interval: Annotated[float | None, typer.Option("--min-interval", help="Seconds between requests to one host.")] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", help="Seconds per HTTP request, connect to last byte.")] = None,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar on stderr.")] = None,
    config: Annotated[str | None, typer.Option("--config", help="A settings TOML file.")] = None,
) -> None:
    """Analyse inputs and add them to the store; rerun to resume (stored content is skipped)."""
    s = run_ingest(inputs, db, jobs, allow_private, raw=raw, published=_date(published, "--published"), chunk=chunk,
                   reanalyze=reanalyze, progress=progress, min_interval=min_interval, timeout=timeout, config=config)
    _print_summary(s)
    if s.rejected:
        raise typer.Exit(1)


def watch_cmd(
    feeds_file: Annotated[str, typer.Argument(help="A text file with one feed or sitemap URL (or path) per line.")],
    every: Annotated[str, typer.Option("--every", help="Poll interval: 30s, 15m, 1h.")] = "15m",
    db: DbOpt = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j")] = None,
    allow_private: Annotated[bool, typer.Option("--allow-private")] = False,
    rounds: Annotated[int, typer.Option("--rounds", help="Stop after N polls (0: run until interrupted).")] = 0,
    min_interval: Annotated[float | None, typer.Option("--min-interval")] = None,
    timeout: Annotated[float | None, typer.Option("--timeout")] = None,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress")] = None,
) -> None:
    """Poll feeds every interval and ingest their new items (conditional GET, seen items skipped)."""
    from pathlib import Path

    interval = parse_duration(every)
    n = 0
    while True:
        n += 1
        lines = Path(feeds_file).read_text("utf-8").splitlines()
        feeds = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
        t0 = time.monotonic()
        s = run_ingest(feeds, db, jobs or 1, allow_private, progress=progress, min_interval=min_interval,
                       timeout=timeout)
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        typer.echo(f"[{stamp}] round {n}: ", nl=False)
        _print_summary(s)
        if rounds and n >= rounds:
            return
        time.sleep(max(0.0, interval - (time.monotonic() - t0)))


# ----------------------------------------------------------------- queries
def dupes_cmd(
    db: DbOpt = None,
    format: FormatOpt = Out.table,
    threshold: Annotated[float, typer.Option("--threshold", help="Minimum shingle containment of a copy.")] = 0.6,
    full: Annotated[bool, typer.Option("--full", help="Regroup every stored article, not only those added "
                                                      "since the last grouping (repair).")] = False,
) -> None:
    """Find near-duplicates and syndicated copies; list groups, original first."""
    from newsgraph.corpus.dupes import CONTAINMENT, update_store_groups
    from newsgraph.store import queries

    with _open(db, readonly=False) as store:
        # Stored groups were made at the default containment: another threshold needs every pair again.
        update_store_groups(store, min_containment=threshold, full=full or threshold != CONTAINMENT)
        groups = queries.duplicate_groups(store)
    if format is Out.json:
        sys.stdout.write(json.dumps(groups, ensure_ascii=False, indent=2) + "\n")
        return
    rows = []
    for g in groups:
        for m in g["members"]:
            rows.append({"group": g["group"], "role": "original" if m["is_original"] else "copy",
                         "score": m["score"], "published": m["published"], "title": m["title"],
                         "source": m["url"] or m["source_id"], "rights": m["rights_notice"] or m["rights_holder"]})
    print_rows(rows, format, title=f"{len(groups)} group(s) of copies", empty="groups of copies")


def quotes_cmd(
    speaker: Annotated[str | None, typer.Option("--speaker", help="The speaker's name or an alias (--like: part of it).")] = None,
    about: Annotated[str | None, typer.Option("--about", help="Words the quote contains (the API's `about`).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Published on or before YYYY-MM-DD.")] = None,
    kind: Annotated[QuoteKind | None, typer.Option("--kind", case_sensitive=False, help="direct, mixed or indirect.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many rows.")] = 100,
    like: LikeOpt = False,
    with_copies: CopiesOpt = False,
    all_quotes: Annotated[bool, typer.Option(
        "--all", help="Also list attributions the analysis is unsure of (below min_attribution_confidence).")] = False,
    db: DbOpt = None,
    format: FormatOpt = Out.table,
) -> None:
    """Who said what: each quote once, with the articles and outlets that carry it."""
    from newsgraph.settings import load_settings
    from newsgraph.store import queries

    with _open(db) as store:
        rows = queries.quotes(store, speaker=speaker, about=about, since=_date(since, "--since"),
                              until=_date(until, "--until"), kind=value(kind), limit=limit, like=like,
                              with_copies=with_copies,
                              min_confidence=None if all_quotes else load_settings().min_attribution_confidence)
    if format is Out.table:
        rows = [r | {"seen": _seen(r)} for r in rows]
    print_rows(rows, format, "quotes", None if format is not Out.table else
               ["published", "speaker", "kind", "quote", "seen", "title"])


def _seen(r: dict[str, Any]) -> str:
    """"in 3 articles, first 2024-03-20 (Wire, Post)"; "copy of ..." for a copy; "+2 copies (A, B)"."""
    if r.get("copy_of"):
        return f"copy ({r.get('publisher') or r.get('source_id') or ''})"
    parts = []
    if r.get("articles", 1) > 1:
        parts.append(f"in {r['articles']} articles, first {r['first_seen']} ({', '.join(r['outlets'])})")
    if r.get("copies"):
        parts.append(f"also published by {', '.join(r['also_published_by'])} ({r['copies']} copies)")
    return "; ".join(parts)


def search_cmd(
    query: Annotated[str, typer.Argument(help="Words to find in article text and quotes.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many rows.")] = 20,
    since: Annotated[str | None, typer.Option("--since")] = None,
    with_copies: CopiesOpt = False,
    db: DbOpt = None,
    format: FormatOpt = Out.table,
) -> None:
    """Full-text search over articles and quotes."""
    from newsgraph.store import queries

    with _open(db) as store:
        rows = queries.search(store, query, limit=limit, since=_date(since, "--since"), with_copies=with_copies)
    print_rows(rows, format, "matches", None if format is not Out.table else ["kind", "published", "title", "speaker", "snippet"])


def entities_cmd(
    type: Annotated[EntityType | None, typer.Option("--type", case_sensitive=False, help="PERSON, ORG, GPE, ...")] = None,
    # --limit as in every other command and the API; --top still works for older scripts.
    limit: Annotated[int, typer.Option("--limit", "-n", "--top", help="At most this many entities.")] = 20,
    name: Annotated[str | None, typer.Option("--name", help="The name or an alias (--like: part of it).")] = None,
    like: LikeOpt = False,
    with_copies: CopiesOpt = False,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Recompute every corpus entity from scratch.")] = False,
    db: DbOpt = None,
    format: FormatOpt = Out.table,
) -> None:
    """The most covered corpus entities, by number of stories."""
    from newsgraph.store import queries

    if rebuild:
        from newsgraph.corpus.identity import rebuild as rebuild_corpus

        with _open(db, readonly=False) as store:
            n = rebuild_corpus(store.conn)
        typer.echo(f"rebuilt {n} corpus entities", err=True)
    with _open(db) as store:
        rows = queries.entities(store, type=value(type), top=limit, name=name, like=like, with_copies=with_copies)
    print_rows(rows, format, "entities")


def events_cmd(
    source: Annotated[str | None, typer.Option("--source", help="Actor name or alias, or ISO country code (USA).")] = None,
    target: Annotated[str | None, typer.Option("--target")] = None,
    type: Annotated[EventType | None, typer.Option("--type", case_sensitive=False, help="PLOVER type: REJECT, ACCUSE, ...")] = None,
    since: Annotated[str | None, typer.Option("--since")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many rows.")] = 100,
    like: LikeOpt = False,
    with_copies: CopiesOpt = False,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Show asserted events at or above this confidence [default: the min_event_confidence setting, 0.5].")] = None,
    all_events: Annotated[bool, typer.Option(
        "--all", help="Also show unsure, negated, planned and hypothetical events.")] = False,
    db: DbOpt = None,
    format: FormatOpt = Out.table,
) -> None:
    """Who did what to whom: events by actor, type and date (confident, asserted ones unless --all)."""
    from newsgraph.settings import load_settings
    from newsgraph.store import queries

    threshold = None if all_events else (
        min_confidence if min_confidence is not None else load_settings().min_event_confidence)
    with _open(db) as store:
        rows = queries.events(store, source=source, target=target, type=value(type), since=_date(since, "--since"),
                              limit=limit, like=like, with_copies=with_copies, min_confidence=threshold)
    print_rows(rows, format, "events", None if format is not Out.table else
               ["date", "type", "source", "trigger", "target", "location", "negated", "title"])


def timeline_cmd(
    name: Annotated[str, typer.Argument(help="An entity's name or alias, e.g. \"Antony Blinken\".")],
    like: LikeOpt = False,
    with_copies: CopiesOpt = False,
    db: DbOpt = None,
    format: FormatOpt = Out.table,
) -> None:
    """Everything dated about one entity: coverage, quotes and events, oldest first."""
    from newsgraph.store import queries

    with _open(db) as store:
        rows = queries.timeline(store, name, like=like, with_copies=with_copies)
    print_rows(rows, format, f"timeline of {name}", None if format is not Out.table else ["date", "kind", "text", "title"])


def export_cmd(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", case_sensitive=False, help="jsonl, csv, parquet (needs the parquet extra) or jsonld.")] = ExportFormat.jsonl,
    out: Annotated[str | None, typer.Option("--out", "-o", help="File (jsonl, jsonld) or directory (csv, parquet).")] = None,
    bom: Annotated[bool, typer.Option("--bom", "--excel", help="CSV: start each file with a UTF-8 byte order mark, so Excel reads it as UTF-8.")] = False,
    db: DbOpt = None,
) -> None:
    """Export the store: contract JSON lines, per-table CSV or Parquet, or schema.org JSON-LD."""
    from newsgraph.store.export import export_store

    with _open(db) as store:
        message = export_store(store, format.value, out, bom=bom)
    typer.echo(message, err=True)


def stats_cmd(db: DbOpt = None) -> None:
    """Counts per table, rejection codes and the schema version of a store."""
    from newsgraph.store import queries

    with _open(db) as store:
        sys.stdout.write(json.dumps(queries.stats(store), indent=2) + "\n")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("ingest")(ingest_cmd)
    app.command("watch")(watch_cmd)
    app.command("dupes")(dupes_cmd)
    app.command("quotes")(quotes_cmd)
    app.command("search")(search_cmd)
    app.command("entities")(entities_cmd)
    app.command("events")(events_cmd)
    app.command("timeline")(timeline_cmd)
    app.command("export")(export_cmd)
    app.command("stats")(stats_cmd)
