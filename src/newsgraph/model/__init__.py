"""Pure data: the stand-off annotation model of schema newsgraph/1.

Nothing here imports the rest of newsgraph; every other package depends on this one.
"""

from newsgraph.model.document import (
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
    Provenance,
    RawDocument,
    Rejected,
    Removed,
    Rights,
    SourceRef,
    Span,
    SpeakerRef,
    Timex,
)

__all__ = [
    "Actor",
    "AnalyzedDocument",
    "Article",
    "Attribution",
    "Claim",
    "ClaimSource",
    "Credit",
    "Entity",
    "Event",
    "EventLocation",
    "Mention",
    "Place",
    "Provenance",
    "RawDocument",
    "Rejected",
    "Removed",
    "Rights",
    "SourceRef",
    "Span",
    "SpeakerRef",
    "Timex",
]
