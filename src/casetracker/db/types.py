"""Column types shared by every model."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import DateTime, Enum, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from casetracker.partialdate import PartialDate


class PartialDateType(TypeDecorator[PartialDate]):
    """A :class:`PartialDate` stored as its chronologically sortable text.

    On PostgreSQL the column uses the "C" collation so that text order is
    code-point order, as on SQLite (a locale collation ignores the hyphens).
    """

    impl = String(11)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(String(11, collation="C"))
        return dialect.type_descriptor(String(11))

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        coerced = PartialDate.coerce(value)
        return coerced.sort_text() if coerced is not None else None

    def process_result_value(self, value: Any, dialect: Dialect) -> PartialDate | None:
        return PartialDate.from_sort_text(value) if value else None


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC timestamps on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def enum_column(enum_cls: type[enum.Enum]) -> Enum:
    """Enums stored as their string values, without a database-level type.

    Values are validated by the services, so adding a value later needs no
    table rebuild.
    """
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
