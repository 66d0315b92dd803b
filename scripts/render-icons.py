"""Render resources/icons/casetracker.svg to the PNG sizes the app and desktops use.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render-icons.py

Writes resources/icons/casetracker-<N>.png for N in SIZES (commit them).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int, out: Path) -> None:
    """Draw ``svg`` into a transparent ``size``×``size`` PNG at ``out``."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render-icons: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out), "PNG"):
        raise SystemExit(f"render-icons: cannot write {out}")


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = ICONS / "casetracker.svg"
    for size in SIZES:
        out = ICONS / f"casetracker-{size}.png"
        render(svg, size, out)
        print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
