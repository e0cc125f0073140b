"""Found, one attribution as character spans, and the token tests the passes share."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsgraph.analyse.text.cues import cue_class

QUOTE_CHARS = set("“”\"„«»‘’'`")
_RELATIVE = {"who", "that", "which", "whom"}
_SPEAKER_DEPS = ("nsubj", "nsubjpass")
_SENTENCE_ADVERBS = {"however", "meanwhile", "still", "indeed", "moreover", "nevertheless", "instead", "overall"}
_OBJECT_PREPS = {"of", "for", "as", "to", "about", "against", "over", "from", "into", "with"}


@dataclass(frozen=True)
class Found:
    """One attribution as character spans; `follows` points at the attribution
    (index in the returned list) whose speaker a continued quotation shares."""

    kind: str
    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    head: tuple[int, int] | None  # the speaker's head word, for entity lookup
    method: str
    follows: int | None = None


def is_quote(t: Token) -> bool:
    """A token that is only quotation marks (not "’s" or "n’t")."""
    return bool(t.text) and all(ch in QUOTE_CHARS for ch in t.text)


def is_cue_head(t: Token) -> bool:
    return cue_class(t) is not None or t.lower_ == "according"
