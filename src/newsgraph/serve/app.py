"""Build the FastAPI app: JSON API under /api, HTML pages, static assets, limits."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsgraph import __version__
from newsgraph.serve import errors
from newsgraph.serve.errors import ApiError
from newsgraph.serve.limits import LimitsMiddleware
from newsgraph.serve.security import RateLimiter, SecurityMiddleware
from newsgraph.serve.workers import AnalysisPool
from newsgraph.settings import Settings, load_settings


@dataclass(frozen=True)
class ServeConfig:
    db: str | None = None
    settings: Settings | None = None
    max_body_bytes: int = 2_000_000
    timeout_s: float = 30.0
    max_page_size: int = 200
    allow_fetch: bool = False  # POST /api/analyze with a URL
    allow_private: bool = False  # the fetcher's SSRF guard stays on unless this is set
    allowed_hosts: tuple[str, ...] = ()  # besides the setting serve_allowed_hosts, e.g. the --host address


class State:
    """What every request needs: the store path and the analysis settings."""

    def __init__(self, config: ServeConfig):
        from newsgraph.store import default_db_path, open_store

        self.config = config
        self.settings = config.settings or load_settings()
        self.db_path = default_db_path(config.db)
        with open_store(self.db_path):  # create or migrate once, then read-only per request
            pass
        self.workers = AnalysisPool(self.settings, self.settings.serve_max_analyses)
        self.rate_limiter = RateLimiter(self.settings.serve_rate_limit_per_minute)

    @contextlib.contextmanager
    def store(self) -> Iterator[object]:
        from newsgraph.store import Store

        s = Store(self.db_path, readonly=True)
        try:
            yield s
        finally:
            s.close()

    def page_size(self, limit: int) -> int:
        if limit < 1 or limit > self.config.max_page_size:
            raise ApiError(422, "E006", f"limit must be between 1 and {self.config.max_page_size}, got {limit}")
        return limit


def static_dir() -> Path:
    return Path(str(resources.files("newsgraph.serve").joinpath("static")))


def create_app(config: ServeConfig | None = None) -> FastAPI:
    from newsgraph.serve import api, pages

    config = config or ServeConfig()
    state = State(config)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.workers.close()  # no analysis outlives the server

    app = FastAPI(
        lifespan=lifespan,
        title="newsgraph",
        version=__version__,
        description="Who said what, who did what to whom, when, where, and according to whom.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.ng = state
    errors.install(app)
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    app.add_middleware(LimitsMiddleware, max_body=config.max_body_bytes, timeout_s=config.timeout_s)
    # Added last, so outermost: its headers reach the limits' 413 and 504 answers too.
    app.add_middleware(SecurityMiddleware, allowed_hosts=(*state.settings.serve_allowed_hosts, *config.allowed_hosts))
    return app
