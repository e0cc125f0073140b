"""The JSON API. Query logic lives in newsgraph.store.queries; this only adapts HTTP."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field, field_validator

from newsgraph.errors import Code
from newsgraph.serve import contract
from newsgraph.serve.errors import ApiError
from newsgraph.serve.security import without_addresses

# SQLite binds integers up to 2**63 - 1; a larger offset was an OverflowError (500), now a 422.
MAX_OFFSET = 2**63 - 1

router = APIRouter(tags=["api"])

# A syndicated story counts once: its copies show up only when asked for (issue 20).
Copies = Query(False, description="Also list syndicated copies, each under its original.")
Like = Query(False, description="Match names as substrings (default: the exact name or an alias).")


def _ng(request: Request) -> Any:
    return request.app.state.ng


class AnalyzeRequest(BaseModel):
    text: str | None = Field(None, description="Plain text of an article or a scraped text dump.")
    html: str | None = Field(None, description="An HTML page.")
    url: str | None = Field(None, description="A URL to fetch (only when the server allows fetching).")
    published: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Reference date YYYY-MM-DD.")
    raw: bool = Field(False, description="The text is already the clean body: keep it unchanged.")
    id: str | None = Field(None, description="A document id to echo in source.id.")

    @field_validator("text", "html", "url", "id")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        # JSON may escape a lone surrogate ("\ud800"); it is no text and cannot be encoded.
        if value is not None and any("\ud800" <= ch <= "\udfff" for ch in value):
            raise ValueError("holds a lone surrogate escape (\\ud800-\\udfff), which is not Unicode text")
        return value

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        if value is not None:
            import datetime as dt

            dt.date.fromisoformat(value)  # "2024-02-30" has the shape but is no date: ValueError, 422
        return value

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value:
            from urllib.parse import urlsplit

            parts = urlsplit(value)  # ValueError for "http://[::1"
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError("must be an http or https URL with a host name")
        return value


async def analyze_document(ng: Any, body: AnalyzeRequest, request: Request) -> dict[str, Any]:
    """Analyse one posted document with the same process() as everything else, in a worker process."""
    given = [x for x in (body.text, body.html, body.url) if x]
    if len(given) != 1:
        raise ApiError(422, Code.BAD_ARGUMENT, "give exactly one of text, html or url")
    if body.url and not ng.config.allow_fetch:
        raise ApiError(403, Code.FETCH_DISABLED, "fetching URLs is disabled on this server (newsgraph serve --allow-fetch)")
    client = request.client.host if request.client else "?"
    if not ng.rate_limiter.allow(client):
        raise ApiError(429, Code.RATE_LIMITED, f"more than {ng.settings.serve_rate_limit_per_minute} analyses "
                                               "a minute from this client (setting serve_rate_limit_per_minute)")
    job = {**body.model_dump(), "allow_private": ng.config.allow_private, "timeout_s": ng.config.timeout_s}
    answer = await ng.workers.run(job, request.is_disconnected)
    if answer[0] == "ok":
        return dict(answer[1])
    _, status, code, message = answer
    raise ApiError(status, code, without_addresses(message, keep=body.url or ""))


@router.post("/analyze", summary="Analyse text, HTML or (when enabled) a URL; returns the contract JSON",
             responses=contract.RESPONSE, response_model=None)
async def analyze(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
    return await analyze_document(_ng(request), body, request)


@router.get("/articles", summary="Stored articles, newest first")
def articles(request: Request, q: str | None = None, limit: int = 50, offset: int = Query(0, ge=0, le=MAX_OFFSET),
             copies: bool = Copies) -> dict[str, Any]:
    from newsgraph.store import queries

    ng = _ng(request)
    with ng.store() as store:
        rows = queries.articles(store, limit=ng.page_size(limit), offset=offset, query=q, with_copies=copies)
    return {"items": rows, "limit": limit, "offset": offset}


@router.get("/articles/{doc}", summary="One stored article as contract JSON (schema newsgraph/1)",
            responses=contract.RESPONSE, response_model=None)
def article(request: Request, doc: str) -> dict[str, Any]:
    from newsgraph.store import queries

    with _ng(request).store() as store:
        obj = queries.article(store, doc)
    if obj is None:
        raise ApiError(404, Code.NOT_FOUND, f"no article with id {doc!r}")
    return obj


@router.get("/quotes", summary="Who said what")
def quotes(request: Request, speaker: str | None = None,
           about: str | None = Query(None, description="Words the quote contains (the CLI's --about)."),
           q: str | None = Query(None, deprecated=True, description="Old name of `about`."),
           since: str | None = None, until: str | None = None, limit: int = 100, like: bool = Like,
           copies: bool = Copies, offset: int = Query(0, ge=0, le=MAX_OFFSET),
           kind: str | None = Query(None, pattern="^(direct|mixed|indirect)$", description="direct, mixed or indirect."),
           outlet: str | None = Query(None, description="The publisher (else rights holder, else source id)."),
           sort: str = Query("-date", description="date, speaker, kind or outlet; a leading - reverses."),
           total: bool = Query(False, description="Also count every matching quotation (slower).")) -> dict[str, Any]:
    from newsgraph.store import queries

    ng = _ng(request)
    _dates(since, until)
    if sort not in queries.QUOTE_SORTS:
        raise ApiError(422, Code.BAD_ARGUMENT, f"sort is one of {', '.join(queries.QUOTE_SORTS)}, got {sort!r}")
    args = {"speaker": speaker, "about": about or q, "since": since, "until": until, "like": like, "kind": kind,
            "outlet": outlet, "sort": sort, "limit": ng.page_size(limit), "offset": offset, "with_copies": copies}
    with ng.store() as store:
        if total:  # the count and the page from one pass over the matching rows
            summary, rows = queries.quote_view(store, **args)
            return {"items": rows, "limit": limit, "offset": offset, "total": summary["total"]}
        rows = queries.quotes(store, **args)
    return {"items": rows, "limit": limit, "offset": offset}


@router.get("/entities", summary="The most covered entities")
def entities(request: Request, type: str | None = None, name: str | None = None, limit: int = 50,
             like: bool = Like, copies: bool = Copies) -> dict[str, Any]:
    from newsgraph.store import queries

    ng = _ng(request)
    with ng.store() as store:
        rows = queries.entities(store, type=type, name=name, top=ng.page_size(limit), like=like, with_copies=copies)
    return {"items": rows}


@router.get("/entities/{name}", summary="One entity across articles: titles, aliases, quotes and events over time")
def entity(request: Request, name: str, copies: bool = Copies) -> dict[str, Any]:
    from newsgraph.serve.views import entity_view

    with _ng(request).store() as store:
        view = entity_view(store, name, with_copies=copies)
    if view is None:
        raise ApiError(404, Code.NOT_FOUND, f"no entity named {name!r}")
    return view


@router.get("/events", summary="Who did what to whom")
def events(request: Request, source: str | None = None, target: str | None = None, type: str | None = None,
           limit: int = 100, like: bool = Like, copies: bool = Copies,
           offset: int = Query(0, ge=0, le=MAX_OFFSET),
           min_confidence: float | None = Query(
               None, ge=0.0, le=1.0, description="Only asserted events with at least this confidence "
               "[default: the min_event_confidence setting, 0.5]."),
           all: bool = Query(False, description="Every event: negated, planned, hypothetical and unsure ones too."),
           ) -> dict[str, Any]:
    from newsgraph.store import queries

    ng = _ng(request)
    # The same default as the events page and `newsgraph events`: the server's setting, not a constant.
    threshold = None if all else (min_confidence if min_confidence is not None else ng.settings.min_event_confidence)
    with ng.store() as store:
        rows = queries.events(store, source=source, target=target, type=type, limit=ng.page_size(limit), like=like,
                              with_copies=copies, offset=offset, min_confidence=threshold)
    return {"items": rows, "limit": limit, "offset": offset, "min_confidence": threshold}


@router.get("/search", summary="Full-text search over articles and attributions")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500), limit: int = 20,
           copies: bool = Copies) -> dict[str, Any]:
    from newsgraph.store import queries

    ng = _ng(request)
    with ng.store() as store:
        rows = queries.search(store, q, limit=ng.page_size(limit), with_copies=copies)
    return {"items": rows}


def _dates(*values: str | None) -> None:
    import datetime as dt

    for v in values:
        if v:
            try:
                dt.date.fromisoformat(v)
            except ValueError:
                raise ApiError(422, Code.BAD_ARGUMENT, f"dates are YYYY-MM-DD, got {v!r}") from None
