"""Issue 16, fetcher: one deadline per request, connections pinned to checked addresses, big robots.txt."""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest

from newsgraph.errors import Code
from newsgraph.ingest.fetch import Fetcher, FetchError, FetchPolicy
from tests.conftest import run_cli
from tests.corpus.http_server import article_html, serve
from tests.ingest.slow_server import slow_header_server

PAGE = article_html("Ferry fares rise", ["The ferry operator raised fares by 8% on Monday, officials said."] * 5)
FAST = FetchPolicy(allow_private=True, min_interval_s=0.0, backoff_s=0.01, retries=0)


def test_headers_sent_a_byte_at_a_time_hit_the_one_deadline() -> None:
    with slow_header_server() as srv:
        with Fetcher(FetchPolicy(allow_private=True, min_interval_s=0.0, retries=0, timeout_s=1.0,
                                 total_timeout_s=1.0)) as f:
            t0 = time.monotonic()
            with pytest.raises(FetchError) as err:
                f.get(srv.url("/story"))
            took = time.monotonic() - t0
        assert err.value.code is Code.FETCH_FAILED and "timed out" in err.value.message
        assert took < 15, "did not hang"  # the deadline is 1 s; each header byte came within the read timeout


def test_ingest_with_timeout_finishes_with_a_coded_error_against_a_slow_server(tmp_path: Any) -> None:
    with slow_header_server() as srv:
        t0 = time.monotonic()
        proc = run_cli("ingest", srv.url("/story"), "--db", str(tmp_path / "s.db"), "--allow-private",
                       "--timeout", "1", "--min-interval", "0", "--jobs", "1", "--no-progress", timeout=120)
        took = time.monotonic() - t0
    err = proc.stderr.decode()
    assert proc.returncode == 1, err
    assert "E007: 1" in err and "Traceback" not in err
    assert "stored 0" in proc.stdout.decode()
    # 3 tries x 1 s deadline + 1 s and 2 s backoff = 6 s, plus starting Python and spaCy: "did not hang"
    assert took < 90


def _rebinding(answers: dict[str, list[str]], real: Any) -> Any:
    """A resolver that answers each listed name from its list, one answer per call, the last one forever."""
    calls: dict[str, int] = {}

    def getaddrinfo(host: str, port: Any, *args: Any, **kw: Any) -> list[Any]:
        if host not in answers:
            return real(host, port, *args, **kw)
        n = calls.get(host, 0)
        calls[host] = n + 1
        ip = answers[host][min(n, len(answers[host]) - 1)]
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (ip, int(port or 80)))]

    return getaddrinfo


def test_dns_rebinding_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with serve() as srv:
        srv.add("/secret", "internal admin page")
        # A public address for the guard's check, then the loopback address for httpx's connect.
        monkeypatch.setattr(socket, "getaddrinfo", _rebinding({"rebind.example": ["203.0.114.7", "127.0.0.1"]},
                                                              socket.getaddrinfo))
        with Fetcher(FetchPolicy(min_interval_s=0.0, retries=0, respect_robots=False)) as f:
            with pytest.raises(FetchError) as err:
                f.get(f"http://rebind.example:{srv.port}/secret")
        assert err.value.code is Code.FORBIDDEN_ADDRESS
        assert srv.hits("/secret") == 0
        assert "127.0.0.1" not in err.value.message and "203.0.114.7" not in err.value.message


def test_every_connection_is_guarded_not_only_the_first_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """A redirect hop, robots.txt or a reused client all connect through the same guard."""
    with serve() as srv:
        srv.add("/secret", "internal admin page")
        monkeypatch.setattr(socket, "getaddrinfo", _rebinding({"inside.example": ["127.0.0.1"]}, socket.getaddrinfo))
        with Fetcher(FetchPolicy(min_interval_s=0.0, retries=0, respect_robots=False)) as f:
            monkeypatch.setattr(f, "_check_url", lambda current, asked: None)  # no early check at all
            with pytest.raises(FetchError) as err:
                f.get(f"http://inside.example:{srv.port}/secret")
        assert err.value.code is Code.FORBIDDEN_ADDRESS
        assert srv.hits("/secret") == 0


def test_the_connection_goes_to_the_checked_address_with_the_host_name_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    with serve() as srv:
        srv.add("/a", PAGE)
        monkeypatch.setattr(socket, "getaddrinfo", _rebinding({"ledger.example": ["127.0.0.1"]}, socket.getaddrinfo))
        with Fetcher(FAST) as f:
            got = f.get(f"http://ledger.example:{srv.port}/a")
        assert got.status == 200 and got.data == PAGE.encode()
        assert [r["headers"]["host"] for r in srv.log if r["path"] == "/a"] == [f"ledger.example:{srv.port}"]


def test_robots_txt_over_500_kib_is_parsed_up_to_its_first_500_kib() -> None:
    big = "User-agent: *\nDisallow: /private\n" + "# a very long comment line of the robots file\n" * 14_000
    assert len(big) > 600 * 1024
    with serve() as srv:
        srv.add("/robots.txt", big, ctype="text/plain")
        srv.add("/private/a", PAGE)
        srv.add("/public/a", PAGE)
        with Fetcher(FetchPolicy(allow_private=True, min_interval_s=0.0, retries=0)) as f:
            assert f.get(srv.url("/public/a")).status == 200
            with pytest.raises(FetchError) as err:
                f.get(srv.url("/private/a"))
        assert "robots.txt" in err.value.message
        assert srv.hits("/private/a") == 0


def test_a_cut_robots_line_is_dropped_not_read_as_a_shorter_rule() -> None:
    head = "User-agent: *\nDisallow: /private\n"
    pad = "#" * (500 * 1024 - len(head) - len("Disallow: /")) + "\n"
    with serve() as srv:
        srv.add("/robots.txt", head + pad[:-1] + "\nDisallow: /everything-else\n", ctype="text/plain")
        srv.add("/news/a", PAGE)
        with Fetcher(FetchPolicy(allow_private=True, min_interval_s=0.0, retries=0)) as f:
            assert f.get(srv.url("/news/a")).status == 200


def test_a_broken_url_is_a_coded_error() -> None:
    with Fetcher(FAST) as f:
        with pytest.raises(FetchError) as err:
            f.get("http://[::1")
    assert err.value.code is Code.FETCH_FAILED and "not a valid URL" in err.value.message
