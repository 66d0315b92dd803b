"""Organizations and the positions people hold in them."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.db.base import Record
from casetracker.db.types import enum_column
from casetracker.models.enums import OrganizationKind
from casetracker.models.person import Person
from casetracker.partialdate import PartialDate


class Organization(Record):
    """A government, ministry, court, prison, legislature, NGO…"""

    __tablename__ = "organizations"
    __table_args__ = (Index("ix_organizations_updated_at", "updated_at"),)

    name: Mapped[str] = mapped_column(String(300), index=True)
    abbreviation: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[OrganizationKind] = mapped_column(enum_column(OrganizationKind))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )
    notes: Mapped[str | None] = mapped_column(Text)


class Position(Record):
    """A person's role in an organization over time."""

    __tablename__ = "positions"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    constituency: Mapped[str | None] = mapped_column(String(40))
    party: Mapped[str | None] = mapped_column(String(60))
    start_date: Mapped[PartialDate | None]
    end_date: Mapped[PartialDate | None]
    notes: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship()
    organization: Mapped[Organization | None] = relationship()
