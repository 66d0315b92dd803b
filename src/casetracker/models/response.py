"""Government responses to letters, and their position on each ask."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.db.base import Record, keyset_indexes
from casetracker.db.types import enum_column
from casetracker.models.enums import (
    AskPositionKind,
    CommitmentStatus,
    ResponseImpact,
    ResponseType,
)
from casetracker.partialdate import PartialDate


class Response(Record):
    __tablename__ = "responses"
    __table_args__ = (
        *keyset_indexes("responses", "received_on"),
        Index("ix_responses_updated_at", "updated_at"),
    )

    received_on: Mapped[PartialDate | None]
    title: Mapped[str] = mapped_column(String(500))
    from_person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), index=True
    )
    from_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    response_type: Mapped[ResponseType] = mapped_column(enum_column(ResponseType), index=True)
    impact: Mapped[ResponseImpact] = mapped_column(
        enum_column(ResponseImpact), default=ResponseImpact.UNKNOWN
    )
    impact_note: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    full_text: Mapped[str | None] = mapped_column(Text)


class ResponseAskPosition(Record):
    """What one response says to one ask of the letters it answers."""

    __tablename__ = "response_ask_positions"
    __table_args__ = (UniqueConstraint("response_id", "ask_id"),)

    response_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("responses.id", ondelete="CASCADE"))
    ask_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("asks.id", ondelete="CASCADE"), index=True)
    position: Mapped[AskPositionKind] = mapped_column(enum_column(AskPositionKind))
    note: Mapped[str | None] = mapped_column(Text)


class ResponseCommitment(Record):
    __tablename__ = "response_commitments"

    response_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[PartialDate | None]
    status: Mapped[CommitmentStatus] = mapped_column(
        enum_column(CommitmentStatus), default=CommitmentStatus.PENDING
    )
