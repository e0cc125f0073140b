"""The days a TIMEX3 value covers (for the date columns of table exports)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsgraph.model.timex_range import timex_day, timex_days

D = dt.date


@pytest.mark.parametrize(("value", "days"), [
    ("2024-03-19", (D(2024, 3, 19), D(2024, 3, 19))),
    ("2024-03-19T14:30", (D(2024, 3, 19), D(2024, 3, 19))),
    ("2024-03-19TMO", (D(2024, 3, 19), D(2024, 3, 19))),
    ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))),
    ("2021", (D(2021, 1, 1), D(2021, 12, 31))),
    ("2024-W13", (D(2024, 3, 25), D(2024, 3, 31))),
    ("2024-W13-WE", (D(2024, 3, 30), D(2024, 3, 31))),
    ("2024-Q1", (D(2024, 1, 1), D(2024, 3, 31))),
    ("2023-H2", (D(2023, 7, 1), D(2023, 12, 31))),
    ("2023-WI", (D(2023, 12, 1), D(2024, 2, 29))),
    ("199", (D(1990, 1, 1), D(1999, 12, 31))),
    ("19", (D(1900, 1, 1), D(1999, 12, 31))),
])
def test_days_covered(value: str, days: tuple[dt.date, dt.date]) -> None:
    assert timex_days(value) == days


@pytest.mark.parametrize("value", [None, "", "PRESENT_REF", "PAST_REF", "P3D", "XXXX-03", "2024-02-30",
                                   "2024-W60", "T14:00", "0000"])
def test_no_days_for_durations_references_and_impossible_dates(value: str | None) -> None:
    assert timex_days(value) is None


def test_one_day_only_when_the_value_names_one() -> None:
    assert timex_day("2024-03-19") == D(2024, 3, 19)
    assert timex_day("2024-W13") is None and timex_day("2021") is None
