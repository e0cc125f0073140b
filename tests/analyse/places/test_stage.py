"""Places: toponym recognition and resolution on fictional sentences."""

from __future__ import annotations

from newsgraph.analyse.entities import ENTITIES
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.places.gazetteer import distance_km, load_gazetteer, normalise
from newsgraph.analyse.places.stage import PlacesStage, home_town_candidates
from newsgraph.model import AnalyzedDocument
from newsgraph.pipeline.runner import Pipeline
from newsgraph.settings import load_settings
from tests.analyse.places.conftest import STAGES, analyse, raw_text


def places_named(doc: AnalyzedDocument, name: str) -> list:
    return [p for p in doc.places if p.name == name]


def test_normalise_folds_dots_case_accents_and_saints() -> None:
    assert normalise("U.S.") == normalise("US") == "us"
    assert normalise("St. Petersburg") == normalise("Saint Petersburg")
    assert normalise("Rafaḩ") == "rafah"
    assert normalise("the Gaza Strip") == normalise("Gaza Strip")


def test_gazetteer_knows_regions_countries_states_and_towns() -> None:
    gaz = load_gazetteer()
    assert any(c.country == "PS" for c in gaz.lookup("West Bank"))
    assert any(c.country == "PS" for c in gaz.lookup("Gaza Strip"))
    assert any(c.kind == "region" and c.country is None for c in gaz.lookup("Middle East"))
    assert any(c.country == "US" and c.kind == "country" for c in gaz.lookup("U.S."))
    assert any(c.admin1 == "WV" and c.kind == "adm1" for c in gaz.lookup("W.Va."))
    assert any(c.country == "EG" for c in gaz.lookup("Rafah")) and any(c.country == "PS" for c in gaz.lookup("Rafah"))
    assert gaz.demonym("Palestinians")[0].country == "PS"
    assert gaz.lookup("Qwzxville Heights") == ()


def test_qualified_small_town_beats_the_famous_one(pipe: Pipeline) -> None:
    doc = analyse(pipe, "The city council of Paris, Texas, voted on Tuesday to repave the old square.")
    paris = places_named(doc, "Paris")
    assert paris and paris[0].country == "US"
    assert distance_km(paris[0].lat, paris[0].lon, 33.66, -95.55) < 30


def test_ap_state_abbreviation_qualifies_and_is_a_place(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Marta Quill, 54, of Springfield, Ill., opened a bakery near the county courthouse.")
    spring = places_named(doc, "Springfield")
    assert spring and spring[0].country == "US"
    assert distance_km(spring[0].lat, spring[0].lon, 39.80, -89.64) < 40
    ill = places_named(doc, "Ill.")
    assert ill and ill[0].country == "US"


def test_unqualified_famous_city_wins(pipe: Pipeline) -> None:
    doc = analyse(pipe, "The trade ministers will meet in Paris next month, the spokeswoman said.")
    paris = places_named(doc, "Paris")
    assert paris and paris[0].country == "FR" and paris[0].geonameid == 2988507


def test_state_named_in_article_pulls_the_town(pipe: Pipeline) -> None:
    text = ("Virginia officials said the new ferry will stop in Alexandria before continuing down the river. "
            "Commuters in Alexandria have waited years for it, the mayor of Fairfax said.")
    doc = analyse(pipe, text)
    alex = places_named(doc, "Alexandria")
    assert alex and all(p.country == "US" for p in alex)


def test_rafah_near_gaza_and_regions(pipe: Pipeline) -> None:
    text = ("Aid convoys crossed into the Gaza Strip at Rafah on Sunday, and officials in the West Bank "
            "said more would follow. Diplomats across the Middle East welcomed the move.")
    doc = analyse(pipe, text)
    assert {p.country for p in places_named(doc, "Rafah")} == {"PS"}
    assert {p.country for p in doc.places if "Gaza Strip" in p.name} == {"PS"}
    assert {p.country for p in places_named(doc, "West Bank")} == {"PS"}
    mid = places_named(doc, "Middle East")
    assert mid and mid[0].country is None and mid[0].lat is not None


def test_demonyms_name_their_country(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Egyptian mediators met Qatari envoys on Monday, a Jordanian official said.")
    countries = {p.country for p in doc.places}
    assert {"EG", "QA", "JO"} <= countries


def test_home_town_from_the_papers_domain() -> None:
    gaz = load_gazetteer()
    towns = home_town_candidates("www.fargoherald.com", gaz)
    assert towns and any(c.admin1 == "ND" for c in towns)
    assert home_town_candidates("star-telegram.com", gaz) == ()
    assert home_town_candidates("example.org", gaz) == ()


def test_local_paper_puts_the_shared_name_in_its_state(pipe: Pipeline) -> None:
    text = ("A storm knocked out power in Columbus on Friday. Crews from Norfolk and Grand Island "
            "worked through the night, the utility said.")
    doc = analyse(pipe, text, url="http://www.columbusweeklytimes.com/news/storm.html")
    col = places_named(doc, "Columbus")
    assert col and col[0].country == "US"
    # Grand Island and Norfolk pin the article to Nebraska, not Ohio or Georgia
    assert distance_km(col[0].lat, col[0].lon, 41.43, -97.37) < 161


def test_county_is_placed_in_its_state(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Deputies in Laurel County, Ky., arrested two men after a chase on Monday.")
    county = places_named(doc, "Laurel County")
    assert county and county[0].country == "US" and county[0].geonameid is None
    assert distance_km(county[0].lat, county[0].lon, 37.5, -85.25) < 250


def test_offsets_slice_the_text_and_no_place_without_candidates_is_invented(pipe: Pipeline) -> None:
    text = "Mayor Olen Brack of Quarrytown said the Qwzxville plant would close. Brack lives in Denver."
    doc = analyse(pipe, text)
    for p in doc.places:
        assert text[p.start:p.end] == p.name
    denver = places_named(doc, "Denver")
    assert denver and denver[0].country == "US"
    assert not any(p.name == "Olen Brack" for p in doc.places)


def test_falls_back_to_spacy_when_entities_layer_is_empty(pipe: Pipeline) -> None:
    from newsgraph.analyse.nlp.stage import load_nlp
    from newsgraph.model import Article
    from newsgraph.pipeline.stage import AnalysisContext

    settings = load_settings().replace(stages=STAGES)
    text = "Rescue teams reached Kathmandu and parts of western Nepal on Saturday."
    ctx = AnalysisContext(raw=raw_text(text), article=Article(title=None, text=text), settings=settings, reference_date=None)
    ctx.put(SPACY_DOC, load_nlp(settings.model)(text))
    ctx.put(ENTITIES, ())
    PlacesStage(settings)(ctx)
    got = {(p.name, p.country) for p in ctx.layer("places")}
    assert ("Kathmandu", "NP") in got
    assert all(p.entity_id is None for p in ctx.layer("places"))


def test_georgia_the_country_or_the_state_by_context(pipe: Pipeline) -> None:
    abroad = analyse(pipe, "Russian tanks rolled toward Tbilisi on Friday as Georgia appealed to Moscow for talks.")
    home = analyse(pipe, "Lawmakers in Atlanta passed the budget on Friday, and Georgia schools will get more money, "
                         "officials in Macon and Savannah said.")
    assert {p.country for p in places_named(abroad, "Georgia")} == {"GE"}
    assert {p.country for p in places_named(home, "Georgia")} == {"US"}


def test_washington_alone_is_the_capital(pipe: Pipeline) -> None:
    doc = analyse(pipe, "The envoy flew back to Washington after the talks broke down.")
    wash = places_named(doc, "Washington")
    assert wash and wash[0].geonameid == 4140963


def test_two_qualified_readings_of_one_name_stay_apart(pipe: Pipeline) -> None:
    text = "Mayors from Springfield, Mo., and Springfield, Ill., met on Monday to compare notes."
    doc = analyse(pipe, text)
    spring = places_named(doc, "Springfield")
    assert len(spring) == 2
    assert distance_km(spring[0].lat, spring[0].lon, 37.2, -93.3) < 50
    assert distance_km(spring[1].lat, spring[1].lon, 39.8, -89.6) < 50


def test_common_words_that_are_towns_somewhere_are_not_rescued(pipe: Pipeline) -> None:
    doc = analyse(pipe, "She put her faith in God and in Congress, she told reporters after the vote.")
    assert not any(p.name in ("God", "Congress") for p in doc.places)
