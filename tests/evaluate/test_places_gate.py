"""Gate: toponym resolution on a fast LGL subset must stay above the floors in baselines.toml.

Subset: the first 60 LGL articles (30 from the development half, 30 held out),
through the pipeline's nlp, entities and places stages (the places layer reads
nothing else). The full set is `newsgraph eval places` (see docs/benchmarks.md).
"""

from __future__ import annotations

from newsgraph.evaluate import places
from tests.conftest import baseline, shared_file

SUBSET = 60


def test_lgl_subset_above_floor() -> None:
    data = shared_file("data/places/lgl.jsonl")
    floors = baseline("places")
    figures = places.run(data=data, limit=SUBSET, stages=("nlp", "entities", "places"))
    got = figures["all"]
    report = places.report(figures)
    assert got["counts"]["rejected"] == 0, report
    assert got["acc161_recognised"] >= floors["subset60_acc161_recognised"], report
    assert got["acc161_all"] >= floors["subset60_acc161_all"], report
    assert got["span_f1"] >= floors["subset60_span_f1"], report
    assert got["geonameid_exact_recognised"] >= floors["subset60_geonameid_exact"], report
    # issue 19: what the layer is sure of is a gold toponym (LGL also counts demonyms and places in names,
    # which the layer keeps below confidence 0.5)
    assert got["place_precision_confident"] >= floors["subset60_place_precision_confident"], report
