"""Issue 15 rules on fictional sentences: claims, documents, 'no one', conjoined copies, and the
sense constraints of the lexicon. "Shown" is what a user sees by default: asserted and
confidence >= 0.5 (the min_event_confidence setting)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsgraph.analyse.events.confidence import features
from newsgraph.analyse.events.lexicon import lexicon
from newsgraph.model import Event
from tests.analyse.events.test_stage import code


def shown(events: list[Event]) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text) for e in events
            if e.modality == "asserted" and e.provenance is not None and (e.provenance.confidence or 0) >= 0.5]


def test_what_a_claim_claims_is_not_shown_but_the_accusation_is() -> None:
    evs = code("The Varnholt harbour police accused the ferry company of negligence, "
               "and a lawyer for the crew alleged that the guards beat the captain.")
    assert ("ACCUSE", "accused") in shown(evs)
    assert not [t for t in shown(evs) if t[0] == "ASSAULT"], shown(evs)
    assert any(e.type == "ASSAULT" for e in evs)  # still coded, only not shown


def test_a_document_speaks_for_its_author() -> None:
    assert ("ACCUSE", "accuses") in shown(code("The lawsuit accuses the Velden city council of negligence."))
    assert ("REQUEST", "demands") in shown(code("The resolution demands an end to the blockade of Tarsk."))


def test_nobody_did_it() -> None:
    ev = [e for e in code("No one has been charged in the killing of the Tarsk mayor.") if e.type == "ACCUSE"]
    assert ev and all(e.negated for e in ev)
    ev = [e for e in code("Neither Velden nor Norland has ever challenged the treaty.") if e.type == "ACCUSE"]
    assert all(e.negated for e in ev)


def test_not_x_or_y_negates_both() -> None:
    evs = code("The Norland parliament did not order an inquiry or demand a ban on the party.")
    assert not shown(evs), shown(evs)


def test_demanded_content_and_stated_goals_are_not_events() -> None:
    evs = code("The Velden council demanded that the prisoners be released immediately.")
    assert ("REQUEST", "demanded") in shown(evs)
    assert not [t for t in shown(evs) if t[0] == "RETREAT"], shown(evs)
    evs = code("The rebels said that the goal was to capture the governor of Tarsk.")
    assert not [t for t in shown(evs) if t[0] == "COERCE"], shown(evs)


def test_one_event_for_conjoined_sources() -> None:
    evs = code("The Velden police and the Norland army condemned the raid on the border post.")
    assert [t for t in shown(evs) if t[0] == "ACCUSE"] == [("ACCUSE", "condemned")]
    assert len([e for e in evs if e.type == "ACCUSE"]) == 2  # the copy is kept, below the threshold


def test_the_same_actor_on_both_sides_is_doubted() -> None:
    from newsgraph.analyse.events.actors import ActorResolver
    from newsgraph.analyse.events.patterns import find_events
    from newsgraph.analyse.nlp import SPACY_DOC
    from tests.analyse.events.test_stage import _ctx

    ctx = _ctx("Velden police arrested the Norland smugglers.")
    doc = ctx.get(SPACY_DOC)
    found = find_events(next(iter(doc.sents)), lexicon(), ActorResolver(ctx, doc))
    f = next(f for f in found if f.type == "COERCE")
    assert f.source is not None and f.target is not None
    assert "self_loop" not in features(f, lexicon())
    assert "self_loop" in features(replace(f, target=f.source), lexicon())


@pytest.mark.parametrize(("text", "absent"), [
    ("The statistics office released new data on Friday.", "RETREAT"),
    ("The committee sought to combat hate crimes in the district.", "REQUEST"),
    ("The radio host pressed the minister on what he meant.", "REQUEST"),
    ("Residents said they suspected the real issue was the budget.", "ACCUSE"),
    ("Only the officials charged with overseeing the fund can sign.", "ACCUSE"),
    ("The Tarsk school's application was approved in March.", "PROTEST"),
    ("In a surprise attack on its rival, the league filed a complaint in court.", "ASSAULT"),
])
def test_other_senses_show_no_event(text: str, absent: str) -> None:
    assert not [t for t in shown(code(text)) if t[0] == absent], shown(code(text))


@pytest.mark.parametrize(("text", "want"), [
    ("The rebels released two engineers on Sunday.", ("RETREAT", "released")),
    ("The Velden police raided the warehouse on Tuesday.", ("COERCE", "raided")),
    ("The families of the miners sued for damages in the Tarsk court.", ("REQUEST", "sued")),
    ("The judge agreed with the findings of the inquiry.", ("SUPPORT", "agreed")),
    ("The Norland broadcaster removed three reporters from the air.", ("SANCTION", "removed")),
    ("The council pressed the minister to resign.", ("REQUEST", "pressed")),
])
def test_the_right_sense_is_coded(text: str, want: tuple[str, str]) -> None:
    evs = code(text)
    assert any(e.type == want[0] and want[1] in e.trigger.text for e in evs), [(e.type, e.trigger.text) for e in evs]


def test_a_possessor_of_an_attack_noun_earns_no_attacker_bonus() -> None:
    # "the mayor's murder": a possessor names the victim as often as the doer, so such an event is not
    # shown on the possessor alone; "by X" names the doer and keeps the bonus
    for text in ("President Adel Varga's assassination shocked Norland.",
                 "Police in Tarsk have charged two men with the mayor's murder."):
        evs = [e for e in code(text) if e.type == "ASSAULT"]
        assert evs and all(e.source is not None for e in evs), evs
        assert not [t for t in shown(evs) if t[0] == "ASSAULT"], shown(evs)
    by = code("Norland troops blamed Velden for the attack by the Velden militia on the depot.")
    assert ("ASSAULT", "attack") in shown(by)


def test_a_suit_named_before_its_maker_speaks_for_the_maker_named_later() -> None:
    from tests.analyse.events.test_actors import events, find, name

    text = ("The suit alleges that the Kessling Port Authority hid fees from the dockers. "
            "The lawsuit, filed on Thursday on behalf of the Marlow Dockers Union, seeks damages.")
    ev = find(events(text), "ACCUSE", "alleges")
    assert ev.source is not None and name(text, ev.source) == "Marlow Dockers Union"
