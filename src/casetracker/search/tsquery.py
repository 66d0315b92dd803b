"""A parsed query as a PostgreSQL ``tsquery`` (for ``to_tsquery('simple', …)``).

PostgreSQL's text parser splits words its own way (URLs, e-mail addresses,
hyphenated words, ``10:30``…), so neither engine is given raw text: both index
the document's folded words joined by spaces (:func:`index_text`), and both
receive the query's words folded the same way. The two engines then find the
same documents, which :mod:`casetracker.search.reference` defines.
"""

from __future__ import annotations

from casetracker.search.query import Query, Term
from casetracker.search.reference import words

#: the text search configuration: no stemming, no stop words (names are not English)
CONFIG = "simple"


def index_text(text: str) -> str:
    """What the index stores for a document's text: its folded words."""
    return " ".join(words(text))


def _lexeme(token: str, prefix: bool = False) -> str:
    return "'" + token.replace("'", "''").replace("\\", "\\\\") + "'" + (":*" if prefix else "")


def _term(term: Term) -> str | None:
    tokens = words(term.text)
    if not tokens:
        return None
    parts = [_lexeme(t) for t in tokens[:-1]] + [_lexeme(tokens[-1], term.prefix)]
    return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"


def to_tsquery(query: Query) -> str | None:
    """The ``tsquery`` text of the query's words; None when it has none."""
    groups = []
    for group in query.groups:
        alternatives = [q for q in (_term(t) for t in group) if q]
        if alternatives:
            groups.append(
                alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")"
            )
    if not groups:
        return None
    expression = " & ".join(groups)
    for excluded in (q for q in (_term(t) for t in query.excluded) if q):
        expression += f" & !{excluded}"
    return expression
