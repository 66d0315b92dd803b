"""Case-insensitive "contains" that works for every script on both backends.

PostgreSQL's ``ILIKE`` folds case in every script. SQLite's ``LIKE`` folds only
ASCII, so ``вардан`` would not find ``Вардан``: there the column goes through
``ct_casefold()``, a Python ``str.casefold`` registered on every connection
(:func:`register_functions`). The fold costs about 1 µs a row, so it is used
only when the typed text is not plain ASCII.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, bindparam

FOLD_FUNCTION = "ct_casefold"


def _casefold(value: object) -> str | None:
    return None if value is None else str(value).casefold()


def register_functions(dbapi_connection: Any) -> None:
    """Add ``ct_casefold(text)`` to a SQLite connection."""
    dbapi_connection.create_function(FOLD_FUNCTION, 1, _casefold, deterministic=True)


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class _FoldedContains(ColumnElement[bool]):
    inherit_cache = True
    type = Boolean()

    def __init__(self, column: Any, pattern: str) -> None:
        self.column = column
        self.pattern = bindparam(None, pattern, unique=True)


@compiles(_FoldedContains)
def _default(element: _FoldedContains, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    return f"{column} ILIKE {compiler.process(element.pattern, **kw)} ESCAPE '\\'"


@compiles(_FoldedContains, "sqlite")
def _sqlite(element: _FoldedContains, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    return f"{FOLD_FUNCTION}({column}) LIKE {compiler.process(element.pattern, **kw)} ESCAPE '\\'"


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """``column`` contains ``text``, ignoring case in any script."""
    needle = text.strip()
    if needle.isascii():
        return column.ilike(f"%{escape_like(needle)}%", escape="\\")
    return _FoldedContains(column, f"%{escape_like(needle.casefold())}%")
