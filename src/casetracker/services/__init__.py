"""Services: every operation the GUI and the CLI can do, with no Qt in sight."""

from __future__ import annotations

from casetracker.db.engine import Database
from casetracker.services.browse import BrowseService
from casetracker.services.bulk import BulkService
from casetracker.services.children import ChildrenService, DocumentsService
from casetracker.services.dashboard import DashboardService
from casetracker.services.detentions import DetentionsService
from casetracker.services.events import AttachmentsService, EventsService, SourcesService
from casetracker.services.forms import FormsService
from casetracker.services.history import HistoryService
from casetracker.services.letters import LettersService
from casetracker.services.listing import ListingService
from casetracker.services.lookup import LookupService
from casetracker.services.organizations import OrganizationsService, PositionsService
from casetracker.services.people import PeopleService
from casetracker.services.purge import PurgeService
from casetracker.services.related import RelatedService
from casetracker.services.reports import ReportsService
from casetracker.services.responses import ResponsesService
from casetracker.services.sanctions import SanctionsService
from casetracker.services.search import SearchService


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
        self.forms = FormsService(db)
        self.browse = BrowseService(db, self.listing)
        self.related = RelatedService(db)
        self.dashboard = DashboardService(db)
        self.lookup = LookupService(db)
        self.children = ChildrenService(db, self)
        self.documents = DocumentsService(db, self)
        self.search = SearchService(db)
        self.reports = ReportsService(db)
        self.history = HistoryService(db)
        self.bulk = BulkService(db)
        self.purge = PurgeService(db)
        from casetracker.letters.importing import LetterImportService  # (imports services)

        self.letter_import = LetterImportService(db, self)


__all__ = ["Services"]
