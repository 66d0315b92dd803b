"""Browsing a list as the GUI does: every matching id in order, rows fetched by block.

A table view needs random access (drag the scroll bar to the end, jump to row
73,000) that keyset pages cannot give. So the list's ids are selected once, in
SQL order with its filters applied (one narrow indexed query), and the shown
columns are fetched only for the rows on screen, a block of ids at a time.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, select, type_coerce

from casetracker.db.engine import Database
from casetracker.errors import ValidationError
from casetracker.services.base import as_uuid
from casetracker.services.listing import ListingService

#: the most ids one ``rows`` call fetches
MAX_BLOCK = 500


@dataclass(frozen=True)
class IdList:
    """The ids of one list in display order, and the columns it shows.

    Ids are kept as the database returns them (text on SQLite), which is what
    :meth:`BrowseService.rows` takes: converting 100,000 of them costs more
    than the query.
    """

    kind: str
    ids: list[Any]
    columns: tuple[str, ...]


class BrowseService:
    """Ordered ids of a filtered list, and the rows of any block of them."""

    def __init__(self, db: Database, listing: ListingService) -> None:
        self.db = db
        self.listing = listing
        self._columns: dict[str, tuple[str, ...]] = {}

    def columns(self, kind: str) -> tuple[str, ...]:
        if kind not in self._columns:
            query = self.listing.spec(kind).query()
            self._columns[kind] = tuple(c.key for c in query.selected_columns)
        return self._columns[kind]

    def sorts(self, kind: str) -> tuple[str, ...]:
        return tuple(self.listing.spec(kind).sorts)

    def filters(self, kind: str) -> tuple[str, ...]:
        return tuple(self.listing.spec(kind).filters)

    def ids(
        self,
        kind: str,
        *,
        filters: Mapping[str, Any] | None = None,
        text: str | None = None,
        sort: str | None = None,
        descending: bool = False,
    ) -> IdList:
        """Every id of the list, filtered and sorted in SQL."""
        spec = self.listing.spec(kind)
        sort = sort or spec.default_sort
        if sort not in spec.sorts:
            raise ValidationError.single("sort", f"use one of: {', '.join(spec.sorts)}")
        key = spec.sorts[sort]
        record_id = spec.model.id
        table = spec.model.__table__
        searching = bool(text and text.strip()) and spec.text_filter is not None
        if (searching and spec.text_needs_joins) or key.table is not table:
            # the text filter or the sort needs the list's joins
            query = self.listing._filtered(spec, filters or {}, text)
            query = query.with_only_columns(type_coerce(record_id, String()))
        else:
            # only the listed table: read (key, id) from its index, no joins
            query = self.listing._apply_filters(
                spec, select(type_coerce(record_id, String())).select_from(table), filters or {}
            )
            if searching and spec.text_filter is not None:
                query = query.where(spec.text_filter(str(text)))
        if descending:
            query = query.order_by(key.desc().nulls_last(), record_id.desc())
        else:
            query = query.order_by(key.asc().nulls_first(), record_id.asc())
        with self.db.reading() as session:
            ids = list(session.execute(query).scalars())
        return IdList(kind=kind, ids=ids, columns=self.columns(kind))

    def rows(self, kind: str, ids: Sequence[object]) -> list[dict[str, Any] | None]:
        """The shown columns of ``ids``, in the same order; None for a deleted id."""
        if len(ids) > MAX_BLOCK:
            raise ValidationError.single("ids", f"at most {MAX_BLOCK} at a time")
        wanted = [as_uuid(i) for i in ids]
        if not wanted:
            return []
        spec = self.listing.spec(kind)
        query = spec.query().where(spec.model.id.in_(wanted))
        with self.db.reading() as session:
            result = session.execute(query)
            names = list(result.keys())
            found = {r.id: {k: getattr(r, k) for k in names} for r in result}
        by_id: dict[uuid.UUID, dict[str, Any]] = found
        return [by_id.get(i) for i in wanted]

    def position(self, id_list: IdList, record_id: object) -> int | None:
        """Where a record is in a list, or None when the filters hide it."""
        rid = as_uuid(record_id)
        for index, value in enumerate(id_list.ids):
            if as_uuid(value) == rid:
                return index
        return None


__all__ = ["MAX_BLOCK", "BrowseService", "IdList"]
