"""The lexicon, the surface patterns and the calendar of temporal expressions.

This module says what a temporal expression looks like and does the date
arithmetic (ISO weeks, which year a bare "October" means for a given tense);
reading matches against the spaCy tokens, the tense of the governing verb and
the stage itself are in analyse/timexes/stage.py.

Every pattern is compiled once at import. Each `Rule` names the reading it
produces; the named groups of its regex carry the parts (month, day, unit,
number ...). Matches are only accepted when both ends fall on spaCy token
boundaries, so a pattern can never cut a token in half.

Extent follows TimeML / TempEval-3: determiners and modifiers belong to the
expression ("the past decade", "almost two years", "earlier this week"),
prepositions do not ("on Friday" -> "Friday").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.analyse.text.numbers import COUNT_PHRASES, MONTHS, ONES, TENS, parse_number

__all__ = ["MONTHS", "parse_number"]  # the timexes stage reads both through this module

WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

# unit word -> (TIMEX3 letter, is a time-of-day unit, multiplier)
UNITS = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "week": ("W", False, 1), "fortnight": ("W", False, 2),
    "month": ("M", False, 1), "quarter": ("Q", False, 1), "year": ("Y", False, 1),
    "decade": ("Y", False, 10), "century": ("Y", False, 100), "centuries": ("Y", False, 100),
}
SET_ADVERBS = {
    "annual": "P1Y", "annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W",
    "daily": "P1D", "hourly": "PT1H", "quarterly": "P3M", "biannual": "P6M", "nightly": "P1D",
}

# The words a count of time units may be written with; their values come from text/numbers.py.
NUMBER_WORDS = frozenset({*ONES, *TENS, *COUNT_PHRASES, "hundred", "a hundred", "a dozen", "dozen"})
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "a number of", "numerous", "hundreds of", "thousands of")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
CENTURY_ORDINALS = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "eighteenth": 18}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}

# Holidays news mentions most: fixed (month, day), or floating (month, weekday, nth; -1 = last).
HOLIDAYS: dict[str, tuple[str, int, int, int]] = {
    "christmas eve": ("fixed", 12, 24, 0), "christmas day": ("fixed", 12, 25, 0), "christmas": ("fixed", 12, 25, 0),
    "new year's eve": ("fixed", 12, 31, 0), "new year's day": ("fixed", 1, 1, 0),
    "new year’s eve": ("fixed", 12, 31, 0), "new year’s day": ("fixed", 1, 1, 0),
    "independence day": ("fixed", 7, 4, 0), "the fourth of july": ("fixed", 7, 4, 0),
    "halloween": ("fixed", 10, 31, 0), "valentine's day": ("fixed", 2, 14, 0), "valentine’s day": ("fixed", 2, 14, 0),
    "veterans day": ("fixed", 11, 11, 0), "thanksgiving": ("floating", 11, 4, 4),
    "thanksgiving day": ("floating", 11, 4, 4), "labor day": ("floating", 9, 1, 1),
    "memorial day": ("floating", 5, 1, -1), "martin luther king day": ("floating", 1, 1, 3),
    "election day": ("election", 11, 2, 1),
}

TIMEZONES = {"utc": "Z", "gmt": "Z", "z": "Z"}


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so 'june' wins over 'jun'."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH_FULL = _alt([m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")])
_MONTH_ABBR = _alt([m for m in MONTHS if len(m) <= 4 and m not in ("may", "june", "july")])
MONTH = rf"(?:{_MONTH_FULL}|(?:{_MONTH_ABBR})\.?)"
WEEKDAY = _alt(WEEKDAYS)
PART = _alt(["morning", "afternoon", "evening", "night"])
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_NUM_WORD = _alt([w for w in NUMBER_WORDS if " " not in w] + [w for w in NUMBER_WORDS if " " in w])
NUM = (rf"(?:\d+(?:\.\d+)?|(?:{_alt(TENS)})[- ](?:{_alt(list(ONES)[1:10])})|{_NUM_WORD}|{_alt(VAGUE_NUMBERS)})"
       r"(?:\s+and\s+a\s+half)?")
UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries)"
UNIT_ONE = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century)"
APPROX = (r"(?:about|around|roughly|approximately|nearly|almost|more\s+than|less\s+than|fewer\s+than|over|under|"
          r"at\s+least|at\s+most|some|up\s+to|just\s+over|just\s+under|only|well\s+over|close\s+to)")
REL = r"(?:this\s+past|this|next|last|past|coming|previous|current)"
EDGE = r"(?:earlier|later|early|late|mid|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+rest\s+of)"
TZ = r"(?:utc|gmt|et|est|edt|ct|cst|cdt|pt|pst|pdt|bst|cet|cest|z|local\s+time)"
AMPM = r"(?:a\.m\.|p\.m\.|a\.m|p\.m|am|pm)"


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern[str]


def _rule(name: str, pattern: str) -> Rule:
    # The lookarounds keep matches off word middles; token boundaries are checked afterwards.
    # Patterns run on lower-cased text (faster than IGNORECASE); case checks look at the original.
    if re.search(r"[A-Z]", pattern.replace("(?P<", "")):
        raise ValueError(f"timex rule {name!r} must be written in lower case")
    return Rule(name, re.compile(rf"(?<![\w'’]){pattern}(?![\w])"))


def lower_same_length(text: str) -> str:
    """text.lower(), keeping every character where it was (a few letters lower-case to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


RULES: tuple[Rule, ...] = (
    _rule("iso_date", rf"(?P<year>{YEAR})-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
    _rule("slash_date", r"(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d\d(?:\d\d)?)"),
    _rule("month_day", rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s+(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?"),
    _rule("day_month", rf"(?:(?P<weekday>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<month>{MONTH})"
                       rf"(?:,?\s+(?P<year>{YEAR}))?"),
    _rule("month_year", rf"(?:(?P<edge>{EDGE})[\s-]+)?(?P<month>{MONTH})(?:\s+of)?,?\s+(?P<year>{YEAR})"),
    _rule("month", rf"(?:(?P<edge>{EDGE})[\s-]+|(?P<rel>{REL})\s+)?(?P<month>{_MONTH_FULL})"),
    _rule("weekday", rf"(?:(?P<rel>this\s+past|this|next|last|past|coming)\s+)?(?P<weekday>{WEEKDAY})(?:\s+(?P<part>{PART}))?"),
    _rule("rel_unit", rf"(?:(?P<edge>{EDGE})\s+)?(?P<the>the\s+)?(?P<rel>{REL})\s+"
                      rf"(?P<unit>week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter)"),
    _rule("holiday", rf"(?P<name>{_alt(HOLIDAYS)})"),
    _rule("the_weekend", r"the\s+weekend"),
    _rule("edge_of_unit", r"(?P<edge>the\s+(?:end|start|beginning|middle|rest)\s+of)\s+the\s+(?P<unit>week|month|year)"),
    _rule("deictic", rf"(?P<word>today|tonight|yesterday|tomorrow)(?:\s+(?P<part>{PART}))?"),
    _rule("this_part", rf"(?P<rel>this|last)\s+(?P<part>{PART})"),
    _rule("ref_word", r"(?P<present>now|right\s+now|currently|at\s+present|presently|nowadays|these\s+days|"
                      r"at\s+the\s+moment)"
                      r"|(?P<past>recently|more\s+recently|lately|the\s+past|recent\s+(?:years|months|weeks|days))"
                      r"|(?P<future>the\s+future|the\s+near\s+future)"),
    _rule("ago", rf"(?:(?P<approx>{APPROX})\s+)?(?P<num>{NUM})\s+(?P<unit>{UNIT})\s+(?P<dir>ago|from\s+now)"),
    _rule("vague_ago", r"(?P<unit>years|decades|months|weeks|days)\s+ago"),
    _rule("duration", rf"(?:(?P<the>the\s+(?:past|last|next|coming|previous|first|following|final)\s+)|(?P<approx>{APPROX})\s+)?"
                      rf"(?P<num>{NUM})\s*(?P<hyph>-\s*)?(?P<unit>{UNIT})"),
    _rule("bare_duration", r"(?:the\s+(?:past|last|next|coming)\s+(?:few\s+|several\s+)?|over\s+the\s+)?"
                           r"(?P<unit>years|decades|months|weeks|days|hours)(?P<long>-long)?"),
    _rule("set_every", rf"(?P<every>every|each)\s+(?:other\s+)?(?:(?P<num>{NUM})\s+)?"
                       rf"(?P<what>{UNIT}|{WEEKDAY}|{PART}|{_MONTH_FULL}|summer|winter|spring|autumn|fall)"),
    _rule("set_per", rf"(?:(?P<times>once|twice|three\s+times|(?:{NUM})\s+times)\s+)?(?P<per>a|an|per)\s+(?P<unit>{UNIT_ONE})"),
    _rule("set_adverb", _alt(SET_ADVERBS)),
    _rule("decade", rf"(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?(?:(?P<digits>(?:1[6-9]|20)\d0)s|'(?P<short>\d0)s|"
                    rf"(?P<word>{_alt(DECADE_WORDS)}))"),
    _rule("century", rf"(?:the\s+)?(?:(?P<num>\d{{1,2}})(?:st|nd|rd|th)|(?P<word>{_alt(CENTURY_ORDINALS)}))\s+century"),
    _rule("quarter", rf"(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th|current|previous|latest)"
                     rf"\s+(?P<unit>quarter|half)(?:\s+of\s+(?:(?P<year>{YEAR})|(?P<rel>this|last|next)\s+year|the\s+year))?"),
    _rule("q_code", rf"(?:q(?P<q1>[1-4])(?:\s+(?P<year1>{YEAR}))?|(?P<year2>{YEAR})\s+q(?P<q2>[1-4]))"),
    _rule("season", rf"(?:(?P<edge>early|late|mid)[\s-]+)?(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)"
                    rf"(?:\s+of)?\s+(?P<year>{YEAR})"),
    _rule("year", rf"(?:(?P<edge>{EDGE}|fiscal|the\s+year|fy)[\s-]*)?(?P<year>{YEAR})"),
    _rule("clock", rf"(?P<hour>[0-2]?\d)(?::(?P<minute>[0-5]\d))?\s*(?:(?P<ampm>{AMPM})(?:\s+(?P<tz>{TZ}))?|"
                   rf"(?P<oclock>o['’]clock))"),
    _rule("clock24", rf"(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d)(?:\s+(?P<tz>{TZ}))?"),
    _rule("noon", r"(?P<word>noon|midday|midnight)"),
)

# Words that, right before a bare four-digit number, make it a year.
YEAR_CUES = frozenset({
    "in", "since", "by", "until", "till", "of", "from", "to", "through", "between", "and", "before", "after",
    "during", "early", "late", "mid", "year", "fiscal", "season", "spring", "summer", "autumn", "fall", "winter",
    "around", "circa", "throughout", "for", "copyright", "©", "-", "–", "or", "than", "beyond", "ended", "within",
})
# A noun right after a bare number means it counts something ("2000 people"), so it is no year.


def _head_words() -> frozenset[str]:
    """Lower-case tokens that every temporal expression contains at least one of (digits aside).

    The stage scans only the text around these tokens, which keeps the
    pattern pass to a small part of each article.
    """
    words: set[str] = set()
    for m in MONTHS:
        words.update((m, m + "."))
    words.update(WEEKDAYS, PARTS_OF_DAY, SEASONS, SET_ADVERBS, DECADE_WORDS, CENTURY_ORDINALS)
    for unit in UNITS:
        words.update((unit, unit + "s"))
    words.update(w for w in NUMBER_WORDS if " " not in w and w not in ("a", "an"))
    words.update(w.split()[0] for w in HOLIDAYS if not w.startswith("the "))
    words.update(w.split()[-1].split("'")[0].split("’")[0] for w in HOLIDAYS)
    words.update({
        "today", "tonight", "yesterday", "tomorrow", "now", "currently", "present", "presently", "nowadays",
        "moment", "recently", "lately", "recent", "past", "future", "ago", "weekend", "quarter", "half",
        "noon", "midday", "midnight", "a.m.", "p.m.", "a.m", "p.m", "am", "pm", "o'clock", "o’clock",
        "utc", "gmt", "fy", "q1", "q2", "q3", "q4", "centuries", "every", "each", "fourth",
    })
    return frozenset(words)


HEAD_WORDS = _head_words()
# How many tokens an expression reaches before and after a head word ("the end of the year", "Friday, March")
# and before and after a number ("the end of 2009", "3 p.m."); number words count as head words.
HEAD_REACH = (4, 2)
DIGIT_REACH = (3, 1)


# ---------------------------------------------------------------- calendar arithmetic
# Which date a reading means, seen from the reference date.


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def pick_year(ref: date, month: int, day: int | None, tense: str | None) -> int:
    """Which year a month(-day) without one means, seen from `ref` with this tense."""
    def when(y: int) -> date:
        return date(y, month, min(day or 1, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
    here = date(ref.year, ref.month, 1) if day is None else ref
    same = when(ref.year)
    if tense == "past":
        return ref.year if same <= here else ref.year - 1
    if tense in ("future", "modal"):
        return ref.year if same >= here else ref.year + 1
    # no clear tense: the nearest occurrence, ties going to the past
    cands = [(abs((when(y) - here).days), -y, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    return min(cands)[2]


def weekday_date(ref: date, weekday: int, rel: str, tense: str | None) -> date:
    delta = weekday - ref.isoweekday()
    if rel == "this":
        return ref + timedelta(days=delta)
    if rel == "next" or rel == "coming":
        return ref + timedelta(days=(delta % 7) or 7)
    if rel in ("last", "past"):
        return ref - timedelta(days=(-delta % 7) or 7)
    if delta == 0:
        return ref
    if tense in ("future", "modal"):
        return ref + timedelta(days=delta % 7)
    return ref - timedelta(days=-delta % 7)


def holiday_date(name: str, year: int) -> date:
    kind, month, a, b = HOLIDAYS[name]
    if kind == "fixed":
        return date(year, month, a)
    if kind == "election":  # the Tuesday after the first Monday of November
        return nth_weekday(year, month, 1, 1) + timedelta(days=1)
    return nth_weekday(year, month, a, b)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def holiday_value(ref: date, name: str, tense: str | None) -> str:
    cands = [holiday_date(name, y) for y in (ref.year - 1, ref.year, ref.year + 1)]
    if tense == "past":
        pick = max(d for d in cands if d <= ref)
    elif tense in ("future", "modal"):
        pick = min(d for d in cands if d >= ref)
    else:
        pick = min(cands, key=lambda d: (abs((d - ref).days), d > ref))
    return pick.isoformat()


def weekend_value(ref: date, tense: str | None) -> str:
    """'the weekend': the coming one in the future tense, else the latest one begun."""
    if tense in ("future", "modal", "progressive"):
        return iso_week(ref) + "-WE"
    return iso_week(ref if ref.isoweekday() >= 6 else ref - timedelta(weeks=1)) + "-WE"


def season_value(ref: date, season: str, offset: int) -> str:
    # the season that holds the reference month counts as "this" one
    order = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
    now = {12: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3}[ref.month]
    year = ref.year + (1 if ref.month == 12 and season != "WI" else 0)
    if offset < 0 and order[season] >= now:
        year -= 1
    elif offset > 0 and order[season] <= now:
        year += 1
    return f"{year}-{season}"


def shift_value(ref: date, unit: str, offset: int) -> str | None:
    if unit == "week":
        return iso_week(ref + timedelta(weeks=offset))
    if unit == "weekend":
        return iso_week(ref + timedelta(weeks=offset)) + "-WE"
    if unit == "month":
        y, mo = add_months(ref, offset)
        return f"{y}-{mo:02d}"
    if unit == "year":
        return str(ref.year + offset)
    if unit == "quarter":
        y, mo = add_months(ref, 3 * offset)
        return f"{y}-Q{(mo - 1) // 3 + 1}"
    if unit == "decade":
        return str(ref.year // 10 + offset)
    if unit == "century":
        return f"{ref.year // 100 + offset:02d}"
    return None


def ago_value(ref: date, num: float | None, unit: str, sign: int) -> str | None:
    if num is None:
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    n = int(num) * sign
    if unit == "day":
        return (ref + timedelta(days=n)).isoformat()
    if unit in ("week", "fortnight"):
        return iso_week(ref + timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        y, mo = add_months(ref, n)
        return f"{y}-{mo:02d}"
    if unit == "quarter":
        y, mo = add_months(ref, 3 * n)
        return f"{y}-Q{(mo - 1) // 3 + 1}"
    if unit == "year":
        return str(ref.year + n)
    if unit == "decade":
        return str(ref.year + 10 * n)
    if unit in ("hour", "minute", "second"):
        return ref.isoformat()
    return None
