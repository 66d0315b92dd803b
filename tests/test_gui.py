"""The desktop app, driven as a user would (offscreen, pytest-qt), on a real database.

Writes go through ``ImmediateRunner`` so each step is done when the call
returns; modal dialogs are answered by :func:`answer_dialog`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton

from casetracker.demo import load_demo

SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def answer_dialog(handler: Callable[[Any], None], seen: list[Any] | None = None) -> None:
    """Answer the next modal dialog with ``handler`` (it must close it)."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(10, poll)
            return
        if seen is not None:
            seen.append(widget)
        handler(widget)

    QTimer.singleShot(0, poll)


def press(button: QMessageBox.StandardButton) -> Callable[[Any], None]:
    def handler(box: Any) -> None:
        box.button(button).click()

    return handler


def type_text(widget: Any, text: str) -> None:
    """Type any text, one key event per character (keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


def make_window(qtbot, services, tmp_path, name: str = "settings.ini"):
    from casetracker.gui.main_window import MainWindow
    from casetracker.gui.tasks import ImmediateRunner

    settings = QSettings(str(tmp_path / name), QSettings.Format.IniFormat)
    window = MainWindow(services, ImmediateRunner(), settings)
    qtbot.addWidget(window, before_close_func=discard_edits)
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def discard_edits(window: Any) -> None:
    """Teardown: drop unsaved edits so closing does not prompt."""
    for page in window.pages.values():
        editor = getattr(page, "editor", None)
        if editor is not None and editor.is_dirty():
            editor.revert()


def choose(combo_field: Any, code: str) -> None:
    combo = combo_field.combo
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def column_values(page, column: str) -> list[str]:
    model = page.model
    col = model.columns.index(column)
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


# --------------------------------------------------------------------------- shell
@SQLITE_ONLY
def test_window_navigation_counts_and_font(qtbot, services, tmp_path):
    from PySide6.QtGui import QFontMetrics

    from casetracker.gui.app import register_fonts

    assert "DejaVu Sans" in register_fonts()
    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [
        "Dashboard",
        "Detainees",
        "Letters",
        "Sanctions",
        "Responses",
        "People",
        "Organizations",
        "Search",
    ]
    assert "People: 43" in window.counts_label.text()
    assert "Detainees: 6" in window.counts_label.text()
    assert str(services.db.describe()) in window.db_label.text()
    page = window.show_page("detainees")
    assert page.model.rowCount() == 6
    assert "Ruben Vardanyan" in column_values(page, "name")
    assert "27 Sep 2023" in column_values(page, "captured_on")
    assert "On trial" in column_values(page, "status")
    metrics = QFontMetrics(QApplication.font())
    for ch in "ԱՎЖəŞğ":
        assert metrics.inFontUcs4(ord(ch)), ch
    # Ctrl+3 shows letters
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(page.table, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_kind() == "letters"


@SQLITE_ONLY
def test_window_state_is_kept(qtbot, services, tmp_path):
    window = make_window(qtbot, services, tmp_path)
    window.show_page("people")
    window.resize(1111, 777)
    window.close()
    again = make_window(qtbot, services, tmp_path)
    assert again.current_kind() == "people"
    assert again.recent.items()[0] == services.db.describe()


# --------------------------------------------------------------------------- main flow
def test_detainee_flow_armenian_name_status_and_letter(qtbot, services, tmp_path):
    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("detainees")
    window.new_action.trigger()
    editor = page.editor
    assert editor.record_id is None
    qtbot.keyClicks(editor.widgets["display_name"].edit, "Narek Sargsyan")
    choose(editor.widgets["category"], "prisoner_of_war")
    choose(editor.widgets["status"], "detained")
    qtbot.keyClicks(editor.widgets["captured_on"].edit, "2023-10")
    assert editor.is_dirty()
    window.save_action.trigger()
    assert not editor.is_dirty()
    detention_id = editor.record_id
    assert detention_id is not None
    row = page.model.row_of(detention_id)
    assert row is not None
    assert page.model.row_values(row)["name"] == "Narek Sargsyan"
    assert "Oct 2023" in column_values(page, "captured_on")

    # an Armenian-script name variant, typed into the Add dialog
    names = page.parts["names"]

    def fill(dialog: Any) -> None:
        type_text(dialog.widgets["name"].edit, "Նարեկ Սարգսյան")
        type_text(dialog.widgets["script"].edit, "Armn")
        type_text(dialog.widgets["language"].edit, "hy")
        buttons = dialog.findChildren(QPushButton)
        next(b for b in buttons if b.text().replace("&", "") == "OK").click()

    answer_dialog(fill)
    names.add_button.click()
    shown = [names.table.item(r, 0).text() for r in range(names.table.rowCount())]
    assert "Նարեկ Սարգսյան" in shown
    assert names.table.item(shown.index("Նարեկ Սարգսյան"), 1).text() == "Armn"
    # the list finds the detainee by the Armenian variant
    page.filter_bar.quick.setText("Սարգսյան")
    page.filter_bar.apply_now()
    assert column_values(page, "name") == ["Narek Sargsyan"]
    page.filter_bar.quick.clear()
    page.filter_bar.apply_now()

    # change the status: the list and the timeline follow
    choose(editor.widgets["status"], "sentenced")
    window.save_action.trigger()
    assert page.model.row_values(page.model.row_of(detention_id))["status"] == "sentenced"
    timeline = page.parts["status_history"]
    statuses = [timeline.table.item(r, 1).text() for r in range(timeline.table.rowCount())]
    assert statuses == ["Sentenced", "Detained"]

    # link it to the demo letter with the type-ahead picker
    links = page.links["letters"]
    type_text(links.picker.edit, "Members of Congress")
    found = links.picker.refresh_choices()
    assert found, "the picker finds the letter by title"
    links.picker.choose(found[0])
    links.link_button.click()
    assert any("Members of Congress" in label for label in links.linked_labels())
    letter_id = found[0].id

    # the letter's page lists the detainee
    window.open_record("letters", letter_id)
    letters = window.pages["letters"]
    assert window.current_kind() == "letters"
    assert letters.editor.record_id == letter_id
    assert "Narek Sargsyan" in letters.links["detainees"].linked_labels()
    related = letters.related.groups()
    assert "Narek Sargsyan" in related["Detentions"]
    # and the detainee's related records show the letter and its asks
    window.open_record("detainees", detention_id)
    groups = window.pages["detainees"].related.groups()
    assert any("Members of Congress" in label for label in groups["Letters"])
    assert len(groups["Asks"]) == 3


def test_ask_status_edit_reorder_and_undo(qtbot, services, tmp_path):
    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("letters")
    page.table.selectRow(0)
    letter_id = page.editor.record_id
    asks = page.parts["asks"]
    first = asks.rows[0]
    combo = asks.table.cellWidget(0, 1)
    combo.setCurrentIndex(combo.findData("met"))
    combo.activated.emit(combo.currentIndex())
    stored = {a.id: a.status for a in services.letters.asks(letter_id)}
    assert stored[first["id"]] == "met"
    assert asks.table.cellWidget(0, 1).currentData() == "met"
    window.undo_group.undo()
    assert {a.id: a.status for a in services.letters.asks(letter_id)}[first["id"]] == "open"
    window.undo_group.redo()
    assert {a.id: a.status for a in services.letters.asks(letter_id)}[first["id"]] == "met"

    # move the first ask down: saved at once, undoable
    asks.table.selectRow(0)
    asks.down_button.click()
    order = [a.id for a in services.letters.asks(letter_id)]
    assert order[1] == first["id"]
    window.undo_group.undo()
    assert next(a.id for a in services.letters.asks(letter_id)) == first["id"]


# --------------------------------------------------------------------------- never lose an edit
@SQLITE_ONLY
def test_closing_with_unsaved_edits_prompts(qtbot, services, tmp_path):
    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("detainees")
    page.table.selectRow(0)
    editor = page.editor
    editor.widgets["capture_place"].edit.end(False)
    qtbot.keyClicks(editor.widgets["capture_place"].edit, " (east)")
    assert editor.is_dirty()
    seen: list[Any] = []
    answer_dialog(press(QMessageBox.StandardButton.Cancel), seen)
    assert window.close() is False
    assert window.isVisible() and editor.is_dirty()
    assert seen and seen[0].objectName() == "unsavedPrompt"

    # moving to another row asks too; Cancel keeps the edit and the record
    edited = editor.record_id
    answer_dialog(press(QMessageBox.StandardButton.Cancel))
    page.table.selectRow(1)
    assert editor.record_id == edited and editor.is_dirty()

    # Save from the prompt writes the edit, then the window closes
    answer_dialog(press(QMessageBox.StandardButton.Save))
    assert window.close() is True
    place = services.forms.load("detainees", edited).values["capture_place"]
    assert place.endswith(" (east)")


@SQLITE_ONLY
def test_discard_from_the_prompt_restores_the_record(qtbot, services, tmp_path):
    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("detainees")
    page.table.selectRow(0)
    first = page.editor.record_id
    before = services.forms.load("detainees", first).values
    qtbot.keyClicks(page.editor.widgets["summary"].edit, " EDIT")
    answer_dialog(press(QMessageBox.StandardButton.Discard))
    page.table.selectRow(1)
    assert page.editor.record_id != first
    assert services.forms.load("detainees", first).values == before


@SQLITE_ONLY
def test_undo_redo_of_field_edits(qtbot, services, tmp_path):
    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("detainees")
    page.table.selectRow(0)
    editor = page.editor
    place = editor.widgets["capture_place"]
    original = place.value()
    place.edit.end(False)
    qtbot.keyClicks(place.edit, "XY")
    choose(editor.widgets["gender"], "female")
    assert editor.is_dirty()
    window.undo_group.undo()  # gender
    assert editor.widgets["gender"].value() == "male"
    window.undo_group.undo()  # the typing, merged into one step
    assert place.value() == original
    assert not editor.is_dirty()
    window.undo_group.redo()
    assert place.value() == original + "XY"


# --------------------------------------------------------------------------- validation
@SQLITE_ONLY
def test_validation_is_shown_at_the_field(qtbot, services, tmp_path):
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("letters")
    page.new_record()
    editor = page.editor
    qtbot.keyClicks(editor.widgets["sent_on"].edit, "2025-13-01")
    assert editor.errors["sent_on"].isVisibleTo(editor)
    assert "13" in editor.errors["sent_on"].text()
    assert editor.save() is False
    assert services.listing.count("letters") == 0
    editor.widgets["sent_on"].edit.clear()
    editor.widgets["sent_on"].edit.textEdited.emit("")
    assert editor.save() is False  # the title is required: said by the service, at the field
    assert editor.errors["title"].isVisibleTo(editor)
    assert "required" in editor.errors["title"].text()
    qtbot.keyClicks(editor.widgets["title"].edit, "To the Secretary")
    assert editor.save() is True
    assert services.listing.count("letters") == 1
    assert not editor.errors["title"].isVisibleTo(editor)


# --------------------------------------------------------------------------- optimistic lock
def test_conflicting_edit_is_reported_not_overwritten(qtbot, services, db_url, tmp_path):
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import open_database
    from casetracker.services import Services

    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("detainees")
    page.table.selectRow(0)
    editor = page.editor
    record = editor.record_id

    other_db = open_database(resolve_url(db_url))
    try:
        other = Services(other_db)
        theirs = other.forms.load("detainees", record)
        other.forms.save("detainees", record, {"capture_place": "Theirs"}, theirs.versions)
    finally:
        other_db.close()

    summary = editor.widgets["summary"].edit
    summary.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(summary, " Mine.")
    seen: list[Any] = []
    shown: dict[str, list[str]] = {}

    def keep(dialog: Any) -> None:
        table = dialog.table
        for r in range(table.rowCount()):
            shown[table.item(r, 0).text()] = [table.item(r, c).text() for c in range(1, 4)]
        dialog.findChild(QPushButton, "keepButton").click()

    answer_dialog(keep, seen)
    assert editor.save() is False
    assert seen and isinstance(seen[0], QDialog)
    assert shown["Place of capture"][1] == "Theirs"
    assert shown["Summary"][2].endswith(" Mine.")
    assert services.forms.load("detainees", record).values["capture_place"] == "Theirs"
    assert editor.is_dirty()
    assert "Someone else saved" in editor.general_error.text()

    answer_dialog(lambda d: d.findChild(QPushButton, "reapplyButton").click())
    assert editor.save() is False
    assert editor.widgets["capture_place"].value() == "Theirs"
    assert editor.widgets["summary"].value().endswith(" Mine.")
    assert editor.save() is True
    saved = services.forms.load("detainees", record).values
    assert saved["capture_place"] == "Theirs" and saved["summary"].endswith(" Mine.")


# --------------------------------------------------------------------------- dashboard
@SQLITE_ONLY
def test_dashboard_figures_open_filtered_lists(qtbot, services, tmp_path):
    load_demo(services)
    overdue = services.letters.create(
        title="Follow-up on consular access",
        direction="outgoing",
        sent_on="2026-09-01",
        follow_up_due="2026-10-01",
    )
    window = make_window(qtbot, services, tmp_path)
    window.dashboard.today = dt.date(2026, 11, 29)
    window.show_page("dashboard")
    window.dashboard.refresh()
    button = window.dashboard.findChild(QPushButton, "figure_on_trial")
    assert button is not None and button.text().startswith("6")
    button.click()
    page = window.pages["detainees"]
    assert window.current_kind() == "detainees"
    assert page.filter_bar.combos["status"].currentData() == "on_trial"
    assert page.model.rowCount() == 6

    window.show_page("dashboard")
    window.dashboard.refresh()
    window.dashboard.findChild(QPushButton, "overdueTotal").click()
    letters = window.pages["letters"]
    assert window.current_kind() == "letters"
    assert letters.model.rowCount() == 1
    assert letters.model.row_of(overdue.id) == 0
    assert letters.filter_bar.pinned_label.isVisibleTo(letters)
    letters.filter_bar.clear_pinned()
    assert letters.model.rowCount() == 2


# --------------------------------------------------------------------------- long work and errors
@SQLITE_ONLY
def test_export_and_failed_import_through_the_window(qtbot, services, tmp_path):
    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    out = tmp_path / "all.json"
    job = window.export_file(out)
    assert job.finished and out.stat().st_size > 10_000
    before = services.listing.count("people")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    seen: list[Any] = []
    answer_dialog(lambda box: box.button(QMessageBox.StandardButton.Ok).click(), seen)
    window.import_file(bad)
    assert seen and "Nothing was imported" in seen[0].text()
    assert "Traceback" not in seen[0].informativeText()
    assert services.listing.count("people") == before


def test_cancelled_import_changes_nothing(services, tmp_path):
    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import open_database
    from casetracker.gui.tasks import JobProgress
    from casetracker.interchange import import_document, read_document, write_export
    from casetracker.progress import Cancelled
    from casetracker.services import Services

    source = open_database(resolve_url(str(tmp_path / "demo.db")), create=True)
    try:
        load_demo(Services(source))
        write_export(source, tmp_path / "all.json")
    finally:
        source.close()
    document = read_document(tmp_path / "all.json")

    progress = JobProgress()
    progress.cancel()
    with pytest.raises(Cancelled):
        import_document(services.db, document, progress)
    assert services.listing.count("people") == 0

    progress = JobProgress()
    counts = import_document(services.db, document, progress)
    _done, total, text = progress.snapshot()
    assert total == sum(counts.values()) and text
    assert services.listing.count("people") == 43


def test_thread_runner_reports_on_the_gui_thread(qtbot):
    import threading

    from casetracker.gui.tasks import ThreadRunner

    runner = ThreadRunner()
    results: list[Any] = []
    main = threading.get_ident()
    runner.run(lambda: threading.get_ident(), lambda r: results.append((r, threading.get_ident())))
    runner.run(lambda: 1 / 0, None, lambda exc: results.append(type(exc).__name__))
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    worker, reported_on = results[0]
    assert worker != main and reported_on == main
    assert results[1] == "ZeroDivisionError"


def test_internal_errors_are_logged_not_shown(qtbot, tmp_path):
    from casetracker import paths
    from casetracker.gui.dialogs import show_error

    seen: list[Any] = []
    answer_dialog(lambda box: box.button(QMessageBox.StandardButton.Ok).click(), seen)
    show_error(None, RuntimeError("secret internals"), "Could not do it.")
    text = seen[0].text() + seen[0].informativeText()
    assert "secret internals" not in text and "Traceback" not in text
    logs = list(paths.log_dir().glob("error-*.log"))
    assert logs and "secret internals" in logs[0].read_text(encoding="utf-8")
    assert str(logs[0]) in text


def test_screenshot_script_renders_every_view(tmp_path):
    import subprocess
    import sys

    from tests.conftest import REPO

    out = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "screenshots.py"), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    names = {p.stem for p in out.glob("*.png")}
    assert {"dashboard", "detainees", "letters", "detainee-names", "letter-asks"} <= names
    assert all(p.stat().st_size > 20_000 for p in out.glob("*.png"))


@SQLITE_ONLY
def test_response_answers_asks_and_the_letter_shows_it(qtbot, services, tmp_path):
    load_demo(services)
    letter_id = services.listing.page("letters").rows[0]["id"]
    office = services.lookup.find("organizations", "State", limit=5)[0]
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("responses")
    page.new_record()
    editor = page.editor
    qtbot.keyClicks(editor.widgets["title"].edit, "Reply from the Department of State")
    choose(editor.widgets["response_type"], "token_reply")
    sender = editor.widgets["from_organization_id"]
    type_text(sender.edit, "State")
    sender.choose(next(c for c in sender.refresh_choices() if c.id == office.id))
    assert editor.save() is True
    links = page.links["replied_to"]
    links.link_to(letter_id)
    positions = page.ask_positions
    assert positions.table.rowCount() == 3
    combo = positions.table.cellWidget(1, 3)
    combo.setCurrentIndex(combo.findData("declined"))
    combo.activated.emit(combo.currentIndex())
    assert [r["position"] for r in services.children.ask_positions(editor.record_id)] == [
        None,
        "declined",
        None,
    ]
    window.undo_group.undo()
    assert positions.position_of(positions.rows[1]["id"]) is None
    window.undo_group.redo()
    window.open_record("letters", letter_id)
    responses = window.pages["letters"].related.groups()["Responses"]
    assert responses == ["Reply from the Department of State"]
    tree = window.pages["letters"].related.tree
    detail = next(
        tree.topLevelItem(i).child(0).text(2)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0).startswith("Responses")
    )
    assert "2" in detail and "Declined" in detail


@SQLITE_ONLY
def test_recording_a_new_detention_of_a_known_person(qtbot, services, tmp_path):
    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    people = window.show_page("people")
    row = next(
        r
        for r in range(people.model.rowCount())
        if people.model.row_values(r)["display_name"] == "Ruben Vardanyan"
    )
    people.table.selectRow(row)
    button = people.editor.findChild(QPushButton, "recordDetention")
    assert button.isEnabled()
    button.click()
    page = window.pages["detainees"]
    assert window.current_kind() == "detainees"
    assert "Ruben Vardanyan" in page.editor.heading.text()
    choose(page.editor.widgets["category"], "political_figure")
    qtbot.keyClicks(page.editor.widgets["captured_on"].edit, "2026-11")
    assert page.editor.save() is True
    names = column_values(page, "name")
    assert names.count("Ruben Vardanyan") == 2
    assert services.listing.count("people") == 43


@SQLITE_ONLY
def test_delete_key_asks_then_deletes(qtbot, services, tmp_path):
    services.letters.create(title="Draft to delete", direction="outgoing")
    services.letters.create(title="Keep me", direction="outgoing")
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("letters")
    row = next(
        r
        for r in range(page.model.rowCount())
        if page.model.row_values(r)["title"] == "Draft to delete"
    )
    page.table.selectRow(row)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    seen: list[Any] = []

    def cancel(box: Any) -> None:
        box.button(QMessageBox.StandardButton.Cancel).click()

    answer_dialog(cancel, seen)
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(seen) == 1, "Delete asks first"
    assert services.listing.count("letters") == 2

    def delete(box: Any) -> None:
        next(b for b in box.buttons() if b.text() == "Delete").click()

    window.activateWindow()  # offscreen, nothing gives the window back its focus
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    answer_dialog(delete, seen)
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    assert len(seen) == 2
    assert [r["title"] for r in services.listing.page("letters").rows] == ["Keep me"]
    assert page.model.rowCount() == 1


@SQLITE_ONLY
def test_save_from_the_prompt_with_the_worker_thread(qtbot, services, tmp_path):
    """With writes on the real worker thread, "Save" in the prompt still saves
    before the window moves on or closes."""
    from casetracker.gui.main_window import MainWindow
    from casetracker.gui.tasks import ThreadRunner

    load_demo(services)
    runner = ThreadRunner()
    settings = QSettings(str(tmp_path / "t.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, runner, settings)
    qtbot.addWidget(window, before_close_func=discard_edits)
    window.show()
    qtbot.waitUntil(lambda: window.dashboard.heading.text().startswith("Situation"))
    page = window.show_page("detainees")
    page.table.selectRow(0)
    first = page.editor.record_id
    place = page.editor.widgets["capture_place"].edit
    place.end(False)
    qtbot.keyClicks(place, " [checked]")
    answer_dialog(press(QMessageBox.StandardButton.Save))
    page.table.selectRow(1)
    assert page.editor.record_id != first
    assert services.forms.load("detainees", first).values["capture_place"].endswith(" [checked]")
    # a plain Save (Ctrl+S) runs on the worker and lands shortly after
    qtbot.keyClicks(page.editor.widgets["capture_place"].edit, "X")
    second = page.editor.record_id
    window.save_action.trigger()
    qtbot.waitUntil(lambda: not page.editor.is_dirty())
    assert services.forms.load("detainees", second).values["capture_place"].startswith("X")
    runner.wait()


@SQLITE_ONLY
def test_selection_follows_the_editor_and_part_changes_keep_edits(qtbot, services, tmp_path):
    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("detainees")
    page.table.selectRow(0)
    editor = page.editor
    editor.widgets["capture_place"].edit.end(False)
    qtbot.keyClicks(editor.widgets["capture_place"].edit, "!")
    answer_dialog(press(QMessageBox.StandardButton.Save))
    page.table.selectRow(1)
    qtbot.wait(20)  # deferred re-selection
    current = page.table.currentIndex().row()
    assert page.model.record_id(current) == editor.record_id
    selected = page.table.selectionModel().selectedRows()
    assert [i.row() for i in selected] == [current]

    # an edit in progress survives a status added in the timeline, and saves cleanly
    summary = editor.widgets["summary"].edit
    summary.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(summary, " More.")
    page.parts["status_history"].add({"status": "sentenced", "changed_on": "2099-01-01"})
    assert editor.is_dirty() and editor.widgets["status"].value() == "sentenced"
    assert editor.save() is True
    saved = services.forms.load("detainees", editor.record_id).values
    assert saved["summary"].endswith(" More.") and saved["status"] == "sentenced"


@SQLITE_ONLY
def test_documents_attached_to_a_letter(qtbot, services, tmp_path):
    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("letters")
    page.table.selectRow(0)
    documents = page.documents
    source = tmp_path / "Письмо Рубио.pdf"
    content = b"%PDF-1.4 fake but binary \x00\xff" * 100
    source.write_bytes(content)
    before = documents.names()
    documents.add_files([source])
    assert documents.names() == [*before, "Письмо Рубио.pdf"]
    new = len(before)
    assert documents.table.item(new, 1).text() == "application/pdf"
    assert documents.table.item(new, 2).text() == f"{len(content) / 1024:,.1f} KB"
    copy = tmp_path / "out" / "copy.pdf"
    copy.parent.mkdir()
    documents.save_to(documents.rows[new]["id"], copy)
    assert copy.read_bytes() == content
    assert not list(copy.parent.glob(".*part"))
    # a folder that cannot be written: a message, no half-written file
    seen: list[Any] = []
    answer_dialog(lambda box: box.button(QMessageBox.StandardButton.Ok).click(), seen)
    documents.save_to(documents.rows[new]["id"], tmp_path / "missing" / "x.pdf")
    assert seen and "cannot write" in seen[0].informativeText()
    documents.table.selectRow(new)
    answer_dialog(lambda box: next(b for b in box.buttons() if b.text() == "Delete").click())
    documents.remove_selected()
    assert documents.names() == before


@SQLITE_ONLY
def test_a_full_disk_keeps_the_edit_and_says_so(qtbot, services, tmp_path):
    from sqlalchemy import event

    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("letters")
    page.table.selectRow(0)
    editor = page.editor
    engine = services.db.engine

    @event.listens_for(engine, "connect")
    def _full(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    engine.dispose()
    try:
        editor.widgets["notes"].edit.setPlainText("\n".join(["n" * 79] * 1000))
        seen: list[Any] = []
        answer_dialog(lambda box: box.button(QMessageBox.StandardButton.Ok).click(), seen)
        assert editor.save() is False
        assert "disk is full" in seen[0].informativeText()
        assert editor.is_dirty() and len(editor.widgets["notes"].value()) == 79_999
    finally:
        event.remove(engine, "connect", _full)
        engine.dispose()
    assert editor.save() is True
    assert len(services.forms.load("letters", editor.record_id).values["notes"]) == 79_999


# --------------------------------------------------------------------------- search
def result_groups(page) -> list[str]:
    model = page.model
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def group_hits(page, row: int) -> list[Any]:
    from casetracker.gui.search_page import HTML_ROLE

    model = page.model
    header = model.index(row, 0)
    return [model.index(r, 0, header).data(HTML_ROLE) for r in range(model.rowCount(header))]


@SQLITE_ONLY
def test_global_search_as_you_type_grouped_highlighted_and_opened(qtbot, services, tmp_path):
    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    page = window.search_page
    assert window.current_kind() == "search"
    qtbot.waitUntil(lambda: page.field.hasFocus())
    type_text(page.field, "Վարդանյան")
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=3000)
    assert result_groups(page) == [
        "Letters — 1 found",
        "Detainees — 1 found",
        "People — 1 found",
    ]
    detainee_html = group_hits(page, 1)[0]
    assert "Ruben Vardanyan" in detainee_html
    assert "background-color:#ffe58f;" in detainee_html and "Վարդանյան</span>" in detainee_html
    # the letter names him in Latin letters only: found through his recorded variants
    assert "Vardanyan</span>" in group_hits(page, 0)[0]
    assert "found in" in page.message.text()
    # Down enters the results; Enter opens the record in its list
    QTest.keyClick(page.field, Qt.Key.Key_Down)
    assert page.view.hasFocus()
    page.view.setCurrentIndex(page.model.index(0, 0, page.model.index(1, 0)))
    QTest.keyClick(page.view, Qt.Key.Key_Return)
    assert window.current_kind() == "detainees"
    detainees = window.pages["detainees"]
    assert (
        detainees.editor.record_id
        == services.search.search("type:detainee vardanyan").hits[0].record_id
    )


@SQLITE_ONLY
def test_enter_in_the_search_field_opens_the_best_hit(qtbot, services, tmp_path):
    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    window.global_search()
    page = window.search_page
    page.field.setText("magnitsky type:letter")
    QTest.keyClick(page.field, Qt.Key.Key_Return)
    assert window.current_kind() == "letters"
    letter = services.search.search("magnitsky type:letter").hits[0]
    assert window.pages["letters"].editor.record_id == letter.record_id


@SQLITE_ONLY
def test_a_bad_query_is_explained_under_the_field(qtbot, services, tmp_path):
    window = make_window(qtbot, services, tmp_path)
    window.global_search()
    page = window.search_page
    page.field.setText('"trial monitoring')
    page.search_now()
    assert "quotation mark is not closed" in page.message.text()
    assert page.model.rowCount() == 0
    page.field.setText("after:2025-13")
    page.search_now()
    assert "is not a date" in page.message.text()
    page.field.setText("")
    page.search_now()
    assert "Examples" in page.message.text()


@SQLITE_ONLY
def test_show_all_of_one_group(qtbot, services, tmp_path):
    from casetracker.gui.search_page import MORE_ROLE, PER_GROUP

    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    window.global_search()
    page = window.search_page
    page.set_query("type:person")
    assert result_groups(page) == ["People — 43 found"]
    header = page.model.index(0, 0)
    assert page.model.rowCount(header) == PER_GROUP + 1
    more = page.model.index(PER_GROUP, 0, header)
    assert more.data(MORE_ROLE) == "person"
    page.view.activated.emit(more)
    assert page.model.rowCount(page.model.index(0, 0)) == 43


@SQLITE_ONLY
def test_saved_searches_live_in_the_sidebar(qtbot, services, tmp_path):
    from PySide6.QtWidgets import QInputDialog

    load_demo(services)
    window = make_window(qtbot, services, tmp_path)
    window.global_search()
    page = window.search_page
    page.field.setText("type:sanction")
    page.search_now()

    def name_it(dialog: QInputDialog) -> None:
        dialog.setTextValue("Sanctions asked")
        dialog.accept()

    answer_dialog(name_it)
    page.save_button.click()
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles[-1] == "Sanctions asked"
    page.field.setText("")
    window.show_page("letters")
    window.nav.setCurrentRow(window.nav.count() - 1)
    assert window.current_kind() == "search"
    assert page.field.text() == "type:sanction"
    assert result_groups(page) == ["Sanction requests — 1 found"]
    # kept for the next session, until removed
    again = make_window(qtbot, services, tmp_path)
    assert again.nav.item(again.nav.count() - 1).text() == "Sanctions asked"
    again.remove_saved_search("Sanctions asked")
    assert [again.nav.item(i).text() for i in range(again.nav.count())][-1] == "Search"


def test_typing_fast_shows_the_last_query_only(qtbot, services, tmp_path):
    from casetracker.gui.search_page import SearchPage
    from casetracker.gui.settings import SavedSearches
    from casetracker.gui.tasks import ThreadRunner

    load_demo(services)
    runner = ThreadRunner()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    page = SearchPage(services, runner, SavedSearches(settings))
    qtbot.addWidget(page)
    page.show()
    for text in ("v", "va", "var", "vard", "vardanyan", "ghukasyan"):
        page.field.setText(text)
        page.search_now()
    qtbot.waitUntil(lambda: page.results is not None and not page._running, timeout=5000)
    qtbot.waitUntil(lambda: page.results.query.text == "ghukasyan", timeout=5000)
    runner.wait()
    assert "Ghukasyan" in group_hits(page, 0)[0]
