"""PDF text is read in a child process within a time and memory budget: a hostile
PDF is stopped, the parent is untouched, and the attachment is still saved."""

from __future__ import annotations

import io
import logging
import resource
import sys
import time
import zlib

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from casetracker.search import extract
from casetracker.search.extract import extract_text, read_pdf

MB = 1024 * 1024


def many_pages(count: int) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for number in range(count):
        for line in range(50):
            pdf.drawString(40, 800 - line * 15, f"page {number} line {line} trial monitoring " * 3)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    """A valid PDF file around these objects (numbered from 1), with its xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def flate_bomb(pages: int = 4, megabytes_per_page: int = 70) -> bytes:
    """Pages whose content streams inflate to ``megabytes_per_page`` MB of zeros each.

    Each stream stays under pypdf's own 75 MB cap per stream; together they
    inflate to 280 MB from a file of about 290 KB.
    """
    packer = zlib.compressobj(9)
    zeros = bytes(MB)
    data = b"".join(packer.compress(zeros) for _ in range(megabytes_per_page)) + packer.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
    ]
    for i in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s "
            b"/Contents %d 0 R >>" % (font, 4 + 2 * i)
        )
        objects.append(stream)
    return _pdf(objects)


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    return many_pages(150)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return flate_bomb()


def _rss_mb() -> float:
    scale = 1 if sys.platform == "darwin" else 1024  # Linux reports KB, macOS bytes
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / MB


def test_slow_pdf_is_stopped_at_the_deadline(long_pdf, caplog):
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger="casetracker.search.extract"):
        outcome = read_pdf(long_pdf, "report.pdf", timeout=0.2)
    elapsed = time.perf_counter() - started
    assert outcome.text is None
    assert outcome.stopped == "it took longer than 0.2 s"
    assert elapsed < 1.5  # killed, not waited for
    assert "report.pdf: text not extracted \N{EM DASH} it took longer than 0.2 s" in caplog.text


def test_flate_bomb_is_stopped_by_the_memory_cap_not_the_parent(bomb, caplog):
    assert len(bomb) < 400_000
    before = _rss_mb()
    with caplog.at_level(logging.WARNING, logger="casetracker.search.extract"):
        outcome = read_pdf(bomb, "bomb.pdf", timeout=30, memory_bytes=200 * MB)
    assert outcome.text is None
    assert outcome.stopped == "it needed more than 200 MB of memory"
    assert "bomb.pdf: text not extracted" in caplog.text
    assert _rss_mb() - before < 50  # the 280 MB were inflated in the child only


def test_the_same_bomb_is_read_when_the_budget_allows_it(bomb):
    """The cap, not something else, stopped it: with room enough the child finishes."""
    one_page = flate_bomb(pages=1, megabytes_per_page=20)
    outcome = read_pdf(one_page, "one.pdf", timeout=30, memory_bytes=400 * MB)
    assert outcome.stopped is None and outcome.text == ""


def test_normal_pdf_reads_through_the_worker_in_both_modes():
    content = many_pages(2)
    for method in ("subprocess", "spawn"):
        outcome = read_pdf(content, "brief.pdf", method=method)
        assert outcome.stopped is None, method
        assert "page 1 line 49 trial monitoring" in (outcome.text or ""), method


def test_spawn_mode_keeps_the_deadline(long_pdf):
    """The multiprocessing path, used by a frozen app, also kills a slow reader."""
    outcome = read_pdf(long_pdf, "slow.pdf", timeout=0.3, method="spawn")
    assert outcome.text is None and outcome.stopped == "it took longer than 0.3 s"


def test_junk_that_is_no_pdf_starts_no_process():
    started = time.perf_counter()
    for _ in range(50):
        assert read_pdf(b"%PDF-1.7\n" + bytes(200), "junk.pdf") == extract.PdfOutcome(None)
    assert time.perf_counter() - started < 0.5


def test_bomb_attachment_is_saved_without_text(services, bomb, monkeypatch, caplog):
    monkeypatch.setattr(extract, "PDF_MEMORY_BYTES", 200 * MB)
    letter = services.letters.create(title="Appeal")
    with caplog.at_level(logging.WARNING, logger="casetracker.search.extract"):
        attachment = services.attachments.attach_bytes(bomb, "bomb.pdf", letter_id=letter.id)
    stored = services.attachments.get(attachment.id)
    assert stored.size == len(bomb) and stored.extracted_text is None
    assert services.attachments.content(attachment.id) == bomb
    assert "bomb.pdf: text not extracted" in caplog.text


def test_extract_text_reports_nothing_for_a_stopped_pdf(long_pdf, monkeypatch):
    monkeypatch.setattr(extract, "PDF_TIMEOUT_SECONDS", 0.2)
    assert extract_text(long_pdf, "long.pdf") is None
    monkeypatch.setattr(extract, "PDF_TIMEOUT_SECONDS", 60.0)
    assert "page 149 line 0" in (extract_text(long_pdf, "long.pdf") or "")
