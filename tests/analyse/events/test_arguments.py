"""The trigger's own arguments (analyse/events/arguments.py), session 7: passives joined to an
active verb, predicate nouns, passive infinitives and owners of what is acted against. Fictional
sentences through the whole pipeline, read as the real-news scorer reads them."""

from __future__ import annotations

from tests.analyse.events.test_actors import events, find, name, shown


def test_a_passive_joined_to_an_active_verb_acts_on_the_shared_subject() -> None:
    text = ("The court heard that Arno Veld, who pleaded guilty to bribery and was sentenced to six "
            "years in prison, had paid the officials.")
    evs = shown(events(text))
    sentenced = find(evs, "COERCE", "sentenced")
    assert sentenced.source is None  # nobody in the sentence sentenced him; he did not
    assert sentenced.target is not None and name(text, sentenced.target) == "Arno Veld"
    pleaded = find(evs, "AGREE", "pleaded")
    assert pleaded.source is not None and name(text, pleaded.source) == "Arno Veld"


def test_a_predicate_noun_stands_for_its_subject() -> None:
    text = "Arno Veld was the second defendant to be given a life sentence by Judge Mara Quist."
    ev = find(shown(events(text)), "COERCE", "sentence")
    assert ev.source is not None and name(text, ev.source) == "Mara Quist"
    assert ev.target is not None and name(text, ev.target) == "Arno Veld"


def test_the_owner_of_what_is_acted_against_is_the_target() -> None:
    text = "The dockers' union said it disagreed with a court's decision to end the strike."
    ev = find(shown(events(text)), "REJECT", "disagreed")
    assert ev.target is not None and ev.target.name == "court"


def test_a_that_clause_parsed_as_a_conjunct_is_still_the_complement() -> None:
    text = ("The union's lawsuit seeks unspecified damages and that the Kessling Port Authority be "
            "ordered to publish its fees.")
    ev = find(shown(events(text)), "REQUEST", "seeks")
    assert ev.source is not None and ev.source.name == "union"
    assert ev.target is not None and "Kessling Port Authority" in (name(text, ev.target) or "")
