"""Services: every operation the GUI and the CLI can do, with no Qt in sight."""

from __future__ import annotations

from casetracker.db.engine import Database
from casetracker.services.detentions import DetentionsService
from casetracker.services.events import AttachmentsService, EventsService, SourcesService
from casetracker.services.letters import LettersService
from casetracker.services.listing import ListingService
from casetracker.services.organizations import OrganizationsService, PositionsService
from casetracker.services.people import PeopleService
from casetracker.services.responses import ResponsesService
from casetracker.services.sanctions import SanctionsService


class Services:
    """All services over one open database; the GUI and the CLI each build one."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.people = PeopleService(db)
        self.organizations = OrganizationsService(db)
        self.positions = PositionsService(db)
        self.detentions = DetentionsService(db)
        self.letters = LettersService(db)
        self.sanctions = SanctionsService(db)
        self.responses = ResponsesService(db)
        self.events = EventsService(db)
        self.sources = SourcesService(db)
        self.attachments = AttachmentsService(db)
        self.listing = ListingService(db)


__all__ = ["Services"]
