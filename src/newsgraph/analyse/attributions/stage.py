"""The attributions layer: who said what, as direct, mixed or indirect speech.

The spans come from analyse/attributions/spans.py (quotation pairing plus the
dependency parse and the cue lexicon in data/cues.json); this stage turns
them into `Attribution` objects and resolves each speaker to an entity.

Speaker resolution:
- `newsgraph.analyse.coref.resolve_speaker(ctx, start, end)` decides the
  entity for every speaker span ("he", "the prime minister", "Blinken"),
  called in text order. When that module is not there, a named speaker is
  resolved through the mentions of ctx.layers["entities"]; pronouns and
  descriptions then stay unresolved (`entity_id: null`).
- A quotation that goes on after an attributed one with no cue of its own
  takes that attribution's speaker and entity without a second resolution.

Scratch this stage maintains for coreference:
- ctx.scratch["speakers_so_far"]: list of (speaker_start, speaker_end,
  entity_id or None), in text order, appended just after each speaker is
  resolved, so `resolve_speaker` can prefer the most recent speaker when it
  is called for the next one.
Scratch it reads: ctx.scratch["spacy"] (the parsed Doc, from analyse/nlp/stage.py).
"""

from __future__ import annotations

from newsgraph.analyse.attributions.spans import Found, find_attributions
from newsgraph.analyse.attributions.speakers import resolve_speaker
from newsgraph.model import Attribution, Entity, Provenance, Span, SpeakerRef
from newsgraph.pipeline.stage import AnalysisContext
from newsgraph.settings import Settings

VERSION = "1"


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


class AttributionsStage:
    name = "attributions"
    version = VERSION
    requires: tuple[str, ...] = ("entities",)
    assigns: tuple[str, ...] = ("attributions",)

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, ctx: AnalysisContext) -> None:
        doc = ctx.scratch.get("spacy")
        if doc is None or not ctx.text.strip():
            ctx.layers["attributions"] = ()
            return
        found = find_attributions(doc)
        entities: tuple[Entity, ...] = tuple(ctx.layers.get("entities", ()))
        by_id = {e.id: e for e in entities}
        speakers_so_far: list[tuple[int, int, str | None]] = ctx.scratch.setdefault("speakers_so_far", [])
        refs: list[SpeakerRef] = [SpeakerRef(None, None, None, None, None)] * len(found)
        text = ctx.text
        # resolve in the order the speakers are written, so recency means what a reader means
        order = sorted(range(len(found)), key=lambda i: _speaker_pos(found[i]))
        for i in order:
            f = found[i]
            if f.speaker is None:
                continue
            if f.follows is not None and refs[f.follows].start is not None:
                refs[i] = refs[f.follows]
                continue
            s, e = f.speaker
            ent = self._resolve(ctx, entities, f)
            if ent is not None and ent.id not in by_id:
                ent = None
            refs[i] = SpeakerRef(text=text[s:e], start=s, end=e,
                                 entity_id=ent.id if ent else None,
                                 name=ent.name if ent else text[s:e])
            speakers_so_far.append((s, e, ent.id if ent else None))
        ctx.layers["attributions"] = tuple(
            Attribution(
                id=f"a{n}",
                kind=f.kind,
                content=_span(text, f.content),
                cue=_span(text, f.cue) if f.cue else None,
                speaker=refs[i],
                provenance=Provenance(self.name, VERSION, f.method),
            )
            for n, (i, f) in enumerate(((i, f) for i, f in enumerate(found)), 1)
        )

    @staticmethod
    def _resolve(ctx: AnalysisContext, entities: tuple[Entity, ...], f: Found) -> Entity | None:
        assert f.speaker is not None
        s, e = f.speaker
        try:
            # The resolver's None is a refusal ("never guess wildly"), not a gap to fill.
            return resolve_speaker(ctx, s, e)
        except Exception as exc:  # a resolver bug must not cost the document its attributions
            ctx.scratch.setdefault("warnings", []).append(f"resolve_speaker failed: {type(exc).__name__}: {exc}")
        return entity_by_mention(entities, s, e, f.head)


def _speaker_pos(f: Found) -> int:
    if f.follows is not None or f.speaker is None:
        return f.content[0] + 1_000_000_000  # after every written speaker
    return f.speaker[0]


def _span(text: str, se: tuple[int, int]) -> Span:
    return Span(se[0], se[1], text[se[0] : se[1]])
