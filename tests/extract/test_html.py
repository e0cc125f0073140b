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
