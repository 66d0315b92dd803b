"""Search across every record: the query language now; the index next (issue 4)."""

from casetracker.search.query import Query, QuerySyntaxError, Term, fold_for_search, parse

__all__ = ["Query", "QuerySyntaxError", "Term", "fold_for_search", "parse"]
