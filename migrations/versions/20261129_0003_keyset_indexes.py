"""keyset indexes: (date, id) so that date-sorted list pages read in index order

Replaces the single-column date indexes. PostgreSQL gets ``NULLS FIRST`` in the
index (lists show undated records first); SQLite sorts NULLs first already and
refuses the clause in an index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 03:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KEYS = (
    ("letters", "sent_on"),
    ("letters", "follow_up_due"),
    ("detentions", "captured_on"),
    ("sanction_requests", "submitted_on"),
    ("responses", "received_on"),
)


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table, column in KEYS:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
        if postgres:
            op.create_index(
                f"ix_{table}_{column}_id_pg", table, [sa.text(f"{column} NULLS FIRST"), "id"]
            )
        else:
            op.create_index(f"ix_{table}_{column}_id", table, [column, "id"])


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table, column in KEYS:
        suffix = "_id_pg" if postgres else "_id"
        op.drop_index(f"ix_{table}_{column}{suffix}", table_name=table)
        op.create_index(f"ix_{table}_{column}", table, [column])
