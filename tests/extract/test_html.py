"""HTML extraction on fictional pages: body, news filters, metadata."""

from __future__ import annotations

from newsgraph.errors import Code, NewsgraphError
from newsgraph.extract import extract
from newsgraph.extract.html import extract_html
from newsgraph.ingest.files import sha256
from newsgraph.model import RawDocument, SourceRef
from newsgraph.settings import Settings
from tests.extract.pages import article_page, index_page


def _raw(html: str, url: str | None = None, published: str | None = None) -> RawDocument:
    data = html.encode("utf-8")
    return RawDocument(source=SourceRef(id="t", uri="test:", sha256=sha256(data), format="html"),
                       data=data, kind="html", url=url, published=published)


def test_body_is_the_article_paragraphs_only() -> None:
    art = extract(_raw(article_page()), Settings())
    paras = art.text.split("\n\n")
    assert len(paras) == 5
    assert paras[0].startswith("The Harbor City council voted 6-3")
    assert paras[-1].endswith("hospital shift workers.")
    for junk in ("Advertisement", "Related:", "newsletter", "Copyright", "Home", "About us"):
        assert junk not in art.text


def test_removed_lines_keep_their_reasons() -> None:
    art = extract(_raw(article_page()), Settings())
    reasons = {r.text: r.reason for r in art.removed}
    assert reasons["Advertisement"] == "promo"
    assert reasons["Related: Island residents push for later last ferry"] == "related"
    assert reasons["Sign up for our morning newsletter to get the latest local news in your inbox."] == "newsletter"
    assert reasons["Copyright 2024 Harbor Ledger Media Inc. All rights reserved."] == "rights"
    assert art.rights is not None and art.rights.holder == "Harbor Ledger Media Inc." and art.rights.year == 2024


def test_metadata() -> None:
    art = extract(_raw(article_page()), Settings())
    assert art.title == "Harbor Council Approves New Ferry Schedule After Long Debate"
    assert art.authors == ("Mara Ellison",)  # the Organization "author" is not a person
    assert art.publisher == "The Harbor Ledger"
    assert art.published == "2024-05-14" and art.published_from == "html-meta"
    assert art.url == "https://ledger.example/news/2024/05/14/ferry-schedule"
    assert art.language == "en"


def test_caption_credit_is_parsed() -> None:
    res = extract_html(article_page())
    assert res is not None
    assert any(c.name == "Jon Brandt" and c.agency == "Reuters" for c in res.credits)


def test_given_date_wins_over_the_page() -> None:
    art = extract(_raw(article_page(), published="2024-05-20"), Settings())
    assert art.published == "2024-05-20" and art.published_from == "given"


def test_evening_utc_stamp_is_the_local_day() -> None:
    # 02:30 UTC on the 15th is the evening of the 14th in New York
    art = extract(_raw(article_page(published="2024-05-15T02:30:00Z"), url="https://ledger.example/x"), Settings())
    assert art.published == "2024-05-14"


def test_date_from_url_when_the_page_has_none() -> None:
    html = article_page().replace('"datePublished": "2024-05-14T09:30:00-04:00", ', "")
    html = html.replace('<meta property="article:published_time" content="2024-05-14T09:30:00-04:00">', "")
    html = html.replace('<link rel="canonical" href="https://ledger.example/news/2024/05/14/ferry-schedule">', "")
    art = extract(_raw(html, url="https://ledger.example/news/2023/11/02/ferry"), Settings())
    assert art.published == "2023-11-02" and art.published_from == "url"


def test_index_page_is_not_an_article() -> None:
    try:
        extract(_raw(index_page()), Settings())
    except NewsgraphError as exc:
        assert exc.code is Code.NOT_ARTICLE
    else:
        raise AssertionError("an index page was accepted as an article")


def test_byline_element_when_there_is_no_metadata() -> None:
    html = article_page().replace('<meta name="author" content="Mara Ellison">', "")
    html = html.replace('"author": [{"@type": "Person", "name": "Mara Ellison"}, ', '"author": [')
    art = extract(_raw(html), Settings())
    assert art.authors == ("Mara Ellison",)


def test_the_declared_article_body_stands_in_for_a_teaser_list() -> None:
    # trafilatura takes the column of teasers; the page's JSON-LD holds the story.
    from tests.extract.pages import MORE_STORY, STORY, teaser_list_with_declared_body

    art = extract(_raw(teaser_list_with_declared_body(), url="https://ledger.example/news/ferry-museum-opens"), Settings())
    assert art.text.split("\n\n") == STORY + MORE_STORY


def test_the_declared_body_wins_only_where_the_found_text_fails() -> None:
    from newsgraph.extract.html import prefer_declared

    story = ("The harbor authority said on Monday that the north pier will close for repairs from June, after "
             "divers found cracks in two of its oldest pilings.",) * 6
    teasers = ("Storm closes coastal road", "Local bakery wins regional bread prize", "Zoo welcomes red pandas")
    assert prefer_declared(teasers, story)  # no running text found
    assert prefer_declared(story[:2], story)  # a fragment of the declared body
    assert not prefer_declared(story, story[:3])  # the declared body is cut short: the HTML wins
    assert not prefer_declared(teasers, teasers * 20)  # a declared "body" that is not running text
    other = ("Fire crews contained a brush fire near the quarry late on Sunday, and no homes were threatened.",)
    assert not prefer_declared(other, story)  # found prose that the declared body does not hold


def test_a_page_of_stacked_stories_is_not_read_as_one_fragmented_article() -> None:
    # Infinite scroll: each story brings its own <h1>. The page's prose is then no
    # measure of the article, and a short fast pick is not taken for a fragment.
    from lxml import html as lhtml

    from newsgraph.extract.html import MAX_H1, page_prose

    story = "<h1>Ferry fares rise</h1>" + "<p>" + "The council approved the fare rise on Tuesday after a long debate. " * 3 + "</p>"
    one = lhtml.fromstring(f"<html><body>{story}</body></html>")
    stacked = lhtml.fromstring(f"<html><body>{story * (MAX_H1 + 1)}</body></html>")
    assert page_prose(one) > 150
    assert page_prose(stacked) == 0


def test_a_body_run_into_one_paragraph_gets_the_declared_paragraph_breaks() -> None:
    from newsgraph.extract.html import prefer_declared
    from tests.extract.pages import MORE_STORY, STORY

    declared = tuple(STORY + MORE_STORY)
    assert prefer_declared((" ".join(declared),), declared)
    assert not prefer_declared(declared, declared)  # already in paragraphs: nothing to gain


_GUIDE = [
    "Planting a hedge in autumn gives the roots a whole winter to settle before the dry months arrive.",
    "Dig a trench twice as wide as the root balls and loosen the soil at the bottom with a fork.",
    "Set the plants a forearm apart, water them in well and firm the soil around each one by hand.",
    "Trim the tops by a third in the first spring so that the hedge thickens from the base upwards.",
    "Mulch the row with leaf mould every autumn for the first three years to keep the weeds down.",
    "A well planted hedge needs little more than one cut a year once it reaches the height you want.",
    "Most gardeners find that a hedge of mixed native shrubs feeds more birds than a single kind does.",
    "The council's tree officer can tell you which shrubs grow best on the clay soils of the valley.",
]
_BETWEEN = ["What you need", "- a spade and a fork", "- twelve bare-root plants", "- a bag of leaf mould"]


def _reader(fast: list[str], full: list[str]):  # noqa: ANN202 - a test double for trafilatura's two modes
    return lambda is_fast: list(fast if is_fast else full)


def test_the_full_mode_adds_the_list_the_fast_pick_skipped_inside_it() -> None:
    from newsgraph.extract.html import clean_main_text

    full = _GUIDE[:3] + _BETWEEN + _GUIDE[3:]
    kept = clean_main_text(_reader(_GUIDE, full), None)[0]
    assert list(kept) == full


def test_the_full_mode_does_not_add_a_tail_to_a_long_fast_pick() -> None:
    from newsgraph.extract.html import clean_main_text

    tail = ["Reader comments", "Great guide, thanks, I planted mine last weekend and they are doing well so far.",
            "Which shrubs would you suggest for a windy coastal garden with sandy soil and salt spray?"]
    kept = clean_main_text(_reader(_GUIDE, _GUIDE + tail), None)[0]
    assert list(kept) == _GUIDE
