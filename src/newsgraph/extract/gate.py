"""The article gate: is this page an article, from the page's own evidence?

Listings, shop categories, product pages, forums, documentation and service
pages also have a main text, and the extractor finds it. What tells them
apart is the page around that text:

- what the page says it is: a JSON-LD article type, `og:type` article, a
  publication date in its metadata or URL, a byline and sharing links speak
  for an article; a JSON-LD product, product group, forum posting, Q&A or
  collection page, or `og:type` product, against it;
- where it lives: a URL with a headline slug in its path, under a blog or
  news section, or under a shop, forum, manual or service section (the words
  are data: newsgraph/data/url_words.json), or a site's home page;
- how it is built: link-heavy
  text, many form controls (a shop or an app), calls to action ("Get
  started", "Add to cart"), pagination, many distinct time stamps and
  "reply" marks (a thread), code blocks (a manual), prices (a shop), and a
  main text that is mostly not running text, short, or a small share of the
  page's text.

Each sign is worth a number of points; the weights are a logistic fit on
the WCXB dev pages (711 articles, 240 others) with the AEB and NAEB pages
weighted up (three times), rounded to one decimal. The threshold is set so
that under 2% of those articles and none of the AEB/NAEB pages (with a
margin of 0.3 points) are rejected: a wrongly rejected article is lost, while
a listing that passes is only noise. Fitted on one half of the WCXB pages
and applied to the other, the same recipe rejects 76-79% of the held-out
non-articles and 1.7-2.5% of the held-out articles: expect about that on
pages nobody tuned for. No rule names a site.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsgraph.analyse.text.data import load_json
from newsgraph.extract.metadata import ARTICLE_TYPES, Metadata, json_ld_types, meta_tags

# "webpage" and "creativework" are in ARTICLE_TYPES so that the metadata
# reader can read them, but every kind of page carries them.
_ARTICLE_EVIDENCE = ARTICLE_TYPES - {"webpage", "creativework", "review", "techarticle"}
_NOT_ARTICLE_TYPES = {"product", "productgroup", "discussionforumposting", "qapage", "collectionpage", "itempage",
                      "softwareapplication", "searchresultspage", "profilepage"}

_CONTROLS = etree.XPath("count(//input | //select | //button)")
_CODE_BLOCKS = etree.XPath("count(//pre)")
_PAGINATION = etree.XPath('count(//link[@rel="next"] | //a[@rel="next"] | //*[contains(@class, "pagination")])')
_COMMENT_MARKS = etree.XPath('count(//*[contains(@id, "comment") or contains(@class, "comment")])')
_SHARE_LINK = re.compile(r"facebook\.com/sharer|twitter\.com/(?:intent|share)|x\.com/intent|linkedin\.com/(?:share|sharing)"
                         r"|pinterest\.com/pin/create|addtoany|sharethis", re.I)
_CALL_TO_ACTION = re.compile(
    r"(?:get started|(?:start (?:your )?)?free trial|sign up(?: free| now)?|book (?:a |an |your )?\w+|request (?:a )?(?:demo|quote)"
    r"|get a (?:demo|quote)|contact (?:us|sales)|talk to (?:sales|an expert)|buy now|add to (?:cart|bag|basket)|shop (?:now|all)"
    r"|apply now|enroll now|register now|schedule (?:a |your )?\w+|try (?:it )?(?:for )?free|call (?:us|now)"
    r"|get (?:in touch|pricing))",
    re.I,
)
_REPLY = re.compile(r"\breply\b|\breplies\b|\bposts?:\s*\d", re.I)
_SLUG_WORD = re.compile(r"[A-Za-z]+")
# A price as shops print it: "$1,299.00", "€15", "24.99 USD".
_PRICE = re.compile(r"[$€£]\s?\d[\d,]*(?:\.\d\d)?|\b\d[\d,]*\.\d\d\s?(?:USD|EUR|GBP)\b")

# Points for "not an article" (negative: for an article), per unit of each sign.
_BIAS = 2.1
_THRESHOLD = 0.3


@dataclass(frozen=True)
class PageEvidence:
    """What the page says it is and how it is built."""

    article_type: bool
    og_article: bool
    dated: bool
    bylined: bool
    not_article_type: bool
    slug_words: int
    prose_share: float
    link_density: float
    controls: int
    calls_to_action: int
    pagination: int
    time_stamps: int
    replies: int
    code_blocks: int
    share_links: int
    comment_marks: int
    url_against: bool = False
    url_for: bool = False
    home_page: bool = False
    prices: int = 0
    body_share: float = 1.0
    body_chars: int = 1000

    def points(self) -> dict[str, float]:
        """Each sign's points towards "not an article" (negative ones speak for an article)."""
        return {
            "a JSON-LD article type": -2.2 * self.article_type,
            "og:type article": -1.3 * self.og_article,
            "a publication date": -0.1 * self.dated,
            "a byline": -1.8 * self.bylined,
            "a product, forum or collection type": 3.7 * self.not_article_type,
            "a headline slug in the URL": -1.9 * min(self.slug_words, 8) / 4,
            "a blog or news section in the URL": -1.6 * self.url_for,
            "a shop, forum, manual or service section in the URL": 2.1 * self.url_against,
            "a site's home page": 0.7 * self.home_page,
            "running text": -1.6 * self.prose_share,
            "link-heavy text": 0.1 * self.link_density,
            "form controls": 0.4 * min(self.controls, 60) / 20,
            "calls to action": 0.4 * min(self.calls_to_action, 20) / 5,
            "pagination": 0.5 * min(self.pagination, 3),
            "many time stamps": 0.4 * min(self.time_stamps, 20) / 5,
            "replies": 0.4 * min(self.replies, 20) / 5,
            "code blocks": 1.2 * min(self.code_blocks, 100) / 30,
            "prices": 0.2 * min(self.prices, 30) / 10,
            "sharing links": -0.6 * min(self.share_links, 5),
            "a comment section": -0.3 * min(self.comment_marks, 10) / 5,
            # the main text's share of the page's text, and its length (0 at 1,000
            # characters, +1 per factor of ten, at most +1.5)
            "a main text that is a large share of the page": -0.4 * min(self.body_share, 1.0),
            "a long main text": -0.4 * min(math.log10(max(self.body_chars, 100)) - 3, 1.5),
        }

    def score(self) -> float:
        return _BIAS + sum(self.points().values())


def _slug_words(url: str | None) -> int:
    """Words in the wordiest part of the URL path: a story's URL carries its headline."""
    if not url:
        return 4  # no URL: no evidence either way, so count it as an article's
    parts = (re.sub(r"\.\w+$", "", part) for part in urlsplit(url).path.split("/"))
    return max((sum(1 for w in re.split(r"[-_+]+", part) if _SLUG_WORD.fullmatch(w)) for part in parts), default=0)


def _url_words(url: str | None) -> tuple[bool, bool, bool]:
    """(a shop/forum/manual/service word, a blog/news/story word, a home page) from the URL's shape.

    The host's labels before the domain ("docs.", "forum.") and the path's
    folders count, and its last segment without an extension; a word inside
    a headline slug does not ("/how-products-are-made").
    """
    if not url:
        return False, False, False
    parts = urlsplit(url)
    segments = [seg.lower() for seg in parts.path.split("/") if seg]
    words = set(parts.netloc.lower().split(".")[:-2]) | set(segments[:-1])
    if segments:
        words.add(re.sub(r"\.\w+$", "", segments[-1]))
    against, for_ = _url_vocab()
    return bool(words & against), bool(words & for_), not segments


@cache
def _url_vocab() -> tuple[frozenset[str], frozenset[str]]:
    """url_words.json's two word sets, built once rather than for every page."""
    vocab = load_json("url_words.json")
    return frozenset(vocab["against"]), frozenset(vocab["for"])


def _calls_to_action(tree: HtmlElement) -> int:
    n = 0
    for el in tree.iter("a", "button"):
        text = " ".join(el.text_content().split())
        if len(text) < 40 and _CALL_TO_ACTION.fullmatch(text.strip(" .!›»→>")):
            n += 1
    return n


def page_evidence(tree: HtmlElement, meta: Metadata, url: str | None, prose_share: float,
                  body_chars: int) -> PageEvidence:
    """The gate's evidence for one parsed page, the share of running text in its main text and its length."""
    types = json_ld_types(tree)
    og = (meta_tags(tree).get("og:type") or "").lower()
    body = tree.find(".//body")
    text = " ".join(body.text_content().split()) if body is not None else ""
    link_chars = sum(len(" ".join(a.text_content().split())) for a in tree.iter("a"))
    stamps = {t.get("datetime") or " ".join(t.text_content().split()) for t in tree.iter("time")}
    shares = sum(1 for a in tree.iter("a") if _SHARE_LINK.search(a.get("href") or ""))
    against, for_, home = _url_words(url or meta.url)
    return PageEvidence(
        article_type=bool(types & _ARTICLE_EVIDENCE),
        og_article=og.startswith("article"),
        dated=meta.published_from in ("html-meta", "url"),
        bylined=bool(meta.authors),
        not_article_type=bool(types & _NOT_ARTICLE_TYPES) or og.startswith("product"),
        slug_words=_slug_words(url or meta.url),
        prose_share=prose_share,
        link_density=link_chars / (len(text) or 1),
        controls=int(_CONTROLS(tree)),
        calls_to_action=_calls_to_action(tree),
        pagination=int(_PAGINATION(tree)),
        time_stamps=len(stamps),
        replies=len(_REPLY.findall(text)),
        code_blocks=int(_CODE_BLOCKS(tree)),
        share_links=shares,
        comment_marks=int(_COMMENT_MARKS(tree)),
        url_against=against,
        url_for=for_,
        home_page=home,
        prices=len(_PRICE.findall(text)),
        body_share=body_chars / (len(text) or 1),
        body_chars=body_chars,
    )


def not_article_reason(ev: PageEvidence) -> str | None:
    """Why the page is not an article, or None to keep it as one."""
    score = ev.score()
    if score < _THRESHOLD:
        return None
    against = sorted(((p, name) for name, p in ev.points().items() if p > 0.1), reverse=True)[:3]
    return (f"the page reads as a listing, shop, forum, manual or service page (score {score:.1f}): "
            + ", ".join(name for _, name in against))
