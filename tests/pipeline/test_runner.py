"""The runner: a long run does not grow spaCy's vocabulary, and results outlive their batch."""

from __future__ import annotations

from newsgraph.model import AnalyzedDocument, RawDocument, SourceRef
from newsgraph.pipeline import get_pipeline
from newsgraph.settings import load_settings


def _doc(i: int, text: str) -> RawDocument:
    return RawDocument(SourceRef(id=f"d{i}", uri=f"test:d{i}", sha256=f"{i:064x}", format="text"),
                       text.encode(), "text")


def _nlp(pipeline: object) -> object:
    return next(s.nlp for s in pipeline.stages if getattr(s, "nlp", None) is not None)  # type: ignore[attr-defined]


def test_batches_leave_the_vocabulary_as_it_was() -> None:
    pipeline = get_pipeline(load_settings())
    strings = _nlp(pipeline).vocab.strings  # type: ignore[attr-defined]
    pipeline.process_batch([_doc(0, "Warm-up: the mayor said on Monday that the bridge would reopen.")])
    before = len(strings)
    # Made-up names and words spaCy has never seen, as a stream of news would bring.
    texts = [
        f"Councillor Zorbavian Quelltrix{i} said the Vintrelle{i} plan was 'fluxitated' by the Omberwald "
        f"Authority, according to spokeswoman Harmilda Drosk{i}, who warned of delays in Pellquay{i}."
        for i in range(12)
    ]
    results = pipeline.process_batch([_doc(i + 1, t) for i, t in enumerate(texts)])
    assert len(strings) == before
    # The results are plain data that stay valid after the batch's memory is freed.
    assert all(isinstance(r, AnalyzedDocument) for r in results)
    speakers = {a.speaker.name for r in results for a in r.attributions if a.speaker.name}
    assert any("Drosk" in s for s in speakers) or any("Quelltrix" in s for s in speakers)
    assert any("Quelltrix" in m.text for r in results for e in r.entities for m in e.mentions)
