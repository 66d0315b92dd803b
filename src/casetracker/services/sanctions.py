"""Sanction requests: programs, status history, recipients and grounds."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from casetracker.errors import ValidationError
from casetracker.models import (
    SANCTION_PROGRAMS,
    SanctionRecipient,
    SanctionRequest,
    SanctionRequestProgram,
    SanctionStatusChange,
    sanction_ground_detentions,
    sanction_ground_events,
)
from casetracker.models.enums import SanctionStatus
from casetracker.partialdate import PartialDate
from casetracker.services.base import RecordService, as_uuid, link, status_change_order


class SanctionsService(RecordService[SanctionRequest]):
    """``status`` always mirrors the latest dated status change."""

    model = SanctionRequest
    editable = frozenset(
        {
            "title",
            "target_person_id",
            "target_description",
            "submitted_on",
            "channel",
            "grounds",
            "designation_reference",
            "designated_on",
            "outcome",
            "notes",
            "sensitivity",
            "is_demo",
        }
    )

    def create_in(self, session: Session, fields: dict[str, object]) -> SanctionRequest:
        fields = dict(fields)
        programs = fields.pop("programs", None) or []
        status = fields.pop("status", None)
        status_on = fields.pop("status_on", None)
        request = super().create_in(session, fields)
        for key in programs:
            self._add_program(session, request, str(key), None)
        if status is not None:
            self._add_status(session, request, status, status_on, None)
        return request

    def check(self, session: Session, record: SanctionRequest) -> None:
        if record.target_person_id is None and not (record.target_description or "").strip():
            raise ValidationError.single(
                "target_person_id",
                "name a target person or describe the target (e.g. 'officials responsible for …')",
                self.label,
            )

    def get_full(self, request_id: object) -> SanctionRequest:
        with self.db.reading() as session:
            request = session.scalars(
                select(SanctionRequest)
                .where(SanctionRequest.id == as_uuid(request_id))
                .options(
                    selectinload(SanctionRequest.programs),
                    selectinload(SanctionRequest.status_history),
                )
            ).one_or_none()
            if request is None:
                self._load(session, request_id)
            return request  # type: ignore[return-value]

    def add_program(
        self, request_id: object, program_key: str, note: str | None = None
    ) -> SanctionRequestProgram:
        with self.db.transaction() as session:
            request = self._load(session, request_id)
            return self._add_program(session, request, program_key, note)

    def _add_program(
        self, session: Session, request: SanctionRequest, key: str, note: str | None
    ) -> SanctionRequestProgram:
        key = key.strip().upper()
        if key not in SANCTION_PROGRAMS:
            raise ValidationError.single(
                "programs", f"{key!r} is not one of: {', '.join(SANCTION_PROGRAMS)}", self.label
            )
        existing = session.scalars(
            select(SanctionRequestProgram).where(
                SanctionRequestProgram.sanction_request_id == request.id,
                SanctionRequestProgram.program_key == key,
            )
        ).first()
        if existing is not None:
            return existing
        return self._child(SanctionRequestProgram).create_in(
            session, {"sanction_request_id": request.id, "program_key": key, "note": note}
        )

    def set_status(
        self,
        request_id: object,
        status: SanctionStatus | str,
        on: PartialDate | str | None = None,
        note: str | None = None,
    ) -> SanctionStatusChange:
        with self.db.transaction() as session:
            request = self._load(session, request_id)
            return self._add_status(session, request, status, on, note)

    def _add_status(
        self, session: Session, request: SanctionRequest, status: object, on: object, note: object
    ) -> SanctionStatusChange:
        change = self._child(SanctionStatusChange).create_in(
            session,
            {"sanction_request_id": request.id, "status": status, "changed_on": on, "note": note},
        )
        changes = session.scalars(
            select(SanctionStatusChange).where(
                SanctionStatusChange.sanction_request_id == request.id
            )
        )
        latest = max(changes, key=status_change_order)
        if request.status != latest.status:
            request.status = latest.status
        if latest.status == SanctionStatus.DESIGNATED and request.designated_on is None:
            request.designated_on = latest.changed_on
        self._flush(session)
        return change

    def add_recipient(
        self,
        request_id: object,
        *,
        person_id: object = None,
        organization_id: object = None,
        role: str = "direct",
    ) -> SanctionRecipient:
        if person_id is None and organization_id is None:
            raise ValidationError.single(
                "person_id", "give a person, an organization or both", "recipient"
            )
        with self.db.transaction() as session:
            return self._add_child(
                session,
                request_id,
                SanctionRecipient,
                "sanction_request_id",
                {"person_id": person_id, "organization_id": organization_id, "role": role},
            )

    def add_ground_detention(self, request_id: object, detention_id: object) -> bool:
        with self.db.transaction() as session:
            return link(
                session,
                sanction_ground_detentions,
                sanction_request_id=request_id,
                detention_id=detention_id,
            )

    def add_ground_event(self, request_id: object, event_id: object) -> bool:
        with self.db.transaction() as session:
            return link(
                session, sanction_ground_events, sanction_request_id=request_id, event_id=event_id
            )
