"""The meaning of a query, written plainly: does one document match it?

This is the reference both search engines (SQLite FTS5, PostgreSQL tsvector)
are tested against: on the same documents they must find exactly what
:func:`matches` finds. It is also what a word, a phrase or a filter *means*:

* text is folded (:func:`fold_for_search`) and cut into words (letters and
  digits of any script);
* a word matches an equal word, a prefix (``sanction*``) any word starting with
  it; a phrase, or a word holding punctuation (``10:30``), the same words in a row;
* ``from:``/``to:``/``signed-by:`` match when the words given appear in a row in
  one of the document's senders / recipients / signatories (any name variant);
* ``after:``/``before:`` keep documents whose (partial) date overlaps the range,
  and leave out undated ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from casetracker.search.documents import SearchDocument
from casetracker.search.query import Query, Term, fold_for_search

_WORD = re.compile(r"[^\W_]+")  # letters and digits of any script, as unicode61

#: longer words are cut to this length (PostgreSQL ignores words over 2 KB; a
#: 100-letter "word" is a pasted blob, and its first 100 letters still find it)
MAX_WORD_CHARS = 100


def words(text: str) -> list[str]:
    """The folded words of a text."""
    return [w[:MAX_WORD_CHARS] for w in _WORD.findall(fold_for_search(text))]


#: written between two names in the index so that a phrase never runs from one
#: name into the next
NAME_BREAK = "0namebreak0"


def index_text(text: str) -> str:
    """What both engines index for a text: its folded words, space-separated."""
    return " ".join(words(text))


def index_names(names: Sequence[str]) -> str:
    """The folded words of several names, kept apart by :data:`NAME_BREAK`."""
    return f" {NAME_BREAK} ".join(t for t in (index_text(n) for n in names) if t)


def _contains_run(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    if not needle:
        return False
    size = len(needle)
    first = needle[0]
    return any(
        haystack[i] == first and list(haystack[i : i + size]) == list(needle)
        for i in range(len(haystack) - size + 1)
    )


def term_matches(term: Term, tokens: Sequence[str]) -> bool:
    wanted = words(term.text)
    if not wanted:
        return False
    if term.prefix and len(wanted) == 1:
        return any(token.startswith(wanted[0]) for token in tokens)
    if term.prefix:  # "10:3*": the last word is a prefix
        size = len(wanted)
        return any(
            list(tokens[i : i + size - 1]) == wanted[:-1]
            and tokens[i + size - 1].startswith(wanted[-1])
            for i in range(len(tokens) - size + 1)
        )
    return _contains_run(tokens, wanted)


def name_words(value: str) -> list[str]:
    """The words of a ``from:``/``to:``/``signed-by:`` value (never the index's
    name separator)."""
    return [w for w in words(value) if w != NAME_BREAK]


def _names_match(filters: Sequence[str], names: Sequence[str]) -> bool:
    tokenized = [words(n) for n in names]
    return all(any(_contains_run(n, name_words(f)) for n in tokenized) for f in filters)


def matches(query: Query, document: SearchDocument) -> bool:
    if query.types and document.type not in query.types:
        return False
    if query.statuses and (document.status or "") not in query.statuses:
        return False
    if query.after or query.before:
        if document.date is None:
            return False
        if query.after and document.date.latest() < query.after:
            return False
        if query.before and document.date.earliest() > query.before:
            return False
    if query.senders and not _names_match(query.senders, document.senders):
        return False
    if query.recipients and not _names_match(query.recipients, document.recipients):
        return False
    if query.signers and not _names_match(query.signers, document.signers):
        return False
    tokens = words(document.text)
    if not all(any(term_matches(t, tokens) for t in group) for group in query.groups):
        return False
    return not any(term_matches(t, tokens) for t in query.excluded)
