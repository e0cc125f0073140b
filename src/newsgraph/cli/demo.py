"""`newsgraph demo`: ingest the example articles into a store and show who said what.

The examples (src/newsgraph/data/examples/*.txt) are fictional articles
written for this project; one is a wire copy of another, to show how
syndicated copies are grouped. Text files carry no publication date, so the
demo gives each one below, as a user would with --published.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer

# Publication dates of the fictional examples (a text file has no metadata to take them from).
DEMO_DATES = {
    "harbor-bridge-vote.txt": "2026-03-03",
    "minister-trade-talks.txt": "2026-03-04",
    "river-port-strike.txt": "2026-03-09",
    "river-port-strike-wire.txt": "2026-03-10",
    "clinic-funding-vote.txt": "2026-03-12",
    "flood-barrier-delay.txt": "2026-03-17",
    "border-water-dispute.txt": "2026-03-20",
    "school-meals-pilot.txt": "2026-03-23",
}


def examples_dir() -> str:
    return str(resources.files("newsgraph").joinpath("data/examples"))


def example_inputs(settings: Any) -> Any:
    """The example files as pipeline inputs, each with its demo date."""
    from newsgraph.ingest import iter_inputs

    for path in sorted(Path(examples_dir()).glob("*.txt")):
        yield from iter_inputs([str(path)], settings, published=DEMO_DATES.get(path.name))


def demo(
    db: Annotated[str | None, typer.Option("--db", help="The store (default: $NEWSGRAPH_DB, else ./newsgraph.db).")] = None,
) -> None:
    """Ingest the example articles into ./newsgraph.db and print who said what."""
    from rich.console import Console

    from newsgraph.corpus.dupes import update_store_groups
    from newsgraph.corpus.ingest import ingest
    from newsgraph.settings import load_settings
    from newsgraph.store import open_store

    console = Console()
    settings = load_settings()
    with open_store(db) as store:
        summary = ingest(example_inputs(settings), store, settings, jobs=1)
        update_store_groups(store)
        console.print(f"[bold]newsgraph demo[/]: {summary.stored} article(s) analysed and stored, "
                      f"{summary.skipped} already in {store.path}, {summary.rejected} rejected")
        print_summary(store, console)


def print_summary(store: Any, console: Any) -> None:
    """Per article: date, rights holder, who said what, figures and events; then the copy groups."""
    from rich.table import Table

    from newsgraph.store import queries

    groups = queries.duplicate_groups(store)
    copy_of = {m["doc"]: g["members"][0] for g in groups for m in g["members"][1:]}
    # Every article, copies included: a copy is shown as such, its quotes under the original.
    for art in sorted(queries.articles(store, limit=1000, with_copies=True), key=lambda a: (a["published"] or "", a["title"] or "")):
        console.rule(f"[bold]{_short(art['title'] or art['source_id'], 200)}")
        meta = [art["published"] or "no date", f"© {art['rights_holder']}" if art["rights_holder"] else "no rights line"]
        console.print(_short(" · ".join(meta), 200))
        if art["doc"] in copy_of:
            orig = copy_of[art["doc"]]
            console.print(f"[yellow]syndicated copy[/] of \"{_short(orig['title'], 200)}\" ({orig['published']}); "
                          "quotes are listed under the original")
            continue
        quotes = queries.quotes(store, doc=art["doc"], limit=1000)
        if quotes:
            t = Table("speaker", "kind", "said", title="Who said what", title_justify="left")
            for q in quotes:
                t.add_row(_short(q["speaker"] or "?"), q["kind"], _short(q["quote"]))
            console.print(t)
        facts = _facts(store, art["doc"])
        if facts:
            console.print(facts)
    if groups:
        console.rule("[bold]Syndication")
        for g in groups:
            for m in g["members"]:
                role = "original" if m["is_original"] else f"copy ({m['score']:.0%} contained)"
                console.print(f"{role:>24}  {m['published'] or '?'}  {_short(m['title'], 200)}  "
                              f"[dim]{_short(m['rights_notice'] or 'no rights notice', 70)}[/]")
    console.rule()
    console.print("Next: [bold]newsgraph quotes --speaker Okafor[/], [bold]newsgraph search \"flood barrier\"[/], "
                  "[bold]newsgraph entities --type PERSON[/], [bold]newsgraph dupes[/], "
                  "[bold]newsgraph export --format jsonld[/]")


def _facts(store: Any, doc: str) -> str:
    # The demo shows what the default views show (the same SQL as `newsgraph events`):
    # facts the layers are confident of, and events stated as having happened.
    from newsgraph.settings import load_settings
    from newsgraph.store.queries import SURE, asserted, confident

    settings = load_settings()
    # Layer tables are indexed by the article's rowid (`art`), not by the hash.
    art = store.conn.execute("SELECT _row FROM articles WHERE doc = ?", (doc,)).fetchone()[0]
    claims = store.conn.execute(f"SELECT text FROM claims c WHERE art = ? AND {confident('c')} ORDER BY seq",
                                (art, SURE)).fetchall()
    events = store.conn.execute(
        f"SELECT type, source_name, trigger_text, target_name FROM events v WHERE art = ? AND {confident('v')} "
        f"AND {asserted('v')} ORDER BY seq", (art, settings.min_event_confidence)
    ).fetchall()
    places = _place_names(store.conn.execute(
        f"SELECT name, geonameid FROM places p WHERE art = ? AND {confident('p')} ORDER BY seq", (art, SURE)))
    lines = []
    if claims:
        lines.append("[bold]Figures:[/] " + "; ".join(_short(r[0], 40) for r in claims[:8]))
    if events:
        lines.append("[bold]Events:[/] " + "; ".join(
            _short(f"{r[0]} {' '.join(x for x in (r[1], r[2], r[3]) if x)}", 80) for r in events[:6]))
    if places:
        lines.append("[bold]Places:[/] " + ", ".join(_short(name, 60) for name in places))
    return "\n".join(lines)


def _place_names(rows: Any) -> list[str]:
    """One name per place, in order of first mention: a dateline's "GENEVA" and the text's "Geneva" are one."""
    names: dict[Any, str] = {}
    for name, gid in rows:
        key = gid if gid is not None else name.casefold()
        if key not in names or (names[key].isupper() and not name.isupper()):
            names[key] = name
    return list(names.values())


def _short(text: str | None, n: int = 100) -> str:
    from rich.markup import escape

    text = " ".join((text or "").split())
    # News quotes use [editorial brackets], which rich would read as markup.
    return escape(text if len(text) <= n else text[: n - 1] + "…")


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
