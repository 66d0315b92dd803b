"""The declarative base and the columns every record carries."""

from __future__ import annotations

import datetime as dt
import enum
import uuid

from sqlalchemy import Boolean, Index, MetaData, String, Text, Uuid, literal_column
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from casetracker.db.types import PartialDateType, UTCDateTime, enum_column, utcnow
from casetracker.partialdate import PartialDate

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Sensitivity(enum.StrEnum):
    """Who may see a record; drives redaction in reports and exports."""

    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"


class Base(DeclarativeBase):
    """Typed base for every table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        uuid.UUID: Uuid(),
        dt.datetime: UTCDateTime(),
        PartialDate: PartialDateType(),
        str: String(),
    }


class Record(Base):
    """Abstract base of every record: UUID key, timestamps, version, sensitivity.

    ``version`` is SQLAlchemy's version counter: an UPDATE that finds another
    version in the row fails, which is how concurrent edits are detected.
    """

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)
    sensitivity: Mapped[Sensitivity] = mapped_column(
        enum_column(Sensitivity), default=Sensitivity.PUBLIC
    )
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.__table__.c.version}


def text_column(nullable: bool = True) -> Mapped[str | None]:
    """A long free-text column."""
    return mapped_column(Text, nullable=nullable)


def keyset_indexes(table: str, column: str) -> tuple[Index, Index]:
    """Indexes that let a list sorted by ``column`` (empty values first) then ``id``
    be read in index order: one per dialect, since PostgreSQL needs ``NULLS FIRST``
    in the index and SQLite refuses it there (its NULLs already sort first)."""
    name = f"ix_{table}_{column}_id"
    return (
        Index(name, column, "id").ddl_if(dialect="sqlite"),
        Index(f"{name}_pg", literal_column(column).nulls_first(), "id").ddl_if(
            dialect="postgresql"
        ),
    )
