"""Whose figure it is (issue 19): fictional texts, one per failure class of the real pages."""

from __future__ import annotations

from newsgraph.analyse.claims.sources import (
    according_before,
    claimed_by,
    evidence_after,
    source_name,
)
from newsgraph.analyse.claims.stage import extract_claims
from newsgraph.analyse.nlp.stage import load_nlp
from newsgraph.model import Attribution, Claim, Span, SpeakerRef


def claims_of(text: str, attributions: tuple[Attribution, ...] = ()) -> list[Claim]:
    return extract_claims(text, load_nlp()(text), attributions)


def attribution(text: str, aid: str, content: str, cue: str, speaker: str, entity: str | None = None,
                name: str | None = None, speaker_at: int | None = None) -> Attribution:
    c, q = text.index(content), text.index(cue)
    s = text.index(speaker) if speaker_at is None else speaker_at
    return Attribution(id=aid, kind="indirect", content=Span(c, c + len(content), content),
                       cue=Span(q, q + len(cue), cue),
                       speaker=SpeakerRef(speaker, s, s + len(speaker), entity, name or speaker))


def test_a_coordinated_participle_is_the_first_speakers_second_statement() -> None:
    text = ("The Harbour Board noted that the number of pilots in Veldra has fallen, adding that at least 40 "
            "ferries have been idle since June.")
    first = attribution(text, "a1", "that the number of pilots in Veldra has fallen", "noted", "The Harbour Board")
    # the parser's guess for the participle's subject: a phrase of the clause before
    second = attribution(text, "a2", "that at least 40 ferries have been idle since June", "adding",
                         "the number of pilots in Veldra")
    (c,) = claims_of(text, (first, second))
    assert c.source is not None and c.source.name == "The Harbour Board"
    assert c.attribution_id == "a2"


def test_an_acronym_takes_the_name_the_article_spelled_out() -> None:
    before = "The Regional Water Authority (RWA) met on Monday. "
    assert source_name("RWA", before) == "Regional Water Authority"
    assert source_name("RWA", "") == "RWA"  # never spelled out: as written
    # spelled by the capitals of a name written earlier, with no parentheses
    assert source_name("the probe", "The Transit Safety Office opened a TSO investigation in May. ") \
        == "Transit Safety Office"
    assert source_name("who", "") is None  # a pronoun still names nobody


def test_the_owner_of_a_document_named_with_another_word() -> None:
    before = "A Carrow Herald investigation found missing ledgers. "
    assert source_name("The probe", before) == "Carrow Herald"
    before = "Output fell 0.4%, according to new data released Friday by the Office for Rail Statistics. "
    assert source_name("the new figures", before) == "Office for Rail Statistics"


def test_an_evidence_clause_in_the_middle_of_the_sentence() -> None:
    sentence = "Rents were flat in May, the new figures showed, down from the 2% rise first reported."
    assert evidence_after(sentence, sentence.index("2%")) == "the new figures"
    assert evidence_after(sentence, sentence.index("new")) is None  # inside the evidence phrase itself


def test_claims_made_by_someone_that() -> None:
    sentence = "Papers repeated claims made by the Dunmore Militia that the raid killed 300 people."
    assert claimed_by(sentence, sentence.index("300")) == "Dunmore Militia"
    assert claimed_by("The raid killed 300 people.", 15) is None


def test_the_sentence_after_according_to_a_document() -> None:
    previous = "Freight slowed again in 2031, according to Marlow Bank's quarterly shipping outlook."
    assert according_before(previous, "Over the year there were 1,204 sailings, a 9% fall.") == "Marlow Bank"
    # a person's words end with their sentence; a new voice or a quote stops the carry-over
    assert according_before("Freight slowed, according to Dana Pell.", "There were 1,204 sailings.") is None
    assert according_before(previous, "Dana Pell said there were 1,204 sailings.") is None
    assert according_before(previous.replace("Marlow Bank's quarterly shipping outlook", "the outlook"),
                            "There were 1,204 sailings.") is None  # no owner: nothing checkable to carry
    text = previous + " Over the year there were 1,204 sailings, a 9% fall."
    found = claims_of(text)
    assert [(c.value, c.source.name if c.source else None) for c in found if c.value == 1204] \
        == [(1204, "Marlow Bank")]


def test_a_document_speaker_is_read_for_its_owner_not_a_linked_entity() -> None:
    text = ("Lakeside College sued the league on Friday. Leaving now would cost the college $80 million, "
            "according to the lawsuit.")
    att = attribution(text, "a1", "Leaving now would cost the college $80 million", "according to",
                      "the lawsuit", entity="e9", name="Fri.")
    (c,) = claims_of(text, (att,))
    assert c.source is not None and c.source.name == "Lakeside College"


def test_a_person_described_keeps_the_entity_the_resolver_found() -> None:
    text = "Mayor Dana Pell spoke on Monday. The mayor said the city spent $2 million on the park."
    att = attribution(text, "a1", "the city spent $2 million on the park", "said", "The mayor",
                      entity="e1", name="Dana Pell")
    (c,) = claims_of(text, (att,))
    assert c.source is not None and c.source.name == "Dana Pell"  # "the mayor" is no document


def test_an_owner_name_stops_at_the_end_of_its_sentence() -> None:
    before = "Wiring failed often, according to a memo obtained by The Harrow Courier. Of the 200 sites "
    assert source_name("the memo", before) == "Harrow Courier"
    before = "Jobs rose, according to data released by the U.S. Bureau of Mine Safety and Health. "
    assert source_name("the figures", before) == "U.S. Bureau of Mine Safety and Health"
