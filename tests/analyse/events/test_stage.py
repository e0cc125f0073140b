"""The events stage on fictional sentences: types, actors, tense, negation, dates, places."""

from __future__ import annotations

import json
from typing import Any

import pytest

from newsgraph.analyse.events.lexicon import TYPES, cameo_reading, lexicon
from newsgraph.analyse.events.stage import EventsStage
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.nlp.stage import load_nlp
from newsgraph.model import (
    Article,
    Attribution,
    Event,
    RawDocument,
    SourceRef,
    Span,
    SpeakerRef,
    Timex,
)
from newsgraph.pipeline.stage import AnalysisContext, HandOff
from newsgraph.settings import Settings
from tests.conftest import shared_file


def _ctx(text: str, reference_date: str | None = "2031-05-09", **layers: Any) -> AnalysisContext:
    src = SourceRef(id="t", uri="test:", sha256="", format="text")
    raw = RawDocument(source=src, data=text.encode(), kind="text", raw=True)
    ctx = AnalysisContext(raw=raw, article=Article(title=None, text=text), settings=Settings(),
                          reference_date=reference_date)
    ctx.put(SPACY_DOC, load_nlp()(text))
    for name, value in layers.items():
        ctx.put(HandOff(name), tuple(value))
    return ctx


def code(text: str, **kw: Any) -> list[Event]:
    ctx = _ctx(text, **kw)
    EventsStage(Settings())(ctx)
    return list(ctx.layer("events"))


def one(events: list[Event], trigger: str) -> Event:
    hits = [e for e in events if trigger in e.trigger.text]
    assert hits, f"no event with trigger {trigger!r} in {[(e.type, e.trigger.text) for e in events]}"
    return hits[0]


def test_veto_is_reject_with_coded_source() -> None:
    ev = one(code("Portugal vetoed the fishing quota proposal on Tuesday."), "vetoed")
    assert ev.type == "REJECT" and ev.cameo == "129"
    assert ev.source is not None and ev.source.country == "PRT" and ev.source.sector == "GOV"
    assert ev.tense == "past" and not ev.negated


def test_passive_agent_is_the_source() -> None:
    ev = one(code("The harbour toll plan was vetoed by Argentina."), "vetoed")
    assert ev.type == "REJECT"
    assert ev.source is not None and ev.source.country == "ARG"


def test_light_verb_nouns_are_events() -> None:
    talks = one(code("Finland held talks with Estonia about the ferry line."), "talks")
    assert talks.type == "CONSULT"
    assert talks.source is not None and talks.source.country == "FIN"
    assert talks.target is not None and talks.target.country == "EST"
    sanctions = one(code("Brazil imposed sanctions on Venezuela last year."), "sanctions")
    assert sanctions.type == "SANCTION"
    assert sanctions.target is not None and sanctions.target.country == "VEN"
    attack = one(code("The army launched an attack on the border town."), "attack")
    assert attack.type == "ASSAULT" and attack.source is not None and attack.source.sector == "MIL"


def test_arrest_with_role_country_and_place() -> None:
    ev = one(code("Kenyan police arrested dozens of students in Nairobi."), "arrested")
    assert (ev.type, ev.mode) == ("COERCE", "arrest")
    assert ev.source is not None and (ev.source.country, ev.source.sector) == ("KEN", "COP")
    assert ev.location is not None and ev.location.name == "Nairobi"


def test_negation_future_and_cameo_reading() -> None:
    ev = one(code("The rebels will not release the two engineers."), "release")
    assert ev.type == "RETREAT" and ev.mode == "release"
    assert ev.negated and ev.tense == "future"
    assert cameo_reading(ev.type, ev.negated, ev.tense) == "REJECT"


def test_intention_reads_as_agree() -> None:
    ev = one(code("Mexico is willing to withdraw its troops from the valley."), "withdraw")
    assert ev.type == "RETREAT" and ev.tense == "future"
    assert cameo_reading(ev.type, ev.negated, ev.tense) == "AGREE"
    threat = one(code("The farmers said they would blockade the capital's roads."), "blockade")
    assert cameo_reading(threat.type, threat.negated, threat.tense) == "THREATEN"


def test_judgement_after_be_is_accuse_from_the_speaker() -> None:
    events = code("Norway's foreign minister said a naval blockade would be a mistake.")
    ev = one(events, "mistake")
    assert ev.type == "ACCUSE" and ev.tense == "hypothetical"
    assert ev.source is not None and ev.source.country == "NOR"


def test_must_in_reported_speech_is_a_request() -> None:
    ev = one(code("Canada said Peru must release the jailed reporters."), "must")
    assert ev.type == "REQUEST" and ev.mode == "yield"
    assert ev.source is not None and ev.source.country == "CAN"
    assert ev.target is not None and ev.target.country == "PER"
    # the release is the request's content, not an event of its own
    assert not [e for e in code("Canada said Peru must release the jailed reporters.") if e.type == "RETREAT"]


def test_request_swallows_its_complement() -> None:
    events = code("Ghana urged Togo to reopen the border crossing.")
    assert [e.type for e in events] == ["REQUEST"]
    assert events[0].mode == "yield"


def test_reciprocal_subjects_are_source_and_target() -> None:
    ev = one(code("Chile and Peru met in Lima on Monday."), "met")
    assert ev.type == "CONSULT"
    assert ev.source is not None and ev.target is not None
    assert {ev.source.country, ev.target.country} == {"CHL", "PER"}


def test_no_event_in_a_plain_sentence() -> None:
    assert code("The weather in Oslo was mild and the ferries ran on time.") == []


def test_date_from_timex_else_article() -> None:
    text = "Iceland recalled its ambassador on Friday."
    fri = text.index("Friday")
    ev = one(code(text, timexes=[Timex(fri, fri + 6, "Friday", "DATE", "2031-05-09")]), "recalled")
    assert (ev.type, ev.mode) == ("SANCTION", "withdraw")
    assert (ev.date, ev.date_from) == ("2031-05-09", "timex")
    ev = one(code(text, reference_date="2031-05-10"), "recalled")
    assert (ev.date, ev.date_from) == ("2031-05-10", "article")
    ev = one(code(text, reference_date=None), "recalled")
    assert (ev.date, ev.date_from) == (None, None)


def test_event_inside_an_attribution_is_linked_to_it() -> None:
    text = "Senator Vale said the navy has worked with Denmark to clear the mines."
    c0 = text.index("the navy")
    content = Span(c0, len(text) - 1, text[c0:-1])
    att = Attribution(id="a1", kind="indirect", content=content, cue=Span(12, 16, "said"),
                      speaker=SpeakerRef("Senator Vale", 0, 12, None, "Vale"))
    ev = one(code(text, attributions=[att]), "worked")
    assert ev.type == "COOPERATE"
    assert ev.attribution_id == "a1"
    assert ev.target is not None and ev.target.country == "DNK"


def test_first_person_in_a_quote_is_the_speaker() -> None:
    text = "“We will not support the dam project,” the Egyptian prime minister said."
    ev = one(code(text), "support")
    assert ev.type == "SUPPORT" and ev.negated
    assert ev.source is not None and ev.source.country == "EGY" and ev.source.sector == "GOV"


def test_offsets_point_into_the_text() -> None:
    text = "Chad deployed troops to the northern border. Niger criticized the move."
    for ev in code(text):
        assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
        assert text[ev.sentence.start:ev.sentence.end] == ev.sentence.text
        assert ev.sentence.start <= ev.trigger.start < ev.trigger.end <= ev.sentence.end
    types = {e.trigger.text: e.type for e in code(text)}
    assert types.get("deployed") == "MOBILIZE" and types.get("criticized") == "ACCUSE"


def test_empty_text_gives_no_events() -> None:
    ctx = _ctx("")
    EventsStage(Settings())(ctx)
    assert ctx.layer("events") == ()


def test_lexicon_types_and_modes_follow_the_plover_ontology() -> None:
    onto = json.loads(shared_file("data/events/plover_ontology.json").read_text("utf-8"))
    modes = {t["name"]: set(t["modes"]) for t in onto["event_types"]}
    assert set(modes) == set(TYPES)
    lex = lexicon()
    for e in lex.entries:
        assert e.type in modes
        assert e.mode is None or e.mode in modes[e.type], (e.type, e.mode)
    for kind, table in lex.complement_modes.items():
        for mode in table.values():
            assert mode in modes[kind], (kind, mode)


@pytest.mark.parametrize("word", ["veto", "attack", "arrest", "meet", "withdraw", "accuse", "urge"])
def test_every_common_trigger_is_listed(word: str) -> None:
    lex = lexicon()
    assert word in lex.verbs


def test_conjoined_actors_give_one_event_each() -> None:
    vetoes = [e for e in code("The draft resolution was vetoed by Russia and China.") if e.type == "REJECT"]
    assert sorted(e.source.country for e in vetoes if e.source) == ["CHN", "RUS"]
    assert len({(e.trigger.start, e.trigger.end) for e in vetoes}) == 1
    # a reciprocal event keeps its pair
    met = [e for e in code("Chile and Peru met in Lima on Monday.") if e.type == "CONSULT"]
    assert len(met) == 1
