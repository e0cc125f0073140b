"""`newsgraph eval ...`: scores against the public data sets in ../shared/data.

Each command is a thin wrapper over `newsgraph.evaluate.<name>.run()`, which
returns a dict of figures, and `report()`, which formats it for people.
"""

from __future__ import annotations

import importlib
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from newsgraph.cli.choices import ExtractionSet

eval_app = typer.Typer(help="Score newsgraph against evaluation data sets.", no_args_is_help=True)

SHARED = Path("../shared/data")
JsonFlag = Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")]
Limit = Annotated[int | None, typer.Option("--limit", help="Score only the first N documents.")]


def _run(name: str, as_json: bool, **kwargs: Any) -> None:
    mod = importlib.import_module(f"newsgraph.evaluate.{name}")
    figures = mod.run(**kwargs)
    if as_json:
        sys.stdout.write(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(mod.report(figures) + "\n")


@eval_app.command("extraction")
def extraction(
    set_: Annotated[ExtractionSet, typer.Option("--set", case_sensitive=False, help="aeb, naeb, aeb-text, wcxb or filters")] = ExtractionSet.aeb,
    data: Annotated[Path, typer.Option("--data", help="The extraction data folder.")] = SHARED / "extraction",
    as_json: JsonFlag = False,
    limit: Limit = None,
) -> None:
    """Body F1 (AEB) or title/date/author scores (NAEB), ours beside trafilatura's."""
    _run("extraction", as_json, set_name=set_.value, data=data, limit=limit)


@eval_app.command("attributions")
def attributions(
    data: Annotated[Path, typer.Option("--data")] = SHARED / "quotes/polnear/polnear_dev.jsonl",
    as_json: JsonFlag = False,
    limit: Limit = None,
) -> None:
    """P/R/F1 of content, cue and source spans on PolNeAR."""
    _run("attributions", as_json, data=data, limit=limit)


@eval_app.command("timexes")
def timexes(
    data: Annotated[Path, typer.Option("--data")] = SHARED / "time/meantime_dev.jsonl",
    as_json: JsonFlag = False,
    limit: Limit = None,
) -> None:
    """TempEval-3-style relaxed/strict span F1 and value F1."""
    _run("timexes", as_json, data=data, limit=limit)


@eval_app.command("places")
def places(
    data: Annotated[Path, typer.Option("--data")] = SHARED / "places/lgl.jsonl",
    as_json: JsonFlag = False,
    limit: Limit = None,
) -> None:
    """Span F1, accuracy within 161 km and exact GeoNames id rate."""
    _run("places", as_json, data=data, limit=limit)


@eval_app.command("figures")
def figures(
    data: Annotated[Path | None, typer.Option("--data", help="Gold figures JSONL (default: the packaged set).")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Value-and-unit F1 and source accuracy on our own figures set."""
    _run("figures", as_json, data=data)


@eval_app.command("events")
def events(
    data: Annotated[Path, typer.Option("--data")] = SHARED / "events/zsp_plv_train.jsonl",
    as_json: JsonFlag = False,
    limit: Limit = None,
) -> None:
    """Macro F1 over PLOVER types, confusion table, actor country accuracy."""
    _run("events", as_json, data=data, limit=limit)


class RealnewsFormat(str, Enum):
    table = "table"
    json = "json"


@eval_app.command("realnews")
def realnews(
    data: Annotated[Path, typer.Option("--data", help="The gold pages (JSONL).")] = SHARED / "realnews/gold_dev.jsonl",
    html_dir: Annotated[Path, typer.Option("--html-dir", help="Where <id>.html.gz of each page is.")] = (
        SHARED / "extraction/naeb/html"),
    show: Annotated[bool, typer.Option("--show", help="Also list each page's unmatched gold and predicted items.")] = False,
    format: Annotated[RealnewsFormat, typer.Option("--format", "-f", help="table or json.")] = RealnewsFormat.table,
    limit: Limit = None,
) -> None:
    """The whole pipeline on real news pages: P/R/F1 of attributions, events, places and figures."""
    from newsgraph.errors import NewsgraphError
    from newsgraph.evaluate import realnews as mod

    try:
        figures = mod.run(data=data, html_dir=html_dir, limit=limit, show=show)
    except NewsgraphError as exc:
        typer.echo(str(exc), err=True)  # "E003: no gold file at ...": the code first, as every error line
        raise typer.Exit(2) from None
    if format is RealnewsFormat.json:
        sys.stdout.write(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(mod.report(figures) + "\n")


@eval_app.command("corpus-entities")
def corpus_entities(
    data: Annotated[Path, typer.Option("--data")] = SHARED / "time/meantime_dev.jsonl",
    as_json: JsonFlag = False,
    limit: Limit = None,
) -> None:
    """Cross-document entity identity: B3 and MUC F1 of corpus ids per topic corpus (MEANTIME)."""
    _run("corpus_entities", as_json, data=data, limit=limit)


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
