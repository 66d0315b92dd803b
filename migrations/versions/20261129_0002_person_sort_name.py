"""person sort name: a surname-first key for sorting people

Adds ``people.sort_name`` (NOT NULL), filled from ``display_name`` for existing
rows. On SQLite the NOT NULL change rebuilds the table (batch mode), which is
why migrations run with foreign keys off: the rebuild must not cascade into
name variants, identifiers and consents.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 01:52:13
"""

import re
import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"}
_FOLDS = str.maketrans({"ə": "e", "Ə": "e", "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o"})


def _sort_name(display_name: str) -> str:
    """Frozen copy of casetracker.names.sort_name as of this revision."""
    words = display_name.replace(",", " ").split()
    suffixes = []
    while len(words) > 1 and words[-1].casefold() in _SUFFIXES:
        suffixes.insert(0, words.pop())
    if len(words) > 1:
        words = [words[-1], *words[:-1]]
    text = unicodedata.normalize("NFKD", " ".join(words + suffixes).translate(_FOLDS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return re.sub(r"\s+", " ", text).strip()[:300]


def upgrade() -> None:
    with op.batch_alter_table("people") as batch_op:
        batch_op.add_column(sa.Column("sort_name", sa.String(length=300), nullable=True))

    people = sa.table(
        "people", sa.column("id", sa.Uuid()), sa.column("display_name"), sa.column("sort_name")
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(people.c.id, people.c.display_name)).fetchall()
    for row in rows:
        bind.execute(
            people.update()
            .where(people.c.id == row.id)
            .values(sort_name=_sort_name(row.display_name))
        )

    with op.batch_alter_table("people") as batch_op:
        batch_op.alter_column("sort_name", existing_type=sa.String(length=300), nullable=False)
        batch_op.create_index(batch_op.f("ix_people_sort_name"), ["sort_name"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("people") as batch_op:
        batch_op.drop_index(batch_op.f("ix_people_sort_name"))
        batch_op.drop_column("sort_name")
