"""Server-rendered HTML pages. Each route gathers a view model and renders one template."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from newsgraph import __version__
from newsgraph.model.format import format_number as number
from newsgraph.serve import explore, humanize
from newsgraph.serve.errors import ApiError
from newsgraph.serve.security import cross_site

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(str(resources.files("newsgraph.serve").joinpath("templates"))))
templates.env.globals["version"] = __version__
templates.env.globals["number"] = number
templates.env.filters["day"] = humanize.day
templates.env.filters["month"] = humanize.month
templates.env.filters["timex"] = humanize.timex
templates.env.filters["kind"] = humanize.kind
templates.env.filters["provenance"] = humanize.provenance


def _render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def not_found(request: Request, what: str, title: str = "Not found") -> HTMLResponse:
    return _render(request, "error.html", status=404, title=title, message=what)


HOME_COUNTS = ("articles", "attributions", "events", "rejections")


@router.get("/", response_class=HTMLResponse)
def home(request: Request, q: str = "", page: int = 1) -> HTMLResponse:
    from newsgraph.store import queries

    page = max(1, page)
    with request.app.state.ng.store() as store:
        rows = queries.articles(store, limit=explore.PER_PAGE, offset=(page - 1) * explore.PER_PAGE,
                                query=q or None)
        total = queries.article_count(store, query=q or None)
        # the four counts the page shows, not every table's (mentions alone is a scan of 7 ms on 10,000 articles)
        counts = request.app.state.ng.memo(("home-counts",), lambda: {
            t: store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in HOME_COUNTS})
        quoted = request.app.state.ng.memo(("most_quoted",), lambda: queries.most_quoted(store, top=10))
    return _render(request, "home.html", title="Articles", nav="articles", rows=rows, counts=counts, quoted=quoted,
                   q=q, page=page, total=total, per=explore.PER_PAGE, pages=explore.pages(total, page))


@router.get("/search", response_class=HTMLResponse)
def search_page(q: str = "") -> RedirectResponse:
    # The URL people guess: the article search is the home page's form.
    return RedirectResponse("/?" + explore.urlencode({"q": q}) if q else "/", status_code=307)


@router.get("/articles/{doc}", response_class=HTMLResponse)
def article_page(request: Request, doc: str) -> HTMLResponse:
    from newsgraph.serve.views import article_view, story_of
    from newsgraph.store import queries

    with request.app.state.ng.store() as store:
        obj = queries.article(store, doc)
        story = story_of(store, doc) if obj is not None else None
    if obj is None:
        return not_found(request, f"There is no article with id {doc}.")
    view = article_view(obj) | {"story": story}
    return _render(request, "article.html", title=obj["article"]["title"] or obj["source"]["id"], nav="articles",
                   v=view, skip_said=True)


def _quote_filters(request: Request) -> explore.QuoteFilters:
    p = request.query_params
    try:
        page = max(1, int(p.get("page", "1")))
    except ValueError:
        page = 1
    sort = p.get("sort", "-date")
    from newsgraph.store.queries import QUOTE_SORTS

    return explore.QuoteFilters(
        speaker=p.get("speaker", "").strip(), q=p.get("q", "").strip(), since=p.get("since", "").strip(),
        until=p.get("until", "").strip(), kind=p.get("kind", "").strip().lower(), outlet=p.get("outlet", ""),
        like=p.get("like") in ("true", "1", "on"), copies=p.get("copies") in ("true", "1", "on"),
        sort=sort if sort in QUOTE_SORTS else "-date", page=page)


def _quote_view(request: Request, f: explore.QuoteFilters) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The facets and every row (all pages, in order) of the view `f` makes, once while the store is unchanged."""
    from newsgraph.store import queries

    ng = request.app.state.ng

    def compute() -> tuple[dict[str, Any], list[dict[str, Any]]]:
        with ng.store() as store:
            return queries.quote_view(store, **f.store_args(), limit=explore.DOWNLOAD_MAX, sort=f.sort,
                                      with_copies=f.copies)

    return cast(tuple[dict[str, Any], list[dict[str, Any]]], ng.memo(("quotes", f.query(page=1)), compute))


def _quote_page(request: Request, f: explore.QuoteFilters) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The facets and one page of the view (its quotations, with their copies under them when asked).

    A cold server makes one pass over the matching rows for the total, the facets, this page and the
    order of every quotation in the view; it keeps the last two, so any other page of the same view is
    then read by rowid and the quote key's index (queries.quotes_among), not by another pass."""
    from array import array

    from newsgraph.store import queries

    ng = request.app.state.ng
    view = ("quote-view", f.query(page=1))
    first = (f.page - 1) * explore.PER_PAGE

    def compute() -> tuple[dict[str, Any], list[dict[str, Any]]]:
        known = ng.cached(view)
        with ng.store() as store:
            if known is not None:
                summary, order = known
                ids = list(order[first:first + explore.PER_PAGE])
                return summary, queries.quotes_among(store, ids, **f.store_args(), with_copies=f.copies)
            order_out: list[int] = []
            summary, rows = queries.quote_view(store, **f.store_args(), limit=explore.PER_PAGE, offset=first,
                                               sort=f.sort, with_copies=f.copies, order_out=order_out)
        ng.memo(view, lambda: (summary, array("q", order_out)))
        return summary, rows

    return cast(tuple[dict[str, Any], list[dict[str, Any]]], ng.memo(("quote-page", f.query()), compute))


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request) -> HTMLResponse:
    f = _quote_filters(request)
    errors = f.check()
    rows: list[dict[str, Any]] = []
    summary: dict[str, Any] = {"total": 0, "speakers": [], "outlets": [], "kinds": [], "months": []}
    if not errors:
        summary, rows = _quote_page(request, f)
    first = (f.page - 1) * explore.PER_PAGE + 1
    return _render(request, "quotes.html", status=422 if errors else 200, title="Quote explorer", nav="quotes",
                   f=f, rows=rows, s=summary, errors=errors, first=first,
                   last=first + sum(1 for r in rows if not r.get("copy_of")) - 1,
                   page=f.page, pages=explore.pages(summary["total"], f.page), columns=explore.columns(f),
                   suggestions=explore.suggestions(f), highlight=explore.highlight, month_range=explore.month_range)


@router.get("/quotes.csv")
def quotes_csv(request: Request) -> Response:
    return _quotes_download(request, "csv")


@router.get("/quotes.json")
def quotes_json(request: Request) -> Response:
    return _quotes_download(request, "json")


def _quotes_download(request: Request, fmt: str) -> Response:
    """Every row of the view the filters make (all its pages, in its order), not only the page on screen."""
    f = _quote_filters(request)
    errors = f.check()
    if errors:
        raise ApiError(422, "E006", "; ".join(errors.values()))
    summary, rows = _quote_view(request, f)
    name = "newsgraph-quotes"
    if fmt == "json":
        return JSONResponse({"filters": f.query(page=1), "total": summary["total"], "items": rows},
                            headers={"content-disposition": f'attachment; filename="{name}.json"'})
    return Response(explore.quotes_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}.csv"'})


ENTITY_QUOTES = 100  # quotes listed on a speaker page; the explorer has them all, with pages


@router.get("/entity/{name}", response_class=HTMLResponse)
def entity_page(request: Request, name: str, copies: bool = False) -> Response:
    from newsgraph.serve.views import entity_view, quote_weeks, timeline_months, timeline_svg
    from newsgraph.store import queries

    def compute() -> dict[str, Any] | str | None:
        with request.app.state.ng.store() as store:
            moved = queries.redirected(store, name)
            if moved is not None:
                return moved
            view = entity_view(store, name, with_copies=copies)
            if view is None:
                return None
            quotes = queries.quotes(store, speaker=name, limit=explore.DOWNLOAD_MAX, with_copies=copies)
        return {"e": view, "quotes": quotes[:ENTITY_QUOTES], "total": len(quotes), "weeks": quote_weeks(quotes),
                "chart": timeline_svg(view["timeline"]), "months": timeline_months(view["timeline"])}

    def page() -> tuple[str, str] | None:
        # The whole page is kept: a much-quoted speaker's chart has hundreds of points to render. So is a
        # retired id's survivor, so that a page served from the memo opens no store.
        found = compute()
        if found is None or isinstance(found, str):
            return None if found is None else ("moved", found)
        speaker = found["e"]["corpus_ids"][0]

        def explorer(**changes: Any) -> str:
            # every link to the explorer keeps this page's view: its copies flag too
            return "/quotes?" + explore.QuoteFilters(speaker=speaker, copies=copies, **changes).query()

        return "page", templates.get_template("entity.html").render(request=request, title=found["e"]["name"],
                                                                     explorer=explorer, **found)

    kept = request.app.state.ng.memo(("entity", name, copies), page)
    if kept is None:
        return not_found(request, f"“{name}” is not a resolved person, organisation or place in this store. "
                                  "Speakers such as “I”, “he” or “a spokesman” stay unresolved rather than "
                                  "guessed, so they have no page.", title="Unresolved or unknown name")
    what, value = kept
    if what == "moved":  # an id a merge retired: its page is the survivor's, at a lasting address
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/entity/{quote(value, safe='')}{query}", status_code=301)
    return HTMLResponse(value)


@router.get("/stories", response_class=HTMLResponse)
@router.get("/dupes", response_class=HTMLResponse)
def dupes_page(request: Request) -> HTMLResponse:
    from newsgraph.store import queries

    with request.app.state.ng.store() as store:
        groups = queries.duplicate_groups(store)
    return _render(request, "dupes.html", title="Stories and copies", nav="stories", groups=groups)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> Response:
    from newsgraph.serve.views import copy_diff
    from newsgraph.store import queries

    with request.app.state.ng.store() as store:
        members = queries.story(store, story_id)
        moved = None if members else queries.story_moved(store, story_id)
    if moved is not None:  # regrouping gave the article another story: send the old address there
        return RedirectResponse(f"/stories/{moved}", status_code=301)
    if not members:
        return not_found(request, f"There is no story with id {story_id}.")
    original = members[0]
    copies = [m | {"diff": copy_diff(original["text"] or "", m["text"] or "")} for m in members[1:]]
    return _render(request, "story.html", title=original["title"] or story_id, nav="stories", original=original,
                   copies=copies, story_id=story_id)


def _can_save(request: Request) -> bool:
    """Whether "Save to store" is offered: the server's process may write its store file."""
    from newsgraph.store.opening import writable

    return writable(request.app.state.ng.db_path)


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    return _render(request, "analyze.html", title="Analyse an article", nav="analyze", text="", html="",
                   published="", error=None, field=None, v=None, can_save=_can_save(request))


@router.post("/analyze", response_class=HTMLResponse, response_model=None)
async def analyze_page(request: Request, text: str = Form(""), published: str = Form(""),
                       upload: UploadFile | None = File(None), html: str = Form(""),
                       save: str = Form("")) -> HTMLResponse | RedirectResponse:
    """Analyse the pasted text or uploaded page; with `save` (the result's "Save to store" button, which
    sends the same input again), store the document and redirect to its article page: a URL to share."""
    from newsgraph.serve.api import AnalyzeRequest
    from newsgraph.serve.views import article_view

    if upload is not None and upload.filename:
        data = await upload.read()
        decoded = data.decode("utf-8", errors="replace")
        if upload.filename.lower().endswith((".html", ".htm")):
            html = decoded
        else:
            text, html = decoded, ""
    can_save = _can_save(request)
    error, field, view, obj = None, None, None, None
    if not (text.strip() or html.strip()):
        error, field = "Paste the text of an article, or choose a file to upload.", "text"
    elif published and not _iso_day(published):
        error, field = f"Write the reference date as YYYY-MM-DD (got “{published}”).", "published"
    elif save and not can_save:
        error, field = ("This server cannot write its store (the file is read-only), so the result cannot be "
                        "saved here (E012).", "save")
    elif save and cross_site(request.headers):
        return _render(request, "analyze.html", status=403, title="Analyse an article", nav="analyze",
                       text="", html="", published="", field="save", v=None, can_save=can_save,
                       error="Only this server's own analyse page may save to its store: the request came "
                             "from another site (E020).")
    else:
        try:
            body = AnalyzeRequest(text=None if html else (text or None), html=html or None, url=None,
                                  published=published or None, raw=False, id=None)
            obj = await _analysed(request, body, can_save)
            view = article_view(obj)
        except ApiError as exc:
            error, field = f"{exc.message} ({exc.code})", "text"
        except ValueError as exc:
            error, field = f"{exc} (E006)", "text"
    if obj is not None and save:
        try:
            doc = await run_in_threadpool(_save, request, obj)
        except ApiError as exc:
            error, field = f"{exc.message} ({exc.code})", "save"
        else:
            return RedirectResponse(f"/articles/{doc}", status_code=303)
    return _render(request, "analyze.html", status=200 if view and not error else 422, title="Analyse an article",
                   nav="analyze", text="" if html else text, html=html, published=published, error=error,
                   field=field, v=view, can_save=can_save)


async def _analysed(request: Request, body: Any, keep: bool) -> dict[str, Any]:
    """The analysis of `body`; when it may be saved, kept so that "Save to store", which sends the same
    input again, stores this analysis instead of running the pipeline on the document a second time.

    It is kept among the server's memo answers (dropped when the store changes, or when newer answers
    push it out; then the re-sent input is analysed again)."""
    import hashlib

    from newsgraph.serve.api import analyze_document

    ng = request.app.state.ng
    key = ("analysed", hashlib.sha256(body.model_dump_json().encode()).hexdigest())
    kept = ng.cached(key) if keep else None
    if kept is not None:
        return cast(dict[str, Any], kept)
    obj = await analyze_document(ng, body, request)
    if keep:
        ng.memo(key, lambda: obj)
    return obj


def _save(request: Request, obj: dict[str, Any]) -> str:
    """Store one analysed document (the same content twice is stored once); its id for /articles/{id}."""
    from newsgraph.model import AnalyzedDocument
    from newsgraph.model.serialize import from_json
    from newsgraph.store import open_store
    from newsgraph.store.errors import StoreError

    doc = from_json(obj)
    assert isinstance(doc, AnalyzedDocument)  # analyze_document answers errors as ApiError, never a Rejected
    try:
        with open_store(request.app.state.ng.db_path) as store:
            store.put(doc)
    except StoreError as exc:
        raise ApiError(503, exc.code.value, f"the result could not be saved: {exc.message}") from None
    return doc.source.sha256


def _iso_day(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered here from the OpenAPI document: no script or style from elsewhere,
    so it works offline and under the pages' strict policy."""
    spec = request.app.openapi()
    ops = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": (p.get("schema") or {}).get("type") or "string",
                       "default": (p.get("schema") or {}).get("default"),
                       "description": p.get("description") or ""} for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary") or "",
                        "params": params, "body": "requestBody" in op, "deprecated": op.get("deprecated", False)})
    models = json.dumps(spec.get("components", {}).get("schemas", {}).get("AnalyzeRequest", {}), indent=2)
    return _render(request, "api_docs.html", title="API reference", nav="api", ops=ops, info=spec.get("info", {}),
                   analyze_schema=models)


EVENT_FILTERS = ("type", "source", "target", "since", "until")


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, page: int = 1, all: bool = False) -> HTMLResponse:
    """Who did what to whom, confident asserted events by default, with facets and the places on a map."""
    from newsgraph.serve import worldmap
    from newsgraph.store import queries

    p = request.query_params
    f = {k: p.get(k, "").strip() for k in EVENT_FILTERS}
    errors = {k: f"Write the date as YYYY-MM-DD (got “{f[k]}”)." for k in ("since", "until")
              if f[k] and not _iso_day(f[k])}
    page = max(1, page)
    args: dict[str, Any] = {k: (v or None) for k, v in f.items()} | {
        "min_confidence": None if all else request.app.state.ng.settings.min_event_confidence}
    rows: list[dict[str, Any]] = []
    summary: dict[str, Any] = {"total": 0, "types": [], "sources": [], "targets": [], "months": []}
    ng = request.app.state.ng
    with ng.store() as store:
        if not errors:
            summary = ng.memo(("events", tuple(sorted(args.items()))), lambda: queries.event_summary(store, **args))
            rows = queries.events(store, **args, limit=explore.PER_PAGE, offset=(page - 1) * explore.PER_PAGE)
        places = ng.memo(("places",), lambda: queries.places(store))
    dots = [pl | dict(zip(("x", "y"), worldmap.project(pl["lat"], pl["lon"]), strict=True)) for pl in places]

    def href(**changes: Any) -> str:
        kept = {k: v for k, v in (f | {"all": "true" if all else ""} | changes).items() if v}
        return "/events?" + explore.urlencode(kept)

    return _render(request, "events.html", status=422 if errors else 200, title="Events", nav="events", rows=rows,
                   s=summary, f=f, all=all, errors=errors, page=page, per=explore.PER_PAGE,
                   pages=explore.pages(summary["total"], page), href=href, places=dots,
                   map_height=worldmap.view_height(), month_range=explore.month_range)
