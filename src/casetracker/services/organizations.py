"""Organizations and positions."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casetracker.errors import FieldProblem, ValidationError
from casetracker.models import Organization, Position
from casetracker.services.base import RecordService


class OrganizationsService(RecordService[Organization]):
    model = Organization

    def check(self, session: Session, record: Organization) -> None:
        problems = []
        if record.country is not None:
            country = record.country.strip().upper()
            if len(country) != 2 or not country.isalpha() or not country.isascii():
                problems.append(FieldProblem("country", "use a two-letter ISO 3166 code (AZ, US)"))
            record.country = country
        if record.parent_id is not None and record.parent_id == record.id:
            problems.append(FieldProblem("parent_id", "an organization cannot be its own parent"))
        if problems:
            raise ValidationError(problems, self.label)


class PositionsService(RecordService[Position]):
    model = Position

    def check(self, session: Session, record: Position) -> None:
        start, end = record.start_date, record.end_date
        if start and end and end.latest() < start.earliest():
            raise ValidationError.single("end_date", "is before the start date", self.label)
