"""The application icon, from resources/icons (PNG sizes plus the SVG)."""

from __future__ import annotations

from typing import Any

#: the rendered sizes shipped in resources/icons (see scripts/render-icons.py)
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def app_icon() -> Any:
    """CaseTracker's window and dock icon: every PNG size, and the SVG for the rest."""
    from PySide6.QtGui import QIcon

    from casetracker import paths

    folder = paths.resources_dir() / "icons"
    icon = QIcon()
    for size in ICON_SIZES:
        png = folder / f"casetracker-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    svg = folder / "casetracker.svg"
    if svg.is_file():
        icon.addFile(str(svg))
    return icon
