"""Text of attached files for full-text search: PDF, DOCX and plain text.

`extract_text` never raises: a damaged, encrypted or hostile file gives None (the
reason is logged at debug level), and every reader is bounded — PDF pages, the
XML read from a DOCX (with a compression-ratio check against zip bombs, and no
DTDs against entity expansion) and the length of the text returned. PDFs are
read in a separate process with a wall-clock timeout and a memory cap (see
:func:`read_pdf`); a reader stopped that way is logged as a warning.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath
from xml.parsers import expat

from casetracker.search import extract_worker as worker

log = logging.getLogger(__name__)

MAX_TEXT_CHARS = 5_000_000
MAX_PDF_PAGES = 2_000
MAX_XML_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
RATIO_CHECK_FROM = 1024 * 1024  # small entries may compress very well legitimately
_CHUNK = 1024 * 1024

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".csv", ".tsv", ".eml", ".log"})
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"RIFF",  # WebP, WAV, AVI
    b"\xd0\xcf\x11\xe0",  # OLE2: .doc, .xls, .msg
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"Rar!",
)
_BINARY_MEDIA_PREFIXES = ("image/", "audio/", "video/", "font/")

_WORD_NAMESPACES = frozenset(
    {
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",  # Strict OOXML
    }
)
_MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_DOCX_EXTRA_PARTS = re.compile(r"word/(header|footer|footnotes|endnotes)(\d*)\.xml")
_PART_ORDER = ("header", "footer", "footnotes", "endnotes")


def extract_text(content: bytes, filename: str, media_type: str | None = None) -> str | None:
    """The text of a PDF, DOCX or plain-text file, or None for other or unreadable files.

    The type comes from magic bytes first, then `media_type`, then the file name's
    extension. A readable document with no text (a scanned PDF) gives "".
    """
    try:
        kind = _detect(content, filename, media_type)
        if kind is None:
            return None
        raw = _pdf_text(content, filename) if kind == "pdf" else _READERS[kind](content)
        return None if raw is None else normalise(raw)
    except Exception:  # the readers catch their own errors; this is the last guard
        log.debug("text extraction failed for %r", filename, exc_info=True)
        return None


# ------------------------------------------------------------------ detection
def _detect(content: bytes, filename: str, media_type: str | None) -> str | None:
    head = content[:1024]
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if _is_docx(content) else None
    if head.startswith(_BINARY_MAGIC):
        return None
    media = (media_type or "").split(";")[0].strip().lower()
    if media == "application/pdf":
        return "pdf"
    if media == DOCX_MEDIA_TYPE:
        return "docx"
    if media.startswith("text/") or media == "message/rfc822":
        return "text"
    if media.startswith(_BINARY_MEDIA_PREFIXES):
        return None
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    if suffix in TEXT_EXTENSIONS:
        return "text"
    return None


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.NameToInfo
    except Exception:
        return False


# ------------------------------------------------------------------ PDF
PDF_TIMEOUT_SECONDS = 20.0
PDF_MEMORY_BYTES = 768 * 1024 * 1024
_WORKER = Path(__file__).with_name("extract_worker.py")
_CRASHED = 70  # a child that vanished without a word


@dataclass(frozen=True)
class PdfOutcome:
    """What reading a PDF gave: its text (None: none could be read) and, when the
    reader was stopped, why (a phrase such as "it took longer than 20 s")."""

    text: str | None
    stopped: str | None = None


def read_pdf(
    content: bytes,
    filename: str = "PDF",
    *,
    timeout: float | None = None,
    memory_bytes: int | None = None,
    method: str | None = None,
) -> PdfOutcome:
    """The text of a PDF, read by pypdf in a separate process within a budget.

    The child gets ``timeout`` seconds of wall-clock time and ``memory_bytes`` of
    address space where the platform can cap it (by default ``PDF_TIMEOUT_SECONDS``
    and ``PDF_MEMORY_BYTES``, read at each call); the content goes through a
    pipe, never a file. ``method`` is "subprocess" (the worker started by its file
    path) or "spawn" (``multiprocessing``: what a frozen app uses, having no file);
    by default the first where it can work. A stopped reader is logged as a warning.
    """
    if b"/Root" not in content and b"Catalog" not in content:
        return PdfOutcome(None)  # pypdf cannot find the document: no process needed
    timeout = PDF_TIMEOUT_SECONDS if timeout is None else timeout
    memory_bytes = PDF_MEMORY_BYTES if memory_bytes is None else memory_bytes
    if method is None:
        method = "spawn" if getattr(sys, "frozen", False) or not _WORKER.is_file() else "subprocess"
    limits = (memory_bytes, MAX_PDF_PAGES, MAX_TEXT_CHARS)
    if method == "subprocess":
        outcome = _pdf_by_subprocess(content, timeout, limits)
    elif method == "spawn":
        outcome = _pdf_by_multiprocessing(content, timeout, limits)
    else:
        raise ValueError(f"unknown method {method!r}")
    if outcome.stopped:
        log.warning("%s: text not extracted \N{EM DASH} %s", filename, outcome.stopped)
    return outcome


def _outcome(status: int | None, data: bytes, timeout: float, memory_bytes: int) -> PdfOutcome:
    if status is None:
        return PdfOutcome(None, f"it took longer than {timeout:g} s")
    if status == worker.EXIT_TEXT:
        return PdfOutcome(data.decode("utf-8", "surrogatepass"))
    if status == worker.EXIT_UNREADABLE:
        return PdfOutcome(None)
    if status == worker.EXIT_MEMORY:
        return PdfOutcome(None, f"it needed more than {memory_bytes // 2**20} MB of memory")
    if status < 0:
        return PdfOutcome(None, f"the PDF reader stopped unexpectedly (signal {-status})")
    return PdfOutcome(None, f"the PDF reader stopped unexpectedly (status {status})")


def _pdf_by_subprocess(content: bytes, timeout: float, limits: tuple[int, int, int]) -> PdfOutcome:
    # the child caps its own memory: a preexec_fn is unsafe in a threaded parent (the GUI)
    command = [sys.executable, "-I", str(_WORKER), *map(str, limits)]
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console window on Windows
    try:
        done = subprocess.run(
            command, input=content, capture_output=True, timeout=timeout, creationflags=flags
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        return _outcome(None, b"", timeout, limits[0])
    except OSError as exc:
        return PdfOutcome(None, f"the PDF reader could not start ({exc.strerror or exc})")
    return _outcome(done.returncode, done.stdout, timeout, limits[0])


def _pdf_by_multiprocessing(
    content: bytes, timeout: float, limits: tuple[int, int, int]
) -> PdfOutcome:
    """The same through ``multiprocessing`` (spawn): a frozen app must call
    ``multiprocessing.freeze_support()`` first thing in its entry point."""
    import multiprocessing
    import time

    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = context.Process(target=worker.serve_pipe, args=(theirs, *limits), daemon=True)
    deadline = time.monotonic() + timeout
    try:
        child.start()
        theirs.close()
        ours.send_bytes(content)
        if not ours.poll(max(deadline - time.monotonic(), 0)):
            return _outcome(None, b"", timeout, limits[0])
        answer = ours.recv_bytes()
    except (EOFError, OSError):  # the child died before answering
        answer = b""
    finally:
        ours.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if not answer:
        code = child.exitcode
        return _outcome(code if code else _CRASHED, b"", timeout, limits[0])
    return _outcome(answer[0], answer[1:], timeout, limits[0])


def _pdf_text(content: bytes, filename: str = "PDF") -> str | None:
    """Text page by page; None if the file cannot be opened, decrypted, or read in budget."""
    return read_pdf(content, filename).text


# ------------------------------------------------------------------ DOCX
class _Refused(Exception):
    """A DOCX part that is not read: a DTD, or a suspicious compression ratio."""


class _WordText:
    """Collects the text of one WordprocessingML part from expat events."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self._in_text = 0
        self._in_run = 0
        self._skipped = 0  # inside mc:Fallback, which repeats mc:Choice

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def start(self, name: str, _attributes: object) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace == _MARKUP_COMPATIBILITY and local == "Fallback":
            self._skipped += 1
        if self._skipped or namespace not in _WORD_NAMESPACES:
            return
        if local == "t":
            self._in_text += 1
        elif local == "r":
            self._in_run += 1
        elif self._in_run and local == "tab":  # w:tab in w:pPr/w:tabs is a tab stop
            self._add("\t")
        elif self._in_run and local in ("br", "cr"):
            self._add("\n")

    def end(self, name: str) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace == _MARKUP_COMPATIBILITY and local == "Fallback":
            self._skipped -= 1
        if self._skipped or namespace not in _WORD_NAMESPACES:
            return
        if local == "t":
            self._in_text -= 1
        elif local == "r":
            self._in_run -= 1
        elif local == "p":
            self._add("\n")

    def data(self, text: str) -> None:
        if self._in_text and not self._skipped:
            self._add(text)


def _refuse_dtd(*_args: object) -> None:
    raise _Refused("DTD or entity declaration")


def _read_part(archive: zipfile.ZipFile, name: str, budget: int) -> tuple[str, int, bool]:
    """Text of one part, the XML bytes read, and whether the budget cut it short.

    Raises on malformed XML, a DTD, or a compression ratio typical of zip bombs.
    """
    info = archive.getinfo(name)
    compressed = max(info.compress_size, 1)
    if info.file_size > RATIO_CHECK_FROM and info.file_size / compressed > MAX_COMPRESSION_RATIO:
        raise _Refused(f"{name}: compression ratio {info.file_size // compressed}")
    collector = _WordText()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.data
    parser.buffer_text = True
    read = 0
    truncated = False
    with archive.open(info) as stream:
        while chunk := stream.read(min(_CHUNK, budget - read + 1)):
            read += len(chunk)
            if read > RATIO_CHECK_FROM and read / compressed > MAX_COMPRESSION_RATIO:
                raise _Refused(f"{name}: compression ratio above {MAX_COMPRESSION_RATIO}")
            if read > budget:  # read what fits, then stop
                truncated = True
                parser.Parse(chunk[: len(chunk) - (read - budget)], False)
                break
            parser.Parse(chunk, False)
            if collector.size >= MAX_TEXT_CHARS:
                truncated = True
                break
    if not truncated:
        parser.Parse(b"", True)
    return "".join(collector.parts), read, truncated


def _extra_parts(archive: zipfile.ZipFile) -> list[str]:
    """Headers, footers, footnotes and endnotes, in that order and by number."""
    found = []
    for name in archive.NameToInfo:
        if match := _DOCX_EXTRA_PARTS.fullmatch(name):
            kind, number = match.groups()
            found.append((_PART_ORDER.index(kind), int(number or 0), name))
    return [name for *_, name in sorted(found)]


def _docx_text(content: bytes, max_xml_bytes: int = MAX_XML_BYTES) -> str | None:
    """Body text, then headers, footers and notes; None if the body cannot be read.

    At most `max_xml_bytes` of XML are read in all; past that the text is cut short.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            extra = _extra_parts(archive)
            try:
                body, read, truncated = _read_part(archive, "word/document.xml", max_xml_bytes)
            except Exception:
                log.debug("cannot read DOCX body", exc_info=True)
                return None
            texts = [body]
            budget = max_xml_bytes - read
            for name in extra:
                if truncated or budget <= 0 or sum(map(len, texts)) >= MAX_TEXT_CHARS:
                    break
                try:
                    text, read, truncated = _read_part(archive, name, budget)
                except Exception:
                    log.debug("skipping DOCX part %s", name, exc_info=True)
                    continue
                budget -= read
                texts.append(text)
            return "\n".join(texts)
    except Exception:
        log.debug("cannot open DOCX", exc_info=True)
        return None


# ------------------------------------------------------------------ plain text
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: same first two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode(data: bytes, encoding: str, errors: str, final: bool) -> str:
    return codecs.getincrementaldecoder(encoding)(errors).decode(data, final=final)


def _bomless_utf16(sample: bytes) -> str | None:
    """UTF-16 without a BOM, guessed from NULs in the high bytes of ASCII characters.

    Plain text has no NULs, so NULs at one parity only (spaces, digits, punctuation
    in any script) point to UTF-16.
    """
    even, odd = sample[0::2], sample[1::2]
    if len(odd) < 8:
        return None
    if odd.count(0) >= 0.1 * len(odd) and even.count(0) <= 0.01 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.1 * len(even) and odd.count(0) <= 0.01 * len(odd):
        return "utf-16-be"
    return None


def _plain_text(content: bytes) -> str:
    """Decode by BOM, else UTF-8 if valid, else cp1252; never raises."""
    limit = MAX_TEXT_CHARS * 4  # enough bytes for the longest text kept
    truncated = len(content) > limit
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return _decode(content[len(bom) : limit], encoding, "replace", not truncated)
    data = content[:limit]
    encoding = _bomless_utf16(data[:4096]) if b"\x00" in data[:4096] else None
    if encoding:
        return _decode(data, encoding, "replace", not truncated)
    try:
        return _decode(data, "utf-8", "strict", not truncated)
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


_READERS: dict[str, Callable[[bytes], str | None]] = {
    "pdf": _pdf_text,  # extract_text passes the file name too, for the log
    "docx": _docx_text,
    "text": _plain_text,
}


# ------------------------------------------------------------------ normalising
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_UNWANTED = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")  # NUL, controls, lone surrogates
_SPACES = re.compile(r"[^\S\t\n]+")
_LINE_EDGES = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """NFC, no NULs or control characters, runs of spaces collapsed, line breaks kept."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _UNWANTED.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _LINE_EDGES.sub("\n", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip(" \n")[:MAX_TEXT_CHARS]
