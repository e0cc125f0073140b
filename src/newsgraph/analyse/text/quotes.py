"""Pair quotation marks into quotations, working on the raw text only.

Handles curly (“ ”), straight (") and doubled-apostrophe ('') double quotes,
guillemets, and single quotes (‘ ’) that stand outside any double quote.

- A quotation left open at the end of a paragraph goes on when the next
  paragraph opens with a quotation mark (the newswire convention for quotes
  of several paragraphs); otherwise it ends with its paragraph (unbalanced).
- A closing mark with no opener is ignored.
- Marks nested inside a double-quoted span are part of it, not quotations of
  their own.

Whether a quotation is someone's speech, a scare quote or a title is decided
later by analyse/attributions/stage.py; this module only finds the spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# '' counts as one double mark (some wires write ''quote'' for “quote”).
_DOUBLE = re.compile(r"''|[“”\"„«»]")
_OPENERS = {"“", "„", "«"}
_CLOSERS = {"”", "»"}
_BEFORE_OPEN = set(" \t\n([{—–-/\u00a0")
_AFTER_CLOSE = set(" \t\n.,;:!?)]}—–-\u00a0")


@dataclass(frozen=True)
class Quote:
    start: int  # index of the opening mark
    end: int  # end of the closing mark, or end of the last paragraph when unbalanced
    balanced: bool = True
    single: bool = False
    mark_len: int = 1  # 2 for ''doubled apostrophes''

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words without their marks."""
        close_len = self.mark_len if self.balanced else 0
        return self.start + self.mark_len, self.end - close_len


def _role(text: str, m: re.Match[str]) -> str:
    mark = m.group()
    before = text[m.start() - 1] if m.start() > 0 else "\n"
    after = text[m.end()] if m.end() < len(text) else "\n"
    if mark in _OPENERS:
        # “… 51 percent.“ with the paragraph ending there: a closer typed with the opening mark
        if mark == "“" and before not in " \t\n\u00a0" and not text[m.end() : _line_end(text, m.end())].strip():
            return "close"
        return "open"
    if mark in _CLOSERS:
        # a closing mark typed at the start of a paragraph opens it (”Fear. I am …)
        if before == "\n" and (after.isalnum() or text[m.end() : m.end() + 3].lstrip(" \u00a0")[:1] in ("…", ".")):
            return "open"  # also ”… he said": a quotation picked up in mid-sentence
        return "close"
    if before in _BEFORE_OPEN and after not in " \t\n":
        return "open"
    if after in _AFTER_CLOSE or after in "\"”'’":
        return "close"
    return "either"


def _line_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _paragraph_end(text: str, pos: int) -> int:
    end = _line_end(text, pos)
    while end > pos and text[end - 1] in " \t\u00a0":
        end -= 1
    return end


def _opens_paragraph(text: str, pos: int) -> bool:
    """Only whitespace between the previous newline and pos."""
    nl = text.rfind("\n", 0, pos)
    return nl >= 0 and text[nl + 1 : pos].strip() == ""


# Each family pairs only with itself: a straight mark never closes a curly one.
_FAMILIES = (re.compile(r"[“”„]"), re.compile(r"\""), re.compile(r"''"), re.compile(r"[«»]"))


def find_double(text: str) -> list[Quote]:
    found: list[Quote] = []
    for family in _FAMILIES:
        found.extend(_pair(text, family))
    taken = {q.end - q.mark_len for q in found if q.balanced} | {q.start for q in found}
    found = [_closed_by_other_family(text, q, taken) for q in found]
    found = [part for q in found for part in _split_mixed(text, q)]
    found.sort(key=lambda q: (q.start, -q.end))
    # a quotation inside another (a straight pair inside a curly one) is part of it
    out: list[Quote] = []
    for q in found:
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out


def _closed_by_other_family(text: str, q: Quote, taken: set[int]) -> Quote:
    """“Deals should not be a requirement," he said: a quotation typed with a
    straight mark at one end and a curly one at the other. A one-character
    quotation left open closes at the first closing mark of the other family
    in its paragraph, unless that mark belongs to a quotation of its own."""
    if q.balanced or q.mark_len != 1:
        return q
    for m in _DOUBLE.finditer(text, q.start + 1, q.end):
        if m.start() in taken:
            continue  # a mark of a quotation of its own
        if len(m.group()) == 1 and (m.group() == '"') != (text[q.start] == '"') and _role(text, m) == "close":
            return Quote(q.start, m.end())
    return q


def _split_mixed(text: str, q: Quote) -> list[Quote]:
    """“They were kind," she said. "We owe them.”: two quotations, each typed
    with one curly and one straight mark, which the curly pair alone would read
    as one quotation holding the cue. Split where the inner straight marks
    close and reopen (exactly two of them, a closer then an opener)."""
    if not q.balanced or q.mark_len != 1 or text[q.start] not in "“„":
        return [q]
    inner = [m for m in re.finditer(r"\"", text[q.start + 1 : q.end - 1])]
    if len(inner) != 2:
        return [q]
    close, reopen = (q.start + 1 + m.start() for m in inner)
    # the marks again, matched in the whole text so that their context is there
    first, second = inner[0].re.match(text, close), inner[1].re.match(text, reopen)
    if first is None or second is None or _role(text, first) != "close" or _role(text, second) != "open":
        return [q]
    return [Quote(q.start, close + 1), Quote(reopen, q.end)]


def _nested(text: str, opener: re.Match[str], family: re.Pattern[str]) -> bool:
    """“I’d rather live in what he calls “hell” than …”: a second opener whose
    own closer and the first one's both follow in the paragraph, before any
    other opener, is a quotation inside the quotation."""
    closers = 0
    for m in family.finditer(text, opener.end(), _paragraph_end(text, opener.end())):
        role = _role(text, m)
        if role == "open":
            return False
        closers += 1
        if closers == 2:
            return True
    return False


def _pair(text: str, family: re.Pattern[str]) -> list[Quote]:
    quotes: list[Quote] = []
    open_at: int | None = None
    last_open = 0  # where the current paragraph of an open quotation starts
    mark_len = 1
    skip_close = 0  # closers of quotations nested inside the open one
    for m in family.finditer(text):
        mark_len = len(m.group())
        role = _role(text, m)
        if skip_close and role in ("close", "either") and "\n" not in text[last_open : m.start()]:
            skip_close -= 1
            continue
        if open_at is not None and "\n" in text[last_open : m.start()]:
            between = [ln for ln in text[last_open : m.start()].split("\n") if ln.strip()]
            if role in ("open", "either") and _opens_paragraph(text, m.start()) and len(between) == 1:
                last_open = m.start()  # the quotation carries on into this paragraph
                continue
            quotes.append(Quote(open_at, _paragraph_end(text, last_open), balanced=False, mark_len=mark_len))
            open_at = None
        if open_at is None:
            if role in ("open", "either"):
                open_at = last_open = m.start()
            continue
        if role in ("close", "either"):
            quotes.append(Quote(open_at, m.end(), mark_len=mark_len))
            open_at = None
        elif _nested(text, m, family):
            skip_close += 1
        else:  # a second opener: the first one was never closed
            end = m.start()
            while end > open_at and text[end - 1] in " \t\n":
                end -= 1
            quotes.append(Quote(open_at, end, balanced=False, mark_len=mark_len))
            open_at = last_open = m.start()
    if open_at is not None:
        quotes.append(Quote(open_at, _paragraph_end(text, last_open), balanced=False, mark_len=mark_len))
    return [q for q in quotes if q.end - q.start > 2]


_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=[^\s'’‘])", re.M)


def find_single(text: str, taken: list[Quote]) -> list[Quote]:
    """‘Single’ quotations outside double ones; apostrophes are told apart by
    what stands next to them (an opener follows a space, a closer precedes one)."""
    out: list[Quote] = []
    spans = [(q.start, q.end) for q in taken]
    pos = 0
    for m in _SINGLE_OPEN.finditer(text):
        s = m.start()
        if s < pos or any(a <= s < b for a, b in spans):
            continue
        limit = min(_paragraph_end(text, s), s + 300)
        close = None
        for j in range(s + 2, limit):
            ch = text[j]
            if ch in "’'" and (j + 1 >= len(text) or text[j + 1] in _AFTER_CLOSE) and text[j - 1] not in " \t":
                # "States’ stance": a plural possessive, not a closer, when a word follows
                if text[j - 1] == "s" and j + 2 < len(text) and text[j + 1] == " " and text[j + 2].isalpha() \
                        and text[j + 2].islower():
                    continue
                close = j
                break
        if close is None:
            continue
        out.append(Quote(s, close + 1, single=True))
        pos = close + 1
    return out


def find_quotes(text: str) -> list[Quote]:
    """All quotations in text order."""
    double = find_double(text)
    return sorted(double + find_single(text, double), key=lambda q: q.start)


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every double-quoted quotation, marks included, sorted.

    What "inside a quotation" means for every layer (a pronoun in a quotation
    is not the narrator's; a name in one is not a speaker candidate). Single
    quotes are left out: in news they mark titles and headlines' quotes more
    often than speech, and a reader does not take them as a change of voice.
    """
    return sorted((q.start, q.end) for q in find_quotes(text) if not q.single)
