"""the search index: search_documents, with FTS5 (SQLite) or tsvector + GIN (PostgreSQL)

The table starts empty; CaseTracker fills it when it opens a database whose
index is not built (``casetracker db reindex`` does the same by hand). The
engine's DDL is written out here, frozen, as in casetracker.models.search.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 09:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_words, words, senders, recipients, signers, "
    "content='search_documents', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
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


def upgrade() -> None:
    op.create_table(
        "search_documents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("doc_type", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("opens", sa.String(length=16), nullable=False),
        sa.Column("opens_id", sa.Uuid(), nullable=False),
        sa.Column(
            "date",
            sa.String(length=11).with_variant(sa.String(length=11, collation="C"), "postgresql"),
            nullable=True,
        ),
        sa.Column("date_from", sa.Date(), nullable=True),
        sa.Column("date_to", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("title_words", sa.Text(), nullable=False),
        sa.Column("senders", sa.Text(), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("signers", sa.Text(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_documents")),
        sa.UniqueConstraint(
            "doc_type",
            "record_id",
            "part",
            name=op.f("uq_search_documents_doc_type_record_id_part"),
        ),
    )
    op.create_index(
        "ix_search_documents_doc_type_date_to", "search_documents", ["doc_type", "date_to"]
    )
    op.create_index(op.f("ix_search_documents_opens_id"), "search_documents", ["opens_id"])
    op.create_index(
        "ix_search_documents_long",
        "search_documents",
        ["doc_type", "record_id"],
        sqlite_where=sa.text("part > 0"),
        postgresql_where=sa.text("part > 0"),
    )
    statements = SQLITE_DDL if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_DDL
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("search_documents_ai", "search_documents_ad", "search_documents_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_index("ix_search_documents_long", table_name="search_documents")
    op.drop_index(op.f("ix_search_documents_opens_id"), table_name="search_documents")
    op.drop_index("ix_search_documents_doc_type_date_to", table_name="search_documents")
    op.drop_table("search_documents")
