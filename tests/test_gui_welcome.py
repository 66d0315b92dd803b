"""The first run (offscreen, pytest-qt, SQLite): the welcome dialog and its three
choices, each ending in an open database; later starts skip it.

Each test runs with its own empty data folder (conftest sets XDG_DATA_HOME), so
every start here is a first run until a database is made at the default path.
Modal dialogs are answered in order by :class:`Answers`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QFileDialog

from casetracker import paths
from casetracker.db import cipher
from casetracker.db.engine import resolve_url
from casetracker.db.schema import create_encrypted_database
from casetracker.gui.tasks import ImmediateRunner, ThreadRunner
from casetracker.gui.welcome_dialog import WelcomeDialog, first_run, start
from casetracker.services import Services
from tests.test_gui_security import Answers, visible_texts

PASSPHRASE = "correct horse battery staple"
SQLITE_HEADER = b"SQLite format 3\x00"


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cipher, "ITERATIONS", 2_000)


@pytest.fixture
def answers():
    found = Answers()
    yield found
    found.queue.clear()


@pytest.fixture
def make_controller(qtbot, tmp_path: Path):
    from casetracker.gui.app import AppController

    made: list[Any] = []

    def make(key_runner: Any = None) -> Any:
        settings = QSettings(str(tmp_path / f"settings{len(made)}.ini"), QSettings.Format.IniFormat)
        controller = AppController(ImmediateRunner(), settings, key_runner)
        made.append(controller)
        return controller

    yield make
    for controller in made:
        close(controller)


def close(controller: Any) -> None:
    if controller.window is not None:
        controller.window.security.shutdown()
        controller.window.close()
    controller.close()
    controller.window = controller.services = None


def choose(choice: str, seen: dict[str, Any] | None = None):
    def handler(dialog: WelcomeDialog) -> None:
        if seen is not None:
            buttons = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
            seen["texts"] = "\n".join([visible_texts(dialog), *buttons])
        getattr(dialog, f"{choice}_button").click()

    return handler


def record_count(services: Services, kind: str) -> int:
    return len(services.listing.page(kind, limit=1000).rows)


def test_first_run_only_without_a_database_named_or_made():
    assert first_run(None)
    assert not first_run("elsewhere.db")
    paths.default_database_path().parent.mkdir(parents=True)
    paths.default_database_path().write_bytes(b"")
    assert not first_run(None)


def test_demo_choice_opens_the_demo_and_shows_the_data_folder(qtbot, make_controller, answers):
    controller = make_controller()
    seen: dict[str, Any] = {}
    answers.add(WelcomeDialog, choose("demo", seen))
    assert start(controller, None) is True
    answers.done()
    assert str(paths.data_dir()) in seen["texts"]
    for text in ("Try the demo database", "Start an empty database", "Open an existing file…"):
        assert text in seen["texts"]
    assert "Quit" in seen["texts"]
    assert controller.window.isVisible()
    assert controller.services.db.path == paths.data_dir() / "demo.db"
    assert record_count(controller.services, "detainees") > 0
    assert not paths.default_database_path().exists()  # the demo is not their database


def test_empty_plain_database_at_the_default_path_then_later_starts_skip_the_dialog(
    qtbot, make_controller, answers
):
    from casetracker.gui.passphrase_dialog import PassphraseDialog

    target = paths.default_database_path()

    def plain(dialog: Any) -> None:
        assert "not CaseTracker's authors" in visible_texts(dialog)
        dialog.plain.setChecked(True)
        dialog.ok_button.click()

    first = make_controller()
    answers.add(WelcomeDialog, choose("empty")).add(PassphraseDialog, plain)
    assert start(first, None) is True
    answers.done()
    assert first.services.db.path == target and not first.services.db.encrypted
    assert target.read_bytes()[:16] == SQLITE_HEADER
    assert record_count(first.services, "detainees") == 0
    first.services.people.create(display_name="Kept Between Starts")
    close(first)

    modal: list[str] = []

    def no_dialog() -> None:  # a dialog here would be a bug: record and close it
        widget = QApplication.activeModalWidget()
        if widget is not None:
            modal.append(type(widget).__name__)
            if isinstance(widget, QDialog):
                widget.done(0)

    timer = QTimer()
    timer.timeout.connect(no_dialog)
    timer.start(50)
    second = make_controller()
    assert start(second, None) is True
    timer.stop()
    assert modal == []
    assert second.services.db.path == target
    assert record_count(second.services, "people") == 1


def test_empty_encrypted_database_shows_its_recovery_code(
    qtbot, make_controller, answers, fast_kdf
):
    from casetracker.gui.passphrase_dialog import PassphraseDialog
    from casetracker.gui.recovery_dialog import RecoveryCodeDialog
    from casetracker.gui.unlock_dialog import UnlockDialog

    target = paths.default_database_path()
    seen: dict[str, Any] = {}

    def encrypt(dialog: Any) -> None:
        assert dialog.encrypt.isChecked()
        dialog.new.setText(PASSPHRASE)
        dialog.again.setText(PASSPHRASE)
        dialog.ok_button.click()

    def keep_code(dialog: Any) -> None:
        seen["code"] = dialog.code
        seen["statement"] = visible_texts(dialog)
        dialog.confirm.setChecked(True)
        dialog.continue_button.click()

    first = make_controller(ThreadRunner())  # the key is derived off the GUI thread
    answers.add(WelcomeDialog, choose("empty"))
    answers.add(PassphraseDialog, encrypt).add(RecoveryCodeDialog, keep_code)
    assert start(first, None) is True
    answers.done()
    db = first.services.db
    assert db.path == target and db.encrypted
    assert cipher.is_encrypted(target) and cipher.key_file_path(target).is_file()
    assert str(target) in seen["statement"]
    assert cipher.unlock(target, recovery_code=seen["code"]) == db.key
    close(first)

    # the next start goes straight to the unlock dialog of that database
    def unlock(dialog: Any) -> None:
        dialog.form.passphrase.setText(PASSPHRASE)
        dialog.form.unlock_button.click()

    second = make_controller()
    answers.add(UnlockDialog, unlock)
    assert start(second, None) is True
    answers.done()
    assert second.services.db.path == target and second.services.db.encrypted


def test_cancelling_the_passphrase_goes_back_and_quit_makes_nothing(
    qtbot, make_controller, answers
):
    from casetracker.gui.passphrase_dialog import PassphraseDialog

    controller = make_controller()
    answers.add(WelcomeDialog, choose("empty"))
    answers.add(PassphraseDialog, lambda dialog: dialog.reject())
    answers.add(WelcomeDialog, lambda dialog: dialog.quit_button.click())
    assert start(controller, None) is False
    answers.done()
    assert controller.window is None
    assert not paths.default_database_path().exists()
    assert not paths.data_dir().exists() or not any(paths.data_dir().iterdir())


def pick_file(path: Path):
    def handler(dialog: QFileDialog) -> None:
        dialog.selectFile(str(path))
        dialog.accept()

    return handler


def test_open_an_existing_encrypted_file_unlocks_it(
    qtbot, make_controller, answers, tmp_path, fast_kdf
):
    from casetracker.gui.unlock_dialog import UnlockDialog

    existing = tmp_path / "ours.db"
    db, _code = create_encrypted_database(resolve_url(str(existing)), PASSPHRASE)
    Services(db).people.create(display_name="Brought Along")
    db.close()

    def unlock(dialog: Any) -> None:
        dialog.form.passphrase.setText(PASSPHRASE)
        dialog.form.unlock_button.click()

    controller = make_controller()
    answers.add(WelcomeDialog, choose("open")).add(QFileDialog, pick_file(existing))
    answers.add(UnlockDialog, unlock)
    assert start(controller, None) is True
    answers.done()
    assert controller.services.db.path == existing and controller.services.db.encrypted
    assert record_count(controller.services, "people") == 1
    assert not paths.default_database_path().exists()


def test_a_cancelled_file_choice_returns_to_the_welcome(qtbot, make_controller, answers):
    controller = make_controller()
    answers.add(WelcomeDialog, choose("open")).add(QFileDialog, lambda dialog: dialog.reject())
    answers.add(WelcomeDialog, lambda dialog: dialog.reject())  # Escape quits too
    assert start(controller, None) is False
    answers.done()
    assert controller.window is None
