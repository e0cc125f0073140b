"""What every response of the server carries and what every request must show.

* Security headers on every response (pages, JSON, errors, static files):
  a Content-Security-Policy that allows only the server's own scripts and
  styles, no framing (clickjacking), no MIME sniffing, no Referer to others.
* A Host allow-list (setting `serve_allowed_hosts`, loopback names by
  default): a page elsewhere that makes its own name resolve to 127.0.0.1
  (browser-side DNS rebinding) sends its own name as Host and is refused.
* A per-client rate limit for analyses (setting `serve_rate_limit_per_minute`).
* Messages that reach a client lose the addresses the server resolved.
"""

from __future__ import annotations

import ipaddress
import re
import time
from collections.abc import Iterable, Mapping, MutableMapping
from typing import Any

from newsgraph.errors import Code
from newsgraph.serve.errors import error_response

PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"x-frame-options", b"DENY"), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer")]


def host_name(header: str) -> str:
    """The name part of a Host header: no port, no IPv6 brackets, lower case."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class SecurityMiddleware:
    """Refuse requests for other host names (400 E017) and add the security headers to every response."""

    def __init__(self, app: Any, allowed_hosts: Iterable[str]):
        self.app = app
        self.allowed = {host_name(h) for h in allowed_hosts}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # One policy for every page, the API reference included (it is rendered here, with no inline script).
        csp = PAGE_CSP.encode()

        async def with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _OURS]
                message["headers"] = kept + HEADERS + [(b"content-security-policy", csp)]
            await send(message)

        if not self._allowed(scope):
            resp = error_response(400, Code.HOST_NOT_ALLOWED.value,
                                  "this server does not answer for that host name (setting serve_allowed_hosts)")
            await resp(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)

    def _allowed(self, scope: dict[str, Any]) -> bool:
        if "*" in self.allowed:
            return True
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        return host_name(host) in self.allowed


_OURS = {k for k, _ in HEADERS} | {b"content-security-policy"}


def cross_site(headers: Mapping[str, str]) -> bool:
    """Whether a browser sent this request from another site's page.

    A plain form post needs no CORS preflight, so without this any page a user visits could make
    their browser write to a local server's store. Browsers say where a request came from in
    Sec-Fetch-Site, else Origin; a client that sends neither (curl, a script) is not a browser
    being used by someone else's page.
    """
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None:
        return False
    # "null" is an opaque origin (a sandboxed frame, a file); otherwise host and port must be this server's
    return origin == "null" or origin.split("://", 1)[-1].rstrip("/").lower() != headers.get("host", "").lower()


class RateLimiter:
    """A token bucket per client address: `per_minute` requests, refilled continuously; 0 turns it off."""

    def __init__(self, per_minute: int, clock: Any = time.monotonic):
        self.per_minute, self.clock = per_minute, clock
        self.buckets: dict[str, tuple[float, float]] = {}

    def allow(self, client: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = self.clock()
        tokens, last = self.buckets.get(client, (float(self.per_minute), now))
        tokens = min(float(self.per_minute), tokens + (now - last) * self.per_minute / 60.0)
        if len(self.buckets) > 10_000:  # forget full buckets, so many clients cannot grow memory
            self.buckets = {k: v for k, v in self.buckets.items() if v[0] < self.per_minute}
        if tokens < 1.0:
            self.buckets[client] = (tokens, now)
            return False
        self.buckets[client] = (tokens - 1.0, now)
        return True


_ADDRESS = re.compile(r"\[?(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}\]?|\b(?:\d{1,3}\.){3}\d{1,3}\b")


def without_addresses(message: str, keep: str = "") -> str:
    """`message` with IP addresses replaced, except those the client itself sent (in `keep`)."""
    def hide(m: re.Match[str]) -> str:
        text = m.group(0)
        try:
            ipaddress.ip_address(text.strip("[]"))
        except ValueError:
            return text  # a time of day or other colon-run that is no address
        return text if text in keep else "(address hidden)"

    return _ADDRESS.sub(hide, message)
