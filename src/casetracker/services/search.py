"""Search every record, and rebuild the index: the service the GUI and CLI share."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casetracker.db.engine import Database
from casetracker.errors import ValidationError
from casetracker.models import Attachment, SearchEntry
from casetracker.progress import NO_PROGRESS, Progress
from casetracker.search.engine import SearchEngine, SearchResults
from casetracker.search.extract import extract_text
from casetracker.search.index import RebuildReport, SearchIndex, optimize
from casetracker.search.query import TYPES, Query, parse

MAX_LIMIT = 1000


class SearchService:
    """Full-text search over letters, responses, detainees, sanction requests,
    people and attached files."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def search(
        self,
        query: str | Query,
        *,
        types: Iterable[str] = (),
        limit: int = 50,
        per_type: bool = False,
        name_variants: bool = True,
    ) -> SearchResults:
        """Hits for a query as typed in the search box (``QuerySyntaxError`` when
        it cannot be read). ``types`` narrows it further; ``per_type`` gives the
        best ``limit`` of each type with the number found of each; with
        ``name_variants`` a name also finds its other recorded spellings."""
        parsed = parse(query) if isinstance(query, str) else query
        wanted = list(types)
        unknown = [t for t in wanted if t not in TYPES]
        if unknown:
            raise ValidationError.single(
                "type", f"{unknown[0]} is not a record type; use one of: {', '.join(TYPES)}"
            )
        if not 1 <= limit <= MAX_LIMIT:
            raise ValidationError.single("limit", f"must be between 1 and {MAX_LIMIT}")
        with self.db.reading() as session:
            engine = SearchEngine(session)
            return engine.search(
                engine.with_name_variants(parsed) if name_variants else parsed,
                types=wanted,
                limit=limit,
                per_type=per_type,
            )

    def reindex(self, progress: Progress = NO_PROGRESS) -> RebuildReport:
        """Rebuild the index from every record, in one transaction (cancelling
        through ``progress`` keeps the old index). Attached files whose text was
        never extracted (added by an older version) are read first."""
        with self.db.transaction() as session:
            extracted = self._extract_missing(session, progress)
            report = SearchIndex(session).rebuild(progress)
            report.extracted = extracted
        with self.db.engine.begin() as connection:
            optimize(connection)
        return report

    @staticmethod
    def _extract_missing(session: Session, progress: Progress) -> int:
        """Extract the text of attached files that have none recorded (NULL; an
        empty text means the file has none); their documents are rebuilt when
        the transaction commits."""
        missing = list(
            session.scalars(select(Attachment.id).where(Attachment.extracted_text.is_(None)))
        )
        for number, attachment_id in enumerate(missing):
            progress.report(number, len(missing), "attached files")
            attachment = session.get(Attachment, attachment_id)
            if attachment is not None:
                attachment.extracted_text = (
                    extract_text(
                        attachment.content, attachment.original_name, attachment.media_type
                    )
                    or ""
                )
                session.flush()
                session.expunge(attachment)  # its content may be large
        return len(missing)

    def ensure_built(self, progress: Progress = NO_PROGRESS) -> RebuildReport | None:
        """Build the index when records exist but it holds nothing (a database
        just upgraded to this version); None when it is already there."""
        with self.db.reading() as session:
            missing = SearchIndex(session).is_missing()
        return self.reindex(progress) if missing else None

    def size(self) -> dict[str, int]:
        """Documents in the index, per type."""
        with self.db.reading() as session:
            rows = session.execute(
                select(SearchEntry.doc_type, func.count())
                .where(SearchEntry.part == 0)
                .group_by(SearchEntry.doc_type)
            ).all()
        return {doc_type: int(count) for doc_type, count in rows}
