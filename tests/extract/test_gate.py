"""The article gate and the short-text fallback, on fictional pages and hand-built evidence."""

from __future__ import annotations

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
    base: dict[str, object] = dict(article_type=False, og_article=False, dated=False, bylined=False,
                                   not_article_type=False, linked_headings=0, cards=0, code_blocks=0, prices=0,
                                   prose_share=0.9)
    base.update(kw)
    return PageEvidence(**base)  # type: ignore[arg-type]


def test_shop_category_gets_the_coded_rejection() -> None:
    with pytest.raises(NewsgraphError) as err:
        extract(_raw(shop_page(), url="https://makers.example/c/home"), Settings())
    assert err.value.code == Code.NOT_ARTICLE
    assert "24 article cards" in str(err.value)


def test_news_article_passes_the_gate() -> None:
    art = extract(_raw(article_page()), Settings())
    assert art.text.startswith("The Harbor City council")


def test_a_page_with_no_evidence_either_way_is_kept() -> None:
    # A guide or blog post without metadata is still an article.
    assert not_article_reason(_evidence()) is None


def test_evidence_against_must_outweigh_evidence_for() -> None:
    manual = _evidence(code_blocks=60, prose_share=0.4)
    assert not_article_reason(manual) is not None
    # A dated, bylined tutorial with the same code blocks is an article.
    assert not_article_reason(_evidence(code_blocks=60, prose_share=0.4, dated=True, bylined=True)) is None
    # One sign against is never enough.
    assert not_article_reason(_evidence(prices=40)) is None
    assert not_article_reason(_evidence(not_article_type=True, cards=12, article_type=True)) is None


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
