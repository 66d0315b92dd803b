"""the history: audit_log, append-only and hash-chained

A new table, so no table rebuild. The triggers refusing DELETE and any UPDATE
but a purge's blanking are written out here, frozen, as in
casetracker.models.audit. Records already in the database have no history
before this revision.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = "the history is append-only"

SQLITE_DDL = (
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN "
    f"SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN NOT ("
    "new.changes IS NULL AND new.summary IS NULL AND new.salt IS NULL "
    "AND new.seq IS old.seq AND new.at IS old.at AND new.actor IS old.actor "
    "AND new.action IS old.action AND new.entity IS old.entity "
    "AND new.record_id IS old.record_id AND new.content_hash IS old.content_hash "
    "AND new.prev_hash IS old.prev_hash AND new.hash IS old.hash) BEGIN "
    f"SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
)

POSTGRESQL_DDL = (
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN "
    "IF TG_OP = 'UPDATE' AND NEW.changes IS NULL AND NEW.summary IS NULL AND NEW.salt IS NULL "
    "AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor = OLD.actor "
    "AND NEW.action = OLD.action AND NEW.entity = OLD.entity "
    "AND NEW.record_id IS NOT DISTINCT FROM OLD.record_id "
    "AND NEW.content_hash = OLD.content_hash AND NEW.prev_hash = OLD.prev_hash "
    "AND NEW.hash = OLD.hash THEN RETURN NEW; END IF; "
    f"RAISE EXCEPTION '{APPEND_ONLY}'; "
    "END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
)


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=False,
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("changes", sa.Text(), nullable=True),
        sa.Column("salt", sa.String(length=32), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    op.create_index(op.f("ix_audit_log_record_id"), "audit_log", ["record_id"])
    statements = SQLITE_DDL if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_DDL
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    op.drop_index(op.f("ix_audit_log_record_id"), table_name="audit_log")
    op.drop_table("audit_log")
