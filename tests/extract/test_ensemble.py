"""The extractors' vote on the main text (extract/ensemble.py), on fictional texts and pages."""

from __future__ import annotations

from newsgraph.extract.boilerplate import filter_lines
from newsgraph.extract.ensemble import (
    agreement,
    choose,
    justext_lines,
    readability_lines,
    resiliparse_lines,
    shingles,
    trim_edges,
    vote,
)
from newsgraph.extract.html import extract_html
from tests.extract.pages import article_page

STORY = [
    "The Lantern Bay water board agreed on Monday to rebuild the old pumping station on Quarry Lane, "
    "after two summers in which the reservoir ran low and households were asked to save water "
    "for weeks at a time.",
    "Engineers told the board that the station's three pumps date from the 1960s and fail several "
    "times a year, each time cutting pressure in the hill districts for most of a day while crews "
    "wait for spare parts that are no longer made.",
    "The rebuild is expected to take eighteen months and will be paid for by a bond that voters "
    "approved last autumn, the board's chair said after the meeting, "
    "adding that water bills would not rise to cover it.",
]
TEASERS = ["Quiz night raises funds for the lifeboat crew", "Ferry timetable changes this weekend",
           "Five walks along the Lantern Bay cliffs", "Letters: the parking meters on Harbour Row"]


def _cleaned(lines: list[str]):
    return filter_lines(lines)


def test_agreement_is_one_for_the_same_text_and_zero_for_unrelated_texts() -> None:
    a = shingles(STORY)
    assert agreement(a, shingles(list(STORY))) == 1.0
    assert agreement(a, shingles(TEASERS)) == 0.0
    assert 0.0 < agreement(a, shingles(STORY[:2])) < 1.0


def test_the_candidate_most_others_agree_with_replaces_a_wrong_container() -> None:
    # our pick took the teaser column; three other extractors found the story
    cands = {"own": _cleaned(TEASERS), "a": _cleaned(STORY), "b": _cleaned(STORY[:2]), "c": _cleaned(STORY[1:])}
    assert choose(cands, "own") == "a"


def test_our_text_stands_when_the_others_do_not_agree_better() -> None:
    cands = {"own": _cleaned(STORY), "a": _cleaned(STORY + TEASERS[:1]), "b": _cleaned(STORY), "c": _cleaned(TEASERS)}
    assert choose(cands, "own") == "own"
    # a near tie (another candidate only a little closer to the rest) keeps ours too
    near = {"own": _cleaned(STORY[:3]), "a": _cleaned(STORY), "b": _cleaned(STORY), "c": _cleaned(STORY[:2])}
    assert choose(near, "own") == "own"


def test_a_shorter_candidate_needs_a_larger_lead(monkeypatch) -> None:
    # three extractors stop after the story's first section; ours and one other keep the rest
    rest = ["The board also heard that the reservoir's spillway needs new gates, a job the engineers "
            "put at another two years of work once the pumping station is finished and running.",
            "Residents who spoke at the meeting asked that the work be done in winter, when demand for "
            "water is lowest and the hill districts can be fed from the old tank above the harbour."]
    cands = {"own": _cleaned(STORY + rest), "a": _cleaned(STORY), "b": _cleaned(STORY), "c": _cleaned(STORY),
             "d": _cleaned(STORY + rest)}
    assert choose(cands, "own") == "own"
    # the fragment's lead over our text is just over OWN_MARGIN: without the length term it would win
    import newsgraph.extract.ensemble as ensemble

    monkeypatch.setattr(ensemble, "SHORTER_PENALTY", 0.0)
    assert choose(cands, "own") in {"a", "b", "c"}


# The story's own table of test results: short rows the other extractors all leave out.
TABLE = [f"| {site} | {day} May | {level} mg/l |" for site, day, level in (
    ("Quarry Lane", 2, 0.4), ("Hill Road", 3, 0.6), ("Harbour Row", 5, 0.3), ("Cliff Walk", 8, 0.5),
    ("Old Tank", 9, 0.7), ("Mill Street", 11, 0.2), ("Ferry Slip", 12, 0.4), ("Beacon Hill", 15, 0.6),
    ("Salt Marsh", 16, 0.3), ("North Pier", 18, 0.5), ("Rope Walk", 19, 0.4), ("Chapel Yard", 22, 0.6),
)]


def test_our_text_stands_when_the_others_agree_on_it_without_its_table(monkeypatch) -> None:
    # the others all drop the table in the middle of the story and so agree with each other on a
    # text half as long as ours, every shingle of which is in ours
    import newsgraph.extract.ensemble as ensemble

    cands = {"own": _cleaned([*STORY[:2], *TABLE, STORY[2]]), "a": _cleaned(STORY), "b": _cleaned(STORY),
             "c": _cleaned(STORY)}
    assert choose(cands, "own") == "own"
    # without the containment rule, the fragment the others agree on wins
    monkeypatch.setattr(ensemble, "HELD_SHARE", 1.01)
    assert choose(cands, "own") in {"a", "b", "c"}


def test_a_teaser_list_after_the_story_still_loses_to_the_story() -> None:
    # the same lead of the fragment, but what ours has beyond it follows the story: a teaser column
    teasers = [f"{t} ({n} comments)" for n, t in enumerate(TEASERS * 3)]
    cands = {"own": _cleaned([*STORY, *teasers]), "a": _cleaned(STORY), "b": _cleaned(STORY), "c": _cleaned(STORY)}
    assert choose(cands, "own") in {"a", "b", "c"}


def test_two_candidates_are_no_vote() -> None:
    assert choose({"own": _cleaned(TEASERS), "a": _cleaned(STORY)}, "own") == "own"


def test_a_failing_extractor_loses_its_vote_not_the_page() -> None:
    def broken() -> list[str]:
        raise ValueError("unparsable markup")

    text, name = vote(_cleaned(TEASERS), {"w": lambda: STORY, "x": lambda: STORY, "y": broken}, title=None)
    assert name == "w"
    assert text[0] == tuple(STORY)


def test_every_candidate_goes_through_the_news_filters() -> None:
    noisy = ["Advertisement", *STORY, "Sign up for our weekly newsletter to get the bay's news in your inbox."]
    text, name = vote(_cleaned(TEASERS), {"w": lambda: noisy, "x": lambda: noisy, "y": lambda: STORY}, title=None)
    assert name != "own"
    assert text[0] == tuple(STORY)
    assert {r.reason for r in text[1]} >= {"promo", "newsletter"}


BIO = ("Mara Quell has covered the Lantern Bay water board for the Courier since 2019 and writes "
       "the weekly Tidewater column about the coast and its towns.")
CALL = "Want more stories like this? Become a member of the Courier today"


def test_the_kept_text_loses_edge_lines_no_other_extractor_found() -> None:
    # our pick kept a bio above the story and a call to action under it; the others found only the story
    picked = _cleaned([BIO, *STORY, CALL])
    text = trim_edges(picked, [STORY, STORY[:2], STORY[1:]])
    assert text[0] == tuple(STORY)
    assert [(r.text, r.reason) for r in text[1]] == [(BIO, "unvoted"), (CALL, "unvoted")]


def test_a_line_inside_the_text_stays_even_when_only_our_pick_has_it() -> None:
    aside = "The station was first opened in 1931 by the town's founding mayor, Elsie Varrow."
    picked = _cleaned([STORY[0], aside, *STORY[1:]])
    text = trim_edges(picked, [STORY, STORY])
    assert text[0] == (STORY[0], aside, *STORY[1:])
    assert not text[1]


def test_an_edge_line_another_extractor_found_stays() -> None:
    # short lines (a heading) must be found whole; long ones by half of their 4-word shingles
    heading = "Why the pumps fail"
    picked = _cleaned([heading, *STORY])
    assert trim_edges(picked, [[heading, *STORY[:1]], STORY])[0] == (heading, *STORY)
    reworded = STORY[2].replace("the board's chair said after the meeting", "the chair told reporters")
    assert trim_edges(_cleaned(STORY), [[*STORY[:2], reworded]])[0] == tuple(STORY)
    # a heading that only shares words with another text is not found
    assert trim_edges(_cleaned(["Pumps and pipes", *STORY]), [["Pipes", *STORY]])[0] == tuple(STORY)


def test_a_text_no_other_extractor_found_at_all_is_kept_whole() -> None:
    picked = _cleaned(STORY)
    assert trim_edges(picked, [TEASERS, TEASERS[:2]]) == picked


def test_a_text_the_others_found_only_a_corner_of_is_kept_whole() -> None:
    # one other extractor found only the last row of the table: the rest is disagreement, not edges
    picked = _cleaned([*STORY, *TABLE])
    assert trim_edges(picked, [TEASERS, [TABLE[-1]]]) == picked
    # while a few stray lines at the edges of a text the others mostly found still go
    assert trim_edges(_cleaned([BIO, *STORY]), [STORY, TEASERS])[0] == tuple(STORY)


def test_the_vote_trims_the_edges_of_the_chosen_text() -> None:
    text, name = vote(_cleaned([*STORY, CALL]), {"w": lambda: STORY, "x": lambda: STORY, "y": lambda: STORY[:2]},
                      title=None)
    assert name == "own"
    assert text[0] == tuple(STORY)
    assert any(r.reason == "unvoted" and r.text == CALL for r in text[1])


def _page() -> str:
    # jusText keeps a paragraph as content only from 200 characters on (its "length_high"), so the
    # story's paragraphs are written longer than that.
    body = "".join(f"<p>{p}</p>" for p in STORY)
    links = "".join(f'<li><a href="/s/{i}">{t}</a></li>' for i, t in enumerate(TEASERS))
    return (f"<html><head><title>Water board to rebuild pumping station</title></head><body>"
            f'<nav><ul>{links}</ul></nav><main><article><h1>Water board to rebuild pumping station</h1>{body}'
            f"</article></main><footer><p>Lantern Bay Courier, 4 Harbour Row. All rights reserved.</p></footer>"
            f"</body></html>")


def test_each_extractor_finds_the_story_on_a_plain_page() -> None:
    html = _page()
    from trafilatura.utils import load_html

    tree = load_html(html)
    for lines in (resiliparse_lines(html), readability_lines(tree), justext_lines(html)):
        text = " ".join(lines)
        assert "rebuild the old pumping station" in text
        assert "bond that voters approved" in text
    # readability works on a copy: the page's tree is intact for the captions and the gate
    assert len(tree.findall(".//nav")) == 1


def test_the_pipeline_keeps_a_clean_article_as_it_was() -> None:
    res = extract_html(article_page())
    assert res is not None
    assert res.paragraphs[0].startswith("The Harbor City council voted 6-3")
    assert not any("newsletter" in p for p in res.paragraphs)


def test_a_page_of_stacked_stories_is_not_put_to_the_vote(monkeypatch) -> None:
    # infinite scroll: the next stories under the article, each with its own <h1>; every extractor
    # that picks a container takes them all, so the vote would agree on the whole stack
    from trafilatura.utils import load_html

    from newsgraph.extract.html import stacked_stories

    one = "".join(f"<p>{p}</p>" for p in STORY)
    stack = "".join(f"<article><h1>{t}</h1>{one}</article>" for t in TEASERS[:3])
    assert stacked_stories(load_html(f"<html><body>{stack}</body></html>"))
    assert not stacked_stories(load_html(_page()))

    import newsgraph.extract.html as html_module

    def no_vote(*args: object) -> None:
        raise AssertionError("the vote ran on a page of stacked stories")

    monkeypatch.setattr(html_module, "vote", no_vote)
    res = extract_html(f"<html><body>{stack}</body></html>")
    assert res is not None and res.paragraphs
