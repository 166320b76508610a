"""Register the shipped CJK font so that Chinese shows on machines without one."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

FONT_FILE = "WenQuanYiMicroHei-GBK.ttf"


def fonts_folder() -> Path:
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[1]))
    return base / "resources" / "fonts"


def install_font(app: QApplication) -> str | None:
    """Add the font to the application and make it the default; returns its family."""
    path = fonts_folder() / FONT_FILE
    if not path.exists():
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = QFont(families[0])
    font.setPointSizeF(max(app.font().pointSizeF(), 10.5))
    app.setFont(font)
    return families[0]
