"""Two names of one person written side by side: "Germán Alejandro Rivera Garcia, aka
“Colonel Mike,”", "Rivera, 45, also known as Mike".

The tagger makes each name its own entity, so that a later "Mike pleaded guilty" names
someone the article never introduces. Between the two names there may be only punctuation
and quotation marks, an age ("Rivera, 45,"), an alias cue from titles.json's `alias_cues`
and a title before the second name ("Colonel"): anything else (a verb, another name) and the
two are left apart.
"""

from __future__ import annotations

from typing import Any, Protocol


class _Span(Protocol):
    start: int
    end: int


def _words_between(doc: Any, a: _Span, b: _Span, title_spans: list[tuple[int, int]],
                   titles: frozenset[str]) -> list[str] | None:
    """The words between two mentions that are neither punctuation, an age nor a title; None when
    a sentence break lies between them."""
    words: list[str] = []
    for t in doc[a.end:b.start]:
        if t.is_sent_start:
            return None
        if t.is_punct or t.is_space or t.like_num:
            continue
        if t.lower_ in titles or any(s <= t.i < e for s, e in title_spans):
            continue
        words.append(t.lower_)
    return words


def alias_pairs(doc: Any, mentions: list[Any], cues: frozenset[str], titles: frozenset[str],
                title_spans: list[tuple[int, int]]) -> list[tuple[Any, Any]]:
    """Pairs of mentions (first, second) that the text gives as two names of one bearer."""
    ordered = sorted(mentions, key=lambda m: m.start)
    pairs = []
    for a, b in zip(ordered, ordered[1:]):
        if b.start - a.end > 8:
            continue
        words = _words_between(doc, a, b, title_spans, titles)
        if words and " ".join(words) in cues:
            pairs.append((a, b))
    return pairs
