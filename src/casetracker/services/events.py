"""Timeline events, sources with their citations, and attachments."""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path

from sqlalchemy import select

from casetracker.errors import FieldProblem, ValidationError
from casetracker.models import Attachment, Citation, Event, Source
from casetracker.models.source import ATTACHMENT_OWNERS, CITATION_TARGETS
from casetracker.search.extract import extract_text
from casetracker.services.base import RecordService, as_uuid

MAX_ATTACHMENT_BYTES = 200 * 1024 * 1024


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
    model = Attachment

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
        problems = []
        if set(given) - set(ATTACHMENT_OWNERS) or len(given) != 1:
            problems.append(
                FieldProblem("owner", f"name exactly one of: {', '.join(ATTACHMENT_OWNERS)}")
            )
        if len(content) > MAX_ATTACHMENT_BYTES:
            problems.append(FieldProblem("content", "is larger than 200 MB"))
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
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            raise ValidationError.single("file", f"cannot read {path}: {exc.strerror}") from exc
        return self.attach_bytes(content, Path(path).name, **owner)

    def content(self, attachment_id: object) -> bytes:
        with self.db.reading() as session:
            attachment = self._load(session, attachment_id)
            return attachment.content
