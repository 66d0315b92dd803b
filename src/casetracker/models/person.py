"""People: detainees, officials, signatories and recipients are all persons."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.db.base import Record
from casetracker.db.types import enum_column
from casetracker.models.enums import (
    ConsentState,
    ConsentUse,
    Gender,
    IdentityDecisionKind,
    NameKind,
)
from casetracker.partialdate import PartialDate


class Person(Record):
    __tablename__ = "people"
    #: (sort_name, id) covers the list sorted by name and the detainee join
    __table_args__ = (
        Index("ix_people_sort_name_id", "sort_name", "id"),
        Index("ix_people_updated_at", "updated_at"),
    )

    display_name: Mapped[str] = mapped_column(String(300), index=True)
    sort_name: Mapped[str] = mapped_column(String(300))
    birth_date: Mapped[PartialDate | None]
    gender: Mapped[Gender] = mapped_column(enum_column(Gender), default=Gender.UNKNOWN)
    citizenship: Mapped[str | None] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)

    names: Mapped[list[PersonName]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonName.ordinal"
    )
    identifiers: Mapped[list[PersonIdentifier]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )
    consents: Mapped[list[PersonConsent]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )


class PersonName(Record):
    """A name variant, tagged with its script (ISO 15924) and language (BCP 47)."""

    __tablename__ = "person_names"

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(300), index=True)
    script: Mapped[str | None] = mapped_column(String(4))
    language: Mapped[str | None] = mapped_column(String(35))
    kind: Mapped[NameKind] = mapped_column(enum_column(NameKind), default=NameKind.OFFICIAL)

    person: Mapped[Person] = relationship(back_populates="names")


class PersonIdentifier(Record):
    """An external identifier: bioguide, OpenSanctions, Wikidata…"""

    __tablename__ = "person_identifiers"
    __table_args__ = (UniqueConstraint("scheme", "value"),)

    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    scheme: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(200))

    person: Mapped[Person] = relationship(back_populates="identifiers")


class PersonConsent(Record):
    """The person's consent to one use of their data, and who recorded it."""

    __tablename__ = "person_consents"
    __table_args__ = (UniqueConstraint("person_id", "use"),)

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    use: Mapped[ConsentUse] = mapped_column(enum_column(ConsentUse))
    state: Mapped[ConsentState] = mapped_column(
        enum_column(ConsentState), default=ConsentState.UNKNOWN
    )
    recorded_by: Mapped[str | None] = mapped_column(String(200))
    recorded_on: Mapped[dt.date | None]
    note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(back_populates="consents")


class PersonIdentityDecision(Record):
    """A recorded decision about two person records: merged, or not the same.

    ``other_person_id`` has no foreign key: after a merge the other record is
    gone, and its id and name are kept here as the trace of the merge.
    """

    __tablename__ = "person_identity_decisions"
    __table_args__ = (Index("ix_identity_pair", "person_id", "other_person_id"),)

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    other_person_id: Mapped[uuid.UUID]
    other_display_name: Mapped[str] = mapped_column(String(300))
    decision: Mapped[IdentityDecisionKind] = mapped_column(enum_column(IdentityDecisionKind))
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_on: Mapped[dt.date | None]
    note: Mapped[str | None] = mapped_column(Text)
