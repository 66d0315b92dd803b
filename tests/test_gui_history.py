"""The History tab (revert a field, restore a version), Edit › Purge and bulk
edits, driven through the desktop app (offscreen, SQLite)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from casetracker.models import Hearing
from tests.test_gui import discard_edits, make_window, press

SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
YES = press(QMessageBox.StandardButton.Yes)


def answer_dialogs(*handlers: Callable[[Any], None], seen: list[Any] | None = None) -> None:
    """Answer the next modal dialogs in turn, one handler each."""
    seen = [] if seen is None else seen
    remaining = list(handlers)

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or widget in seen or not widget.isVisible():
            QTimer.singleShot(10, poll)
            return
        seen.append(widget)
        handler = remaining.pop(0)
        if remaining:
            QTimer.singleShot(0, poll)
        handler(widget)

    QTimer.singleShot(0, poll)


def retitle(page: Any, text: str) -> None:
    edit = page.editor.widgets["title"].edit
    edit.selectAll()
    edit.insert(text)  # as typed: textEdited is emitted
    page.editor.save()
    assert not page.editor.is_dirty()


def open_letter(qtbot, services, tmp_path, letter_id: Any) -> tuple[Any, Any]:
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("letters")
    assert page.select_record(letter_id)
    return window, page


def show_history(page: Any) -> Any:
    page.details.setCurrentWidget(page.history)
    return page.history


def row_index(history: Any, **wanted: str) -> int:
    rows = history.rows()
    return next(i for i, r in enumerate(rows) if all(r[k] == v for k, v in wanted.items()))


# --------------------------------------------------------------------------- history tab
def test_history_rows_are_read_the_same_on_every_backend(services):
    """What the worker reads and how it is worded (no window: SQLite and PostgreSQL)."""
    from casetracker.gui.history_rows import Shower, load_history

    detention = services.detentions.create_detainee(
        {"display_name": "Vagif Khachatryan"}, [], {"category": "civilian"}
    )
    letter = services.letters.create(title="Free him", sent_on="2025-04")
    services.letters.update(letter.id, title="Free them", channel="email")
    services.letters.link_detention(letter.id, detention.id)
    data = load_history(services, "letters", letter.id)
    assert data.own == {"letters": letter.id}
    assert data.names == {str(detention.id): "Vagif Khachatryan"}
    rows = Shower("letters", data).rows()
    shown = [(r.item.action, r.part, r.field_label, r.change, r.first) for r in rows]
    assert shown == [
        ("link", "Detainee", "", "Vagif Khachatryan", True),
        ("update", "", "Channel", "(empty) → Email", True),
        ("update", "", "Title", "Free him → Free them", False),
        ("create", "", "", "Free him", True),
    ]
    assert "Sent: 2025-04" in rows[-1].tooltip.splitlines()
    assert rows[1].revertable and not rows[0].revertable and not rows[-1].revertable
    assert all(r.item.at.tzinfo is not None for r in rows)


@SQLITE_ONLY
def test_history_lists_edits_and_reverts_a_field(qtbot, services, tmp_path):
    letter = services.letters.create(title="First title", direction="outgoing")
    _window, page = open_letter(qtbot, services, tmp_path, letter.id)
    retitle(page, "Second title")
    retitle(page, "Third title")
    history = show_history(page)
    rows = history.rows()
    assert [(r["what"], r["field"], r["change"]) for r in rows[:2]] == [
        ("changed", "Title", "Second title → Third title"),
        ("changed", "Title", "First title → Second title"),
    ]
    assert rows[-1]["what"] == "created" and rows[-1]["change"] == "First title"
    assert rows[0]["who"] and rows[0]["when"][:2] == "20"

    # the older change was overwritten since: refused in plain words, nothing changed
    history.select_row(1)
    assert history.revert_field_button.isEnabled()
    answer_dialogs(YES)
    history.revert_field_button.click()
    assert history.message.isVisible()
    assert "changed again after entry" in history.message.text()
    assert services.letters.get(letter.id).title == "Third title"

    # the newest change goes back: the form reloads, the history shows the revert
    history.select_row(0)
    seen: list[Any] = []
    answer_dialogs(YES, seen=seen)
    history.revert_field_button.click()
    assert "Title" in seen[0].text() and "Second title" in seen[0].text()
    assert services.letters.get(letter.id).title == "Second title"
    assert page.editor.widgets["title"].value() == "Second title"
    assert page.editor.heading.text() == "Second title"
    assert history.rows()[0] | {"when": "", "who": ""} == {
        "when": "",
        "who": "",
        "what": "reverted",
        "part": "",
        "field": "Title",
        "change": "Third title → Second title",
    }
    assert "is back to" in history.message.text()


@SQLITE_ONLY
def test_cancelled_revert_and_unsaved_edits_are_asked_about(qtbot, services, tmp_path):
    letter = services.letters.create(title="Kept", summary="Before")
    services.letters.update(letter.id, summary="After")
    _window, page = open_letter(qtbot, services, tmp_path, letter.id)
    history = show_history(page)
    history.select_row(row_index(history, field="Summary"))
    answer_dialogs(press(QMessageBox.StandardButton.Cancel))
    history.revert_field_button.click()
    assert services.letters.get(letter.id).summary == "After"

    # an unsaved edit of the record: asked to save or discard first (discarded here)
    page.editor.widgets["title"].edit.insert(" (draft)")
    assert page.editor.is_dirty()
    seen: list[Any] = []
    answer_dialogs(YES, press(QMessageBox.StandardButton.Discard), seen=seen)
    history.revert_field_button.click()
    assert seen[1].objectName() == "unsavedPrompt"
    back = services.letters.get(letter.id)
    assert (back.title, back.summary) == ("Kept", "Before")
    assert page.editor.widgets["summary"].value() == "Before"
    assert not page.editor.is_dirty()


@SQLITE_ONLY
def test_restore_an_earlier_version(qtbot, services, tmp_path):
    letter = services.letters.create(title="Original", summary="Short", sent_on="2025-01")
    services.letters.update(letter.id, title="Second", channel="email")
    services.letters.update(letter.id, summary="Much longer " * 20)
    _window, page = open_letter(qtbot, services, tmp_path, letter.id)
    history = show_history(page)
    long_row = history.rows()[0]
    assert long_row["change"].endswith("…") and len(long_row["change"]) < 140
    assert "Much longer " * 20 in history.table.item(0, 5).toolTip().replace("\n", " ")
    created = row_index(history, what="created")
    history.select_row(created)
    assert not history.revert_field_button.isEnabled()
    assert history.restore_button.isEnabled()
    answer_dialogs(YES)
    history.restore_button.click()
    back = services.letters.get(letter.id)
    assert (back.title, back.summary, back.channel) == ("Original", "Short", None)
    assert page.editor.widgets["title"].value() == "Original"
    assert page.model.row_values(page.model.row_of(letter.id))["title"] == "Original"
    newest = [r for r in history.rows() if r["what"] == "reverted"]
    assert {r["field"] for r in history.rows()[:3]} == {"Title", "Summary", "Channel"}
    assert len(newest) == 1  # one entry, one row per field
    assert "Restored as on" in history.message.text()
    # restoring the version just reached changes nothing, and says so
    history.select_row(0)
    answer_dialogs(YES)
    history.restore_button.click()
    assert "Nothing to change" in history.message.text()


@SQLITE_ONLY
def test_detainee_history_has_the_person_parts_and_only_its_own_links(qtbot, services, tmp_path):
    detention = services.detentions.create_detainee(
        {"display_name": "Vagif Khachatryan"}, [], {"category": "civilian", "captured_on": "2023"}
    )
    other = services.detentions.create_detainee(
        {"display_name": "Someone Else"}, [], {"category": "civilian"}
    )
    services.detentions.add_hearing(detention.id, description="Hearing in Baku")
    sanction = services.sanctions.create(
        title="Sanction the judges", target_description="the judges"
    )
    letter = services.letters.create(title="Free him")
    services.letters.link_detention(letter.id, detention.id)
    services.sanctions.add_ground_detention(sanction.id, other.id)
    services.sanctions.add_ground_detention(sanction.id, detention.id)
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("detainees")
    assert page.select_record(detention.id)
    edit = page.editor.widgets["display_name"].edit
    edit.selectAll()
    edit.insert("Vagif Khachatryan Jr")
    page.editor.save()
    rows = show_history(page).rows()
    assert rows[0]["field"] == "Name"
    assert rows[0]["change"] == "Vagif Khachatryan → Vagif Khachatryan Jr"
    assert {"part": "Hearing", "change": "Hearing in Baku", "what": "created"}.items() <= next(
        r for r in rows if r["part"] == "Hearing"
    ).items()
    links = [(r["part"], r["change"]) for r in rows if r["what"] == "linked"]
    assert links == [("Sanction request", "Sanction the judges"), ("Letter", "Free him")]
    assert not any("Someone Else" in r["change"] for r in rows)

    # restore the version after the hearing: the person's name and the detention
    # (one form, two records) go back together
    history = page.history
    history.select_row(row_index(history, part="Hearing"))
    answer_dialogs(YES)
    history.restore_button.click()
    assert services.people.get(detention.person_id).display_name == "Vagif Khachatryan"
    assert page.editor.widgets["display_name"].value() == "Vagif Khachatryan"
    assert history.rows()[0]["what"] == "reverted" and history.rows()[0]["field"] == "Name"
    assert services.detentions.children(detention.id, Hearing)


@SQLITE_ONLY
def test_ask_numbers_choices_and_the_worker(qtbot, services, tmp_path):
    """Parts are named as in their tab ("Ask 2"), codes as labels; with the real
    worker thread the history is read only once the tab is shown."""
    from casetracker.gui.main_window import MainWindow
    from casetracker.gui.tasks import ThreadRunner

    letter = services.letters.create(title="Asks")
    services.letters.add_ask(letter.id, "Release them")
    second = services.letters.add_ask(letter.id, "Allow visits")
    services.children.update("letters", "asks", second.id, {"status": "partly_met"})
    runner = ThreadRunner()
    settings = QSettings(str(tmp_path / "t.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, runner, settings)
    qtbot.addWidget(window, before_close_func=discard_edits)
    window.show()
    page = window.show_page("letters")
    assert page.select_record(letter.id)
    runner.wait()
    QApplication.processEvents()
    assert page.history.table.rowCount() == 0  # not read while hidden
    history = show_history(page)
    qtbot.waitUntil(lambda: history.table.rowCount() > 0)
    row = history.rows()[0]
    assert (row["what"], row["part"], row["field"], row["change"]) == (
        "changed",
        "Ask 2",
        "Status",
        "Open → Partly met",
    )
    runner.wait()


# --------------------------------------------------------------------------- purge
@SQLITE_ONLY
def test_purge_a_confidential_detainee_through_the_dialog(qtbot, services, tmp_path):
    keep = services.detentions.create_detainee(
        {"display_name": "Public Person"}, [], {"category": "civilian"}
    )
    secret = services.detentions.create_detainee(
        {"display_name": "Hidden Witness"},
        [],
        {"category": "civilian", "sensitivity": "confidential"},
    )
    services.detentions.add_hearing(secret.id, description="Closed hearing")
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("detainees")
    assert page.select_record(keep.id)
    window._update_record_actions()
    assert window.purge_action.isEnabled()
    assert window.purge_action.text() == "&Purge this record…"
    assert not window.purge_action.font().bold()

    assert page.select_record(secret.id)
    window._update_record_actions()
    assert "confidential" in window.purge_action.text()
    assert window.purge_action.font().weight() == QFont.Weight.Bold
    states: list[bool] = []

    def fill(dialog: Any) -> None:
        assert dialog.objectName() == "purgeDialog"
        assert dialog.confidential_label.isVisible()
        states.append(dialog.purge_button.isEnabled())
        dialog.confirm.setText("PURGE")
        states.append(dialog.purge_button.isEnabled())  # no reason yet
        dialog.confirm.clear()
        dialog.reason.setText("Consent withdrawn")
        states.append(dialog.purge_button.isEnabled())
        dialog.confirm.setText("purge")
        states.append(dialog.purge_button.isEnabled())
        dialog.confirm.setText("PURGE")
        states.append(dialog.purge_button.isEnabled())
        dialog.purge_button.click()

    summary: list[str] = []

    def close_summary(box: Any) -> None:
        summary.append(box.text() + "\n" + box.informativeText())
        box.button(QMessageBox.StandardButton.Ok).click()

    answer_dialogs(fill, close_summary)
    window.purge_action.trigger()
    assert states == [False, False, False, False, True]
    assert summary and summary[0].startswith("Purged: ")
    assert "backup" in summary[0]
    assert page.model.row_of(secret.id) is None
    assert page.model.row_of(keep.id) is not None
    assert page.editor.record_id is None
    window._update_record_actions()
    assert not window.purge_action.isEnabled()
    (purge, *older) = services.history.for_record("detention", secret.id)
    assert purge.action == "purge" and purge.details["reason"] == "Consent withdrawn"
    assert older and all(item.purged for item in older)
    assert "Detainees: 1" in window.counts_label.text()


@SQLITE_ONLY
def test_a_cancelled_purge_keeps_the_record(qtbot, services, tmp_path):
    letter = services.letters.create(title="Stays")
    window, page = open_letter(qtbot, services, tmp_path, letter.id)
    answer_dialogs(lambda dialog: dialog.reject())
    window.purge_current()
    assert services.letters.get(letter.id).title == "Stays"
    assert page.editor.record_id == letter.id


# --------------------------------------------------------------------------- bulk edits
def select_rows(page: Any, ids: list[Any]) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for record_id in ids:
        selection.select(
            page.model.index(page.model.row_of(record_id), 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


@SQLITE_ONLY
def test_bulk_set_a_field_on_three_selected_letters(qtbot, services, tmp_path):
    letters = [
        services.letters.create(title=f"Letter {n}", sent_on="2025-03-10", channel="post")
        for n in range(4)
    ]
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("letters")
    chosen = [letter.id for letter in letters[:3]]
    select_rows(page, chosen)
    assert sorted(map(str, page.selected_ids())) == sorted(map(str, chosen))
    window._update_record_actions()
    assert window.bulk_action.text() == "Set a field for the 3 selected…"
    offered: list[str] = []

    def set_email(dialog: Any) -> None:
        offered.extend(dialog.specs)
        dialog.choose_field("channel")
        combo = dialog.value_widget.combo
        combo.setCurrentIndex(combo.findData("email"))
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    answer_dialogs(set_email)
    window.bulk_action.trigger()
    assert "channel" in offered and "sensitivity" in offered
    assert not {"title", "body", "tags"} & set(offered)
    channels = [services.letters.get(letter.id).channel for letter in letters]
    assert [str(getattr(c, "value", c)) for c in channels] == ["email"] * 3 + ["post"]
    assert "Channel set on 3 records" in window.statusBar().currentMessage()
    for letter_id in chosen:
        (entry, *_rest) = services.history.for_record("letter", letter_id)
        assert entry.summary.endswith("bulk edit of 3 letters")
        assert [(c.field, c.old, c.new) for c in entry.changes] == [("channel", "post", "email")]

    # a value one record refuses: said plainly, nothing changed
    services.letters.update(letters[1].id, sent_on="2025-06-01")
    select_rows(page, chosen)
    refused: list[str] = []

    def early_follow_up(dialog: Any) -> None:
        dialog.choose_field("follow_up_due")
        dialog.value_widget.edit.setText("2025-04-01")
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    def read_refusal(box: Any) -> None:
        refused.append(box.informativeText())
        box.button(QMessageBox.StandardButton.Ok).click()

    answer_dialogs(early_follow_up, read_refusal)
    window.bulk_edit()
    assert refused and "before the letter was sent" in refused[0]
    assert len(refused[0].splitlines()) == 1
    assert all(services.letters.get(i).follow_up_due is None for i in chosen)


@SQLITE_ONLY
def test_the_list_context_menu_offers_the_bulk_edit(qtbot, services, tmp_path):
    from PySide6.QtCore import QPoint

    ids = [services.letters.create(title=f"Letter {n}").id for n in range(3)]
    window = make_window(qtbot, services, tmp_path)
    page = window.show_page("letters")
    select_rows(page, ids[:2])
    offered: list[tuple[str, bool]] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(10, read_menu)
            return
        offered.extend((a.text(), a.isEnabled()) for a in menu.actions())
        menu.close()

    QTimer.singleShot(0, read_menu)
    page._table_menu(QPoint(5, 5))
    assert offered == [("Set a field for the 2 selected…", True)]
