"""Detentions (the cases) and what is known about each one."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.db.base import Record, keyset_indexes
from casetracker.db.types import enum_column
from casetracker.models.enums import (
    AccessKind,
    AccessState,
    DetentionCategory,
    DetentionStatus,
    TreatmentKind,
)
from casetracker.models.organization import Organization
from casetracker.models.person import Person
from casetracker.partialdate import PartialDate


class Detention(Record):
    """One person's detention. ``status`` mirrors the latest status change."""

    __tablename__ = "detentions"
    __table_args__ = (
        Index("ix_detentions_status_captured", "status", "captured_on"),
        *keyset_indexes("detentions", "captured_on"),
        Index("ix_detentions_person_id_id", "person_id", "id"),
        Index("ix_detentions_updated_at", "updated_at"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"))
    category: Mapped[DetentionCategory] = mapped_column(enum_column(DetentionCategory))
    status: Mapped[DetentionStatus] = mapped_column(
        enum_column(DetentionStatus), default=DetentionStatus.UNKNOWN
    )
    captured_on: Mapped[PartialDate | None]
    capture_place: Mapped[str | None] = mapped_column(String(300))
    capture_circumstances: Mapped[str | None] = mapped_column(Text)
    facility_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL"), index=True
    )
    sentence: Mapped[str | None] = mapped_column(Text)
    sentenced_on: Mapped[PartialDate | None]
    sentence_months: Mapped[int | None]
    summary: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship()
    facility: Mapped[Organization | None] = relationship()
    status_history: Mapped[list[DetentionStatusChange]] = relationship(
        cascade="all, delete-orphan", order_by="DetentionStatusChange.changed_on"
    )


class DetentionStatusChange(Record):
    """A dated entry in a detention's status history."""

    __tablename__ = "detention_status_changes"

    detention_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("detentions.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[DetentionStatus] = mapped_column(enum_column(DetentionStatus))
    changed_on: Mapped[PartialDate | None]
    note: Mapped[str | None] = mapped_column(Text)


class Charge(Record):
    __tablename__ = "charges"

    detention_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("detentions.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(Text)
    legal_reference: Mapped[str | None] = mapped_column(String(200))
    charged_on: Mapped[PartialDate | None]


class Hearing(Record):
    """A hearing in the proceedings: date, court, judge, outcome."""

    __tablename__ = "hearings"

    detention_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("detentions.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[PartialDate | None] = mapped_column(index=True)
    court_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="SET NULL")
    )
    judge_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    judge_name: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)


class TreatmentReport(Record):
    """An allegation of torture, ill-treatment or other abuse in custody."""

    __tablename__ = "treatment_reports"

    detention_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("detentions.id", ondelete="CASCADE"), index=True
    )
    reported_on: Mapped[PartialDate | None]
    kind: Mapped[TreatmentKind] = mapped_column(enum_column(TreatmentKind))
    description: Mapped[str] = mapped_column(Text)


class AccessFlag(Record):
    """A dated observation of whereabouts or outside contact (ICRC, lawyer…)."""

    __tablename__ = "access_flags"

    detention_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("detentions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[AccessKind] = mapped_column(enum_column(AccessKind))
    state: Mapped[AccessState] = mapped_column(enum_column(AccessState))
    observed_on: Mapped[PartialDate | None]
    note: Mapped[str | None] = mapped_column(Text)
