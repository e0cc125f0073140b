"""RSS/Atom feeds, sitemaps and URLs as inputs, next to the files iter_inputs reads.

`iter_sources(args, ...)` takes what a user typed after `newsgraph ingest`:
a URL of a page, feed or sitemap, a local feed or sitemap file, or anything
`iter_inputs` reads (files, directories, JSONL, WARC). It yields
RawDocument or Rejected, like iter_inputs, plus `Checkpoint` markers: a
feed's validators (ETag, Last-Modified) may only be remembered once all its
items are stored, or a run killed half-way would later hear "304 unchanged"
and lose the rest. The ingester runs a checkpoint after everything before
it is written.

Feeds and sitemaps are untrusted XML: both are refused when they declare
entities or external references (defusedxml), which is how an "XML bomb"
blows a few kilobytes up into gigabytes. Page URLs from any source are
normalised with courlan (host case, tracking parameters such as utm_*, query
order, fragment) and each is fetched once per run, however many feeds,
sitemaps or arguments name it.
"""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from newsgraph.errors import Code
from newsgraph.ingest.fetch import Fetched, Fetcher, FetchError, to_raw
from newsgraph.ingest.files import iter_inputs, sha256
from newsgraph.model import RawDocument, Rejected, SourceRef
from newsgraph.settings import Settings

FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}
_ROOT = re.compile(rb"<\s*(?:[\w-]+:)?(rss|feed|RDF|urlset|sitemapindex)[\s>]", re.I)


@dataclass(frozen=True)
class FeedItem:
    url: str | None
    title: str | None
    published: str | None  # YYYY-MM-DD
    guid: str | None = None
    content: str | None = None  # full HTML body when the feed carries one


@dataclass(frozen=True)
class Checkpoint:
    """Run `action` once every document yielded before this marker is stored."""

    action: Callable[[], None]
    label: str = ""


@dataclass
class SourceStats:
    feeds: int = 0
    items: int = 0
    already_stored: int = 0
    unchanged: int = 0
    duplicates: int = 0  # page URLs named again in the same run (after normalisation)
    counts: dict[str, int] = field(default_factory=dict)
    seen_urls: set[str] = field(default_factory=set)

    def first_time(self, url: str) -> bool:
        """True the first time a (normalised) URL comes up in this run."""
        if url in self.seen_urls:
            self.duplicates += 1
            return False
        self.seen_urls.add(url)
        return True


class FeedError(Exception):
    pass


def sniff(data: bytes) -> str | None:
    """"feed", "sitemap", "sitemapindex" or None, from the root element."""
    head = _ungzip(data)[:2048]
    m = _ROOT.search(head)
    if not m:
        return None
    root = m.group(1).decode("ascii").lower()
    if root in ("rss", "feed", "rdf"):
        return "feed"
    return root


def _ungzip(data: bytes, limit: int = 50_000_000) -> bytes:
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=__import__("io").BytesIO(data)) as fh:
                return fh.read(limit)
        except (OSError, EOFError):
            return data
    return data


def canonical_url(url: str) -> str:
    """The form a URL is fetched and de-duplicated under (courlan's normalisation, no fragment)."""
    from courlan import normalize_url

    try:
        url = normalize_url(url)
    except (ValueError, TypeError):  # courlan refuses what it cannot parse: fetch it as written
        pass
    return urldefrag(url)[0]


def _safe_tree(data: bytes, what: str) -> tuple[Any, str | None]:
    """(root element, None), or (None, why) for malformed XML; FeedError for unsafe XML.

    Unsafe means it declares entities or external references. A malformed
    feed still goes to feedparser, whose lenient parser expands no declared
    entities; a malformed sitemap is an error.
    """
    try:
        return SafeET.fromstring(data), None
    except DefusedXmlException as exc:
        raise FeedError(f"{what} refused: it declares XML entities or external references "
                        f"({type(exc).__name__})") from None
    except ET.ParseError as exc:
        return None, str(exc)


def parse_feed(data: bytes, base_url: str | None = None) -> list[FeedItem]:
    """Items of an RSS or Atom feed; FeedError when it is not a readable feed."""
    import feedparser

    data = _ungzip(data)
    _safe_tree(data, "feed")
    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        raise FeedError("not an RSS or Atom feed")
    items = []
    for e in entries:
        content = None
        if e.get("content"):
            content = max((c.get("value") or "" for c in e["content"]), key=len) or None
        if not e.get("link") and not content:
            continue  # what a broken tail leaves behind: nothing to fetch or read
        items.append(FeedItem(url=e.get("link"), title=e.get("title"), published=_date(e),
                              guid=e.get("id"), content=content))
    if parsed.get("bozo") and not items:
        raise FeedError(f"malformed feed: {parsed.get('bozo_exception')}")
    return items


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
    return None


def parse_sitemap(data: bytes) -> tuple[list[tuple[str, str | None]], list[str]]:
    """(page URL, lastmod date) pairs and nested sitemap URLs; FeedError on bad or unsafe XML."""
    data = _ungzip(data)
    root, malformed = _safe_tree(data, "sitemap")
    if root is None:
        raise FeedError(f"malformed sitemap: {malformed}")
    pages: list[tuple[str, str | None]] = []
    nested: list[str] = []
    for node in root:
        tag = node.tag.rsplit("}", 1)[-1]
        loc = next((c.text.strip() for c in node if c.tag.rsplit("}", 1)[-1] == "loc" and c.text), None)
        if not loc:
            continue
        lastmod = next((c.text.strip()[:10] for c in node if c.tag.rsplit("}", 1)[-1] == "lastmod" and c.text), None)
        news_date = None
        for c in node.iter():
            if c.tag.rsplit("}", 1)[-1] == "publication_date" and c.text:
                news_date = c.text.strip()[:10]
        if tag == "sitemap":
            nested.append(loc)
        elif tag == "url":
            pages.append((loc, news_date or lastmod))
    return pages, nested


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def looks_like_feed_file(path: Path) -> bool:
    sfx = [s.lower() for s in path.suffixes]
    if sfx and sfx[-1] == ".gz":
        sfx = sfx[:-1]
    if not path.is_file() or not sfx or sfx[-1] not in FEED_SUFFIXES | {".html", ".htm", ".txt"}:
        return False
    if sfx[-1] in (".html", ".htm", ".txt"):
        return False
    try:
        with open(path, "rb") as fh:
            return sniff(fh.read(4096)) is not None
    except OSError:
        return False  # not readable: iter_inputs reads it next and reports why, with a code


def iter_sources(
    args: Iterable[str],
    settings: Settings,
    fetcher: Fetcher | None,
    *,
    raw: bool = False,
    published: str | None = None,
    stats: SourceStats | None = None,
    is_stored: Callable[[str], bool] | None = None,
) -> Iterator[RawDocument | Rejected | Checkpoint]:
    """Everything named on the command line, one document (or marker) at a time."""
    stats = stats or SourceStats()
    for arg in args:
        if is_url(arg):
            if fetcher is None:
                yield _reject(arg, Code.FETCH_FAILED, "fetching URLs is off")
                continue
            url = canonical_url(arg)
            if stats.first_time(url):
                yield from _from_url(url, settings, fetcher, stats, is_stored, published, depth=0)
        elif looks_like_feed_file(Path(arg)):
            data = Path(arg).read_bytes()
            yield from _expand(arg, Path(arg).resolve().as_uri(), data, settings, fetcher, stats, is_stored,
                               published, depth=0)
        else:
            yield from iter_inputs([arg], settings, raw=raw, published=published)


def _reject(url: str, code: Code, message: str, fmt: str = "html") -> Rejected:
    return Rejected(SourceRef(id=url, uri=url, sha256=sha256(b""), format=fmt), code.value, message)


def _from_url(url: str, settings: Settings, fetcher: Fetcher, stats: SourceStats,
              is_stored: Callable[[str], bool] | None, published: str | None, depth: int,
              fmt: str = "html") -> Iterator[RawDocument | Rejected | Checkpoint]:
    try:
        # A container is remembered after its items are stored (the Checkpoint below).
        f = fetcher.get(url, remember=False)
    except FetchError as exc:
        yield _reject(url, exc.code, exc.message, fmt)
        return
    if f.not_modified:
        stats.unchanged += 1
        return
    kind = sniff(f.data)
    if kind is None:
        doc = to_raw(f, published=published, fmt=fmt)
        yield doc
        # The page's validators count only once its content is stored (Store.cache_get).
        fetcher.remember(f)
        return
    yield from _expand(url, f.final_url, f.data, settings, fetcher, stats, is_stored, published, depth, fetched=f)


def _expand(name: str, uri: str, data: bytes, settings: Settings, fetcher: Fetcher | None, stats: SourceStats,
            is_stored: Callable[[str], bool] | None, published: str | None, depth: int,
            fetched: Fetched | None = None) -> Iterator[RawDocument | Rejected | Checkpoint]:
    kind = sniff(data)
    try:
        pages: list[tuple[str | None, str | None, FeedItem | None]]
        if kind == "feed":
            items = parse_feed(data, uri)
            pages = [(i.url, i.published, i) for i in items]
        else:
            page_urls, nested = parse_sitemap(data)
            pages = [(u, d, None) for u, d in page_urls]
    except FeedError as exc:
        yield Rejected(SourceRef(id=name, uri=uri, sha256=sha256(data), format="rss"),
                       Code.CORRUPT_ARCHIVE.value, str(exc))
        return
    stats.feeds += 1
    if kind != "feed" and depth < 2:
        for sub in nested:
            if fetcher is not None:
                yield from _from_url(sub, settings, fetcher, stats, is_stored, published, depth + 1)
    for url, date, item in pages:
        stats.items += 1
        body = item.content if item is not None else None
        if url:
            url = canonical_url(url)
            if not stats.first_time(url):
                continue  # another feed, sitemap or argument named this page already
        if url and fetcher is not None:
            cached = fetcher.cache.cache_get(url) if fetcher.cache is not None else None
            if cached and (is_stored is None or is_stored(cached.get("sha256") or "")):
                stats.already_stored += 1
                continue
            doc = fetcher.document(url, published=published or date, fmt="rss")
            if doc is None:
                stats.unchanged += 1
                continue
            if isinstance(doc, Rejected) and body and len(body) >= settings.min_body_chars:
                doc = _from_content(url, body, published or date)  # the feed carries the article itself
            yield doc
        elif body:
            yield _from_content(url or f"{name}#{(item.guid if item else None) or stats.items}", body,
                                published or date)
        else:
            yield _reject(url or name, Code.FETCH_FAILED, f"feed item in {name} has no link and no content", "rss")
    if fetched is not None and fetcher is not None:
        f, fch = fetched, fetcher
        yield Checkpoint(lambda: fch.remember(f, kind="feed"), label=name)


def _from_content(url: str, html: str, published: str | None) -> RawDocument:
    data = html.encode("utf-8")
    src = SourceRef(id=url, uri=url, sha256=sha256(data), format="rss")
    return RawDocument(source=src, data=data, kind="html", url=url if url.startswith("http") else None,
                       published=published, charset="utf-8")
