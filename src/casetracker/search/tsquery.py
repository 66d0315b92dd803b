"""A parsed query as PostgreSQL ``tsquery`` text (for ``to_tsquery('simple', …)``).

PostgreSQL's text parser splits words its own way (URLs, e-mail addresses,
hyphenated words, ``10:30``…), so neither engine is given raw text: both index
the document's folded words joined by spaces (:mod:`casetracker.search.fts5`),
and both receive the query's words folded the same way. The two engines then
find the same documents, which :mod:`casetracker.search.reference` defines.

One ``tsvector`` holds it all, told apart by weight: the text as ``D``, senders
``A``, recipients ``B``, signatories ``C``. Every lexeme of the query carries its
weight, so a phrase never runs from the text into a name.
"""

from __future__ import annotations

from dataclasses import dataclass

from casetracker.search.query import Query, Term
from casetracker.search.reference import name_words, words

#: the text search configuration: no stemming, no stop words (names are not English)
CONFIG = "simple"
TEXT, SENDERS, RECIPIENTS, SIGNERS = "D", "A", "B", "C"


@dataclass(frozen=True)
class TsQueries:
    """``positive``: what must match (None: everything); ``negative``: what must
    not; ``ranking``: the words alone, to rank by; ``empty``: nothing can match."""

    positive: str | None
    negative: str | None
    ranking: str | None
    empty: bool = False


def _lexeme(token: str, weight: str, prefix: bool = False) -> str:
    quoted = "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"
    return f"{quoted}:{'*' if prefix else ''}{weight}"


def _run(tokens: list[str], weight: str, prefix: bool = False) -> str:
    parts = [_lexeme(t, weight) for t in tokens[:-1]] + [_lexeme(tokens[-1], weight, prefix)]
    return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"


def _term(term: Term) -> str | None:
    tokens = words(term.text)
    return _run(tokens, TEXT, term.prefix) if tokens else None


def to_tsquery(query: Query) -> TsQueries:
    """The ``tsquery`` texts of the query's words and name filters."""
    groups = []
    for group in query.groups:
        alternatives = [q for q in (_term(t) for t in group) if q]
        if alternatives:
            groups.append(
                alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")"
            )
    names = []
    for weight, values in (
        (SENDERS, query.senders),
        (RECIPIENTS, query.recipients),
        (SIGNERS, query.signers),
    ):
        for value in values:
            tokens = name_words(value)
            if not tokens:
                return TsQueries(None, None, None, empty=True)
            names.append(_run(tokens, weight))
    excluded = [q for q in (_term(t) for t in query.excluded) if q]
    positive = " & ".join(groups + names) or None
    negative = " | ".join(excluded) or None
    if positive and negative:
        positive, negative = f"{positive} & !({negative})", None
    return TsQueries(positive, negative, " & ".join(groups) or None)
