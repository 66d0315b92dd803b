"""Run a query against the index: SQLite FTS5 ranked by bm25, or PostgreSQL
``tsvector`` ranked by ``ts_rank``; the same hits either way.

Only ids and scores are ranked in SQL (the engine never carries long text
through its sort); the few rows shown are then read by id and given a snippet
cut from their original text (:mod:`casetracker.search.snippets`).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Date, bindparam, exists, select, text
from sqlalchemy.orm import Session

from casetracker.models import SearchEntry
from casetracker.partialdate import PartialDate
from casetracker.search.expand import expand_tokenized, has_name_terms, name_index
from casetracker.search.fts5 import to_match
from casetracker.search.query import TYPES, Query
from casetracker.search.snippets import Snippet, make_snippet
from casetracker.search.tsquery import CONFIG, to_tsquery


@dataclass(frozen=True)
class SearchHit:
    """One record found, with what the results list shows of it."""

    type: str
    record_id: uuid.UUID
    opens: str
    opens_id: uuid.UUID
    title: str
    date: PartialDate | None
    status: str | None
    score: float
    snippet: Snippet


@dataclass(frozen=True)
class SearchResults:
    """Hits, best first; ``counts``: documents found per type (when asked per type)."""

    query: Query
    hits: tuple[SearchHit, ...]
    counts: dict[str, int] = field(default_factory=dict)
    milliseconds: float = 0.0

    def by_type(self) -> dict[str, list[SearchHit]]:
        grouped: dict[str, list[SearchHit]] = {}
        for hit in self.hits:
            grouped.setdefault(hit.type, []).append(hit)
        return grouped


@dataclass(frozen=True)
class _Ranked:
    id: int
    score: float
    doc_type: str
    total: int


def _filters(query: Query, types: Iterable[str]) -> tuple[list[str], dict[str, Any]]:
    conditions: list[str] = []
    params: dict[str, Any] = {}
    wanted = set(query.types)
    extra = set(types)
    if extra:
        wanted = wanted & extra if wanted else extra
        if not wanted:
            conditions.append("1 = 0")
    if wanted:
        conditions.append("d.doc_type IN :types")
        params["types"] = sorted(wanted)
    if query.after:
        conditions.append("d.date_to >= :after")
        params["after"] = query.after
    if query.before:
        conditions.append("d.date_from <= :before")
        params["before"] = query.before
    if query.statuses:
        conditions.append("d.status IN :statuses")
        params["statuses"] = sorted(query.statuses)
    return conditions, params


def _statement(sql: str, params: dict[str, Any]) -> Any:
    statement = text(sql)
    for name in ("types", "statuses"):
        if name in params:
            statement = statement.bindparams(bindparam(name, expanding=True))
    for name in ("after", "before"):
        if name in params:
            statement = statement.bindparams(bindparam(name, type_=Date()))
    return statement


class SearchEngine:
    """Queries over one session (the caller's transaction or a reading session)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.sqlite = session.get_bind().dialect.name == "sqlite"

    def search(
        self,
        query: Query,
        *,
        types: Iterable[str] = (),
        limit: int = 50,
        per_type: bool = False,
        snippet_width: int = 180,
    ) -> SearchResults:
        """The best ``limit`` hits (per type, when ``per_type``)."""
        started = time.perf_counter()
        # a long document is stored in parts, several of which may match: ask for
        # more rows until ``limit`` documents are there (or there are no more)
        long_documents = self._has_long_documents()
        fetch = limit * 2 + 8 if long_documents else limit
        while True:
            ranked = self._ranked(query, types, fetch, per_type)
            rows = self._rows([r.id for r in ranked])
            picked = self._pick(ranked, rows, limit)
            shown = {t: sum(1 for _, row in picked if row.doc_type == t) for t in TYPES}
            counts = self._counts(query, types, ranked, long_documents) if per_type else {}
            if per_type:
                complete = all(shown[t] >= min(limit, counts.get(t, 0)) for t in TYPES)
            else:
                complete = len(picked) >= limit or len(ranked) < fetch
            if complete or not long_documents or fetch > 100_000:
                break
            fetch *= 4
        hits = [
            SearchHit(
                type=row.doc_type,
                record_id=row.record_id,
                opens=row.opens,
                opens_id=row.opens_id,
                title=row.title,
                date=row.date,
                status=row.status,
                score=round(entry.score, 6),
                snippet=make_snippet(row.text, query, snippet_width),
            )
            for entry, row in picked
        ]
        return SearchResults(
            query=query,
            hits=tuple(hits),
            counts=counts,
            milliseconds=(time.perf_counter() - started) * 1000,
        )

    @staticmethod
    def _pick(ranked: list[_Ranked], rows: dict[int, Any], limit: int) -> list[tuple[_Ranked, Any]]:
        """The best part of each document, at most ``limit`` per type."""
        picked = []
        seen: set[tuple[str, uuid.UUID]] = set()
        shown: dict[str, int] = {}
        for entry in ranked:
            row = rows.get(entry.id)
            if row is None or (row.doc_type, row.record_id) in seen:
                continue
            if shown.get(row.doc_type, 0) >= limit:
                continue
            shown[row.doc_type] = shown.get(row.doc_type, 0) + 1
            seen.add((row.doc_type, row.record_id))
            picked.append((entry, row))
        return picked

    def _has_long_documents(self) -> bool:
        return bool(self.session.scalar(select(exists().where(SearchEntry.part > 0))))

    def _counts(
        self, query: Query, types: Iterable[str], ranked: list[_Ranked], long_documents: bool
    ) -> dict[str, int]:
        """Documents found per type: from the ranking, or counted afresh when some
        documents have several parts (each part is one row of the ranking)."""
        counts = {r.doc_type: r.total for r in ranked}
        if not long_documents or not counts:
            return counts
        conditions, params = _filters(query, types)
        source = self._source(query, conditions, params)
        if source is None:
            return counts
        sql = (
            "SELECT doc_type, COUNT(DISTINCT record_id) AS total "
            f"FROM ({source}) AS found GROUP BY doc_type"
        )
        return {
            row.doc_type: int(row.total)
            for row in self.session.execute(_statement(sql, params), params)
        }

    def with_name_variants(self, query: Query) -> Query:
        """The query with the recorded variants of the names it holds
        (:mod:`casetracker.search.expand`)."""
        if not has_name_terms(query):
            return query
        people = name_index(self.session).people(query)
        return expand_tokenized(query, people) if people else query

    # ---------------------------------------------------------------- ranking
    def _ranked(
        self, query: Query, types: Iterable[str], limit: int, per_type: bool
    ) -> list[_Ranked]:
        conditions, params = _filters(query, types)
        if self.sqlite and not per_type and not conditions and query.has_words:
            return self._fts5_ranked(query, limit)
        source = self._source(query, conditions, params)
        if source is None:
            return []
        params["limit"] = limit
        if per_type:
            sql = (
                "SELECT id, score, doc_type, total FROM ("
                "SELECT id, score, doc_type, "
                "ROW_NUMBER() OVER (PARTITION BY doc_type ORDER BY score DESC, id) AS n, "
                f"COUNT(*) OVER (PARTITION BY doc_type) AS total FROM ({source}) AS found"
                ") AS numbered WHERE n <= :limit ORDER BY score DESC, id"
            )
        else:
            sql = f"SELECT id, score, doc_type, 0 AS total FROM ({source}) AS found "
            sql += "ORDER BY score DESC, id LIMIT :limit"
        result = self.session.execute(_statement(sql, params), params)
        return [_Ranked(r.id, float(r.score), r.doc_type, int(r.total)) for r in result]

    def _fts5_ranked(self, query: Query, limit: int) -> list[_Ranked]:
        """Words and no filter on SQLite: FTS5 ranks by itself (its ``rank`` is set
        to bm25 with title words counting four times) and stops at ``limit``."""
        match = to_match(query)
        if match.empty or match.positive is None:
            return []
        expression = match.positive
        if match.negative:
            expression = f"({expression}) NOT ({match.negative})"
        result = self.session.execute(
            text(
                "SELECT rowid AS id, -rank AS score FROM search_fts "
                "WHERE search_fts MATCH :match ORDER BY rank LIMIT :limit"
            ),
            {"match": expression, "limit": limit},
        )
        return [_Ranked(r.id, float(r.score), "", 0) for r in result]

    def _source(self, query: Query, conditions: list[str], params: dict[str, Any]) -> str | None:
        """SQL giving ``id, score, doc_type, record_id`` of every matching row."""
        if self.sqlite:
            return self._sqlite_source(query, conditions, params)
        return self._postgresql_source(query, conditions, params)

    def _sqlite_source(
        self, query: Query, conditions: list[str], params: dict[str, Any]
    ) -> str | None:
        match = to_match(query)
        if match.empty:
            return None
        where = list(conditions)
        if match.negative:
            where.append(
                "d.id NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :negative)"
            )
            params["negative"] = match.negative
        if match.positive:
            params["match"] = match.positive
            where.insert(0, "search_fts MATCH :match")
            # bm25: lower is better; words in the title count four times
            score = "-bm25(search_fts, 4.0, 1.0, 0.0, 0.0, 0.0)" if query.has_words else "0.0"
            return (
                f"SELECT d.id AS id, {score} AS score, d.doc_type AS doc_type, "
                "d.record_id AS record_id "
                "FROM search_fts JOIN search_documents AS d ON d.id = search_fts.rowid "
                f"WHERE {' AND '.join(where)}"
            )
        return self._dated_source(where, "COALESCE(julianday(d.date_to), 0.0)")

    def _postgresql_source(
        self, query: Query, conditions: list[str], params: dict[str, Any]
    ) -> str | None:
        ts = to_tsquery(query)
        if ts.empty:
            return None
        where = list(conditions)
        if ts.negative:
            where.append(f"NOT (d.tsv @@ to_tsquery('{CONFIG}', :negative))")
            params["negative"] = ts.negative
        if ts.positive:
            params["match"] = ts.positive
            where.insert(0, f"d.tsv @@ to_tsquery('{CONFIG}', :match)")
            score = "0.0"
            if ts.ranking:
                params["ranking"] = ts.ranking
                score = (
                    f"ts_rank(d.tsv, to_tsquery('{CONFIG}', :ranking)) + "
                    f"ts_rank(d.title_tsv, to_tsquery('{CONFIG}', :ranking))"
                )
            return (
                f"SELECT d.id AS id, {score} AS score, d.doc_type AS doc_type, "
                f"d.record_id AS record_id FROM search_documents AS d WHERE {' AND '.join(where)}"
            )
        return self._dated_source(where, "COALESCE(d.date_to - DATE '0001-01-01', 0)")

    @staticmethod
    def _dated_source(where: list[str], day_number: str) -> str:
        """No words to rank by: the most recent first (undated last)."""
        condition = f"WHERE {' AND '.join(where)}" if where else ""
        return (
            f"SELECT d.id AS id, {day_number} AS score, d.doc_type AS doc_type, "
            f"d.record_id AS record_id FROM search_documents AS d {condition}"
        )

    # ---------------------------------------------------------------- rows
    def _rows(self, ids: list[int]) -> dict[int, _Row]:
        """The shown rows, read by id (plain SQL: this runs on every search)."""
        if not ids:
            return {}
        result = self.session.execute(
            text(
                "SELECT id, doc_type, record_id, opens, opens_id, title, date, status, text "
                "FROM search_documents WHERE id IN :ids"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": ids},
        )
        return {
            row.id: _Row(
                row.doc_type,
                _uuid(row.record_id),
                row.opens,
                _uuid(row.opens_id),
                row.title,
                PartialDate.from_sort_text(row.date) if row.date else None,
                row.status,
                row.text,
            )
            for row in result
        }


@dataclass(frozen=True)
class _Row:
    doc_type: str
    record_id: uuid.UUID
    opens: str
    opens_id: uuid.UUID
    title: str
    date: PartialDate | None
    status: str | None
    text: str


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


__all__ = ["SearchEngine", "SearchHit", "SearchResults"]
