"""Number words and month names: the one table of each, and the one parser of spelled numbers.

The figures layer reads amounts ("one hundred and fifty", "a dozen"); the
timexes layer reads counts of time units ("two and a half years", "a couple of
weeks") and month names. Both read them here, so "twenty-five" and "Sept."
mean the same thing in both.
"""

from __future__ import annotations

import re

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Phrases that stand for a small count before a noun ("a couple of weeks", "half an hour").
COUNT_PHRASES = {"a": 1.0, "an": 1.0, "half a": 0.5, "half an": 0.5, "a couple of": 2.0, "a couple": 2.0,
                 "couple of": 2.0}

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}


def month_alternation(capitalised: bool = True) -> str:
    """A regex alternation of the month names and abbreviations, longest first ("June" before "Jun")."""
    names = sorted(MONTHS, key=len, reverse=True)
    return "|".join(n.capitalize() if capitalised else n for n in names)


def parse_words(words: str) -> float | None:
    """Value of a spelled-out number: "one hundred and fifty" -> 150, "a dozen" -> 12; else None."""
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", words.lower()):
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            current = max(current, 1)
        elif w in ONES or w in TENS:
            current += ONES.get(w, 0) + TENS.get(w, 0)
        elif w == "dozen":
            current = max(current, 1) * 12
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in SCALES:
            total += max(current, 1) * SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """A count as written: '3', '1,200', 'three', 'twenty-five', 'two and a half', 'a couple of'; vague -> None."""
    t = " ".join(text.lower().replace(",", "").split())
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t in COUNT_PHRASES:
        return COUNT_PHRASES[t] + half
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    value = parse_words(t)
    return None if value is None else value + half
