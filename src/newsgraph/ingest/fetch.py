"""Polite HTTP fetching of pages and feeds.

What "polite" means here, each a FetchPolicy field:

* robots.txt is honoured per RFC 9309 (`*` and `$` wildcards, the longest rule
  wins: see robots.py): a 4xx robots.txt allows everything, a 5xx or
  unreachable one disallows everything, Crawl-delay is obeyed;
* one request per host per `min_interval_s` (or the Crawl-delay, if longer);
* timeouts per read (`timeout_s`) and one wall-clock deadline per request
  (`total_timeout_s`: connect, headers and body, against servers that dribble
  bytes; see netguard.py), and a size cap (`max_bytes`);
* retries with exponential backoff on timeouts, 429 and 5xx (Retry-After honoured);
* conditional GET: ETag / Last-Modified from a cache (the Store) are sent back,
  and a 304 means "unchanged";
* a User-Agent that names newsgraph;
* an SSRF guard: every hop of a request (redirects included) must resolve to
  public addresses only, unless `allow_private` (coded error E008), and the
  connection goes to the address that was checked (netguard.py: no DNS rebinding).

Errors come out as FetchError with a code (E007 fetch failed, E008 forbidden
address, R003 too large), which callers turn into a Rejected.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

import httpx

from newsgraph import __version__
from newsgraph.errors import Code, NewsgraphError
from newsgraph.ingest.files import sha256
from newsgraph.ingest.netguard import (
    AddressError,
    GuardedBackend,
    Resolver,
    checked_addresses,
    guarded_transport,
)
from newsgraph.ingest.robots import RobotsRules
from newsgraph.model import RawDocument, Rejected, SourceRef

USER_AGENT = f"newsgraph/{__version__} (+https://github.com/newsgraph/newsgraph; news research; polite crawler)"
ROBOTS_TOKEN = "newsgraph"
_RETRY_STATUS = {429, 500, 502, 503, 504}
_REDIRECT_STATUS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str = USER_AGENT
    timeout_s: float = 15.0
    total_timeout_s: float = 60.0
    max_bytes: int = 10_000_000
    retries: int = 2
    backoff_s: float = 1.0
    max_backoff_s: float = 30.0
    min_interval_s: float = 1.0
    max_redirects: int = 5
    allow_private: bool = False
    respect_robots: bool = True
    max_robots_bytes: int = 500 * 1024  # RFC 9309: at least the first 500 KiB are parsed


class FetchError(NewsgraphError):
    """A URL that could not be fetched; `url` is the one asked for."""

    def __init__(self, code: Code, message: str, url: str):
        super().__init__(code, message)
        self.url = url


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    status: int
    data: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool = False

    @property
    def charset(self) -> str | None:
        ct = (self.content_type or "").lower()
        if "charset=" not in ct:
            return None
        return ct.split("charset=", 1)[1].split(";")[0].strip(" \"'") or None


class HttpCache(Protocol):
    """Where validators are kept between runs (the Store implements it)."""

    def cache_get(self, url: str) -> dict[str, Any] | None: ...

    def cache_put(self, url: str, *, etag: str | None, last_modified: str | None, status: int,
                  sha256: str | None, kind: str = "page") -> None: ...


def check_address(host: str, port: int | None = None, *, allow_private: bool = False) -> None:
    """Refuse hosts that resolve to private, loopback, link-local or otherwise non-public addresses.

    An early check that spares a request; the connection itself is checked
    again, and pinned to a checked address, in netguard.GuardedBackend.
    """
    if allow_private:
        return
    try:
        checked_addresses(host, port or 80, allow_private=False)
    except AddressError as exc:
        raise FetchError(exc.code, exc.message, host) from None


class Fetcher:
    """One polite HTTP client. Not thread-safe: one fetcher per thread."""

    def __init__(self, policy: FetchPolicy | None = None, cache: HttpCache | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic,
                 transport: httpx.BaseTransport | None = None, resolve: Resolver | None = None):
        self.policy = policy or FetchPolicy()
        self.cache = cache
        self.sleep, self.clock = sleep, clock
        timeout = httpx.Timeout(self.policy.timeout_s)
        self._backend: GuardedBackend | None = None
        if transport is None:
            self._backend = GuardedBackend(allow_private=self.policy.allow_private, resolve=resolve)
            transport = guarded_transport(self._backend)
        self.client = httpx.Client(
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=timeout, follow_redirects=False, transport=transport, trust_env=False,
        )
        self._next_ok: dict[str, float] = {}
        self._robots: dict[str, tuple[RobotsRules | None, bool]] = {}
        self.requests = 0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- public
    def get(self, url: str, *, conditional: bool = True, remember: bool = True) -> Fetched:
        """Fetch a URL politely, following redirects; raises FetchError.

        With `remember`, the validators go to the cache at once; a caller that
        must finish work first (a feed's items) passes False and calls
        remember() when done.
        """
        try:
            return self._get(url, conditional, remember)
        except ValueError as exc:  # urlsplit on "http://[::1" and other broken URLs
            raise FetchError(Code.FETCH_FAILED, f"not a valid URL: {url!r} ({exc})", url) from None
        except AddressError as exc:  # met while connecting (the pinned, re-checked address)
            raise FetchError(exc.code, exc.message, url) from None

    def _get(self, url: str, conditional: bool, remember: bool) -> Fetched:
        cached = self.cache.cache_get(url) if (conditional and self.cache is not None) else None
        headers = {}
        if cached and cached.get("etag"):
            headers["If-None-Match"] = cached["etag"]
        if cached and cached.get("last_modified"):
            headers["If-Modified-Since"] = cached["last_modified"]
        seen: list[str] = []
        current = url
        while True:
            self._check_url(current, url)
            if current in seen:
                raise FetchError(Code.FETCH_FAILED, f"redirect loop: {' -> '.join(seen + [current])}", url)
            seen.append(current)
            if len(seen) > self.policy.max_redirects + 1:
                raise FetchError(Code.FETCH_FAILED, f"more than {self.policy.max_redirects} redirects", url)
            status, resp_headers, body = self._request(current, headers if len(seen) == 1 else {}, url)
            if status in _REDIRECT_STATUS and resp_headers.get("location"):
                current = urljoin(current, resp_headers["location"])
                continue
            break
        if status == 304:
            return Fetched(url, current, 304, b"", None, None, None, not_modified=True)
        if status >= 400:
            raise FetchError(Code.FETCH_FAILED, f"HTTP {status} for {current}", url)
        fetched = Fetched(url, current, status, body, resp_headers.get("content-type"),
                          resp_headers.get("etag"), resp_headers.get("last-modified"))
        if remember:
            self.remember(fetched)
        return fetched

    def remember(self, fetched: Fetched, kind: str = "page") -> None:
        if self.cache is not None and not fetched.not_modified:
            self.cache.cache_put(fetched.url, etag=fetched.etag, last_modified=fetched.last_modified,
                                 status=fetched.status, sha256=sha256(fetched.data), kind=kind)

    def document(self, url: str, *, published: str | None = None, fmt: str = "html",
                 conditional: bool = True) -> RawDocument | Rejected | None:
        """A page as a RawDocument, a Rejected with the reason, or None when unchanged (304)."""
        try:
            f = self.get(url, conditional=conditional)
        except FetchError as exc:
            return Rejected(SourceRef(id=url, uri=url, sha256=sha256(b""), format=fmt), exc.code.value, exc.message)
        if f.not_modified:
            return None
        return to_raw(f, published=published, fmt=fmt)

    # -------------------------------------------------------------- internals
    def _check_url(self, current: str, asked: str) -> None:
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(Code.FETCH_FAILED, f"not an http(s) URL: {current}", asked)
        try:
            check_address(parts.hostname, parts.port, allow_private=self.policy.allow_private)
        except FetchError as exc:
            raise FetchError(exc.code, exc.message, asked) from None
        if self.policy.respect_robots and not self._allowed(current):
            raise FetchError(Code.FETCH_FAILED, f"robots.txt of {parts.hostname} disallows {current}", asked)

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        now = self.clock()
        ready = self._next_ok.get(host, now)
        if ready > now:
            self.sleep(ready - now)
        interval = self.policy.min_interval_s
        robots = self._robots.get(_origin(url))
        if robots and robots[0] is not None:
            delay = robots[0].crawl_delay(ROBOTS_TOKEN) or robots[0].crawl_delay("*")
            if delay:
                interval = max(interval, min(float(delay), 60.0))
        self._next_ok[host] = max(now, ready) + interval

    def _request(self, url: str, headers: dict[str, str], asked: str,
                 max_bytes: int | None = None, truncate: bool = False) -> tuple[int, dict[str, str], bytes]:
        """One GET with retries; returns status, lower-cased headers and the body."""
        limit = max_bytes or self.policy.max_bytes
        attempt = 0
        while True:
            self._wait_turn(url)
            self.requests += 1
            try:
                status, resp_headers, body = self._once(url, headers, limit, asked, truncate)
            except (httpx.TimeoutException, httpx.TransportError, _TooSlow) as exc:
                if attempt >= self.policy.retries:
                    kind = "timed out" if isinstance(exc, (httpx.TimeoutException, _TooSlow)) else "failed"
                    raise FetchError(Code.FETCH_FAILED, f"request {kind} after {attempt + 1} tries: {url}: "
                                     f"{exc or type(exc).__name__}", asked) from None
                self.sleep(self._backoff(attempt, None))
                attempt += 1
                continue
            if status in _RETRY_STATUS and attempt < self.policy.retries:
                self.sleep(self._backoff(attempt, resp_headers.get("retry-after")))
                attempt += 1
                continue
            return status, resp_headers, body

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        wait = self.policy.backoff_s * (2 ** attempt)
        if retry_after and retry_after.strip().isdigit():
            wait = max(wait, float(retry_after))
        return min(wait, self.policy.max_backoff_s)

    def _once(self, url: str, headers: dict[str, str], limit: int, asked: str,
              truncate: bool = False) -> tuple[int, dict[str, str], bytes]:
        deadline = self.clock() + self.policy.total_timeout_s
        if self._backend is not None:  # one wall-clock deadline for connect, headers and body
            self._backend.deadline = time.monotonic() + self.policy.total_timeout_s
        try:
            return self._stream(url, headers, limit, asked, truncate, deadline)
        finally:
            if self._backend is not None:
                self._backend.deadline = None

    def _stream(self, url: str, headers: dict[str, str], limit: int, asked: str, truncate: bool,
                deadline: float) -> tuple[int, dict[str, str], bytes]:
        with self.client.stream("GET", url, headers=headers) as resp:
            h = {k.lower(): v for k, v in resp.headers.items()}
            if resp.status_code in _REDIRECT_STATUS or resp.status_code == 304 or resp.status_code >= 400:
                return resp.status_code, h, b""
            declared = h.get("content-length", "")
            if declared.isdigit() and int(declared) > limit and not truncate:
                raise FetchError(Code.TOO_LARGE, f"{url} declares {declared} bytes, over the limit of {limit}", asked)
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > limit and truncate:  # robots.txt: the first `limit` bytes are what counts
                    chunks.append(chunk[: len(chunk) - (size - limit)])
                    break
                if size > limit:
                    raise FetchError(Code.TOO_LARGE, f"{url} sent more than the limit of {limit} bytes", asked)
                if self.clock() > deadline:
                    raise _TooSlow(f"no complete response within {self.policy.total_timeout_s:g}s")
                chunks.append(chunk)
            return resp.status_code, h, b"".join(chunks)

    def _allowed(self, url: str) -> bool:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        parser, allow_all = self._robots[origin]
        if parser is None:
            return allow_all
        return parser.can_fetch(ROBOTS_TOKEN, url) and parser.can_fetch(self.policy.user_agent, url)

    def _load_robots(self, origin: str) -> tuple[RobotsRules | None, bool]:
        robots_url = origin + "/robots.txt"
        current = robots_url
        try:
            for _ in range(self.policy.max_redirects + 1):
                status, h, body = self._request(current, {}, robots_url, max_bytes=self.policy.max_robots_bytes,
                                                truncate=True)
                if status in _REDIRECT_STATUS and h.get("location"):
                    current = urljoin(current, h["location"])
                    parts = urlsplit(current)
                    check_address(parts.hostname or "", parts.port, allow_private=self.policy.allow_private)
                    continue
                break
            else:
                return None, True  # RFC 9309: follow at least five redirects, then treat as unavailable
        except FetchError:
            # Unreachable robots.txt: RFC 9309 says assume complete disallow.
            return None, False
        if 400 <= status < 500:
            return None, True
        if status >= 500:
            return None, False
        if len(body) >= self.policy.max_robots_bytes:
            # RFC 9309 2.5: parse at least the first 500 KiB. The cut may split a line
            # ("Disallow: /private" -> "Disallow: /"), so the partial last line goes.
            body = body[: body.rfind(b"\n") + 1]
        return RobotsRules.from_bytes(body), True


class _TooSlow(Exception):
    pass


def _origin(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme}://{p.netloc}".lower()


def to_raw(f: Fetched, *, published: str | None = None, fmt: str = "html") -> RawDocument | Rejected:
    """A fetched response as the pipeline's input, or a coded rejection."""
    from newsgraph.ingest.sniff import binary_kind, looks_like_html

    ctype = (f.content_type or "").split(";")[0].strip().lower()
    src = SourceRef(id=f.url, uri=f.final_url, sha256=sha256(f.data), format=fmt)
    if not f.data.strip():
        return Rejected(src, Code.EMPTY.value, f"{f.final_url} returned an empty body")
    kind = binary_kind(f.data)
    if kind or (ctype and not (ctype.startswith("text/") or "html" in ctype or "xml" in ctype)):
        return Rejected(src, Code.NOT_HTML.value, f"{f.final_url} is {ctype or kind}, not an HTML page")
    doc_kind = "html" if ("html" in ctype or looks_like_html(f.data)) else "text"
    return RawDocument(source=src, data=f.data, kind=doc_kind, url=f.final_url, published=published,
                       charset=f.charset)
