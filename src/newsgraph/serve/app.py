"""Build the FastAPI app: JSON API under /api, HTML pages, static assets, limits."""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsgraph import __version__
from newsgraph.serve import errors
from newsgraph.serve.errors import ApiError
from newsgraph.serve.limits import LimitsMiddleware
from newsgraph.serve.security import RateLimiter, SecurityMiddleware
from newsgraph.serve.workers import AnalysisPool
from newsgraph.settings import Settings, load_settings

T = TypeVar("T")
MEMO_ENTRIES = 64  # answers kept: explorer pages, views and their facets, the home page's lists


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
        self._memo: OrderedDict[tuple[Any, ...], tuple[tuple[int, ...], Any]] = OrderedDict()
        self._memo_lock = threading.Lock()

    def _signature(self) -> tuple[int, ...]:
        """What changes whenever the store does: size and time of the database and its write-ahead log."""
        sig: list[int] = []
        for path in (self.db_path, Path(str(self.db_path) + "-wal")):
            try:
                st = os.stat(path)
                sig += [st.st_mtime_ns, st.st_size]
            except OSError:
                sig += [0, 0]
        return tuple(sig)

    def memo(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """`compute()` once per key while the store is unchanged.

        Store-wide answers (the explorer's deduplicated quotations with their facets, the most quoted
        people) take a scan of every attribution, seconds on a large store; the store changes only when
        something is ingested, so the server keeps the last few answers and drops them when it does.
        """
        sig = self._signature()
        found, value = self._kept(key, sig)
        if found:
            return cast(T, value)
        value = compute()
        with self._memo_lock:
            self._memo[key] = (sig, value)
            self._memo.move_to_end(key)
            while len(self._memo) > MEMO_ENTRIES:
                self._memo.popitem(last=False)
        return value

    def cached(self, key: tuple[Any, ...]) -> Any | None:
        """What `memo` keeps for `key` while the store is unchanged, else None (nothing is computed)."""
        return self._kept(key, self._signature())[1]

    def _kept(self, key: tuple[Any, ...], sig: tuple[int, ...]) -> tuple[bool, Any]:
        """(True, the answer) when one is kept for `key` at store signature `sig`, else (False, None)."""
        with self._memo_lock:
            hit = self._memo.get(key)
            if hit is not None and hit[0] == sig:
                self._memo.move_to_end(key)
                return True, hit[1]
        return False, None

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
        docs_url=None,  # /api/docs is a page of ours (pages.api_docs): Swagger UI would load from a CDN
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.ng = state
    _type_contract_responses(app)
    errors.install(app)
    app.include_router(api.router, prefix="/api")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    app.add_middleware(LimitsMiddleware, max_body=config.max_body_bytes, timeout_s=config.timeout_s)
    # Added last, so outermost: its headers reach the limits' 413 and 504 answers too.
    app.add_middleware(SecurityMiddleware, allowed_hosts=(*state.settings.serve_allowed_hosts, *config.allowed_hosts))
    return app


def _type_contract_responses(app: FastAPI) -> None:
    """OpenAPI with the newsgraph/1 schema as components, so contract responses are typed."""
    from fastapi.openapi.utils import get_openapi

    from newsgraph.serve import contract

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = contract.add_to(get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
