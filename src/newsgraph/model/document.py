"""Frozen dataclasses for one document and its annotation layers.

Annotations are stand-off: they hold character offsets into `Article.text`
(Python str indices, end-exclusive), never copies that could drift from it.
Field order follows docs/output-contract.md so the JSON reads the same way.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Provenance:
    """Which stage made an annotation, and how sure it is."""

    stage: str
    version: str
    method: str = ""
    confidence: float | None = None


@dataclass(frozen=True)
class SourceRef:
    id: str
    uri: str
    sha256: str
    format: str  # text | html | warc | rss | jsonl


@dataclass(frozen=True)
class RawDocument:
    """Bytes as they arrived, plus what the caller told us about them."""

    source: SourceRef
    data: bytes
    kind: str  # "text" | "html": how to extract, decided by ingest
    url: str | None = None
    published: str | None = None  # a date the caller gave (--published or JSONL field)
    raw: bool = False  # the input is already the clean body: keep it unchanged
    charset: str | None = None  # declared by HTTP or WARC headers


@dataclass(frozen=True)
class Rejected:
    """A document that could not be analysed: data, not an exception."""

    source: SourceRef
    code: str
    message: str


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Rights:
    holder: str | None
    year: int | None
    notice: str


@dataclass(frozen=True)
class Credit:
    role: str
    name: str | None
    agency: str | None
    text: str


@dataclass(frozen=True)
class Removed:
    text: str
    reason: str


@dataclass(frozen=True)
class Article:
    title: str | None
    text: str
    language: str | None = "en"
    published: str | None = None
    published_from: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    rights: Rights | None = None
    credits: tuple[Credit, ...] = ()
    removed: tuple[Removed, ...] = ()
    url: str | None = None
    # The syndication group in a store: the original's story id, shared by its copies (null outside a store).
    story_id: str | None = None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    affiliation: str | None = None  # e.g. "Israel" for "Israeli Prime Minister ..."
    provenance: Provenance | None = None
    # The corpus entity in a store: the same id for this real-world entity in every article (null outside a store).
    corpus_id: str | None = None


@dataclass(frozen=True)
class SpeakerRef:
    text: str | None
    start: int | None
    end: int | None
    entity_id: str | None
    name: str | None


@dataclass(frozen=True)
class Attribution:
    id: str
    kind: str  # direct | mixed | indirect
    content: Span
    cue: Span | None
    speaker: SpeakerRef
    provenance: Provenance | None = None


@dataclass(frozen=True)
class ClaimSource:
    name: str
    entity_id: str | None


@dataclass(frozen=True)
class Claim:
    id: str
    text: str
    start: int
    end: int
    value: float | None
    qualifier: str | None
    unit: str | None
    source: ClaimSource | None
    attribution_id: str | None = None
    magnitude: float | None = None  # for vague amounts: "millions" -> 1e6 with value null
    value_max: float | None = None  # upper bound of a range
    change: str | None = None  # rise | fall, for "rose 5% to $3.1 billion"
    provenance: Provenance | None = None


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None
    provenance: Provenance | None = None


@dataclass(frozen=True)
class Place:
    name: str
    start: int
    end: int
    entity_id: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    provenance: Provenance | None = None


@dataclass(frozen=True)
class Actor:
    name: str
    entity_id: str | None
    country: str | None  # ISO 3166 alpha-3
    sector: str | None = None  # GOV, MIL, REB, IGO, NGO, MED, BUS, CVL ...


@dataclass(frozen=True)
class EventLocation:
    name: str
    entity_id: str | None


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    mode: str | None
    cameo: str | None
    trigger: Span
    source: Actor | None
    target: Actor | None
    date: str | None
    location: EventLocation | None
    negated: bool
    tense: str  # past | present | future | hypothetical
    sentence: Span
    date_from: str | None = None  # "timex" | "article" (the article date stood in)
    attribution_id: str | None = None
    provenance: Provenance | None = None
    # asserted | negated | denied | future | hypothetical | intended | question: why an event is
    # not stated as having happened (tense and negated say the same for older readers)
    modality: str = "asserted"


def layer(about: str) -> Any:
    """A field of AnalyzedDocument that is an annotation layer.

    Everything that lists layers (the pipeline's output, the JSON codec and
    JSON Schema, the store's tables, the Parquet export) reads them from
    these fields, in this order: adding a layer is adding a field here.
    """
    return field(default=(), metadata={"layer": about})


@dataclass(frozen=True)
class AnalyzedDocument:
    source: SourceRef
    article: Article
    entities: tuple[Entity, ...] = layer("one entity per real-world thing, with its mentions")
    attributions: tuple[Attribution, ...] = layer("who said what: direct, mixed and indirect speech")
    claims: tuple[Claim, ...] = layer("figures with qualifier, unit and source")
    timexes: tuple[Timex, ...] = layer("TIMEX3 dates, times and durations")
    places: tuple[Place, ...] = layer("geocoded place mentions")
    events: tuple[Event, ...] = layer("PLOVER/CAMEO-coded events with actors")
    provenance: dict[str, object] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The newsgraph/1 JSON object of this document (docs/output-contract.md)."""
        from newsgraph.model.serialize import to_json  # the codec imports this module

        return to_json(self)

    def to_json(self, indent: int | None = None) -> str:
        from newsgraph.model.serialize import dumps

        return dumps(self, indent=indent)


def layers_of(cls: type[AnalyzedDocument] = AnalyzedDocument) -> tuple[str, ...]:
    """The layer names of a document class, in output order."""
    return tuple(f.name for f in dataclasses.fields(cls) if "layer" in f.metadata)


def layer_item(cls: type[AnalyzedDocument], name: str) -> type:
    """The annotation dataclass one layer holds (`Entity` for "entities")."""
    hint = typing.get_type_hints(cls)[name]
    (item, *_rest) = typing.get_args(hint)
    return typing.cast(type, item)


LAYERS = layers_of()
