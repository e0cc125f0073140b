"""robots.txt rules per RFC 9309, read by Protego (Scrapy's parser, BSD).

Python's `urllib.robotparser` knows neither the `*` and `$` wildcards nor
the longest-match rule (it takes the first matching line), so a site's
`Disallow: /*/print/` let the fetcher into `/news/print/...`. Protego
implements the RFC: wildcards, the most specific (longest) rule wins, and
`Allow` beats `Disallow` on a tie.

The fetcher asks two names, as before: the product token `newsgraph` (what
a site writes in `User-agent:`) and the full User-Agent header; a URL is
fetched only when both may have it.
"""

from __future__ import annotations

from protego import Protego


class RobotsRules:
    """The rules of one robots.txt, with the two questions the fetcher asks."""

    def __init__(self, text: str):
        self._parser = Protego.parse(text)

    @classmethod
    def from_bytes(cls, body: bytes) -> RobotsRules:
        # RFC 9309 says UTF-8; a stray byte must not make a whole file unreadable.
        return cls(body.decode("utf-8", "replace"))

    def can_fetch(self, agent: str, url: str) -> bool:
        """The `urllib.robotparser` argument order, so the fetcher's call reads as before."""
        return bool(self._parser.can_fetch(url, agent))

    def crawl_delay(self, agent: str) -> float | None:
        delay = self._parser.crawl_delay(agent)
        return float(delay) if delay is not None else None

    @property
    def sitemaps(self) -> list[str]:
        """`Sitemap:` lines: where a site says its article lists are."""
        return list(self._parser.sitemaps)
