"""Metadata helpers: dates, titles, people."""

from __future__ import annotations

import pytest

from newsgraph.extract.boilerplate import classify_line, filter_lines
from newsgraph.extract.metadata import iso_date, local_date, people, site_zone, strip_site


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
