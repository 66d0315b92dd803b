"""Detentions: status history, charges, hearings, treatment and access."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from casetracker.errors import ValidationError
from casetracker.models import (
    AccessFlag,
    Charge,
    Detention,
    DetentionStatusChange,
    Hearing,
    Person,
    PersonName,
    TreatmentReport,
)
from casetracker.models.enums import DetentionStatus
from casetracker.partialdate import PartialDate
from casetracker.services.base import RecordService, as_uuid, status_change_order


class DetentionsService(RecordService[Detention]):
    """A detention's ``status`` is always its latest dated status change."""

    model = Detention
    editable = frozenset(
        {
            "person_id",
            "category",
            "captured_on",
            "capture_place",
            "capture_circumstances",
            "facility_id",
            "sentence",
            "sentenced_on",
            "sentence_months",
            "summary",
            "notes",
            "sensitivity",
            "is_demo",
        }
    )

    def create_in(self, session: Session, fields: dict[str, object]) -> Detention:
        fields = dict(fields)
        status = fields.pop("status", None)
        status_on = fields.pop("status_on", None)
        detention = super().create_in(session, fields)
        if status is not None:
            self._add_status(session, detention, status, status_on, None)
        return detention

    def create_detainee(
        self,
        person: Mapping[str, object],
        names: Sequence[Mapping[str, object] | str],
        detention: Mapping[str, object],
    ) -> Detention:
        """Create a person, their name variants and their detention in one transaction.

        ``person`` holds the person's fields (as for ``PeopleService.create``);
        with an ``id`` key the existing person is used instead (its other keys are
        ignored) and ``names`` not yet among its variants are added. ``names`` are
        name variants (``{"name": …, "script": …, "language": …, "kind": …}``).
        ``detention`` holds the detention's fields, ``status`` and ``status_on``
        included; its person is the one above. All or nothing: any invalid field
        raises a ValidationError naming it, and nothing is saved.
        """
        from casetracker.services.people import PeopleService

        people = PeopleService(self.db)
        with self.db.transaction() as session:
            if "id" in person:
                existing = session.get(Person, as_uuid(person["id"], "id"))
                if existing is None:
                    raise ValidationError.single(
                        "id", f"no person with id {person['id']}", "person"
                    )
                known = set(
                    session.scalars(
                        select(PersonName.name).where(PersonName.person_id == existing.id)
                    )
                )
                for name in names:
                    fields = dict(name) if isinstance(name, Mapping) else {"name": name}
                    if fields.get("name") in known:
                        continue
                    people._add_name(session, existing, fields)
                    known.add(fields.get("name"))  # type: ignore[arg-type]
                target = existing
            else:
                fields = {k: v for k, v in person.items() if k != "names"}
                given = [*(person.get("names") or []), *names]  # type: ignore[misc]
                target = people.create_in(session, {**fields, "names": given})
            record = self.create_in(session, {**detention, "person_id": target.id})
        return record

    def check(self, session: Session, record: Detention) -> None:
        if record.sentence_months is not None and record.sentence_months < 0:
            raise ValidationError.single("sentence_months", "cannot be negative", self.label)

    def set_status(
        self,
        detention_id: object,
        status: DetentionStatus | str,
        on: PartialDate | str | None = None,
        note: str | None = None,
    ) -> DetentionStatusChange:
        """Add a dated status change; the detention's status follows the latest one."""
        with self.db.transaction() as session:
            detention = self._load(session, detention_id)
            return self._add_status(session, detention, status, on, note)

    def _add_status(
        self, session: Session, detention: Detention, status: object, on: object, note: object
    ) -> DetentionStatusChange:
        change = self._child(DetentionStatusChange).create_in(
            session,
            {"detention_id": detention.id, "status": status, "changed_on": on, "note": note},
        )
        self._refresh_status(session, detention)
        return change

    def _refresh_status(self, session: Session, detention: Detention) -> None:
        changes = list(
            session.scalars(
                select(DetentionStatusChange).where(
                    DetentionStatusChange.detention_id == detention.id
                )
            )
        )
        latest = max(changes, key=status_change_order, default=None)
        status = latest.status if latest else DetentionStatus.UNKNOWN
        if detention.status != status:
            detention.status = status
        self._flush(session)

    def remove_status(self, change_id: object) -> None:
        with self.db.transaction() as session:
            change = self._load(session, change_id, DetentionStatusChange)
            detention = self._load(session, change.detention_id)
            session.delete(change)
            session.flush()
            self._refresh_status(session, detention)

    def status_history(self, detention_id: object) -> list[DetentionStatusChange]:
        with self.db.reading() as session:
            changes = session.scalars(
                select(DetentionStatusChange).where(
                    DetentionStatusChange.detention_id == as_uuid(detention_id)
                )
            )
            return sorted(changes, key=status_change_order)

    def add_charge(self, detention_id: object, **fields: object) -> Charge:
        with self.db.transaction() as session:
            return self._add_child(session, detention_id, Charge, "detention_id", fields)

    def add_hearing(self, detention_id: object, **fields: object) -> Hearing:
        with self.db.transaction() as session:
            return self._add_child(session, detention_id, Hearing, "detention_id", fields)

    def add_treatment_report(self, detention_id: object, **fields: object) -> TreatmentReport:
        with self.db.transaction() as session:
            return self._add_child(session, detention_id, TreatmentReport, "detention_id", fields)

    def add_access_flag(self, detention_id: object, **fields: object) -> AccessFlag:
        with self.db.transaction() as session:
            return self._add_child(session, detention_id, AccessFlag, "detention_id", fields)

    def children(self, detention_id: object, model: type) -> list:
        """Charges, hearings, treatment reports or access flags of one detention."""
        allowed = (Charge, Hearing, TreatmentReport, AccessFlag, DetentionStatusChange)
        if model not in allowed:
            raise ValueError(f"{model} is not a child of a detention")
        with self.db.reading() as session:
            return list(
                session.scalars(select(model).where(model.detention_id == as_uuid(detention_id)))
            )
