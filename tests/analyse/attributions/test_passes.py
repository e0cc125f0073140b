"""The attribution engine's parts: the ledger, and passes run on their own."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.analyse.attributions.found import Found
from newsgraph.analyse.attributions.ledger import Ledger
from newsgraph.analyse.attributions.passes.direct import direct_quotes
from newsgraph.analyse.attributions.passes.labels import speaker_labels
from newsgraph.analyse.attributions.passes.reported import reported_speech
from newsgraph.analyse.attributions.scene import Scene
from newsgraph.analyse.nlp.stage import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def found(start: int, follows: int | None = None) -> Found:
    return Found("direct", (start, start + 5), None, (0, 3), (0, 3), "test", follows=follows)


def test_ledger_claims() -> None:
    ledger = Ledger()
    assert not ledger.quote_claimed(0) and not ledger.cue_claimed(4)
    ledger.claim_quote(0)
    ledger.claim_cue(4, owner=ledger.record(found(10)))
    ledger.claim_cue(7)
    assert ledger.quote_claimed(0)
    assert ledger.cue_claimed(4) and ledger.owner(4) == 0
    assert ledger.cue_claimed(7) and ledger.owner(7) is None
    assert ledger.owner(9) is None


def test_ledger_keep_renumbers_follows_and_owners() -> None:
    ledger = Ledger()
    for start in (10, 20, 30):
        ledger.record(found(start))
    ledger.record(found(40, follows=2))
    ledger.record(found(50, follows=0))
    ledger.claim_cue(1, owner=0)
    ledger.claim_cue(2, owner=2)
    ledger.keep([1, 2, 3, 4])
    assert [f.content[0] for f in ledger.found] == [20, 30, 40, 50]
    assert [f.follows for f in ledger.found] == [None, None, 1, None]
    assert ledger.owner(1) is None and ledger.cue_claimed(1)
    assert ledger.owner(2) == 1


def test_a_pass_runs_on_its_own(nlp: Any) -> None:
    text = "PENCE: Well, we will see what happens next week."
    ledger = Ledger()
    out = speaker_labels(Scene.of(nlp(text)), ledger)
    assert list(ledger.found) == out
    assert [(f.method, text[f.speaker[0] : f.speaker[1]]) for f in out if f.speaker] == [("label", "PENCE")]


def test_a_claimed_cue_is_not_reported_again(nlp: Any) -> None:
    text = "“We will win the vote next week,” Smith said."
    scene, ledger = Scene.of(nlp(text)), Ledger()
    direct = direct_quotes(scene, ledger)
    assert [f.method for f in direct] == ["quote-cue-after"]
    said = next(t for t in scene.doc if t.text == "said")
    assert ledger.cue_claimed(said.i) and ledger.owner(said.i) == 0 and ledger.quote_claimed(0)
    assert reported_speech(scene, ledger) == []


# ------------------------------------------------------------------ hearsay (passes/hearsay.py)

def _attributions(nlp: Any, text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(method, speaker, cue, content) as written, for each attribution the engine finds in text."""
    from newsgraph.analyse.attributions.spans import find_attributions

    def written(span: tuple[int, int] | None) -> str | None:
        return text[span[0] : span[1]] if span else None

    return [(f.method, written(f.speaker), written(f.cue), text[f.content[0] : f.content[1]])
            for f in find_attributions(nlp(text))]


def _hearsay(nlp: Any, text: str) -> list[tuple[str | None, str | None, str]]:
    return [(speaker, cue, content) for method, speaker, cue, content in _attributions(nlp, text) if method == "hearsay"]


def test_reportedly_attributes_its_clause_to_no_one(nlp: Any) -> None:
    text = "The ferry company reportedly sold two of its boats to a rival last winter."
    assert _hearsay(nlp, text) == [(None, "reportedly", "The ferry company reportedly sold two of its boats to a rival last winter")]


def test_it_was_reported_that(nlp: Any) -> None:
    text = "It was reported on Monday that the harbour master would step down in the spring."
    assert _hearsay(nlp, text) == [(None, "reported", "that the harbour master would step down in the spring")]


def test_reported_by_a_named_source_is_not_hearsay(nlp: Any) -> None:
    text = "The closure was reported by the Valley Courier on Monday, two days after the vote."
    assert _hearsay(nlp, text) == []


def test_reportedly_inside_someones_words_is_theirs(nlp: Any) -> None:
    text = "Inspectors said the mill had reportedly stored the chemicals in open barrels for years."
    assert _hearsay(nlp, text) == []


# ------------------------------------------------------------------ continued quotations

def _speakers_of(nlp: Any, text: str) -> list[tuple[str | None, str]]:
    return [(speaker, content) for _method, speaker, _cue, content in _attributions(nlp, text)]


def test_a_quoted_paragraph_after_a_short_aside_goes_on(nlp: Any) -> None:
    text = ("“The river has risen three metres since May,” the engineer said.\n\n"
            "And it is still rising.\n\n"
            "“If the dam gives way, the lower town floods within the hour.”")
    assert _speakers_of(nlp, text)[-1] == ("the engineer", "“If the dam gives way, the lower town floods within the hour.”")


def test_an_aside_that_names_someone_stops_the_quotation(nlp: Any) -> None:
    text = ("“The river has risen three metres since May,” the engineer said.\n\n"
            "Mayor Ilona Petrakis disagreed.\n\n"
            "“If the dam gives way, the lower town floods within the hour.”")
    assert all(sp != "the engineer" or "dam" not in c for sp, c in _speakers_of(nlp, text))


def test_a_dateline_is_never_a_speaker(nlp: Any) -> None:
    text = "PORTVILLE, Ore. (AP) — Harbor Mills sued the city on Friday, challenging a lease that binds it for twelve years."
    assert all(sp is None or "PORTVILLE" not in sp for sp, _c in _speakers_of(nlp, text))


def test_every_paragraph_of_a_panel_block_is_its_speakers(nlp: Any) -> None:
    text = ("What will next year bring? We asked two economists.\n\n"
            "Maria Lindqvist, chief economist at Harbor Bank:\n\n"
            "We expect rates to fall twice next year.\n\n"
            "Inflation has been stubborn, but the labour market is cooling fast.\n\n"
            "Jonas Berg, strategist at Nordvik Capital:\n\n"
            "Growth will stay weak until the spring.\n\n"
            "Our thanks to both for their time this week.")
    got = _speakers_of(nlp, text)
    assert ("Maria Lindqvist", "Inflation has been stubborn, but the labour market is cooling fast.") in got
    assert ("Jonas Berg", "Growth will stay weak until the spring.") in got
    assert all("thanks" not in c for _sp, c in got)  # after the last block, the writer again


def test_cue_after_a_name_and_a_long_appositive(nlp: Any) -> None:
    text = ("“Who would have thought a river town could build satellites?” Greta Holm, "
            "a senior engineer at the aerospace firm Nordlys, said in an interview.")
    got = _speakers_of(nlp, text)
    assert got and got[0][0] is not None and got[0][0].startswith("Greta Holm")
    assert got[0][1].startswith("“Who would have thought")


# ------------------------------------------------------------------ where a content ends (session 6)

def test_a_clause_joined_to_the_cue_is_the_writers(nlp: Any) -> None:
    text = ("Mayor Tilda Brandt denied that she had misled the council about the pier, "
            "and she pointed to the minutes of the March meeting.")
    assert ("Mayor Tilda Brandt", "that she had misled the council about the pier") in _speakers_of(nlp, text)


def test_a_second_report_hung_on_the_content_is_its_own(nlp: Any) -> None:
    text = ("Tilda Brandt said she is not a “friend of the developers” "
            "as she once again argued the pier must be sold.")
    found = _speakers_of(nlp, text)
    assert ("Tilda Brandt", "she is not a “friend of the developers”") in found
    assert ("she", "the pier must be sold") in found


def test_a_cue_the_tagger_calls_a_noun_still_reports(nlp: Any) -> None:
    # "demands" between a subject and a that-clause is a verb whatever its tag
    text = "The draft resolution adopted Friday demands that all of the remaining ferries be inspected immediately."
    contents = [content for _speaker, content in _speakers_of(nlp, text)]
    assert any(c.startswith("that all of the remaining ferries") for c in contents)


def test_a_second_verb_of_the_speaker_is_not_what_was_said(nlp: Any) -> None:
    text = "The ranger tells the driver to “slow down” and also tells the passengers, “Stay in the car.”"
    assert _speakers_of(nlp, text) == [("The ranger", "the driver to “slow down”"), ("The ranger", "“Stay in the car.”")]



def test_a_reason_after_the_cue_and_speaker_is_the_speakers(nlp: Any) -> None:
    text = ("The flood damage has been “badly underestimated,” said Ines Roca, a hydrologist at the river "
            "authority, because the gauges stopped working before the peak.")
    found = _speakers_of(nlp, text)
    assert found[-1] == ("Ines Roca, a hydrologist at the river authority,",
                         "because the gauges stopped working before the peak")


def test_a_reason_of_the_writers_own_is_not_reported(nlp: Any) -> None:
    # no comma: the clause says why she spoke, not what she said
    text = "“We are closing the bridge,” the engineer said because the river was rising."
    assert all("because" not in content for _speaker, content in _speakers_of(nlp, text))


def test_an_as_clause_opening_the_sentence_reports_the_rest(nlp: Any) -> None:
    text = "As the harbour report suggested, two of the three ferry lines could merge next year."
    assert ("the harbour report", "two of the three ferry lines could merge next year") in _speakers_of(nlp, text)


def test_an_as_clause_inside_the_sentence_reports_nothing_before_it(nlp: Any) -> None:
    # "not, as the company maintains, in …": the company says the opposite of the first part
    text = ("There is evidence that the mascot was first drawn by a plant manager who eschewed credit, "
            "not, as the company maintains, in a city ad agency.")
    assert not any(content.startswith("that the mascot") for _speaker, content in _speakers_of(nlp, text))


def test_a_cue_with_a_that_clause_does_not_take_the_quotation_before_it(nlp: Any) -> None:
    text = ("He cites an old proverb, where the ferryman says, “the river is patient.” "
            "He notes that the founder “was in constant touch with the water” and urged care.")
    found = _speakers_of(nlp, text)
    assert ("the ferryman", "“the river is patient.”") in found
    assert any(speaker == "He" and content.startswith("that the founder") for speaker, content in found)


def test_words_after_a_quotation_before_an_inverted_cue_are_content(nlp: Any) -> None:
    # the words between the quotation and ", said NAME" are the rest of what was said, not the speaker
    text = "Ferry crews “quietly subsidise” the island’s school and clinic, said harbour master Ines Roca."
    assert _speakers_of(nlp, text) == [("harbour master Ines Roca", "Ferry crews “quietly subsidise” the island’s school and clinic")]



def test_calling_on_the_speakers_noun_is_that_speakers(nlp: Any) -> None:
    # the parse the tagger gives real pages: "calling" hangs on the speaker's name (acl)
    from spacy.tokens import Doc

    from newsgraph.analyse.attributions.passes.speaker import speaker_head

    words = ["said", "Ines", "Roca", ",", "a", "pollster", ",", "calling", "it", "a", "key", "element", "."]
    heads = [0, 2, 0, 2, 5, 2, 2, 2, 7, 11, 11, 8, 0]
    deps = ["ROOT", "compound", "nsubj", "punct", "det", "appos", "punct", "acl", "dobj", "det", "amod", "oprd", "punct"]
    tags = ["VBD", "NNP", "NNP", ",", "DT", "NN", ",", "VBG", "PRP", "DT", "JJ", "NN", "."]
    pos = ["VERB", "PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PRON", "DET", "ADJ", "NOUN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos,
              lemmas=["say", "Ines", "Roca", ",", "a", "pollster", ",", "call", "it", "a", "key", "element", "."])
    head = speaker_head(Scene.of(doc), doc[7])
    assert head is not None and head.text == "Roca"


def test_admitted_to_an_act_reports_the_act(nlp: Any) -> None:
    text = "Voss, 48, admitted to moving the harbour funds into his own account over three years."
    assert _speakers_of(nlp, text) == [("Voss, 48,", "moving the harbour funds into his own account over three years")]


def test_admitted_to_a_place_reports_nothing(nlp: Any) -> None:
    text = "The skipper was admitted to the island hospital on Monday night."
    assert _speakers_of(nlp, text) == []
