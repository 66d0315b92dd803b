"""Sanction requests: who should be designated, under which programs, and why."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.db.base import Record, keyset_indexes
from casetracker.db.types import enum_column
from casetracker.models.enums import LetterChannel, RecipientRole, SanctionStatus
from casetracker.partialdate import PartialDate


@dataclass(frozen=True)
class SanctionProgram:
    """A legal authority for sanctions, keyed like OpenSanctions' program registry."""

    key: str
    title: str
    authority: str
    jurisdiction: str


SANCTION_PROGRAMS: dict[str, SanctionProgram] = {
    p.key: p
    for p in (
        SanctionProgram(
            "US-GLOMAG",
            "Global Magnitsky sanctions",
            "Global Magnitsky Human Rights Accountability Act; Executive Order 13818",
            "US",
        ),
        SanctionProgram(
            "US-7031C",
            "Section 7031(c) visa restrictions",
            "Department of State appropriations act, section 7031(c)",
            "US",
        ),
        SanctionProgram(
            "GB-HR",
            "UK Global Human Rights sanctions",
            "Global Human Rights Sanctions Regulations 2020",
            "GB",
        ),
        SanctionProgram(
            "EU-HR",
            "EU Global Human Rights Sanctions Regime",
            "Council Decision (CFSP) 2020/1999; Regulation (EU) 2020/1998",
            "EU",
        ),
        SanctionProgram(
            "CA-JVCFOA",
            "Canada's Sergei Magnitsky Law",
            "Justice for Victims of Corrupt Foreign Officials Act",
            "CA",
        ),
        SanctionProgram("OTHER", "Other program", "See the request's notes", ""),
    )
}


class SanctionRequest(Record):
    """A request that a target be designated; ``status`` mirrors the latest change."""

    __tablename__ = "sanction_requests"
    __table_args__ = (
        CheckConstraint(
            "target_person_id IS NOT NULL OR target_description IS NOT NULL",
            name="has_target",
        ),
        *keyset_indexes("sanction_requests", "submitted_on"),
        Index("ix_sanction_requests_updated_at", "updated_at"),
    )

    title: Mapped[str] = mapped_column(String(500), index=True)
    target_person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), index=True
    )
    target_description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[SanctionStatus] = mapped_column(
        enum_column(SanctionStatus), default=SanctionStatus.PROPOSED, index=True
    )
    submitted_on: Mapped[PartialDate | None]
    channel: Mapped[LetterChannel | None] = mapped_column(enum_column(LetterChannel))
    grounds: Mapped[str | None] = mapped_column(Text)
    designation_reference: Mapped[str | None] = mapped_column(String(200))
    designated_on: Mapped[PartialDate | None]
    outcome: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    programs: Mapped[list[SanctionRequestProgram]] = relationship(
        cascade="all, delete-orphan", order_by="SanctionRequestProgram.program_key"
    )
    status_history: Mapped[list[SanctionStatusChange]] = relationship(
        cascade="all, delete-orphan", order_by="SanctionStatusChange.changed_on"
    )


class SanctionRequestProgram(Record):
    __tablename__ = "sanction_request_programs"
    __table_args__ = (UniqueConstraint("sanction_request_id", "program_key"),)

    sanction_request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sanction_requests.id", ondelete="CASCADE")
    )
    program_key: Mapped[str] = mapped_column(String(40), index=True)
    note: Mapped[str | None] = mapped_column(Text)


class SanctionStatusChange(Record):
    __tablename__ = "sanction_status_changes"

    sanction_request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sanction_requests.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[SanctionStatus] = mapped_column(enum_column(SanctionStatus))
    changed_on: Mapped[PartialDate | None]
    note: Mapped[str | None] = mapped_column(Text)


class SanctionRecipient(Record):
    """Where the request was submitted: a person and/or an office."""

    __tablename__ = "sanction_recipients"
    __table_args__ = (
        CheckConstraint(
            "person_id IS NOT NULL OR organization_id IS NOT NULL", name="person_or_org"
        ),
    )

    sanction_request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sanction_requests.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT")
    )
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT")
    )
    role: Mapped[RecipientRole] = mapped_column(
        enum_column(RecipientRole), default=RecipientRole.DIRECT
    )
