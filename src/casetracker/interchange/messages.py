"""Untrusted values inside error messages: short, on one line, and safe to build.

``repr()`` of an imported value can be a megabyte long, span lines, recurse past
Python's limit (deep nesting) or expand a YAML alias bomb to billions of items.
:func:`shown` never does any of that.
"""

from __future__ import annotations

import re
import reprlib
from typing import Any

_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_SURROGATES = re.compile("[\ud800-\udfff]")


class _Short(reprlib.Repr):
    def __init__(self, limit: int) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxstring = limit
        self.maxother = limit
        self.maxlong = limit
        self.maxlist = self.maxtuple = self.maxdict = self.maxset = 4


def shown(value: Any, limit: int = 60) -> str:
    """A bounded ``repr`` of ``value`` for a message: at most about ``limit``
    characters, one line, whatever the value (nested, huge, self-referencing)."""
    try:
        text = _Short(limit).repr(value)
    except Exception:  # a hostile __repr__; never for JSON or YAML values
        text = f"<{type(value).__name__}>"
    return one_line(text, limit + 10)


def one_line(text: str, limit: int = 300) -> str:
    """``text`` with control characters and line breaks made visible as a space,
    lone surrogates replaced, and cut to ``limit`` characters with an ellipsis."""
    text = _SURROGATES.sub("\ufffd", _LINE_BREAKS.sub(" ", text))
    return text if len(text) <= limit else text[: limit - 1] + "\N{HORIZONTAL ELLIPSIS}"


__all__ = ["one_line", "shown"]
