"""Places are places (issue 19): fictional sentences, one per failure class.

A mention that is no location in its context may still be in the layer (sets
such as LGL count demonyms and places inside names), but below confidence 0.5,
which is what default views and the real-news scorer leave out.
"""

from __future__ import annotations

from newsgraph.analyse.places.patterns import named_feature
from newsgraph.model import AnalyzedDocument, Place
from newsgraph.pipeline.runner import Pipeline
from tests.analyse.places.conftest import analyse


def confident(doc: AnalyzedDocument) -> list[Place]:
    return [p for p in doc.places if p.provenance is not None and (p.provenance.confidence or 0) >= 0.5]


def confident_names(doc: AnalyzedDocument) -> set[str]:
    return {p.name for p in confident(doc)}


def test_every_place_has_a_confidence(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Flooding closed roads in Leeds and York on Sunday, and Albanian officials sent help.")
    assert doc.places
    assert all(p.provenance is not None and p.provenance.confidence is not None for p in doc.places)


def test_a_person_is_not_a_place(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Marcy Lindell Haley met donors in Boston on Friday. Haley said the race was open.")
    names = confident_names(doc)
    assert "Boston" in names
    assert "Haley" not in names and "Marcy Lindell Haley" not in names


def test_a_lone_given_name_is_not_a_place(pipe: Pipeline) -> None:
    doc = analyse(pipe, "The letter from Alexandra arrived late, her brother said in Denver.")
    assert "Alexandra" not in confident_names(doc)
    assert "Denver" in confident_names(doc)


def test_a_place_inside_an_organisation_name_is_not_a_location(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Shares of Bank of Ostrava Holdings rose after the Chicago Tribune Group reported "
                        "record sales at its plant in Dayton.")
    names = confident_names(doc)
    assert "Dayton" in names
    assert "Chicago" not in names


def test_a_university_named_after_a_town_is_not_a_place(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Harvard University announced a new lab. Harvard will hire forty researchers, "
                        "the dean said at a briefing in Cambridge, Massachusetts.")
    names = confident_names(doc)
    assert "Harvard" not in names and "Harvard University" not in names
    assert "Cambridge" in names


def test_a_demonym_is_not_a_location(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Albanian negotiators arrived in Vienna for the talks.")
    assert "Vienna" in confident_names(doc)
    demonyms = [p for p in doc.places if p.name == "Albanian"]
    assert all((p.provenance.confidence or 0) < 0.5 for p in demonyms if p.provenance)


def test_a_capital_standing_for_its_government_is_a_metonym(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Paris warned on Monday that the tariff would hurt farmers in Normandy.")
    paris = [p for p in doc.places if p.name == "Paris"]
    assert paris and all(p.provenance is not None and p.provenance.method == "metonym" for p in paris)
    assert all((p.provenance.confidence or 0) < 0.5 for p in paris if p.provenance)


def test_homonym_follows_a_british_story(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Ambulance crews in Truro, Cornwall, worked through the night, and the coast "
                        "road near Penzance was shut.", url="https://www.example.co.uk/news/1")
    cornwall = [p for p in doc.places if p.name == "Cornwall"]
    assert cornwall and cornwall[0].country == "GB"


def test_homonym_follows_an_american_story(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Council members in Richmond, Va., voted to repave roads near Petersburg and "
                        "Chesterfield.", url="https://www.example.com/local/2")
    richmond = [p for p in doc.places if p.name == "Richmond"]
    assert richmond and richmond[0].country == "US"
    assert richmond[0].lat is not None and 36.5 < richmond[0].lat < 38.5


def test_country_wins_over_a_small_town_of_the_same_name(pipe: Pipeline) -> None:
    doc = analyse(pipe, "The envoy travelled to Egypt for talks, then flew back to Washington.",
                  url="https://www.example.com/world/3")
    egypt = [p for p in doc.places if p.name == "Egypt"]
    assert egypt and egypt[0].country == "EG"


def test_a_street_is_placed_at_its_town(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Police in Norwood closed part of Wexley Street after a crash on Tuesday.")
    street = [p for p in doc.places if p.name == "Wexley Street"]
    town = [p for p in doc.places if p.name == "Norwood"]
    if street:  # NER may not tag the street; when it does, it sits at the town
        assert town and (street[0].lat, street[0].lon) == (town[0].lat, town[0].lon)


def test_named_features() -> None:
    assert named_feature("Morse Street") and named_feature("Al Noor Hospital")
    assert not named_feature("Wall Street") and not named_feature("Morse")


def test_dateline_and_party_affiliation_are_places(pipe: Pipeline) -> None:
    doc = analyse(pipe, "SPRINGFIELD, Ill. (AP) — State Sen. Dana Pruitt (D-Chicago) filed the bill on Monday.")
    names = confident_names(doc)
    assert "SPRINGFIELD" in names
    assert "Chicago" in names
