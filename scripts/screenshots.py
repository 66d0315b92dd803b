"""Screenshots of every main view on the demo database, into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR]
    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py --welcome [OUT_DIR]

Runs on a fresh demo database in a temporary folder (your own data and
settings are not touched) and saves one PNG per view.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
SIZE = (1440, 880)


def main() -> int:
    args = [arg for arg in sys.argv[1:] if arg != "--welcome"]
    only_welcome = len(args) < len(sys.argv) - 1
    out = Path(args[0]) if args else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="casetracker-shots-"))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[var] = str(home / var.lower())

    from PySide6.QtCore import QSettings

    from casetracker.gui.app import DEMO_TARGET, make_application, open_target
    from casetracker.gui.main_window import MainWindow
    from casetracker.gui.tasks import ImmediateRunner

    app = make_application([sys.argv[0]])
    welcome_shot(app, out)
    if only_welcome:
        return 0
    services = open_target(DEMO_TARGET)
    settings = QSettings(str(home / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, ImmediateRunner(), settings)
    window.resize(*SIZE)
    window.show()

    def shot(name: str) -> None:
        for _ in range(3):
            app.processEvents()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(path)

    window.show_page("dashboard")
    shot("dashboard")
    for kind in ("detainees", "letters", "sanctions", "people", "organizations", "responses"):
        page = window.show_page(kind)
        if page.model.rowCount():
            page.table.selectRow(0)
        shot(kind)
    detainees = window.show_page("detainees")
    detainees.table.selectRow(0)
    tabs = detainees.details
    for index in range(tabs.count()):
        if tabs.widget(index) in (detainees.parts.get("names"), detainees.related):
            tabs.setCurrentIndex(index)
            label = "names" if tabs.widget(index) is detainees.parts.get("names") else "related"
            shot(f"detainee-{label}")
    letters = window.show_page("letters")
    letters.table.selectRow(0)
    letters.details.setCurrentWidget(letters.parts["asks"])
    shot("letter-asks")
    letters.details.setCurrentWidget(letters.related)
    shot("letter-related")
    history_edits(services, letters.editor.record_id)
    letters.show_record(letters.editor.record_id)
    letters.details.setCurrentWidget(letters.history)
    letters.splitter.setSizes([420, 1000])  # the History tab's table wants the room
    letters.history.select_row(1)
    shot("history")
    window.saved_searches.add("Vardanyan's trial", "Vardanyan trial")
    window.saved_searches.add("Sanction requests", "type:sanction")
    window._rebuild_saved_searches()
    window.global_search()
    window.search_page.set_query("Վարդանյան")
    shot("search")
    from casetracker.gui.reports_dialog import ReportsDialog

    detainees = window.show_page("detainees")
    detainees.table.selectRow(0)
    record = detainees.editor.record_id
    dialog = ReportsDialog(
        services,
        settings,
        window,
        kind="dossier",
        record=("dossier", record, services.lookup.label("detainees", record)),
    )
    dialog.audience.setCurrentIndex(dialog.audience.findData("internal"))
    dialog.organization.setText("Armenian Advocacy Office")
    dialog.show()
    for _ in range(3):
        app.processEvents()
    dialog.grab().save(str(out / "reports-dialog.png"))
    print(out / "reports-dialog.png")
    dialog.close()
    window.close()
    services.db.close()
    security_shots(app, out, home)
    return 0


def history_edits(services: Any, letter_id: Any) -> None:
    """A few edits of a letter (and one revert) for the History tab's picture."""
    letter = services.letters.get_full(letter_id)
    services.letters.update(letter_id, channel="email", follow_up_due="2025-06")
    services.letters.update(
        letter_id, summary=(letter.summary or "") + " Follow-up agreed with the co-signers."
    )
    ask = sorted(letter.asks, key=lambda a: a.ordinal)[1]
    services.children.update("letters", "asks", ask.id, {"status": "partly_met"})
    services.letters.update(letter_id, channel="portal")
    change = services.history.for_record("letter", letter_id)[0]
    services.history.revert_field(change.seq, "channel")


def welcome_shot(app: Any, out: Path) -> None:
    """The welcome dialog of a first run."""
    from casetracker.gui.welcome_dialog import WelcomeDialog

    dialog = WelcomeDialog()
    dialog.show()
    for _ in range(3):
        app.processEvents()
    dialog.grab().save(str(out / "welcome.png"))
    print(out / "welcome.png")
    dialog.close()


def security_shots(app: Any, out: Path, home: Path) -> None:
    """The unlock dialog (after a wrong passphrase), the recovery code dialog and
    the lock screen, on an encrypted copy of the demo records."""
    from PySide6.QtCore import QSettings

    from casetracker.db.engine import resolve_url
    from casetracker.db.schema import create_encrypted_database
    from casetracker.demo import load_demo
    from casetracker.gui.main_window import MainWindow
    from casetracker.gui.recovery_dialog import RecoveryCodeDialog
    from casetracker.gui.tasks import ImmediateRunner
    from casetracker.gui.unlock_dialog import UnlockDialog
    from casetracker.services import Services

    path = home / "casework.db"
    db, code = create_encrypted_database(resolve_url(str(path)), "correct horse battery staple")
    services = Services(db)
    load_demo(services)

    def save(widget: Any, name: str) -> None:
        for _ in range(3):
            app.processEvents()
        widget.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")

    unlock = UnlockDialog(path, ImmediateRunner())
    unlock.show()
    unlock.form.passphrase.setText("correct horse battery")
    unlock.form.attempt()
    save(unlock, "unlock-dialog")
    unlock.close()
    recovery = RecoveryCodeDialog(code, str(path))
    recovery.show()
    save(recovery, "recovery-code")
    recovery.confirm.setChecked(True)
    recovery.close()
    settings = QSettings(str(home / "security.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, ImmediateRunner(), settings)
    window.resize(*SIZE)
    window.show()
    window.show_page("detainees").table.selectRow(0)
    window.security.lock_now()
    save(window, "lock-screen")
    window.security.shutdown()
    window.close()
    services.db.close()


if __name__ == "__main__":
    raise SystemExit(main())
