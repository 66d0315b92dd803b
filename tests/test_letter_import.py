"""Letters in, end to end on both backends: both roster snapshots imported, the
seed letter read, its 36 signatories linked to the members serving on its
date, saved only when asked; unmatched names are kept, never guessed."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from casetracker.cli.main import main
from casetracker.letters.roster import import_roster
from casetracker.models import LetterSignatory, PersonIdentifier
from tests.conftest import SHARED

ROSTERS = [
    SHARED / "data" / "legislators-current-2025-04.yaml",
    SHARED / "data" / "legislators-current-2026-06.yaml",
]
SEED = SHARED / "seed" / "letter-2025-04-11-magnitsky.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared is not beside the checkout")


@pytest.fixture
def roster(services):
    for path in ROSTERS:
        import_roster(services.db, path)
    return services


def bioguides(services, letter_id) -> dict[str, str]:
    """signed_as -> bioguide of the linked person."""
    with services.db.reading() as session:
        rows = session.execute(
            select(LetterSignatory.signed_as, PersonIdentifier.value)
            .join(PersonIdentifier, PersonIdentifier.person_id == LetterSignatory.person_id)
            .where(LetterSignatory.letter_id == letter_id, PersonIdentifier.scheme == "bioguide")
        ).all()
    return dict(rows)


def test_the_seed_letter_imports_with_every_signatory_linked(roster):
    services = roster
    preview = services.letter_import.preview_file(SEED)
    assert preview.letter.date.isoformat() == "2025-04-11"
    assert any(
        r.name == "Marco Rubio" and "Secretary of State" in (r.title or "")
        for r in preview.letter.recipients
    )
    assert len(preview.letter.asks) == 3
    assert len(preview.signatories) == 36 and preview.matched == 36
    by_name = {s.name: s.bioguide for s in preview.signatories}
    assert by_name["Dan Goldman"] == "G000599"
    assert by_name["Robert J. Menendez"] == "M001226"
    assert by_name["Eric Swalwell"] == "S001193"  # only the 2025 snapshot lists him
    assert len({s.bioguide for s in preview.signatories}) == 36
    assert [s.name for s in preview.signatories if s.lead] == ["Dina Titus"]
    # nothing is saved by a preview
    assert services.listing.count("letters") == 0
    letter_id = services.letter_import.save(preview)
    linked = bioguides(services, letter_id)
    assert len(linked) == 36 and linked["Dan Goldman"] == "G000599"
    letter = services.letters.get(letter_id)
    assert letter.sent_on.isoformat() == "2025-04-11" and letter.notes is None
    assert len(services.children.rows("letters", "asks", letter_id)) == 3
    # the signatory record of a legislator lists the letter
    goldman = services.letter_import.person_for("G000599")
    signed = services.related.for_record("people", goldman)
    assert any(item.label.startswith("Letter of 36") for group in signed for item in group.items)


PRESS_RELEASE = """FOR IMMEDIATE RELEASE
June 3, 2025

WASHINGTON — A letter led by Rep. Dan Goldman (D-NY) and signed by Representatives
Bob Menendez (D-NJ), Thomas Kean Jr. (R-NJ), Austin Scott (R-GA), David Scott (D-GA)
and Pat Nobody (D-ZZ) urges the Secretary of State to act.
"""


def test_an_inline_list_links_only_who_it_is_sure_of(roster, tmp_path):
    services = roster
    path = tmp_path / "release.txt"
    path.write_text(PRESS_RELEASE, encoding="utf-8")
    preview = services.letter_import.preview_file(path)
    found = {s.name: (s.bioguide, s.reason) for s in preview.signatories}
    assert found["Dan Goldman"][0] == "G000599"
    assert found["Bob Menendez"][0] == "M001226"  # the Representative serving in 2025
    assert found["Thomas Kean Jr."][0] == "K000398"
    assert found["Austin Scott"][0] != found["David Scott"][0]
    assert found["Pat Nobody"][0] is None
    letter_id = services.letter_import.save(preview)
    notes = services.letters.get(letter_id).notes
    assert "Pat Nobody" in notes  # kept, not linked


def test_cli_dry_run_json_then_save(roster, db_url, capsys):
    code = main(["--db", db_url, "import", str(SEED), "--dry-run", "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    found = json.loads(out)
    assert found["date"] == "2025-04-11" and found["saved_id"] is None
    assert len(found["asks"]) == 3 and found["matched"] == 36
    first = found["signatories"][0]
    assert set(first) >= {"name", "bioguide", "confidence", "alternatives"}
    assert main(["--db", db_url, "list", "letters", "--json"]) == 0
    assert capsys.readouterr().out.strip() == ""
    assert main(["--db", db_url, "import", str(SEED)]) == 0
    assert "saved as letter" in capsys.readouterr().out
    assert main(["--db", db_url, "import", str(SEED.with_suffix(".xls"))]) == 1
    assert "cannot import" in capsys.readouterr().err


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_review_dialog_reads_pasted_text_and_saves_the_choices(qtbot, roster):
    from casetracker.gui.letter_import_dialog import UNLINKED, LetterImportDialog

    services = roster
    dialog = LetterImportDialog(services)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    dialog.text.setPlainText("")
    dialog.read()
    assert "empty" in dialog.problem.text()
    dialog.text.setPlainText(PRESS_RELEASE)
    dialog.read()
    assert dialog.pages.currentIndex() == 1 and dialog.save_button.isEnabled()
    assert "Signatories: 6" in dialog.summary.text()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names[0] == "Dan Goldman ★"
    nobody = names.index("Pat Nobody")
    assert dialog.table.cellWidget(nobody, 1).currentData() == UNLINKED
    # the reviewer unlinks Bob Menendez
    menendez = dialog.table.cellWidget(names.index("Bob Menendez"), 1)
    menendez.setCurrentIndex(menendez.findData(UNLINKED))
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    linked = bioguides(services, dialog.saved_id)
    assert "Bob Menendez" not in linked and linked["Dan Goldman"] == "G000599"
    notes = services.letters.get(dialog.saved_id).notes
    assert "Bob Menendez" in notes and "Pat Nobody" in notes
