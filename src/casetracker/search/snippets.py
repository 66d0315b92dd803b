"""Snippets: a short piece of the original text around the first match, with the
matched words marked, cut the same way whichever engine found the document.

Matching follows :mod:`casetracker.search.reference` (folded words, prefixes,
phrases); the snippet shows the text as written, accents and script intact.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from casetracker.search.query import Query, fold_with_origins
from casetracker.search.reference import words

_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Snippet:
    """Pieces of text, each marked when it is a matched word."""

    segments: tuple[tuple[str, bool], ...]

    def plain(self) -> str:
        return "".join(text for text, _ in self.segments)

    def marked(self, before: str = "[", after: str = "]") -> str:
        return "".join(f"{before}{t}{after}" if hit else t for t, hit in self.segments)

    @property
    def highlighted(self) -> list[str]:
        return [text for text, hit in self.segments if hit]


@functools.lru_cache(maxsize=64)
def _pattern(query: Query) -> re.Pattern[str] | None:
    """One expression finding every term of the query in folded text, as whole
    words (a prefix: the start of a word; a phrase: its words in a row)."""
    alternatives = []
    for group in query.groups:
        for term in group:
            wanted = words(term.text)
            if not wanted:
                continue
            body = r"[\W_]+".join(re.escape(w) for w in wanted)
            tail = r"[^\W_]*" if term.prefix else r"(?![^\W_])"
            alternatives.append((len(body), r"(?<![^\W_])" + body + tail))
    if not alternatives:
        return None
    alternatives.sort(key=lambda pair: -pair[0])  # the longest phrase first
    return re.compile("|".join(a for _, a in alternatives))


def _matches(text: str, query: Query) -> Iterator[tuple[int, int]]:
    """(start, end) in ``text`` of each matched word, in order."""
    pattern = _pattern(query)
    if pattern is None:
        return
    folded, origin = fold_with_origins(text)
    for match in pattern.finditer(folded):
        for word in _TOKEN.finditer(folded, match.start(), match.end()):
            if origin is None:
                yield word.start(), word.end()
            else:
                yield origin(word.start()), origin(word.end() - 1) + 1


#: in a long text the snippet is first looked for in this much of it
HEAD_CHARS = 2048


def make_snippet(text: str, query: Query, width: int = 180) -> Snippet:
    """About ``width`` characters of ``text`` around the first match (or its start)."""
    if len(text) > 4 * HEAD_CHARS:
        # folding is per character: the head's matches are the text's, but for a
        # word running on past the cut, so the head serves only if the snippet
        # ends well before the cut
        head = text[:HEAD_CHARS]
        first = next(_matches(head, query), None)
        if first is not None and first[0] + width < HEAD_CHARS - 100:
            return _snippet(head, query, width, len(text))
    return _snippet(text, query, width, len(text))


def _snippet(text: str, query: Query, width: int, full_length: int) -> Snippet:
    """The snippet cut from ``text``, the first ``len(text)`` characters of a text of
    ``full_length``."""
    found = _matches(text, query)
    first = next(found, None)
    if first is None:
        return _opening(text, width)
    centre = first[0]
    start = max(0, centre - width // 3)
    end = min(full_length, start + width)
    start = max(0, min(start, end - width))
    # whole words only at the edges
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < centre else start
    if end < full_length:
        space = text.rfind(" ", centre, end)
        end = space if space > centre else end
    segments: list[tuple[str, bool]] = []
    if start > 0:
        segments.append(("… ", False))
    position = start
    for a, b in itertools.chain([first], found):
        if a >= end:
            break
        if b <= start:
            continue
        a, b = max(a, start), min(b, end)
        if a > position:
            segments.append((_spaces(text[position:a]), False))
        segments.append((text[a:b], True))
        position = b
    if position < end:
        segments.append((_spaces(text[position:end]), False))
    if end < full_length:
        segments.append((" …", False))
    return Snippet(tuple(s for s in segments if s[0]))


def _opening(text: str, width: int) -> Snippet:
    if len(text) <= width:
        return Snippet(((_spaces(text), False),) if text else ())
    end = text.rfind(" ", 0, width)
    end = end if end > width // 2 else width
    return Snippet(((_spaces(text[:end]), False), (" …", False)))


def _spaces(text: str) -> str:
    """Line breaks and runs of spaces shown as one space."""
    return re.sub(r"\s+", " ", text)
