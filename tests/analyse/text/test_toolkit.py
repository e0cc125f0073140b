"""The shared text facts: one definition each, decided where the old copies disagreed."""

from __future__ import annotations

import pytest

from newsgraph.analyse.text.acronyms import is_acronym
from newsgraph.analyse.text.cues import lexicon, reporting_verbs
from newsgraph.analyse.text.data import load_json, read_text
from newsgraph.analyse.text.numbers import MONTHS, month_alternation, parse_number, parse_words
from newsgraph.analyse.text.quotes import quotation_spans


@pytest.mark.parametrize("text", ["UN", "U.S.", "NATO", "WHO", "G7", "B-52", "AT&T", "UNESCO", "E.U."])
def test_acronyms(text: str) -> None:
    # The two old tests disagreed on "G7" and "B-52": both are names written in
    # capitals, which must match only as written and never win as a display name.
    assert is_acronym(text)


@pytest.mark.parametrize("text", ["I", "Iran", "Mr", "us", "A-", "Who", "CONGRESSIONAL"])
def test_not_acronyms(text: str) -> None:
    assert not is_acronym(text)


def test_a_quotation_over_two_paragraphs_is_one_span() -> None:
    text = "“We will rebuild the pier.\n\n“And we will do it this year,” the mayor said."
    assert quotation_spans(text) == [(0, text.index(",”") + 2)]


def test_doubled_apostrophes_mark_a_quotation() -> None:
    text = "The clerk said ''the vote stands'' on Monday."
    (span,) = quotation_spans(text)
    assert text[span[0]:span[1]] == "''the vote stands''"


def test_single_quotes_are_not_a_change_of_voice() -> None:
    assert quotation_spans("Critics called it a ‘bridge to nowhere’ last week.") == []


@pytest.mark.parametrize(("words", "value"), [
    ("three", 3), ("twenty-five", 25), ("one hundred and fifty", 150), ("a dozen", 12), ("two million", 2e6),
    ("a hundred", 100),
])
def test_parse_words(words: str, value: float) -> None:
    assert parse_words(words) == value


@pytest.mark.parametrize(("text", "value"), [
    ("18", 18), ("1,200", 1200), ("two and a half", 2.5), ("a couple of", 2), ("half an", 0.5), ("an", 1),
    ("several", None), ("many", None),
])
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_one_month_table() -> None:
    assert MONTHS["sept"] == MONTHS["september"] == 9
    alternation = month_alternation()
    assert alternation.index("June") < alternation.index("Jun|") and "Sept" in alternation


def test_reporting_verbs_are_the_cue_lexicons() -> None:
    lex = lexicon()
    assert reporting_verbs() == lex.speech | lex.cognition
    assert {"say", "believe", "think", "conclude", "demand"} <= reporting_verbs()


def test_data_loader_is_strict() -> None:
    assert "countries" in load_json("countries.json")
    with pytest.raises(FileNotFoundError):
        read_text("no-such-file.json")


def test_a_quotation_typed_with_mixed_marks_is_split_at_its_cue() -> None:
    # one curly pair around two quotations, each closed or opened with a straight mark
    text = '“The ferry was always on time," Rieger said on Monday. "We will miss it.”'
    assert [text[s:e] for s, e in quotation_spans(text)] == ["“The ferry was always on time,\"", "\"We will miss it.”"]


def test_a_straight_pair_inside_a_curly_quotation_stays_inside() -> None:
    text = "“She called it \"the best pier in town\" and meant it,” the clerk said."
    assert [text[s:e] for s, e in quotation_spans(text)] == [text[: text.index(",”") + 2]]
