"""The page furniture every report shares, read back from real PDFs: embedded
fonts only, every script extracted exactly, hostile text printed literally (no
link, no image), metadata, outline, page X of Y and the audience marking; and
the report options refused in plain words."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from pypdf import PdfReader

from casetracker.errors import ValidationError
from casetracker.reports.pdf import ReportDocument, cover, figures, heading, labelled, p, table

HOSTILE = [
    "AT&T <b>bold</b> 3 < 4",
    '<a href="http://evil.example/x">click</a>',
    '<img src="/etc/passwd"/>',
    "Ռուբեն Վարդանյան",
    "İlham Əliyev, Şuşa, ğ ı ç ö ü",
    "Рубен Варданян",
]


def build(path, marking=None, rows=120):
    doc = ReportDocument(
        str(path),
        title="Situation briefing & <i>notes</i>",
        subtitle="Armenian detainees held in Azerbaijan",
        organization="Advocacy Office <script>",
        marking=marking,
        generated=dt.datetime(2026, 11, 29, 10, 0),
        subject="Situation briefing",
    )
    story = cover(doc, ["Audience: internal", *HOSTILE], "a note & <u>more</u>")
    story += heading("Key figures")
    story.append(figures([("detained", 23), ("on trial", 6), ("released", 2)], doc.width))
    story += heading("Detainees")
    story += table(
        ["Name", "Status"],
        [[HOSTILE[i % len(HOSTILE)] + f" {i}", "On trial"] for i in range(rows)],
        [doc.width * 0.7, doc.width * 0.3],
    )
    story += heading("Profile", 1)
    story.append(labelled([("Name", HOSTILE[3]), ("Notes", HOSTILE[1])], doc.width))
    story.append(p(HOSTILE[2]))
    doc.build_story(story)
    return doc


def text_of(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_fonts_embedded_and_every_script_extracted(tmp_path):
    path = tmp_path / "r.pdf"
    doc = build(path)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    lines = fonts.stdout.splitlines()[2:]
    assert lines and all(line.split()[-5] == "yes" for line in lines), fonts.stdout
    assert all("DejaVuSans" in line for line in lines)
    text = text_of(path)
    for hostile in HOSTILE:
        assert hostile in text, hostile
    assert doc.pages > 3
    assert f"Page {doc.pages} of {doc.pages}" in text
    assert text.count(f"of {doc.pages}") == doc.pages


def test_hostile_text_adds_no_link_and_no_image(tmp_path):
    path = tmp_path / "r.pdf"
    build(path, rows=10)
    raw = path.read_bytes()
    assert b"/URI" not in raw and b"/Link" not in raw
    reader = PdfReader(path)
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        assert not any(xobjects[name].get("/Subtype") == "/Image" for name in xobjects)
        assert "/Annots" not in page


def test_metadata_outline_and_marking(tmp_path):
    path = tmp_path / "r.pdf"
    doc = build(path, marking="INTERNAL")
    reader = PdfReader(path)
    assert reader.metadata.title == "Situation briefing & <i>notes</i>"
    assert reader.metadata.author == "Advocacy Office <script>"
    assert reader.metadata.subject == "Situation briefing"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:2] == ["Key figures", "Detainees"]
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == doc.pages
    assert all("INTERNAL" in page for page in pages)


def test_report_options_are_refused_in_plain_words(services):
    reports = services.reports
    with pytest.raises(ValidationError, match="not a report"):
        reports.options("memo")
    with pytest.raises(ValidationError, match="not an audience"):
        reports.options("briefing", audience="everyone")
    with pytest.raises(ValidationError, match="needs --id"):
        reports.options("dossier")
    with pytest.raises(ValidationError, match="not a date"):
        reports.options("correspondence", date_from="2025-13")
    with pytest.raises(ValidationError, match="starts after it ends"):
        reports.options("correspondence", date_from="2025-06", date_to="2025-01")
    options = reports.options("correspondence", date_from="2025", date_to="2025-04")
    assert (options.date_from, options.date_to) == (dt.date(2025, 1, 1), dt.date(2025, 4, 30))
