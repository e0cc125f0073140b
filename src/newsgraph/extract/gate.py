"""The article gate: is this page an article, from the page's own evidence?

Listings, shop categories, product pages, forums, documentation and service
pages also have a main text, and the extractor finds it. What tells them
apart is the page around that text:

- what the page says it is: a JSON-LD article type, `og:type` article, a
  publication date and a byline speak for an article; a JSON-LD product,
  product group, forum posting, Q&A or collection page, or `og:type`
  product, against it;
- how it is built: many headlines that are links (a river of teasers), many
  `<article>` elements (cards), many prices (a shop), many code blocks (a
  manual), and a main text that is mostly not running text.

A page is rejected only when the evidence against it outweighs the evidence
for it by a clear margin, because a wrongly rejected article is lost while a
listing that passes is only noise. No rule names a site or a URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from newsgraph.extract.metadata import ARTICLE_TYPES, Metadata, json_ld_types, meta_tags

# "webpage" and "creativework" are in ARTICLE_TYPES so the metadata reader can
# read them, but every kind of page carries them: they are no evidence here.
_ARTICLE_EVIDENCE = ARTICLE_TYPES - {"webpage", "creativework", "review", "techarticle"}
_NOT_ARTICLE_TYPES = {"product", "productgroup", "discussionforumposting", "qapage", "collectionpage", "itempage",
                      "softwareapplication", "searchresultspage", "profilepage"}

_LINKED_HEADINGS = etree.XPath("count(//h2[.//a] | //h3[.//a] | //h4[.//a] | //a[.//h2 or .//h3 or .//h4])")
_CARDS = etree.XPath("count(//article)")
_CODE_BLOCKS = etree.XPath("count(//pre)")
_PRICE = re.compile(r"(?:[$£€]\s?\d[\d,]*(?:\.\d\d)?|\d[\d,]*(?:\.\d\d)?\s?(?:USD|EUR|GBP)\b)")


@dataclass(frozen=True)
class PageEvidence:
    """What the page says it is (for, against) and how it is built."""

    article_type: bool
    og_article: bool
    dated: bool
    bylined: bool
    not_article_type: bool
    linked_headings: int
    cards: int
    code_blocks: int
    prices: int
    prose_share: float

    def weight_for(self) -> int:
        return 2 * self.article_type + self.og_article + self.dated + self.bylined

    def weight_against(self) -> int:
        return (2 * self.not_article_type + (self.linked_headings >= 10) + (self.cards >= 5)
                + (self.code_blocks >= 30) + (self.prices >= 20) + (self.prose_share < 0.5))


def page_evidence(tree: HtmlElement, meta: Metadata, prose_share: float) -> PageEvidence:
    """The gate's evidence for one parsed page and the share of running text in its main text."""
    types = json_ld_types(tree)
    og = (meta_tags(tree).get("og:type") or "").lower()
    body = tree.find(".//body")
    text = body.text_content() if body is not None else ""
    return PageEvidence(
        article_type=bool(types & _ARTICLE_EVIDENCE),
        og_article=og.startswith("article"),
        dated=meta.published is not None,
        bylined=bool(meta.authors),
        not_article_type=bool(types & _NOT_ARTICLE_TYPES) or og.startswith("product"),
        linked_headings=int(_LINKED_HEADINGS(tree)),
        cards=int(_CARDS(tree)),
        code_blocks=int(_CODE_BLOCKS(tree)),
        prices=len(_PRICE.findall(text)),
        prose_share=prose_share,
    )


def not_article_reason(ev: PageEvidence) -> str | None:
    """Why the page is not an article, or None to keep it as one."""
    pro, con = ev.weight_for(), ev.weight_against()
    # Nothing says "article" and two signs say otherwise; or one weak sign
    # for and three against.
    if (pro == 0 and con >= 2) or (pro <= 1 and con >= 3):
        signs = [name for name, on in (
            ("a product, forum or collection type", ev.not_article_type),
            (f"{ev.linked_headings} linked headlines", ev.linked_headings >= 10),
            (f"{ev.cards} article cards", ev.cards >= 5),
            (f"{ev.code_blocks} code blocks", ev.code_blocks >= 30),
            (f"{ev.prices} prices", ev.prices >= 20),
            (f"{ev.prose_share:.0%} running text", ev.prose_share < 0.5),
        ) if on]
        return "the page reads as a listing, shop, forum or manual: " + ", ".join(signs)
    return None
