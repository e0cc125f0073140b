"""Request limits as ASGI middleware: body size and time per request."""

from __future__ import annotations

import asyncio
from typing import Any

from newsgraph.errors import Code
from newsgraph.serve.errors import error_response


class LimitsMiddleware:
    """Refuse bodies over `max_body` bytes (413) and answer 504 past `timeout_s`.

    The size is checked on Content-Length and again while the body streams
    in, so a chunked upload without a length cannot slip past.
    """

    def __init__(self, app: Any, max_body: int, timeout_s: float):
        self.app, self.max_body, self.timeout_s = app, max_body, timeout_s

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await self._too_large(scope, receive, send)
            return
        seen = 0
        started = False

        async def limited_receive() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, limited_receive, tracking_send), timeout=self.timeout_s)
        except _BodyTooLarge:
            if not started:
                await self._too_large(scope, receive, send)
        except asyncio.TimeoutError:
            if not started:
                resp = error_response(504, Code.TIMEOUT.value, f"the request took longer than {self.timeout_s:g}s")
                await resp(scope, receive, send)

    async def _too_large(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        resp = error_response(413, Code.REQUEST_TOO_LARGE.value,
                              f"the request body is over the limit of {self.max_body} bytes")
        await resp(scope, receive, send)


class _BodyTooLarge(Exception):
    pass
