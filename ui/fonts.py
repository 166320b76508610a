"""Register the shipped CJK fonts so that Chinese, rare name characters included, shows on
machines without a CJK font: WenQuanYi Micro Hei first, HanaMinA for what it lacks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app import resources

#: the chain, first choice first (app/printing/fonts.py prints with the same files)
FONT_FILES = ("WenQuanYiMicroHei-GBK.ttf", "HanaMinA-Rare.ttf")
FONT_FILE = FONT_FILES[0]


def fonts_folder() -> Path:
    return resources.path("fonts")


def add_fonts() -> list[str]:
    """Add the shipped fonts to Qt's font database; their families, in the chain's order."""
    families: list[str] = []
    for file in FONT_FILES:
        path = fonts_folder() / file
        font_id = QFontDatabase.addApplicationFont(str(path)) if path.exists() else -1
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)[:1]
    return families


def install_font(app: QApplication) -> str | None:
    """Add the fonts and make the chain the application's font (Qt takes a character from
    the first family that has it); returns the first family."""
    families = add_fonts()
    if not families:
        return None
    font = QFont(app.font())
    font.setFamilies(families)
    font.setPointSizeF(max(app.font().pointSizeF(), 10.5))
    app.setFont(font)
    return families[0]
