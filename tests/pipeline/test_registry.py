"""Stages register next to their code; the pipeline refuses undeclared hand-offs when built;
a new layer flows to the output, the JSON Schema and the table rows from its model field."""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

import jsonschema
import pytest

from newsgraph.analyse.entities import ENTITIES
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.model import AnalyzedDocument, Provenance, RawDocument, SourceRef, layer, layers_of
from newsgraph.model.serialize import from_json, json_schema, to_json, to_rows
from newsgraph.pipeline import registry
from newsgraph.pipeline.runner import Pipeline, PipelineError
from newsgraph.pipeline.stage import AnalysisContext, HandOff, UndeclaredHandOff
from newsgraph.settings import Settings

CORE = ("nlp", "entities", "attributions", "timexes", "claims", "places", "events")


@pytest.fixture
def scratch_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stages a test registers vanish with it."""
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry.stages()))


def _raw(text: str) -> RawDocument:
    data = text.encode()
    return RawDocument(SourceRef("t", "test:t", hashlib.sha256(data).hexdigest(), "text"), data, "text", raw=True)


def test_every_layer_registers_and_the_default_order_follows_the_hand_offs() -> None:
    assert set(registry.stages()) == set(CORE)
    order = registry.default_order()
    assert order == CORE
    seen: set[str] = {"article"}
    for name in order:
        cls: Any = registry.stages()[name]
        assert {str(r) for r in cls.requires} <= seen, name
        seen |= {str(a) for a in cls.assigns}
    assert registry.stages_for("claims") == ("nlp", "entities", "attributions", "timexes", "claims")


def test_a_stage_reading_an_undeclared_hand_off_is_refused_when_the_pipeline_is_built(scratch_registry: None) -> None:
    @registry.register
    class Sneaky:
        name, version = "sneaky", "0"
        requires: tuple[HandOff[Any], ...] = (SPACY_DOC,)
        assigns: tuple[HandOff[Any], ...] = ()

        def __init__(self, settings: Settings) -> None: ...

        def __call__(self, ctx: AnalysisContext) -> None:
            ctx.get(ENTITIES)  # not declared in requires

    with pytest.raises(PipelineError, match="'sneaky' reads 'entities'"):
        Pipeline(Settings(stages=("nlp", "entities", "sneaky")))


def test_an_undeclared_write_is_refused_too(scratch_registry: None) -> None:
    @registry.register
    class Scribbler:
        name, version = "scribbler", "0"
        requires: tuple[HandOff[Any], ...] = ()
        assigns: tuple[HandOff[Any], ...] = ()

        def __init__(self, settings: Settings) -> None: ...

        def __call__(self, ctx: AnalysisContext) -> None:
            ctx.put(HandOff[int]("tally"), 3)

    with pytest.raises(PipelineError, match="'scribbler' writes 'tally'"):
        Pipeline(Settings(stages=("scribbler",)))


def test_a_requirement_no_earlier_stage_assigns_is_refused() -> None:
    with pytest.raises(PipelineError, match="requires spacy_doc"):
        Pipeline(Settings(stages=("entities",)))


def test_the_context_checks_outside_the_probe_as_well() -> None:
    ctx = AnalysisContext(raw=_raw("x"), article=Pipeline(Settings(stages=()))._prepare(_raw("x")).article,
                          settings=Settings(), reference_date=None)

    class Reader:
        name, version, requires, assigns = "reader", "0", (), ()

    with ctx.running(Reader()), pytest.raises(UndeclaredHandOff):  # type: ignore[arg-type]
        ctx.get(SPACY_DOC)
    ctx.get(SPACY_DOC, None)  # outside a run nothing is enforced


def test_warnings_reach_the_output_provenance(scratch_registry: None) -> None:
    @registry.register
    class Grumbler:
        name, version = "grumbler", "0"
        requires: tuple[HandOff[Any], ...] = ()
        assigns: tuple[HandOff[Any], ...] = ()

        def __init__(self, settings: Settings) -> None: ...

        def __call__(self, ctx: AnalysisContext) -> None:
            ctx.warn("the lexicon for this page's dialect is missing")

    doc = Pipeline(Settings(stages=("grumbler",))).process(_raw("A short note about the harbor."))
    assert isinstance(doc, AnalyzedDocument)
    assert doc.provenance["warnings"] == ["grumbler: the lexicon for this page's dialect is missing"]


# ---------------------------------------------------------- the docs' recipe: an eighth layer

@dataclasses.dataclass(frozen=True)
class Mood:
    """The toy layer's model dataclass: a stand-off span with a label."""

    start: int
    end: int
    text: str
    label: str
    provenance: Provenance | None = None


MOODS: HandOff[tuple[Mood, ...]] = HandOff("moods", "the toy layer")
# The recipe adds `moods: tuple[Mood, ...] = layer(...)` to AnalyzedDocument; the test
# does the same in a subclass so that the real model stays as it is.
MoodDocument = dataclasses.make_dataclass(
    "MoodDocument", [("moods", tuple[Mood, ...], layer("exclamations and their mood"))],
    bases=(AnalyzedDocument,), frozen=True)


def test_a_toy_eighth_layer_from_the_recipe(scratch_registry: None) -> None:
    @registry.register
    class MoodStage:
        name, version = "moods", "1"
        requires: tuple[HandOff[Any], ...] = (SPACY_DOC,)
        assigns: tuple[HandOff[Any], ...] = (MOODS,)

        def __init__(self, settings: Settings) -> None: ...

        def __call__(self, ctx: AnalysisContext) -> None:
            doc = ctx.get(SPACY_DOC)
            prov = Provenance("moods", "1", "exclamation mark")
            ctx.put(MOODS, tuple(Mood(s.start_char, s.end_char, s.text, "excited", prov)
                                 for s in doc.sents if s.text.rstrip().endswith("!")))

    assert "moods" in registry.default_order()
    assert layers_of(MoodDocument)[-1] == "moods"
    pipeline = Pipeline(Settings(stages=("nlp", "moods")), document=MoodDocument)
    text = "The ferry is back. What a relief for the islanders!"
    doc = pipeline.process(_raw(text))
    assert isinstance(doc, MoodDocument)
    (mood,) = doc.moods  # type: ignore[attr-defined]
    assert text[mood.start:mood.end] == mood.text == "What a relief for the islanders!"
    obj = to_json(doc)
    assert obj["moods"][0]["label"] == "excited"
    schema = json_schema(MoodDocument)
    assert "moods" in schema["$defs"]["analysed"]["required"]
    jsonschema.validate(obj, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**obj, "moods": [{"start": "zero"}]}, schema)
    assert from_json(obj, MoodDocument) == doc
    rows = to_rows(doc)["moods"]
    assert rows[0]["label"] == "excited" and rows[0]["provenance_method"] == "exclamation mark"
