"""The attributions layer: who said what, as direct, mixed or indirect speech.

The spans come from analyse/attributions/spans.py (quotation pairing plus the
dependency parse and the cue lexicon in data/cues.json); this stage turns
them into `Attribution` objects and resolves each speaker to an entity.

Speaker resolution:
- `speakers.resolve_speaker(scene, start, end)` decides the entity for every
  speaker span ("he", "the prime minister", "Blinken"), called in text order
  with the speakers resolved so far in `scene.notes`, so that recency means
  what a reader means. If it fails on a document (a bug), a named speaker is
  resolved through the entity mentions instead and a warning reaches the
  output's provenance.
- A quotation that goes on after an attributed one with no cue of its own
  takes that attribution's speaker and entity without a second resolution.

Hand-offs: reads SPACY_DOC and the entities stage's four; assigns ATTRIBUTIONS.
"""

from __future__ import annotations

from typing import Any

from newsgraph.analyse.attributions import ATTRIBUTIONS
from newsgraph.analyse.attributions.confidence import confidence, features
from newsgraph.analyse.attributions.spans import Found, find_attributions
from newsgraph.analyse.attributions.speakers import SpeakerContext, resolve_speaker
from newsgraph.analyse.entities import ENTITIES, ENTITY_GENDER, ENTITY_INDEX, ENTITY_SUBJECTS
from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.model import Attribution, Entity, Provenance, Span, SpeakerRef
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import AnalysisContext, HandOff
from newsgraph.settings import Settings

VERSION = "2"


def entity_by_mention(entities: tuple[Entity, ...], start: int, end: int,
                      head: tuple[int, int] | None) -> Entity | None:
    """The entity with a mention covering the speaker's head word, else one
    lying inside the speaker phrase and ending where it ends."""
    if head is not None:
        for ent in entities:
            for m in ent.mentions:
                if m.start <= head[0] and head[1] <= m.end:
                    return ent
    best: tuple[int, Entity] | None = None
    for ent in entities:
        for m in ent.mentions:
            if start <= m.start and m.end <= end and m.end == end:
                if best is None or m.end - m.start > best[0]:
                    best = (m.end - m.start, ent)
    return best[1] if best else None


@register
class AttributionsStage:
    name = "attributions"
    version = VERSION
    requires: tuple[HandOff[Any], ...] = (SPACY_DOC, ENTITIES, ENTITY_INDEX, ENTITY_GENDER, ENTITY_SUBJECTS)
    assigns: tuple[HandOff[Any], ...] = (ATTRIBUTIONS,)

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, ctx: AnalysisContext) -> None:
        doc = ctx.get(SPACY_DOC, None)
        if doc is None or not ctx.text.strip():
            ctx.put(ATTRIBUTIONS, ())
            return
        found = find_attributions(doc)
        refs = self._speakers(ctx, found)
        text = ctx.text
        ctx.put(ATTRIBUTIONS, tuple(
            Attribution(
                id=f"a{n}",
                kind=f.kind,
                content=_span(text, f.content),
                cue=_span(text, f.cue) if f.cue else None,
                speaker=refs[i],
                provenance=Provenance(self.name, VERSION, f.method, confidence(features(
                    f.method, f.kind, text[f.content[0]:f.content[1]], refs[i].text, refs[i].entity_id is not None))),
            )
            for n, (i, f) in enumerate(enumerate(found), 1)
        ))

    def _speakers(self, ctx: AnalysisContext, found: list[Found]) -> list[SpeakerRef]:
        """Each attribution's speaker, resolved in the order the speakers are written."""
        entities: tuple[Entity, ...] = ctx.get(ENTITIES, ())
        by_id = {e.id: e for e in entities}
        scene = SpeakerContext.of(ctx)
        refs: list[SpeakerRef] = [SpeakerRef(None, None, None, None, None)] * len(found)
        text = ctx.text
        for i in sorted(range(len(found)), key=lambda i: _speaker_pos(found[i])):
            f = found[i]
            if f.speaker is None:
                continue
            if f.follows is not None and refs[f.follows].start is not None:
                refs[i] = refs[f.follows]
                continue
            s, e = f.speaker
            ent = self._resolve(ctx, scene, entities, f)
            if ent is not None and ent.id not in by_id:
                ent = None
            refs[i] = SpeakerRef(text=text[s:e], start=s, end=e,
                                 entity_id=ent.id if ent else None,
                                 name=ent.name if ent else text[s:e])
            scene.notes.append((s, e, ent.id if ent else None))
        return refs

    @staticmethod
    def _resolve(ctx: AnalysisContext, scene: SpeakerContext, entities: tuple[Entity, ...], f: Found) -> Entity | None:
        assert f.speaker is not None
        s, e = f.speaker
        try:
            # The resolver's None is a refusal ("never guess wildly"), not a gap to fill.
            return resolve_speaker(scene, s, e)
        except Exception as exc:  # a resolver bug must not cost the document its attributions
            ctx.warn(f"speaker resolution failed at {s}-{e}: {type(exc).__name__}: {exc}")
        return entity_by_mention(entities, s, e, f.head)


def _speaker_pos(f: Found) -> int:
    if f.follows is not None or f.speaker is None:
        return f.content[0] + 1_000_000_000  # after every written speaker
    return f.speaker[0]


def _span(text: str, se: tuple[int, int]) -> Span:
    return Span(se[0], se[1], text[se[0] : se[1]])
