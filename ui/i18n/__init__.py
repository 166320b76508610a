"""Translations of the program's text (Simplified Chinese in the code; English here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

from app import resources


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for lupdate under `context` and give it back untranslated.

    The typed twin of PySide6's QT_TRANSLATE_NOOP (whose stub returns `object`): for
    texts kept in tables and constants, translated by the `tr()` of the class named
    `context` (or QCoreApplication.translate(context, ...)) at the moment they are shown.
    pyside6-lupdate recognises the call by its name.
    """
    return text


def translations_folder() -> Path:
    return resources.path("i18n")


def install_translation(app: QApplication, language: str) -> QTranslator | None:
    """Load `fieldvisit_<language>.qm` if there is one (Chinese needs none); in Chinese, Qt's
    own words for what it draws itself (a message box's 是/否/确定, the file dialog), which
    are English without it."""
    if language.startswith("zh"):
        qt_words = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_words.load(f"qtbase_{language}", folder):
            app.installTranslator(qt_words)
            return qt_words
        return None
    translator = QTranslator(app)
    if translator.load(str(translations_folder() / f"fieldvisit_{language}.qm")):
        app.installTranslator(translator)
        return translator
    return None
