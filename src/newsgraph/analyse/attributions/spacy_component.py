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

- ``doc._.attributions``: a tuple of ``SpacyAttribution`` with ``kind``
  (direct | mixed | indirect), ``content``, ``cue`` and ``speaker`` as spaCy
  ``Span`` objects (``cue``/``speaker`` may be None), and ``method``, the rule
  that found it. A quotation that continues an attributed one shares that
  attribution's cue and speaker spans.

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


@dataclass(frozen=True)
class SpacyAttribution:
    kind: str
    content: Span
    cue: Span | None
    speaker: Span | None
    method: str


if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=())


def _span(doc: Doc, se: tuple[int, int] | None) -> Span | None:
    if se is None:
        return None
    return doc.char_span(se[0], se[1], alignment_mode="expand")


class AttributionsComponent:
    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            raise ValueError(
                f"the {FACTORY!r} component needs a dependency parse: add it after the 'parser' component"
            )
        out = []
        for f in find_attributions(doc):
            content = _span(doc, f.content)
            if content is None:
                continue
            out.append(SpacyAttribution(f.kind, content, _span(doc, f.cue), _span(doc, f.speaker), f.method))
        doc._.attributions = tuple(out)
        return doc


@Language.factory(FACTORY, requires=["token.dep", "token.pos"], assigns=["doc._.attributions"])
def make_attributions(nlp: Language, name: str) -> AttributionsComponent:
    return AttributionsComponent(nlp, name)
