"""Thin command line over library functions. Each module registers its commands."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsgraph",
    help="Who said what, who did what to whom, when, where, and according to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from newsgraph.cli import analyze, corpus, demo, evaluate, serve, spark

    for module in (analyze, demo, evaluate, corpus, serve, spark):
        module.register(app)


_register()


def main() -> None:
    from newsgraph.errors import NewsgraphError

    try:
        app()
    except NewsgraphError as exc:
        # A coded failure of the whole command (a store that cannot be read or written):
        # one line naming the code, never a traceback.
        typer.echo(f"{exc.code.value}: {exc.message}", err=True)
        raise SystemExit(2) from None
