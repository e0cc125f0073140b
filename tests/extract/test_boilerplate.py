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


def test_running_chars_counts_a_teaser_only_when_told() -> None:
    from newsgraph.extract.boilerplate import running_chars

    blurb = "The council voted late on Tuesday to close the old bridge to lorries while the repairs go on…"
    whole = blurb[:-1] + "."
    assert running_chars(whole) == running_chars(whole, teasers=False) == len(whole)
    assert running_chars(blurb) == 0 and running_chars(blurb, teasers=False) == len(blurb)
    assert running_chars("Too short to count.", teasers=False) == 0
