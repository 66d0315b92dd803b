"""Partial dates keep their precision and sort chronologically as text."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casetracker.partialdate import PartialDate, PartialDateError, Precision


@st.composite
def partial_dates(draw):
    day = draw(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
    precision = draw(st.sampled_from(list(Precision)))
    estimated = draw(st.booleans())
    return PartialDate(
        day.year,
        None if precision == Precision.YEAR else day.month,
        day.day if precision == Precision.DAY else None,
        estimated,
    )


@given(partial_dates())
def test_text_round_trip(value):
    assert PartialDate.parse(value.isoformat()) == value


@given(partial_dates(), partial_dates())
def test_stored_text_order_follows_calendar(a, b):
    if a.earliest() < b.earliest():
        assert a.sort_text() < b.sort_text()
    assert PartialDate.from_sort_text(a.sort_text()) == a


@given(st.text(max_size=20))
def test_parse_never_crashes(text):
    with contextlib.suppress(PartialDateError):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("text", "shown", "precision"),
    [
        ("2025-04-11", "11 Apr 2025", "day"),
        ("2025-04", "Apr 2025", "month"),
        ("2023~", "c. 2023", "year"),
        ("2023-09~", "c. Sep 2023", "month"),
    ],
)
def test_display_keeps_precision(text, shown, precision):
    value = PartialDate.parse(text)
    assert value.display() == shown
    assert value.precision == precision


@pytest.mark.parametrize("bad", ["2025-02-29", "2025-13", "25-01-01", "2025/01/01", "", "~"])
def test_invalid_dates_are_refused(bad):
    with pytest.raises(PartialDateError):
        PartialDate.parse(bad)


def test_bounds():
    assert PartialDate.parse("2024-02").latest() == dt.date(2024, 2, 29)
    assert PartialDate.parse("2024").earliest() == dt.date(2024, 1, 1)
