"""Polite fetching against a local server: robots, limits, retries, caching, SSRF guard."""

from __future__ import annotations

import gzip
import time

import pytest

from newsgraph.errors import Code
from newsgraph.ingest.fetch import Fetcher, FetchError, FetchPolicy, check_address, to_raw
from newsgraph.model import RawDocument, Rejected
from tests.corpus.http_server import article_html, serve

FAST = FetchPolicy(allow_private=True, min_interval_s=0.0, backoff_s=0.01, timeout_s=2.0, total_timeout_s=3.0)


class MemoryCache:
    def __init__(self) -> None:
        self.rows: dict[str, dict[str, object]] = {}

    def cache_get(self, url: str):  # type: ignore[no-untyped-def]
        return self.rows.get(url)

    def cache_put(self, url, *, etag, last_modified, status, sha256, kind="page"):  # type: ignore[no-untyped-def]
        self.rows[url] = {"etag": etag, "last_modified": last_modified, "status": status, "sha256": sha256}


PAGE = article_html("Ferry fares rise", ["The ferry operator raised fares by 8% on Monday, officials said."] * 5)


def test_page_is_fetched_with_a_user_agent_naming_newsgraph() -> None:
    with serve() as srv:
        srv.add("/a", PAGE)
        with Fetcher(FAST) as f:
            got = f.get(srv.url("/a"))
        assert got.status == 200 and got.data == PAGE.encode()
        assert got.charset == "utf-8"
        ua = [r["headers"]["user-agent"] for r in srv.log if r["path"] == "/a"][0]
        assert "newsgraph" in ua.lower()
        raw = to_raw(got)
        assert isinstance(raw, RawDocument) and raw.kind == "html" and raw.url == srv.url("/a")


def test_loopback_is_refused_without_allow_private() -> None:
    with serve() as srv:
        srv.add("/a", PAGE)
        with Fetcher(FetchPolicy(min_interval_s=0)) as f:
            with pytest.raises(FetchError) as err:
                f.get(srv.url("/a"))
        assert err.value.code is Code.FORBIDDEN_ADDRESS
        assert srv.hits("/a") == 0 and srv.hits("/robots.txt") == 0  # refused before any request


@pytest.mark.parametrize("host", ["127.0.0.1", "10.1.2.3", "192.168.0.7", "169.254.169.254", "::1", "fe80::1",
                                  "0.0.0.0", "172.16.5.4"])
def test_private_loopback_and_link_local_addresses_are_refused(host: str) -> None:
    with pytest.raises(FetchError) as err:
        check_address(host)
    assert err.value.code is Code.FORBIDDEN_ADDRESS
    check_address(host, allow_private=True)  # no error when allowed


def test_public_address_passes_the_guard() -> None:
    check_address("8.8.8.8")  # a literal address resolves without the network


def test_redirect_to_a_private_address_is_refused() -> None:
    import httpx

    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    policy = FetchPolicy(min_interval_s=0)  # the guard is on
    with Fetcher(policy, transport=httpx.MockTransport(handler)) as f, pytest.raises(FetchError) as err:
        f.get("http://8.8.8.8/story")  # a public literal address: no DNS needed
    assert err.value.code is Code.FORBIDDEN_ADDRESS
    assert not any("169.254" in u for u in seen)


def test_robots_txt_is_honoured() -> None:
    with serve() as srv:
        srv.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", ctype="text/plain")
        srv.add("/private/a", PAGE)
        srv.add("/public/a", PAGE)
        with Fetcher(FAST) as f:
            assert f.get(srv.url("/public/a")).status == 200
            with pytest.raises(FetchError) as err:
                f.get(srv.url("/private/a"))
        assert "robots.txt" in err.value.message
        assert srv.hits("/private/a") == 0
        assert srv.hits("/robots.txt") == 1  # fetched once per host, then cached


def test_robots_txt_naming_newsgraph_disallows_everything() -> None:
    with serve() as srv:
        srv.add("/robots.txt", "User-agent: newsgraph\nDisallow: /\n\nUser-agent: *\nAllow: /\n", ctype="text/plain")
        srv.add("/a", PAGE)
        with Fetcher(FAST) as f, pytest.raises(FetchError):
            f.get(srv.url("/a"))


def test_missing_robots_allows_and_server_error_robots_disallows() -> None:
    with serve() as srv:
        srv.add("/a", PAGE)  # /robots.txt is a 404: allow all (RFC 9309)
        with Fetcher(FAST) as f:
            assert f.get(srv.url("/a")).status == 200
    with serve() as srv:
        srv.add("/robots.txt", "oops", status=503, ctype="text/plain")
        srv.add("/a", PAGE)
        with Fetcher(FAST) as f, pytest.raises(FetchError):
            f.get(srv.url("/a"))  # 5xx robots.txt: complete disallow
        assert srv.hits("/a") == 0


def test_404_is_a_coded_error() -> None:
    with serve() as srv:
        with Fetcher(FAST) as f:
            doc = f.document(srv.url("/missing"))
    assert isinstance(doc, Rejected) and doc.code == Code.FETCH_FAILED.value and "404" in doc.message


def test_redirect_loop_is_detected() -> None:
    with serve() as srv:
        srv.add("/loop-a", b"", status=302, headers={"Location": "/loop-b"})
        srv.add("/loop-b", b"", status=301, headers={"Location": "/loop-a"})
        with Fetcher(FAST) as f, pytest.raises(FetchError) as err:
            f.get(srv.url("/loop-a"))
        assert err.value.code is Code.FETCH_FAILED and "redirect loop" in err.value.message
        assert srv.hits("/loop-a") == 1


def test_redirects_are_followed_up_to_a_limit() -> None:
    with serve() as srv:
        for i in range(8):
            srv.add(f"/hop{i}", b"", status=302, headers={"Location": f"/hop{i + 1}"})
        srv.add("/hop8", PAGE)
        with Fetcher(FAST) as f:
            with pytest.raises(FetchError) as err:
                f.get(srv.url("/hop0"))
            assert "redirects" in err.value.message
            assert f.get(srv.url("/hop5")).final_url == srv.url("/hop8")


def test_huge_body_is_cut_off_with_too_large() -> None:
    big = b"<html><body><p>" + b"x" * 300_000 + b"</p></body></html>"
    with serve() as srv:
        srv.add("/big", big)

        def no_length(h):  # type: ignore[no-untyped-def]
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Connection", "close")
            h.end_headers()
            for _ in range(100):
                h.wfile.write(b"y" * 10_000)
            return None

        srv.routes["/endless"] = no_length
        policy = FetchPolicy(allow_private=True, min_interval_s=0, max_bytes=100_000)
        with Fetcher(policy) as f:
            for path in ("/big", "/endless"):
                doc = f.document(srv.url(path))
                assert isinstance(doc, Rejected) and doc.code == Code.TOO_LARGE.value, path


def test_slow_server_times_out_after_retries() -> None:
    def slow(h):  # type: ignore[no-untyped-def]
        time.sleep(1.5)
        return 200, {"Content-Type": "text/html"}, PAGE.encode()

    def dribble(h):  # type: ignore[no-untyped-def]
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", "1000")
        h.end_headers()
        try:
            for _ in range(40):
                h.wfile.write(b"x")
                h.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return None

    with serve() as srv:
        srv.routes["/slow"] = slow
        srv.routes["/dribble"] = dribble
        policy = FetchPolicy(allow_private=True, min_interval_s=0, timeout_s=0.5, total_timeout_s=1.0,
                             retries=1, backoff_s=0.01)
        with Fetcher(policy) as f:
            t0 = time.monotonic()
            for path in ("/slow", "/dribble"):
                with pytest.raises(FetchError) as err:
                    f.get(srv.url(path))
                assert err.value.code is Code.FETCH_FAILED and "timed out" in err.value.message, path
            assert time.monotonic() - t0 < 12
        assert srv.hits("/slow") == 2  # one retry


def test_server_errors_are_retried_with_backoff() -> None:
    calls = {"n": 0}

    def flaky(h):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] < 3:
            return 503, {"Content-Type": "text/plain", "Retry-After": "0"}, b"busy"
        return 200, {"Content-Type": "text/html"}, PAGE.encode()

    waits: list[float] = []
    with serve() as srv:
        srv.routes["/flaky"] = flaky
        policy = FetchPolicy(allow_private=True, min_interval_s=0, retries=2, backoff_s=0.05)
        with Fetcher(policy, sleep=lambda s: waits.append(s)) as f:
            assert f.get(srv.url("/flaky")).status == 200
    assert calls["n"] == 3
    assert waits == [0.05, 0.1]  # exponential


def test_conditional_get_uses_etag_and_last_modified() -> None:
    def cached(h):  # type: ignore[no-untyped-def]
        if h.headers.get("If-None-Match") == '"v1"':
            return 304, {}, b""
        return 200, {"Content-Type": "text/html", "ETag": '"v1"',
                     "Last-Modified": "Wed, 20 Mar 2024 10:00:00 GMT"}, PAGE.encode()

    cache = MemoryCache()
    with serve() as srv:
        srv.routes["/c"] = cached
        with Fetcher(FAST, cache=cache) as f:
            first = f.document(srv.url("/c"))
            assert isinstance(first, RawDocument)
            assert f.document(srv.url("/c")) is None  # 304: unchanged
        sent = [r["headers"] for r in srv.log if r["path"] == "/c"]
    assert "if-none-match" not in sent[0]
    assert sent[1]["if-none-match"] == '"v1"' and sent[1]["if-modified-since"].startswith("Wed, 20 Mar 2024")


class FakeClock:
    """A monotonic clock that only moves when the fetcher sleeps, so waits can be asserted exactly."""

    def __init__(self) -> None:
        self.t = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.t

    def sleep(self, s: float) -> None:
        self.slept.append(s)
        self.t += s


def test_requests_to_one_host_are_spaced() -> None:
    clock = FakeClock()

    with serve() as srv:
        srv.add("/a", PAGE)
        srv.add("/b", PAGE)
        policy = FetchPolicy(allow_private=True, min_interval_s=2.0)
        with Fetcher(policy, sleep=clock.sleep, clock=clock) as f:
            f.get(srv.url("/a"))
            f.get(srv.url("/b"))
    # robots.txt, /a and /b on one host: two waits of the full interval
    assert clock.slept == [2.0, 2.0]


def test_crawl_delay_from_robots_is_obeyed() -> None:
    clock = FakeClock()

    with serve() as srv:
        srv.add("/robots.txt", "User-agent: *\nCrawl-delay: 5\n", ctype="text/plain")
        srv.add("/a", PAGE)
        srv.add("/b", PAGE)
        policy = FetchPolicy(allow_private=True, min_interval_s=0.5)
        with Fetcher(policy, sleep=clock.sleep, clock=clock) as f:
            f.get(srv.url("/a"))
            f.get(srv.url("/b"))
    assert clock.slept[-1] == 5.0


def test_gzip_content_encoding_and_binary_content() -> None:
    with serve() as srv:
        srv.add("/gz", gzip.compress(PAGE.encode()), headers={"Content-Encoding": "gzip"})
        srv.add("/pdf", b"%PDF-1.4 binary", ctype="application/pdf")
        with Fetcher(FAST) as f:
            assert f.get(srv.url("/gz")).data == PAGE.encode()
            doc = f.document(srv.url("/pdf"))
    assert isinstance(doc, Rejected) and doc.code == Code.NOT_HTML.value


def test_non_http_schemes_are_refused() -> None:
    with Fetcher(FAST) as f, pytest.raises(FetchError):
        f.get("file:///etc/passwd")
