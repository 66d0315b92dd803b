"""The app icon, the desktop files and the bundle's smoke test (run from source)."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from casetracker import APP_ID, paths

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"


def test_app_icon_has_every_size(qapp):
    from casetracker.gui.icons import ICON_SIZES, app_icon

    icon = app_icon()
    assert not icon.isNull()
    for size in ICON_SIZES:
        image = icon.pixmap(size, size).toImage()
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() == 255  # drawn, not empty
        assert image.pixelColor(0, 0).alpha() == 0  # transparent corner

    from casetracker.gui.app import make_application

    assert make_application().windowIcon().availableSizes()  # the window and dock icon


def test_pngs_are_rendered_from_the_svg(qapp):
    from PySide6.QtGui import QImage

    folder = paths.resources_dir() / "icons"
    for size in (16, 32, 48, 64, 128, 256, 512):
        image = QImage(str(folder / f"casetracker-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
    assert ET.parse(folder / "casetracker.svg").getroot().tag.endswith("svg")


def test_desktop_entry_and_metainfo_agree():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Icon"] == APP_ID
    assert desktop["Exec"].split()[0] == "casetracker"
    meta = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == f"{APP_ID}.desktop"
    assert meta.findtext("provides/binary") == "casetracker"


def test_smoke_test_renders_the_main_window(tmp_path):
    out = tmp_path / "window.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "casetracker.cli.main", "--smoke-test", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "main window rendered" in result.stdout

    from casetracker.gui.smoke import MIN_COLOURS, distinct_colours

    assert distinct_colours(out) >= MIN_COLOURS


def test_a_blank_picture_is_not_a_rendered_window(qapp, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from casetracker.gui.smoke import MIN_COLOURS, distinct_colours

    blank = QImage(400, 300, QImage.Format.Format_ARGB32)
    blank.fill(QColor("white"))
    blank.save(str(tmp_path / "blank.png"))
    assert distinct_colours(tmp_path / "blank.png") == 1 < MIN_COLOURS
    assert distinct_colours(tmp_path / "missing.png") == 0
