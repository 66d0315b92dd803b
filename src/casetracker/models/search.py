"""The search index's table: one row per searchable document (or per part of a
very long one), with what a hit shows and the folded words both engines index.

The full-text index proper depends on the engine and is created beside the
table (here for new databases, in migration 0006 for older ones):

* SQLite: the FTS5 table ``search_fts`` reads its text from this table
  (external content) and triggers keep it in step with every insert, update
  and delete;
* PostgreSQL: a generated ``tsvector`` column ``tsv`` (text weighted D, senders
  A, recipients B, signatories C), ``title_tsv`` for ranking titles higher, and a
  GIN index on ``tsv``.

Rows are written by :mod:`casetracker.search.index` only.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DDL, Index, Integer, String, Text, UniqueConstraint, event
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column

from casetracker.db.base import Base
from casetracker.partialdate import PartialDate


class SearchEntry(Base):
    """One indexed document (part). Small columns first: SQLite reads a row's
    filter columns without touching the long text stored after them."""

    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("doc_type", "record_id", "part"),
        Index("ix_search_documents_doc_type_date_to", "doc_type", "date_to"),
        # the few documents long enough to be stored in several parts
        Index(
            "ix_search_documents_long",
            "doc_type",
            "record_id",
            sqlite_where=sql_text("part > 0"),
            postgresql_where=sql_text("part > 0"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_type: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[uuid.UUID]
    part: Mapped[int] = mapped_column(Integer, default=0)
    opens: Mapped[str] = mapped_column(String(16))
    opens_id: Mapped[uuid.UUID] = mapped_column(index=True)
    date: Mapped[PartialDate | None]
    date_from: Mapped[dt.date | None]
    date_to: Mapped[dt.date | None]
    status: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    title_words: Mapped[str] = mapped_column(Text)
    senders: Mapped[str] = mapped_column(Text)
    recipients: Mapped[str] = mapped_column(Text)
    signers: Mapped[str] = mapped_column(Text)
    words: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


#: SQLite: the FTS5 index over ``search_documents`` and the triggers that keep it current
SQLITE_DDL = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_words, words, senders, recipients, signers, "
    "content='search_documents', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    # ORDER BY rank: bm25, the title's words counting four times, names not at all
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0, 0.0, 0.0, 0.0)')",
    "CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, title_words, words, senders, recipients, signers) "
    "VALUES (new.id, new.title_words, new.words, new.senders, new.recipients, new.signers); "
    "END",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_words, words, senders, recipients, signers) "
    "VALUES ('delete', old.id, old.title_words, old.words, old.senders, old.recipients, "
    "old.signers); "
    "END",
    "CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_words, words, senders, recipients, signers) "
    "VALUES ('delete', old.id, old.title_words, old.words, old.senders, old.recipients, "
    "old.signers); "
    "INSERT INTO search_fts(rowid, title_words, words, senders, recipients, signers) "
    "VALUES (new.id, new.title_words, new.words, new.senders, new.recipients, new.signers); "
    "END",
)

#: PostgreSQL: generated tsvector columns and their GIN index
POSTGRESQL_DDL = (
    "ALTER TABLE search_documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', words), 'D') || "
    "setweight(to_tsvector('simple', senders), 'A') || "
    "setweight(to_tsvector('simple', recipients), 'B') || "
    "setweight(to_tsvector('simple', signers), 'C')) STORED",
    "ALTER TABLE search_documents ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple', title_words)) STORED",
    "CREATE INDEX ix_search_documents_tsv ON search_documents USING gin (tsv)",
)

for _statement in SQLITE_DDL:
    event.listen(
        SearchEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite")
    )
for _statement in POSTGRESQL_DDL:
    event.listen(
        SearchEntry.__table__, "after_create", DDL(_statement).execute_if(dialect="postgresql")
    )
