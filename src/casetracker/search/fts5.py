"""A parsed query as SQLite FTS5 ``MATCH`` expressions.

The index (``search_fts``) holds each document's folded words (:func:`index_text`)
in columns: ``title_words`` and ``words`` for the text, ``senders``,
``recipients`` and ``signers`` for the names ``from:``/``to:``/``signed-by:``
look at. The query's words are folded the same way and always quoted, so no
user text is ever read as FTS5 syntax. Type, date and status filters are not
part of the expression: the engine applies them in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from casetracker.search.query import Query, Term
from casetracker.search.reference import name_words, words

#: the tokenizer the index must use for these expressions to mean what
#: :mod:`casetracker.search.reference` says
TOKENIZER = "unicode61 remove_diacritics 2"

#: the columns of ``search_fts``, in order
COLUMNS = ("title_words", "words", "senders", "recipients", "signers")
_TEXT = "{title_words words}"


@dataclass(frozen=True)
class MatchExpressions:
    """What to ask FTS5: documents matching ``positive`` (None: every document),
    less those matching ``negative``; ``empty`` when the query can find nothing."""

    positive: str | None
    negative: str | None
    empty: bool = False


def _quoted(term: Term) -> str | None:
    tokens = words(term.text)
    if not tokens:
        return None
    phrase = '"' + " ".join(tokens).replace('"', '""') + '"'
    return phrase + "*" if term.prefix else phrase


def _names(column: str, values: tuple[str, ...]) -> list[str] | None:
    found = []
    for value in values:
        tokens = name_words(value)
        if not tokens:
            return None
        found.append(f'{column} : "{" ".join(tokens)}"')
    return found


def to_match(query: Query) -> MatchExpressions:
    """The ``MATCH`` expressions of the query's words and name filters."""
    positive: list[str] = []
    for group in query.groups:
        alternatives = [q for q in (_quoted(t) for t in group) if q]
        if alternatives:
            positive.append(f"{_TEXT} : ({' OR '.join(alternatives)})")
    for column, values in (
        ("senders", query.senders),
        ("recipients", query.recipients),
        ("signers", query.signers),
    ):
        names = _names(column, values)
        if names is None:
            return MatchExpressions(None, None, empty=True)
        positive += names
    excluded = [q for q in (_quoted(t) for t in query.excluded) if q]
    negative = f"{_TEXT} : ({' OR '.join(excluded)})" if excluded else None
    if positive and negative:
        return MatchExpressions(f"({' AND '.join(positive)}) NOT ({negative})", None)
    return MatchExpressions(" AND ".join(positive) or None, negative)
