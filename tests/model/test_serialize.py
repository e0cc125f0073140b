"""The one codec: JSON and table rows round-trip, and the schema holds."""

from __future__ import annotations

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.model import (
    Actor,
    AnalyzedDocument,
    Article,
    Attribution,
    Claim,
    ClaimSource,
    Credit,
    Entity,
    Event,
    EventLocation,
    Mention,
    Place,
    Rejected,
    Removed,
    Rights,
    SourceRef,
    Span,
    SpeakerRef,
    Timex,
)
from newsgraph.model.serialize import (
    TABLES,
    dumps,
    from_json,
    from_rows,
    json_schema,
    loads,
    table_columns,
    to_json,
    to_rows,
    tuple_maker,
)

TEXT = "Blinken said the talks would go on. “It is hard,” he said on Friday."


def sample() -> AnalyzedDocument:
    src = SourceRef(id="x.txt", uri="file:///x.txt", sha256="a" * 64, format="text")
    art = Article(
        title="T", text=TEXT, published="2024-03-22", published_from="given", authors=("Jane Roe",),
        rights=Rights("Example Media Inc.", 2024, "Copyright 2024 Example Media Inc."),
        credits=(Credit("photo", "Evelyn Doe", "AP", "AP Photo/Evelyn Doe"),),
        removed=(Removed("Share", "navigation"),),
    )
    ent = Entity("e1", "Antony Blinken", "PERSON", ("Blinken",), ("Secretary of State",), (Mention(0, 7, "Blinken"),))
    att = Attribution("a1", "indirect", Span(13, 34, "the talks would go on"), Span(8, 12, "said"),
                      SpeakerRef("Blinken", 0, 7, "e1", "Antony Blinken"))
    att2 = Attribution("a2", "direct", Span(36, 50, "“It is hard,”"), None, SpeakerRef(None, None, None, None, None))
    clm = Claim("c1", "the talks", 13, 22, 3.0, "about", "talks", ClaimSource("Antony Blinken", "e1"), "a1")
    tmx = Timex(61, 67, "Friday", "DATE", "2024-03-22")
    plc = Place("Blinken", 0, 7, "e1", "US", 38.9, -77.0, 4140963)
    ev = Event("v1", "CONSULT", None, "040", Span(8, 12, "said"), Actor("Antony Blinken", "e1", "USA", "GOV"), None,
               "2024-03-22", EventLocation("Doha", None), False, "past", Span(0, 35, TEXT[:35]))
    return AnalyzedDocument(src, art, (ent,), (att, att2), (clm,), (tmx,), (plc,), (ev,),
                            {"newsgraph": "0.1.0", "pipeline": ["extract@0.1"], "model": "en_core_web_sm@3.8.0"})


def test_json_round_trip_and_schema() -> None:
    doc = sample()
    obj = to_json(doc)
    jsonschema.validate(obj, json_schema())
    assert from_json(obj) == doc
    assert loads(dumps(doc)) == doc
    assert list(obj)[:3] == ["schema", "source", "article"]
    for layer in ("entities", "attributions", "claims", "timexes", "places", "events"):
        assert layer in obj


def test_rows_round_trip_with_fixed_columns() -> None:
    doc = sample()
    tables = to_rows(doc)
    assert set(tables) == set(TABLES)
    for name, rows in tables.items():
        cols = [c for c, _ in table_columns(name)]
        for row in rows:
            assert list(row) == cols, name
    assert from_rows(tables) == doc


def test_rejected_line_matches_contract() -> None:
    rej = Rejected(SourceRef("bad.jsonl:3", "file:///bad.jsonl#L3", "b" * 64, "jsonl"), "E001", "not JSON")
    obj = to_json(rej)
    jsonschema.validate(obj, json_schema())
    assert obj == {"schema": "newsgraph/1", "source": obj["source"], "error": {"code": "E001", "message": "not JSON"}}
    assert from_json(obj) == rej


def test_schema_rejects_missing_layer() -> None:
    obj = to_json(sample())
    del obj["events"]
    try:
        jsonschema.validate(obj, json_schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("a missing layer must fail validation")


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=200), st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=5))
def test_timex_spans_round_trip(text: str, pairs: list[tuple[int, int]]) -> None:
    doc = sample()
    art = Article(title=None, text=text)
    tmx = tuple(Timex(min(a, b), max(a, b), text[min(a, b):max(a, b)], "DATE", None) for a, b in pairs)
    doc = AnalyzedDocument(doc.source, art, timexes=tmx, provenance=doc.provenance)
    back = from_json(to_json(doc))
    assert back == doc
    assert from_rows(to_rows(doc)) == doc


def test_rejection_row_round_trip() -> None:
    from newsgraph.model.serialize import REJECTION_COLUMNS, from_rejection_row, rejection_row

    rej = Rejected(SourceRef("a.html", "file:///a.html", "c" * 64, "html"), "R001", "the input is empty")
    row = rejection_row(rej)
    assert list(row) == [c for c, _ in REJECTION_COLUMNS]
    assert from_rejection_row(row) == rej


def test_json_cells_are_the_contract_json() -> None:
    """Table cells holding lists and records carry the same JSON as the contract object."""
    import json

    doc = sample()
    art = to_rows(doc)["articles"][0]
    obj = to_json(doc)
    for col in ("authors", "credits", "removed"):
        assert json.loads(art[col]) == obj["article"][col], col
    assert json.loads(art["provenance"]) == obj["provenance"]
    ent = to_rows(doc)["entities"][0]
    assert (ent["aliases"], ent["titles"]) == ('["Blinken"]', '["Secretary of State"]')
    assert json.loads(art["credits"])[0]["agency"] == "AP"
    plain = to_rows(AnalyzedDocument(doc.source, Article(title=None, text="x"), provenance={}))["articles"][0]
    assert plain["authors"] == "[]" and plain["removed"] == "[]"


def test_tuple_makers_give_the_cells_of_to_rows_in_column_order() -> None:
    """What the store inserts (tuples straight from the model) is what to_rows says, column by column."""
    doc = sample()
    rows = to_rows(doc)
    key = doc.source.sha256
    assert tuple_maker("articles")(doc, key) == tuple(rows["articles"][0][c] for c, _ in table_columns("articles"))
    mentions = [tuple_maker("mentions")(m, key, e.id) for e in doc.entities for m in e.mentions]
    assert mentions == [tuple(r[c] for c, _ in table_columns("mentions")) for r in rows["mentions"]]
    for table in TABLES[3:] + ("entities",):
        make = tuple_maker(table)
        got = [make(item, key, seq) for seq, item in enumerate(getattr(doc, table))]
        assert got == [tuple(r[c] for c, _ in table_columns(table)) for r in rows[table]], table
    # The caller's cells: a replaced column and appended ones, which may name a column's value.
    make = tuple_maker("entities", replace=(("corpus_id", "ids.get(o.id)"),), extra=("t", "f({name})"))
    cols = [c for c, _ in table_columns("entities")]
    row = make(doc.entities[0], key, 0, 7, {"e1": "c1"}, str.upper)
    assert row[cols.index("corpus_id")] == "c1" and row[len(cols):] == (7, "ANTONY BLINKEN")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=12), max_size=5))
def test_string_list_cells_are_what_the_json_encoder_writes(items: list[str]) -> None:
    import json

    from newsgraph.model.serialize import _json_cell

    assert _json_cell(tuple(items)) == json.dumps(items, ensure_ascii=False)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=6), st.integers(), st.none(), st.floats(allow_nan=False)), max_size=5))
def test_mixed_tuple_cells_are_what_the_json_encoder_writes(items: list[object]) -> None:
    import json

    from newsgraph.model.serialize import _json_cell

    # The string-only fast path must hand anything else to the encoder, unchanged.
    assert _json_cell(tuple(items)) == json.dumps(items, ensure_ascii=False)
