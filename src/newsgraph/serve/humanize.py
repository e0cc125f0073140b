"""Dates and internal words as a reader says them.

TIMEX3 values ("2024-W13", "XXXX-WXX-5") are exact but unreadable; pages
show "week of 25 Mar 2024" and "a Friday (week unknown)" and keep the raw
value in a `datetime` attribute or a tooltip for those who want it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}

_WEEK = re.compile(r"^(\d{4}|XXXX)-W(\d{2}|XX)(?:-(\d))?(?:-?WE)?$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})|T(MO|AF|EV|NI|DT))?")
_PARTIAL = re.compile(r"^(\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
MONTH_ONLY = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-XX)?")  # a date that names its month but no day
_QUARTER = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|AU|WI)$")


def day(value: str | None) -> str:
    """A stored ISO date or date-time as '19 Mar 2024'; anything else as it is."""
    if not value:
        return ""
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"


def month(value: str | None) -> str:
    """'2024-03' as 'March 2024'."""
    m = _MONTH.match(value or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        return value or ""
    return f"{MONTHS[int(m.group(2)) - 1]} {m.group(1)}"


def _week(m: re.Match[str]) -> str:
    year, week, weekday = m.group(1), m.group(2), m.group(3)
    dayname = DAYS[int(weekday) - 1] if weekday and 1 <= int(weekday) <= 7 else None
    if year == "XXXX" or week == "XX":
        return f"a {dayname} (week unknown)" if dayname else "some week (date unknown)"
    try:
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return m.group(0)
    if dayname:
        return day((monday + timedelta(days=int(weekday) - 1)).isoformat())
    return "weekend of " + day((monday + timedelta(days=5)).isoformat()) if m.group(0).endswith("WE") \
        else "week of " + day(monday.isoformat())


def timex(value: str | None) -> str:
    """A TIMEX3 value in words: 'week of 25 Mar 2024', 'a Friday (week unknown)', 'March 2024'."""
    if not value:
        return "unresolved"
    if value in REFS:
        return REFS[value]
    if m := _WEEK.match(value):
        return _week(m)
    if m := _DAY.match(value):
        when = day(value[:10])
        if m.group(4):
            return f"{when}, {m.group(4)}:{m.group(5)}"
        return f"{when}, {PARTS[m.group(6)]}" if m.group(6) else when
    if m := _PARTIAL.match(value):
        y, mo, d = m.groups()
        if mo != "XX" and 1 <= int(mo) <= 12:
            name = MONTHS[int(mo) - 1]
            return f"{int(d)} {name}" if d != "XX" else name
        return value
    if _MONTH.match(value):
        return month(value)
    if m := _QUARTER.match(value):
        part = m.group(2)
        words = SEASONS.get(part) or (f"quarter {part[1]}" if part[0] == "Q" else f"half {part[1]}")
        return f"{words} {m.group(1)}"
    if re.fullmatch(r"\d{3}X", value):
        return f"the {value[:3]}0s"
    return value


# Words the pipeline uses for where a fact came from, as a reader would say them.
PROVENANCE = {
    "html-meta": "from the page's metadata",
    "caption": "from a photo caption",
    "byline": "from the byline",
    "text": "from the article text",
    "timex": "from a date in the sentence",
    "article": "the article's date",
    "url": "from the page address",
    "jsonld": "from the page's structured data",
}


def provenance(word: str | None) -> str:
    return PROVENANCE.get(word or "", word or "")


KINDS = {"direct": "Direct", "mixed": "Mixed", "indirect": "Paraphrase"}


def kind(value: str | None) -> str:
    """An attribution kind as a badge says it: indirect speech is a paraphrase."""
    return KINDS.get(value or "", (value or "").capitalize())
