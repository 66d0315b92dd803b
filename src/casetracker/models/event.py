"""Dated timeline entries, attached to any record (or to none: context)."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.db.base import Record
from casetracker.db.types import enum_column
from casetracker.models.enums import EventKind
from casetracker.partialdate import PartialDate


class Event(Record):
    __tablename__ = "events"

    occurred_on: Mapped[PartialDate | None] = mapped_column(index=True)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind))
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(300))
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    detention_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("detentions.id", ondelete="CASCADE"), index=True
    )
    letter_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("letters.id", ondelete="CASCADE"), index=True
    )
    sanction_request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("sanction_requests.id", ondelete="CASCADE"), index=True
    )
    response_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
