"""Alembic environment for CaseTracker.

Run through ``casetracker db upgrade`` (or ``alembic`` with ``alembic.ini``).
SQLite: batch mode, foreign keys OFF while migrating (a batch table rebuild
with foreign keys on silently deletes ``ON DELETE CASCADE`` children), and a
``foreign_key_check`` after each migration. One transaction for the whole
upgrade everywhere (SQLite runs DDL in transactions too): an upgrade that fails
or is killed part-way leaves the database at its old revision, never between.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context
from sqlalchemy import Connection, text

import casetracker.models  # noqa: F401  (registers every table)
from casetracker.db.base import Base
from casetracker.db.engine import is_sqlite, make_engine, resolve_url
from casetracker.db.types import PartialDateType, UTCDateTime
from casetracker.errors import DatabaseError

config = context.config
target_metadata = Base.metadata


#: the search engine's own objects, created beside ``search_documents`` (see
#: casetracker.models.search): the FTS5 table and its shadow tables on SQLite,
#: generated tsvector columns and their GIN index on PostgreSQL
ENGINE_TABLE_PREFIXES = ("search_fts", "sqlite_")
ENGINE_OBJECTS = ("tsv", "title_tsv", "ix_search_documents_tsv")


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave out what Alembic must not manage: the search engine's own objects."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(ENGINE_TABLE_PREFIXES)
    return name not in ENGINE_OBJECTS


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Compare only the indexes meant for this dialect (``Index.ddl_if``)."""
    if type_ == "index" and not reflected:
        condition = getattr(obj, "_ddl_if", None)
        dialect = getattr(condition, "dialect", None)
        if dialect and dialect != context.get_context().dialect.name:
            return False
    return True


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Render CaseTracker's column types as plain SQL types, so that migrations
    stay frozen and never import application types."""
    if type_ != "type":
        return False
    if isinstance(obj, PartialDateType):
        return (
            'sa.String(length=11).with_variant(sa.String(length=11, collation="C"), "postgresql")'
        )
    if isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if isinstance(obj, sa.Enum) and not obj.native_enum:
        return f"sa.String(length={obj.length})"
    return False


def _check_foreign_keys(connection: Connection) -> None:
    rows = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
    if rows:
        raise DatabaseError(
            f"the migration would leave {len(rows)} broken references (first in table "
            f"{rows[0][0]}); it was rolled back"
        )


def _configure(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=sqlite,
        transaction_per_migration=False,
        transactional_ddl=True,
        include_name=include_name,
        include_object=include_object,
        compare_type=True,
        render_item=render_item,
        on_version_apply=(lambda **_: _check_foreign_keys(connection)) if sqlite else None,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = resolve_url(config.get_main_option("sqlalchemy.url") or None)
    engine = make_engine(url, foreign_keys=not is_sqlite(url))
    with engine.connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
