"""Dates that may be known only to the month or the year, or only estimated.

Exchanged and shown to scripts as a subset of EDTF (ISO 8601-2 level 1):
``2024``, ``2024-09``, ``2024-09-19``, each optionally followed by ``~`` for an
estimated (approximate) date. The database stores :meth:`PartialDate.sort_text`,
the same text with ``*`` in place of ``~``: it sorts chronologically as plain
text (``2024`` < ``2024*`` < ``2024-01``), so the database can sort and filter
on it directly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~)?$")
_SORT_MARK = "*"  # sorts before "-", unlike "~"
_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


class Precision(enum.StrEnum):
    """How much of a date is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


class PartialDateError(ValueError):
    """Raised for text that is not a valid partial date."""


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date known to the day, the month or the year, maybe estimated."""

    year: int
    month: int | None = None
    day: int | None = None
    estimated: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise PartialDateError(f"year {self.year} is out of range")
        if self.month is None:
            if self.day is not None:
                raise PartialDateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise PartialDateError(f"month {self.month} is out of range")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise PartialDateError(f"day {self.day} is not in {self.year}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse the canonical form (``2024``, ``2024-09``, ``2024-09-19``, suffix ``~``)."""
        if not isinstance(text, str):
            raise PartialDateError(f"expected a date as text, got {type(text).__name__}")
        match = _PATTERN.match(text.strip())
        if not match:
            raise PartialDateError(
                f"{text!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (add ~ if estimated)"
            )
        year, month, day, approx = match.groups()
        return cls(
            int(year),
            int(month) if month else None,
            int(day) if day else None,
            estimated=bool(approx),
        )

    @classmethod
    def from_date(cls, value: dt.date, *, estimated: bool = False) -> PartialDate:
        return cls(value.year, value.month, value.day, estimated)

    @classmethod
    def coerce(cls, value: object) -> PartialDate | None:
        """Accept a PartialDate, a ``datetime.date``, canonical text or None/empty."""
        if value is None or value == "":
            return None
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            return cls.from_date(value.date())
        if isinstance(value, dt.date):
            return cls.from_date(value)
        if isinstance(value, str):
            return cls.parse(value)
        raise PartialDateError(f"expected a date, got {type(value).__name__}")

    @property
    def precision(self) -> Precision:
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    def isoformat(self) -> str:
        """The canonical, sortable text form."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text + ("~" if self.estimated else "")

    def sort_text(self) -> str:
        """The stored form: sorts chronologically as code-point text."""
        return self.isoformat().replace("~", _SORT_MARK)

    @classmethod
    def from_sort_text(cls, text: str) -> PartialDate:
        return cls.parse(text.replace(_SORT_MARK, "~"))

    def earliest(self) -> dt.date:
        """First day the date can stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """Last day the date can stand for."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def display(self) -> str:
        """Human form that keeps the precision: ``19 Sep 2024``, ``Sep 2024``, ``c. 2024``."""
        if self.day is not None:
            text = f"{self.day} {_MONTHS[self.month - 1]} {self.year}"  # type: ignore[index]
        elif self.month is not None:
            text = f"{_MONTHS[self.month - 1]} {self.year}"
        else:
            text = str(self.year)
        return f"c. {text}" if self.estimated else text

    def __str__(self) -> str:
        return self.isoformat()
