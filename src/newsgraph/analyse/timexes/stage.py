"""The timexes layer: temporal expressions, normalised to TIMEX3 values.

How it works, in one pass per document:
1. Find: every pattern of analyse/timexes/rules.py runs over `ctx.text`; a match
   counts only when both ends fall on spaCy token boundaries. Each match is
   *read* into a `Reading` (what kind of expression, its parts), or dropped
   when the tokens say it is no date ("May" the modal, "2000 people").
2. Choose: overlapping matches are settled longest-first.
3. Resolve: each reading becomes a TIMEX3 value against the reference date.
   Expressions whose direction is open ("Friday", "Oct. 7", "January") use
   the tense of the verb that governs them: past counts back, future counts
   forward, the same weekday as the reference date is that date. Clock
   times anchor to the nearest full date in their sentence, else the
   reference date.

Without a reference date nothing relative is invented: weekdays and
month-days keep the TIMEX3 unknown form ("XXXX-WXX-5", "XXXX-10-07"),
deictic expressions ("next week", "yesterday") get value None.

Hand-offs: reads SPACY_DOC; assigns TIMEXES.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from spacy.attrs import IDX, LENGTH, LOWER
from spacy.strings import hash_string  # type: ignore[attr-defined]  # public in the Cython module, not in its stub

from newsgraph.analyse.nlp import SPACY_DOC
from newsgraph.analyse.timexes import TIMEXES
from newsgraph.analyse.timexes import rules as R
from newsgraph.model import Provenance, Timex
from newsgraph.pipeline.registry import register
from newsgraph.pipeline.stage import AnalysisContext, HandOff
from newsgraph.settings import Settings

VERSION = "1"


@dataclass(frozen=True)
class Reading:
    """What a match means before the reference date is applied."""

    type: str  # DATE | TIME | DURATION | SET
    kind: str  # how to resolve: fixed, month_day, month, weekday, shift, days, ago, quarter, season, clock
    args: tuple[Any, ...] = ()


class _Match:
    """A match on the lower-cased text that reads its groups from the original text."""

    __slots__ = ("m", "text")

    def __init__(self, m: re.Match[str], text: str):
        self.m, self.text = m, text

    def group(self, name: int | str = 0) -> str | None:
        s, e = self.m.span(name)
        return self.text[s:e] if s >= 0 else None

    def groupdict(self) -> dict[str, str | None]:
        return {k: self.group(k) for k in self.m.re.groupindex}

    def span(self) -> tuple[int, int]:
        return self.m.span()

    def start(self, name: int | str = 0) -> int:
        return self.m.start(name)

    def end(self, name: int | str = 0) -> int:
        return self.m.end(name)


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    order: int  # rule priority on equal length
    reading: Reading


# ---------------------------------------------------------------- tokens and tense

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "’ll"})
_MODAL_AUX = frozenset({"would", "could", "may", "might", "should", "must", "can", "ca"})
_PLAN_LEMMAS = frozenset({"plan", "expect", "schedule", "set", "due", "intend", "aim", "slate", "prepare",
                          "hope", "vow", "promise", "pledge", "threaten", "propose"})


_HEAD_HASHES = np.array(sorted(hash_string(w) for w in R.HEAD_WORDS), dtype=np.uint64)
_DIGITS = re.compile(r"\d+")


class _Tokens:
    """Character offsets to spaCy tokens, read from the Doc's arrays rather than token by token."""

    def __init__(self, doc: Any, text: str):
        self.doc = doc
        self.text = text
        arr = doc.to_array([LOWER, IDX, LENGTH]) if len(doc) else np.zeros((0, 3), dtype=np.uint64)
        self.lower = arr[:, 0]
        self.starts = arr[:, 1].tolist()
        self.ends = (arr[:, 1] + arr[:, 2]).tolist()
        self.start_set = set(self.starts)
        self.end_set = set(self.ends)

    def segments(self) -> list[tuple[int, int]]:
        """Character ranges around head words and digits: the only places a timex can be."""
        heads = {i: R.HEAD_REACH for i in np.flatnonzero(np.isin(self.lower, _HEAD_HASHES)).tolist()}
        for m in _DIGITS.finditer(self.text):
            heads.setdefault(self.index(m.start()), R.DIGIT_REACH)
        out: list[tuple[int, int]] = []
        last = len(self.starts) - 1
        for i in sorted(heads):
            before, after = heads[i]
            lo, hi = max(0, i - before), min(last, i + after)
            start, end = self.starts[lo], self.ends[hi]
            if out and start <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], end))
            else:
                out.append((start, end))
        return out

    def aligned(self, start: int, end: int) -> bool:
        return start in self.start_set and end in self.end_set

    def index(self, char: int) -> int:
        """The token that contains (or starts at) this character."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def prev(self, start: int) -> Any:
        i = self.index(start)
        return self.doc[i - 1] if i > 0 else None

    def next(self, end: int) -> Any:
        i = bisect.bisect_left(self.starts, end)
        return self.doc[i] if i < len(self.starts) else None


def verb_tense(verb: Any) -> str | None:
    """past | present | future | progressive | modal for one verb, from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if "to" in words and verb.head.i != verb.i:
        # an infinitive: "plans to meet on Friday" looks forward, else it takes the governing verb's tense
        head = verb.head
        if head.lemma_ in _PLAN_LEMMAS or (head.lemma_ == "go" and head.tag_ == "VBG"):
            return "future"
        return verb_tense(head) if head.pos_ in ("VERB", "AUX") else None
    if words & _MODAL_AUX:
        return "past" if "have" in words else "modal"  # "could have met" looks back
    if verb.lemma_ in _PLAN_LEMMAS and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"
    if verb.lemma_ == "go" and verb.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"  # "is going to meet"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN":
        if words & {"is", "are", "am", "be", "'s", "’s"} and not words & {"been", "being"}:
            return "present"
        return "past"  # has done, has been done, or a reduced relative ("the resolution backed by ...")
    if verb.tag_ == "VBG":
        return "progressive" if words & {"is", "are", "am", "'s", "’s", "'re", "’re"} else None
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def governing_tense(doc: Any, first: int, last: int, text: str | None = None) -> str | None:
    """The tense of the verb that governs tokens first..last (inclusive).

    With `text`, the walk up the parse stops at a line break: a headline or a
    dateline that the parser ran into the next sentence has no verb of its own.
    """
    root = doc[last]
    for i in range(first, last + 1):
        if not first <= doc[i].head.i <= last:
            root = doc[i]
            break
    tok = root
    ahead = False  # "due in October", "until October": a present-tense clause pointing forward
    tense = None
    for _ in range(8):
        if tok.lower_ == "since":
            return "past"
        if tok.lower_ in ("until", "till", "due"):
            ahead = True
        if tok.pos_ in ("VERB", "AUX") and tok.i != root.i:
            tense = verb_tense(tok)
            break
        if tok.head.i == tok.i:
            tense = verb_tense(tok) if tok.pos_ in ("VERB", "AUX") else None
            break
        head = tok.head
        if text is not None and "\n" in text[min(tok.idx, head.idx):max(tok.idx, head.idx)]:
            break
        tok = head
    return "future" if ahead and tense in ("present", None) else tense


# ---------------------------------------------------------------- reading the matches


def _fixed(type_: str, value: str | None) -> Reading:
    return Reading(type_, "fixed", (value,))


def _day_ok(day: str) -> int | None:
    n = int("".join(ch for ch in day if ch.isdigit()))
    return n if 1 <= n <= 31 else None


def _month_ok(word: str, tok: Any) -> int | None:
    """The month number, unless the word is lower-case, a verb ('march'), the modal 'May' or a name."""
    if not word[:1].isupper():
        return None
    if tok is not None and (tok.tag_ == "MD" or tok.pos_ == "VERB" or tok.ent_type_ == "PERSON"):
        return None
    return R.MONTHS.get(word.lower().rstrip("."))


def _year4(text: str | None) -> int | None:
    return int(text) if text else None


def _duration(num: float | None, unit_word: str) -> str:
    unit = unit_word.lower().rstrip("s") if unit_word.lower() != "centuries" else "century"
    letter, is_time, mult = R.UNITS.get(unit, R.UNITS.get(unit_word.lower(), ("D", False, 1)))
    if num is None:
        amount = "X"
    else:
        n = num * mult
        if is_time and letter == "H" and n != int(n):
            n, letter = n * 60, "M"  # "half an hour" -> PT30M
        amount = str(int(n)) if n == int(n) else f"{n:g}"
    return f"PT{amount}{letter}" if is_time else f"P{amount}{letter}"


_DURATION_LEADS = frozenset({"for", "within", "over", "than", "about", "nearly", "almost", "around", "in", "after",
                             "lasting", "last", "took", "spent", "past", "next", "of", "just", "only", "under",
                             "least", "some", "roughly", "approximately", "another", "the", "first", "entire",
                             "whole", "during", "to", "up", "lasted", "spend", "serve", "served"})


def read(name: str, m: Any, toks: _Tokens) -> Reading | None:
    """The reading of one match of rule `name`, or None when the tokens rule it out."""
    reader = _RULE_READERS.get(name)
    return reader(m.groupdict(), m, toks) if reader is not None else None


def _read_iso_date(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'2024-03-22': a real month and day, else a number range or a code."""
    if not 1 <= int(g["month"]) <= 12 or not _day_ok(g["day"]):
        return None
    return _fixed("DATE", f"{g['year']}-{g['month']}-{g['day']}")


def _read_slash_date(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'3/22/24': US month-first order, a two-digit year below 50 is this century."""
    num_month, num_day, yr = int(g["month"]), _day_ok(g["day"]), g["year"]
    if not 1 <= num_month <= 12 or not num_day:
        return None
    full_year = int(yr) if len(yr) == 4 else (2000 + int(yr) if int(yr) < 50 else 1900 + int(yr))
    return _fixed("DATE", f"{full_year:04d}-{num_month:02d}-{num_day:02d}")


def _read_month_day(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'March 22': a month word in front can be a verb or a name, so its token is checked."""
    return _month_day_reading(g, toks.doc[toks.index(m.start("month"))])


def _read_day_month(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'22 March': a month word after a day number is a month whatever its token says."""
    return _month_day_reading(g, None)


def _month_day_reading(g: dict[str, Any], month_tok: Any) -> Reading | None:
    """A month and day, fixed with a year, else left for the reference date to place."""
    mo, dy = _month_ok(g["month"], month_tok), _day_ok(g["day"])
    if not mo or not dy:
        return None
    if g["year"]:
        return _fixed("DATE", f"{g['year']}-{mo:02d}-{dy:02d}")
    return Reading("DATE", "month_day", (mo, dy))


def _read_month_year(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'March 2024': fixed once the month word is a month."""
    mo = _month_ok(g["month"], None)
    return _fixed("DATE", f"{g['year']}-{mo:02d}") if mo else None


def _read_month(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'last March', 'January': a bare month word is often a verb or a name ('May'), so its token is checked."""
    mo = _month_ok(g["month"], toks.doc[toks.index(m.start("month"))])
    if not mo:
        return None
    return Reading("DATE", "month", (mo, (g["rel"] or "").lower()))


def _read_weekday(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'next Friday evening': a lower-case weekday counts only with a relative word before it."""
    if not g["weekday"][:1].isupper() and not g["rel"]:
        return None
    part = R.PARTS_OF_DAY.get((g["part"] or "").lower())
    rel = " ".join((g["rel"] or "").lower().split()).replace("this past", "past")
    return Reading("TIME" if part else "DATE", "weekday", (R.WEEKDAYS[g["weekday"].lower()], rel, part))


def _read_holiday(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'Christmas', 'the Fourth of July': capitalised or after 'the', and not part of a name."""
    word = m.group(0)
    if (not word[:1].isupper() and not word.lower().startswith("the ")) or _in_name(m, toks):
        return None
    return Reading("DATE", "holiday", (" ".join(word.lower().split()),))


def _read_the_weekend(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'the weekend': which one depends on the tense, so it is resolved later."""
    return Reading("DATE", "weekend", ())


def _read_edge_of_unit(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'the end of the month': TIMEX3 gives the edge the value of the unit itself."""
    unit = g["unit"].lower()
    return Reading("DATE", "shift", (unit, 0))


def _read_deictic(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'yesterday', 'tonight', 'tomorrow morning': a day shift, with a part of day when one is said."""
    if _in_name(m, toks):
        return None
    word = g["word"].lower()
    shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    part = R.PARTS_OF_DAY.get((g["part"] or ("night" if word == "tonight" else "")).lower())
    return Reading("TIME" if part else "DATE", "days", (shift, part))


def _read_this_part(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'this morning', 'last night': a part of today, or of yesterday after 'last'."""
    shift = -1 if g["rel"].lower() == "last" else 0
    return Reading("TIME", "days", (shift, R.PARTS_OF_DAY[g["part"].lower()]))


def _read_ref_word(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'now', 'recently', 'soon': a reference point; 'now' must be an adverb or noun, not 'Now-' or a name."""
    if g["present"]:
        first = toks.doc[toks.index(m.start())]
        if g["present"].lower() == "now" and (first.pos_ not in ("ADV", "NOUN") or _hyphen_after(m, toks)
                                              or _in_name(m, toks)):
            return None
        return _fixed("DATE", "PRESENT_REF")
    return _fixed("DATE", "PAST_REF" if g["past"] else "FUTURE_REF")


def _read_ago(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'three years ago', 'two weeks from now': a signed shift of a number of units."""
    num = R.parse_number(g["num"])
    sign = -1 if g["dir"].lower() == "ago" else 1
    return Reading("DATE", "ago", (num, g["unit"].lower().rstrip("s"), sign))


def _read_vague_ago(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'years ago': some time in the past, no number to count back."""
    return _fixed("DATE", "PAST_REF")


def _read_bare_duration(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'for weeks', 'over the past few months': a lone unit word needs a duration preposition before it."""
    if m.group(0).lower() == g["unit"].lower() and not g["long"]:
        prev = toks.prev(m.start())
        if prev is None or prev.lower_ not in ("for", "over", "in", "within"):
            return None
    return _fixed("DURATION", _duration(None, g["unit"]))


def _read_set_per(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'twice a week', '5% a year': 'a week' alone is no frequency without a count or rate before it."""
    if g["per"].lower() in ("a", "an") and not g["times"]:
        prev = toks.prev(m.start())
        if prev is None or not (prev.like_num or prev.text in ("%", "percent") or prev.lower_ in ("once", "twice")):
            return None
    return _fixed("SET", _duration(1.0, g["unit"]))


def _read_set_adverb(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'daily', 'weekly': capitalised inside a sentence it is a name."""
    word = m.group(0)
    if word[:1].isupper() and not toks.doc[toks.index(m.start())].is_sent_start:
        return None  # "the Daily Telegraph"
    return _fixed("SET", R.SET_ADVERBS[word.lower()])


def _read_century(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'the 19th century', 'the twenty-first century': TIMEX3 writes the 19th as '18'."""
    n = int(g["num"]) if g["num"] else R.CENTURY_ORDINALS[g["word"].lower()]
    return _fixed("DATE", f"{n - 1:02d}") if 1 <= n <= 21 else None


def _read_q_code(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'Q3 2024', '2024 Q3': a quarter, with its year when one is given."""
    q = int(g["q1"] or g["q2"])
    year = _year4(g["year1"] or g["year2"])
    return Reading("DATE", "quarter", (q, year, "", "Q"))


def _read_season(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'summer 2024': a season of a given year."""
    return _fixed("DATE", f"{g['year']}-{R.SEASONS[g['season'].lower()]}")


def _read_noon(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    """'at noon', 'by midnight': a clock time only after a time preposition ('a midnight raid' is none)."""
    prev = toks.prev(m.start())
    if prev is None or prev.lower_ not in ("at", "by", "until", "till", "before", "after", "around", "from"):
        return None
    hour = 0 if g["word"].lower() == "midnight" else 12
    return Reading("TIME", "clock", (hour, 0, ""))


# The reader of each rule of rules.RULES, by rule name (a rule without one reads as nothing).
_RULE_READERS: dict[str, Callable[[dict[str, Any], Any, _Tokens], Reading | None]] = {
    "iso_date": _read_iso_date,
    "slash_date": _read_slash_date,
    "month_day": _read_month_day,
    "day_month": _read_day_month,
    "month_year": _read_month_year,
    "month": _read_month,
    "weekday": _read_weekday,
    "rel_unit": lambda g, m, toks: _read_rel_unit(g),
    "holiday": _read_holiday,
    "the_weekend": _read_the_weekend,
    "edge_of_unit": _read_edge_of_unit,
    "deictic": _read_deictic,
    "this_part": _read_this_part,
    "ref_word": _read_ref_word,
    "ago": _read_ago,
    "vague_ago": _read_vague_ago,
    "duration": lambda g, m, toks: _read_duration(g, m, toks),
    "bare_duration": _read_bare_duration,
    "set_every": lambda g, m, toks: _read_every(g),
    "set_per": _read_set_per,
    "set_adverb": _read_set_adverb,
    "decade": lambda g, m, toks: _read_decade(g, toks.prev(m.start())),
    "century": _read_century,
    "quarter": lambda g, m, toks: _read_quarter(g),
    "q_code": _read_q_code,
    "season": _read_season,
    "year": lambda g, m, toks: _read_year(g, m, toks),
    "clock": lambda g, m, toks: _read_clock("clock", g, toks.prev(m.start())),
    "clock24": lambda g, m, toks: _read_clock("clock24", g, toks.prev(m.start())),
    "noon": _read_noon,
}


def _in_name(m: Any, toks: _Tokens) -> bool:
    """'USA Today', 'Larry King Now': a capitalised word right after a proper name belongs to the name."""
    word = m.group(0)
    if not word[:1].isupper() or toks.doc[toks.index(m.start())].is_sent_start:
        return False
    prev = toks.prev(m.start())
    return prev is not None and prev.pos_ == "PROPN"


def _hyphen_after(m: Any, toks: _Tokens) -> bool:
    text = toks.text
    return m.end() < len(text) and text[m.end()] == "-"


def _read_rel_unit(g: dict[str, Any]) -> Reading | None:
    rel, unit = g["rel"].lower(), g["unit"].lower()
    rel = " ".join(rel.split())
    offset = {"next": 1, "coming": 1, "last": -1, "past": -1, "previous": -1, "this past": -1}.get(rel, 0)
    if unit in R.SEASONS:
        return Reading("DATE", "season", (R.SEASONS[unit], offset))
    if g["the"] and rel != "current":
        if unit == "quarter" or unit == "weekend":
            return None  # "the last quarter" is a date: the quarter rule reads it
        return _fixed("DURATION", _duration(1.0, unit))
    return Reading("DATE", "shift", (unit, offset))


def _read_duration(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    num_text = g["num"].lower()
    unit = g["unit"].lower()
    num = R.parse_number(num_text)
    after = toks.text[m.end(): m.end() + 5].lower()
    if g["hyph"] and (after.startswith("-old") or after.startswith(" old")):
        return None  # ages ("a 27-year-old man") are not durations here
    if unit.startswith("second") and (num_text in ("a", "an") or not unit.endswith("s") and not num_text[0].isdigit()):
        return None  # "a second term"
    if num_text in ("a", "an", "some", "many") and not g["the"] and not g["approx"] and not g["hyph"]:
        prev = toks.prev(m.start())
        if prev is None or prev.lower_ not in _DURATION_LEADS:
            return None
    if num_text[0].isdigit() and not g["hyph"] and num is not None and num >= 1000 and unit.startswith("year"):
        return None
    return _fixed("DURATION", _duration(num, unit))


def _read_every(g: dict[str, Any]) -> Reading:
    what = g["what"].lower()
    num = R.parse_number(g["num"]) if g["num"] else 1.0
    if what in R.WEEKDAYS:
        return _fixed("SET", f"XXXX-WXX-{R.WEEKDAYS[what]}")
    if what in R.PARTS_OF_DAY:
        return _fixed("SET", f"XXXX-XX-XXT{R.PARTS_OF_DAY[what]}")
    if what in R.MONTHS:
        return _fixed("SET", f"XXXX-{R.MONTHS[what]:02d}")
    if what in R.SEASONS:
        return _fixed("SET", f"XXXX-{R.SEASONS[what]}")
    return _fixed("SET", _duration(num, what))


def _read_decade(g: dict[str, Any], prev: Any) -> Reading | None:
    if g["digits"]:
        return _fixed("DATE", g["digits"][:3])
    if g["short"]:
        short = int(g["short"])
        return _fixed("DATE", f"{20 if short <= 20 else 19}{short // 10}")
    if prev is not None and prev.tag_ == "PRP$":
        return None  # "in her sixties" is an age
    return _fixed("DATE", f"19{R.DECADE_WORDS[g['word'].lower()]}")


def _read_quarter(g: dict[str, Any]) -> Reading | None:
    ordw, unit = g["ord"].lower(), g["unit"].lower()
    letter = "Q" if unit == "quarter" else "H"
    top = 4 if letter == "Q" else 2
    if ordw in ("last", "previous", "latest", "current"):
        if g["year"] or g["rel"]:
            n = top if ordw == "last" else None
            if n is None:
                return None
            return Reading("DATE", "quarter", (n, _year4(g["year"]), (g["rel"] or "").lower(), letter))
        return Reading("DATE", "quarter_rel", (0 if ordw == "current" else -1, letter))
    n = R.ORDINALS.get(ordw, top if ordw == "final" else 0)
    if not 1 <= n <= top:
        return None
    return Reading("DATE", "quarter", (n, _year4(g["year"]), (g["rel"] or "").lower(), letter))


def _read_year(g: dict[str, Any], m: Any, toks: _Tokens) -> Reading | None:
    year = g["year"]
    ytok = toks.doc[toks.index(m.start("year"))]
    if not g["edge"]:
        prev, nxt = toks.prev(m.start("year")), toks.next(m.end())
        if prev is not None and (prev.text in ("$", "€", "£", "#", "No.", "no.") or prev.like_num):
            return None
        if nxt is not None and (nxt.text in ("%", "percent") or nxt.tag_ == "NNS" or nxt.like_num):
            return None
        cue = prev is not None and prev.lower_ in R.YEAR_CUES
        if not (cue or ytok.ent_type_ == "DATE" or prev is None or ytok.is_sent_start):
            return None
    return _fixed("DATE", year)


def _read_clock(name: str, g: dict[str, Any], prev: Any) -> Reading | None:
    hour, minute = int(g["hour"]), int(g["minute"] or 0)
    ampm = (g.get("ampm") or "").lower()
    tz = R.TIMEZONES.get((g.get("tz") or "").lower(), "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        if ampm.startswith("p") and hour != 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
    elif g.get("oclock"):
        if not 1 <= hour <= 12:
            return None
    else:
        if hour > 23:
            return None
        if not g.get("tz") and (prev is None or prev.lower_ not in ("at", "by", "until", "from", "around", "before",
                                                                      "after", "till", "to")):
            return None
    return Reading("TIME", "clock", (hour, minute, tz))


def resolve(r: Reading, ref: date | None, tense: str | None) -> str | None:
    """The TIMEX3 value of a reading (clock times are anchored by the caller)."""
    a = r.args
    if r.kind == "fixed":
        return a[0]
    if r.kind == "month_day":
        if ref is None:
            return f"XXXX-{a[0]:02d}-{a[1]:02d}"
        return f"{R.pick_year(ref, a[0], a[1], tense):04d}-{a[0]:02d}-{a[1]:02d}"
    if r.kind == "month":
        return _resolve_month(a[0], a[1], ref, tense)
    if r.kind == "weekday":
        weekday, rel, part = a
        if ref is None:
            return f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
        return R.weekday_date(ref, weekday, rel, tense).isoformat() + (f"T{part}" if part else "")
    if ref is None:
        return None
    if r.kind == "holiday":
        return R.holiday_value(ref, a[0], tense)
    if r.kind == "weekend":
        return R.weekend_value(ref, tense)
    if r.kind == "shift":
        return R.shift_value(ref, a[0], a[1])
    if r.kind == "days":
        shift, part = a
        return (ref + timedelta(days=shift)).isoformat() + (f"T{part}" if part else "")
    if r.kind == "ago":
        return R.ago_value(ref, *a)
    if r.kind == "season":
        return R.season_value(ref, a[0], a[1])
    if r.kind == "quarter_rel":
        step = 3 if a[1] == "Q" else 6
        y, mo = R.add_months(ref, step * a[0])
        return f"{y}-{a[1]}{(mo - 1) // step + 1}"
    if r.kind == "quarter":
        return _resolve_quarter(a[0], a[1], a[2], a[3], ref, tense)
    return None


def _resolve_month(month: int, rel: str, ref: date | None, tense: str | None) -> str:
    """'January', 'last March': which year's month, from the relative word, else the tense."""
    if ref is None:
        return f"XXXX-{month:02d}"
    if rel in ("this", "current"):
        return f"{ref.year}-{month:02d}"
    forced = {"last": "past", "past": "past", "previous": "past", "next": "future", "coming": "future"}.get(rel)
    year = R.pick_year(ref, month, None, forced or tense)
    if forced and month == ref.month:
        year += -1 if forced == "past" else 1
    return f"{year}-{month:02d}"


def _resolve_quarter(n: int, year: int | None, rel: str, letter: str, ref: date, tense: str | None) -> str:
    """'the third quarter', 'last year's second half': the year, when not given, from the relative word and tense."""
    if year is None:
        span = 3 if letter == "Q" else 6
        year = ref.year + {"last": -1, "next": 1}.get(rel, 0)
        if not rel and tense == "past" and (n - 1) * span + 1 > ref.month:
            year -= 1  # a quarter that has not begun yet, spoken of in the past: last year's
    return f"{year}-{letter}{n}"


# ---------------------------------------------------------------- the stage


def find_timexes(doc: Any, reference: date | None, text: str | None = None) -> list[tuple[int, int, str, str | None]]:
    """(start, end, type, value) for every temporal expression in a spaCy Doc (`text` is doc.text)."""
    text = doc.text if text is None else text
    toks = _Tokens(doc, text)
    found: list[_Found] = []
    segments = toks.segments()
    lowered = R.lower_same_length(text)
    for order, rule in enumerate(R.RULES):
        for seg_start, seg_end in segments:
            for m in rule.regex.finditer(lowered, seg_start, seg_end):
                start, end = m.span()
                if not toks.aligned(start, end):
                    continue
                reading = read(rule.name, _Match(m, text), toks)
                if reading is not None:
                    found.append(_Found(start, end, order, reading))
    chosen: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.order, f.start)):
        if all(f.end <= s or f.start >= e for s, e in taken):
            chosen.append(f)
            taken.append((f.start, f.end))
    chosen.sort(key=lambda f: f.start)

    out: list[tuple[int, int, str, str | None]] = []
    for f in chosen:
        tense = None
        if f.reading.kind in ("month_day", "month", "weekday", "quarter", "holiday", "weekend"):
            first, last = toks.index(f.start), toks.index(f.end - 1)
            tense = governing_tense(doc, first, last, text)
        value = None if f.reading.kind == "clock" else resolve(f.reading, reference, tense)
        out.append((f.start, f.end, f.reading.type, value))
    for k, f in enumerate(chosen):
        if f.reading.kind == "clock":
            out[k] = (f.start, f.end, "TIME", _clock_value(f, k, chosen, out, toks, reference))
    return out


def _clock_value(f: _Found, k: int, chosen: list[_Found], out: list[Any], toks: _Tokens,
                 reference: date | None) -> str | None:
    """Anchor a clock time to the nearest full date in its sentence, else to the reference date."""
    hour, minute, tz = f.reading.args
    sent = toks.doc[toks.index(f.start)].sent
    best: tuple[int, str] | None = None
    for j, other in enumerate(chosen):
        value = out[j][3]
        if j == k or not value or other.start < sent.start_char or other.end > sent.end_char:
            continue
        if len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit():
            dist = abs(other.start - f.start)
            if best is None or dist < best[0]:
                best = (dist, value[:10])
    day = best[1] if best else (reference.isoformat() if reference else "XXXX-XX-XX")
    return f"{day}T{hour:02d}:{minute:02d}{tz}"


def parse_reference(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@register
class TimexesStage:
    name = "timexes"
    version = VERSION
    requires: tuple[HandOff[Any], ...] = (SPACY_DOC,)
    assigns: tuple[HandOff[Any], ...] = (TIMEXES,)

    def __init__(self, settings: Settings):
        self.settings = settings
        self._prov = Provenance(stage=self.name, version=self.version, method="rules")

    def __call__(self, ctx: AnalysisContext) -> None:
        doc = ctx.get(SPACY_DOC)
        reference = parse_reference(ctx.reference_date)
        text = ctx.text
        ctx.put(TIMEXES, tuple(
            Timex(start=s, end=e, text=text[s:e], type=t, value=v, provenance=self._prov)
            for s, e, t, v in find_timexes(doc, reference, text)
        ))
