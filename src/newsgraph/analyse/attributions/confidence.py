"""How sure is one attribution? A probability that its content and speaker are right.

A logistic score over a few facts a reader would weigh, with the weights of
data/attribution_confidence.json, fitted on the real-news development pages
(../shared/data/realnews/gold_dev.jsonl: an attribution counts as right when
its content matches a gold item and its speaker names agree; see
docs/benchmarks.md). Views that show "confident" attributions keep 0.5 and up.

What moves it, and why:
- how it was found: a quotation with its cue next to it is the surest; a
  cognition, evidence or intention verb ("believes", "shows", "plans") is
  less often someone's stated words;
- who speaks: a resolved name is the point of an attribution; a pronoun, a
  relative pronoun or a one- or two-word function-word fragment left
  unresolved gives the reader no speaker at all, and a document left
  without its owner ("the lawsuit") names no one either;
- how much was said: two or three words are more often a noun phrase the
  verb acts on than reported words, and one unquoted word almost always is.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from newsgraph.analyse.attributions.owners import is_document_word
from newsgraph.analyse.text.acronyms import is_acronym
from newsgraph.analyse.text.data import load_json

_WORD = re.compile(r"\w+")
# words that name no one on their own: pronouns, relatives and function words
FUNCTION_WORDS = frozenset("""
    i me my we us our you your he him his she her it its they them their who whom whose which that
    this these those one some any each all both none the a an of to for in on by with as at from
""".split())


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    return {k: float(v) for k, v in load_json("attribution_confidence.json")["weights"].items()}


def speaker_class(text: str | None, resolved: bool) -> str:
    """named | pronoun (resolved) | fragment (a pronoun or function words, unresolved) |
    document (unresolved) | description (unresolved words) | none."""
    written = _WORD.findall(text or "")
    words = [w.lower() for w in written]
    if not words:
        return "none"
    # "WHO", "IT": an acronym is a name, not the pronoun it spells
    function = all(w.lower() in FUNCTION_WORDS and not is_acronym(w) for w in written) and len(words) <= 2
    if resolved:
        return "pronoun" if function else "named"
    if function:
        return "fragment"
    if any(is_document_word(w) for w in _head_words(words)[-3:]) and not any(w[:1].isupper() for w in written[1:]):
        return "document"
    return "description"


# where a speaker phrase's head ends and what qualifies it begins: "people
# familiar with the plans" are people, not a plan
_POSTMODIFIERS = frozenset("familiar close with who which that of from at in on for".split())


def _head_words(words: list[str]) -> list[str]:
    for i, w in enumerate(words[1:], 1):
        if w in _POSTMODIFIERS:
            return words[:i]
    return words


def features(method: str, kind: str, content: str, speaker: str | None, resolved: bool) -> list[str]:
    out = [f"method_{method}", f"kind_{kind}", f"speaker_{speaker_class(speaker, resolved)}"]
    n = len(_WORD.findall(content))
    if n <= 3 and method != "parse-charge":  # a charge is short by nature ("of lying")
        out.append("content_short")
        if n <= 1 and kind == "indirect":
            out.append("content_one_word")  # "what", "Palacios": a word the verb acts on, not words said
    return out


def confidence(feats: list[str]) -> float:
    w = weights()
    z = w.get("bias", 0.0) + sum(w.get(f, 0.0) for f in feats)
    return round(1.0 / (1.0 + math.exp(-z)), 2)
