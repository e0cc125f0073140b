"""The calendar days a TIMEX3 value covers, for tools that want a date column.

A TIMEX3 value is precise about what the text said ("2024-W13" is a week,
"2021" a year), which is why the contract keeps it; but one column that mixes
days, weeks and years cannot be cast to a date in DuckDB, pandas or Spark.
Table exports therefore add the first and last day each value covers, and
the day itself when it names exactly one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")  # a time of day keeps its day
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")

# First and last month of quarters, halves and (northern) seasons; winter runs into the next year.
_PARTS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12),
          "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}

Range = tuple[dt.date, dt.date]


def _months(year: int, first: int, last: int) -> Range:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(year, first, 1), dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def _week(year: int, week: int, weekend: bool) -> Range:
    monday = dt.date.fromisocalendar(year, week, 1)
    if weekend:
        return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
    return monday, monday + dt.timedelta(days=6)


def _parse(value: str) -> Range | None:
    if m := _DAY.match(value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := _MONTH.match(value):
        return _months(int(m[1]), int(m[2]), int(m[2]))
    if m := _YEAR.match(value):
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31)
    if m := _DECADE.match(value):
        return dt.date(int(m[1]) * 10, 1, 1), dt.date(int(m[1]) * 10 + 9, 12, 31)
    if m := _CENTURY.match(value):
        return dt.date(int(m[1]) * 100, 1, 1), dt.date(int(m[1]) * 100 + 99, 12, 31)
    if m := _WEEK.match(value):
        return _week(int(m[1]), int(m[2]), bool(m[3]))
    if m := _PART.match(value):
        return _months(int(m[1]), *_PARTS[m[2]])
    return None


def timex_days(value: str | None) -> Range | None:
    """(first day, last day) a TIMEX3 date value covers; None for durations, references
    (PRESENT_REF), underspecified values (XXXX-03) and anything that is no real date."""
    if not value:
        return None
    try:
        found = _parse(value.strip())
    except ValueError:  # 2024-02-30, week 54, year 0
        return None
    if found is None or found[0].year < 1:
        return None
    return found


def timex_day(value: str | None) -> dt.date | None:
    """The day, when the value names exactly one."""
    days = timex_days(value)
    return days[0] if days and days[0] == days[1] else None
