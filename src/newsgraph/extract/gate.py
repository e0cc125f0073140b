"""The article gate: is this page an article, from the page's own evidence?

Listings, shop categories, product pages, forums, documentation and service
pages also have a main text, and the extractor finds it. What tells them
apart is the page around that text:

- what the page says it is: an article type in JSON-LD or microdata,
  `og:type` article, `article:published_time` and author tags, a byline and
  sharing links speak for an article; a product, product group, forum
  posting, Q&A, collection or app type (JSON-LD or microdata alike), an FAQ
  page type or `og:type` product, against it (the types and tag names are
  data: newsgraph/data/page_signs.json);
- where it lives: a URL with a headline slug in its path, under a blog or
  news section, or under a shop, forum, manual or service section (the words
  are data: newsgraph/data/url_words.json), or a site's home page;
- how it is built: the share of the page's text in paragraphs of running
  text (a story is made of them; cards, product blurbs and posts are not),
  many form controls (a shop or an app), calls to action ("Get started",
  "Add to cart"; each further one says less), pagination (a blog's link to
  the next story is not pagination), many distinct time stamps and "reply"
  marks (a thread), code blocks and code inside the sentences (a manual),
  prices and a shop's words ("in stock", "add to cart"), and a main text that
  is mostly not running text or short.

Each sign is worth a number of points; the weights (newsgraph/data/
gate_weights.json, written by scripts/fit_gate.py) are a logistic fit (L2
0.3) on the WCXB dev pages (Murrough Foley, WCXB (2026), CC-BY-4.0: 711
articles, 240 others) with the AEB and NAEB pages weighted up (three times),
rounded to two decimals. The threshold (0.5) rejects 85% of those
non-articles; it rejects 3 of the articles (4 with the one that has no main
text) and keeps every AEB/NAEB page at least 1.6 points below it: a wrongly
rejected article is lost, while a listing that passes is only noise. Fitted
on one half of the WCXB pages (odd or even ids; AEB and NAEB always in) with
the threshold at 85% of that half's non-articles, the same recipe rejected
84.4% / 78.8% of the held-out non-articles and 4 / 5 of about 355 held-out
articles (body F1 of the held-out half 0.932 / 0.935): expect about that on
pages nobody tuned for. No rule names a site.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsgraph.analyse.text.data import load_json
from newsgraph.extract.metadata import ARTICLE_TYPES, Metadata, json_ld_types, meta_tags

# "webpage" and "creativework" are in ARTICLE_TYPES so that the metadata
# reader can read them, but every kind of page carries them.
_ARTICLE_EVIDENCE = ARTICLE_TYPES - {"webpage", "creativework", "review", "techarticle"}

_CONTROLS = etree.XPath("count(//input | //select | //button)")
_ITEM_TYPES = etree.XPath("//@itemtype")
# Code inside running text (`snake_case` names, calls): a manual's; a code block's own <code> is counted as a block.
_INLINE_CODE = etree.XPath("count(//code[not(ancestor::pre)])")
# A paragraph this long is running text, not a card's teaser or a product's blurb.
_LONG_PARAGRAPH = 150
_CODE_BLOCKS = etree.XPath("count(//pre)")
# Pagination: a next-page link in the head or a pagination bar; `<a rel="next">` links are read one by one
# (see _pagination), as a blog's post navigation uses them for the next story.
_PAGINATION = etree.XPath('count(//link[@rel="next"] | //*[contains(@class, "pagination")][not(self::a[@rel="next"])])')
_NEXT_LINKS = etree.XPath('//a[@rel="next"]/@href')
# A link's target with this many words in its slug is a story of its own (a headline), not a page of this one.
_STORY_SLUG = 4
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


@dataclass(frozen=True)
class PageEvidence:
    """What the page says it is and how it is built."""

    article_type: bool
    og_article: bool
    bylined: bool
    not_article_type: bool
    slug_words: int
    prose_share: float
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
    body_chars: int = 1000
    # the share of the page's text in paragraphs of running text (see _LONG_PARAGRAPH)
    long_paragraphs: float = 0.0
    inline_code: int = 0
    shop_words: int = 0
    forum_type: bool = False
    article_markup: bool = False
    faq_type: bool = False
    meta_published: bool = False
    meta_author: bool = False

    def signs(self) -> dict[str, float]:
        """Each sign's value before its weight (scripts/fit_gate.py fits the weights on these)."""
        return {
            "a JSON-LD article type": float(self.article_type),
            "article microdata": float(self.article_markup),
            "og:type article": float(self.og_article),
            "a byline": float(self.bylined),
            "an article:published_time tag": float(self.meta_published),
            "an author tag": float(self.meta_author),
            "a product, forum or collection type": float(self.not_article_type),
            "a forum or Q&A type": float(self.forum_type),
            "an FAQ type": float(self.faq_type),
            "a headline slug in the URL": min(self.slug_words, 8) / 4,
            "a blog or news section in the URL": float(self.url_for),
            "a shop, forum, manual or service section in the URL": float(self.url_against),
            "a site's home page": float(self.home_page),
            "running text": self.prose_share,
            "paragraphs of running text": min(self.long_paragraphs, 1.0),
            "form controls": min(self.controls, 60) / 20,
            # each further button says less: a landing page has a few, a shop's promotion with running text a
            # "Buy now" under every paragraph (linear, 14 of them outweighed an article's running text)
            "calls to action": math.log1p(min(self.calls_to_action, 50)),
            "pagination": min(self.pagination, 3),
            "many time stamps": min(self.time_stamps, 20) / 5,
            "replies": min(self.replies, 20) / 5,
            "code blocks": min(self.code_blocks, 100) / 30,
            "code in the text": min(self.inline_code, 100) / 30,
            "prices": min(self.prices, 30) / 10,
            "a shop's words": min(self.shop_words, 50) / 10,
            "sharing links": min(self.share_links, 5),
            "a comment section": min(self.comment_marks, 10) / 5,
            # the main text's length: 0 at 1,000 characters, +1 per factor of ten, at most +1.5
            "a long main text": min(math.log10(max(self.body_chars, 100)) - 3, 1.5),
        }

    def points(self) -> dict[str, float]:
        """Each sign's points towards "not an article" (negative ones speak for an article)."""
        weights = _weights().weights
        return {name: weights[name] * value for name, value in self.signs().items()}

    def score(self) -> float:
        return _weights().bias + sum(self.points().values())


@dataclass(frozen=True)
class _Weights:
    bias: float
    threshold: float
    weights: dict[str, float]


@cache
def _weights() -> _Weights:
    """gate_weights.json (written by scripts/fit_gate.py), read once."""
    data = load_json("gate_weights.json")
    return _Weights(bias=float(data["bias"]), threshold=float(data["threshold"]),
                    weights={name: float(w) for name, w in data["weights"].items()})


def _slug_words(url: str | None) -> int:
    """Words in the wordiest part of the URL path: a story's URL carries its headline."""
    if not url:
        return 4  # no URL: no evidence either way, so count it as an article's
    parts = (re.sub(r"\.\w+$", "", part) for part in urlsplit(url).path.split("/"))
    return max((sum(1 for w in re.split(r"[-_+]+", part) if _SLUG_WORD.fullmatch(w)) for part in parts), default=0)


def _another_story(url: str | None, href: str) -> bool:
    """Whether a "next" link leads to another story (a headline slug elsewhere on the site), not to this page's page 2.

    Blogs mark their "next post" link `rel="next"`, as listings and threads
    mark their next page: on WCXB dev 32 of the 711 articles carry such a link
    to another story and 2 of the 240 other pages do. A target under this
    page's path (`/story/2/`, `/thread/page/2/`) or above it is this page's.
    """
    target = urljoin(url or "", href.strip())
    if not href.strip() or _slug_words(target) < _STORY_SLUG:
        return False
    there, here = urlsplit(target).path.rstrip("/"), urlsplit(url or "").path.rstrip("/")
    if not url:
        return True
    return not (there == here or there.startswith(here + "/") or here.startswith(there + "/"))


def _pagination(tree: HtmlElement, url: str | None) -> int:
    """Pagination marks: next-page links and pagination bars; a "next" link to another story is not one."""
    return int(_PAGINATION(tree)) + sum(1 for href in _NEXT_LINKS(tree) if not _another_story(url, str(href)))


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


@dataclass(frozen=True)
class _Signs:
    forum_types: frozenset[str]
    not_article_types: frozenset[str]
    article_types: frozenset[str]
    faq_types: frozenset[str]
    published_keys: tuple[str, ...]
    author_keys: tuple[str, ...]
    shop_phrases: tuple[str, ...]


@cache
def _signs() -> _Signs:
    """page_signs.json, built once rather than for every page."""
    data = load_json("page_signs.json")
    return _Signs(
        forum_types=frozenset(data["forum_types"]), not_article_types=frozenset(data["not_article_types"]),
        article_types=frozenset(data["article_types"]), faq_types=frozenset(data["faq_types"]),
        published_keys=tuple(data["published_keys"]), author_keys=tuple(data["author_keys"]),
        shop_phrases=tuple(" " + phrase for phrase in data["shop_phrases"]),
    )


def _microdata_types(tree: HtmlElement) -> set[str]:
    """The schema.org types a page declares in microdata (`itemtype="https://schema.org/Product"`), lower-cased."""
    return {t.rstrip("/").rsplit("/", 1)[-1].lower() for value in _ITEM_TYPES(tree) for t in str(value).split()}


def _long_paragraph_chars(tree: HtmlElement) -> int:
    """Characters in <p> elements long enough to be running text: a story is made of them, a listing's cards are not."""
    total = 0
    for p in tree.iter("p"):
        n = len(" ".join(p.text_content().split()))
        if n >= _LONG_PARAGRAPH:
            total += n
    return total


def _shop_words(text: str, phrases: tuple[str, ...]) -> int:
    """How often the page's text has a shop's words ("in stock", "add to cart"), each where a word starts.

    Plain substring counts: a regular expression over a shop page's 100,000
    characters cost 4 ms, the counts a tenth of that.
    """
    lowered = " " + text.lower()
    return sum(lowered.count(phrase) for phrase in phrases)


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
    tags = meta_tags(tree)
    og = (tags.get("og:type") or "").lower()
    marked = types | _microdata_types(tree)
    signs = _signs()
    body = tree.find(".//body")
    text = " ".join(body.text_content().split()) if body is not None else ""
    stamps = {t.get("datetime") or " ".join(t.text_content().split()) for t in tree.iter("time")}
    shares = sum(1 for a in tree.iter("a") if _SHARE_LINK.search(a.get("href") or ""))
    against, for_, home = _url_words(url or meta.url)
    return PageEvidence(
        article_type=bool(types & _ARTICLE_EVIDENCE),
        og_article=og.startswith("article"),
        bylined=bool(meta.authors),
        not_article_type=bool(marked & signs.not_article_types) or og.startswith("product"),
        slug_words=_slug_words(url or meta.url),
        prose_share=prose_share,
        controls=int(_CONTROLS(tree)),
        calls_to_action=_calls_to_action(tree),
        pagination=_pagination(tree, url or meta.url),
        time_stamps=len(stamps),
        replies=len(_REPLY.findall(text)),
        code_blocks=int(_CODE_BLOCKS(tree)),
        share_links=shares,
        comment_marks=int(_COMMENT_MARKS(tree)),
        url_against=against,
        url_for=for_,
        home_page=home,
        prices=len(_PRICE.findall(text)),
        body_chars=body_chars,
        long_paragraphs=min(_long_paragraph_chars(tree) / (len(text) or 1), 1.0),
        inline_code=int(_INLINE_CODE(tree)),
        shop_words=_shop_words(text, signs.shop_phrases),
        forum_type=bool(marked & signs.forum_types),
        article_markup=bool(marked & signs.article_types),
        faq_type=bool(marked & signs.faq_types),
        meta_published=any(key in tags for key in signs.published_keys),
        meta_author=any(key in tags for key in signs.author_keys),
    )


def not_article_reason(ev: PageEvidence) -> str | None:
    """Why the page is not an article, or None to keep it as one."""
    score = ev.score()
    if score < _weights().threshold:
        return None
    against = sorted(((p, name) for name, p in ev.points().items() if p > 0.1), reverse=True)[:3]
    return (f"the page reads as a listing, shop, forum, manual or service page (score {score:.1f}): "
            + ", ".join(name for _, name in against))
