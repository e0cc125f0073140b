"""newsgraph's attribution extractor as a spaCy pipeline component.

    import spacy
    import newsgraph.analyse.attributions.spacy_component  # registers the factory

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("newsgraph_attributions")
    doc = nlp("“We will rebuild,” the mayor said on Tuesday.")
    for att in doc._.attributions:
        print(att.kind, att.speaker, att.cue, att.content)

The component needs a parser (and works best with the tagger and NER of the
same pipeline) before it. On news pages with headlines and datelines, also add
``nlp.add_pipe("newsgraph_paragraphs", before="parser")`` (also found through
the package's entry points): it ends sentences at line breaks, as `newsgraph
analyze` does. It sets:

- ``doc.spans["newsgraph_attributions"]``: one span per attribution's content,
  labelled ``direct``, ``mixed`` or ``indirect``, with ``span._.speaker``,
  ``span._.cue`` (spaCy ``Span`` objects or None) and ``span._.method`` (the
  rule that found it) as getters;
- ``doc._.attributions``: the same as a tuple of ``SpacyAttribution`` (``kind``,
  ``content``, ``cue``, ``speaker``, ``method``), also a getter.

A quotation that continues an attributed one shares that attribution's cue
and speaker. What the component stores is plain data (character offsets in
``doc.user_data``), so ``DocBin(store_user_data=True)``, ``nlp.pipe(...,
n_process=2)`` and displaCy (``style="span"``, ``spans_key`` as above) work::

    from spacy import displacy
    displacy.render(doc, style="span", options={"spans_key": "newsgraph_attributions"})

Speakers are the words as written ("he"); resolving them to entities needs
the whole newsgraph pipeline (`newsgraph analyze`), which this component
does not run.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.analyse.attributions.spans import find_attributions

FACTORY = "newsgraph_attributions"


# Per attribution, in doc.user_data under DATA_KEY: [content start, content end,
# cue start, cue end, speaker start, speaker end, method] as character offsets
# (-1 for no cue or speaker). Plain lists, because user_data is what DocBin and
# nlp.pipe(n_process=...) serialise, and neither can carry Python objects.
DATA_KEY = "newsgraph_attributions"


@dataclass(frozen=True)
class SpacyAttribution:
    kind: str
    content: Span
    cue: Span | None
    speaker: Span | None
    method: str


def _span(doc: Doc, start: int, end: int) -> Span | None:
    if start < 0:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def _record(span: Span) -> list[object] | None:
    for rec in span.doc.user_data.get(DATA_KEY, ()):
        if rec[0] == span.start_char and rec[1] == span.end_char:
            return list(rec)
    return None


def _speaker(span: Span) -> Span | None:
    rec = _record(span)
    return None if rec is None else _span(span.doc, int(rec[4]), int(rec[5]))  # type: ignore[call-overload]


def _cue(span: Span) -> Span | None:
    rec = _record(span)
    return None if rec is None else _span(span.doc, int(rec[2]), int(rec[3]))  # type: ignore[call-overload]


def _method(span: Span) -> str | None:
    rec = _record(span)
    return None if rec is None else str(rec[6])


def _attributions(doc: Doc) -> tuple[SpacyAttribution, ...]:
    group = doc.spans[FACTORY] if FACTORY in doc.spans else ()
    return tuple(SpacyAttribution(s.label_, s, _cue(s), _speaker(s), _method(s) or "") for s in group)


Doc.set_extension("attributions", getter=_attributions, force=True)
for _name, _getter in (("speaker", _speaker), ("cue", _cue), ("method", _method)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter)


class AttributionsComponent:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            raise ValueError(
                f"the {FACTORY!r} component needs a dependency parse: add it after the 'parser' component"
            )
        spans, records = [], []
        for f in find_attributions(doc):
            content = doc.char_span(f.content[0], f.content[1], alignment_mode="expand", label=f.kind)
            if content is None:
                continue
            cue, speaker = f.cue or (-1, -1), f.speaker or (-1, -1)
            spans.append(content)
            records.append([content.start_char, content.end_char, *cue, *speaker, f.method])
        doc.spans[FACTORY] = spans
        doc.user_data[DATA_KEY] = records
        return doc


@Language.factory(FACTORY, requires=["token.dep", "token.pos"], assigns=["doc.spans", "doc._.attributions"])
def make_attributions(nlp: Language, name: str) -> AttributionsComponent:
    return AttributionsComponent(nlp, name)
