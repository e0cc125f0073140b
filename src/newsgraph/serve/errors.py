"""One JSON error shape for every failure of the API.

    {"error": {"status": 404, "code": "E009", "message": "no article with id ..."}}

Codes are the project's (errors.Code); the HTTP status says the class of failure.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph.errors import Code
from newsgraph.store.errors import StoreError


class ApiError(Exception):
    def __init__(self, status: int, code: Code | str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code.value if isinstance(code, Code) else code
        self.message = message


def error_body(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message}}


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(error_body(status, code, message), status_code=status)


def is_page(request: Request) -> bool:
    """A request a person makes in a browser (an HTML answer), not one to the JSON API or a download."""
    path = request.url.path
    return not (path.startswith("/api/") or path == "/api" or path.startswith("/static/") or path.endswith(
        (".csv", ".json")))


_PAGE_WORDS = {404: ("Page not found", "There is no page at this address."),
               405: ("Not allowed", "This page cannot be used that way."),
               422: ("Cannot show this", "Something in the address is not right.")}


def html_error(request: Request, status: int, code: str, message: str | None = None) -> Response:
    from newsgraph.serve.pages import templates

    title, words = _PAGE_WORDS.get(status, ("Something went wrong", "The server could not answer this request."))
    return templates.TemplateResponse(request, "error.html", {"title": title, "message": message or words,
                                                              "code": code}, status_code=status)


_HTTP_CODES = {404: Code.NOT_FOUND, 405: Code.BAD_ARGUMENT, 413: Code.REQUEST_TOO_LARGE, 504: Code.TIMEOUT}


def install(app: Any) -> None:
    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
            parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        if is_page(request):
            return html_error(request, 422, Code.BAD_ARGUMENT.value, "Something in the address is not right: "
                              + "; ".join(parts))
        return error_response(422, Code.BAD_ARGUMENT.value, "invalid request: " + "; ".join(parts))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = _HTTP_CODES.get(exc.status_code, Code.BAD_ARGUMENT if exc.status_code < 500 else Code.INTERNAL)
        if is_page(request):
            return html_error(request, exc.status_code, code.value)
        return error_response(exc.status_code, code.value, str(exc.detail))

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError) -> Response:
        if is_page(request):
            return html_error(request, exc.status, exc.code, exc.message)
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(StoreError)
    async def _store(_: Request, exc: StoreError) -> JSONResponse:
        # The store's path is the server's business: the client gets the kind of failure only.
        what = exc.message.split(": ", 1)[0]
        return error_response(503, exc.code.value, f"the store cannot be used: {what}")

    @app.exception_handler(Exception)
    async def _internal(_: Request, exc: Exception) -> JSONResponse:
        return error_response(500, Code.INTERNAL.value, f"internal error: {type(exc).__name__}")
