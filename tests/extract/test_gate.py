"""The article gate and the short-text fallback, on fictional pages and hand-built evidence."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsgraph.errors import Code, NewsgraphError
from newsgraph.extract import extract
from newsgraph.extract.boilerplate import filter_lines
from newsgraph.extract.gate import PageEvidence, not_article_reason
from newsgraph.extract.html import more_prose
from newsgraph.settings import Settings
from tests.extract.pages import article_page, photo_credit_byline_page, shop_page
from tests.extract.test_html import _raw


def _evidence(**kw: object) -> PageEvidence:
    # a guide with no metadata: running text in long paragraphs, a story-like URL
    base: dict[str, object] = dict(article_type=False, og_article=False, bylined=False, long_paragraphs=0.3,
                                   not_article_type=False, slug_words=4, prose_share=0.9, controls=0,
                                   calls_to_action=0, pagination=0, time_stamps=0, replies=0, code_blocks=0,
                                   share_links=0, comment_marks=0)
    base.update(kw)
    return PageEvidence(**base)  # type: ignore[arg-type]


def test_shop_category_gets_the_coded_rejection() -> None:
    with pytest.raises(NewsgraphError) as err:
        extract(_raw(shop_page(), url="https://makers.example/c/home"), Settings())
    assert err.value.code == Code.NOT_ARTICLE
    assert "a product, forum or collection type" in str(err.value)


def test_news_article_passes_the_gate() -> None:
    art = extract(_raw(article_page()), Settings())
    assert art.text.startswith("The Harbor City council")


def test_a_page_with_no_evidence_either_way_is_kept() -> None:
    # A guide or blog post without metadata is still an article.
    assert not_article_reason(_evidence()) is None


def test_evidence_against_must_outweigh_evidence_for() -> None:
    manual = _evidence(code_blocks=60, prose_share=0.4, slug_words=2)
    assert not_article_reason(manual) is not None
    # A bylined tutorial with the same code blocks, in the Article type, is an article.
    assert not_article_reason(_evidence(code_blocks=60, prose_share=0.4, slug_words=2, bylined=True,
                                        article_type=True)) is None
    # One sign against is not enough on a page with a story's URL (a newsletter form, a few "Subscribe" buttons,
    # a shop's promotion with a "Buy now" under each of its paragraphs).
    assert not_article_reason(_evidence(controls=60)) is None
    assert not_article_reason(_evidence(calls_to_action=5)) is None
    assert not_article_reason(_evidence(calls_to_action=20)) is None
    # On a landing page (a short URL, little running text) the calls to action decide.
    landing = _evidence(slug_words=2, prose_share=0.6)
    assert not_article_reason(landing) is None
    assert not_article_reason(replace(landing, calls_to_action=20)) is not None


def test_each_further_call_to_action_says_less() -> None:
    def points(n: int) -> float:
        return _evidence(calls_to_action=n).points()["calls to action"]

    assert 0 == points(0) < points(1) < points(5) < points(20)
    assert points(20) < 4 * points(5)  # twenty buttons are not four landing pages
    assert points(50) == points(500)  # capped


def test_a_thread_of_replies_with_pagination_is_not_an_article() -> None:
    thread = _evidence(slug_words=3, prose_share=0.6, replies=20, time_stamps=20, pagination=2, controls=30)
    reason = not_article_reason(thread)
    assert reason is not None and "replies" in reason


def test_no_url_is_no_evidence_against() -> None:
    from newsgraph.extract.gate import _slug_words

    assert _slug_words(None) == 4
    assert _slug_words("https://ledger.example/news/2024/05/14/ferry-schedule-approved/.1234") == 3
    assert _slug_words("https://shop.example/c/home") == 1


def test_full_mode_is_taken_only_when_it_adds_running_text() -> None:
    fast = ("A short standfirst that is all the fast mode found.",)
    prose = ("The council met on Tuesday evening and heard from residents about the ferry timetable for the summer.",) * 4
    assert more_prose(fast, fast + prose)
    links = ("Ferry fares", "Harbor news", "Weather", "Sport", "Contact us", "Jobs") * 6
    assert not more_prose(fast, fast + links)
    assert not more_prose(fast, fast)


def test_a_filter_can_be_left_out_for_measurement() -> None:
    lines = ["Advertisement", "The ferry leaves at six in the morning from the north pier, as it has for years."]
    assert filter_lines(lines)[0] == (lines[1],)
    assert filter_lines(lines, skip=frozenset({"promo"}))[0] == tuple(lines)


def test_photo_credit_is_never_the_byline() -> None:
    art = extract(_raw(photo_credit_byline_page()), Settings())
    assert not any("Brandt" in a for a in art.authors)
    assert any(c.name == "Jon Brandt" for c in art.credits)


def test_interface_labels_in_a_byline_box_are_not_authors() -> None:
    from newsgraph.extract.credits import split_authors

    for label in ("Full Bio", "Text Size", "Our People", "Community Forum"):
        assert split_authors(label) == ()
    assert split_authors("Mara Ellison and Dana Whitlock") == ("Mara Ellison", "Dana Whitlock")


def test_related_boxes_teasers_and_footers_are_not_body() -> None:
    from tests.extract.pages import HEADLINES, article_with_teasers

    art = extract(_raw(article_with_teasers()), Settings())
    assert len(art.text.split("\n\n")) == 5
    for junk in (*HEADLINES[:5], "More stories", "Storm closes coastal road", "Drivers face a long detour", "Quay Street"):
        assert junk not in art.text


def test_paragraph_breaks_made_of_line_breaks_are_kept() -> None:
    from tests.extract.pages import STORY, br_story_page

    art = extract(_raw(br_story_page(), url="https://ledger.example/news/north-pier-to-close-for-repairs"), Settings())
    assert art.text.split("\n\n") == STORY


def test_the_url_shape_is_read_from_folders_and_host_not_from_the_headline_slug() -> None:
    from newsgraph.extract.gate import _url_words

    assert _url_words("https://boards.example/threads/ferry-fares-going-up.1234/") == (True, False, False)
    assert _url_words("https://docs.harbor.example/guide/install") == (True, False, False)
    assert _url_words("https://makers.example/products/driftwood-side-table") == (True, False, False)
    assert _url_words("https://ledger.example/news/2024/05/14/ferry-schedule") == (False, True, False)
    assert _url_words("https://ledger.example/blog/how-products-are-made") == (False, True, False)  # a slug word
    assert _url_words("https://ledger.example/") == (False, False, True)  # the site's home page
    assert _url_words(None) == (False, False, False)


def test_a_forum_or_shop_folder_counts_against_an_article_but_article_metadata_outweighs_it() -> None:
    thread = _evidence(url_against=True, slug_words=4, prose_share=0.7, controls=20, time_stamps=10)
    assert not_article_reason(thread) is not None
    assert "section in the URL" in (not_article_reason(thread) or "")
    # The same page declared and signed as an article (a publisher's news under /community/) is kept.
    assert not_article_reason(_evidence(url_against=True, slug_words=4, prose_share=0.7, controls=20, time_stamps=10,
                                        article_type=True, bylined=True)) is None
    # A blog or news folder speaks for an article.
    assert _evidence(url_for=True).score() < _evidence().score()


def test_a_home_page_with_prices_and_a_short_main_text_is_not_an_article() -> None:
    home = _evidence(home_page=True, slug_words=0, prices=30, body_chars=300, long_paragraphs=0.0, prose_share=0.5,
                     calls_to_action=5)
    reason = not_article_reason(home)
    assert reason is not None and "home page" in reason
    # A long main text speaks for an article.
    assert _evidence(body_chars=20000).score() < _evidence(body_chars=300).score()


def test_prices_are_counted_as_shops_print_them() -> None:
    from newsgraph.extract.gate import _PRICE

    text = "Driftwood table $1,299.00, linen throw €45, mug 12.50 GBP; the ferry fare rose 25 cents in 2024."
    assert len(_PRICE.findall(text)) == 3


def test_the_fictional_article_passes_the_gate_under_a_news_url_and_the_shop_is_rejected_under_its_own() -> None:
    art = extract(_raw(article_page(), url="https://ledger.example/news/2024/05/14/ferry-schedule"), Settings())
    assert art.text.startswith("The Harbor City council")
    with pytest.raises(NewsgraphError) as err:
        extract(_raw(shop_page(), url="https://makers.example/collections/home-goods"), Settings())
    assert err.value.code == Code.NOT_ARTICLE


# ---- the page's own evidence, on fictional pages of each kind (tests/extract/gate_pages.py) ----

def _page_evidence(html: str, url: str) -> PageEvidence:
    from newsgraph.extract.html import extract_html

    res = extract_html(html, url)
    assert res is not None
    return res.evidence


def _gate_rejects(html: str, url: str) -> str:
    """The gate's reason for rejecting the page (the short-text check must not be what rejects it)."""
    with pytest.raises(NewsgraphError) as err:
        extract(_raw(html, url=url), Settings())
    assert err.value.code == Code.NOT_ARTICLE
    assert "reads as a listing, shop, forum, manual or service page" in str(err.value)
    return str(err.value)


def test_a_guide_with_little_markup_is_an_article_by_its_paragraphs() -> None:
    from tests.extract.gate_pages import GUIDE, guide_page

    url = "https://islandwalks.example/gullstone-harbor-winter-walk"
    ev = _page_evidence(guide_page(), url)
    assert not (ev.article_type or ev.og_article or ev.bylined or ev.meta_published or ev.meta_author)
    assert ev.long_paragraphs > 0.6  # nearly all of the page's text is in long paragraphs
    assert extract(_raw(guide_page(), url=url), Settings()).text.split("\n\n") == GUIDE
    # the same page without its long paragraphs scores towards a listing
    assert replace(ev, long_paragraphs=0.0).score() > ev.score() + 0.8


def test_article_tags_in_the_head_speak_for_an_article() -> None:
    from tests.extract.gate_pages import guide_page

    url = "https://islandwalks.example/gullstone-harbor-winter-walk"
    tagged = guide_page().replace(
        "<head>", '<head><meta property="article:published_time" content="2024-12-02T08:00:00Z">'
                  '<meta name="author" content="Island Walks">')
    ev = _page_evidence(tagged, url)
    assert ev.meta_published and ev.meta_author
    assert ev.score() < _page_evidence(guide_page(), url).score()


def test_a_product_in_microdata_is_a_product_without_json_ld() -> None:
    from tests.extract.gate_pages import product_page

    url = "https://makers.example/driftwood-desk-lamp"
    ev = _page_evidence(product_page(), url)
    assert ev.not_article_type and not ev.forum_type
    # in stock, SKU, Quantity, qty (the input's name is not text), add to cart, add to wishlist, free shipping,
    # compare, 3 x out of 5 stars, reviews
    assert ev.shop_words >= 10
    assert "a product, forum or collection type" in _gate_rejects(product_page(), url)


def test_a_listing_of_cards_has_no_paragraphs_of_running_text() -> None:
    from tests.extract.gate_pages import listing_page

    url = "https://ledger.example/local"
    ev = _page_evidence(listing_page(), url)
    assert ev.long_paragraphs == 0.0 and ev.pagination >= 1
    _gate_rejects(listing_page(), url)


def test_a_thread_in_microdata_is_a_forum() -> None:
    from tests.extract.gate_pages import forum_page

    url = "https://talk.example/early-ferry-in-december"  # a headline slug, no forum folder: the markup decides
    ev = _page_evidence(forum_page(), url)
    assert ev.forum_type and ev.not_article_type
    assert "a forum or Q&A type" in _gate_rejects(forum_page(), url)


def test_code_in_the_running_text_speaks_for_a_manual() -> None:
    from tests.extract.gate_pages import docs_page

    url = "https://harbor.example/scheduling-crossings"
    ev = _page_evidence(docs_page(), url)
    assert ev.inline_code == 10 and ev.code_blocks == 2  # a code block's own <code> is not counted twice
    plain = _page_evidence(docs_page().replace("<code>", "<span>").replace("</code>", "</span>"), url)
    assert ev.score() > plain.score() + 0.5
    # under the manual's folder it is rejected
    assert "code in the text" in _gate_rejects(docs_page(), "https://harbor.example/docs/scheduling-crossings")


def test_faq_and_article_types_are_read_from_microdata_and_json_ld() -> None:
    from tests.extract.gate_pages import guide_page

    url = "https://islandwalks.example/gullstone-harbor-winter-walk"
    faq = guide_page().replace("<head>", '<head><script type="application/ld+json">'
                               '{"@context": "https://schema.org", "@type": "FAQPage"}</script>')
    assert _page_evidence(faq, url).faq_type
    marked = guide_page().replace("<main>", '<main itemscope itemtype="http://schema.org/BlogPosting">')
    ev = _page_evidence(marked, url)
    assert ev.article_markup and not ev.not_article_type


def test_a_shops_words_are_counted_where_a_word_starts() -> None:
    from newsgraph.extract.gate import _shop_words, _signs

    phrases = _signs().shop_phrases
    assert _shop_words("Two reviews, one Review; free shipping. In stock.", phrases) == 4
    # inside a word they are not a shop's: "preview", "unskunked", "liquidity"
    assert _shop_words("A preview of the unskunked liquidity report", phrases) == 0


def test_a_next_link_to_another_story_is_post_navigation_not_pagination() -> None:
    from newsgraph.extract.gate import _another_story
    from tests.extract.gate_pages import guide_page

    here = "https://islandwalks.example/walks/gullstone-harbor-winter-walk"
    # a blog's "next post": another headline slug on the site
    assert _another_story(here, "/walks/tern-rock-lighthouse-at-low-tide")
    assert _another_story(None, "https://islandwalks.example/tern-rock-lighthouse-at-low-tide")
    # this page's own next page, a page number, a short or empty target: pagination
    assert not _another_story(here, "/walks/gullstone-harbor-winter-walk/2/")
    assert not _another_story(here + "/page/2", "/walks/gullstone-harbor-winter-walk")
    assert not _another_story(here, "?page=2")
    assert not _another_story(here, "/walks/page/3")
    assert not _another_story(here, " ")

    plain = _page_evidence(guide_page(), here)
    post_nav = guide_page().replace(
        "</main>", '<nav><a rel="prev" href="/walks/the-net-sheds-of-gullstone-in-spring">Previous</a>'
                   '<a rel="next" href="/walks/tern-rock-lighthouse-at-low-tide">Next</a></nav></main>')
    paged = guide_page().replace(
        "</main>", '<a rel="next" href="/walks/gullstone-harbor-winter-walk/2/">Page 2</a>'
                   '<div class="pagination"><a href="?page=2">2</a></div></main>')
    assert plain.pagination == 0
    assert _page_evidence(post_nav, here).pagination == 0
    assert _page_evidence(paged, here).pagination == 2
    assert _page_evidence(paged, here).score() > _page_evidence(post_nav, here).score() + 1


def test_the_weights_are_data_with_one_weight_per_sign() -> None:
    from newsgraph.analyse.text.data import load_json

    data = load_json("gate_weights.json")
    assert set(data["weights"]) == set(_evidence().signs())
    assert _evidence().score() == pytest.approx(data["bias"] + sum(_evidence().points().values()))
