"""Attached files: hostile names are made harmless when stored, saved and imported;
sizes are capped everywhere a file comes in."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casetracker.errors import ImportFormatError, ValidationError
from casetracker.filenames import (
    MAX_ATTACHMENT_BYTES,
    MAX_NAME_BYTES,
    safe_filename,
    size_problem,
    write_new_file,
)

RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\win.ini", "win.ini"),
        ("C:\\Users\\x\\evil.exe", "evil.exe"),
        ("CON.txt", "_CON.txt"),
        ("con", "_con"),
        ("lpt9.tar.gz", "_lpt9.tar.gz"),
        ("a/b/c.pdf", "c.pdf"),
        ("\x00evil.pdf", "evil.pdf"),
        ("photo\u202egpj.exe", "photogpj.exe"),  # RTL override: no disguised extension
        ("\u2066doc\u2069\u200f.pdf", "doc.pdf"),
        ("new\nline\r\t.txt", "newline.txt"),
        ('a<b>c:d"e|f?g*h.txt', "a_b_c_d_e_f_g_h.txt"),
        (".bashrc", "bashrc"),
        ("..", "attachment"),
        ("", "attachment"),
        ("  . ", "attachment"),
        ("name. . ", "name"),
        ("Վարդանյան.docx", "Վարդանյան.docx"),
        ("\ud800broken.pdf", "_broken.pdf"),
    ],
)
def test_hostile_names_become_plain_file_names(name, safe):
    assert safe_filename(name) == safe


def test_long_names_keep_their_extension_within_200_bytes():
    long = safe_filename("x" * 500 + ".pdf")
    assert long.endswith(".pdf") and len(long.encode()) == MAX_NAME_BYTES
    armenian = safe_filename("Վ" * 300 + ".docx")  # two bytes each: cut on a character
    assert armenian.endswith(".docx") and len(armenian.encode()) <= MAX_NAME_BYTES
    assert set(armenian.removesuffix(".docx")) == {"Վ"}
    odd = safe_filename("y" * 300 + "." + "z" * 40)  # no plausible extension: plain cut
    assert len(odd.encode()) <= MAX_NAME_BYTES


def test_size_messages():
    assert size_problem("report.pdf", 250 * 1024 * 1024) == (
        "report.pdf is 250 MB; the limit is 200 MB"
    )
    assert (
        size_problem("r.pdf", MAX_ATTACHMENT_BYTES + 1) == "r.pdf is 200.1 MB; the limit is 200 MB"
    )
    assert size_problem("r.pdf", MAX_ATTACHMENT_BYTES) is None


names = st.text(max_size=300) | st.lists(
    st.sampled_from(["..", ".", "/", "\\", "CON", "nul", "\x00", "\u202e", " ", ":", "a", "é"]),
    max_size=12,
).map("".join)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=names)
def test_any_name_is_safe_and_is_written_inside_the_folder(tmp_path, name):
    safe = safe_filename(name)
    assert safe and safe_filename(safe) == safe  # stable
    assert len(safe.encode("utf-8")) <= MAX_NAME_BYTES
    assert not set(safe) & set('/\\<>:"|?*\x00\u202e')
    assert not any(unicodedata.category(ch) == "Cc" for ch in safe)
    assert not safe.startswith((".", " ")) and not safe.endswith((".", " "))
    assert safe.split(".")[0].strip().upper() not in RESERVED

    folder = tmp_path / "out"
    folder.mkdir(exist_ok=True)
    first = write_new_file(folder, name, b"one")
    second = write_new_file(folder, name, b"two")
    for written in (first, second):
        assert written.parent == folder.resolve()
    assert first != second and first.read_bytes() == b"one" and second.read_bytes() == b"two"
    extension = re.search(r"\.[^.\s]{1,15}$", first.name)
    assert second.name.endswith(extension.group(0) if extension else " (2)")
    assert all(p.parent == folder for p in tmp_path.rglob("*") if p.is_file())
    for path in folder.iterdir():
        path.unlink()


def test_symlink_in_the_way_is_never_followed(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("keep")
    (folder / "secret.txt").symlink_to(outside)
    written = write_new_file(folder, "secret.txt", b"new")
    assert written.name == "secret (2).txt" and outside.read_text() == "keep"


# ------------------------------------------------------------------ through the services
@pytest.fixture
def letter(services):
    return services.letters.create(title="Appeal")


def test_stored_names_are_safe_whatever_the_way_in(services, letter, tmp_path):
    stored = services.attachments.attach_bytes(b"x", "../../etc/passwd", letter_id=letter.id)
    assert services.attachments.get(stored.id).original_name == "passwd"

    direct = services.attachments.create(
        original_name="..\\CON.txt",
        media_type="text/plain",
        sha256=hashlib.sha256(b"y").hexdigest(),
        size=1,
        content=b"y",
        letter_id=letter.id,
    )
    assert services.attachments.get(direct.id).original_name == "_CON.txt"
    services.attachments.update(direct.id, original_name="a/b/\u202egpj.exe")
    assert services.attachments.get(direct.id).original_name == "gpj.exe"

    dropped = tmp_path / "photo\u202egpj.exe"
    dropped.write_bytes(b"MZ")
    added = services.documents.add_file("letters", letter.id, dropped)
    assert services.attachments.get(added.id).original_name == "photogpj.exe"


def test_save_to_a_folder_stays_inside_and_never_overwrites(services, letter, tmp_path):
    attachment = services.attachments.attach_bytes(
        b"secret", "../../outside.txt", letter_id=letter.id
    )
    area = tmp_path / "area"
    folder = area / "saved"
    folder.mkdir(parents=True)
    (folder / "outside.txt").write_bytes(b"already here")
    first = services.documents.save_to(attachment.id, folder)
    second = services.documents.save_to(attachment.id, folder)
    assert (first.name, second.name) == ("outside (2).txt", "outside (3).txt")
    assert (folder / "outside.txt").read_bytes() == b"already here"
    assert first.read_bytes() == second.read_bytes() == b"secret"
    assert sorted(p.name for p in area.iterdir()) == ["saved"]

    chosen = area / "chosen name.bin"  # a file the user picked in the save dialog
    assert services.documents.save_to(attachment.id, chosen) == chosen
    assert chosen.read_bytes() == b"secret"
    with pytest.raises(ValidationError, match="cannot write"):
        services.documents.save_to(attachment.id, area / "absent" / "x.bin")
    assert sorted(p.name for p in area.iterdir()) == ["chosen name.bin", "saved"]


def test_sizes_are_capped_on_every_way_in(services, letter, tmp_path):
    big = tmp_path / "report.pdf"
    with big.open("wb") as handle:  # a sparse 250 MB file: refused before it is read
        handle.truncate(250 * 1024 * 1024)
    with pytest.raises(ValidationError, match=r"report\.pdf is 250 MB; the limit is 200 MB"):
        services.documents.add_file("letters", letter.id, big)

    content = bytes(MAX_ATTACHMENT_BYTES + 1)
    with pytest.raises(ValidationError, match=r"scan\.pdf is 200\.1 MB; the limit is 200 MB"):
        services.attachments.attach_bytes(content, "scan.pdf", letter_id=letter.id)
    with pytest.raises(ValidationError, match="the limit is 200 MB"):
        services.attachments.create(
            original_name="raw.bin",
            media_type="application/octet-stream",
            sha256="0" * 64,
            size=len(content),
            content=content,
            letter_id=letter.id,
        )
    del content
    assert services.attachments.count() == 0


# ------------------------------------------------------------------ interchange
def _document_with_attachment(services, db, name, content=b"%PDF-1.4 nothing"):
    from casetracker.interchange import export_document

    letter = services.letters.create(title="Appeal")
    services.attachments.attach_bytes(content, "plain.pdf", letter_id=letter.id)
    document = export_document(db)
    row = document["collections"]["attachments"][0]
    row["original_name"] = name
    return document


def _fresh(tmp_path):
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import open_database

    return open_database(resolve_url(str(tmp_path / "fresh.db")), create=True)


def test_import_sanitises_names_and_checks_content(services, db, tmp_path):
    from casetracker.interchange import import_document

    document = _document_with_attachment(services, db, "..\\..\\AUX.pdf\u202e")
    target = _fresh(tmp_path)
    try:
        bad_size = copy.deepcopy(document)
        bad_size["collections"]["attachments"][0]["size"] = 3
        with pytest.raises(ImportFormatError, match=r"attachments\[0\]\.size: is 3 but"):
            import_document(target, bad_size)
        bad_hash = copy.deepcopy(document)
        bad_hash["collections"]["attachments"][0]["sha256"] = "0" * 64
        with pytest.raises(ImportFormatError, match="does not match the content"):
            import_document(target, bad_hash)
        import_document(target, document)
        from casetracker.services import Services

        (row,) = Services(target).documents.rows(
            "letters", document["collections"]["letters"][0]["id"]
        )
        assert row["original_name"] == "_AUX.pdf"
    finally:
        target.close()


def test_import_refuses_oversized_content_before_decoding(services, db, tmp_path):
    from casetracker.interchange import import_document

    document = _document_with_attachment(services, db, "big.bin")
    row = document["collections"]["attachments"][0]
    row["content"] = "A" * (MAX_ATTACHMENT_BYTES // 3 * 4 + 8)  # ~200 MB once decoded
    target = _fresh(tmp_path)
    try:
        with pytest.raises(ImportFormatError, match=r"attachments\[0\]\.content: is 200.1 MB"):
            import_document(target, document)
    finally:
        target.close()


def test_export_writes_one_file_whatever_the_attachment_names(services, db, tmp_path):
    from casetracker.interchange import write_export

    letter = services.letters.create(title="Appeal")
    for name in ("../../evil.sh", "..\\x.bat", "/etc/cron.d/job", "CON"):
        services.attachments.attach_bytes(b"data", name, letter_id=letter.id)
    folder = tmp_path / "out"
    folder.mkdir()
    before = {p for p in Path("/").glob("*")} | set(tmp_path.rglob("*"))
    write_export(db, folder / "all.json")
    after = {p for p in Path("/").glob("*")} | set(tmp_path.rglob("*"))
    assert {p for p in after - before if not p.name.startswith("case.db")} == {folder / "all.json"}
    rows = json.loads((folder / "all.json").read_text())["collections"]["attachments"]
    assert sorted(r["original_name"] for r in rows) == ["_CON", "evil.sh", "job", "x.bat"]
    assert all(base64.b64decode(r["content"]) == b"data" for r in rows)
