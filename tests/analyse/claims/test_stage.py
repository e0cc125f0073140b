"""The claims layer on fictional sentences: values, qualifiers, units, ranges, changes, sources."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.analyse.attributions import ATTRIBUTIONS
from newsgraph.analyse.claims.numbers import find_amounts, parse_words, qualifier_before
from newsgraph.analyse.claims.stage import ClaimsStage, extract_claims
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.nlp.stage import load_nlp
from newsgraph.model import Article, Attribution, Claim, RawDocument, SourceRef, Span, SpeakerRef
from newsgraph.pipeline.stage import AnalysisContext
from newsgraph.settings import Settings


def claims_of(text: str, attributions: tuple[Attribution, ...] = ()) -> list[Claim]:
    return extract_claims(text, load_nlp()(text), attributions)


def one(text: str) -> Claim:
    found = claims_of(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("words, value", [
    ("three", 3), ("twenty-five", 25), ("one hundred and fifty", 150), ("two dozen", 24),
    ("a million", 1e6), ("Fifty-two", 52), ("two thousand three hundred", 2300), ("banana", None),
])
def test_parse_words(words: str, value: float | None) -> None:
    assert parse_words(words) == value


@pytest.mark.parametrize("text, expected", [
    ("Ferry fares rose by about 4% in the spring.", "about"),
    ("The pantry fed well over 900 families.", "more than"),
    ("Almost 70 volunteers turned up.", "nearly"),
    ("As many as 12 barges sank.", "up to"),
    ("Less than 300 tickets remain.", "fewer than"),
    ("No fewer than 8 mayors signed.", "at least"),
    ("The plant makes 40 tractors a week.", None),
])
def test_qualifier_mapping(text: str, expected: str | None) -> None:
    start = next(find_amounts(text, [])).start
    assert qualifier_before(text, start)[0] == expected


def test_count_with_qualifier_and_counted_noun() -> None:
    c = one("Rescuers said more than 1,450 sheep drowned in the valley floods.")
    assert (c.value, c.qualifier, c.unit) == (1450, "more than", "sheep")
    assert c.text == "more than 1,450 sheep"


def test_text_is_always_the_offsets_span() -> None:
    text = "Roughly 2.5 million visitors and 40 ferries, plus €3.2bn of orders and 7 percent growth."
    found = claims_of(text)
    assert len(found) == 4
    for c in found:
        assert text[c.start:c.end] == c.text


@pytest.mark.parametrize("text, value, unit", [
    ("The port authority spent $3.1 billion on new cranes.", 3.1e9, "USD"),
    ("The council approved a £45m budget.", 45e6, "GBP"),
    ("The deal is worth €700 million.", 7e8, "EUR"),
    ("Growers lost 2 billion rupees to the drought.", 2e9, "INR"),
    ("The province will borrow 1.5 billion Canadian dollars.", 1.5e9, "CAD"),
    ("A loaf now costs 85 cents.", 0.85, "USD"),
    ("The airline earned A$410 million.", 4.1e8, "AUD"),
])
def test_currencies_are_normalised(text: str, value: float, unit: str) -> None:
    c = one(text)
    assert c.unit == unit
    assert c.value == pytest.approx(value)


def test_percent_and_percentage_points() -> None:
    found = claims_of("Turnout fell 3 percentage points to 61 per cent.")
    assert [(c.value, c.unit) for c in found] == [(3, "percentage points"), (61, "%")]


@pytest.mark.parametrize("text, value, magnitude, unit", [
    # a share is a percentage (as the real-news annotators write it): "a third of X" is 33.3 %
    ("About a third of the orchard workers are seasonal.", 100 / 3, None, "%"),
    ("Two-thirds of the lakes froze.", 200 / 3, None, "%"),
    ("Nearly half of the 800 members voted.", 50, None, "%"),
    ("Roughly one in four renters is behind on payments.", 0.25, None, "renters"),
    ("Thousands of commuters were stranded.", None, 1e3, "commuters"),
    ("Tens of thousands of salmon died.", None, 1e4, "salmon"),
    ("Dozens of stalls were damaged.", None, 12, "stalls"),
])
def test_fractions_ratios_and_vague_amounts(text: str, value: float | None, magnitude: float | None,
                                            unit: str) -> None:
    c = claims_of(text)[0]
    assert c.unit == unit
    assert c.magnitude == magnitude
    if value is None:
        assert c.value is None
    else:
        assert c.value == pytest.approx(value)


@pytest.mark.parametrize("text, low, high, unit", [
    ("Between 40 and 60 kayakers joined the race.", 40, 60, "kayakers"),
    ("Forecasters expect 10-15 centimetres of rain.", 10, 15, "centimetres"),
    ("Seats cost from $25 to $90.", 25, 90, "USD"),
    ("Some 3,000 to 4,000 pilgrims camped outside the town.", 3000, 4000, "pilgrims"),
])
def test_ranges(text: str, low: float, high: float, unit: str) -> None:
    c = one(text)
    assert (c.value, c.value_max, c.unit) == (low, high, unit)


def test_a_poll_split_is_not_a_range() -> None:
    found = claims_of("The mayor leads 52% to 44% in the latest count.")
    assert [(c.value, c.value_max) for c in found] == [(52, None), (44, None)]


def test_change_and_new_level() -> None:
    found = claims_of("Ticket sales jumped 8% to $2.4 million in the quarter.")
    assert [(c.value, c.unit, c.change) for c in found] == [(8, "%", "rise"), (2.4e6, "USD", "rise")]
    found = claims_of("The lake's water level dropped 40 centimetres over the summer.")
    assert [(c.value, c.change) for c in found] == [(40, "fall")]
    assert one("The club raised $2 million for the new stand.").change is None


def test_bare_number_takes_the_counted_noun_of_its_sentence() -> None:
    found = claims_of("Nine miners were rescued and two were still missing.")
    assert [(c.value, c.unit) for c in found] == [(9, "miners"), (2, "miners")]


@pytest.mark.parametrize("text", [
    "The festival returns on Oct. 12 after a pause since 2019.",
    "The ferry leaves at 6:45 a.m. from Pier 3.",
    "She was named the sixth director of the museum in March 2021.",
    "The 52-year-old captain had served for three decades.",
    "Call 555-0148 for tickets, or see Section 12 of the rules.",
    "The Otters beat the Herons 3-1 to reach the 1990s record.",
    "The vote on Measure 14 was held on the 21st.",
    "One of the lifeguards said no one was hurt.",
])
def test_not_figures(text: str) -> None:
    assert claims_of(text) == []


def test_source_is_the_speaker_of_the_enclosing_attribution() -> None:
    text = "The harbor master said about 70 boats were damaged. Some 20 more sank in 2019."
    content_start = text.index("about")
    content_end = text.index(".")
    att = Attribution(
        id="a1", kind="indirect", content=Span(content_start, content_end, text[content_start:content_end]),
        cue=Span(17, 21, "said"), speaker=SpeakerRef("The harbor master", 0, 17, "e3", "harbor master"),
    )
    first, second = claims_of(text, (att,))
    assert first.source is not None and first.source.name == "harbor master"
    assert first.source.entity_id == "e3" and first.attribution_id == "a1"
    assert second.source is None and second.attribution_id is None


def test_stage_assigns_the_layer() -> None:
    text = "Officials counted 312 ballots."
    source = SourceRef(id="t", uri="test:t", sha256="0", format="text")
    ctx = AnalysisContext(raw=RawDocument(source=source, data=text.encode(), kind="text", raw=True),
                          article=Article(title=None, text=text), settings=Settings(), reference_date=None)
    ctx.put(SPACY_DOC, load_nlp()(text))
    ctx.put(ATTRIBUTIONS, ())
    ClaimsStage(Settings())(ctx)
    (c,) = ctx.layer("claims")
    assert (c.id, c.value, c.unit, c.source) == ("c1", 312, "ballots", None)


def test_currency_after_vague_and_scaled_fractions() -> None:
    c = one("The scheme moved millions of dollars offshore.")
    assert (c.value, c.magnitude, c.unit) == (None, 1e6, "USD")
    c = one("The farm needs a quarter of a million dollars for repairs.")
    assert (c.value, c.unit) == (250_000, "USD")
    c = one("Half a million euros went missing.")
    assert (c.value, c.unit) == (500_000, "EUR")


def test_a_lone_one_is_not_a_figure_but_a_counted_one_is() -> None:
    assert claims_of("In one interview, the coach praised the fans.") == []
    found = claims_of("The board passed the plan by 9 votes with one abstention.")
    assert [(c.value, c.unit) for c in found] == [(9, "votes"), (1, "abstention")]


def test_change_needs_the_figure_to_be_the_change() -> None:
    c = one("The guide has climbed the highest peaks on all seven continents.")
    assert c.change is None


_PIECES = ["the", "ferry", "carried", "more than", "about", "31,000", "1.2", "million", "$", "£", "€", "%",
           "percent", "two", "dozen", "a third of", "between", "and", "to", "-", "20", "30", "Oct.", "7",
           "2024", "rose", "fell", "people", ",", ".", "“", "”", "said", "Route", "9", "half", "of",
           "millions", "one", "in", "five", "4:30", "p.m.", "555-0100", "34-year-old", "0.5", "bn", "m"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30))
def test_any_text_gives_valid_spans(pieces: list[str]) -> None:
    text = " ".join(pieces)
    for c in claims_of(text):
        assert text[c.start:c.end] == c.text
        assert c.value is not None or c.magnitude is not None
        assert c.value_max is None or (c.value is not None and c.value_max > c.value)


def test_timex_spans_remove_numbers_but_not_shares() -> None:
    from newsgraph.model import Timex

    text = "Less than a quarter of the donors gave in 2012, and 40 volunteers worked for 10 years."
    def span(s: str, kind: str, value: str) -> Timex:
        i = text.index(s)
        return Timex(i, i + len(s), s, kind, value)
    timexes = (span("Less than a quarter", "DURATION", "P1Q"), span("2012", "DATE", "2012"),
               span("10 years", "DURATION", "P10Y"))
    found = extract_claims(text, load_nlp()(text), (), timexes)
    assert [(c.value, c.unit, c.qualifier) for c in found] == [(25.0, "%", "fewer than"), (40, "volunteers", None)]


@pytest.mark.parametrize("text", [
    "Families of 9/11 victims marched, and the hotline runs 24/7.",
    "The players high-five fans after a two-way contest.",
    "The township board voted 4 to 1 against the plan, and the court split 5-4.",
])
def test_more_non_figures(text: str) -> None:
    assert claims_of(text) == []


def test_hyphenated_spelled_number_and_percent_range() -> None:
    assert [(c.value, c.unit) for c in claims_of("Ninety-nine lanterns were lit.")] == [(99, "lanterns")]
    c = one("Rents rose 20-30% in the old town.")
    assert (c.value, c.value_max, c.unit, c.change) == (20, 30, "%", "rise")


def test_more_and_others_take_the_noun_counted_before() -> None:
    found = claims_of("The storm killed 7 people and injured dozens more, and three others are missing.")
    assert [(c.value, c.magnitude, c.unit) for c in found] == [(7, None, "people"), (None, 12, "people"),
                                                               (3, None, "people")]
    assert [c.text for c in found][1] == "dozens"


@pytest.mark.parametrize("text, value, unit", [
    ("About 1m people were affected.", 1e6, "people"),
    ("The coastguard seized a 45m yacht.", 45, "m"),
    ("The wind farm will add 300MW to the grid.", 300, "MW"),
    ("Inflation eased to 3.9pc.", 3.9, "%"),
    ("Temperatures fell to minus 5 degrees.", -5, "degrees"),
    ("A 5,000-strong crowd gathered outside.", 5000, "crowd"),
])
def test_glued_units_and_signs(text: str, value: float, unit: str) -> None:
    c = one(text)
    assert (c.value, c.unit) == (pytest.approx(value), unit)


def test_glued_letters_that_are_names_are_not_figures() -> None:
    assert claims_of("The 5G masts and a 3D cinema opened.") == []


def test_years_ages_and_every() -> None:
    assert [c.value for c in claims_of("Emissions must fall to 32 percent below 2005 levels.")] == [32]
    assert claims_of("Dara Quill, 40 ― a ferry pilot ― was rescued.") == []
    assert [(c.value, c.unit) for c in claims_of("In Lisbon, 40 people were rescued.")] == [(40, "people")]
    c = one("About one of every nine voters is undecided.")
    assert (c.value, c.unit, c.qualifier) == (pytest.approx(1 / 9), "voters", "about")


# ---- issue 19: figures that are figures (fictional sentences, one per failure class)

@pytest.mark.parametrize("text", [
    "The shelter at 4817 W. Larkspur Ave reopened on Tuesday.",          # a street address
    "Neighbours said they called 911 when the smoke appeared.",           # an emergency number
    "The company unveiled the Zentra 15 at its spring launch.",           # a product number
    "Talks on a two-state arrangement stalled again.",                    # a number in a compound
    "Officials called it a three-legged plan for the harbour.",           # the same, adjective in -ed
    "Investors cheered 7Harbor, the firm's new fund.",                    # digits glued to a name
    "The team finished the season with two one-loss rivals behind it.",   # "one-loss" is no figure
])
def test_numbers_that_are_not_figures(text: str) -> None:
    got = [(c.text, c.value) for c in claims_of(text)]
    assert all(v not in (4817, 911, 15, 3, 7) or t == "two one-loss rivals" for t, v in got), got
    if "one-loss" in text:
        assert [(c.value, c.unit) for c in claims_of(text)] == [(2, "rivals")]


@pytest.mark.parametrize("text, value, unit", [
    ("Farmers sold rice at P1,845.50 per sack last week.", 1845.5, "PHP per sack"),
    ("The stall charged ₱250 for a basket of mangoes.", 250, "PHP"),
    ("Fares rose to 35 pesos.", 35, "MXN"),
    ("Farm-gate prices fell to 19 Philippine pesos a kilo.", 19, "PHP per kilo"),
    ("The deal was worth 12 billion yuan.", 12e9, "CNY"),
    ("Tickets cost Rs 400 at the gate.", 400, "INR"),
    ("Tickets cost ₹400 at the gate.", 400, "INR"),
    ("The bond raised US$45 million.", 45e6, "USD"),
    ("The fine was €2.5 million.", 2.5e6, "EUR"),
    ("The club paid £30 million for the striker.", 30e6, "GBP"),
    ("The chip plant cost ¥900 billion.", 900e9, "JPY"),
])
def test_currencies(text: str, value: float, unit: str) -> None:
    c = claims_of(text)[0]
    assert (c.value, c.unit) == (pytest.approx(value), unit)


def test_peso_rate_keeps_its_denominator_and_the_denominator_is_no_figure() -> None:
    found = claims_of("Retailers now ask P2,310.75 per 50-kilo bag of milled rice.")
    assert [(c.value, c.unit) for c in found] == [(pytest.approx(2310.75), "PHP per 50-kilo bag")]
    assert found[0].text == "P2,310.75 per 50-kilo bag"


def test_range_keeps_value_max() -> None:
    c = claims_of("Between 120 and 150 volunteers cleared the beach.")[0]
    assert (c.value, c.value_max, c.unit) == (120, 150, "volunteers")


def test_share_text_takes_in_what_it_is_a_share_of() -> None:
    c = claims_of("Officials said 14% of the stranded drivers were tourists.")[0]
    assert (c.value, c.unit, c.text) == (14, "%", "14% of the stranded drivers")


def test_a_definite_spelled_count_given_again_is_not_confident() -> None:
    text = ("Three wardens were suspended on Monday. A review found the three wardens ignored the alarms, "
            "and the three wardens will appeal.")
    confs = [(c.text, c.provenance.confidence) for c in _with_provenance(text)]
    assert confs[0][1] is not None and confs[0][1] >= 0.5
    assert all(conf is not None and conf < 0.5 for _, conf in confs[1:]), confs


def _with_provenance(text: str) -> list[Claim]:
    from newsgraph.model import Provenance
    return extract_claims(text, load_nlp()(text), (), (), provenance=Provenance("claims", "1", "rules"))


@pytest.mark.parametrize("speaker, before, name", [
    ("Judge Ortlund's written ruling", "", "Judge Ortlund"),               # a document's owner
    ("estimates from shipping analysts Marelli Data", "", "Marelli Data"),
    ("a Brightwater survey", "", "Brightwater"),
    ("the report", "Harrow Tribune reported on Friday that the depot would close. ", "Harrow Tribune"),
    ("the report", "", "the report"),                                     # no owner in sight: as written
    ("he", "", None),                                                     # a pronoun names nobody
    ("county records", "", "county records"),
])
def test_source_names(speaker: str, before: str, name: str | None) -> None:
    from newsgraph.analyse.claims.sources import source_name
    assert source_name(speaker, before) == name


def test_according_to_in_the_figure_sentence_is_its_source() -> None:
    found = claims_of("Ferry traffic fell 12% last month, according to the Port of Veldra's annual review.")
    assert [(c.value, c.source.name if c.source else None) for c in found] == [(12, "Port of Veldra")]
    inside = claims_of("Turnout was high, according to three officials at the count.")
    assert all(c.source is None for c in inside)


def test_a_closing_evidence_clause_is_the_source() -> None:
    from newsgraph.analyse.claims.sources import evidence_after
    sentence = "The repairs could cost more than $40 million, a Larkfield Gazette review this month showed."
    assert evidence_after(sentence, sentence.index("$40")) == "Larkfield Gazette"
    assert evidence_after("Rents rose 4%, the new figures showed.", 11) == "the new figures"
    assert evidence_after("Rents rose 4% in May.", 11) is None
