"""The safety face of one main window: File › Security, Restore, Check,
Edit › Preferences, New database… (encrypted or not), the idle lock and the
scheduled backups.

Key derivations (~0.3 s each) run on ``key_runner`` (a thread of its own in
the app); copies, checks and restores on the window's worker as long jobs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox

from casetracker import APP_NAME
from casetracker.db import cipher
from casetracker.db.engine import POSTGRESQL_ENCRYPTION
from casetracker.errors import CaseTrackerError
from casetracker.gui.dialogs import show_error
from casetracker.gui.idle_lock import IdleLock
from casetracker.gui.maintenance_dialogs import CheckDialog, ScheduledBackups, confirm_restore
from casetracker.gui.passphrase_dialog import PassphraseDialog
from casetracker.gui.recovery_dialog import RecoveryCodeDialog
from casetracker.gui.settings import Preferences
from casetracker.gui.tasks import Runner, ThreadRunner
from casetracker.gui.unlock_dialog import ask_key
from casetracker.services import Services

if TYPE_CHECKING:
    from casetracker.gui.long_job import LongJob


class SecurityController(QObject):
    """Actions and timers for ``window``'s database (see the module doc).

    ``reopen(services, target)`` shows another open database (the app sets it);
    without it a database opened here is closed again.
    """

    def __init__(self, window: Any, key_runner: Runner | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.db = window.services.db
        self.preferences = Preferences(window.settings)
        if key_runner is None:
            threaded = isinstance(window.runner, ThreadRunner)
            key_runner = ThreadRunner(self) if threaded else window.runner
        self.key_runner: Runner = key_runner
        self.reopen: Callable[[Services, str], None] | None = None
        self._default_actor = getattr(self.db, "actor", "")
        self.idle = IdleLock(window, self.db, window.runner, self.key_runner)
        self.idle.locked_changed.connect(self._locked_changed)
        self.backups = ScheduledBackups(
            window, self.db, window.runner, self.preferences, paused=lambda: self.idle.locked
        )
        self._build_actions()
        self.apply_preferences()
        self.update_actions()
        self.backups.start()

    # ---------------------------------------------------------------- menus
    def _act(self, text: str, slot: Callable[[], Any], name: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        tr = self.tr
        self.restore_action = self._act(
            tr("&Restore from a backup…"), self.restore_dialog, "restoreBackup"
        )
        self.check_action = self._act(tr("&Check database…"), self.check_dialog, "checkDatabase")
        self.encrypt_action = self._act(
            tr("&Encrypt this database…"), self.encrypt_dialog, "encryptDatabase"
        )
        self.decrypt_action = self._act(
            tr("&Decrypt to a plain copy…"), self.decrypt_dialog, "decryptDatabase"
        )
        self.passphrase_action = self._act(
            tr("Change &passphrase…"), self.change_passphrase, "changePassphrase"
        )
        self.rekey_action = self._act(
            tr("New &recovery code…"), self.new_recovery_code, "newRecoveryCode"
        )
        self.lock_action = self._act(tr("&Lock now"), self.lock_now, "lockNow")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.window.addAction(self.lock_action)
        self.preferences_action = self._act(
            tr("Pre&ferences…"), self.preferences_dialog, "preferences"
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.window.addAction(self.preferences_action)
        self.security_menu = QMenu(tr("Securit&y"), self.window)
        self.security_menu.setObjectName("securityMenu")
        self.security_menu.setToolTipsVisible(True)
        for action in (self.encrypt_action, self.decrypt_action):
            self.security_menu.addAction(action)
        self.security_menu.addSeparator()
        for action in (self.passphrase_action, self.rekey_action):
            self.security_menu.addAction(action)
        self.security_menu.addSeparator()
        self.security_menu.addAction(self.lock_action)

    def add_file_items(self, menu: QMenu) -> None:
        """Restore, Check and the Security submenu, in the File menu."""
        menu.addAction(self.restore_action)
        menu.addAction(self.check_action)
        menu.addMenu(self.security_menu)

    @property
    def encrypted(self) -> bool:
        return self.db.key is not None or bool(getattr(self.db, "locked", False))

    def update_actions(self) -> None:
        """Only what applies to this database is enabled."""
        sqlite = self.db.path is not None
        encrypted = sqlite and self.encrypted
        self.restore_action.setEnabled(sqlite)
        self.encrypt_action.setEnabled(sqlite and not encrypted)
        for action in (
            self.decrypt_action,
            self.passphrase_action,
            self.rekey_action,
            self.lock_action,
        ):
            action.setEnabled(encrypted and not self.idle.locked)
        if not sqlite:
            for action in self.security_menu.actions():
                action.setToolTip(POSTGRESQL_ENCRYPTION)
            self.restore_action.setToolTip(
                self.tr("A PostgreSQL database is restored on its server (pg_restore).")
            )
        elif not encrypted:
            note = self.tr("This database is not encrypted.")
            for action in (self.decrypt_action, self.passphrase_action, self.rekey_action):
                action.setToolTip(note)
            self.lock_action.setToolTip(note)

    def _locked_changed(self, locked: bool) -> None:
        self.update_actions()
        if not locked:
            self.backups.check()

    # ---------------------------------------------------------------- preferences
    def apply_preferences(self) -> None:
        """Your name on the database's history, the idle lock's minutes."""
        if hasattr(self.db, "actor"):
            self.db.actor = self.preferences.name or self._default_actor
        self.idle.set_minutes(self.preferences.idle_minutes)

    def preferences_dialog(self) -> None:
        from casetracker.gui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.preferences, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            dialog.apply()
            self.apply_preferences()
            self.backups.check()
        dialog.deleteLater()

    # ---------------------------------------------------------------- helpers
    def _busy(self, task: Callable[[], Any], done: Callable[[Any], None], failure: str) -> None:
        """A short task on the key runner (a key derivation) under a busy cursor."""
        window = self.window
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        window.setEnabled(False)

        def finish() -> None:
            window.setEnabled(True)
            QGuiApplication.restoreOverrideCursor()

        def succeeded(result: Any) -> None:
            finish()
            done(result)

        def failed(exc: BaseException) -> None:
            finish()
            show_error(window, exc, failure)

        self.key_runner.run(task, succeeded, failed)

    def _reopen(self, services: Services, target: str) -> None:
        if self.reopen is not None:
            self.reopen(services, target)
            return
        if services.db is not self.db:
            services.db.close()
        else:
            self.window.refresh_all()

    def _open_encrypted(self, path: Path, key: bytes) -> None:
        from casetracker.db.engine import resolve_url
        from casetracker.db.schema import open_database

        try:
            db = open_database(resolve_url(str(path)), key=key)
        except CaseTrackerError as exc:
            show_error(self.window, exc, self.tr("The database cannot be opened."))
            return
        self._reopen(Services(db), str(path))

    def _save_path(self, title: str, suggestion: Path) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(
            self.window, title, str(suggestion), self.tr("CaseTracker databases (*.db)")
        )
        if not path:
            return None
        return Path(path if path.endswith(".db") else path + ".db")

    def _info(self, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, text, parent=self.window)
        box.setObjectName("securityInfo")
        box.setTextFormat(Qt.TextFormat.PlainText)
        if details:
            box.setInformativeText(details)
        box.exec()

    def _ssd_warning(self) -> str:
        return self.tr(
            "Deleting a file does not reliably erase it on an SSD, a USB stick or a synced "
            "folder: keep plain copies only on an encrypted disk, and delete them as soon "
            "as you can."
        )

    # ---------------------------------------------------------------- new database
    def create_database(self, path: Path) -> None:
        """New database…: ask whether to encrypt it, then create and open it."""
        window = self.window
        if not window.confirm_close_all():
            return
        dialog = PassphraseDialog(
            self.tr("New database"),
            self.tr(
                "An encrypted database cannot be read without its passphrase or its "
                "recovery code: if this computer, its disk or a backup is lost or stolen, "
                "the records stay private.\n\n"
                "If you forget the passphrase and lose the recovery code, the data is "
                "lost for good: nobody — not CaseTracker's authors — can recover it."
            ),
            self.key_runner,
            window,
            ok_text=self.tr("Create"),
            choose=True,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        encrypt, passphrase = dialog.encrypted, dialog.new_passphrase
        dialog.forget()
        dialog.deleteLater()
        if not accepted:
            return
        if not encrypt:
            window.switch_requested.emit(str(path))
            return
        from casetracker.db.engine import resolve_url
        from casetracker.db.schema import create_encrypted_database

        url = resolve_url(str(path))

        def created(result: tuple[Any, cipher.RecoveryCode]) -> None:
            db, code = result
            RecoveryCodeDialog(code, str(path), window).exec()
            self._reopen(Services(db), str(path))

        self._busy(
            lambda: create_encrypted_database(url, passphrase),
            created,
            self.tr("The database was not created."),
        )

    # ---------------------------------------------------------------- encrypt / decrypt
    def encrypt_dialog(self) -> None:
        path = self.db.path
        if path is None:
            return
        out = self._save_path(
            self.tr("Encrypted copy"), path.with_name(f"{path.stem}-encrypted.db")
        )
        if out is not None:
            self.encrypt_to(out)

    def encrypt_to(self, out: Path) -> LongJob | None:
        """Write an encrypted copy of this plain database to ``out``, checked."""
        window, source = self.window, self.db.path
        if source is None or not window.confirm_close_all():
            return None
        if out.exists() or cipher.key_file_path(out).exists():
            show_error(window, CaseTrackerError(f"{out} already exists; choose another name"))
            return None
        dialog = PassphraseDialog(
            self.tr("Encrypt this database"),
            self.tr(
                "CaseTracker writes an encrypted copy of this database to %1 and checks it "
                "holds the same records. This database is left as it is.\n\n"
                "Without the passphrase or the recovery code nobody can read the copy; "
                "if you lose both, nobody — not CaseTracker's authors — can recover it."
            ).replace("%1", str(out)),
            self.key_runner,
            window,
            ok_text=self.tr("Encrypt"),
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        passphrase = dialog.new_passphrase
        dialog.forget()
        dialog.deleteLater()
        if not accepted:
            return None
        db = self.db

        def job(progress: Any) -> cipher.RecoveryCode:
            progress.report(0, 0, self.tr("Writing the encrypted copy…"))
            db.engine.dispose()  # two SQLite libraries must not share the file
            code = cipher.encrypt_copy(source, out, passphrase)
            from casetracker.audit import record_database_copy

            record_database_copy(db, out, encrypted=True)
            return code

        return window._long_job(
            self.tr("Encrypting"),
            job,
            lambda code: self._encrypted(code, source, out),
            self.tr("No encrypted copy was written."),
        )

    def _encrypted(self, code: cipher.RecoveryCode, source: Path, out: Path) -> None:
        RecoveryCodeDialog(code, str(out), self.window).exec()
        box = QMessageBox(self.window)
        box.setObjectName("encryptedCopyWritten")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(APP_NAME)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr(
                "The encrypted copy %1 is written and checked: it holds the same records."
            ).replace("%1", str(out))
        )
        box.setInformativeText(
            self.tr(
                "The plain original %1 still exists: anyone who gets it, or one of its "
                "plain backups, can read it. Once you have opened the encrypted copy, "
                "delete the original securely."
            ).replace("%1", str(source))
            + "\n\n"
            + self._ssd_warning()
        )
        open_button = box.addButton(
            self.tr("Open the encrypted copy"), QMessageBox.ButtonRole.AcceptRole
        )
        open_button.setObjectName("openCopy")
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_button)
        box.exec()
        if box.clickedButton() is open_button and self.window.confirm_close_all():
            self._open_encrypted(out, code.key)

    def decrypt_dialog(self) -> None:
        path = self.db.path
        if path is None:
            return
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Decrypt to a plain copy"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("A plain copy can be read by anyone who gets the file."))
        box.setInformativeText(
            self.tr("Make one only when you must, and delete it as soon as you can.")
            + "\n\n"
            + self._ssd_warning()
        )
        go_on = box.addButton(self.tr("Choose where…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not go_on:
            return
        out = self._save_path(self.tr("Plain copy"), path.with_name(f"{path.stem}-plain.db"))
        if out is not None:
            self.decrypt_to(out)

    def decrypt_to(self, out: Path) -> LongJob | None:
        """Write a plain (readable by anyone) copy of this encrypted database."""
        window, source, key = self.window, self.db.path, self.db.key
        if source is None or key is None or not window.confirm_close_all():
            return None
        db = self.db

        def job(progress: Any) -> dict[str, int]:
            progress.report(0, 0, self.tr("Writing the plain copy…"))
            db.engine.dispose()
            counts = cipher.decrypt_copy(source, key, out)
            from casetracker.audit import record_database_copy

            record_database_copy(db, out, encrypted=False)
            return counts

        def done(counts: dict[str, int]) -> None:
            self._info(
                self.tr("Plain copy written to %1 (%2 rows checked).")
                .replace("%1", str(out))
                .replace("%2", f"{sum(counts.values()):,}"),
                self.tr("Anyone who gets it can read it.") + " " + self._ssd_warning(),
            )

        return window._long_job(
            self.tr("Decrypting"), job, done, self.tr("No plain copy was written.")
        )

    # ---------------------------------------------------------------- passphrase / key
    def change_passphrase(self) -> None:
        path = self.db.path
        if path is None or not self.encrypted:
            return
        dialog = PassphraseDialog(
            self.tr("Change passphrase"),
            self.tr(
                "The recovery code stays the same. Backups made before now keep the old "
                "passphrase in their own key file; the recovery code opens them too."
            ),
            self.key_runner,
            self.window,
            ok_text=self.tr("Change passphrase"),
            current=path,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        key, passphrase = dialog.key, dialog.new_passphrase
        dialog.forget()
        dialog.deleteLater()
        if not accepted or key is None:
            return
        self._busy(
            lambda: cipher.set_passphrase(path, key, passphrase),
            lambda _written: self._info(
                self.tr("The passphrase is changed. The recovery code is unchanged.")
            ),
            self.tr("The passphrase was not changed."),
        )

    def new_recovery_code(self) -> LongJob | None:
        """Re-encrypt with a new master key: a new recovery code, the old one void."""
        path, window = self.db.path, self.window
        if path is None or not self.encrypted:
            return None
        dialog = PassphraseDialog(
            self.tr("New recovery code"),
            self.tr(
                "CaseTracker shows a new recovery code; once you have written it down, it "
                "re-encrypts the database with it. The old recovery code stops working for "
                "this database "
                "(backups made before now still open with it). The passphrase stays the "
                "same: type it to go on."
            ),
            self.key_runner,
            window,
            ok_text=self.tr("Make a new key"),
            new=False,
            current=path,
            code_allowed=False,
        )
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        key, passphrase = dialog.key, dialog.current_passphrase
        dialog.forget()
        dialog.deleteLater()
        if not accepted or key is None or not window.confirm_close_all():
            return None
        # the new code is written down first: once applied, nothing else opens the file
        code = cipher.new_recovery_code()
        shown = RecoveryCodeDialog(code, str(path), window, replaced=True, apply=True)
        confirmed = shown.exec() == QDialog.DialogCode.Accepted
        shown.deleteLater()
        if not confirmed:
            window.statusBar().showMessage(
                self.tr("Nothing was changed: the old recovery code still works."), 8000
            )
            return None
        db = self.db

        def job(progress: Any) -> cipher.RecoveryCode:
            progress.report(0, 0, self.tr("Re-encrypting every page…"))
            db.lock()  # nothing of ours may hold the file open
            try:
                cipher.rekey(path, key, passphrase, code)
            except BaseException:
                db.unlock(key)
                raise
            db.unlock(code.key)
            return code

        def done(_code: cipher.RecoveryCode) -> None:
            self._info(
                self.tr(
                    "The database is re-encrypted: the new recovery code you wrote down "
                    "is the one that opens it now."
                )
            )
            window.statusBar().showMessage(self.tr("The database has a new key."), 8000)

        return window._long_job(
            self.tr("New recovery code"),
            job,
            done,
            self.tr("Nothing was changed: the old recovery code still works."),
        )

    def lock_now(self) -> bool:
        return self.idle.lock(0)

    # ---------------------------------------------------------------- maintenance
    def check_dialog(self) -> LongJob:
        from casetracker.db.maintenance import check

        db = self.db

        def job(progress: Any) -> Any:
            progress.report(0, 0, self.tr("Checking every page and reference…"))
            return check(db)

        def done(report: Any) -> None:
            dialog = CheckDialog(report, db.describe(), self.window)
            dialog.exec()
            dialog.deleteLater()

        return self.window._long_job(
            self.tr("Checking the database"), job, done, self.tr("The check did not finish.")
        )

    def restore_dialog(self) -> None:
        if self.db.path is None:
            return
        from casetracker.db.backups import database_folder

        folder = database_folder(self.preferences.backup_folder, self.db.path)
        start = folder if folder.is_dir() else self.db.path.parent
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Restore from a backup"),
            str(start),
            self.tr("CaseTracker databases (*.db);;All files (*)"),
        )
        if path:
            self.restore_from(Path(path))

    def restore_from(self, source: Path) -> LongJob | None:
        """Replace the database's content with the backup ``source`` (checked first)."""
        from casetracker.db.maintenance import backup_key, restore

        window, db = self.window, self.db
        nothing = self.tr("Nothing was restored; the database is unchanged.")
        if db.path is None or not window.confirm_close_all():
            return None
        if not confirm_restore(window, source, db.describe()):
            return None
        try:
            key = backup_key(db, source)
        except cipher.KeyRequired:
            key = ask_key(
                window,
                source,
                self.key_runner,
                title=self.tr("Unlock the backup"),
                intro=self.tr(
                    "The backup %1 was encrypted with another key. Type the passphrase it "
                    "had when it was made, or its recovery code."
                ).replace("%1", source.name),
            )
            if key is None:
                return None
        except CaseTrackerError as exc:
            show_error(window, exc, nothing)
            return None

        def done(safety: Path) -> None:
            self._info(
                self.tr("The database was restored from %1.").replace("%1", source.name),
                self.tr("What it held before is saved in %1.").replace("%1", str(safety)),
            )
            self._reopen(Services(db), db.describe())

        return window._long_job(
            self.tr("Restoring"), lambda _p: restore(db, source, key), done, nothing
        )

    def shutdown(self) -> None:
        """The window is going away."""
        self.idle.stop()
        self.backups.stop()
