"""Write the search index: refresh some documents, or rebuild it all.

Documents come from :class:`~casetracker.search.documents.DocumentBuilder`; each
becomes one row of ``search_documents`` (or several for a text over
:data:`PART_WORDS` words, see :func:`split_parts`). The engine's full-text index
follows those rows by itself (FTS5 triggers, PostgreSQL generated columns).
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, delete, exists, func, insert, select, text
from sqlalchemy.orm import Session

from casetracker.models import (
    Attachment,
    Detention,
    Letter,
    LetterRecipient,
    LetterSignatory,
    Person,
    Response,
    SanctionRequest,
    SearchEntry,
    letter_tags,
)
from casetracker.models.search import POSTGRESQL_DDL, SQLITE_DDL
from casetracker.progress import NO_PROGRESS, Progress
from casetracker.search.documents import DocumentBuilder, SearchDocument
from casetracker.search.query import TYPES
from casetracker.search.reference import index_names, index_text, words

log = logging.getLogger(__name__)

#: a long text is indexed in parts, each within what a PostgreSQL tsvector keeps
#: whole (word positions up to 16,383; 256 positions per word; 1 MB), so that
#: both engines find the same: at most this many words per part…
PART_WORDS = 10_000
#: …this many occurrences of one word ("the" reaches it in ~4,000 English words)…
PART_REPEATS = 250
#: …and this many bytes of folded words (texts without spaces make long words)
PART_BYTES = 512 * 1024
#: consecutive parts share this many words, so that a phrase across a cut is found
PART_OVERLAP = 64
_WORD = re.compile(r"[^\W_]+")
_TABLE = SearchEntry.__table__
#: the record table behind each type of document
RECORD_MODELS: dict[str, Any] = {
    "letter": Letter,
    "response": Response,
    "detainee": Detention,
    "sanction": SanctionRequest,
    "person": Person,
    "attachment": Attachment,
}

Key = tuple[str, uuid.UUID]


def _size(folded: list[str]) -> int:
    return sum(len(w.encode("utf-8")) + 1 for w in folded)


def _fits(folded: list[str]) -> bool:
    return (
        len(folded) <= PART_WORDS
        and (not folded or max(Counter(folded).values()) <= PART_REPEATS)
        and _size(folded) <= PART_BYTES
    )


def split_parts(text_: str) -> list[tuple[str, list[str]]]:
    """The text with its folded words; a long one cut into overlapping parts,
    each within :data:`PART_WORDS`, :data:`PART_REPEATS` and :data:`PART_BYTES`."""
    folded = words(text_)
    if _fits(folded):
        return [(text_, folded)]
    tokens = [(m.start(), m.end(), words(m.group())) for m in _WORD.finditer(text_)]
    parts = []
    start = 0
    while start < len(tokens):
        counts: Counter[str] = Counter()
        count = size = 0
        end = start
        while end < len(tokens):
            adding = tokens[end][2]
            grown = Counter(adding)
            if end > start and (
                count + len(adding) > PART_WORDS
                or size + _size(adding) > PART_BYTES
                or any(counts[w] + n > PART_REPEATS for w, n in grown.items())
            ):
                break
            counts.update(grown)
            count += len(adding)
            size += _size(adding)
            end += 1
        piece = text_[tokens[start][0] : tokens[end - 1][1]]
        parts.append((piece, words(piece)))
        if end >= len(tokens):
            break
        start = max(start + 1, end - PART_OVERLAP)
    return parts


def entry_rows(document: SearchDocument) -> list[dict[str, Any]]:
    """The ``search_documents`` rows of one document."""
    date = document.date
    common = {
        "doc_type": document.type,
        "record_id": document.record_id,
        "opens": document.opens,
        "opens_id": document.opens_id,
        "date": date,
        "date_from": date.earliest() if date else None,
        "date_to": date.latest() if date else None,
        "status": document.status,
        "title": document.title,
        "senders": index_names(document.senders),
        "recipients": index_names(document.recipients),
        "signers": index_names(document.signers),
    }
    # the first part's text holds the title; later parts are indexed under it too
    # (the same words on both engines); it ranks higher in the first part only
    title_words = index_text(document.title)
    return [
        {
            **common,
            "part": number,
            "title_words": title_words if number == 0 else "",
            "words": " ".join(folded) if number == 0 else f"{title_words} {' '.join(folded)}",
            "text": part,
        }
        for number, (part, folded) in enumerate(split_parts(document.text))
    ]


@dataclass
class RebuildReport:
    """What a rebuild wrote."""

    documents: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    seconds: float = 0.0
    #: attached files whose text was extracted for the first time
    extracted: int = 0


class SearchIndex:
    """The index inside one session's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.builder = DocumentBuilder(session)
        self.postgresql = session.get_bind().dialect.name == "postgresql"

    # ------------------------------------------------------------ refreshing
    def refresh(self, keys: Iterable[Key]) -> int:
        """Rewrite the documents of these records (removing those of deleted
        records); returns the number of rows written."""
        by_type: dict[str, set[uuid.UUID]] = defaultdict(set)
        for doc_type, record_id in keys:
            by_type[doc_type].add(record_id)
        written = 0
        self.builder.lock_names = self.postgresql
        self._lock_documents(by_type)
        for doc_type, ids in by_type.items():
            wanted = sorted(ids)
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                self.session.execute(
                    delete(SearchEntry).where(
                        SearchEntry.doc_type == doc_type, SearchEntry.record_id.in_(chunk)
                    )
                )
                written += self._insert(self.builder.build(doc_type, chunk))
        return written

    def _lock_documents(self, by_type: dict[str, set[uuid.UUID]]) -> None:
        """PostgreSQL: one writer per document at a time (another transaction
        rewriting the same document is waited for, then its rows are replaced),
        locks taken in one order so that two writers cannot deadlock on them."""
        if not self.postgresql:
            return
        keys = sorted(f"{t}:{i}" for t, ids in by_type.items() for i in ids)
        self.session.execute(
            text(
                "SELECT pg_advisory_xact_lock(h) FROM (SELECT hashtextextended(k, 0) AS h "
                "FROM unnest(CAST(:keys AS text[])) AS k ORDER BY 1 OFFSET 0) AS sorted"
            ),
            {"keys": keys},
        )

    def lock_names(self, table: Any, ids: Iterable[uuid.UUID]) -> None:
        """PostgreSQL: hold these people/organizations/tags until the commit (see
        :class:`DocumentBuilder`)."""
        wanted = sorted(ids)
        if not self.postgresql or not wanted:
            return
        for start in range(0, len(wanted), 500):
            self.session.execute(
                select(table.c.id)
                .where(table.c.id.in_(wanted[start : start + 500]))
                .order_by(table.c.id)
                .with_for_update(key_share=True)
            )

    def forget_owned(self, owner_ids: Iterable[uuid.UUID]) -> None:
        """Remove the documents opened through deleted records (their attached files)."""
        wanted = list(owner_ids)
        for start in range(0, len(wanted), 500):
            self.session.execute(
                delete(SearchEntry).where(SearchEntry.opens_id.in_(wanted[start : start + 500]))
            )

    def _insert(self, documents: Iterable[SearchDocument]) -> int:
        rows: list[dict[str, Any]] = []
        written = 0
        for document in documents:
            rows += entry_rows(document)
            if len(rows) >= 500:
                written += self._flush(rows)
        return written + self._flush(rows)

    def _flush(self, rows: list[dict[str, Any]]) -> int:
        count = len(rows)
        if rows:
            self.session.execute(insert(_TABLE), rows)
            rows.clear()
        return count

    # ------------------------------------------------------------ rebuilding
    def rebuild(self, progress: Progress = NO_PROGRESS) -> RebuildReport:
        """Build the whole index afresh (in the caller's transaction)."""
        started = time.perf_counter()
        report = RebuildReport()
        connection = self.session.connection()
        sqlite = connection.dialect.name == "sqlite"
        totals = {t: self._count(t) for t in TYPES}
        total = sum(totals.values())
        if sqlite:
            for trigger in ("search_documents_ai", "search_documents_ad", "search_documents_au"):
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
            connection.exec_driver_sql("DELETE FROM search_documents")
        else:
            connection.exec_driver_sql("DROP INDEX IF EXISTS ix_search_documents_tsv")
            connection.exec_driver_sql("DELETE FROM search_documents")
        done = 0
        rows: list[dict[str, Any]] = []
        for doc_type in TYPES:
            count = 0
            for document in self.builder.build(doc_type):
                rows += entry_rows(document)
                count += 1
                done += 1
                if len(rows) >= 500:
                    report.rows += self._flush(rows)
                    progress.report(done, total, doc_type)
            report.documents[doc_type] = count
        report.rows += self._flush(rows)
        progress.report(done, total, "index")
        if sqlite:
            connection.exec_driver_sql("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
            for statement in SQLITE_DDL:
                if statement.startswith("CREATE TRIGGER"):
                    connection.exec_driver_sql(statement)
        else:
            connection.exec_driver_sql(POSTGRESQL_DDL[-1])
        report.seconds = time.perf_counter() - started
        log.info("search index rebuilt: %s rows in %.1f s", report.rows, report.seconds)
        return report

    def _count(self, doc_type: str) -> int:
        model = RECORD_MODELS[doc_type]
        return int(self.session.scalar(select(func.count()).select_from(model)) or 0)

    # ------------------------------------------------------------ state
    def is_missing(self) -> bool:
        """True when records exist but the index holds nothing (a database just
        upgraded to the index, or one whose index was emptied)."""
        if self.session.scalar(select(exists().select_from(SearchEntry))):
            return False
        return any(
            self.session.scalar(select(exists().select_from(model)))
            for model in RECORD_MODELS.values()
        )


def people_related(session: Session, person_ids: list[uuid.UUID]) -> set[Key]:
    """The documents that show these people's names."""
    keys: set[Key] = {("person", p) for p in person_ids}
    for start in range(0, len(person_ids), 500):
        chunk = person_ids[start : start + 500]
        for doc_type, statement in (
            ("detainee", select(Detention.id).where(Detention.person_id.in_(chunk))),
            (
                "letter",
                select(LetterSignatory.letter_id).where(LetterSignatory.person_id.in_(chunk)),
            ),
            (
                "letter",
                select(LetterRecipient.letter_id).where(LetterRecipient.person_id.in_(chunk)),
            ),
            ("response", select(Response.id).where(Response.from_person_id.in_(chunk))),
            (
                "sanction",
                select(SanctionRequest.id).where(SanctionRequest.target_person_id.in_(chunk)),
            ),
        ):
            keys.update((doc_type, rid) for rid in session.scalars(statement))
    return keys


def organizations_related(session: Session, org_ids: list[uuid.UUID]) -> set[Key]:
    """The documents that show these organizations' names."""
    keys: set[Key] = set()
    for start in range(0, len(org_ids), 500):
        chunk = org_ids[start : start + 500]
        keys.update(
            ("letter", rid)
            for rid in session.scalars(
                select(LetterRecipient.letter_id).where(LetterRecipient.organization_id.in_(chunk))
            )
        )
        keys.update(
            ("response", rid)
            for rid in session.scalars(
                select(Response.id).where(Response.from_organization_id.in_(chunk))
            )
        )
    return keys


def tags_related(session: Session, tag_ids: list[uuid.UUID]) -> set[Key]:
    """The letters carrying these tags."""
    return {
        ("letter", rid)
        for rid in session.scalars(
            select(letter_tags.c.letter_id).where(letter_tags.c.tag_id.in_(tag_ids))
        )
    }


def rebuild(connection: Connection, progress: Progress = NO_PROGRESS) -> RebuildReport:
    """Rebuild the index inside ``connection``'s transaction."""
    with Session(bind=connection) as session:
        return SearchIndex(session).rebuild(progress)


def optimize(connection: Connection) -> None:
    """Merge the FTS5 index into one segment (after a rebuild; SQLite only)."""
    if connection.dialect.name == "sqlite":
        connection.execute(text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))


__all__ = [
    "PART_OVERLAP",
    "PART_WORDS",
    "RECORD_MODELS",
    "RebuildReport",
    "SearchIndex",
    "entry_rows",
    "organizations_related",
    "people_related",
    "rebuild",
    "split_parts",
    "tags_related",
]
