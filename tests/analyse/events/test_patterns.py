"""Triggers found in session 7 (issue 15, recall): lexicon entries with their sense constraints
and the constructions that carry an event noun, on fictional sentences through the whole
pipeline. Each rule has a sentence where it must fire (shown: asserted, confidence >= 0.5) and
one where the same word is used in another sense and must not."""

from __future__ import annotations

import pytest

from tests.analyse.events.test_actors import events, find, shown


def _shown_types(text: str) -> set[tuple[str, str]]:
    return {(e.type, e.trigger.text) for e in shown(events(text))}


@pytest.mark.parametrize(("text", "etype", "trigger"), [
    # a weapon held on someone threatens violence
    ("Tomas Brell pointed a rifle at two deputies outside the Marlow depot on Sunday.", "THREATEN", "pointed"),
    # the guide's "vote against" / "vote for": the parse makes the word after "vote" a preposition
    ("Norland voted against the resolution on fishing quotas at the Calder Assembly.", "REJECT", "voted"),
    ("Senator Ada Quill voted for the budget amendment on Thursday.", "SUPPORT", "voted"),
    # defending a person sides with them
    ("The party leaders defended Ada Quill after critics questioned her record.", "SUPPORT", "defended"),
    ("Senator Ada Quill continued to denigrate Governor Tomas Brell on air.", "ACCUSE", "denigrate"),
    ("Lawyers for the Calder Port Authority took issue with the auditor's findings.", "ACCUSE", "took"),
    # orders handed to someone
    ("Deputies gave the driver repeated commands to step out of the truck.", "REQUEST", "commands"),
    # "called for X to be Y": the parse makes "for" the mark of the clause asked for
    ("Governor Tomas Brell called for the archives to be opened to the public.", "REQUEST", "called"),
    # "for his role in" is how charges are reported, not the task sense of "charged with"
    ("Tomas Brell was charged with fraud for his role in the harbour contracts scheme, prosecutors said.",
     "ACCUSE", "charged"),
    # legal claims dropped or reduced yield in a dispute
    ("Prosecutors dropped the lawsuit against the Marlow ferry company in May.", "CONCEDE", "dropped"),
    ("Mayor Ada Quill proposed the dismissal of two wardens after the audit.", "REQUEST", "proposed"),
    # a call asks with what it asks for, here an infinitive the parse hangs on the verb
    ("Governor Tomas Brell issued a call to end the strike.", "REQUEST", "call"),
])
def test_a_new_trigger_fires_in_its_sense(text: str, etype: str, trigger: str) -> None:
    assert any(t == etype and trigger in w for t, w in _shown_types(text)), _shown_types(text)


@pytest.mark.parametrize(("text", "etype"), [
    ("The report pointed to a rise in rents across Marlow.", "THREATEN"),
    ("The Herons defended their title with a 3-1 win.", "SUPPORT"),
    ("New orders for machine tools rose in March.", "REQUEST"),
    ("The officials charged with the decision-making met twice a month.", "ACCUSE"),  # a hyphenated task word
    ("The two ministers are in agreement on the timetable.", "AGREE"),  # "be in" + a view, not an event going on
    ("Police received a 911 call from a Marlow resident on Wednesday.", "REQUEST"),  # a phone call asks nothing
    # a hyphenated pair names the two sides of a topic, not an attacker
    ("The museum in Marlow opened an exhibition on the Iran-Iraq war last week.", "ASSAULT"),
    ("Reporters covered the Serbia-Kosovo conflict for the Calder Times.", "ASSAULT"),
])
def test_the_same_word_in_another_sense_stays_quiet(text: str, etype: str) -> None:
    assert not any(t == etype for t, _ in _shown_types(text)), _shown_types(text)


def test_a_light_verbs_participle_carries_the_noun_with_its_agent() -> None:
    text = "The attacks carried out by the Sable Front killed four guards."
    ev = find(shown(events(text)), "ASSAULT", "attacks")
    assert ev.source is not None and "Sable Front" in ev.source.name


def test_in_talks_is_an_ongoing_consultation_of_the_subject() -> None:
    text = "Norland is in talks with Calderia over a new fishing treaty."
    ev = find(shown(events(text)), "CONSULT", "talks")
    assert ev.source is not None and ev.source.name == "Norland"
    assert ev.target is not None and ev.target.name == "Calderia"


def test_under_investigation_makes_the_subject_the_target() -> None:
    text = "The mayor of Marlow is under investigation by the state police."
    ev = find(shown(events(text)), "ACCUSE", "investigation")
    assert ev.target is not None and "mayor" in ev.target.name
    assert ev.source is not None and "police" in ev.source.name


def test_an_active_verb_without_a_doer_is_not_shown() -> None:
    """The issue's rule: an event whose required actor cannot be found is lowered, not guessed.
    "The two commentators" names no actor the coder knows, so the act has no doer."""
    text = "The two commentators continued to denigrate Governor Tomas Brell on air."
    ev = find(events(text), "ACCUSE", "denigrate")
    assert ev.source is None and ev.provenance is not None and (ev.provenance.confidence or 0) < 0.5
    assert not shown([ev])
