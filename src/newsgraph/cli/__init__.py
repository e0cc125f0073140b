"""Thin command line over library functions. Each module registers its commands."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from newsgraph import __version__

app = typer.Typer(
    name="newsgraph",
    help="Who said what, who did what to whom, when, where, and according to whom.",
    no_args_is_help=True,
    # `newsgraph --install-completion` sets up bash, zsh, fish or PowerShell completion.
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"newsgraph {__version__} (schema newsgraph/1)")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_show_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Who said what, who did what to whom, when, where, and according to whom."""


def _register() -> None:
    from newsgraph.cli import analyze, corpus, demo, evaluate, serve, spark

    for module in (analyze, demo, evaluate, corpus, serve, spark):
        module.register(app)


_register()


def main() -> None:
    """The `newsgraph` entry point: a missing package or model is one coded line, not a traceback."""
    from newsgraph.errors import MissingDependency, missing_dependency

    try:
        app()
    except MissingDependency as exc:
        typer.echo(str(exc), err=True)
        sys.exit(2)
    except ModuleNotFoundError as exc:
        typer.echo(str(missing_dependency(exc)), err=True)
        sys.exit(2)
