"""The application's style sheet: every control shows its edge and its state, in both themes.

The style's own drawing takes its edges from the window colour (a shade darker): on the
high-contrast theme's black that is black, so text fields, tick boxes, tables and
dialogs lost their edges; on the standard grey the edges reach about 2:1. Here every
edge contrasts at least 3:1 (WCAG 2.x, non-text contrast) with what is around it.
Sizes are in em so that they grow with the text size.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app import resources


@dataclass(frozen=True)
class Colours:
    """The colours of one theme that the style sheet draws with."""

    edge: str  # every control's edge, 3:1 or more against window and base
    focus: str  # the edge of the control with the keyboard focus
    window: str
    base: str  # inside text fields, lists, tables
    text: str
    button: str
    groove: str  # a scroll bar's track
    handle: str  # a scroll bar's handle, 3:1 or more against the track
    selected: str
    selected_text: str
    disabled: str
    warning: str  # the text of a warning shown in words
    images: str  # the tone of the tick and arrow images (resources/theme/*-TONE.svg)


def theme_folder() -> Path:
    return resources.path("theme")


STANDARD = Colours(
    edge="#6b6b6b",
    focus="#0b57d0",
    window="#efefef",
    base="#ffffff",
    text="#000000",
    button="#f4f4f4",
    groove="#dcdcdc",
    handle="#5e5e5e",
    selected="#0b57d0",
    selected_text="#ffffff",
    disabled="#8a8a8a",
    warning="#a40000",
    images="dark",
)
HIGH_CONTRAST = Colours(
    edge="#ffffff",
    focus="#ffff00",
    window="#000000",
    base="#000000",
    text="#ffffff",
    button="#000000",
    groove="#000000",
    handle="#ffffff",
    selected="#ffff00",
    selected_text="#000000",
    disabled="#aaaaaa",
    warning="#ffd84d",
    images="light",
)

_SHEET = """
QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox {
    border: 0.12em solid {edge}; border-radius: 0.15em; padding: 0.1em 0.2em;
    background: {base}; color: {text};
    selection-background-color: {selected}; selection-color: {selected_text};
}
QComboBox::drop-down, QDateEdit::drop-down { border: none; width: 1.2em; }
QComboBox::down-arrow, QAbstractSpinBox::down-arrow {
    image: url("{folder}/down-{images}.svg"); width: 0.7em; height: 0.7em; }
QAbstractSpinBox::up-arrow { image: url("{folder}/up-{images}.svg"); width: 0.7em; height: 0.7em; }
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button { border: none; width: 1.1em; }
QComboBox QAbstractItemView { border: 0.12em solid {edge}; background: {base}; color: {text};
    selection-background-color: {selected}; selection-color: {selected_text}; }
QLineEdit:focus, QTextEdit:focus, QPlainTextEdit:focus, QAbstractSpinBox:focus,
QComboBox:focus, QAbstractItemView:focus, QPushButton:focus {
    border-color: {focus};
}
QLineEdit:disabled, QTextEdit:disabled, QPlainTextEdit:disabled, QAbstractSpinBox:disabled,
QComboBox:disabled, QPushButton:disabled {
    border-color: {disabled}; color: {disabled};
}
QPushButton {
    border: 0.12em solid {edge}; border-radius: 0.2em; padding: 0.15em 0.6em;
    background: {button}; color: {text};
}
QPushButton:pressed, QPushButton:checked { background: {selected}; color: {selected_text}; }
QCheckBox::indicator, QRadioButton::indicator {
    width: 0.8em; height: 0.8em; border: 0.12em solid {edge}; background: {base};
}
QCheckBox::indicator:focus, QRadioButton::indicator:focus { border-color: {focus}; }
QCheckBox::indicator:disabled, QRadioButton::indicator:disabled { border-color: {disabled}; }
QCheckBox::indicator:checked { image: url("{folder}/check-{images}.svg"); }
QRadioButton::indicator { border-radius: 0.52em; }
QRadioButton::indicator:checked {
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
        stop: 0 {text}, stop: 0.55 {text}, stop: 0.6 {base}, stop: 1 {base});
}
QAbstractItemView { border: 0.12em solid {edge}; background: {base}; color: {text};
    selection-background-color: {selected}; selection-color: {selected_text};
    gridline-color: {edge}; }
QHeaderView::section { border: none; border-right: 1px solid {edge};
    border-bottom: 1px solid {edge}; padding: 0.1em 0.3em; background: {button}; color: {text}; }
QGroupBox { border: 0.12em solid {edge}; border-radius: 0.2em; margin-top: 1.4em;
    padding-top: 0.4em; }
QGroupBox::title { subcontrol-origin: margin; subcontrol-position: top left;
    left: 0.5em; padding: 0 0.2em; }
QDialog { border: 0.15em solid {edge}; }
QMenu { border: 0.12em solid {edge}; }
QToolTip { border: 0.12em solid {edge}; background: {base}; color: {text}; }
QProgressBar { border: 0.12em solid {edge}; border-radius: 0.15em; text-align: center;
    background: {base}; color: {text}; }
QProgressBar::chunk { background: {selected}; }
QScrollBar { background: {groove}; border: 1px solid {edge}; }
QScrollBar:vertical { width: 0.9em; }
QScrollBar:horizontal { height: 0.9em; }
QScrollBar::handle { background: {handle}; border: 1px solid {edge}; border-radius: 0.15em; }
QScrollBar::handle:vertical { min-height: 2em; }
QScrollBar::handle:horizontal { min-width: 2em; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; border: none; }
QScrollBar::add-page, QScrollBar::sub-page { background: none; }
QSplitter::handle { background: {edge}; }
QSplitter::handle:horizontal { width: 0.2em; }
QSplitter::handle:vertical { height: 0.2em; }
QLabel[tone="warning"] { color: {warning}; }
QLabel[role="heading"] { font-size: {heading}pt; font-weight: bold; }
"""


#: a heading's size, times the text's
HEADING_SCALE = 1.3


def style_sheet(high_contrast: bool, point_size: float) -> str:
    """The style sheet of the theme at the text size `point_size` (the palette gives the
    colours of everything else)."""
    colours = HIGH_CONTRAST if high_contrast else STANDARD
    sheet = _SHEET.replace("{folder}", theme_folder().as_posix())
    sheet = sheet.replace("{heading}", f"{point_size * HEADING_SCALE:.1f}")
    for name, value in vars(colours).items():
        sheet = sheet.replace("{" + name + "}", value)
    return sheet
