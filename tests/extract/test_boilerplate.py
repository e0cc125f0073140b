"""News filters (extract/boilerplate.py): the text a page ships twice."""

from __future__ import annotations

from newsgraph.extract.boilerplate import filter_lines
from tests.extract.pages import MORE_STORY, STORY


def test_a_second_copy_of_the_text_is_removed_as_duplicate() -> None:
    # a mobile and a desktop copy of the same story, one after the other
    copy = [*STORY, "Photo gallery", *STORY]
    kept, removed, _, _ = filter_lines(copy)
    assert kept == (*STORY, "Photo gallery")
    assert [r.reason for r in removed] == ["duplicate"] * len(STORY)


def test_a_repeated_pull_quote_or_short_run_stays() -> None:
    # a pull quote repeats one paragraph of the story; two short labels repeat as a pair
    quoted = [*STORY, MORE_STORY[0], STORY[1], *MORE_STORY]
    assert filter_lines(quoted)[0] == tuple(quoted)
    labels = ["Harbor news", "Ferries", "Weather", *MORE_STORY, "Harbor news", "Ferries", "Weather"]
    assert filter_lines(labels)[0] == tuple(labels)
