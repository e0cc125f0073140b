"""Metadata helpers: dates, titles, people."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from newsgraph.extract.boilerplate import classify_line, filter_lines
from newsgraph.extract.metadata import (
    iso_date,
    local_date,
    people,
    read_metadata,
    site_zone,
    strip_site,
)


@pytest.mark.parametrize(("value", "want"), [
    ("2023-12-20T01:00:21.174Z", "2023-12-20"),
    ("2023/12/05", "2023-12-05"),
    ("December 5, 2023", "2023-12-05"),
    ("5 Dec 2023 10:00", "2023-12-05"),
    ("Tue, 05 Dec 2023 10:00:00 GMT", "2023-12-05"),
    ("20231205", "2023-12-05"),
    ("2023-02-30", None),
    ("not a date", None),
    (None, None),
])
def test_iso_date(value: str | None, want: str | None) -> None:
    assert iso_date(value) == want


def test_local_date_moves_utc_stamps_to_the_site_zone() -> None:
    assert site_zone("https://www.example.com/a") == "America/New_York"
    assert site_zone("https://news.example.co.uk/a") == "Europe/London"
    assert local_date("2023-12-20T01:00:00Z", "America/New_York") == "2023-12-19"
    assert local_date("2023-12-22T18:30:00+00:00", "Australia/Sydney") == "2023-12-23"
    # an explicit local offset is taken as written
    assert local_date("2023-12-22T22:02:10+05:30", "America/New_York") == "2023-12-22"


def test_midnight_utc_is_a_bare_day() -> None:
    # date pickers store a day as midnight UTC; moving it to New York would give the day before
    assert local_date("2024-05-14T00:00:00Z", "America/New_York") == "2024-05-14"
    # a real instant a fraction past midnight UTC is 8 p.m. the evening before in New York
    assert local_date("2024-05-14T00:00:00.408Z", "America/New_York") == "2024-05-13"


def _page(head: str, body: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


_LATE_STAMP = '<meta property="article:published_time" content="2024-05-15T02:30:00Z">'


def test_byline_settles_the_day_of_a_utc_stamp() -> None:
    """02:30 UTC is May 14 in New York and May 15 in London: the page's own byline decides."""
    shows_utc_day = _page(_LATE_STAMP, '<h1>Ferry fares rise</h1>'
                          '<time datetime="2024-05-15T02:30:00Z">Posted on May 15, 2024</time>')
    meta = read_metadata(shows_utc_day, "https://ledger.example/ferry", use_htmldate=False)
    assert (meta.published, meta.published_from) == ("2024-05-15", "html-meta")

    shows_local_day = _page(_LATE_STAMP, '<h1>Ferry fares rise</h1>'
                            '<span class="byline-date">May 14, 2024 10:30 PM EDT</span>')
    assert read_metadata(shows_local_day, "https://ledger.example/ferry", use_htmldate=False).published == "2024-05-14"

    no_byline_date = _page(_LATE_STAMP, "<h1>Ferry fares rise</h1><p>Text.</p>")
    assert read_metadata(no_byline_date, "https://ledger.example/ferry", use_htmldate=False).published == "2024-05-14"


def test_an_update_stamp_does_not_settle_the_day() -> None:
    """The only visible date is when the story was updated: it says nothing about the published day."""
    updated_time = _page(_LATE_STAMP, '<h1>Ferry fares rise</h1><span class="timestamp">Updated '
                         '<time datetime="2024-05-15T09:10:00Z">May 15, 2024 5:10 AM EDT</time></span>')
    assert read_metadata(updated_time, "https://ledger.example/ferry", use_htmldate=False).published == "2024-05-14"

    updated_label = _page(_LATE_STAMP, '<h1>Ferry fares rise</h1>'
                          '<div class="article-date">Last updated May 15, 2024</div>')
    assert read_metadata(updated_label, "https://ledger.example/ferry", use_htmldate=False).published == "2024-05-14"


# Another story's time stamp, before the headline.
_SIDEBAR = '<ul class="sidebar"><li><time datetime="2024-05-18T10:00:00-04:00">10:00</time> Other story</li></ul>'


def test_headline_time_stamp_beats_a_url_date_a_day_off() -> None:
    """A story filed on the 14th (the URL) that went out at 5 a.m. on the 15th (under the headline)."""
    body = (_SIDEBAR +
            '<h1>Ferry fares rise</h1><p class="story-meta">'
            '<time datetime="2024-05-15T05:00:00-04:00">05/15/2024 05:00 AM EDT</time></p>')
    meta = read_metadata(_page("", body), "https://ledger.example/news/2024/05/14/ferry-fares", use_htmldate=False)
    assert (meta.published, meta.published_from) == ("2024-05-15", "dateline")

    # days apart, the stamp is something else (a later update): the URL stays
    far = body.replace("2024-05-15T05:00", "2024-05-20T05:00")
    meta = read_metadata(_page("", far), "https://ledger.example/news/2024/05/14/ferry-fares", use_htmldate=False)
    assert (meta.published, meta.published_from) == ("2024-05-14", "url")


def test_time_under_the_headline_before_sidebar_times() -> None:
    body = (_SIDEBAR +
            '<h1>Ferry fares rise</h1><small>posted on <time datetime="2024-05-15T23:30:00-04:00">'
            '2024-05-15 23:30 EDT</time></small>')
    meta = read_metadata(_page("", body), "https://ledger.example/news/ferry-fares", use_htmldate=False)
    assert (meta.published, meta.published_from) == ("2024-05-15", "dateline")


@pytest.mark.parametrize(("title", "site", "want"), [
    ("Ferry fares rise again next month | The Harbor Ledger", "The Harbor Ledger", "Ferry fares rise again next month"),
    ("The Harbor Ledger - Ferry fares rise again next month", "The Harbor Ledger", "Ferry fares rise again next month"),
    ("Ferry fares rise again next month - Local News - Ledger.example", None, "Ferry fares rise again next month"),
    ("Blinken: Israeli assault of Rafah would be 'mistake'", None, "Blinken: Israeli assault of Rafah would be 'mistake'"),
])
def test_strip_site(title: str, site: str | None, want: str) -> None:
    assert strip_site(title, site) == want


def test_people_only_never_the_publisher() -> None:
    assert people(["By Mara Ellison and Tom Reyes"], None) == ("Mara Ellison", "Tom Reyes")
    assert people(["Harbor Ledger Staff"], "Harbor Ledger") == ()
    assert people(["Associated Press"], None) == ()
    assert people(["Noah Park, Money Reporter"], None) == ("Noah Park",)
    assert people(["Ledger Wire"], "Ledger Wire") == ()


@pytest.mark.parametrize(("line", "reason"), [
    ("Advertisement", "promo"),
    ("Story continues below advertisement", "promo"),
    ("Related: Council to vote on ferry fares", "related"),
    ("READ MORE: Storm closes coastal road", "related"),
    ("You may also like", "related"),
    ("Share this article", "share"),
    ("Follow The Ledger on Twitter and Facebook.", "share"),
    ("Sign up for our daily newsletter", "newsletter"),
    ("Reporting by Mara Ellison; Editing by Tom Reyes", "contributors"),
    ("Updated: May 14, 2024 9:30 a.m.", "timestamp"),
    ("https://ledger.example/news/ferry", "navigation"),
])
def test_classify_line(line: str, reason: str) -> None:
    assert classify_line(line) == reason


@pytest.mark.parametrize("line", [
    "More than 600 residents signed the petition, the council said.",
    "Related coverage was thin, critics argued, because the vote came late at night.",
    "Share prices fell 3% after the announcement.",
    "Also on the agenda was a proposal to extend the night bus.",
])
def test_sentences_are_kept(line: str) -> None:
    assert classify_line(line) is None


def test_menu_runs_and_title_echo_are_removed() -> None:
    menu = ["Home", "News", "Sport", "Weather", "Business", "Opinion", "Arts", "Travel"]
    body = ["The council voted 6-3 on Tuesday to approve a new ferry schedule for commuters."]
    kept, removed, _credits, _rights = filter_lines(["Ferry Schedule Approved", *menu, *body],
                                                    title="Ferry schedule approved")
    assert kept == tuple(body)
    assert [r.reason for r in removed] == ["title"] + ["navigation"] * len(menu)


def test_bulleted_list_inside_the_article_is_kept() -> None:
    lines = ["The plan has three parts:", "- earlier crossings", "- a fare rise of 25 cents", "- eight new deckhands",
             "Council members said the plan would be reviewed in a year."]
    kept, removed, _c, _r = filter_lines(lines)
    assert kept == tuple(lines) and not removed
