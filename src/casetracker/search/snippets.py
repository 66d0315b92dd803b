"""Snippets: a short piece of the original text around the first match, with the
matched words marked, cut the same way whichever engine found the document.

Matching follows :mod:`casetracker.search.reference` (folded words, prefixes,
phrases); the snippet shows the text as written, accents and script intact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from casetracker.search.query import Query, Term, fold_for_search
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


def _folded_tokens(text: str) -> list[tuple[str, int, int]]:
    """Folded words with their (start, end) in the original text."""
    folded_chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for out in fold_for_search(ch):
            folded_chars.append(out)
            origin.append(index)
    folded = "".join(folded_chars)
    tokens = []
    for match in _TOKEN.finditer(folded):
        start = origin[match.start()]
        end = origin[match.end() - 1] + 1
        tokens.append((match.group(), start, end))
    return tokens


def _hits(term: Term, tokens: Sequence[str]) -> list[tuple[int, int]]:
    """Token index ranges [i, j) that a term matches."""
    wanted = words(term.text)
    if not wanted:
        return []
    size = len(wanted)
    found = []
    for i in range(len(tokens) - size + 1):
        head = list(tokens[i : i + size - 1]) == wanted[:-1]
        last = tokens[i + size - 1]
        ok = last.startswith(wanted[-1]) if term.prefix else last == wanted[-1]
        if head and ok:
            found.append((i, i + size))
    return found


def make_snippet(text: str, query: Query, width: int = 180) -> Snippet:
    """About ``width`` characters of ``text`` around the first match (or its start)."""
    tokens = _folded_tokens(text)
    folded = [t for t, _, _ in tokens]
    marked: set[int] = set()
    for group in query.groups:
        for term in group:
            for i, j in _hits(term, folded):
                marked.update(range(i, j))
    if not text:
        return Snippet(())
    first = min(marked) if marked else None
    centre = tokens[first][1] if first is not None else 0
    start = max(0, centre - width // 3)
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    # whole words only at the edges
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < centre else start
    if end < len(text):
        space = text.rfind(" ", centre, end)
        end = space if space > centre else end
    segments: list[tuple[str, bool]] = []
    if start > 0:
        segments.append(("… ", False))
    position = start
    for index, (_word, a, b) in enumerate(tokens):
        if index not in marked or b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        if a > position:
            segments.append((_spaces(text[position:a]), False))
        segments.append((text[a:b], True))
        position = b
    if position < end:
        segments.append((_spaces(text[position:end]), False))
    if end < len(text):
        segments.append((" …", False))
    return Snippet(tuple(s for s in segments if s[0]))


def _spaces(text: str) -> str:
    """Line breaks and runs of spaces shown as one space."""
    return re.sub(r"\s+", " ", text)
