"""The shipped fonts on screen: rare name characters show through the application font."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QRawFont
from PySide6.QtWidgets import QApplication

from tests.printing.test_rare_characters import RARE_NAME, sample
from ui import theme
from ui.fonts import FONT_FILES, fonts_folder, install_font
from ui.preferences import Preferences


@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[QFont]:
    """The application's font after the program's start-up steps; put back afterwards."""
    before = QFont(qapp.font())
    family = install_font(qapp)
    theme.apply(qapp, Preferences(text_size=150), family)
    yield qapp.font()
    qapp.setFont(before)


def test_the_application_font_is_the_shipped_chain(app_font: QFont) -> None:
    assert app_font.families() == ["WenQuanYi Micro Hei", "HanaMinA"]
    registered = [
        family for font_id in range(64) for family in QFontDatabase.applicationFontFamilies(font_id)
    ]
    assert {"WenQuanYi Micro Hei", "HanaMinA"} <= set(registered)


def test_rare_name_characters_are_in_the_application_font(app_font: QFont) -> None:
    metrics = QFontMetrics(app_font)
    for name in [RARE_NAME, *sample()]:
        for char in name:
            assert metrics.inFontUcs4(ord(char)), f"U+{ord(char):04X}"


def test_each_rare_character_is_drawn_by_a_shipped_file_not_the_machine() -> None:
    """The machine may have no CJK font at all: the shipped files alone must cover them."""
    raw = [QRawFont(str(fonts_folder() / file), 12) for file in FONT_FILES]
    assert all(font.isValid() for font in raw)
    for name in [RARE_NAME, *sample()]:
        for char in name:
            assert any(font.supportsCharacter(ord(char)) for font in raw), f"U+{ord(char):04X}"
