"""The domain model. Importing this package registers every table."""

from casetracker.db.base import Base, Record, Sensitivity
from casetracker.models.audit import AuditEntry
from casetracker.models.detention import (
    AccessFlag,
    Charge,
    Detention,
    DetentionStatusChange,
    Hearing,
    TreatmentReport,
)
from casetracker.models.event import Event
from casetracker.models.letter import Ask, Letter, LetterRecipient, LetterSignatory, Tag
from casetracker.models.links import (
    letter_detentions,
    letter_sanction_requests,
    letter_tags,
    response_letters,
    sanction_ground_detentions,
    sanction_ground_events,
)
from casetracker.models.organization import Organization, Position
from casetracker.models.person import (
    Person,
    PersonConsent,
    PersonIdentifier,
    PersonIdentityDecision,
    PersonName,
)
from casetracker.models.response import Response, ResponseAskPosition, ResponseCommitment
from casetracker.models.sanction import (
    SANCTION_PROGRAMS,
    SanctionRecipient,
    SanctionRequest,
    SanctionRequestProgram,
    SanctionStatusChange,
)
from casetracker.models.search import SearchEntry
from casetracker.models.source import Attachment, Citation, Source

__all__ = [
    "SANCTION_PROGRAMS",
    "AccessFlag",
    "Ask",
    "Attachment",
    "AuditEntry",
    "Base",
    "Charge",
    "Citation",
    "Detention",
    "DetentionStatusChange",
    "Event",
    "Hearing",
    "Letter",
    "LetterRecipient",
    "LetterSignatory",
    "Organization",
    "Person",
    "PersonConsent",
    "PersonIdentifier",
    "PersonIdentityDecision",
    "PersonName",
    "Position",
    "Record",
    "Response",
    "ResponseAskPosition",
    "ResponseCommitment",
    "SanctionRecipient",
    "SanctionRequest",
    "SanctionRequestProgram",
    "SanctionStatusChange",
    "SearchEntry",
    "Sensitivity",
    "Source",
    "Tag",
    "TreatmentReport",
    "letter_detentions",
    "letter_sanction_requests",
    "letter_tags",
    "response_letters",
    "sanction_ground_detentions",
    "sanction_ground_events",
]
