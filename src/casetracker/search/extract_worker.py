"""Reads the text of a PDF in a process of its own, under a memory cap.

A hostile PDF (a compression bomb, a page that takes minutes to lay out) can
only exhaust this process: the caller kills it after a wall-clock timeout, and
the address-space cap makes allocations past the budget fail here.

Run as ``python -I extract_worker.py MEMORY_BYTES MAX_PAGES MAX_CHARS``: the PDF
arrives on stdin (never through a file: an encrypted database must not leak
plaintext to disk) and the text leaves on stdout as UTF-8. The exit status says
what happened (see the ``EXIT_`` constants). The module needs only the standard
library and pypdf, so that it starts fast when run by its file path; a frozen
app, which has no such file, runs :func:`serve_pipe` through ``multiprocessing``.
"""

from __future__ import annotations

import contextlib
import io
import logging
import sys
from typing import Any

EXIT_TEXT = 0
EXIT_UNREADABLE = 2  # damaged, or encrypted with a password: no text, no alarm
EXIT_MEMORY = 3  # the memory cap was reached
EXIT_USAGE = 64


def limit_memory(max_bytes: int) -> bool:
    """Cap this process's address space; False where the platform cannot."""
    if max_bytes <= 0:
        return False
    try:
        import resource
    except ImportError:  # Windows: only the caller's timeout applies
        return False
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            max_bytes = min(max_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (max_bytes, hard))
    except (ValueError, OSError):  # e.g. macOS refuses RLIMIT_AS
        return False
    return True


def pdf_text(content: bytes, max_pages: int, max_chars: int) -> str | None:
    """Text page by page with pypdf; None if the file cannot be opened or decrypted.

    A page that cannot be read is skipped, but MemoryError is never swallowed:
    the caller must learn that the budget was exhausted.
    """
    from pypdf import PdfReader

    # pypdf warns about every damaged file it reads; the outcome is what counts
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        count = min(len(reader.pages), max_pages)
    except MemoryError:
        raise
    except Exception:
        return None
    pages: list[str] = []
    total = 0
    for index in range(count):
        try:
            text = reader.pages[index].extract_text() or ""
        except MemoryError:
            raise
        except Exception:
            continue
        pages.append(text)
        total += len(text)
        if total >= max_chars:
            break
    return "\n\n".join(pages)


def _run(content: bytes, max_pages: int, max_chars: int) -> tuple[int, bytes]:
    try:
        text = pdf_text(content, max_pages, max_chars)
    except MemoryError:
        return EXIT_MEMORY, b""
    except RecursionError:  # deeply nested objects: treated as unreadable
        return EXIT_UNREADABLE, b""
    if text is None:
        return EXIT_UNREADABLE, b""
    return EXIT_TEXT, text.encode("utf-8", "surrogatepass")


def serve_pipe(connection: Any, memory_bytes: int, max_pages: int, max_chars: int) -> None:
    """The ``multiprocessing`` form: the PDF and the answer travel over ``connection``."""
    limit_memory(memory_bytes)
    try:
        content = connection.recv_bytes()
        status, data = _run(content, max_pages, max_chars)
        del content
        connection.send_bytes(bytes([status]) + data)
    except MemoryError:
        with contextlib.suppress(Exception):  # if even this fails, the caller sees a crash
            connection.send_bytes(bytes([EXIT_MEMORY]))
    finally:
        connection.close()


def main(argv: list[str]) -> int:
    try:
        memory_bytes, max_pages, max_chars = (int(a) for a in argv)
    except ValueError:
        print("usage: extract_worker.py MEMORY_BYTES MAX_PAGES MAX_CHARS", file=sys.stderr)
        return EXIT_USAGE
    limit_memory(memory_bytes)
    try:
        content = sys.stdin.buffer.read()
        status, data = _run(content, max_pages, max_chars)
        del content
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except MemoryError:
        return EXIT_MEMORY
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
