"""Actors read from what the parse and the other layers connect (issue 15, session 6), on
fictional sentences run through the whole pipeline (entities and attributions filled, as a
user gets them). "Shown" = asserted with provenance.confidence >= 0.5."""

from __future__ import annotations

import hashlib
from functools import lru_cache

import pytest

from newsgraph.analyse.events.actors import knowledge
from newsgraph.model import Event, RawDocument, SourceRef
from newsgraph.pipeline import get_pipeline
from newsgraph.settings import Settings


@lru_cache(maxsize=64)
def _run(text: str) -> tuple[tuple[Event, ...], dict[str, str]]:
    data = text.encode("utf-8")
    src = SourceRef(id="t", uri="test:", sha256=hashlib.sha256(data).hexdigest(), format="text")
    doc = get_pipeline(Settings()).process(RawDocument(source=src, data=data, kind="text", raw=True,
                                                       published="2031-05-09"))
    return tuple(doc.events), {e.id: e.name for e in doc.entities}


def events(text: str) -> list[Event]:
    return list(_run(text)[0])


def name(text: str, actor: object) -> str | None:
    """An actor's name as the real-news scorer reads it: its entity's name, else its own."""
    if actor is None:
        return None
    ents = _run(text)[1]
    eid = getattr(actor, "entity_id", None)
    return ents.get(eid) if eid in ents else getattr(actor, "name", None)


def shown(evs: list[Event]) -> list[Event]:
    return [e for e in evs if e.modality == "asserted" and not e.negated and e.tense not in ("future", "hypothetical")
            and e.provenance is not None and (e.provenance.confidence or 0) >= 0.5]


def find(evs: list[Event], etype: str, trigger: str) -> Event:
    hits = [e for e in evs if e.type == etype and trigger in e.trigger.text]
    assert hits, [(e.type, e.trigger.text) for e in evs]
    return hits[0]


def test_a_passive_with_its_own_subject_inherits_no_doer() -> None:
    text = "Prosecutors dropped the assault charge against the driver and he was released on Tuesday."
    ev = find(events(text), "RETREAT", "released")
    assert ev.source is None  # the prosecutors dropped the charge; nobody in the sentence released him


def test_who_is_forced_to_act_is_the_doer() -> None:
    text = "The Norland broadcaster was forced to remove two reporters from the air after the protest."
    ev = find(events(text), "SANCTION", "remove")
    assert ev.source is not None and "broadcaster" in ev.source.name


def test_a_role_followed_by_a_name_is_that_person() -> None:
    text = "Delegates of the dockers' union met with its president Arno Veldkamp in Kessling on Monday."
    ev = find(events(text), "CONSULT", "met")
    assert ev.target is not None and name(text, ev.target) == "Arno Veldkamp"


def test_a_dateline_is_not_the_subject() -> None:
    text = "KESSLING, Norland (AP) — The Marlow Dockers Union sued the Kessling Port Authority on Friday."
    ev = find(events(text), "ACCUSE", "sued")
    assert ev.source is not None and "Marlow" in (name(text, ev.source) or "")


def test_a_speech_act_takes_its_speaker_and_lawyers_speak_for_their_client() -> None:
    text = "Lawyers for the Marlow Dockers Union accused the Kessling Port Authority of fraud."
    ev = find(events(text), "ACCUSE", "accused")
    assert ev.source is not None and "Marlow Dockers Union" in (name(text, ev.source) or "")
    assert ev.target is not None and "Port Authority" in (name(text, ev.target) or "")


def test_a_suit_speaks_for_whoever_filed_it() -> None:
    text = ("The Marlow Dockers Union sued the Kessling Port Authority on Monday. "
            "The lawsuit accuses the port authority of hiding fees from its members.")
    ev = find(events(text), "ACCUSE", "accuses")
    assert ev.source is not None and "Marlow" in (name(text, ev.source) or "")


def test_those_who_is_their_own_phrase_not_a_name_from_elsewhere() -> None:
    text = "Chile sent food to the valley. The bishop condemned those who looted the relief convoy."
    ev = find(events(text), "ACCUSE", "condemned")
    assert ev.target is not None and ev.target.name.startswith("those who looted")


def test_all_of_a_group_is_that_group_or_nothing() -> None:
    text = "The Kessling Herald reported the ruling. Nearly all of the dismissed dockers have sued for damages."
    ev = find(events(text), "REQUEST", "sued")
    assert ev.source is None or "Herald" not in ev.source.name


def test_a_capital_as_an_actor_is_its_country() -> None:
    text = "The Norland government accused Moscow of sabotaging the pipeline."
    ev = find(events(text), "ACCUSE", "accused")
    assert ev.target is not None and ev.target.name == "Russia" and ev.target.country == "RUS"


def test_a_quoted_phrase_is_no_actor() -> None:
    text = "The prosecutor's office removed the “con man” label from its press release on Monday."
    assert not [e for e in shown(events(text)) if e.type == "COERCE"]


def test_a_title_alone_is_the_one_person_who_holds_it() -> None:
    text = ("Judge Mara Lindqvist opened the hearing in Kessling on Monday. "
            "The judge condemned the bombing of the courthouse in a statement.")
    ev = find(events(text), "ACCUSE", "condemned")
    assert ev.source is not None and name(text, ev.source) == "Mara Lindqvist"


def test_the_sides_of_a_war_between_two_countries() -> None:
    text = "The war between Chile and Peru displaced thousands of villagers last year."
    ev = find(events(text), "ASSAULT", "war")
    assert ev.source is not None and ev.source.country == "CHL"
    assert ev.target is not None and ev.target.country == "PER"


def test_an_attack_by_x_on_y_keeps_y() -> None:
    text = "Since the attack by Peruvian militants on Chile, the border has stayed closed."
    ev = find(events(text), "ASSAULT", "attack")
    assert ev.target is not None and ev.target.country == "CHL"


@pytest.mark.parametrize(("text", "etype", "trigger"), [
    ("The fugitive colonel surrendered to the Kessling police on Monday.", "CONCEDE", "surrendered"),
    ("The Norland interior ministry recommended the dismissal of two Kessling officers.", "REQUEST", "recommended"),
    ("The Norland ministry disagreed with the court's decision on the port.", "REJECT", "disagreed"),
    ("The Norland broadcaster apologised to the Kessling mayor for the report.", "AGREE", "apologised"),
    ("The Norland government is negotiating a truce with the rebels.", "CONSULT", "negotiating"),
])
def test_lexicon_entries_of_session_6(text: str, etype: str, trigger: str) -> None:
    assert find(shown(events(text)), etype, trigger)


def test_pleading_not_guilty_admits_nothing() -> None:
    assert not [e for e in shown(events("The dock foreman pleaded not guilty to the theft charges.")) if e.type == "AGREE"]


def test_resolver_reads_representing_roles_from_data() -> None:
    assert {"lawyers", "spokesman"} <= knowledge().representing


def test_its_members_are_named_with_the_organisation_that_speaks() -> None:
    text = "The Velden Liberation Front said on Monday that its fighters attacked the Kessling garrison."
    ev = find(events(text), "ASSAULT", "attacked")
    assert ev.source is not None and ev.source.name.startswith("Velden Liberation Front"), ev.source


# ---- session 7: names the text decides (actors.py)


def test_a_definite_noun_is_the_one_place_whose_name_ends_in_it() -> None:
    text = ("Aid convoys have not reached the Kessling Strip since March. "
            "On Monday, Red Dune fighters shelled the strip for six hours.")
    ev = find(shown(events(text)), "ASSAULT", "shelled")
    assert ev.target is not None and name(text, ev.target) == "Kessling Strip"


def test_short_heads_never_stand_for_a_longer_name() -> None:
    assert {"state", "house", "union"} <= knowledge().not_short_heads


def test_an_indefinite_role_before_its_holder_is_named_is_that_person() -> None:
    text = ("A former senator in Norland's parliament was sentenced to life in prison on Monday. "
            "The former senator, Tomas Brevik, had admitted taking the bribes.")
    ev = find(shown(events(text)), "COERCE", "sentenced")
    assert ev.target is not None and name(text, ev.target) == "Tomas Brevik"


def test_a_lead_description_is_the_person_the_next_sentence_opens_on() -> None:
    text = ("A former soldier who joined the raid on the depot pleaded guilty on Friday. "
            "Arno Veld, 45, had fled to the coast after the raid.")
    ev = find(shown(events(text)), "AGREE", "pleaded")
    assert ev.source is not None and name(text, ev.source) == "Arno Veld"


def test_a_description_after_a_person_was_named_introduces_someone_else() -> None:
    text = "Arno Veld was arrested on Friday. A soldier who joined the raid pleaded guilty on Monday."
    ev = find(events(text), "AGREE", "pleaded")
    assert ev.source is None or name(text, ev.source) != "Arno Veld"


def test_a_countrys_forces_are_named_as_the_article_names_its_army() -> None:
    text = ("The Chilean army said the town was calm. "
            "Witnesses said Chilean occupation forces detained 40 people in the town on Monday.")
    ev = find(shown(events(text)), "COERCE", "detained")
    assert ev.source is not None and ev.source.name == "Chilean army" and ev.source.country == "CHL"


def test_a_known_body_keeps_its_phrase_not_its_country() -> None:
    text = "The Israeli army raided a clinic in the town on Monday, witnesses said."
    ev = find(shown(events(text)), "COERCE", "raided")
    assert ev.source is not None and ev.source.name == "Israeli army" and ev.source.sector == "MIL"


def test_a_name_owned_by_a_person_is_its_own_name() -> None:
    text = "Regulators opened an investigation into Marla Quist's Q over its pricing."
    ev = find(shown(events(text)), "ACCUSE", "investigation")
    assert ev.target is not None and name(text, ev.target) == "Q"


def test_he_is_not_given_to_a_woman_named_last() -> None:
    text = "Police said Arno Veld and his wife, Lena, were at home when he was shot."
    ev = find(shown(events(text)), "ASSAULT", "shot")
    assert ev.target is not None and name(text, ev.target) == "Arno Veld"


def test_a_relative_clause_on_a_description_speaks_for_the_name() -> None:
    text = "The ministry blamed the Red Dune Front, an armed group that attacked the convoy near Kessling."
    ev = find(shown(events(text)), "ASSAULT", "attacked")
    assert ev.source is not None and name(text, ev.source) == "Red Dune Front"


def test_the_city_is_an_actor() -> None:
    text = "The dockers' union requested that the city's budget include a harbour fund."
    ev = find(shown(events(text)), "REQUEST", "requested")
    assert ev.target is not None and ev.target.name == "city" and ev.target.sector == "GOV"


def test_a_pronoun_in_an_opening_clause_is_the_main_subject() -> None:
    text = ("“After he filed the complaint against the port authority, Daniel sat for an interview "
            "with investigators,” said Mara Quist, a lawyer for Daniel Okafor.")
    ev = find(shown(events(text)), "ACCUSE", "complaint")
    assert ev.source is not None and name(text, ev.source) == "Daniel Okafor"


def test_a_vague_quantity_is_no_part_of_the_name() -> None:
    text = "Witnesses said Chilean troops arrested several doctors at the clinic on Monday."
    ev = find(shown(events(text)), "COERCE", "arrested")
    assert ev.target is not None and ev.target.name == "doctors"


def test_conspirators_are_actors() -> None:
    text = "Arno Veld admitted that he met with several co-conspirators in Kessling before the raid."
    ev = find(shown(events(text)), "CONSULT", "met")
    assert ev.target is not None and "conspirators" in ev.target.name


def test_it_stands_for_the_named_body_of_the_clause_above() -> None:
    text = ("Lena Varga, head of surgery at Kessling Hospital, one of the few clinics still open in "
            "Peru, said that the hospital stopped working on Tuesday after the Chilean army raided it.")
    ev = find(shown(events(text)), "COERCE", "raided")
    assert ev.target is not None and name(text, ev.target) == "Kessling Hospital"


def test_of_two_names_ending_in_the_noun_the_last_named_is_meant() -> None:
    text = ("Aid reached Varnholt Hospital on Monday. Doctors at Kessling Hospital in Peru said that the "
            "hospital closed after the Chilean army raided it.")
    ev = find(shown(events(text)), "COERCE", "raided")
    assert ev.target is not None and name(text, ev.target) == "Kessling Hospital"


def test_other_forces_are_not_the_countrys_army() -> None:
    text = ("The Chilean army said the town was calm. "
            "Witnesses said UN peacekeeping troops detained 40 people in the town on Monday.")
    ev = find(events(text), "COERCE", "detained")
    assert ev.source is not None and "UN" in ev.source.name
