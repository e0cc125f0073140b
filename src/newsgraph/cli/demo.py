"""`newsgraph demo`: the main job on the embedded example articles."""

from __future__ import annotations

from importlib import resources

import typer


def examples_dir() -> str:
    return str(resources.files("newsgraph").joinpath("data/examples"))


def demo() -> None:
    """Analyse the example articles shipped with newsgraph and show who said what."""
    from newsgraph.cli.render import print_tables
    from newsgraph.ingest import iter_inputs
    from newsgraph.model.serialize import to_json
    from newsgraph.pipeline import get_pipeline
    from newsgraph.settings import load_settings

    settings = load_settings()
    objs = [to_json(r) for r in get_pipeline(settings).run(iter_inputs([examples_dir()], settings))]
    print_tables(objs)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
