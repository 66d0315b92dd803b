"""indexes for the dashboard: overdue letters and recent changes

``letters (direction, follow_up_due, id)`` finds outgoing letters past their
follow-up date; ``updated_at`` on the six listed tables finds the latest
changes without scanning (100,000 rows: dashboard 462 ms -> 76 ms on SQLite).
``updated_at`` is indexed alone: with ``(updated_at, id)`` SQLite chose that
index for unrelated full scans and slowed them down.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 06:05:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANGED = ("detentions", "letters", "sanction_requests", "responses", "people", "organizations")


def upgrade() -> None:
    op.create_index(
        "ix_letters_direction_follow_up_due_id", "letters", ["direction", "follow_up_due", "id"]
    )
    for table in CHANGED:
        op.create_index(f"ix_{table}_updated_at", table, ["updated_at"])


def downgrade() -> None:
    for table in CHANGED:
        op.drop_index(f"ix_{table}_updated_at", table_name=table)
    op.drop_index("ix_letters_direction_follow_up_due_id", table_name="letters")
