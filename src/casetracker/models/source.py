"""Sources of facts, citations linking them to records, and attached files."""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.db.base import Record
from casetracker.db.types import enum_column
from casetracker.models.enums import Reliability, SourceKind
from casetracker.partialdate import PartialDate

CITATION_TARGETS = (
    "person_id",
    "detention_id",
    "event_id",
    "treatment_report_id",
    "hearing_id",
    "sanction_request_id",
)

ATTACHMENT_OWNERS = (
    "letter_id",
    "response_id",
    "source_id",
    "detention_id",
    "sanction_request_id",
)


def _one_of(columns: tuple[str, ...]) -> str:
    return " OR ".join(f"{c} IS NOT NULL" for c in columns)


class Source(Record):
    __tablename__ = "sources"

    kind: Mapped[SourceKind] = mapped_column(enum_column(SourceKind))
    title: Mapped[str] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(String(2000))
    publisher: Mapped[str | None] = mapped_column(String(300))
    published_on: Mapped[PartialDate | None]
    reliability: Mapped[Reliability] = mapped_column(
        enum_column(Reliability), default=Reliability.UNKNOWN
    )
    notes: Mapped[str | None] = mapped_column(Text)


class Citation(Record):
    """Links a source to the record whose facts it supports."""

    __tablename__ = "citations"
    __table_args__ = (CheckConstraint(_one_of(CITATION_TARGETS), name="has_target"),)

    source_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    detention_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("detentions.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    treatment_report_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("treatment_reports.id", ondelete="CASCADE"), index=True
    )
    hearing_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("hearings.id", ondelete="CASCADE"), index=True
    )
    sanction_request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("sanction_requests.id", ondelete="CASCADE"), index=True
    )
    locator: Mapped[str | None] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)


class Attachment(Record):
    """A file kept inside the database, with a slot for its extracted text."""

    __tablename__ = "attachments"
    __table_args__ = (CheckConstraint(_one_of(ATTACHMENT_OWNERS), name="has_owner"),)

    original_name: Mapped[str] = mapped_column(String(500))
    media_type: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    content: Mapped[bytes] = mapped_column(LargeBinary)
    extracted_text: Mapped[str | None] = mapped_column(Text)
    letter_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("letters.id", ondelete="CASCADE"), index=True
    )
    response_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("responses.id", ondelete="CASCADE"), index=True
    )
    source_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), index=True
    )
    detention_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("detentions.id", ondelete="CASCADE"), index=True
    )
    sanction_request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("sanction_requests.id", ondelete="CASCADE"), index=True
    )
