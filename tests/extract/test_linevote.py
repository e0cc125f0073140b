"""The line-level merge of the extractors' candidates (extract/linevote.py), on fictional texts."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from newsgraph.extract.linevote import (
    FEATURES,
    Model,
    Text,
    eligible,
    line_features,
    load_model,
    merge,
    model,
    union,
)

STORY = [
    "The Fernmoor library board voted on Thursday to keep the reading room on Tanner Street open on "
    "Sundays through the winter, after a petition signed by four hundred residents.",
    "The board's treasurer said the extra hours would cost about as much as the heating of the "
    "building for a month, and that a bequest from a retired teacher would cover it this year.",
    "Volunteers from the Fernmoor historical society offered to staff the room's local-history "
    "desk on Sunday afternoons, which the librarians said would let them open the map archive too.",
    "The board will look at the visitor numbers again in March before deciding whether the Sunday "
    "hours continue into the spring and summer, when fewer people use the reading room.",
]
MISSED = ("Between the two votes the board heard from the caretaker, who warned that the boiler in "
          "the basement is older than the building's wiring and may not last another hard winter.")
PROMO = "Subscribe to the Fernmoor Gazette for the full picture"


def test_lines_the_pick_lacks_are_inserted_where_their_neighbours_align() -> None:
    # the pick missed the paragraph between the second and third; another candidate has it there
    pick = STORY
    other = [STORY[0], STORY[1], MISSED, STORY[2], STORY[3]]
    seq = union("own", {"own": pick, "a": other})
    assert [line.text for line in seq] == [STORY[0], STORY[1], MISSED, *STORY[2:]]
    assert [line.source for line in seq] == ["own", "own", "a", "own", "own"]


def test_a_line_the_sequence_holds_already_is_not_added_twice() -> None:
    # another extractor writes the same paragraph with a different break and typography
    split = [STORY[0][:90], STORY[0][90:]]
    reworded = STORY[1].replace("about as much as", "roughly as much as")
    seq = union("own", {"own": STORY, "a": [*split, reworded, *STORY[2:]], "b": STORY[:2]})
    assert [line.text for line in seq] == STORY


def test_lines_before_anything_aligned_go_to_the_head() -> None:
    seq = union("own", {"own": STORY[1:], "a": [STORY[0], STORY[1]]})
    assert [line.text for line in seq] == STORY


def test_features_say_which_extractors_hold_a_line_and_where_it_sits() -> None:
    cands = {"own": STORY, "resiliparse": [*STORY[:2], MISSED, *STORY[2:]], "justext": [STORY[0], MISSED, *STORY[2:], PROMO]}
    seq = union("own", cands)
    rows = line_features(seq, "own", cands)
    assert all(len(row) == len(FEATURES) for row in rows)
    f = {line.text: dict(zip(FEATURES, row)) for line, row in zip(seq, rows)}
    missed, promo = f[MISSED], f[PROMO]
    assert (missed["support_own"], missed["support_resiliparse"], missed["support_justext"]) == (0.0, 1.0, 1.0)
    assert missed["support_readability"] == 0.0 and missed["supporters"] == 0.5
    assert promo["pick_distance"] == missed["pick_distance"] == pytest.approx(0.6931, abs=1e-3)
    assert promo["short"] == 0.0 and promo["sentence_end"] == 0.0 and missed["sentence_end"] == 1.0
    assert f[STORY[0]]["supporters"] == 0.75


def test_support_of_a_short_line_is_all_or_nothing() -> None:
    text = Text(["Opening hours", *STORY])
    assert text.support("Opening hours") == 1.0
    assert text.support("Opening times") == 0.0
    assert text.support(STORY[2].replace("map archive", "photograph collection")) > 0.5


def _model(weights: dict[str, float], bias: float, threshold: float = 0.5) -> Model:
    return Model(tuple(weights.get(name, 0.0) for name in FEATURES), bias, threshold)


def test_merge_adds_the_lines_the_model_accepts_and_keeps_the_trimmed_pick() -> None:
    cands = {"own": [PROMO, *STORY], "resiliparse": [*STORY[:2], MISSED, *STORY[2:]],
             "readability": [*STORY[:2], MISSED, *STORY[2:], PROMO + " today"]}
    # a model that adds the lines two or more extractors hold, nothing else
    two = _model({"supporters": 8.0}, bias=-3.0)
    lines, added = merge("own", cands, (1, 5), using=two)
    assert lines == [*STORY[:2], MISSED, *STORY[2:]]
    assert added == [MISSED]
    # the same model with a threshold above what it gives adds nothing; the trim still holds
    strict = _model({"supporters": 8.0}, bias=-3.0, threshold=0.999)
    assert merge("own", cands, (1, 5), using=strict) == (STORY, [])


def test_lines_outside_the_kept_span_or_removed_by_a_filter_are_never_added() -> None:
    teaser = "More from the Gazette: the ferry timetable, the harbour fair and the new bakery on Quay Road"
    cands = {"own": STORY[:3], "resiliparse": [STORY[0], MISSED, *STORY[1:], teaser]}
    anything = _model({}, bias=5.0)
    seq = union("own", cands)
    assert [seq[i].text for i in eligible(seq, "own", (0, 3), frozenset())] == [MISSED]
    assert eligible(seq, "own", (0, 3), frozenset({MISSED})) == []
    lines, added = merge("own", cands, (0, 3), using=anything)
    assert added == [MISSED] and teaser not in lines and STORY[3] not in lines
    # the trimmed head narrows the span: a line before the first kept line is outside it
    assert merge("own", cands, (1, 3), using=anything)[1] == []


def test_a_model_written_for_other_features_is_refused() -> None:
    with pytest.raises(ValueError):
        load_model({"features": ["words"], "weights": [1.0], "bias": 0.0, "threshold": 0.5})


def test_the_shipped_model_matches_the_features_and_credits_its_data() -> None:
    data = json.loads(resources.files("newsgraph.data").joinpath("line_model.json").read_text(encoding="utf-8"))
    assert data["features"] == list(FEATURES)
    assert "WCXB" in data["about"] and "Murrough Foley" in data["about"]
    assert 0.5 <= model().threshold < 1.0


def test_the_shipped_model_adds_a_list_the_pick_lost_that_the_others_found_inside_the_story() -> None:
    # trafilatura's fast mode drops some lists inside the container; the other extractors keep them
    items = ["- a reading lamp for every desk in the map room", "- two new shelves for the parish registers",
             "- a ramp at the Tanner Street door", "- longer loans for the local-history collection"]
    full = [*STORY[:2], *items, *STORY[2:]]
    lines, added = merge("own", {"own": STORY, "resiliparse": full, "readability": full, "justext": full},
                         (0, len(STORY)))
    assert added == items
    assert lines == full


def test_the_shipped_model_does_not_add_a_menu_one_extractor_kept_outside_the_story() -> None:
    menu = ["Home", "Events", "Reading room", "Map archive", "Contact us"]
    cands = {"own": STORY, "resiliparse": [*menu, *STORY], "readability": STORY, "justext": STORY}
    lines, added = merge("own", cands, (0, len(STORY)))
    assert added == []
    assert lines == STORY
