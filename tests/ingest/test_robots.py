"""robots.txt per RFC 9309 (wildcards, longest match), safe sitemap/feed XML, URL normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import Code
from newsgraph.ingest.feeds import (
    FeedError,
    SourceStats,
    canonical_url,
    iter_sources,
    parse_feed,
    parse_sitemap,
)
from newsgraph.ingest.fetch import Fetcher, FetchError, FetchPolicy
from newsgraph.ingest.robots import RobotsRules
from newsgraph.model import RawDocument, Rejected
from newsgraph.settings import load_settings
from tests.conftest import run_cli
from tests.corpus.http_server import article_html, serve

FAST = FetchPolicy(allow_private=True, min_interval_s=0.0, backoff_s=0.01, timeout_s=2.0, total_timeout_s=3.0)

# A fictional site's rules: print views anywhere and PDFs are off limits, except one
# print page that is allowed by a longer (more specific) rule.
ROBOTS = """\
User-agent: *
Disallow: /*/print/
Disallow: /*.pdf$
Allow: /news/print/open-letter$
Crawl-delay: 0

User-agent: otherbot
Disallow: /
"""

ALLOWED = ["/news/harbour-vote", "/news/print/open-letter", "/files/report.pdf?page=2", "/news/printers-strike"]
DISALLOWED = ["/news/print/harbour-vote", "/world/print/a/b", "/files/report.pdf", "/news/print/open-letter-2"]


def _page(i: int) -> str:
    return article_html(f"Harbour story {i}", [
        f"The harbour board of Port Sellin met for the {i}th time this year on Monday to settle the dredging plan.",
        "Its chair, Ilse Voran, said the channel had silted up faster than the engineers had expected.",
        "Fishing crews have complained since the spring that boats can leave only at high tide.",
        "The board said the work would start in September and take about eleven weeks to finish.",
    ])


@pytest.mark.parametrize("path", ALLOWED)
def test_wildcard_and_end_anchor_rules_allow(path: str) -> None:
    rules = RobotsRules(ROBOTS)
    assert rules.can_fetch("newsgraph", "https://example.org" + path)


@pytest.mark.parametrize("path", DISALLOWED)
def test_wildcard_and_end_anchor_rules_disallow(path: str) -> None:
    rules = RobotsRules(ROBOTS)
    assert not rules.can_fetch("newsgraph", "https://example.org" + path)


def test_robots_sitemap_lines_are_read() -> None:
    rules = RobotsRules("User-agent: *\nDisallow:\nSitemap: https://example.org/news-sitemap.xml\n")
    assert rules.sitemaps == ["https://example.org/news-sitemap.xml"]


def test_fetcher_never_requests_a_disallowed_url() -> None:
    with serve() as srv:
        srv.add("/robots.txt", ROBOTS, ctype="text/plain")
        for i, path in enumerate(ALLOWED + DISALLOWED):
            srv.add(path.split("?")[0], _page(i))
        with Fetcher(FAST) as f:
            for path in ALLOWED:
                assert f.get(srv.url(path)).status == 200
            for path in DISALLOWED:
                with pytest.raises(FetchError) as err:
                    f.get(srv.url(path))
                assert err.value.code is Code.FETCH_FAILED and "robots.txt" in err.value.message
        asked = [r["path"] for r in srv.log]  # with the query: /files/report.pdf?page=2 is allowed
        assert not set(asked) & set(DISALLOWED), asked
        assert asked.count("/robots.txt") == 1


def _sitemap(base: str, paths: list[str]) -> str:
    urls = "".join(f"<url><loc>{base}{p}</loc><lastmod>2024-05-02</lastmod></url>" for p in paths)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def test_ingest_of_a_sitemap_skips_disallowed_pages_without_fetching_them(tmp_path: Path) -> None:
    """The issue's case: `Disallow: /*/print/` must keep `ingest` out of /news/print/..."""
    with serve() as srv:
        srv.add("/robots.txt", ROBOTS, ctype="text/plain")
        for i, path in enumerate(ALLOWED + DISALLOWED):
            srv.add(path.split("?")[0], _page(i))
        srv.add("/sitemap.xml", _sitemap(srv.base, ["/news/harbour-vote", "/news/print/harbour-vote",
                                                    "/files/report.pdf"]), ctype="application/xml")
        db = tmp_path / "robots.db"
        proc = run_cli("ingest", srv.url("/sitemap.xml"), "--db", str(db), "--allow-private",
                       "--min-interval", "0", "--jobs", "1", "--no-progress")
        hits = {p: srv.hits(p) for p in ("/news/harbour-vote", "/news/print/harbour-vote", "/files/report.pdf")}
    err = proc.stderr.decode()
    assert proc.returncode == 1, err  # the two refused pages are counted as rejections
    assert "stored 1" in proc.stdout.decode() and "E007: 2" in err
    assert hits == {"/news/harbour-vote": 1, "/news/print/harbour-vote": 0, "/files/report.pdf": 0}


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://example.org/&lol2;</loc></url></urlset>"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>&secret;</title><link>https://example.org/a</link></item>
</channel></rss>"""


def test_sitemap_declaring_entities_is_refused() -> None:
    with pytest.raises(FeedError, match="entities"):
        parse_sitemap(BOMB)


def test_feed_with_an_external_entity_is_refused() -> None:
    with pytest.raises(FeedError, match="entities"):
        parse_feed(EXTERNAL)


def test_an_ordinary_sitemap_still_parses() -> None:
    pages, nested = parse_sitemap(_sitemap("https://example.org", ["/a", "/b"]).encode())
    assert pages == [("https://example.org/a", "2024-05-02"), ("https://example.org/b", "2024-05-02")]
    assert nested == []


@pytest.mark.parametrize(("given", "expected"), [
    ("HTTPS://Example.ORG/news/a?utm_source=feed&utm_medium=rss", "https://example.org/news/a"),
    ("https://example.org/news/a#comments", "https://example.org/news/a"),
    ("https://example.org/news?b=2&a=1", "https://example.org/news?a=1&b=2"),
    ("https://example.org:443/news/a?fbclid=x1", "https://example.org/news/a"),
])
def test_canonical_url(given: str, expected: str) -> None:
    assert canonical_url(given) == expected


def test_the_same_page_under_tracking_parameters_is_fetched_once() -> None:
    with serve() as srv:
        srv.add("/robots.txt", "User-agent: *\nDisallow:\n", ctype="text/plain")
        srv.add("/news/harbour-vote", _page(1))
        srv.add("/sitemap.xml", _sitemap(srv.base, ["/news/harbour-vote", "/news/harbour-vote?utm_source=x",
                                                    "/news/harbour-vote#top"]), ctype="application/xml")
        stats = SourceStats()
        with Fetcher(FAST) as f:
            out = [o for o in iter_sources([srv.url("/sitemap.xml")], load_settings(), f, stats=stats)
                   if isinstance(o, (RawDocument, Rejected))]
        hits = srv.hits("/news/harbour-vote")
    assert [type(o) for o in out] == [RawDocument] and hits == 1
    assert stats.items == 3 and stats.duplicates == 2
