"""The real-news scoring rules (../shared/data/realnews/README.md), one by one.

Every example is made up for these tests (people, places and sentences that do
not exist); none comes from the annotated pages. Nothing here loads spaCy.
"""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from newsgraph.evaluate.realnews import report, score_page, summarise
from newsgraph.evaluate.realnews.rules import (
    TITLES,
    confident,
    dice,
    figure_value,
    greedy,
    haversine_km,
    is_duration,
    names_agree,
    place_form,
    predicted_name,
    tokens,
    values_agree,
)
from newsgraph.evaluate.realnews.scoring import (
    score_attributions,
    score_events,
    score_figures,
    score_places,
    totals,
)
from tests.conftest import ROOT

# ---- a fictional newsgraph/1 output ---------------------------------------------------------


def _doc(text: str = "", **layers: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"schema": "newsgraph/1", "article": {"text": text}, "entities": [], "attributions": [],
                           "claims": [], "places": [], "events": []}
    out.update(layers)
    return out


def _conf(value: float | None) -> dict[str, Any]:
    return {"stage": "test", "version": "1", "method": "", "confidence": value}


def _att(content: str, speaker_text: str | None = None, entity_id: str | None = None,
         confidence: float | None = None) -> dict[str, Any]:
    return {"kind": "direct", "content": {"start": 0, "end": 0, "text": content},
            "speaker": {"text": speaker_text, "entity_id": entity_id, "name": speaker_text},
            "provenance": _conf(confidence)}


def _gatt(content: str, speaker: str) -> dict[str, Any]:
    return {"kind": "direct", "content": content, "speaker": speaker, "speaker_mention": "", "cue": "said"}


# ---- tokens, dice ---------------------------------------------------------------------------


def test_tokens_are_lowercased_words_after_straightening_quotes() -> None:
    assert tokens("“Brandt’s crew,” she SAID") == ["brandt", "s", "crew", "she", "said"]
    assert tokens("Brandt's crew") == tokens("Brandt’s crew")
    assert tokens(None) == []


def test_dice_counts_token_multisets() -> None:
    assert dice("the mill closed", "The mill closed.") == 1.0
    # {the, the, mill} vs {the, mill}: 2·2 / 5
    assert dice("the the mill", "the mill") == pytest.approx(0.8)
    assert dice("", "") == 0.0
    assert dice("a b", "c d") == 0.0


# ---- names ----------------------------------------------------------------------------------


def test_names_agree_when_one_is_a_subset_of_the_other() -> None:
    assert names_agree("Ada Quill", "Quill")
    assert names_agree("Quill", "Ada Quill")
    assert names_agree("Ada Quill", "Councillor-elect Ada Quill")
    assert not names_agree("Ada Quill", "Bram Quill")
    assert not names_agree("Ada Quill", "Ada Quillon")
    assert names_agree("Veller Transit Board", "the board")  # lenient by design: a subset is enough


def test_titles_are_left_out_before_the_subset_test() -> None:
    assert names_agree("President Ada Quill", "Ada Quill")
    assert names_agree("Sen. Bram Oster", "Bram Oster")
    assert names_agree("Dr. Bram Oster", "Mayor Oster")
    assert names_agree("the Veller Port Authority", "Port Authority of Veller")
    assert {"president", "sen", "secretary", "minister", "dr", "the", "of"} <= TITLES


def test_a_name_made_only_of_titles_keeps_its_title_words() -> None:
    # "the minister" must not become the empty set, a subset of every name ...
    assert not names_agree("Ada Quill", "the minister")
    assert not names_agree("Bishop Bram Oster", "the minister")
    # ... but its words are tokens of the other name, as the README's subset test asks
    assert names_agree("Minister Ada Quill", "the minister")
    assert names_agree("Pope Bram", "pope")
    assert names_agree("the Minister", "minister")
    assert not names_agree("the minister", "the mayor")


def test_pronouns_never_agree() -> None:
    assert not names_agree("he", "he")
    assert not names_agree("Ada Quill", "she")
    assert not names_agree("Veller Council", "who")
    assert not names_agree("", "they")  # a pronoun is a name that never agrees, not "no name"
    assert names_agree("WHO", "WHO") and names_agree("US", "the US")  # acronyms in capitals are names
    assert not names_agree("I", "I")


def test_empty_gold_agrees_only_with_no_name() -> None:
    assert names_agree("", None)
    assert names_agree("", "")
    assert not names_agree("", "Ada Quill")
    assert not names_agree("Ada Quill", None)


def test_predicted_name_prefers_the_resolved_entity() -> None:
    names = {"e1": "Ada Quill"}
    assert predicted_name({"text": "she", "entity_id": "e1", "name": "Ada Quill"}, names, written="text") == "Ada Quill"
    assert predicted_name({"text": "the union", "entity_id": None, "name": "the union"}, names, written="text") == "the union"
    assert predicted_name({"name": "Veller Council", "entity_id": "e9"}, names) == "Veller Council"
    assert predicted_name(None, names) is None


# ---- confidence -----------------------------------------------------------------------------


def test_confidence_below_one_half_is_not_a_prediction() -> None:
    assert not confident({"provenance": _conf(0.3)})
    assert confident({"provenance": _conf(0.5)})
    assert confident({"provenance": _conf(None)})
    assert confident({})


# ---- figures' rules -------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "unit", "duration"), [
    ("36 hours", "hours", True),
    ("more than a decade", "years", True),
    ("nearly two weeks", None, True),            # time unit among the last two words
    ("a six-year lease", "leases", True),        # "year" is one of the last two words
    ("$40 million a day", "USD", True),          # the rule as written: a rate ends in a time unit too
    ("18 months of talks", "talks", False),      # the time unit is not among the last two words
    ("$4.5 million", "USD", False),
    ("about 40%", "%", False),
    ("Route 9 in Veller, Mo.", None, False),     # "Mo." is not a time unit
])
def test_durations_are_left_out(text: str, unit: str | None, duration: bool) -> None:
    assert is_duration(text, unit) is duration


def test_values_agree_within_one_percent() -> None:
    assert values_agree(1000, 1009)
    assert values_agree(1000, 991)
    assert not values_agree(1000, 1011)
    assert values_agree(0, 0) and not values_agree(0, 0.001)
    assert not values_agree(5, None)


def test_a_figure_without_value_uses_its_magnitude() -> None:
    assert figure_value({"value": None, "magnitude": 1e6}) == 1e6
    assert figure_value({"value": 12.0, "magnitude": None}) == 12.0


# ---- places' rules --------------------------------------------------------------------------


def test_haversine() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.1)
    assert haversine_km(10, 20, 10, 20) == 0.0


def test_place_forms_are_normalised() -> None:
    assert place_form("the U.S.") == place_form("US")
    assert place_form("Port-Veller") == place_form("port veller")
    assert place_form("THE VELLER DELTA") == place_form("Veller Delta")


# ---- one-to-one matching --------------------------------------------------------------------


def test_greedy_takes_the_best_pair_first_and_each_item_once() -> None:
    sims = {(0, 0): 0.9, (0, 1): 0.8, (1, 0): 0.85, (1, 1): 0.4}
    pairs = greedy(2, 2, lambda g, p: (sims[g, p],), 0.5)
    # (0,0) is best; gold 1's only pair above the threshold used pred 0: greedy, not optimal
    assert pairs == [(0, 0)]
    assert greedy(2, 2, lambda g, p: (sims[g, p],), 0.95) == []


def test_greedy_breaks_ties_with_the_second_key_then_order() -> None:
    assert greedy(1, 2, lambda g, p: (0.7, [0.0, 1.0][p]), 0.5) == [(0, 1)]
    assert greedy(1, 2, lambda g, p: (0.7,), 0.5) == [(0, 0)]
    assert greedy(1, 1, lambda g, p: None, 0.0) == []


# ---- attributions ---------------------------------------------------------------------------


def test_attributions_content_and_speaker() -> None:
    gold = [_gatt("“The bridge will reopen in spring,”", "Ada Quill"),
            _gatt("that the ferry fares would not rise", "Veller Transit Board"),
            _gatt("“Nobody asked us,”", "")]
    doc = _doc(entities=[{"id": "e1", "name": "Ada Quill"}], attributions=[
        _att("“The bridge will reopen in spring,” she added", "she", "e1"),   # dice 0.86, speaker via entity
        _att("the ferry fares would not rise this year", "a ferry captain"),  # dice 0.8, speaker disagrees
        _att("“Nobody asked us,”", None),                                     # "" gold speaker, no name: agrees
        _att("the weather was fine", "a forecaster"),                          # no gold: a false positive
    ])
    got = score_attributions(gold, doc)
    assert got.counts["content"].figures()["precision"] == 0.75
    assert got.counts["content"].figures()["recall"] == 1.0
    assert got.counts["speaker"].right_pred == 2
    assert got.wrong[0]["gold"] == "Veller Transit Board" and got.wrong[0]["pred"] == "a ferry captain"
    assert [x["content"] for x in got.extra] == ["the weather was fine"]


def test_attributions_below_half_dice_do_not_match() -> None:
    gold = [_gatt("that the harbour dredging would start in May and cost more", "Ada Quill")]
    doc = _doc(attributions=[_att("the harbour dredging", "Ada Quill")])  # dice 6/14
    assert dice(gold[0]["content"], "the harbour dredging") < 0.5
    got = score_attributions(gold, doc)
    assert got.counts["content"].right_pred == 0
    assert len(got.missed) == 1 and len(got.extra) == 1


def test_unsure_attributions_are_not_counted() -> None:
    gold = [_gatt("“We are done waiting,”", "Ada Quill")]
    doc = _doc(attributions=[_att("“We are done waiting,”", "Quill", confidence=0.9),
                             _att("“maybe a quote”", "someone", confidence=0.2)])
    got = score_attributions(gold, doc)
    assert got.counts["content"].pred == 1 and got.counts["speaker"].right_gold == 1


def test_one_prediction_matches_one_gold_item() -> None:
    gold = [_gatt("“Open the gates,”", "Ada Quill"), _gatt("“Open the gates,”", "Ada Quill")]
    doc = _doc(attributions=[_att("“Open the gates,”", "Quill")])
    got = score_attributions(gold, doc)
    assert (got.counts["content"].right_pred, len(got.missed)) == (1, 1)


# ---- events ---------------------------------------------------------------------------------

_SENT = "Veller police arrested two dock workers on Tuesday after the protest."


def _ev(type_: str, source: str | None, target: str | None, sentence: str = _SENT, trigger: str = "arrested",
        negated: bool = False, tense: str = "past", confidence: float | None = None) -> dict[str, Any]:
    actor = lambda n: {"name": n, "entity_id": None, "country": None} if n else None  # noqa: E731
    return {"type": type_, "trigger": {"start": 0, "end": 0, "text": trigger}, "source": actor(source),
            "target": actor(target), "negated": negated, "tense": tense,
            "sentence": {"start": 0, "end": len(sentence), "text": sentence}, "provenance": _conf(confidence)}


def _gev(type_: str, source: str, target: str, sentence: str = _SENT, trigger: str = "arrested") -> dict[str, Any]:
    return {"type": type_, "trigger": trigger, "sentence": sentence, "source": source, "target": target}


def test_events_need_the_same_type_and_a_similar_sentence() -> None:
    gold = [_gev("COERCE", "Veller police", "dock workers")]
    assert score_events(gold, _doc(events=[_ev("ASSAULT", "police", "dock workers")])).counts["type"].right_pred == 0
    other = "The ferry company thanked the dock workers for their patience."
    assert score_events(gold, _doc(events=[_ev("COERCE", "police", "workers", other)])).counts["type"].right_pred == 0
    got = score_events(gold, _doc(events=[_ev("COERCE", "police", "dock workers")]))
    assert got.counts["type"].right_pred == 1 and got.counts["actors"].right_pred == 1


def test_events_not_asserted_are_left_out() -> None:
    gold = [_gev("COERCE", "Veller police", "dock workers")]
    doc = _doc(events=[_ev("COERCE", "police", "dock workers", negated=True),
                       _ev("COERCE", "police", "dock workers", tense="future"),
                       _ev("COERCE", "police", "dock workers", tense="hypothetical"),
                       _ev("COERCE", "police", "dock workers", confidence=0.1)])
    got = score_events(gold, doc)
    assert got.counts["type"].pred == 0 and len(got.missed) == 1


def test_empty_gold_actor_wants_no_predicted_actor() -> None:
    gold = [_gev("ASSAULT", "", "Bram Oster", "Bram Oster was attacked near the quay.", "attacked")]
    doc = _doc(events=[_ev("ASSAULT", "quay", "Bram Oster", "Bram Oster was attacked near the quay.", "attacked")])
    got = score_events(gold, doc)
    assert got.counts["type"].right_pred == 1 and got.counts["actors"].right_pred == 0
    doc = _doc(events=[_ev("ASSAULT", None, "Oster", "Bram Oster was attacked near the quay.", "attacked")])
    assert score_events(gold, doc).counts["actors"].right_pred == 1


def test_events_in_one_sentence_pair_by_trigger() -> None:
    sent = "Strikers blocked the port and the army detained their leader."
    gold = [_gev("COERCE", "strikers", "port", sent, "blocked"), _gev("COERCE", "army", "leader", sent, "detained")]
    doc = _doc(events=[_ev("COERCE", "army", "leader", sent, "detained"),
                       _ev("COERCE", "Strikers", "port", sent, "blocked")])
    got = score_events(gold, doc)
    assert got.counts["actors"].right_pred == 2


# ---- places ---------------------------------------------------------------------------------

_PTEXT = "Port Veller and Veller both flooded; Oster Bay said Ardmoor would help."


def _place(form: str, gid: int | None, country: str | None, lat: float | None, lon: float | None,
           name: str | None = None, confidence: float | None = None) -> dict[str, Any]:
    start = _PTEXT.index(form)
    return {"name": name or form, "start": start, "end": start + len(form), "entity_id": None, "country": country,
            "lat": lat, "lon": lon, "geonameid": gid, "provenance": _conf(confidence)}


def _gplace(name: str, mentions: list[str], country: str, lat: float, lon: float) -> dict[str, Any]:
    return {"name": name, "mentions": mentions, "country": country, "lat": lat, "lon": lon, "kind": "city"}


def test_place_mentions_group_by_geonames_id_else_name() -> None:
    gold = [_gplace("Port Veller", ["Port Veller", "Veller"], "XV", 10.0, 20.0)]
    doc = _doc(_PTEXT, places=[_place("Port Veller", 77, "XV", 10.0, 20.0),
                               _place("Veller", 77, "XV", 10.0, 20.0)])
    got = score_places(gold, [], doc)
    assert got.counts["resolved"].pred == 1 and got.counts["resolved"].right_gold == 1
    doc = _doc(_PTEXT, places=[_place("Port Veller", None, "XV", 10.0, 20.0, name="Port Veller"),
                               _place("Veller", None, "XV", 10.0, 20.0, name="Veller")])
    assert score_places(gold, [], doc).counts["resolved"].pred == 2  # two names, two groups


def test_places_detected_versus_resolved() -> None:
    gold = [_gplace("Port Veller", ["Port Veller"], "XV", 10.0, 20.0)]
    near = _doc(_PTEXT, places=[_place("Port Veller", 1, "XV", 10.0, 21.4)])    # about 153 km away
    far = _doc(_PTEXT, places=[_place("Port Veller", 1, "XV", 10.0, 21.5)])     # about 164 km away
    wrong_country = _doc(_PTEXT, places=[_place("Port Veller", 1, "XW", 10.0, 20.0)])
    assert score_places(gold, [], near).counts["resolved"].right_pred == 1
    for doc in (far, wrong_country):
        got = score_places(gold, [], doc)
        assert got.counts["detected"].right_pred == 1 and got.counts["resolved"].right_pred == 0
        assert len(got.wrong) == 1 and got.missed[0]["found"]


def test_a_gold_place_without_country_checks_only_the_distance() -> None:
    gold = [_gplace("Oster Bay", ["Oster Bay"], "", 5.0, 5.0)]
    doc = _doc(_PTEXT, places=[_place("Oster Bay", 3, None, 5.5, 5.0)])
    assert score_places(gold, [], doc).counts["resolved"].right_pred == 1


def test_metonym_only_groups_are_ignored() -> None:
    gold = [_gplace("Port Veller", ["Port Veller"], "XV", 10.0, 20.0)]
    doc = _doc(_PTEXT, places=[_place("Port Veller", 1, "XV", 10.0, 20.0), _place("Ardmoor", 2, "XA", 0.0, 0.0)])
    assert score_places(gold, ["Ardmoor"], doc).counts["resolved"].pred == 1
    assert score_places(gold, [], doc).counts["resolved"].pred == 2


def test_a_metonym_that_is_also_a_gold_place_is_scored() -> None:
    gold = [_gplace("Ardmoor", ["Ardmoor"], "XA", 0.0, 0.0)]
    doc = _doc(_PTEXT, places=[_place("Ardmoor", 2, "XA", 0.0, 0.0)])
    got = score_places(gold, ["Ardmoor"], doc)
    assert got.counts["resolved"].pred == 1 and got.counts["resolved"].right_gold == 1


def test_unsure_places_are_not_counted() -> None:
    gold = [_gplace("Port Veller", ["Port Veller"], "XV", 10.0, 20.0)]
    doc = _doc(_PTEXT, places=[_place("Port Veller", 1, "XV", 10.0, 20.0, confidence=0.3)])
    got = score_places(gold, [], doc)
    assert got.counts["resolved"].pred == 0 and got.missed[0]["found"] is False


# ---- figures --------------------------------------------------------------------------------


def _claim(text: str, value: float | None, unit: str | None = None, source: str | None = None,
           magnitude: float | None = None, confidence: float | None = None) -> dict[str, Any]:
    return {"text": text, "value": value, "unit": unit, "magnitude": magnitude, "provenance": _conf(confidence),
            "source": {"name": source, "entity_id": None} if source else None}


def _gfig(text: str, value: float, unit: str, source: str = "") -> dict[str, Any]:
    return {"text": text, "value": value, "unit": unit, "source": source}


def test_figures_match_on_value_and_text() -> None:
    gold = [_gfig("more than 3,100 dock workers", 3100, "dock workers", "Veller Dockers Union"),
            _gfig("$12.5 million", 12_500_000, "USD")]
    doc = _doc(claims=[_claim("more than 3,100 dock workers", 3100, "workers", "the dockers union"),
                       _claim("$12.6 million", 12_600_000, "USD"),       # 0.8% off, same words: matches
                       _claim("3,100 tonnes of grain", 3100, "tonnes")])  # same value, other words
    got = score_figures(gold, doc)
    assert got.counts["value"].right_pred == 2 and got.counts["value"].pred == 3
    assert got.counts["source"].right_pred == 2  # "Dockers Union" ⊆ both; "" gold and no source agree
    assert [x["text"] for x in got.extra] == ["3,100 tonnes of grain"]


def test_durations_are_left_out_on_both_sides() -> None:
    gold = [_gfig("nearly three years", 3, "years"), _gfig("40 trucks", 40, "trucks")]
    doc = _doc(claims=[_claim("nearly three years", 3, "years"), _claim("40 trucks", 40, "trucks")])
    got = score_figures(gold, doc)
    assert (got.counts["value"].pred, got.counts["value"].gold, got.counts["value"].right_pred) == (1, 1, 1)


def test_figures_without_value_use_magnitude_and_unsure_ones_drop() -> None:
    gold = [_gfig("millions of visitors", 1_000_000, "visitors")]
    doc = _doc(claims=[_claim("millions of visitors", None, "visitors", magnitude=1e6),
                       _claim("about 80 ferries", 80, "ferries", confidence=0.4)])
    got = score_figures(gold, doc)
    assert got.counts["value"].right_pred == 1 and got.counts["value"].pred == 1


# ---- pages, totals, report ------------------------------------------------------------------


def _page(pid: str) -> dict[str, Any]:
    return {"id": pid, "url": f"https://example.test/{pid}", "attributions": [_gatt("“Open the gates,”", "Ada Quill")],
            "events": [], "places": [], "metonyms": [], "figures": [_gfig("40 trucks", 40, "trucks")]}


def test_micro_totals_add_pages_and_a_rejected_page_predicts_nothing() -> None:
    good = _doc(attributions=[_att("“Open the gates,”", "Quill")], claims=[_claim("40 trucks", 40, "trucks")])
    rejected = {"schema": "newsgraph/1", "source": {}, "error": {"code": "R005", "message": "not an article"}}
    pages = [score_page(_page("p1"), good), score_page(_page("p2"), rejected)]
    counts = totals(pages)
    speaker = counts["attributions"]["speaker"].figures()
    assert (speaker["precision"], speaker["recall"]) == (1.0, 0.5)
    figs = summarise([_page("p1"), _page("p2")], [good, rejected], pages, show=True)
    assert figs["rejected"] == [{"id": "p2", "code": "R005", "message": "not an article"}]
    text = report(figs)
    assert "speaker*" in text and "R005" in text and "== p2" in text and "attri missed" in text


def test_scoring_does_not_load_spacy() -> None:
    code = ("import sys, newsgraph.evaluate.realnews; "
            "assert 'spacy' not in sys.modules and 'newsgraph.pipeline' not in sys.modules")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr.decode()
