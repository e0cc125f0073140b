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


def _click_errors() -> tuple[type[Exception], ...]:
    """The usage-error base classes: click's, and the copy of click that newer Typer ships."""
    import click

    vendored = getattr(typer, "TyperException", None)
    return (click.ClickException, vendored) if vendored else (click.ClickException,)


def main() -> None:
    """The `newsgraph` entry point.

    Usage errors carry the bad-argument code (E006) like every other error
    line, and a missing package or model is one coded line, not a traceback.
    """
    from newsgraph.errors import Code, MissingDependency, NewsgraphError, missing_dependency

    try:
        result = app(standalone_mode=False)
    except _click_errors() as exc:
        if not hasattr(exc, "show"):
            raise
        usage = getattr(exc, "exit_code", 1) == 2 and type(exc).__name__ != "NoArgsIsHelpError"
        message = str(getattr(exc, "message", ""))
        if usage and not message.startswith(("E0", "R0")):
            exc.message = f"{Code.BAD_ARGUMENT.value}: {message}"  # type: ignore[attr-defined]
        exc.show()
        sys.exit(getattr(exc, "exit_code", 1))
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        sys.exit(1)
    except MissingDependency as exc:
        typer.echo(str(exc), err=True)
        sys.exit(2)
    except NewsgraphError as exc:
        # A coded failure of the whole command (a store that cannot be read or written):
        # one line naming the code, never a traceback.
        typer.echo(f"{exc.code.value}: {exc.message}", err=True)
        sys.exit(2)
    except ModuleNotFoundError as exc:
        typer.echo(str(missing_dependency(exc)), err=True)
        sys.exit(2)
    # Without standalone mode, typer.Exit(n) comes back as n.
    sys.exit(result if isinstance(result, int) else 0)
