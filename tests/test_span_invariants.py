"""Every layer's spans index the article text, for any text the pipeline accepts.

Hypothesis builds news-like texts from fictional fragments, quote marks,
dashes and odd whitespace; every stage runs on them through process(), and
`article.text[start:end]` must equal each span's text. The pipeline must also
never raise: the result is a document or a coded rejection.
"""

from __future__ import annotations

import hashlib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.model import AnalyzedDocument, RawDocument, Rejected, SourceRef
from newsgraph.model.serialize import to_json
from newsgraph.pipeline import process
from newsgraph.settings import load_settings

FRAGMENTS = [
    "Mayor Lena Ortiz said the budget would grow by 4% next year",
    "“We will not back down,” she said",
    "according to the Harbor Authority, more than 1,200 ships docked in March 2024",
    "The minister, who spoke on Friday, warned that talks could collapse",
    "He told reporters in Lisbon that about 300 people had been evacuated",
    "the company reported a loss of $3.1 billion, up from $2 billion a year earlier",
    "Officials in the West Bank said two days ago that schools would reopen",
    "“It is a mistake — a serious one,” the official added",
    "Rebels attacked a convoy near Goma on Oct. 7",
    "the United Nations imposed sanctions on the regime",
    "'Nothing has changed,' said Dr. Amal Haddad",
    "Prices rose 5% to $3.1 billion in the third quarter",
]
PUNCT = st.sampled_from([". ", ", ", "; ", " — ", ".\n\n", "? ", "! ", " ", "\n"])
QUOTES = st.sampled_from(["", "“", "”", '"', "'", "‘", "’"])


@st.composite
def texts(draw: Any) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        parts.append(draw(QUOTES) + draw(st.sampled_from(FRAGMENTS)) + draw(QUOTES) + draw(PUNCT))
    return "".join(parts)


def _check(obj: dict[str, Any]) -> None:
    text = obj["article"]["text"]
    for ent in obj["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for a in obj["attributions"]:
        for part in (a["content"], a["cue"]):
            if part:
                assert text[part["start"]:part["end"]] == part["text"]
        sp = a["speaker"]
        if sp["start"] is not None:
            assert text[sp["start"]:sp["end"]] == sp["text"]
    for layer in ("claims", "timexes"):
        for item in obj[layer]:
            assert text[item["start"]:item["end"]] == item["text"]
    mentions = {(m["start"], m["end"]) for ent in obj["entities"] for m in ent["mentions"]}
    for p in obj["places"]:  # a place carries its name, not its text: it points at a mention
        assert 0 <= p["start"] < p["end"] <= len(text)
        assert p["entity_id"] is None or (p["start"], p["end"]) in mentions
    for e in obj["events"]:
        assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]
        assert e["sentence"]["start"] <= e["trigger"]["start"] < e["sentence"]["end"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts(), st.booleans())
def test_spans_index_the_text(text: str, raw: bool) -> None:
    data = text.encode("utf-8")
    src = SourceRef(id="h", uri="test:h", sha256=hashlib.sha256(data).hexdigest(), format="text")
    result = process(RawDocument(src, data, "text", published="2024-03-22", raw=raw), load_settings())
    assert isinstance(result, (AnalyzedDocument, Rejected))
    if isinstance(result, Rejected):
        assert result.code[0] in "RE" and result.code != "E005", result.message
        return
    _check(to_json(result))
