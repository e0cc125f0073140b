"""RSS/Atom feeds and sitemaps: parsing, bad feeds, and ingest from a local server."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph.errors import Code
from newsgraph.ingest.feeds import (
    Checkpoint,
    FeedError,
    SourceStats,
    iter_sources,
    parse_feed,
    parse_sitemap,
    sniff,
)
from newsgraph.ingest.fetch import Fetcher, FetchPolicy
from newsgraph.model import RawDocument, Rejected
from newsgraph.settings import load_settings
from newsgraph.store import open_store
from tests.conftest import run_cli
from tests.corpus.http_server import article_html, serve

FAST = FetchPolicy(allow_private=True, min_interval_s=0.0, backoff_s=0.01, timeout_s=2.0, total_timeout_s=3.0)


def rss(base: str, paths: list[str], dates: list[str] | None = None) -> str:
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
        f"<pubDate>{(dates or ['Wed, 20 Mar 2024 10:00:00 GMT'] * len(paths))[i]}</pubDate></item>"
        for i, p in enumerate(paths)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valdoria Post</title>'
            f"<link>{base}/</link>{items}</channel></rss>")


def atom(base: str, paths: list[str]) -> str:
    entries = "".join(
        f'<entry><title>Story {i}</title><link href="{base}{p}"/><id>tag:{p}</id>'
        f"<updated>2024-03-2{i}T09:00:00Z</updated></entry>" for i, p in enumerate(paths)
    )
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>{entries}</feed>'


def sitemap(base: str, paths: list[str]) -> str:
    urls = "".join(f"<url><loc>{base}{p}</loc><lastmod>2024-03-1{i}</lastmod></url>" for i, p in enumerate(paths))
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def page(i: int) -> str:
    return article_html(f"Harbor strike enters day {i}", [
        f"Dock workers in Portvale stayed off the job for a {i}th day on Tuesday, union leader Mara Quist said.",
        f"\"We will stay out until the port authority listens,\" Quist told reporters outside gate {i}.",
        "The port authority said about 40 ships were waiting to unload, and that talks would resume on Friday.",
        f"Shipping firms warned that delays could cost more than ${i} million a week if the strike continued.",
    ])


def test_sniff_tells_feeds_from_sitemaps_from_pages() -> None:
    assert sniff(rss("http://x", ["/a"]).encode()) == "feed"
    assert sniff(atom("http://x", ["/a"]).encode()) == "feed"
    assert sniff(sitemap("http://x", ["/a"]).encode()) == "urlset"
    assert sniff(gzip.compress(sitemap("http://x", ["/a"]).encode())) == "urlset"
    assert sniff(b'<?xml version="1.0"?><sitemapindex xmlns="x"></sitemapindex>') == "sitemapindex"
    assert sniff(page(1).encode()) is None


def test_parse_rss_and_atom_items_with_dates() -> None:
    items = parse_feed(rss("http://news.example", ["/a", "/b"]).encode())
    assert [i.url for i in items] == ["http://news.example/a", "http://news.example/b"]
    assert items[0].published == "2024-03-20" and items[0].title == "Story 0"
    items = parse_feed(atom("http://news.example", ["/a", "/b"]).encode())
    assert [i.published for i in items] == ["2024-03-20", "2024-03-21"]


def test_malformed_feed_and_sitemap_raise() -> None:
    with pytest.raises(FeedError):
        parse_feed(b'<?xml version="1.0"?><rss><channel><item><title>broken</ti')
    with pytest.raises(FeedError):
        parse_sitemap(b'<?xml version="1.0"?><urlset><url><loc>http://x/a</loc></url')


def test_sitemap_index_and_news_dates() -> None:
    pages, nested = parse_sitemap(
        b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>http://x/a</loc>'
        b"<news:news><news:publication_date>2024-03-19T08:00:00Z</news:publication_date></news:news></url></urlset>"
    )
    assert pages == [("http://x/a", "2024-03-19")] and nested == []
    pages, nested = parse_sitemap(b'<sitemapindex><sitemap><loc>http://x/s1.xml</loc></sitemap></sitemapindex>')
    assert nested == ["http://x/s1.xml"] and pages == []


def _collect(args: list[str], store=None) -> tuple[list[object], SourceStats]:  # type: ignore[no-untyped-def]
    stats = SourceStats()
    with Fetcher(FAST, cache=store) as f:
        out = list(iter_sources(args, load_settings(), f, stats=stats, is_stored=store.has if store else None))
    return out, stats


def test_feed_items_are_fetched_with_their_dates_and_bad_items_are_coded() -> None:
    with serve() as srv:
        for i in range(3):
            srv.add(f"/story/{i}", page(i))
        srv.add("/feed.xml", rss(srv.base, ["/story/0", "/story/1", "/story/2", "/gone"]),
                ctype="application/rss+xml")
        out, stats = _collect([srv.url("/feed.xml")])
    docs = [o for o in out if isinstance(o, RawDocument)]
    rejected = [o for o in out if isinstance(o, Rejected)]
    assert [d.source.id for d in docs] == [srv.url(f"/story/{i}") for i in range(3)]
    assert all(d.source.format == "rss" and d.published == "2024-03-20" for d in docs)
    assert len(rejected) == 1 and rejected[0].code == Code.FETCH_FAILED.value and "404" in rejected[0].message
    assert isinstance(out[-1], Checkpoint)  # the feed is remembered only after its items
    assert stats.feeds == 1 and stats.items == 4


def test_malformed_feed_from_a_server_is_one_coded_line(tmp_path: Path) -> None:
    with serve() as srv:
        srv.add("/bad.xml", b'<?xml version="1.0"?><rss version="2.0"><channel><item><link>ht', ctype="application/rss+xml")
        out, _ = _collect([srv.url("/bad.xml")])
    assert len(out) == 1 and isinstance(out[0], Rejected) and out[0].code == Code.CORRUPT_ARCHIVE.value


def test_local_feed_file_and_sitemap(tmp_path: Path) -> None:
    with serve() as srv:
        srv.add("/s/a", page(1))
        srv.add("/s/b", page(2))
        feed = tmp_path / "feed.rss"
        feed.write_text(atom(srv.base, ["/s/a"]))
        smap = tmp_path / "sitemap.xml"
        smap.write_text(sitemap(srv.base, ["/s/a", "/s/b"]))
        out, stats = _collect([str(feed), str(smap)])
        hits_a = srv.hits("/s/a")
    docs = [o for o in out if isinstance(o, RawDocument)]
    # /s/a is in both: fetched once per run
    assert [d.source.id for d in docs] == [srv.url("/s/a"), srv.url("/s/b")]
    assert hits_a == 1 and stats.duplicates == 1
    assert docs[1].published == "2024-03-11"  # the sitemap's lastmod
    assert stats.feeds == 2


def test_ingest_a_feed_url_then_rerun_fetches_nothing_new(tmp_path: Path) -> None:
    db = tmp_path / "feed.db"
    with serve() as srv:
        for i in range(3):
            srv.add(f"/story/{i}", page(i))

        def feed(h):  # type: ignore[no-untyped-def]
            if h.headers.get("If-None-Match") == '"f1"':
                return 304, {}, b""
            return 200, {"Content-Type": "application/rss+xml", "ETag": '"f1"'}, \
                rss(srv.base, ["/story/0", "/story/1", "/story/2"]).encode()

        srv.routes["/feed.xml"] = feed
        args = ["ingest", srv.url("/feed.xml"), "--db", str(db), "--jobs", "1", "--allow-private",
                "--min-interval", "0", "--no-progress"]
        first = run_cli(*args)
        assert first.returncode == 0, first.stderr.decode()
        assert b"stored 3" in first.stdout
        hits = {p: srv.hits(p) for p in ("/story/0", "/feed.xml")}
        second = run_cli(*args)
        assert second.returncode == 0, second.stderr.decode()
        assert b"stored 0" in second.stdout
        assert srv.hits("/story/0") == hits["/story/0"]  # no page fetched again
        assert srv.hits("/feed.xml") == hits["/feed.xml"] + 1  # one conditional GET, answered 304
        ua = {r["headers"]["user-agent"] for r in srv.log}
    assert all("newsgraph" in u for u in ua)
    with open_store(db, readonly=True) as store:
        assert store.counts()["articles"] == 3
        urls = {r["url"] for r in store.rows("articles")}
    assert urls == {srv.url(f"/story/{i}") for i in range(3)}


def test_ingest_url_without_allow_private_is_refused_with_e008(tmp_path: Path) -> None:
    with serve() as srv:
        srv.add("/a", page(1))
        proc = run_cli("ingest", srv.url("/a"), "--db", str(tmp_path / "x.db"), "--jobs", "1", "--no-progress")
        assert srv.hits("/a") == 0
    assert proc.returncode == 1
    assert b"E008" in proc.stderr
    with open_store(tmp_path / "x.db", readonly=True) as store:
        (rej,) = store.rejections()
    assert rej["code"] == "E008"


def test_watch_polls_and_ingests_new_items(tmp_path: Path) -> None:
    db = tmp_path / "watch.db"
    with serve() as srv:
        for i in range(3):
            srv.add(f"/story/{i}", page(i))
        state = {"round": 0}

        def feed(h):  # type: ignore[no-untyped-def]
            # The second poll sees one new item on top of the first two.
            paths = ["/story/0", "/story/1"] + (["/story/2"] if srv.hits("/feed.xml") > 1 else [])
            state["round"] += 1
            return 200, {"Content-Type": "application/rss+xml"}, rss(srv.base, paths).encode()

        srv.routes["/feed.xml"] = feed
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(f"# my feeds\n{srv.url('/feed.xml')}\n\n")
        proc = run_cli("watch", str(feeds), "--every", "0s", "--rounds", "2", "--db", str(db), "--allow-private",
                       "--min-interval", "0", "--no-progress")
        assert proc.returncode == 0, proc.stderr.decode()
        assert srv.hits("/story/0") == 1  # not fetched again in round 2
    out = proc.stdout.decode()
    assert "round 1: stored 2" in out and "round 2: stored 1" in out
    with open_store(db, readonly=True) as store:
        assert store.counts()["articles"] == 3


def test_bad_pages_in_a_feed_do_not_stop_the_batch(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    with serve() as srv:
        srv.add("/ok", page(1))
        srv.add("/loop", b"", status=302, headers={"Location": "/loop"})
        srv.add("/huge", b"<html><body>" + b"<p>word </p>" * 2_000_000 + b"</body></html>")
        srv.add("/feed.xml", rss(srv.base, ["/ok", "/loop", "/missing", "/huge"]), ctype="application/rss+xml")
        proc = run_cli("ingest", srv.url("/feed.xml"), "--db", str(db), "--jobs", "1", "--allow-private",
                       "--min-interval", "0", "--no-progress")
    assert proc.returncode == 1  # something failed, and the exit status says so
    with open_store(db, readonly=True) as store:
        codes = sorted(r["code"] for r in store.rejections())
        assert store.counts()["articles"] == 1
    assert codes == ["E007", "E007", "R003"]
    assert json.loads(run_cli("stats", "--db", str(db)).stdout)["rejections_by_code"] == {"E007": 2, "R003": 1}


def test_feed_ingest_killed_midway_loses_nothing_on_rerun(tmp_path: Path) -> None:
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    db = tmp_path / "kill.db"
    n = 30
    with serve() as srv:
        for i in range(n):
            srv.add(f"/story/{i}", page(i))

        def feed(h):  # type: ignore[no-untyped-def]
            if h.headers.get("If-None-Match") == '"f1"':
                return 304, {}, b""
            return 200, {"Content-Type": "application/rss+xml", "ETag": '"f1"'}, \
                rss(srv.base, [f"/story/{i}" for i in range(n)]).encode()

        srv.routes["/feed.xml"] = feed
        args = ["ingest", srv.url("/feed.xml"), "--db", str(db), "--jobs", "1", "--chunk", "2", "--allow-private",
                "--min-interval", "0", "--no-progress"]
        child = subprocess.Popen([sys.executable, "-m", "newsgraph", *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)

        def stored() -> int:
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                try:
                    return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
                finally:
                    conn.close()
            except sqlite3.Error:
                return 0

        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and child.poll() is None and stored() < 4:
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        at_kill = stored()
        assert 0 < at_kill < n, at_kill
        rerun = run_cli(*args)
        assert rerun.returncode == 0, rerun.stderr.decode()
    with open_store(db, readonly=True) as store:
        urls = [r["url"] for r in store.rows("articles")]
    assert sorted(urls) == sorted(srv.url(f"/story/{i}") for i in range(n))  # all there, once each
