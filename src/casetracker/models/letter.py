"""Advocacy letters: signatories, recipients and the ordered list of asks."""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casetracker.db.base import Record, keyset_indexes
from casetracker.db.types import enum_column
from casetracker.models.enums import AskStatus, LetterChannel, LetterDirection, RecipientRole
from casetracker.models.links import letter_tags
from casetracker.partialdate import PartialDate


class Tag(Record):
    __tablename__ = "tags"

    name: Mapped[str] = mapped_column(String(80), unique=True)


class Letter(Record):
    __tablename__ = "letters"
    __table_args__ = (
        *keyset_indexes("letters", "sent_on"),
        *keyset_indexes("letters", "follow_up_due"),
        # covers the title filter and the list sorted by title
        Index("ix_letters_title_id", "title", "id"),
        # the dashboard's overdue letters: outgoing, follow-up date passed
        Index("ix_letters_direction_follow_up_due_id", "direction", "follow_up_due", "id"),
        Index("ix_letters_updated_at", "updated_at"),
    )

    sent_on: Mapped[PartialDate | None]
    title: Mapped[str] = mapped_column(String(500))
    direction: Mapped[LetterDirection] = mapped_column(
        enum_column(LetterDirection), default=LetterDirection.OUTGOING
    )
    channel: Mapped[LetterChannel | None] = mapped_column(enum_column(LetterChannel))
    summary: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    follow_up_due: Mapped[PartialDate | None]
    notes: Mapped[str | None] = mapped_column(Text)

    signatories: Mapped[list[LetterSignatory]] = relationship(
        cascade="all, delete-orphan", order_by="LetterSignatory.ordinal"
    )
    recipients: Mapped[list[LetterRecipient]] = relationship(
        cascade="all, delete-orphan", order_by="LetterRecipient.ordinal"
    )
    asks: Mapped[list[Ask]] = relationship(cascade="all, delete-orphan", order_by="Ask.ordinal")
    tags: Mapped[list[Tag]] = relationship(secondary=letter_tags, order_by="Tag.name")


class LetterSignatory(Record):
    __tablename__ = "letter_signatories"
    __table_args__ = (UniqueConstraint("letter_id", "person_id"),)

    letter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"))
    person_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), index=True
    )
    ordinal: Mapped[int] = mapped_column(default=0)
    is_lead: Mapped[bool] = mapped_column(default=False)
    signed_as: Mapped[str | None] = mapped_column(String(300))


class LetterRecipient(Record):
    """A person and/or an office the letter is addressed or copied to."""

    __tablename__ = "letter_recipients"
    __table_args__ = (
        CheckConstraint(
            "person_id IS NOT NULL OR organization_id IS NOT NULL", name="person_or_org"
        ),
    )

    letter_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("letters.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id", ondelete="RESTRICT"), index=True
    )
    organization_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[RecipientRole] = mapped_column(
        enum_column(RecipientRole), default=RecipientRole.DIRECT
    )
    addressed_as: Mapped[str | None] = mapped_column(String(300))
    ordinal: Mapped[int] = mapped_column(default=0)


class Ask(Record):
    """One request in a letter, in the letter's order, with its status."""

    __tablename__ = "asks"

    letter_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("letters.id", ondelete="CASCADE"), index=True
    )
    ordinal: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[AskStatus] = mapped_column(
        enum_column(AskStatus), default=AskStatus.OPEN, index=True
    )
    status_note: Mapped[str | None] = mapped_column(Text)
