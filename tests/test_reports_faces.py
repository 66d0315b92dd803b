"""Reports through the two faces: `casetracker report` and File › Reports…; a
report is written whole or not at all (a cancelled one leaves no file)."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import QSettings

from casetracker.cli.main import main
from casetracker.demo import load_demo
from casetracker.progress import Cancelled, Progress

SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_cli_writes_each_kind_and_refuses_plainly(db_url, tmp_path, capsys):
    assert main(["--db", db_url, "init", "--demo"]) == 0
    capsys.readouterr()
    out = tmp_path / "briefing.pdf"
    code = main(
        [
            "--db",
            db_url,
            "report",
            "briefing",
            "--out",
            str(out),
            "--audience",
            "internal",
            "--organization",
            "Advocacy Office",
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert printed.startswith(f"internal briefing report written to {out}: ")
    text = pdf_text(out)
    assert "INTERNAL" in text and "Advocacy Office" in text
    for kind in ("correspondence", "signatories"):
        target = tmp_path / f"{kind}.pdf"
        assert main(["--db", db_url, "report", kind, "--out", str(target)]) == 0
        assert target.stat().st_size > 2000
    capsys.readouterr()
    assert main(["--db", db_url, "report", "dossier", "--out", str(tmp_path / "d.pdf")]) == 1
    assert "needs --id" in capsys.readouterr().err
    missing = tmp_path / "nowhere" / "x.pdf"
    assert main(["--db", db_url, "report", "briefing", "--out", str(missing)]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["--db", db_url, "report", "briefing", "--out", str(out), "--from", "2025-13"]) == 1
    assert "not a date" in capsys.readouterr().err


class _CancelAtOnce(Progress):
    def report(self, done: int, total: int = 0, text: str = "") -> None:
        raise Cancelled()


def test_a_cancelled_report_leaves_nothing(services, tmp_path):
    load_demo(services)
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder / "briefing.pdf"
    out.write_bytes(b"the previous report")
    with pytest.raises(Cancelled):
        services.reports.write(services.reports.options("briefing"), out, _CancelAtOnce())
    assert out.read_bytes() == b"the previous report"
    assert [p.name for p in folder.iterdir()] == ["briefing.pdf"]


@SQLITE_ONLY
def test_reports_dialog_presets_a_dossier_and_writes_it(qtbot, services, tmp_path):
    from casetracker.gui.main_window import MainWindow
    from casetracker.gui.reports_dialog import ReportsDialog
    from casetracker.gui.tasks import ImmediateRunner

    load_demo(services)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, ImmediateRunner(), settings)
    qtbot.addWidget(window)
    page = window.show_page("detainees")
    page.table.selectRow(0)
    detention_id = page.editor.record_id
    assert detention_id is not None
    label = services.lookup.label("detainees", detention_id)
    dialog = ReportsDialog(
        services, settings, window, kind="dossier", record=("dossier", detention_id, label)
    )
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "dossier"
    assert dialog.records["dossier"].value() == detention_id
    dialog.audience.setCurrentIndex(dialog.audience.findData("internal"))
    out = tmp_path / "dossier.pdf"
    dialog.out.setText(str(out))
    dialog.open_after.setChecked(False)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    window.write_report(dialog.options(), dialog.path(), open_after=False)
    assert out.exists()
    assert label.split()[0] in pdf_text(out)
    assert "Report written to" in window.statusBar().currentMessage()
    # a bad date is said in the dialog, which stays open
    again = ReportsDialog(services, settings, window, kind="correspondence")
    qtbot.addWidget(again)
    again.date_from.setText("2025-13")
    again.accept()
    assert "not a date" in again.problem.text()
    assert again.result() != again.DialogCode.Accepted


class _CancelOnPage(Progress):
    def __init__(self, page: int) -> None:
        self.page = page
        self.seen: list[str] = []

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        self.seen.append(text)
        if text == f"laying out page {self.page}":
            raise Cancelled()


def test_the_layout_reports_its_pages_and_can_be_cancelled(services, tmp_path):
    load_demo(services)
    out = tmp_path / "signatories.pdf"
    progress = _CancelOnPage(2)
    with pytest.raises(Cancelled):
        services.reports.write(services.reports.options("signatories"), out, progress)
    assert "laying out page 1" in progress.seen
    assert not out.exists()
    assert list(tmp_path.glob("*.part")) == []
