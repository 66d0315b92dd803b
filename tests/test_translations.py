"""Every user-visible string can be translated: the GUI shows what a .qm file says."""

from __future__ import annotations

import enum
import inspect
import re
import subprocess

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTranslator

from tests.conftest import REPO

GUI = REPO / "src" / "casetracker" / "gui"
LUPDATE = REPO / ".venv" / "bin" / "pyside6-lupdate"
LRELEASE = REPO / ".venv" / "bin" / "pyside6-lrelease"

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context><name>Labels</name>
 <message><source>Detainees</source><translation>Détenus</translation></message>
 <message><source>Name</source><translation>Nom</translation></message>
</context>
<context><name>MainWindow</name>
 <message><source>&amp;File</source><translation>&amp;Fichier</translation></message>
</context>
<context><name>Values</name>
 <message><source>On trial</source><translation>En procès</translation></message>
</context>
</TS>
"""


def test_every_stored_code_has_a_declared_label():
    from casetracker.db import base
    from casetracker.gui.value_labels import VALUE_LABELS
    from casetracker.models import enums

    codes = set()
    for module in (enums, base):
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, enum.Enum)
                and obj.__module__ == (module.__name__)
            ):
                codes.update(str(m.value) for m in obj)
    assert codes <= set(VALUE_LABELS), sorted(codes - set(VALUE_LABELS))


def test_no_bare_strings_in_widgets():
    """Widget text is always passed through tr()/translate(), never a bare literal."""
    pattern = re.compile(
        r"(QLabel|QPushButton|QCheckBox|setText|setPlaceholderText|setToolTip|setWindowTitle|"
        r"addMenu|addTab|QAction|addItem|setHorizontalHeaderLabels|showMessage)\(\s*f?\"[A-Za-z]"
    )
    offenders = [
        f"{path.name}:{number}"
        for path in GUI.glob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_extracted_template_is_current_and_a_translation_is_shown(qtbot, services, tmp_path):
    # the template in the repo has every string the sources declare
    sources = sorted(str(p) for p in GUI.glob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(LUPDATE), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    messages = set(re.findall(r"<source>(.*?)</source>", fresh.read_text(encoding="utf-8")))
    kept = (REPO / "resources" / "i18n" / "casetracker.ts").read_text(encoding="utf-8")
    missing = messages - set(re.findall(r"<source>(.*?)</source>", kept))
    assert len(messages) > 300
    assert not missing, f"run scripts/update-translations.sh: {sorted(missing)[:5]}"

    ts = tmp_path / "casetracker_fr.ts"
    ts.write_text(TS, encoding="utf-8")
    qm = tmp_path / "casetracker_fr.qm"
    subprocess.run([str(LRELEASE), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        from casetracker.gui.main_window import MainWindow
        from casetracker.gui.tasks import ImmediateRunner

        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, ImmediateRunner(), settings)
        qtbot.addWidget(window)
        assert window.nav.item(1).text() == "Détenus"
        assert window.menuBar().actions()[0].text() == "&Fichier"
        page = window.pages["detainees"]
        assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Nom"
        combo = page.filter_bar.combos["status"]
        assert "En procès" in [combo.itemText(i) for i in range(combo.count())]
    finally:
        QCoreApplication.removeTranslator(translator)
