"""Timeline events, sources with their citations, and attachments."""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetracker.errors import FieldProblem, ValidationError
from casetracker.filenames import MAX_ATTACHMENT_BYTES, safe_filename, size_problem
from casetracker.models import Attachment, Citation, Event, Source
from casetracker.models.source import ATTACHMENT_OWNERS, CITATION_TARGETS
from casetracker.search.extract import extract_text
from casetracker.services.base import RecordService, as_uuid

__all__ = ["MAX_ATTACHMENT_BYTES", "AttachmentsService", "EventsService", "SourcesService"]


class EventsService(RecordService[Event]):
    model = Event

    def for_record(self, field: str, record_id: object) -> list[Event]:
        """Events attached to one record, oldest first (undated last)."""
        if field not in (
            "person_id",
            "detention_id",
            "letter_id",
            "sanction_request_id",
            "response_id",
        ):
            raise ValidationError.single("field", f"events cannot be attached by {field}")
        with self.db.reading() as session:
            events = session.scalars(
                select(Event).where(getattr(Event, field) == as_uuid(record_id))
            )
            return sorted(events, key=lambda e: (e.occurred_on is None, str(e.occurred_on or "")))


class SourcesService(RecordService[Source]):
    model = Source

    def cite(
        self,
        source_id: object,
        *,
        locator: str | None = None,
        note: str | None = None,
        **target: object,
    ) -> Citation:
        """Link a source to one record, e.g. ``cite(src, detention_id=d)``."""
        unknown = set(target) - set(CITATION_TARGETS)
        given = {k: v for k, v in target.items() if v is not None}
        if unknown or len(given) != 1:
            raise ValidationError.single(
                "target", f"name exactly one of: {', '.join(CITATION_TARGETS)}", "citation"
            )
        with self.db.transaction() as session:
            return self._add_child(
                session,
                source_id,
                Citation,
                "source_id",
                {**given, "locator": locator, "note": note},
            )

    def citations(self, **target: object) -> list[Citation]:
        ((field, value),) = target.items()
        with self.db.reading() as session:
            return list(
                session.scalars(select(Citation).where(getattr(Citation, field) == as_uuid(value)))
            )


class AttachmentsService(RecordService[Attachment]):
    """Files kept in the database. Every way in (attach, create, update) stores a
    safe file name (:func:`~casetracker.filenames.safe_filename`) and refuses
    content over ``MAX_ATTACHMENT_BYTES``."""

    model = Attachment

    def check(self, session: Session, record: Attachment) -> None:
        record.original_name = safe_filename(record.original_name)
        problem = size_problem(record.original_name, len(record.content or b""))
        if problem:
            raise ValidationError.single("content", problem, self.label)

    def attach_bytes(
        self,
        content: bytes,
        original_name: str,
        *,
        media_type: str | None = None,
        extracted_text: str | None = None,
        sensitivity: str = "public",
        is_demo: bool = False,
        **owner: object,
    ) -> Attachment:
        given = {k: v for k, v in owner.items() if v is not None}
        original_name = safe_filename(original_name)
        problems = []
        if set(given) - set(ATTACHMENT_OWNERS) or len(given) != 1:
            problems.append(
                FieldProblem("owner", f"name exactly one of: {', '.join(ATTACHMENT_OWNERS)}")
            )
        if too_big := size_problem(original_name, len(content)):
            problems.append(FieldProblem("content", too_big))
        if problems:
            raise ValidationError(problems, self.label)
        if extracted_text is None:
            extracted_text = extract_text(content, original_name, media_type)
        guessed = mimetypes.guess_type(original_name)[0] or "application/octet-stream"
        return self.create(
            original_name=original_name,
            media_type=media_type or guessed,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            content=content,
            extracted_text=extracted_text,
            sensitivity=sensitivity,
            is_demo=is_demo,
            **given,
        )

    def attach_file(self, path: Path, **owner: object) -> Attachment:
        """Attach a file from disk; its size is checked before it is read."""
        path = Path(path)
        try:
            if path.is_dir():
                raise ValidationError.single("file", f"{path.name} is a folder, not a file")
            if too_big := size_problem(path.name, path.stat().st_size):
                raise ValidationError.single("file", too_big)
            with path.open("rb") as handle:  # read one byte more: the file may be growing
                content = handle.read(MAX_ATTACHMENT_BYTES + 1)
        except OSError as exc:
            raise ValidationError.single(
                "file", f"cannot read {path}: {exc.strerror or exc}"
            ) from exc
        return self.attach_bytes(content, path.name, **owner)

    def content(self, attachment_id: object) -> bytes:
        with self.db.reading() as session:
            attachment = self._load(session, attachment_id)
            return attachment.content
