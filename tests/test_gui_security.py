"""The desktop app's safety face, driven as a user would (offscreen, pytest-qt):
unlocking encrypted databases, new encrypted databases and their recovery code,
the idle lock, restore, check, scheduled backups and preferences.

Real SQLCipher files throughout; modal dialogs are answered in order by
:class:`Answers`. Key derivations use fewer PBKDF2 rounds (``fast_kdf``):
these tests are about the app, not the key derivation's cost.
"""

from __future__ import annotations

import gc
import hashlib
import sqlite3
import time
import weakref
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from casetracker.db import cipher
from casetracker.db.engine import resolve_url
from casetracker.db.schema import create_encrypted_database, open_database
from casetracker.errors import DatabaseError
from casetracker.gui.tasks import ImmediateRunner
from casetracker.services import Services

PASSPHRASE = "correct horse battery staple"
SECRET_NAME = "Zorvathian Quillbeck"
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


# --------------------------------------------------------------------------- helpers
class Answers:
    """Answer the modal dialogs that open, in order: each (class, handler) waits
    for a modal widget of that class. A handler that fails, or a dialog nobody
    expects, closes the dialog so the test fails instead of hanging."""

    PATIENCE_S = 5.0

    def __init__(self) -> None:
        self.queue: deque[tuple[type, Callable[[Any], None]]] = deque()
        self.handled: list[Any] = []
        self.errors: list[str] = []
        self._since = time.monotonic()
        self._polling = False

    def add(self, kind: type, handler: Callable[[Any], None]) -> Answers:
        self.queue.append((kind, handler))
        if not self._polling:
            self._polling = True
            self._since = time.monotonic()
            QTimer.singleShot(0, self._poll)
        return self

    def _poll(self) -> None:
        if not self.queue:
            self._polling = False
            return
        kind, handler = self.queue[0]
        widget = QApplication.activeModalWidget()
        if widget is not None and isinstance(widget, kind) and widget not in self.handled:
            self.queue.popleft()
            self.handled.append(widget)
            self._since = time.monotonic()
            try:
                handler(widget)
            except Exception as exc:  # reported by done(), never a hang
                self.errors.append(f"{kind.__name__}: {exc!r}")
                if isinstance(widget, QDialog) and widget.isVisible():
                    widget.done(0)
        elif widget is not None and time.monotonic() - self._since > self.PATIENCE_S:
            self.errors.append(f"unexpected {type(widget).__name__}: {_texts(widget)}")
            if isinstance(widget, QDialog):
                widget.done(0)
            self._since = time.monotonic()
        QTimer.singleShot(10, self._poll)

    def done(self) -> None:
        assert not self.errors, self.errors
        assert not self.queue, f"dialogs never shown: {[k.__name__ for k, _ in self.queue]}"


def _texts(widget: QWidget) -> str:
    parts = [widget.windowTitle()]
    if isinstance(widget, QMessageBox):
        parts += [widget.text(), widget.informativeText()]
    return " | ".join(parts)


def click_ok(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Ok).click()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def visible_texts(root: QWidget) -> str:
    """Every text a user could see in ``root`` now (labels, fields, title)."""
    texts = [root.windowTitle()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QLineEdit):
            texts.append(widget.text())
    return "\n".join(texts)


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cipher, "ITERATIONS", 2_000)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def answers():
    found = Answers()
    yield found
    found.queue.clear()


@pytest.fixture
def encrypted(tmp_path: Path, fast_kdf: None) -> tuple[Path, cipher.RecoveryCode]:
    """An encrypted database holding one person, closed."""
    path = tmp_path / "secret.db"
    db, code = create_encrypted_database(resolve_url(str(path)), PASSPHRASE)
    Services(db).people.create(display_name=SECRET_NAME)
    db.close()
    return path, code


@pytest.fixture
def controller(qtbot, settings: QSettings):
    from casetracker.gui.app import AppController

    app = AppController(runner=ImmediateRunner(), settings=settings)
    yield app
    if app.window is not None:
        window = app.window
        window.security.shutdown()  # no timers; a locked window may close
        for page in window.pages.values():
            editor = getattr(page, "editor", None)
            if editor is not None and editor.is_dirty():
                editor.revert()
        window.close()
    app.close()


def open_unlocked(controller, answers: Answers, path: Path, passphrase: str = PASSPHRASE) -> Any:
    from casetracker.gui.unlock_dialog import UnlockDialog

    def unlock(dialog: Any) -> None:
        dialog.form.passphrase.setText(passphrase)
        dialog.form.unlock_button.click()

    answers.add(UnlockDialog, unlock)
    assert controller.open(str(path))
    answers.done()
    return controller.window


def person_names(services: Services) -> list[str]:
    return [row["display_name"] for row in services.listing.page("people").rows]


# --------------------------------------------------------------------------- core: lock
def test_a_locked_database_forgets_its_key_and_engine(encrypted):
    path, code = encrypted
    db = open_database(resolve_url(str(path)), key=code.key)
    keyed_engine = weakref.ref(db.engine)
    db.lock()
    gc.collect()
    assert db.locked and db.key is None
    assert keyed_engine() is None  # the engine held the key in its connect hook
    with pytest.raises(DatabaseError, match="locked"):
        person_names(Services(db))
    wrong = bytes(32)
    with pytest.raises(DatabaseError, match="does not open"):
        db.unlock(wrong)
    assert db.locked and db.key is None
    db.unlock(code.key)
    assert not db.locked and db.key == code.key
    assert person_names(Services(db)) == [SECRET_NAME]
    db.lock()
    db.close()  # closing a locked database is quiet
    assert db.key is None


# --------------------------------------------------------------------------- unlocking
def test_wrong_passphrase_is_said_and_the_file_is_untouched(qtbot, controller, answers, encrypted):
    from casetracker.gui.unlock_dialog import UnlockDialog

    path, _code = encrypted
    before = {p.name: sha256(p) for p in path.parent.iterdir() if p.is_file()}
    seen: dict[str, Any] = {}

    def wrong_then_right(dialog: Any) -> None:
        form = dialog.form
        assert form.passphrase.echoMode() == QLineEdit.EchoMode.Password
        form.passphrase.setText("not the passphrase at all")
        form.unlock_button.click()
        seen["message"] = form.message.text()
        seen["visible"] = form.message.isVisible()
        seen["still open"] = dialog.isVisible()
        seen["files"] = {p.name: sha256(p) for p in path.parent.iterdir() if p.is_file()}
        form.passphrase.setText(PASSPHRASE)
        form.unlock_button.click()

    answers.add(UnlockDialog, wrong_then_right)
    assert controller.open(str(path))
    answers.done()
    assert seen["message"] == "Wrong passphrase. The database was not changed."
    assert seen["visible"] and seen["still open"]
    assert seen["files"] == before  # nothing was written by the wrong attempt
    window = controller.window
    assert window.services.db.encrypted
    assert SECRET_NAME in person_names(window.services)
    assert window.security.lock_action.isEnabled()
    assert not window.security.encrypt_action.isEnabled()


def test_the_recovery_code_opens_and_a_typo_is_named(qtbot, controller, answers, encrypted):
    from casetracker.gui.unlock_dialog import UnlockDialog

    path, code = encrypted
    cipher.key_file_path(path).unlink()  # the passphrase cannot help any more
    text = code.text
    typo = text[:6] + ("A" if text[6] != "A" else "B") + text[7:]
    seen: dict[str, Any] = {}

    def with_code(dialog: Any) -> None:
        form = dialog.form
        seen["forced"] = form.use_code.isChecked() and not form.use_code.isEnabled()
        seen["missing"] = form.message.text()
        seen["intro"] = dialog.intro.text()
        form.code.setText(typo)
        form.unlock_button.click()
        seen["typo"] = form.message.text()
        form.code.setText(text.lower().replace("-", " "))  # sloppy copying is fine
        form.unlock_button.click()

    answers.add(UnlockDialog, with_code)
    assert controller.open(str(path))
    answers.done()
    assert seen["forced"]
    assert "key file" in seen["missing"] and "recovery code" in seen["missing"]
    assert "key file was lost" in seen["intro"]
    assert seen["typo"].startswith("Check the recovery code and type it again:")
    assert "checksum" in seen["typo"]
    assert SECRET_NAME in person_names(controller.window.services)


def test_an_interrupted_new_recovery_code_is_completed_and_said(
    qtbot, controller, answers, encrypted
):
    from casetracker.gui.unlock_dialog import UnlockDialog

    path, old = encrypted
    new = cipher.new_recovery_code()  # as if the app stopped right after PRAGMA rekey
    cipher.write_key_file(Path(f"{path}.keys.pending"), new.key, PASSPHRASE)
    with cipher.connection(path, old.key) as conn:
        conn.execute(cipher.key_pragma(new.key, "rekey"))
    seen: dict[str, str] = {}

    def unlock(dialog: Any) -> None:
        dialog.form.passphrase.setText(PASSPHRASE)
        # clicked once this handler is done: the notice box opens inside the click
        QTimer.singleShot(0, dialog.form.unlock_button.click)

    answers.add(UnlockDialog, unlock)
    answers.add(QMessageBox, lambda box: (seen.update(text=box.text()), click_ok(box)))
    assert controller.open(str(path))
    answers.done()
    assert "interrupted and has now been completed" in seen["text"]
    assert "the NEW recovery code is the one that works" in seen["text"]
    assert controller.services.db.key == new.key
    assert not Path(f"{path}.keys.pending").exists()


def test_the_recovery_code_switch_beside_a_key_file(qtbot, controller, answers, encrypted):
    from casetracker.gui.unlock_dialog import UnlockDialog

    path, code = encrypted

    def switch(dialog: Any) -> None:
        form = dialog.form
        assert form.passphrase.isVisible() and not form.code.isVisible()
        form.use_code.setChecked(True)
        assert form.code.isVisible() and not form.passphrase.isVisible()
        form.code.setText(code.text)
        form.unlock_button.click()

    answers.add(UnlockDialog, switch)
    assert controller.open(str(path))
    answers.done()
    assert controller.services.db.key == code.key


def test_cancel_leaves_the_app_as_it_was(qtbot, controller, answers, encrypted, tmp_path):
    from casetracker.gui.unlock_dialog import UnlockDialog

    path, _code = encrypted
    plain = tmp_path / "plain.db"
    assert controller.open(str(plain))
    window = controller.window
    answers.add(UnlockDialog, lambda dialog: dialog.reject())
    assert not controller.open(str(path))
    answers.done()
    assert controller.window is window and window.isVisible()
    assert controller.services.db.path == plain
    assert "was not unlocked" in controller.problem


def test_cancel_at_start_up_says_so_and_offers_a_way_out(qtbot, controller, answers, encrypted):
    from casetracker.gui.unlock_dialog import UnlockDialog

    path, _code = encrypted
    seen: dict[str, str] = {}

    def quit_chooser(box: QMessageBox) -> None:
        seen["text"] = box.text()
        seen["info"] = box.informativeText()
        seen["buttons"] = " ".join(b.text() for b in box.buttons())
        [quit_button] = [b for b in box.buttons() if b.text() == "Quit"]
        quit_button.click()

    answers.add(UnlockDialog, lambda dialog: dialog.reject())
    answers.add(QMessageBox, quit_chooser)
    assert controller.start(str(path)) is False
    answers.done()
    assert controller.window is None
    assert seen["text"] == "No database is open."
    assert f"{path} is encrypted and was not unlocked." == seen["info"]
    assert "Try again" in seen["buttons"] and "Open another database…" in seen["buttons"]


def test_the_key_is_derived_off_the_gui_thread(qtbot, encrypted):
    from casetracker.gui.tasks import ThreadRunner
    from casetracker.gui.unlock_dialog import UnlockDialog

    path, code = encrypted
    runner = ThreadRunner()
    dialog = UnlockDialog(path, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.passphrase.setText(PASSPHRASE)
    dialog.form.unlock_button.click()
    # the click returned at once: the form waits, busy, for the worker
    assert dialog.form.busy and not dialog.form.passphrase.isEnabled()
    assert QApplication.overrideCursor() is not None
    dialog.reject()  # Cancel waits for the answer under way
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.key is not None, timeout=5000)
    assert dialog.key == code.key and not dialog.isVisible()
    assert QApplication.overrideCursor() is None
    assert dialog.form.passphrase.text() == ""  # no secret left in the widget
    runner.wait()


# --------------------------------------------------------------------------- new database
def test_new_encrypted_database_and_its_recovery_code(
    qtbot, controller, answers, tmp_path, fast_kdf
):
    from casetracker.gui.passphrase_dialog import PassphraseDialog
    from casetracker.gui.recovery_dialog import RecoveryCodeDialog

    assert controller.open(str(tmp_path / "first.db"))
    first = controller.window
    target = tmp_path / "new-secret.db"
    seen: dict[str, Any] = {}

    def choose(dialog: Any) -> None:
        assert dialog.encrypt.isVisible() and dialog.encrypt.isChecked()
        dialog.new.setText("short")
        dialog.again.setText("short")
        dialog.ok_button.click()
        seen["short"] = dialog.message.text()
        dialog.new.setText(PASSPHRASE)
        dialog.again.setText(PASSPHRASE + "!")
        dialog.ok_button.click()
        seen["differ"] = dialog.message.text()
        dialog.again.setText(PASSPHRASE)
        dialog.ok_button.click()

    def keep_code(dialog: Any) -> None:
        seen["continue before"] = dialog.continue_button.isEnabled()
        dialog.reject()  # Escape does not skip the code
        seen["open after escape"] = dialog.isVisible()
        seen["code"] = dialog.code
        seen["shown"] = dialog.code_label.text()
        seen["statement"] = visible_texts(dialog)
        dialog.confirm.setChecked(True)
        seen["continue after"] = dialog.continue_button.isEnabled()
        dialog.continue_button.click()

    answers.add(PassphraseDialog, choose).add(RecoveryCodeDialog, keep_code)
    first.security.create_database(target)
    answers.done()
    assert "at least 10 characters" in seen["short"]
    assert "differ" in seen["differ"]
    assert seen["continue before"] is False and seen["open after escape"] is True
    assert seen["continue after"] is True
    assert "not CaseTracker's authors" in seen["statement"]
    assert seen["shown"].replace("  ", "-").replace("\n", "-") == seen["code"]
    # the app now shows the new database, encrypted; the file is unreadable without it
    assert controller.window is not first
    db = controller.services.db
    assert db.path == target and db.encrypted
    assert cipher.is_encrypted(target) and cipher.key_file_path(target).is_file()
    assert cipher.unlock(target, recovery_code=seen["code"]) == db.key
    assert cipher.unlock(target, passphrase=PASSPHRASE) == db.key


def test_new_plain_database_when_chosen(qtbot, controller, answers, tmp_path):
    from casetracker.gui.passphrase_dialog import PassphraseDialog

    assert controller.open(str(tmp_path / "first.db"))
    target = tmp_path / "plain-new.db"

    def plain(dialog: Any) -> None:
        dialog.plain.setChecked(True)
        assert not dialog.new.isEnabled()
        dialog.ok_button.click()

    answers.add(PassphraseDialog, plain)
    controller.window.security.create_database(target)
    answers.done()
    assert controller.services.db.path == target and not controller.services.db.encrypted
    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not controller.window.security.lock_action.isEnabled()


def test_recovery_sheet_pdf(qtbot, tmp_path):
    from casetracker.gui.recovery_dialog import RecoveryCodeDialog

    code = cipher.RecoveryCode(cipher.new_master_key())
    dialog = RecoveryCodeDialog(code, "/data/secret.db")
    qtbot.addWidget(dialog)
    written = dialog.save_pdf(tmp_path / "code.pdf")
    assert written is not None
    data = written.read_bytes()
    assert data.startswith(b"%PDF") and b"/Type /Page" in data
    assert "print it, then delete the file" in dialog.saved_label.text().lower()
    assert not list(tmp_path.glob(".code.pdf.*"))  # no temporary left behind
    assert "plain form" in dialog.copies_note.text()  # said before anything is saved
    clipboard = QApplication.clipboard()
    dialog.clipboard_ms = 60
    dialog.copy()
    assert clipboard.text() == code.text
    assert "cleared in" in dialog.saved_label.text()
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=2000)
    dialog.copy()
    clipboard.setText("something the user copied since")  # never cleared by us
    qtbot.wait(150)
    assert clipboard.text() == "something the user copied since"


def test_recovery_code_prints_without_a_file_of_ours(qtbot, tmp_path):
    """Print… renders the sheet on a QPrinter; here a PDF printer stands in for paper."""
    import subprocess

    from PySide6.QtPrintSupport import QPrinter

    from casetracker.gui.recovery_dialog import RecoveryCodeDialog

    code = cipher.new_recovery_code()
    dialog = RecoveryCodeDialog(code, "/data/secret <b>&</b>.db")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "paper.pdf"
    printer.setOutputFileName(str(out))
    assert dialog.print_to(printer)
    assert out.read_bytes().startswith(b"%PDF")
    assert "Sent to the printer" in dialog.saved_label.text()
    try:
        text = subprocess.run(
            ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
    except FileNotFoundError:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    assert "".join(text.split()).count("".join(code.text.split("-"))) == 1
    assert "/data/secret <b>&</b>.db" in text  # the path as text, not as markup


def test_save_as_pdf_suggests_no_name_and_no_home_folder(qtbot, answers, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from casetracker.gui.recovery_dialog import RecoveryCodeDialog

    monkeypatch.chdir(tmp_path)
    dialog = RecoveryCodeDialog(cipher.new_recovery_code(), "/data/secret.db")
    qtbot.addWidget(dialog)
    seen: dict[str, Any] = {}

    def look(chooser: QFileDialog) -> None:
        seen["title"] = chooser.windowTitle()
        seen["files"] = chooser.selectedFiles()
        seen["folder"] = chooser.directory().absolutePath()
        chooser.reject()

    answers.add(QFileDialog, look)
    dialog.save_pdf_dialog()
    answers.done()
    assert "to print, then delete" in seen["title"]
    assert Path(seen["folder"]) != Path.home()
    assert not any("recovery" in Path(f).name for f in seen["files"])
    assert not list(tmp_path.glob("*.pdf"))


# --------------------------------------------------------------------------- idle lock
def test_idle_lock_hides_everything_forgets_the_key_and_restores(
    qtbot, controller, answers, encrypted
):
    path, _code = encrypted
    window = open_unlocked(controller, answers, path)
    db = window.services.db
    page = window.show_page("people")
    page.table.selectRow(0)
    name_field = page.editor.widgets["display_name"].edit
    name_field.setText(SECRET_NAME + " (edited)")
    name_field.textEdited.emit(name_field.text())
    assert page.editor.is_dirty()
    title = window.windowTitle()
    idle = window.security.idle

    keyed_engine = weakref.ref(db.engine)
    idle.set_timeout_ms(80)
    qtbot.waitUntil(lambda: idle.locked, timeout=3000)
    assert db.locked and db.key is None
    gc.collect()
    assert keyed_engine() is None  # nothing in the window kept the keyed engine
    assert not window.centralWidget().isVisible() and not window.menuBar().isVisible()
    assert not window.statusBar().isVisible()
    assert idle.screen is not None and idle.screen.isVisible()
    assert SECRET_NAME not in visible_texts(window)
    assert window.windowTitle() == "CaseTracker — Locked"
    with pytest.raises(DatabaseError, match="locked"):
        window.services.people.create(display_name="Someone")
    grab = idle.screen.grab()
    assert grab.width() == window.width()

    # a wrong passphrase keeps it locked
    form = idle.screen.form
    form.passphrase.setText("wrong wrong wrong")
    form.unlock_button.click()
    assert idle.locked and form.message.text().startswith("Wrong passphrase")
    form.passphrase.setText(PASSPHRASE)
    form.unlock_button.click()
    assert not idle.locked and not db.locked and db.key is not None
    assert window.centralWidget().isVisible() and window.menuBar().isVisible()
    assert window.windowTitle() == title
    assert window.current_kind() == "people"
    assert page.editor.is_dirty() and name_field.text() == SECRET_NAME + " (edited)"
    assert SECRET_NAME in person_names(window.services)  # the database answers again
    idle.set_timeout_ms(0)


def test_input_keeps_it_unlocked(qtbot, controller, answers, encrypted):
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    path, _code = encrypted
    window = open_unlocked(controller, answers, path)
    idle = window.security.idle
    idle.set_timeout_ms(400)
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:  # someone at work: mouse moves
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(10, 10),
            QPointF(10, 10),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(window.centralWidget(), move)
        qtbot.wait(50)
    assert not idle.locked
    qtbot.waitUntil(lambda: idle.locked, timeout=3000)
    idle.screen.form.passphrase.setText(PASSPHRASE)
    idle.screen.form.unlock_button.click()
    assert not idle.locked
    idle.set_timeout_ms(0)


def test_the_key_is_forgotten_at_once_when_the_worker_is_idle(
    qtbot, controller, answers, encrypted
):
    from casetracker.gui.tasks import ThreadRunner

    path, _code = encrypted
    window = open_unlocked(controller, answers, path)
    idle, db = window.security.idle, window.services.db
    threaded = ThreadRunner(window)
    window.runner = idle.runner = threaded
    assert idle.lock(0)
    assert db.locked and db.key is None  # no waiting for an idle worker
    assert "The database is closed and its key forgotten." in idle.screen.reason.text()
    idle.screen.form.passphrase.setText(PASSPHRASE)
    idle.screen.form.unlock_button.click()
    assert not idle.locked


def test_a_running_task_keeps_the_key_and_the_lock_screen_says_so(
    qtbot, controller, answers, encrypted
):
    import threading

    from casetracker.gui.tasks import ThreadRunner

    path, _code = encrypted
    window = open_unlocked(controller, answers, path)
    idle, db = window.security.idle, window.services.db
    threaded = ThreadRunner(window)
    window.runner = idle.runner = threaded
    release = threading.Event()
    names_seen: list[list[str]] = []

    def job(_progress: Any) -> None:  # a long read that needs the key to the end
        assert release.wait(5)
        names_seen.append(person_names(window.services))

    window._long_job("Exporting records", job, lambda _r: None, "The export failed.")
    try:
        assert threaded.pending == 1
        assert idle.lock(0)
        reason = idle.screen.reason.text()
        assert not db.locked and db.key is not None  # not forgotten yet, and not said to be
        assert "Locking: the key will be forgotten when the current task" in reason
        assert "(Exporting records)" in reason and "key forgotten" not in reason
    finally:
        release.set()
    qtbot.waitUntil(lambda: db.locked, timeout=3000)
    assert names_seen == [[SECRET_NAME]]  # the task finished with the key it had
    assert db.key is None
    assert "The database is closed and its key forgotten." in idle.screen.reason.text()
    threaded.wait()
    idle.screen.form.passphrase.setText(PASSPHRASE)
    idle.screen.form.unlock_button.click()
    assert not idle.locked and SECRET_NAME in person_names(window.services)


def test_the_input_that_wakes_the_laptop_locks_and_goes_no_further(
    qtbot, controller, answers, encrypted
):
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    path, _code = encrypted
    window = open_unlocked(controller, answers, path)
    idle, db = window.security.idle, window.services.db
    page = window.show_page("people")
    page.table.selectRow(0)
    name_field = page.editor.widgets["display_name"].edit
    name_field.setFocus()
    before = name_field.text()
    idle.set_timeout_ms(200)
    time.sleep(0.3)  # the laptop sleeps: no event loop, no timer fires
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_X, Qt.KeyboardModifier.NoModifier, "x")
    QApplication.sendEvent(name_field, key)  # the first input after waking
    assert idle.locked and db.locked
    assert name_field.text() == before and not page.editor.is_dirty()  # swallowed
    idle.set_timeout_ms(0)
    idle.screen.form.passphrase.setText(PASSPHRASE)
    idle.screen.form.unlock_button.click()
    assert not idle.locked and name_field.text() == before


def test_lock_now_covers_an_open_dialog_and_unlocks_from_above_it(
    qtbot, controller, answers, encrypted
):
    from casetracker.gui.unlock_dialog import UnlockDialog

    path, _code = encrypted
    window = open_unlocked(controller, answers, path)
    security = window.security
    seen: dict[str, Any] = {}

    def lock_while_open(box: QMessageBox) -> None:
        security.lock_action.trigger()
        seen["title"] = box.windowTitle()
        covers = [c for c in box.findChildren(QWidget, "lockCover") if c.isVisible()]
        seen["covered"] = bool(covers) and covers[0].geometry() == box.rect()

    def unlock_above(dialog: Any) -> None:
        seen["locked"] = security.idle.locked
        dialog.form.passphrase.setText(PASSPHRASE)
        dialog.form.unlock_button.click()
        seen["after"] = security.idle.locked
        QTimer.singleShot(0, lambda: close_box(box))

    def close_box(box: QMessageBox) -> None:
        seen["uncovered"] = not any(c.isVisible() for c in box.findChildren(QWidget, "lockCover"))
        seen["title after"] = box.windowTitle()
        click_ok(box)

    answers.add(QMessageBox, lock_while_open)
    answers.add(UnlockDialog, unlock_above)
    box = QMessageBox(QMessageBox.Icon.Information, "Case of " + SECRET_NAME, SECRET_NAME)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()  # stays open (a nested loop) until the unlock; then it is answered
    answers.done()
    assert seen["title"] == "Locked" and seen["covered"]
    assert seen["locked"] is True and seen["after"] is False
    assert seen["uncovered"] and seen["title after"] == "Case of " + SECRET_NAME


# --------------------------------------------------------------------------- maintenance
def test_restore_from_a_backup_reopens_the_database(qtbot, controller, answers, encrypted):
    from casetracker.db.maintenance import backup

    path, _code = encrypted
    window = open_unlocked(controller, answers, path)
    services = window.services
    saved = backup(services.db, path.with_name("before.db"))
    services.people.create(display_name="Added After The Backup")
    seen: dict[str, str] = {}

    def restore_button(box: QMessageBox) -> None:
        seen["ask"] = box.text()
        [button] = [b for b in box.buttons() if b.objectName() == "restoreButton"]
        button.click()

    def restored(box: QMessageBox) -> None:
        seen["done"] = box.text() + " " + box.informativeText()
        click_ok(box)

    answers.add(QMessageBox, restore_button).add(QMessageBox, restored)
    window.security.restore_from(saved)
    answers.done()
    assert "Replace everything" in seen["ask"] and "before.db" in seen["ask"]
    assert "restored from before.db" in seen["done"]
    assert controller.window is not window  # shown afresh
    names = person_names(controller.services)
    assert SECRET_NAME in names and "Added After The Backup" not in names
    safety = list(path.parent.glob("secret.before-restore-*.db"))
    assert len(safety) == 1 and cipher.is_encrypted(safety[0])


@SQLITE_ONLY
def test_a_damaged_backup_changes_nothing(qtbot, controller, answers, db_url, tmp_path):
    assert controller.open(db_url)
    window = controller.window
    window.services.people.create(display_name=SECRET_NAME)
    window.services.db.engine.dispose()
    path = Path(db_url)
    before = sha256(path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    seen: dict[str, str] = {}

    def restore_button(box: QMessageBox) -> None:
        [button] = [b for b in box.buttons() if b.objectName() == "restoreButton"]
        button.click()

    def failure(box: QMessageBox) -> None:
        seen["text"] = box.text() + " " + box.informativeText()
        click_ok(box)

    answers.add(QMessageBox, restore_button).add(QMessageBox, failure)
    assert window.security.restore_from(junk) is None
    answers.done()
    assert "Nothing was restored; the database is unchanged." in seen["text"]
    assert "not a SQLite database" in seen["text"]
    assert sha256(path) == before and controller.window is window


def test_check_dialog_shows_every_line(qtbot, controller, answers, encrypted):
    from casetracker.gui.maintenance_dialogs import CheckDialog

    path, _code = encrypted
    window = open_unlocked(controller, answers, path)
    seen: dict[str, Any] = {}

    def read(dialog: Any) -> None:
        seen["summary"] = dialog.summary.text()
        seen["lines"] = dialog.texts()
        dialog.reject()

    answers.add(CheckDialog, read)
    window.security.check_action.trigger()
    answers.done()
    lines = seen["lines"]
    assert seen["summary"] == f"No problems found in {path}."
    assert "file integrity: no damage found" in lines
    assert any(line.startswith("encrypted with SQLCipher") for line in lines)
    assert any(line.startswith("history:") and "none altered" in line for line in lines)


def test_scheduled_backup_timer_writes_an_encrypted_backup(
    qtbot, controller, answers, encrypted, tmp_path, settings
):
    from casetracker.gui.settings import Preferences

    Preferences(settings).backup_folder = tmp_path / "auto"
    path, _code = encrypted
    window = open_unlocked(controller, answers, path)
    backups = window.security.backups
    with qtbot.waitSignal(backups.written, timeout=3000) as signal:
        backups.start(first_ms=0)
    written = Path(signal.args[0])
    assert written.parent.parent == tmp_path / "auto"  # in this database's own subfolder
    assert written.parent.name.startswith("secret-")
    assert written.name.startswith("secret.auto-") and cipher.is_encrypted(written)
    assert cipher.key_file_path(written).is_file()
    assert "Scheduled backup written" in window.statusBar().currentMessage()
    assert backups.check() and backups.running is False  # not due again: nothing written
    assert len(list(written.parent.glob("*.db"))) == 1
    backups.stop()


@SQLITE_ONLY
def test_a_failed_scheduled_backup_is_a_non_modal_warning(
    qtbot, controller, db_url, tmp_path, settings
):
    from casetracker.gui.settings import Preferences

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    Preferences(settings).backup_folder = blocker / "backups"
    assert controller.open(db_url)
    backups = controller.window.security.backups
    with qtbot.waitSignal(backups.failed, timeout=3000) as signal:
        backups.check()
    assert "The scheduled backup was not written" in signal.args[0]
    assert backups.warning is not None and backups.warning.isVisible()
    assert not backups.warning.isModal()
    backups.warning.close()


def test_preferences_set_the_history_name_idle_lock_and_schedule(
    qtbot, controller, answers, encrypted, tmp_path, settings
):
    from casetracker.gui.preferences_dialog import PreferencesDialog

    path, _code = encrypted
    window = open_unlocked(controller, answers, path)

    def fill(dialog: Any) -> None:
        assert dialog.idle.value() == 10 and dialog.every.value() == 24
        assert dialog.keep.value() == 10 and dialog.backups_on.isChecked()
        dialog.name.setText("Anna Petrosyan")
        dialog.idle.setValue(3)
        dialog.every.setValue(6)
        dialog.folder.setText(str(tmp_path / "elsewhere"))
        dialog.accept()

    answers.add(PreferencesDialog, fill)
    window.security.preferences_action.trigger()
    answers.done()
    db = window.services.db
    assert db.actor == "Anna Petrosyan"
    assert window.security.idle.timeout_ms == 3 * 60_000
    policy = window.security.preferences.backup_policy()
    assert policy.every.total_seconds() == 6 * 3600 and policy.folder == tmp_path / "elsewhere"
    settings.sync()
    assert (
        QSettings(settings.fileName(), QSettings.Format.IniFormat).value("preferences/name")
        == "Anna Petrosyan"
    )
    window.services.people.create(display_name="Named Author")
    [entry] = window.services.history.log(limit=1)
    assert entry.actor == "Anna Petrosyan"
    window.security.idle.set_timeout_ms(0)


def test_security_items_follow_the_database(qtbot, services, backend, tmp_path):
    from casetracker.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, ImmediateRunner(), settings)
    qtbot.addWidget(window)
    security = window.security
    sqlite = backend == "sqlite"
    assert security.encrypt_action.isEnabled() is sqlite
    assert security.restore_action.isEnabled() is sqlite
    for action in (
        security.decrypt_action,
        security.passphrase_action,
        security.rekey_action,
        security.lock_action,
    ):
        assert not action.isEnabled()
    assert security.check_action.isEnabled()
    assert not security.idle.available and not security.idle._filtering
    assert security.lock_action.shortcut().toString() == "Ctrl+L"
    if not sqlite:
        assert "server" in security.encrypt_action.toolTip()
    assert not security.lock_now()  # nothing to lock: nothing happens
    security.shutdown()


# --------------------------------------------------------------------------- security menu
def test_encrypt_this_database_then_open_the_copy(qtbot, controller, answers, tmp_path, fast_kdf):
    from casetracker.gui.passphrase_dialog import PassphraseDialog
    from casetracker.gui.recovery_dialog import RecoveryCodeDialog

    plain = tmp_path / "plain.db"
    assert controller.open(str(plain))
    window = controller.window
    window.services.people.create(display_name=SECRET_NAME)
    out = tmp_path / "plain-encrypted.db"
    seen: dict[str, str] = {}

    def passphrase(dialog: Any) -> None:
        dialog.new.setText(PASSPHRASE)
        dialog.again.setText(PASSPHRASE)
        dialog.ok_button.click()

    def code(dialog: Any) -> None:
        seen["code"] = dialog.code
        dialog.confirm.setChecked(True)
        dialog.continue_button.click()

    def open_copy(box: QMessageBox) -> None:
        seen["text"] = box.text() + " " + box.informativeText()
        [button] = [b for b in box.buttons() if b.objectName() == "openCopy"]
        button.click()

    answers.add(PassphraseDialog, passphrase).add(RecoveryCodeDialog, code)
    answers.add(QMessageBox, open_copy)
    window.security.encrypt_to(out)
    answers.done()
    assert "written and checked" in seen["text"]
    assert f"The plain original {plain} still exists" in seen["text"]
    assert "SSD" in seen["text"]
    assert plain.is_file() and plain.read_bytes()[:16] == b"SQLite format 3\x00"
    db = controller.services.db
    assert db.path == out and db.encrypted and controller.window is not window
    assert SECRET_NAME in person_names(controller.services)
    assert cipher.unlock(out, recovery_code=seen["code"]) == db.key


def test_change_passphrase_new_recovery_code_and_plain_copy(
    qtbot, controller, answers, encrypted, tmp_path
):
    from casetracker.gui.passphrase_dialog import PassphraseDialog
    from casetracker.gui.recovery_dialog import RecoveryCodeDialog

    path, old_code = encrypted
    window = open_unlocked(controller, answers, path)
    security = window.security
    new_passphrase = "a brand new passphrase ԱԲԳ"
    seen: dict[str, str] = {}

    def change(dialog: Any) -> None:
        dialog.current.setText("not it at all")
        dialog.new.setText(new_passphrase)
        dialog.again.setText(new_passphrase)
        dialog.ok_button.click()
        seen["wrong"] = dialog.message.text()
        dialog.current.setText(PASSPHRASE)
        dialog.ok_button.click()

    answers.add(PassphraseDialog, change)
    answers.add(QMessageBox, lambda box: (seen.update(changed=box.text()), click_ok(box)))
    security.passphrase_action.trigger()
    answers.done()
    assert seen["wrong"] == "Wrong passphrase. The database was not changed."
    assert "recovery code is unchanged" in seen["changed"]
    with pytest.raises(cipher.WrongPassphrase):
        cipher.unlock(path, passphrase=PASSPHRASE)
    assert cipher.unlock(path, recovery_code=old_code.text) == window.services.db.key

    def rekey(dialog: Any) -> None:
        dialog.current.setText(new_passphrase)
        dialog.ok_button.click()

    def new_code(dialog: Any) -> None:
        seen["code"] = dialog.code
        seen["replaced"] = visible_texts(dialog)
        # shown before anything changes: the old key still opens the file, the new not
        seen["old opens"] = cipher.key_opens(path, window.services.db.key)
        seen["new opens"] = cipher.key_opens(path, cipher.parse_recovery_code(dialog.code))
        seen["apply enabled"] = dialog.continue_button.isEnabled()
        dialog.confirm.setChecked(True)
        dialog.continue_button.click()

    answers.add(PassphraseDialog, rekey).add(RecoveryCodeDialog, new_code)
    answers.add(QMessageBox, lambda box: (seen.update(applied=box.text()), click_ok(box)))
    security.rekey_action.trigger()
    answers.done()
    assert seen["old opens"] and not seen["new opens"] and not seen["apply enabled"]
    assert "old recovery code no longer opens" in seen["replaced"]
    assert "Nothing is changed yet" in seen["replaced"]
    assert "the new recovery code you wrote down is the one that opens it" in seen["applied"]
    with pytest.raises(cipher.KeyRequired):
        cipher.unlock(path, recovery_code=old_code.text)
    db = window.services.db
    assert cipher.unlock(path, recovery_code=seen["code"]) == db.key
    assert cipher.unlock(path, passphrase=new_passphrase) == db.key
    assert SECRET_NAME in person_names(window.services)  # the open window goes on

    # a new code that is not confirmed is never applied
    before = cipher.unlock(path, passphrase=new_passphrase)

    def cancel(dialog: Any) -> None:
        seen["cancelled code"] = dialog.code
        dialog.cancel_button.click()

    answers.add(PassphraseDialog, rekey).add(RecoveryCodeDialog, cancel)
    assert security.new_recovery_code() is None
    answers.done()
    assert cipher.unlock(path, passphrase=new_passphrase) == before == db.key
    assert not cipher.key_opens(path, cipher.parse_recovery_code(seen["cancelled code"]))
    assert "Nothing was changed" in window.statusBar().currentMessage()

    out = tmp_path / "readable.db"
    answers.add(QMessageBox, lambda box: (seen.update(plain=box.informativeText()), click_ok(box)))
    security.decrypt_to(out)
    answers.done()
    assert "Anyone who gets it can read it." in seen["plain"]
    with sqlite3.connect(out) as conn:
        names = [r[0] for r in conn.execute("SELECT display_name FROM people")]
    assert SECRET_NAME in names
    (noted,) = window.services.history.log(limit=1)  # the plain copy is in the history
    assert (noted.action, noted.details["path"]) == ("export", str(out))
