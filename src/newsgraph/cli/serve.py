"""`newsgraph serve`: the REST API and web UI."""

from __future__ import annotations

from typing import Annotated

import typer


def serve(
    db: Annotated[str | None, typer.Option("--db", help="Store path (default $NEWSGRAPH_DB, else ./newsgraph.db).")] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    allow_fetch: Annotated[bool, typer.Option("--allow-fetch", help="Let POST /api/analyze fetch URLs (politely, SSRF-guarded).")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Let the fetcher reach private and loopback addresses.")] = False,
    max_body: Annotated[int, typer.Option("--max-body", help="Largest request body in bytes.")] = 2_000_000,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds per request before a 504.")] = 30.0,
) -> None:
    """Serve the JSON API (/api, OpenAPI at /api/openapi.json) and the HTML pages."""
    from newsgraph.errors import missing_dependency

    try:
        import uvicorn

        from newsgraph.serve import ServeConfig, create_app
    except ImportError as exc:  # depends on the serve extra
        raise missing_dependency(exc, "newsgraph serve") from None
    # The address the server listens on is a name it answers for (a wildcard address is not).
    listen = () if host in ("0.0.0.0", "::", "") else (host,)
    config = ServeConfig(db=db, max_body_bytes=max_body, timeout_s=timeout, allow_fetch=allow_fetch,
                         allow_private=allow_private, allowed_hosts=listen)
    app = create_app(config)
    base = f"http://{_url_host(host)}:{port}"
    # uvicorn runs at log level warning (no request lines), so without this the user never learns the URL.
    typer.echo(f"newsgraph serve: {base}/ (API {base}/api, docs {base}/api/docs); Ctrl+C stops it", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _url_host(host: str) -> str:
    """The host as a browser wants it: a wildcard address is reached on loopback, IPv6 in brackets."""
    if host in ("0.0.0.0", "::", ""):
        return "127.0.0.1" if host != "::" else "[::1]"
    return f"[{host}]" if ":" in host else host


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
