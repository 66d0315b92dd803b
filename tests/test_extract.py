"""Text extraction from attached files: real PDFs and DOCX files built here, plain
text in several encodings, and damaged or hostile input that must never raise."""

from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from casetracker.search.extract import (
    DOCX_MEDIA_TYPE,
    MAX_TEXT_CHARS,
    _docx_text,
    extract_text,
    normalise,
)

FONT = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "DejaVuSans.ttf"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PAGE_ONE = ["Latin text: closed hearing in Baku", "Əliyev Şuşa"]
PAGE_TWO = ["Վարդանյան Варданян"]


# ------------------------------------------------------------------ builders
def make_pdf(pages: list[list[str]], encrypt: StandardEncryption | None = None) -> bytes:
    """A PDF with one page per list of lines, in DejaVu Sans (a subset font)."""
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    for lines in pages:
        pdf.setFont("DejaVuSans", 12)
        for number, line in enumerate(lines):
            pdf.drawString(72, 760 - 18 * number, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


def word_part(body: str, root: str = "w:document") -> str:
    inner = f"<w:body>{body}</w:body>" if root == "w:document" else body
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<{root} xmlns:w="{W}" xmlns:mc="{MC}">{inner}</{root}>'
    )


def paragraph(*runs: str) -> str:
    return "<w:p>" + "".join(f"<w:r>{run}</w:r>" for run in runs) + "</w:p>"


def make_docx(document: str, **parts: str) -> bytes:
    """A DOCX zip with a content-types part, the given document.xml and other parts."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
        for name, text in parts.items():
            archive.writestr(f"word/{name}.xml", text)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return make_pdf([PAGE_ONE, PAGE_TWO])


# ------------------------------------------------------------------ PDF
def test_pdf_gives_every_script_page_by_page(pdf_bytes):
    text = extract_text(pdf_bytes, "brief.pdf")
    assert text is not None
    for word in ("Latin", "hearing", "Baku", "Əliyev", "Şuşa", "Վարդանյան", "Варданян"):
        assert word in text
    assert text.index("Şuşa") < text.index("Վարդանյան")  # page one, then page two
    assert "\n" in text


def test_pdf_is_found_by_its_magic_bytes_whatever_the_name(pdf_bytes):
    assert "Վարդանյան" in (extract_text(pdf_bytes, "upload.bin", "image/png") or "")


def test_encrypted_pdf_opens_with_an_empty_password_only():
    empty = make_pdf([PAGE_TWO], StandardEncryption("", ownerPassword="owner"))
    assert "Варданян" in (extract_text(empty, "open.pdf") or "")
    locked = make_pdf([PAGE_TWO], StandardEncryption("secret", ownerPassword="owner"))
    assert extract_text(locked, "locked.pdf") is None


def test_pdf_without_text_layer_gives_empty_text():
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(72, 72, 200, 200, fill=1)  # like a scan: marks but no text
    pdf.showPage()
    pdf.save()
    assert extract_text(buffer.getvalue(), "scan.pdf") == ""


@pytest.mark.parametrize(
    "content",
    [
        pytest.param("half", id="truncated"),
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 40, id="garbage-after-header"),
        pytest.param(b"%PDF-", id="header-only"),
        pytest.param(b"%PDF-1.4 ...", id="stub"),
    ],
)
def test_damaged_pdf_gives_none(pdf_bytes, content):
    if content == "half":
        content = pdf_bytes[: len(pdf_bytes) // 2]
    assert extract_text(content, "broken.pdf") is None


# ------------------------------------------------------------------ DOCX
def test_docx_paragraphs_tabs_and_scripts_come_back():
    body = (
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        "<w:r><w:t>Detainee:</w:t></w:r><w:r><w:tab/><w:t>Ruben Vardanyan</w:t></w:r></w:p>"
        + paragraph('<w:t xml:space="preserve">Ռուբեն </w:t>', "<w:t>Վարդանյան</w:t>")
        + paragraph("<w:t>Рубен Варданян</w:t>", "<w:br/>", "<w:t>Şuşa, Əliyev</w:t>")
        + "<w:p/>"
        + paragraph("<w:t>Deleted:</w:t>", "<w:delText>gone</w:delText>")
        + paragraph(
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:t>Box</w:t></mc:Choice>'
            "<mc:Fallback><w:t>Box</w:t></mc:Fallback></mc:AlternateContent>"
        )
    )
    docx = make_docx(
        word_part(body),
        footer1=word_part(paragraph("<w:t>Page footer</w:t>"), "w:ftr"),
        header1=word_part(paragraph("<w:t>Confidential</w:t>"), "w:hdr"),
    )
    assert extract_text(docx, "letter.docx") == (
        "Detainee:\tRuben Vardanyan\n"
        "Ռուբեն Վարդանյան\n"
        "Рубен Варданян\n"
        "Şuşa, Əliyev\n"
        "\n"
        "Deleted:\n"
        "Box\n\n"
        "Confidential\n\n"
        "Page footer"
    )


def test_docx_is_found_by_content_whatever_the_name():
    docx = make_docx(word_part(paragraph("<w:t>Варданян</w:t>")))
    assert extract_text(docx, "attachment", "application/octet-stream") == "Варданян"


def test_zip_that_is_not_a_docx_gives_none():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Վարդանյան")
    assert extract_text(buffer.getvalue(), "notes.zip") is None
    assert extract_text(buffer.getvalue(), "notes.docx") is None


def test_docx_with_entity_bomb_is_refused_quickly():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";" if n > 1 else "&lol;") * 10}">'
            for n in range(1, 10)
        )
        + f']><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t>'
        "</w:r></w:p></w:body></w:document>"
    )
    started = time.perf_counter()
    assert extract_text(make_docx(bomb), "bomb.docx") is None
    external = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + word_part(paragraph("<w:t>&x;</w:t>")).split("?>", 1)[1]
    )
    assert extract_text(make_docx(external), "xxe.docx") is None
    assert time.perf_counter() - started < 1


def test_docx_zip_bomb_is_refused_quickly():
    huge = word_part(paragraph("<w:t>a</w:t>") * 2_000_000)  # about 64 MB of XML
    docx = make_docx(huge)
    assert len(docx) < len(huge) // 200
    started = time.perf_counter()
    assert extract_text(docx, "bomb.docx") is None
    assert time.perf_counter() - started < 1


def test_docx_xml_beyond_the_budget_is_cut_short():
    rng = random.Random(4)
    words = ["".join(rng.choice("abcdefghijklmnop") for _ in range(8)) for _ in range(5000)]
    docx = make_docx(word_part("".join(paragraph(f"<w:t>{w}</w:t>") for w in words)))
    text = _docx_text(docx, max_xml_bytes=20_000)
    assert text is not None
    lines = text.splitlines()
    assert 100 < len(lines) < 1000
    assert lines[:-1] == words[: len(lines) - 1]  # the last one may be cut short


@pytest.mark.parametrize("cut", [30, 200, 0.5, 0.9, -10])
def test_truncated_docx_never_raises(cut):
    docx = make_docx(word_part(paragraph("<w:t>Վարդանյան</w:t>") * 200))
    end = int(len(docx) * cut) if isinstance(cut, float) else cut
    assert extract_text(docx[:end], "cut.docx") is None


def test_malformed_document_xml_gives_none():
    docx = make_docx(f'<w:document xmlns:w="{W}"><w:body><w:p><w:t>unclosed')
    assert extract_text(docx, "bad.docx") is None


# ------------------------------------------------------------------ plain text
@pytest.mark.parametrize(
    ("content", "name"),
    [
        pytest.param("Վարդանյան café".encode(), "note.txt", id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + "Վարդանյան café".encode(), "note.md", id="utf-8-bom"),
        pytest.param(b"\xff\xfe" + "Վարդանյան café".encode("utf-16-le"), "a.csv", id="utf-16-le"),
        pytest.param(b"\xfe\xff" + "Վարդանյան café".encode("utf-16-be"), "a.txt", id="utf-16-be"),
        pytest.param("Վարդանյան café".encode("utf-16-le"), "a.txt", id="utf-16-le-no-bom"),
    ],
)
def test_plain_text_encodings(content, name):
    assert extract_text(content, name) == "Վարդանյան café"


def test_plain_text_falls_back_to_cp1252():
    assert extract_text("Café “Baku” – 5 €".encode("cp1252"), "x.txt") == "Café “Baku” – 5 €"
    assert extract_text(b"caf\xe9 \x81", "x.txt") == "café \ufffd"  # 0x81 is undefined


def test_plain_text_by_media_type_and_extension():
    assert extract_text(b"From: a@example.org\n\nHello", "mail.eml") == (
        "From: a@example.org\n\nHello"
    )
    assert extract_text(b"Hello", "upload", "text/plain; charset=utf-8") == "Hello"
    assert extract_text(b"Hello", "upload") is None
    assert extract_text(b"Hello", "upload.bin") is None


def test_normalising_keeps_lines_and_tabs():
    raw = "e\u0301  lots   of\u00a0\u00a0space\x00\r\n\tTab\tkept  \r\n\n\n\nEnd\x0cPage\ud800"
    assert normalise(raw) == "é lots of space\n\tTab\tkept\n\nEnd\nPage"
    assert len(normalise("a" * (MAX_TEXT_CHARS + 10))) == MAX_TEXT_CHARS


# ------------------------------------------------------------------ other files
def test_images_and_unknown_binaries_give_none():
    png = b"\x89PNG\r\n\x1a\n" + bytes(100)
    assert extract_text(png, "scan.png") is None
    assert extract_text(png, "scan.txt") is None  # the magic bytes win
    assert extract_text(b"\xff\xd8\xff\xe0 jpeg", "photo.jpg", "image/jpeg") is None
    noise = random.Random(7).randbytes(4096)
    assert extract_text(noise, "x.bin") is None
    assert extract_text(noise, "x") is None
    assert extract_text(b"", "empty.pdf") is None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    content=st.one_of(
        st.binary(max_size=2048),
        st.binary(max_size=512).map(lambda b: b"%PDF-1.4\n" + b),
        st.binary(max_size=512).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=64).map(lambda b: b"\xff\xfe" + b),
    ),
    name=st.sampled_from(["x.pdf", "x.docx", "x.txt", "x.bin"]),
    media_type=st.sampled_from([None, "application/pdf", DOCX_MEDIA_TYPE, "text/plain"]),
)
def test_arbitrary_bytes_never_raise(content, name, media_type):
    result = extract_text(content, name, media_type)
    assert result is None or isinstance(result, str)
    if result is not None:
        assert "\x00" not in result and len(result) <= MAX_TEXT_CHARS


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_mutated_docx_and_pdf_never_raise(data, pdf_bytes):
    docx = make_docx(word_part(paragraph("<w:t>Варданян</w:t>") * 20))
    original = data.draw(st.sampled_from([docx, pdf_bytes]))
    position = data.draw(st.integers(0, len(original) - 1))
    patch = data.draw(st.binary(min_size=1, max_size=16))
    mutated = original[:position] + patch + original[position + len(patch) :]
    result = extract_text(mutated, data.draw(st.sampled_from(["x.pdf", "x.docx"])))
    assert result is None or isinstance(result, str)


# ------------------------------------------------------------------ through the service
def test_attaching_a_pdf_stores_its_text(services, pdf_bytes):
    letter = services.letters.create(title="Appeal for Ruben Vardanyan")
    attachment = services.attachments.attach_bytes(pdf_bytes, "brief.pdf", letter_id=letter.id)
    stored = services.attachments.get(attachment.id)
    assert stored.media_type == "application/pdf"
    assert "Վարդանյան" in stored.extracted_text
    assert "Əliyev" in stored.extracted_text
    given_text = services.attachments.attach_bytes(
        pdf_bytes, "copy.pdf", extracted_text="typed by hand", letter_id=letter.id
    )
    assert services.attachments.get(given_text.id).extracted_text == "typed by hand"
    photo = services.attachments.attach_bytes(b"\x89PNG\r\n\x1a\n", "p.png", letter_id=letter.id)
    assert services.attachments.get(photo.id).extracted_text is None
