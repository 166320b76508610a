"""The print font (WenQuanYi Micro Hei, GBK subset), registered once, and its glyph check.

reportlab draws nothing for a character its font lacks. Every text that goes on paper
passes through `GlyphCheck.clean`, which prints the traditional missing-character mark
〓 in its place and reports it, so a rare name character never silently vanishes.
"""

from __future__ import annotations

import functools
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT = "WenQuanYiMicroHei"
FONT_FILE = "WenQuanYiMicroHei-GBK.ttf"
MISSING_MARK = "〓"  # U+3013 GETA MARK: what Chinese typesetting prints for a missing glyph

_lock = threading.Lock()


def font_path() -> Path:
    """The shipped font file, inside a PyInstaller bundle when frozen."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "fonts" / FONT_FILE


@functools.cache
def register_font() -> TTFont:
    """Register the font with reportlab (about 0.1 s, so once per process)."""
    with _lock:
        # Binary page streams: ASCII85 would make them a quarter larger and cost time
        rl_config.useA85 = 0
        font = TTFont(FONT, str(font_path()))
        pdfmetrics.registerFont(font)
        return font


@functools.cache
def _metrics() -> tuple[frozenset[int], dict[int, float], float]:
    face = register_font().face
    widths = {code: float(width) for code, width in face.charWidths.items()}
    return frozenset(face.charToGlyph), widths, float(face.defaultWidth)


def has_glyph(char: str) -> bool:
    """Whether the font can draw `char`."""
    return ord(char) in _metrics()[0]


@functools.lru_cache(maxsize=65536)
def _unit_width(text: str) -> float:
    _, widths, default = _metrics()
    return sum(widths.get(ord(char), default) for char in text) / 1000


def text_width(text: str, size: float) -> float:
    """The width of `text` in points at font size `size`."""
    return _unit_width(text) * size


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` broken into lines no wider than `width` (Chinese breaks anywhere; words kept
    whole when they fit on a line); an empty text is one empty line."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, size))
    return lines or [""]


def clip(text: str, width: float, size: float) -> str:
    """`text` cut to fit `width`, ending in … when it had to be cut."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


NO_LINE_START = frozenset("，。、；：？！）》」』”’%,.;:?!)")


def _wrap_paragraph(text: str, width: float, size: float) -> list[str]:
    if text_width(text, size) <= width:
        return [text]
    _, widths, default = _metrics()
    limit = width / size * 1000
    lines: list[str] = []
    line = ""
    used = 0.0
    for char in text:
        advance = widths.get(ord(char), default)
        if used + advance <= limit or not line or char in NO_LINE_START:
            line += char
            used += advance
            continue
        cut = line.rfind(" ")
        tail = line[cut + 1 :]
        if char != " " and char.isascii() and cut > 0 and tail.isascii() and len(tail) < 24:
            lines.append(line[:cut])  # keep a Latin word or a number whole
            line = tail + char
        else:
            lines.append(line.rstrip())
            line = "" if char == " " else char
        used = _unit_width(line) * 1000
    if line:
        lines.append(line)
    return lines


@dataclass(frozen=True)
class GlyphWarning:
    """A character the font lacks, and where it was to be printed."""

    char: str
    where: str

    @property
    def message(self) -> str:
        code = f"U+{ord(self.char):04X}"
        return f"字体中没有「{self.char}」（{code}），已印作{MISSING_MARK}：{self.where}"


class GlyphCheck:
    """Cleans every text before it is drawn and keeps the warnings of one print."""

    def __init__(self) -> None:
        self.warnings: list[GlyphWarning] = []
        self._seen: set[tuple[str, str]] = set()
        self._clean: set[str] = set()

    def clean(self, text: str, where: str = "") -> str:
        """`text` as it can be printed: control characters as spaces, missing ones as 〓."""
        if text in self._clean:
            return text
        covered = _metrics()[0]
        out: list[str] = []
        for char in text:
            code = ord(char)
            if code < 0x20 and char != "\n":
                out.append(" ")
            elif code in covered or char == "\n":
                out.append(char)
            else:
                out.append(MISSING_MARK)
                if (char, where) not in self._seen:
                    self._seen.add((char, where))
                    self.warnings.append(GlyphWarning(char, where or text))
        result = "".join(out)
        if result == text:
            self._clean.add(text)
        return result

    def messages(self) -> list[str]:
        return [warning.message for warning in self.warnings]
