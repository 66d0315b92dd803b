"""Errors the user is meant to read. Anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass


class CaseTrackerError(Exception):
    """Base of every error with a message fit for the user."""


class DatabaseError(CaseTrackerError):
    """The database cannot be opened, created, upgraded or backed up."""


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer CaseTracker."""


class NotFoundError(CaseTrackerError):
    """No record with that id (or it was deleted)."""


class ConflictError(CaseTrackerError):
    """The record was changed elsewhere since it was read (optimistic lock)."""


class ImportFormatError(CaseTrackerError):
    """An interchange file cannot be imported; nothing was changed."""


@dataclass(frozen=True)
class FieldProblem:
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.field}: {self.problem}"


class ValidationError(CaseTrackerError):
    """One or more fields are invalid; each problem names its field."""

    def __init__(self, problems: list[FieldProblem] | FieldProblem, record: str = "") -> None:
        self.problems = [problems] if isinstance(problems, FieldProblem) else list(problems)
        self.record = record
        prefix = f"{record}: " if record else ""
        super().__init__(prefix + "; ".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, field: str, problem: str, record: str = "") -> ValidationError:
        return cls(FieldProblem(field, problem), record)
