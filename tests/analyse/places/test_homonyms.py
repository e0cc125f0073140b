"""Places: a town's reading that is a guess between homonyms is not shown; short forms of unknown states."""

from __future__ import annotations

from newsgraph.analyse.places import homonyms
from newsgraph.analyse.places.gazetteer import CITY, Candidate
from newsgraph.analyse.places.mentions import _Mention
from newsgraph.model import AnalyzedDocument
from newsgraph.pipeline.runner import Pipeline
from tests.analyse.places.conftest import analyse


def _town(gid: int, lat: float, lon: float, country: str, pop: int) -> Candidate:
    return Candidate(gid, "Brookvale", lat, lon, country, None, pop, CITY)


BIG = _town(1, 40.0, -75.0, "US", 150_000)
TWIN = _town(2, 34.0, -118.0, "US", 120_000)  # 3,600 km away, the same size
HAMLET = _town(3, 51.5, -0.1, "GB", 900)
NEIGHBOUR = _town(4, 40.3, -75.2, "US", 100_000)  # 38 km away: the same answer


def _no_context(c: Candidate) -> float:
    return 0.0


def test_same_size_far_homonym_without_context_is_a_guess() -> None:
    assert homonyms.is_guess(BIG, (BIG, TWIN), _no_context, _no_context)


def test_what_the_article_says_settles_it() -> None:
    said = {1: 3.0, 2: 0.0}  # e.g. the article's other places are all in the chosen town's state
    assert not homonyms.is_guess(BIG, (BIG, TWIN), lambda c: said[c.geonameid], _no_context)
    # a nudge no bigger than a generic ".com" domain's is not enough
    said = {1: 0.75, 2: 0.0}
    assert homonyms.is_guess(BIG, (BIG, TWIN), lambda c: said[c.geonameid], _no_context)


def test_a_much_bigger_town_is_no_guess_but_a_small_one_is() -> None:
    assert not homonyms.is_guess(BIG, (BIG, HAMLET), _no_context, _no_context)
    small = _town(5, 40.0, -75.0, "US", 13_000)
    assert homonyms.is_guess(small, (small, HAMLET), _no_context, _no_context)


def test_a_near_namesake_is_the_same_answer() -> None:
    assert not homonyms.is_guess(BIG, (BIG, NEIGHBOUR), _no_context, _no_context)


def _mention(text: str, key: str) -> _Mention:
    return _Mention(0, len(text), text, "GPE", None, key=key)


def test_short_form_of_an_unknown_republic() -> None:
    ms = [_mention("Republic of Ostrava", "republic of ostrava"), _mention("Ostrava", "ostrava")]
    assert homonyms.short_forms_of_unknown(ms, resolved={"ostrava"}) == {"ostrava"}
    # when the formal name is known, its short form keeps its own reading
    assert homonyms.short_forms_of_unknown(ms, resolved={"ostrava", "republic of ostrava"}) == set()


def _shown(doc: AnalyzedDocument, name: str) -> list:
    return [p for p in doc.places if p.name.lower() == name.lower()
            and p.provenance is not None and (p.provenance.confidence or 0) >= 0.5]


def test_dateline_town_with_namesakes_and_no_context_is_not_shown(pipe: Pipeline) -> None:
    doc = analyse(pipe, "LAKESIDE — The city council postponed a vote on Tuesday on a plan to repair "
                        "the old ferry pier, after engineers warned of rot in its pilings.")
    assert not _shown(doc, "Lakeside")
    assert any(p.name == "LAKESIDE" for p in doc.places)  # kept, below the default views' threshold


def test_town_with_its_state_is_shown(pipe: Pipeline) -> None:
    doc = analyse(pipe, "The council of Lakeside, Calif., voted on Tuesday to repair the old ferry pier.")
    lake = _shown(doc, "Lakeside")
    assert lake and lake[0].country == "US"


def test_famous_city_alone_is_still_shown(pipe: Pipeline) -> None:
    doc = analyse(pipe, "GENEVA — Delegates from nine countries ended two days of talks in Geneva on Friday.")
    assert _shown(doc, "Geneva") and _shown(doc, "Geneva")[0].country == "CH"


def test_lowercase_common_noun_is_not_a_town(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Floods reached the east bank of the river on Sunday, officials in Vienna said.")
    assert not _shown(doc, "east bank")
    assert all(p.lat is None for p in doc.places if p.name == "east bank")


def test_short_name_of_an_unknown_republic_is_not_a_namesake_town(pipe: Pipeline) -> None:
    doc = analyse(pipe, "Envoys of the Republic of Calder met in Vienna. Farms in Calder have had no rain "
                        "since May, the envoys said.")
    assert all(p.lat is None for p in doc.places if p.name == "Calder")
