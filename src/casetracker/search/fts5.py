"""A parsed query as an SQLite FTS5 ``MATCH`` expression.

The index holds the document's folded words (:func:`index_text`), tokenized by
FTS5's ``unicode61`` tokenizer; the query's words are folded the same way and always
quoted, so no user text is ever read as FTS5 syntax. Filters (type, dates,
people, status) are not part of the expression: the engine applies them in SQL.
"""

from __future__ import annotations

from casetracker.search.query import Query, Term
from casetracker.search.reference import words

#: the tokenizer the index must use for these expressions to mean what
#: :mod:`casetracker.search.reference` says
TOKENIZER = "unicode61 remove_diacritics 2"


def _quoted(term: Term) -> str | None:
    tokens = words(term.text)
    if not tokens:
        return None
    phrase = '"' + " ".join(tokens).replace('"', '""') + '"'
    return phrase + "*" if term.prefix else phrase


def to_match(query: Query) -> str | None:
    """The ``MATCH`` expression of the query's words; None when it has none."""
    groups = []
    for group in query.groups:
        alternatives = [q for q in (_quoted(t) for t in group) if q]
        if not alternatives:
            continue
        groups.append(
            alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"
        )
    if not groups:
        return None
    expression = " AND ".join(groups)
    excluded = [q for q in (_quoted(t) for t in query.excluded) if q]
    if excluded:
        expression = f"({expression}) NOT ({' OR '.join(excluded)})"
    return expression


def index_text(text: str) -> str:
    """What the index stores for a document's text: its folded words (the same as
    the PostgreSQL index, so both engines see the same words)."""
    return " ".join(words(text))
