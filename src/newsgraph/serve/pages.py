"""Server-rendered HTML pages. Each route gathers a view model and renders one template."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsgraph import __version__
from newsgraph.model.format import format_number as number
from newsgraph.serve.errors import ApiError

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(str(resources.files("newsgraph.serve").joinpath("templates"))))
templates.env.globals["version"] = __version__
templates.env.globals["number"] = number


def _render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def _not_found(request: Request, what: str) -> HTMLResponse:
    return _render(request, "error.html", status=404, title="Not found", message=what)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, q: str | None = None) -> HTMLResponse:
    from newsgraph.store import queries

    with request.app.state.ng.store() as store:
        rows = queries.articles(store, limit=50, query=q or None)
        stats = queries.stats(store)
        people = queries.entities(store, type="PERSON", top=12)
    return _render(request, "home.html", title="Articles", rows=rows, stats=stats, people=people, q=q or "")


@router.get("/articles/{doc}", response_class=HTMLResponse)
def article_page(request: Request, doc: str) -> HTMLResponse:
    from newsgraph.serve.views import article_view, story_of
    from newsgraph.store import queries

    with request.app.state.ng.store() as store:
        obj = queries.article(store, doc)
        story = story_of(store, doc) if obj is not None else None
    if obj is None:
        return _not_found(request, f"There is no article with id {doc}.")
    view = article_view(obj) | {"story": story}
    return _render(request, "article.html", title=obj["article"]["title"] or obj["source"]["id"], v=view)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, speaker: str = "", q: str = "", since: str = "", until: str = "",
                copies: bool = False, like: bool = False) -> HTMLResponse:
    from newsgraph.serve.api import _dates
    from newsgraph.store import queries

    error = None
    rows: list[dict[str, Any]] = []
    try:
        _dates(since or None, until or None)
        with request.app.state.ng.store() as store:
            rows = queries.quotes(store, speaker=speaker or None, about=q or None, since=since or None,
                                  until=until or None, limit=200, like=like, with_copies=copies)
    except ApiError as exc:
        error = exc.message
    return _render(request, "quotes.html", title="Quote explorer", rows=rows, speaker=speaker, q=q, since=since,
                   until=until, error=error, copies=copies, like=like)


@router.get("/entity/{name}", response_class=HTMLResponse)
def entity_page(request: Request, name: str, copies: bool = False) -> HTMLResponse:
    from newsgraph.serve.views import entity_view, timeline_svg

    with request.app.state.ng.store() as store:
        view = entity_view(store, name, with_copies=copies)
    if view is None:
        return _not_found(request, f"No entity is named {name}.")
    return _render(request, "entity.html", title=view["name"], e=view, chart=timeline_svg(view["timeline"]))


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    return _render(request, "analyze.html", title="Analyse an article", text="", published="", error=None, v=None)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_page(request: Request, text: str = Form(""), published: str = Form(""),
                       upload: UploadFile | None = File(None)) -> HTMLResponse:
    from newsgraph.serve.api import AnalyzeRequest, analyze_document
    from newsgraph.serve.views import article_view

    html = None
    if upload is not None and upload.filename:
        data = await upload.read()
        decoded = data.decode("utf-8", errors="replace")
        if upload.filename.lower().endswith((".html", ".htm")):
            html = decoded
        else:
            text = decoded
    error, view = None, None
    try:
        body = AnalyzeRequest(text=None if html else (text or None), html=html, url=None,
                              published=published or None, raw=False, id=None)
        obj = await analyze_document(request.app.state.ng, body, request)
        view = article_view(obj)
    except ApiError as exc:
        error = f"{exc.code}: {exc.message}"
    except ValueError as exc:
        error = f"E006: {exc}"
    return _render(request, "analyze.html", status=200 if view else 422, title="Analyse an article", text=text,
                   published=published, error=error, v=view)


@router.get("/dupes", response_class=HTMLResponse)
def dupes_page(request: Request) -> HTMLResponse:
    from newsgraph.store import queries

    with request.app.state.ng.store() as store:
        groups = queries.duplicate_groups(store)
    return _render(request, "dupes.html", title="Syndication", groups=groups)
