"""Attribution extraction on fictional sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

from newsgraph.analyse.attributions.spans import Found, find_attributions
from newsgraph.analyse.attributions.stage import AttributionsStage, entity_by_mention
from newsgraph.analyse.entities import ENTITIES
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.nlp.stage import load_nlp
from newsgraph.analyse.text.quotes import find_quotes
from newsgraph.model import Article, Entity, Mention, RawDocument, SourceRef
from newsgraph.pipeline.stage import AnalysisContext
from newsgraph.settings import Settings


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


def run(nlp: Any, text: str) -> list[tuple[str, str | None, str | None, str]]:
    """(kind, speaker, cue, content) for each attribution in text."""
    doc = nlp(text)
    out = []
    for f in find_attributions(doc):
        check_slices(text, f)
        out.append((
            f.kind,
            text[f.speaker[0] : f.speaker[1]] if f.speaker else None,
            text[f.cue[0] : f.cue[1]] if f.cue else None,
            text[f.content[0] : f.content[1]],
        ))
    return out


def check_slices(text: str, f: Found) -> None:
    for span in (f.content, f.cue, f.speaker):
        if span is not None:
            assert 0 <= span[0] < span[1] <= len(text)
            assert text[span[0] : span[1]] == text[span[0] : span[1]].strip()


# ------------------------------------------------------------------ quotations

def test_quote_pairs_curly_straight_and_doubled() -> None:
    text = "“One,” she said. \"Two,\" he said. ''Three,'' they said."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["“One,”", "\"Two,\"", "''Three,''"]


def test_quote_over_several_paragraphs() -> None:
    text = "Adler said: “The first part.\n\n“The second part.”\n\nNext story."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].start : quotes[0].end] == "“The first part.\n\n“The second part.”"


def test_unbalanced_quote_ends_with_its_paragraph() -> None:
    text = "“We are not leaving, the crowd chanted.\n\nPolice arrived at noon."
    (q,) = find_quotes(text)
    assert not q.balanced
    assert text[q.start : q.end] == "“We are not leaving, the crowd chanted."


def test_nested_single_quotes_stay_inside() -> None:
    text = "“He told me ‘never again,’ and I believed him,” Ruiz said."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["“He told me ‘never again,’ and I believed him,”"]


def test_apostrophes_are_not_quotes() -> None:
    text = "The council’s plan and the farmers’ fears dominated the ’90s debate."
    assert find_quotes(text) == []


# ------------------------------------------------------------------ direct

def test_direct_quote_with_cue_after(nlp: Any) -> None:
    got = run(nlp, "“We will reopen the pier before summer,” Mayor Dana Ortiz said.")
    assert got == [("direct", "Mayor Dana Ortiz", "said", "“We will reopen the pier before summer,”")]


def test_direct_quote_inverted_with_appositive(nlp: Any) -> None:
    got = run(nlp, "“It is too early to tell,” said Paul Grint, a spokesman for the port authority.")
    assert got == [("direct", "Paul Grint, a spokesman for the port authority", "said", "“It is too early to tell,”")]


def test_direct_quote_with_cue_before(nlp: Any) -> None:
    got = run(nlp, "The coach told reporters: “We played our worst game of the season.”")
    assert got == [("direct", "The coach", "told", "“We played our worst game of the season.”")]


def test_quote_interrupted_by_its_cue(nlp: Any) -> None:
    got = run(nlp, "“The vote is close,” she said, “but we expect to win it.”")
    assert got == [
        ("direct", "she", "said", "“The vote is close,”"),
        ("direct", "she", "said", "“but we expect to win it.”"),
    ]


def test_quote_that_goes_on_after_the_attribution(nlp: Any) -> None:
    text = ("“The water is safe to drink,” the utility director said. “We tested it twice this week.”\n\n"
            "“Residents should still boil it,” he added.")
    got = run(nlp, text)
    assert got[0] == ("direct", "the utility director", "said", "“The water is safe to drink,”")
    assert got[1] == ("direct", "the utility director", "said", "“We tested it twice this week.”")
    assert got[2] == ("direct", "he", "added", "“Residents should still boil it,”")


def test_multi_paragraph_quote_is_one_attribution_per_paragraph(nlp: Any) -> None:
    text = "Ortiz said: “The bridge is old.\n\n“It needs a new deck, and it needs it soon.”"
    got = run(nlp, text)
    # a colon right after the verb is part of the cue (PolNeAR's convention); content
    # never crosses a paragraph, the second paragraph shares the first one's speaker
    assert got == [("direct", "Ortiz", "said:", "“The bridge is old."),
                   ("direct", "Ortiz", "said:", "“It needs a new deck, and it needs it soon.”")]


def test_dash_attribution(nlp: Any) -> None:
    got = run(nlp, "“We need rain more than anything.” ― Lu Chen, a farmer")
    assert got == [("direct", "Lu Chen", "―", "“We need rain more than anything.”")]


def test_straight_quotes(nlp: Any) -> None:
    got = run(nlp, "\"We are ready for the final,\" the coach said.")
    assert got == [("direct", "the coach", "said", "\"We are ready for the final,\"")]


# ------------------------------------------------------------------ mixed and indirect

def test_mixed_reported_speech_with_quoted_fragment(nlp: Any) -> None:
    got = run(nlp, "The minister said the budget plan was “dead on arrival.”")
    assert got == [("mixed", "The minister", "said", "the budget plan was “dead on arrival.”")]


def test_indirect_said_that(nlp: Any) -> None:
    got = run(nlp, "The council said that the coastal road would close for two weeks.")
    assert got == [("indirect", "The council", "said", "that the coastal road would close for two weeks")]


def test_indirect_said_without_that(nlp: Any) -> None:
    got = run(nlp, "Harbor officials said the ferry would resume service on Monday.")
    assert got == [("indirect", "Harbor officials", "said", "the ferry would resume service on Monday")]


def test_according_to_after(nlp: Any) -> None:
    got = run(nlp, "The factory will close in March, according to the Valley Courier.")
    assert got == [("indirect", "the Valley Courier", "according to", "The factory will close in March")]


def test_according_to_before(nlp: Any) -> None:
    got = run(nlp, "According to the regional health board, flu cases doubled last month.")
    assert got == [("indirect", "the regional health board", "According to", "flu cases doubled last month")]


def test_content_before_cue(nlp: Any) -> None:
    got = run(nlp, "The tunnel will not open until next year, a transport official said.")
    assert got == [("indirect", "a transport official", "said", "The tunnel will not open until next year")]


def test_reports_that(nlp: Any) -> None:
    got = run(nlp, "The Lakeside Ledger reports that the mill has laid off 40 workers.")
    assert got == [("indirect", "The Lakeside Ledger", "reports", "that the mill has laid off 40 workers")]


def test_cue_keeps_its_auxiliaries(nlp: Any) -> None:
    got = run(nlp, "The union has also said that the strike will continue.")
    assert got == [("indirect", "The union", "has also said", "that the strike will continue")]


def test_told_reporters(nlp: Any) -> None:
    got = run(nlp, "Senator Ana Brill told reporters the deal was close.")
    assert got == [("indirect", "Senator Ana Brill", "told", "the deal was close")]


@pytest.mark.parametrize("verb", ["warned", "suggested", "emphasized", "insisted"])
def test_other_speech_verbs(nlp: Any, verb: str) -> None:
    got = run(nlp, f"The governor {verb} that the reservoir was nearly empty.")
    assert got == [("indirect", "The governor", verb, "that the reservoir was nearly empty")]


def test_pledged_to(nlp: Any) -> None:
    got = run(nlp, "The mayor pledged to rebuild the library within two years.")
    assert got == [("indirect", "The mayor", "pledged", "to rebuild the library within two years")]


def test_parenthetical_cue_splits_the_content(nlp: Any) -> None:
    got = run(nlp, "The strike will end soon, the union leader said, because members want to return to work.")
    assert [g[:3] for g in got] == [("indirect", "the union leader", "said")] * 2
    assert got[0][3] == "The strike will end soon"
    assert got[1][3] == "because members want to return to work"


# ------------------------------------------------------------------ not attributions

@pytest.mark.parametrize("text", [
    "The so-called “woke” agenda dominated the school board meeting.",
    "She read “The Quiet Harbor” twice before the book club met.",
    "The band played “Northern Lights” as the crowd sang along.",
    "Fans of the ’80s sitcom gathered at the city’s cinema.",
])
def test_scare_quotes_and_titles_are_not_attributions(nlp: Any, text: str) -> None:
    assert run(nlp, text) == []


def test_writer_hedge_is_not_an_attribution(nlp: Any) -> None:
    assert run(nlp, "I think the weather will clear by noon.") == []


# ------------------------------------------------------------------ views and plans

def test_belief_of_a_named_holder_is_attributed(nlp: Any) -> None:
    out = run(nlp, "Councillor Ada Brennick believes the ferry service will lose money next year.")
    assert out == [("indirect", "Councillor Ada Brennick", "believes", "the ferry service will lose money next year")]


def test_plan_attributes_the_infinitive(nlp: Any) -> None:
    out = run(nlp, "The Harwick school board plans to close two libraries in the spring.")
    assert out == [("indirect", "The Harwick school board", "plans", "to close two libraries in the spring")]


def test_passive_expectation_has_no_holder(nlp: Any) -> None:
    assert run(nlp, "The new bridge is expected to open in May.") == []


def test_plan_inside_reported_speech_is_not_a_second_attribution(nlp: Any) -> None:
    out = run(nlp, "Mayor Tillo said the council plans to raise parking fees.")
    assert [(k, s, c) for k, s, c, _ in out] == [("indirect", "Mayor Tillo", "said")]


# ------------------------------------------------------------------ the stage

def _ctx(nlp: Any, text: str, entities: tuple[Entity, ...], title: str | None = None) -> AnalysisContext:
    src = SourceRef(id="t", uri="test:", sha256="0", format="text")
    ctx = AnalysisContext(raw=RawDocument(source=src, data=text.encode(), kind="text", raw=True),
                          article=Article(title=title, text=text), settings=Settings(), reference_date=None)
    ctx.put(SPACY_DOC, nlp(text))
    ctx.put(ENTITIES, entities)
    return ctx


def test_stage_builds_model_objects_and_speakers_so_far(nlp: Any) -> None:
    text = "Mayor Dana Ortiz said the pier would reopen. “We are nearly done,” Ortiz said."
    ortiz = Entity(id="e1", name="Dana Ortiz", type="PERSON", aliases=("Dana Ortiz", "Ortiz"),
                   mentions=(Mention(6, 16, "Dana Ortiz"), Mention(67, 72, "Ortiz")))
    ctx = _ctx(nlp, text, (ortiz,))
    AttributionsStage(Settings())(ctx)
    atts = ctx.layer("attributions")
    assert [a.kind for a in atts] == ["indirect", "direct"]
    assert [a.id for a in atts] == ["a1", "a2"]
    for a in atts:
        assert a.speaker.entity_id == "e1"
        assert a.speaker.name == "Dana Ortiz"
        assert text[a.content.start : a.content.end] == a.content.text
    assert [(a.speaker.start, a.speaker.end, a.speaker.entity_id) for a in atts] == [(0, 16, "e1"), (67, 72, "e1")]


def test_unresolved_speaker_keeps_null_entity(nlp: Any) -> None:
    text = "A neighbour said the fire started in the kitchen."
    ctx = _ctx(nlp, text, ())
    AttributionsStage(Settings())(ctx)
    (att,) = ctx.layer("attributions")
    assert att.speaker.text == "A neighbour"
    assert att.speaker.entity_id is None
    assert att.speaker.name == "A neighbour"


def test_entity_by_mention_prefers_the_head_word() -> None:
    city = Entity(id="e1", name="Port Vell", type="GPE", mentions=(Mention(14, 23, "Port Vell"),))
    mayor = Entity(id="e2", name="Ana Ruiz", type="PERSON", mentions=(Mention(24, 32, "Ana Ruiz"),))
    # "The mayor of Port Vell Ana Ruiz": head word "Ruiz" at 28..32
    assert entity_by_mention((city, mayor), 0, 32, (28, 32)) is mayor


def test_empty_text_gives_empty_layer(nlp: Any) -> None:
    ctx = _ctx(nlp, " ", ())
    AttributionsStage(Settings())(ctx)
    assert ctx.layer("attributions") == ()


# ------------------------------------------------------------------ later rules

def test_relative_clause_speaker_is_who_as_written(nlp: Any) -> None:
    got = run(nlp, "The mayor, who said the budget was balanced, left early.")
    assert got == [("indirect", "who", "said", "the budget was balanced")]


def test_quote_after_reported_speech_continues_it(nlp: Any) -> None:
    text = "The coach said the team was tired.\n\n“We played three games in five days.”"
    got = run(nlp, text)
    assert got[1] == ("direct", "The coach", "said", "“We played three games in five days.”")


def test_clause_ending_in_a_colon_introduces_a_quote(nlp: Any) -> None:
    got = run(nlp, "Senator Ana Brill made the following remark: “The port must stay open.”")
    assert got == [("direct", "Senator Ana Brill", "made", "“The port must stay open.”")]


def test_quotation_closing_mid_sentence_runs_on(nlp: Any) -> None:
    got = run(nlp, "The inspector said that “the wiring was unsafe” in every flat she visited.")
    assert got == [("mixed", "The inspector", "said", "that “the wiring was unsafe” in every flat she visited")]


def test_closing_aside_is_not_content(nlp: Any) -> None:
    got = run(nlp, "The minister said the plant would close, which angered the workers.")
    assert got == [("indirect", "The minister", "said", "the plant would close")]


def test_headline_label_with_a_common_noun_speaks(nlp: Any) -> None:
    out = run(nlp, "Survey: Harbor Tax Will Sink Fishing Fleet.\n\nThe council met on Monday.")
    assert out == [("indirect", "Survey", ":", "Harbor Tax Will Sink Fishing Fleet")]


def test_cue_word_inside_the_reported_events_does_not_cut_the_content(nlp: Any) -> None:
    text = ("Ms. Orlan said the singer was heading to the stage to perform, "
            "but the guards stopped her and told her to leave.")
    said = [c for k, s, cue, c in run(nlp, text) if cue == "said"]
    assert said and said[0].startswith("the singer was heading") and "the guards stopped her" in said[0]


def test_attack_attributes_its_object(nlp: Any) -> None:
    out = run(nlp, "Senator Imre Vale attacked the governor for closing the rural clinics.")
    assert out == [("indirect", "Senator Imre Vale", "attacked", "the governor for closing the rural clinics")]


def test_refusal_attributes_the_infinitive(nlp: Any) -> None:
    out = run(nlp, "The Dorsley Mining Company refuses to release its safety records.")
    assert out == [("indirect", "The Dorsley Mining Company", "refuses", "to release its safety records")]


def test_speaking_about_attributes_the_topic(nlp: Any) -> None:
    out = run(nlp, "The harbor master spoke about the risks of the winter storms.")
    assert out == [("indirect", "The harbor master", "spoke", "the risks of the winter storms")]


def test_decision_attributes_the_infinitive(nlp: Any) -> None:
    out = run(nlp, "The Tollin city council decided to delay the vote on the new market.")
    assert out == [("indirect", "The Tollin city council", "decided", "to delay the vote on the new market")]


def test_naming_verb_in_a_relative_clause_quotes_its_words(nlp: Any) -> None:
    out = run(nlp, "The harbor tax, which Mayor Elin Roth called “a burden on every family,” was repealed on Monday.")
    assert out == [("direct", "Mayor Elin Roth", "called", "“a burden on every family,”")]


def test_ruling_attributes_its_clause(nlp: Any) -> None:
    out = run(nlp, "A federal judge in Carrow County ruled that the new zoning map was unlawful.")
    assert out == [("indirect", "A federal judge in Carrow County", "ruled", "that the new zoning map was unlawful")]


def test_cue_inside_reported_words_is_no_new_attribution(nlp: Any) -> None:
    out = run(nlp, "Mayor Ilse Brandt says she opposes the new toll on the Karrow bridge.")
    assert out == [("indirect", "Mayor Ilse Brandt", "says", "she opposes the new toll on the Karrow bridge")]


def test_participle_after_the_subject_is_not_the_source(nlp: Any) -> None:
    out = run(nlp, "Petra Lund, speaking to farmers in Velden, said the grain tax would be cut next year.")
    assert out == [("indirect", "Petra Lund", "said", "the grain tax would be cut next year")]


def test_appositive_after_an_inverted_cue_is_the_source(nlp: Any) -> None:
    out = run(nlp, "The budget will be balanced by June, said Arno Feld, the treasurer of Marlow County.")
    assert out == [("indirect", "Arno Feld, the treasurer of Marlow County", "said", "The budget will be balanced by June")]


def test_subject_of_a_coordinated_cue_keeps_its_appositive(nlp: Any) -> None:
    out = run(nlp, "Jon Marek, her Liberal opponent, visited the plant and said he thought the closure was a mistake.")
    assert [o[1] for o in out] == ["Jon Marek, her Liberal opponent,"]


def test_quote_closed_by_a_mark_of_the_other_family() -> None:
    text = "“The toll must go,\" Mayor Brandt said, calling it \"a tax on work.\""
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["“The toll must go,\"", "\"a tax on work.\""]


def test_quote_inside_a_quote_of_the_same_marks() -> None:
    text = "“I would rather pay what they call “the ferry tax” than lose the bridge,” Rosa Imbert said."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [text[: text.index(" Rosa")]]


def test_closing_mark_with_an_ellipsis_opens_a_paragraph() -> None:
    text = "The editor praised the speech.\n\n” … she spoke with a calm that won the hall,” Dara Kell wrote."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["” … she spoke with a calm that won the hall,”"]


def test_adverbial_clause_after_the_cue_is_not_its_content(nlp: Any) -> None:
    out = run(nlp, "“You should resign and repay the bonus,” Vance told Harlow, after he admitted under her "
                   "questioning he had not yet been held accountable.")
    assert out == [("direct", "Vance", "told", "“You should resign and repay the bonus,”")]


def test_adverb_on_the_cue_is_part_of_the_cue_not_the_speaker(nlp: Any) -> None:
    out = run(nlp, "The report was grim. “But since then, the harbor has recovered,” it further noted.")
    assert out == [("direct", "it", "further noted", "“But since then, the harbor has recovered,”")]


def test_inverted_cue_before_a_colon(nlp: Any) -> None:
    out = run(nlp, "The levy would make the port budget harder to read. Said Okoro: “I don’t get the sense "
                   "the board is the least bit interested in fixing it.”")
    assert [o[:2] for o in out] == [("direct", "Okoro")]


def test_abbreviation_between_cue_and_second_fragment(nlp: Any) -> None:
    out = run(nlp, "“It was a fair hearing,” Ortiz said at a meeting in Dunmore, N.D., “but the vote came too soon.”")
    assert [o[3] for o in out] == ["“It was a fair hearing,”", "“but the vote came too soon.”"]
    assert {o[1] for o in out} == {"Ortiz"}



def test_told_an_audience_that_clause(nlp: Any) -> None:
    out = run(nlp, "In Velden last week, she told a meeting of harbor pilots that few people understood the tides better than they did.")
    assert out == [("indirect", "she", "told", "that few people understood the tides better than they did")]


def test_by_saying_speaks_for_the_subject(nlp: Any) -> None:
    out = run(nlp, "The senator began by saying he would never vote for the toll.")
    assert out == [("indirect", "The senator", "saying", "he would never vote for the toll")]


def test_possessor_of_a_claim_is_its_source(nlp: Any) -> None:
    out = run(nlp, "The photos undercut the mayor’s claim that the bridge had been repaired in May.")
    assert out == [("indirect", "the mayor’s", "claim", "that the bridge had been repaired in May")]


def test_according_to_at_the_end_keeps_the_whole_source_phrase(nlp: Any) -> None:
    out = run(nlp, "Turnout fell by a third, according to a county report released last week.")
    assert out == [("indirect", "a county report released last week", "according to", "Turnout fell by a third")]


def test_adverb_on_the_subject_phrase_stays_a_focus_word_does_not(nlp: Any) -> None:
    assert run(nlp, "Only 41 percent of the dock workers said the strike should go on.")[0][1] == \
        "Only 41 percent of the dock workers"
    assert run(nlp, "Even Velden, the port's oldest partner, said it was opposed to the toll.")[0][1] == \
        "Velden, the port's oldest partner,"


def test_speech_verb_with_an_object_attributes_it(nlp: Any) -> None:
    out = run(nlp, "A chorus of dock owners has said the same thing.")
    assert out == [("indirect", "A chorus of dock owners", "has said", "the same thing")]


def test_time_phrase_between_cue_and_that_clause(nlp: Any) -> None:
    out = run(nlp, "The ferry union tweeted in the early morning hours that the strike would go on.")
    assert out == [("indirect", "The ferry union", "tweeted", "that the strike would go on")]


def test_warned_against(nlp: Any) -> None:
    out = run(nlp, "Lars Endo warned against a second toll for the ferry.")
    assert out == [("indirect", "Lars Endo", "warned", "a second toll for the ferry")]


def test_plan_or_wish_with_an_object(nlp: Any) -> None:
    assert run(nlp, "The Greens want policies that cut fares for students.") == [
        ("indirect", "The Greens", "want", "policies that cut fares for students")]
    assert run(nlp, "The mayor offered no proof that the ferry had been sold.") == [
        ("indirect", "The mayor", "offered", "no proof that the ferry had been sold")]


def test_dateline_before_a_dash_is_not_the_speaker(nlp: Any) -> None:
    out = run(nlp, "VELDEN - Harbor leaders offered broad new safety rules on Friday.")
    assert out[0][1] == "Harbor leaders"


def test_appositive_parsed_as_a_second_subject_joins_the_speaker(nlp: Any) -> None:
    # the parse the small model sometimes gives "Name, the title, vowed …": two subjects
    words = ["Ana", "Kim", ",", "the", "harbor", "chief", ",", "vowed", "to", "stay", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[True, False, True, True, True, False, True, True, True, False, False],
              heads=[1, 7, 7, 5, 5, 7, 7, 7, 9, 7, 7],
              deps=["compound", "nsubj", "punct", "det", "compound", "nsubj", "punct", "ROOT", "aux", "xcomp", "punct"],
              pos=["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "NOUN", "PUNCT", "VERB", "PART", "VERB", "PUNCT"],
              tags=["NNP", "NNP", ",", "DT", "NN", "NN", ",", "VBD", "TO", "VB", "."],
              lemmas=["Ana", "Kim", ",", "the", "harbor", "chief", ",", "vow", "to", "stay", "."])
    found = find_attributions(doc)
    assert [doc.text[f.speaker[0] : f.speaker[1]] for f in found if f.speaker] == ["Ana Kim, the harbor chief,"]


def test_inverted_appositive_set_off_on_both_sides_keeps_its_comma(nlp: Any) -> None:
    out = run(nlp, "“We will not sell the pier,” said Ilse Varga, the head of the harbor board, in a statement.")
    assert out[0][1] == "Ilse Varga, the head of the harbor board,"


def test_speaker_reached_through_its_last_conjunct_is_the_whole_list(nlp: Any) -> None:
    # a parse that leaves the cue without a subject; the word before it is the last conjunct
    doc = Doc(nlp.vocab, words=["Vance", "and", "Okoro", "back", "the", "toll", "."],
              spaces=[True, True, True, True, True, False, False],
              heads=[3, 0, 0, 3, 5, 3, 3], deps=["dep", "cc", "conj", "ROOT", "det", "dobj", "punct"],
              pos=["PROPN", "CCONJ", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
              tags=["NNP", "CC", "NNP", "VBP", "DT", "NN", "."],
              lemmas=["Vance", "and", "Okoro", "back", "the", "toll", "."])
    found = find_attributions(doc)
    assert [(doc.text[f.speaker[0] : f.speaker[1]], doc.text[f.content[0] : f.content[1]]) for f in found if f.speaker] == \
        [("Vance and Okoro", "the toll")]


def test_according_to_conjunction_before_the_content_is_the_writers(nlp: Any) -> None:
    out = run(nlp, "Fares will rise, according to the port authority, and the ferries will run less often.")
    assert out == [("indirect", "the port authority", "according to", "the ferries will run less often")]


def test_prepositional_content_of_asking_and_commenting(nlp: Any) -> None:
    assert run(nlp, "The harbor master commented on the ferry accident.") == [
        ("indirect", "The harbor master", "commented", "the ferry accident")]
    assert run(nlp, "Some dock owners are worried about the new toll.") == []  # an adjective, not a cue
    assert run(nlp, "Several pilots wondered about the new schedule.") == [
        ("indirect", "Several pilots", "wondered", "the new schedule")]


def test_demonstrative_with_a_modifier_speaks(nlp: Any) -> None:
    assert run(nlp, "Those close to the mayor say that the ferry will be sold.") == [
        ("indirect", "Those close to the mayor", "say", "that the ferry will be sold")]


def test_clause_after_a_preposed_phrase_parsed_as_adverbial(nlp: Any) -> None:
    assert run(nlp, "The mayor said after the vote she would not sign the toll bill.") == [
        ("indirect", "The mayor", "said", "she would not sign the toll bill")]


def test_time_phrase_before_the_object(nlp: Any) -> None:
    assert run(nlp, "Port police announced on Friday the arrest of a man in the dock fire.") == [
        ("indirect", "Port police", "announced", "the arrest of a man in the dock fire")]


def test_communicative_verbs_attribute_their_object(nlp: Any) -> None:
    assert run(nlp, "Several council members echoed her concerns.") == [
        ("indirect", "Several council members", "echoed", "her concerns")]
    assert run(nlp, "The harbor master outlined his safety plan.") == [
        ("indirect", "The harbor master", "outlined", "his safety plan")]


def test_describing_someone_as_something_is_attributed(nlp: Any) -> None:
    assert run(nlp, "Many dock workers view the toll as a tax on work.") == [
        ("indirect", "Many dock workers", "view", "the toll as a tax on work")]
    assert run(nlp, "In the ad, Vance portrays the mayor as a friend of the shipping lobby.") == [
        ("indirect", "Vance", "portrays", "the mayor as a friend of the shipping lobby")]


def test_second_cue_hung_on_the_reported_clause_is_the_first_speakers(nlp: Any) -> None:
    assert run(nlp, "The mayor said she would close the pier and warned against new tolls.") == [
        ("indirect", "The mayor", "said", "she would close the pier"),
        ("indirect", "The mayor", "warned", "new tolls")]


def test_speaker_phrase_never_crosses_a_line(nlp: Any) -> None:
    text = "Harbor notes (all times local):\n\nMayor Ilse Brandt says the ferry fares will rise in March."
    for f in find_attributions(nlp(text)):
        assert f.speaker is None or "\n" not in text[f.speaker[0] : f.speaker[1]]


def test_cue_lemma_with_a_silent_e_the_model_cut(nlp: Any) -> None:
    # the small model lemmatises "hopes" to "hop"
    assert run(nlp, "The harbor master hopes to reopen the pier by May.") == [
        ("indirect", "The harbor master", "hopes", "to reopen the pier by May")]


def test_what_a_poll_shows_is_attributed_to_it(nlp: Any) -> None:
    assert run(nlp, "Recent polls in Velden show a close race for mayor.") == [
        ("indirect", "Recent polls in Velden", "show", "a close race for mayor")]
    assert run(nlp, "The harbor records showed us the way forward.") == []


def test_reader_addressed_as_you_is_no_source_of_a_view(nlp: Any) -> None:
    assert run(nlp, "Do you know where the ferry money went?") == []


def test_fronted_relative_word_stands_for_what_was_said(nlp: Any) -> None:
    assert run(nlp, "That is what the harbor master said.") == [("indirect", "the harbor master", "said", "what")]


def test_a_concessive_aside_is_the_writers_and_holds_its_own_attribution(nlp: Any) -> None:
    assert run(nlp, "On Tuesday, Premier Halvorsen suggested the blockade of Kessar is unavoidable, despite "
                    "U.N. officials warning that the blockade could starve the city.") == [
        ("indirect", "Premier Halvorsen", "suggested", "the blockade of Kessar is unavoidable"),
        ("indirect", "U.N. officials", "warning", "that the blockade could starve the city")]
    # without the comma the clause is still the mayor's words
    assert all(c != "warning" for _, _, c, _ in run(
        nlp, "The mayor said the ferry would run despite officials warning of storms."))


def test_a_continued_quotation_that_runs_on_is_mixed(nlp: Any) -> None:
    got = run(nlp, "“The levy is unfair,” said Ines Marr. “You asked the smallest shops to pay for the new” "
                   "harbor wall.")
    assert got[-1] == ("mixed", "Ines Marr", "said", "“You asked the smallest shops to pay for the new” harbor wall")
    got = run(nlp, "“The levy is unfair,” said Ines Marr. “You asked the smallest shops to pay for it.”")
    assert got[-1] == ("direct", "Ines Marr", "said", "“You asked the smallest shops to pay for it.”")


def test_quote_after_a_colon_inside_the_same_speakers_report_is_part_of_it(nlp: Any) -> None:
    got = run(nlp, "Mayor Olsen praised the rescue crews and said the city needs one thing now: "
                   "“Patience, and a great deal of it.”")
    assert ("mixed", "Mayor Olsen", "said",
            "the city needs one thing now: “Patience, and a great deal of it.”") in got
    assert not any(kind == "direct" for kind, *_ in got)


def test_cue_with_its_own_clause_before_a_comma_is_no_parenthetical(nlp: Any) -> None:
    got = run(nlp, "Harbor spokesman Tomas Reyes said Monday that if the strike ends this week, "
                   "“the ships will be unloaded by Sunday.”")
    assert got == [("mixed", "Harbor spokesman Tomas Reyes", "said",
                    "that if the strike ends this week, “the ships will be unloaded by Sunday.”")]


def test_quotation_in_apposition_to_what_the_cue_says(nlp: Any) -> None:
    got = run(nlp, "Even at ninety, my grandfather still says things such as, \"Nobody ever got rich by resting.\"")
    assert got == [("mixed", "my grandfather", "still says",
                    "things such as, \"Nobody ever got rich by resting.\"")]
    # the one told is not what is said: the quotation stays direct
    got = run(nlp, "The captain told reporters, \"We will sail at dawn.\"")
    assert got == [("direct", "The captain", "told", "\"We will sail at dawn.\"")]


def test_quotations_listed_after_the_cue_are_one_content(nlp: Any) -> None:
    got = run(nlp, "As the governor went on about “broken promises,” and “empty factories” and "
                   "“forgotten towns,” the crowd grew louder.")
    assert got[0][:3] == ("mixed", "the governor", "went on")
    assert got[0][3] == "“broken promises,” and “empty factories” and “forgotten towns,”"


def test_pronoun_compounded_onto_a_name_is_not_the_speaker(nlp: Any) -> None:
    got = run(nlp, "We don't care. Everything Halvorsen says is a lie unless proven otherwise.")
    assert [sp for _, sp, _, _ in got] == ["Halvorsen"]


def test_opening_mark_typed_for_the_closer_at_a_paragraph_end() -> None:
    text = "Lund said: “The first rate is 33 percent. The second is 36 percent.“\n\nThe board met “later” that day."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [
        "“The first rate is 33 percent. The second is 36 percent.“", "“later”"]
    assert all(q.balanced for q in quotes)


def test_dash_the_parser_made_the_subject_is_not_the_speaker(nlp: Any) -> None:
    got = run(nlp, "The ferry fares were made public ― Councilor Vik boasted, “That makes me right.”")
    assert ("direct", "Councilor Vik", "boasted", "“That makes me right.”") in got
    got = run(nlp, "The film ― which\u00a0weaves together the voices of dockers and their families ― "
                   "explains the long decline of the port.")
    assert [sp for _, sp, _, _ in got] == ["The film"]


def test_lets_say_is_a_supposition_not_speech(nlp: Any) -> None:
    assert run(nlp, "Let's say you think a harbor berth will cost $160,000 in ten years.") == []


def test_purpose_infinitive_speaks_for_the_subject(nlp: Any) -> None:
    got = run(nlp, "She has gone on a cross-country tour to talk with port workers about ways to cut delays.")
    assert [sp for _, sp, _, _ in got] == ["She"]


def test_clause_subject_parsed_as_the_cues_object_starts_the_content(nlp: Any) -> None:
    got = run(nlp, "The city's education department said attendance at the nine schools rose from 88% "
                   "to 92% during the pilot, while absences fell 18%.")
    assert got[0] == ("indirect", "The city's education department", "said",
                      "attendance at the nine schools rose from 88% to 92% during the pilot")


# One rule per case, named by its id: the text holds one attribution (or, in the
# second table, the rule decides the last one).
@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(
        "The fire started in a warehouse that Chief Dana Holt described as “a deliberate act.”",
        ("direct", "Chief Dana Holt", "described", "“a deliberate act.”"),
        id="naming_verb_with_only_a_preposition_quotes_the_words"),
    pytest.param(
        "A group of engineers in 2019 warned that the bridge was failing.",
        ("indirect", "A group of engineers", "warned", "that the bridge was failing"),
        id="time_phrase_in_the_subject_is_not_the_speaker"),
    pytest.param(
        "“We will find justice in this case,” Tulsa police Chief Chuck Dorn said Monday.",
        ("direct", "Tulsa police Chief Chuck Dorn", "said", "“We will find justice in this case,”"),
        id="capitalised_run_before_the_cue_is_the_speaker_when_the_parse_has_no_subject"),
    pytest.param(
        "Residents marching past the harbor chanted \"Open the gates!\" until dawn.",
        ("direct", "Residents", "chanted", "\"Open the gates!\""),
        id="speaker_described_by_a_participle_phrase_before_the_cue"),
    pytest.param(
        "The museum opens.\n\nHARBOR CITY -- Mayor Ada Quist, opening the new museum on Saturday, "
        "said it would tell the story of the port.",
        ("indirect", "Mayor Ada Quist", "said", "it would tell the story of the port"),
        id="dateline_city_is_not_the_speaker"),
    pytest.param(
        "Talks end without a deal\n\nGENEVA (Wire) — Trade ministers from Norland ended two days of "
        "talks without an agreement, officials from both delegations said.",
        ("indirect", "officials from both delegations", "said",
         "Trade ministers from Norland ended two days of talks without an agreement"),
        id="dateline_is_not_part_of_the_content"),
])
def test_the_one_attribution(nlp: Any, text: str, expected: tuple[str, str, str, str]) -> None:
    assert run(nlp, text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param(
        "“The budget is fair,” Councilor Ray Obi said Monday on Radio Nine’s “Morning Desk.” "
        "“I mean, every district gets the same share.”",
        ("direct", "Councilor Ray Obi", "said", "“I mean, every district gets the same share.”"),
        id="continuation_after_a_sentence_ending_in_a_title"),
    pytest.param(
        "“Every time you say that,” Senator Imre Kask said, referring to the rate excuse, "
        "“you hand the critics a gift.”",
        ("direct", "Senator Imre Kask", "said", "“you hand the critics a gift.”"),
        id="participle_between_the_cue_and_the_second_fragment"),
    pytest.param(
        "\"We will get there,\" she said at a recent news conference announcing that her "
        "department was suing the harbor board.",
        ("indirect", "she", "announcing", "that her department was suing the harbor board"),
        id="occasion_is_not_the_speaker"),
])
def test_the_last_attribution(nlp: Any, text: str, expected: tuple[str, str, str, str]) -> None:
    assert run(nlp, text)[-1] == expected
