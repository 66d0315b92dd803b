"""Controlled vocabularies used by the models (stored as their string values)."""

from __future__ import annotations

import enum


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class NameKind(enum.StrEnum):
    OFFICIAL = "official"
    TRANSLITERATION = "transliteration"
    ALIAS = "alias"
    BIRTH = "birth"
    NICKNAME = "nickname"
    MISSPELLING = "misspelling"


class ConsentUse(enum.StrEnum):
    PUBLISH = "publish"
    SHARE_WITH_GOVERNMENT = "share_with_government"
    SANCTIONS_DOSSIER = "sanctions_dossier"


class ConsentState(enum.StrEnum):
    GRANTED = "granted"
    REFUSED = "refused"
    UNKNOWN = "unknown"


class IdentityDecisionKind(enum.StrEnum):
    MERGED = "merged"
    NOT_SAME = "not_same"


class OrganizationKind(enum.StrEnum):
    GOVERNMENT = "government"
    MINISTRY = "ministry"
    AGENCY = "agency"
    COURT = "court"
    PROSECUTOR = "prosecutor"
    PRISON = "prison"
    DETENTION_FACILITY = "detention_facility"
    LEGISLATURE = "legislature"
    LEGISLATIVE_OFFICE = "legislative_office"
    MILITARY = "military"
    SECURITY_SERVICE = "security_service"
    NGO = "ngo"
    INTERNATIONAL = "international"
    MEDIA = "media"
    OTHER = "other"


class DetentionCategory(enum.StrEnum):
    PRISONER_OF_WAR = "prisoner_of_war"
    CIVILIAN = "civilian"
    POLITICAL_FIGURE = "political_figure"
    JOURNALIST = "journalist"
    HUMAN_RIGHTS_DEFENDER = "human_rights_defender"
    OTHER = "other"


class DetentionStatus(enum.StrEnum):
    DETAINED = "detained"
    ON_TRIAL = "on_trial"
    SENTENCED = "sentenced"
    RELEASED = "released"
    REPATRIATED = "repatriated"
    DIED_IN_CUSTODY = "died_in_custody"
    DISAPPEARED = "disappeared"
    UNKNOWN = "unknown"


class AccessKind(enum.StrEnum):
    """Whereabouts and outside contact, recorded as dated flags."""

    CAPTURE_ACKNOWLEDGED = "capture_acknowledged"
    LOCATION_DISCLOSED = "location_disclosed"
    FAMILY_CONTACT = "family_contact"
    LAWYER_ACCESS = "lawyer_access"
    ICRC_ACCESS = "icrc_access"
    CONSULAR_ACCESS = "consular_access"


class AccessState(enum.StrEnum):
    YES = "yes"
    NO = "no"
    PARTIAL = "partial"
    UNKNOWN = "unknown"


class TreatmentKind(enum.StrEnum):
    TORTURE = "torture"
    ILL_TREATMENT = "ill_treatment"
    DEGRADING_TREATMENT = "degrading_treatment"
    MEDICAL_NEGLECT = "medical_neglect"
    INCOMMUNICADO = "incommunicado"
    FORCED_CONFESSION = "forced_confession"
    OTHER = "other"


class LetterDirection(enum.StrEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"
    THIRD_PARTY = "third_party"


class LetterChannel(enum.StrEnum):
    POST = "post"
    EMAIL = "email"
    HAND_DELIVERED = "hand_delivered"
    FAX = "fax"
    PORTAL = "portal"
    PUBLIC_RELEASE = "public_release"
    OTHER = "other"


class RecipientRole(enum.StrEnum):
    DIRECT = "direct"
    COPY = "copy"


class AskStatus(enum.StrEnum):
    OPEN = "open"
    PARTLY_MET = "partly_met"
    MET = "met"
    REFUSED = "refused"
    SUPERSEDED = "superseded"


class SanctionStatus(enum.StrEnum):
    PROPOSED = "proposed"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    DESIGNATED = "designated"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class ResponseType(enum.StrEnum):
    FAVOURABLE_ACTION = "favourable_action"
    COMMITMENT_PLEDGED = "commitment_pledged"
    PARTIAL = "partial"
    TOKEN_REPLY = "token_reply"
    DENIAL = "denial"
    NO_RESPONSE = "no_response"


class ResponseImpact(enum.StrEnum):
    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    NONE = "none"
    UNKNOWN = "unknown"


class AskPositionKind(enum.StrEnum):
    """What a response says to one ask."""

    AGREED = "agreed"
    PARTLY_AGREED = "partly_agreed"
    NONCOMMITTAL = "noncommittal"
    DECLINED = "declined"
    NOT_ADDRESSED = "not_addressed"


class CommitmentStatus(enum.StrEnum):
    PENDING = "pending"
    FULFILLED = "fulfilled"
    BROKEN = "broken"


class EventKind(enum.StrEnum):
    CAPTURED = "captured"
    TRANSFERRED = "transferred"
    CHARGED = "charged"
    HEARING = "hearing"
    SENTENCED = "sentenced"
    RELEASED = "released"
    REPATRIATED = "repatriated"
    DIED = "died"
    VISIT = "visit"
    LETTER_SENT = "letter_sent"
    RESPONSE_RECEIVED = "response_received"
    SANCTION_DESIGNATED = "sanction_designated"
    STATEMENT = "statement"
    OTHER = "other"


class SourceKind(enum.StrEnum):
    URL = "url"
    DOCUMENT = "document"
    INTERVIEW = "interview"
    MEDIA_REPORT = "media_report"
    NGO_REPORT = "ngo_report"
    OFFICIAL_STATEMENT = "official_statement"
    COURT_RECORD = "court_record"
    OTHER = "other"


class Reliability(enum.StrEnum):
    """Source grading, from most to least reliable."""

    HIGHLY_RELIABLE = "highly_reliable"
    RELIABLE = "reliable"
    FAIRLY_RELIABLE = "fairly_reliable"
    NOT_USUALLY_RELIABLE = "not_usually_reliable"
    UNRELIABLE = "unreliable"
    UNKNOWN = "unknown"
