"""Timex detection and TIMEX3 normalisation on fictional sentences with fixed reference dates."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.nlp.stage import load_nlp
from newsgraph.analyse.timexes.stage import TimexesStage, find_timexes, parse_reference
from newsgraph.model import Article, RawDocument, SourceRef, Timex
from newsgraph.pipeline.stage import AnalysisContext
from newsgraph.settings import Settings

FRIDAY = date(2024, 3, 22)  # a Friday, ISO week 12


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def timexes(nlp, text: str, ref: date | None = FRIDAY) -> list[tuple[str, str, str | None]]:
    doc = nlp(text)
    found = find_timexes(doc, ref)
    for s, e, _t, _v in found:
        assert doc.text[s:e].strip() == doc.text[s:e]  # no stray spaces at the edges
    return [(text[s:e], t, v) for s, e, t, v in found]


def one(nlp, text: str, ref: date | None = FRIDAY) -> tuple[str, str, str | None]:
    found = timexes(nlp, text, ref)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, span, value", [
    # weekdays: tense decides the direction; the reference weekday itself is that date
    ("The council will meet on Friday.", "Friday", "2024-03-22"),
    ("The council met on Friday.", "Friday", "2024-03-22"),
    ("The mayor will visit the port on Tuesday.", "Tuesday", "2024-03-26"),
    ("The mayor visited the port on Tuesday.", "Tuesday", "2024-03-19"),
    ("The two ministers spoke on the phone Monday.", "Monday", "2024-03-18"),
    ("The committee is set to vote on Wednesday.", "Wednesday", "2024-03-27"),
    ("The treaty was signed by both rivals on Thursday.", "Thursday", "2024-03-21"),
    ("The ferry will sail next Friday.", "next Friday", "2024-03-29"),
    ("The ferry sailed last Friday.", "last Friday", "2024-03-15"),
    ("The ferry might sail on Thursday.", "Thursday", "2024-03-28"),
    ("The ferry could have sailed on Thursday.", "Thursday", "2024-03-21"),
    # month and day without a year
    ("The bridge opened on Oct. 7.", "Oct. 7", "2023-10-07"),
    ("The festival will open on Oct. 7.", "Oct. 7", "2024-10-07"),
    ("The orchard flooded on 11 December.", "11 December", "2023-12-11"),
    ("The harvest ended in January.", "January", "2024-01"),
    ("The new ferries are not due until October.", "October", "2024-10"),
    ("The old ferry sailed until October.", "October", "2023-10"),
    ("The vote could take place in January.", "January", "2025-01"),
    # weeks, months, years relative to the reference date
    ("The board will decide next week.", "next week", "2024-W13"),
    ("Earlier this week, the union said it would strike.", "Earlier this week", "2024-W12"),
    ("The union struck last week.", "last week", "2024-W11"),
    ("Sales fell last month.", "last month", "2024-02"),
    ("The plant will close this year.", "this year", "2024"),
    ("The plant closed last year.", "last year", "2023"),
    ("The ferry sank two days ago.", "two days ago", "2024-03-20"),
    ("The mine closed a decade ago.", "a decade ago", "2014"),
    ("The market opened today.", "today", "2024-03-22"),
    ("The market closed yesterday.", "yesterday", "2024-03-21"),
    ("The market will reopen tomorrow.", "tomorrow", "2024-03-23"),
    # absolute forms
    ("The tower was finished in March 2024.", "March 2024", "2024-03"),
    ("The bakery opened in 2023.", "2023", "2023"),
    ("The club was founded on June 5, 1998.", "June 5, 1998", "1998-06-05"),
    ("The club moved on 5 June 2001.", "5 June 2001", "2001-06-05"),
    ("The file is dated 2019-04-02.", "2019-04-02", "2019-04-02"),
    ("The pier reopened on 7/8/07.", "7/8/07", "2007-07-08"),
    # decades, centuries, quarters, seasons
    ("Crime fell sharply in the 1990s.", "the 1990s", "199"),
    ("The mill was built in the 19th century.", "the 19th century", "18"),
    ("Profits rose in the first quarter of 2023.", "the first quarter of 2023", "2023-Q1"),
    ("Profits fell in the third quarter.", "the third quarter", "2023-Q3"),
    ("The canal froze in the summer of 2023.", "the summer of 2023", "2023-SU"),
    ("The canal will freeze this winter.", "this winter", "2024-WI"),
    # reference words
    ("The mill is now closed.", "now", "PRESENT_REF"),
    ("The mill recently changed hands.", "recently", "PAST_REF"),
])
def test_dates(nlp, text, span, value):
    assert one(nlp, text) == (span, "DATE", value)


@pytest.mark.parametrize("text, span, value", [
    ("The strike lasted three years.", "three years", "P3Y"),
    ("The talks went on for 3 days.", "3 days", "P3D"),
    ("The harbour signed a 27-year contract.", "27-year", "P27Y"),
    ("The vote followed a 12-hour debate.", "12-hour", "PT12H"),
    ("The dispute dragged on for almost two and a half years.", "almost two and a half years", "P2.5Y"),
    ("Repairs will take several weeks.", "several weeks", "PXW"),
    ("The council met for thirty minutes.", "thirty minutes", "PT30M"),
    ("Rents rose over the past decade.", "the past decade", "P10Y"),
])
def test_durations(nlp, text, span, value):
    assert one(nlp, text) == (span, "DURATION", value)


@pytest.mark.parametrize("text, span, value", [
    ("The fair is held every year.", "every year", "P1Y"),
    ("The choir sings every Monday.", "every Monday", "XXXX-WXX-1"),
    ("The board meets twice a year.", "twice a year", "P1Y"),
    ("Wages rose 3% a year.", "a year", "P1Y"),
    ("The annual fair drew crowds.", "annual", "P1Y"),
])
def test_sets(nlp, text, span, value):
    assert one(nlp, text) == (span, "SET", value)


def test_times_of_day(nlp):
    assert one(nlp, "The fire started Tuesday morning.") == ("Tuesday morning", "TIME", "2024-03-19TMO")
    assert one(nlp, "The storm hit last night.") == ("last night", "TIME", "2024-03-21TNI")
    found = timexes(nlp, "The first flight landed at 18:00 UTC on Tuesday.")
    assert found == [("18:00 UTC", "TIME", "2024-03-19T18:00Z"), ("Tuesday", "DATE", "2024-03-19")]
    found = timexes(nlp, "The vote is scheduled for 3 p.m. on Friday.")
    assert found[0] == ("3 p.m.", "TIME", "2024-03-22T15:00")


def test_date_inside_noun_phrase(nlp):
    text = "More than 200 families have left since the start of the Oct. 7 flood."
    assert one(nlp, text) == ("Oct. 7", "DATE", "2023-10-07")


def test_weekday_with_date_is_one_expression(nlp):
    assert one(nlp, "Tuesday, March 19, was a holiday.") == ("Tuesday, March 19", "DATE", "2024-03-19")


@pytest.mark.parametrize("text", [
    "She may resign before the vote.",
    "The troops march on through the valley.",
    "About 2000 people marched to the square.",
    "A 27-year-old man was hurt in the crash.",
    "April Ryan asked the first question.",
    "The Daily Courier printed a correction.",
    "He won a second term.",
])
def test_no_false_timex(nlp, text):
    assert timexes(nlp, text) == []


def test_without_reference_date_nothing_is_invented(nlp):
    text = "The council will meet on Friday, a week after Oct. 7, and again next week. It met in 2023 for 3 days."
    found = {span: value for span, _t, value in timexes(nlp, text, ref=None)}
    assert found["Friday"] == "XXXX-WXX-5"
    assert found["Oct. 7"] == "XXXX-10-07"
    assert found["next week"] is None
    assert found["2023"] == "2023"
    assert found["3 days"] == "P3D"


def test_reference_date_changes_the_answer(nlp):
    text = "The mayor visited the port on Tuesday."
    assert one(nlp, text, ref=date(2024, 1, 3))[2] == "2024-01-02"
    assert one(nlp, text, ref=date(2024, 1, 1))[2] == "2023-12-26"  # across a year end


def test_parse_reference():
    assert parse_reference("2024-03-22") == FRIDAY
    assert parse_reference("2024-03-22T10:00:00") == FRIDAY
    assert parse_reference(None) is None
    assert parse_reference("soon") is None


def test_stage_offsets(nlp):
    text = "Blue Harbor\n\nThe ferry company said on Monday that it will resume service next week."
    raw = RawDocument(source=SourceRef("t", "file:t", "0", "text"), data=text.encode(), kind="text", raw=True)
    ctx = AnalysisContext(raw=raw, article=Article(title=None, text=text), settings=Settings(),
                          reference_date="2024-03-22")
    ctx.put(SPACY_DOC, nlp(text))
    TimexesStage(Settings())(ctx)
    layer = ctx.layer("timexes")
    assert all(isinstance(t, Timex) for t in layer)
    assert [(t.text, t.value) for t in layer] == [("Monday", "2024-03-18"), ("next week", "2024-W13")]
    for t in layer:
        assert text[t.start:t.end] == t.text


def test_real_news_runs_clean(nlp):
    """Real articles (PolNeAR dev, the first 12): no crash, offsets exact, values well formed."""
    import json
    import re

    from tests.conftest import shared_file

    path = shared_file("data/quotes/polnear/polnear_dev.jsonl")
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()][:12]
    date_part = r"(?:\d{2,4}|XXXX)(?:-(?:\d\d|XX)(?:-(?:\d\d|XX))?|-W(?:\d\d|XX)(?:-(?:\d|WE))?|-[QH]\d|-(?:SP|SU|FA|WI))?"
    value_shape = re.compile(rf"^{date_part}(?:T(?:\d\d:\d\d|MO|AF|EV|NI)Z?)?$|^P[\dX.]+[YMWDQ]$|^PT[\dX.]+[HMS]$"
                             r"|^(?:PRESENT|PAST|FUTURE)_REF$")
    total = 0
    for doc in nlp.pipe(texts):
        for s, e, t, v in find_timexes(doc, FRIDAY):
            total += 1
            assert doc.text[s:e] and doc.text[s:e] == doc.text[s:e].strip()
            assert t in ("DATE", "TIME", "DURATION", "SET")
            assert v is None or value_shape.match(v), (doc.text[s:e], v)
    assert total > 12


@pytest.mark.parametrize("text", [
    "A reporter for USA Today asked the question.",
    "She hosts the show Larry King Now on weekends.",
])
def test_words_inside_names_are_no_timex(nlp, text):
    assert [span for span, _t, _v in timexes(nlp, text) if span.lower() in ("today", "now")] == []


def test_this_past_weekend(nlp):
    assert one(nlp, "The mayor stumbled this past weekend.") == ("this past weekend", "DATE", "2024-W11-WE")


@pytest.mark.parametrize("text, span, value", [
    ("The shops closed on Christmas Day.", "Christmas Day", "2023-12-25"),
    ("The parade will be held on Thanksgiving.", "Thanksgiving", "2024-11-28"),
    ("Voters went to the polls on Election Day.", "Election Day", "2023-11-07"),
    ("The strikers rested over the weekend.", "the weekend", "2024-W11-WE"),
    ("The council will meet over the weekend.", "the weekend", "2024-W12-WE"),
])
def test_holidays_and_weekends(nlp, text, span, value):
    assert one(nlp, text) == (span, "DATE", value)


def test_head_word_scan_finds_what_a_full_scan_finds(nlp, monkeypatch):
    """The stage only scans text near head words and digits; a whole-text scan must find nothing more."""
    from newsgraph.analyse.timexes import stage as T

    text = (
        "Almost two and a half years ago, the harbour board said it would meet on Friday, March 22, 2024. "
        "Earlier this week the union struck; the strike lasted for several weeks over the past few years. "
        "The end of the year is near, more than 20 years ago the mill closed in the 1990s, at 3 p.m. UTC. "
        "Every other week the choir sang, twice a year the fair opened, on Christmas Day and this past weekend. "
        "The first quarter of 2023 was weak; in mid-2011 and early 2009 things were better; right now, "
        "at the moment, recently and in the future matter. The 27-year contract ran from 2009 to 2011."
    )
    doc = nlp(text)
    narrow = T.find_timexes(doc, FRIDAY)
    monkeypatch.setattr(T._Tokens, "segments", lambda self: [(0, len(self.text))])
    assert T.find_timexes(doc, FRIDAY) == narrow
    assert len(narrow) > 20
