"""The print fonts, registered once, the one function that draws text with them, and the
glyph check.

The fonts form a chain: WenQuanYi Micro Hei (GBK subset) draws nearly everything; HanaMinA
(a subset of rare hanzi: CJK Extension A, the 196 characters of 通用规范汉字表 in
Extensions B-F, ...) draws the characters the first one lacks. reportlab does no font
fallback itself, so every text goes on paper through `show`, which splits it into runs by
the first font of the chain that has each character.

reportlab draws nothing for a character no font has. Every text passes through
`GlyphCheck.clean` first, which prints the traditional missing-character mark 〓 in its
place and reports it, so a rare name character never silently vanishes.
"""

from __future__ import annotations

import functools
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.textobject import PDFTextObject

from app import resources


@dataclass(frozen=True)
class PrintFont:
    """One font of the chain: its name for reportlab and its file in resources/fonts."""

    name: str
    file: str


#: the chain, first choice first
FONTS = (
    PrintFont("WenQuanYiMicroHei", "WenQuanYiMicroHei-GBK.ttf"),
    PrintFont("HanaMinA-Rare", "HanaMinA-Rare.ttf"),
)
FONT = FONTS[0].name
FONT_FILE = FONTS[0].file
MISSING_MARK = "〓"  # U+3013 GETA MARK: what Chinese typesetting prints for a missing glyph

_lock = threading.Lock()
_seen_lock = threading.Lock()
#: zlib level of the streams made for one PDF only (the page contents); reportlab uses 6
FAST_LEVEL = 1


def font_path(file: str = FONT_FILE) -> Path:
    """A shipped font file, inside a PyInstaller bundle when frozen."""
    return resources.path("fonts", file)


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with each character written as UTF-16BE as the PDF
    reference asks: reportlab writes the bare code point, so a character outside the BMP
    (𠮷 U+20BB7) came back from the text layer as another one (U+20BB) or not at all."""
    return _cmap(fontname, tuple(subset))


@functools.lru_cache(maxsize=64)
def _cmap(fontname: str, subset: tuple[int, ...]) -> str:
    """The CMap text; prints of one form make the same subsets PDF after PDF."""
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *(
                f"<{index:02X}> <{chr(code).encode('utf-16-be').hex().upper()}>"
                for index, code in enumerate(subset)
            ),
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


@functools.cache
def register_fonts() -> tuple[TTFont, ...]:
    """Register the chain with reportlab (about 0.1 s, so once per process)."""
    with _lock:
        # Binary page streams: ASCII85 would make them a quarter larger and cost time
        rl_config.useA85 = 0
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap
        fonts = tuple(TTFont(font.name, str(font_path(font.file))) for font in FONTS)
        for font in fonts:
            pdfmetrics.registerFont(font)
            _reuse_subsets(font)
            _reuse_widths(font)
        _reuse_compressed()
        return fonts


def _reuse_subsets(font: TTFont) -> None:
    """Keep the font subsets made for earlier PDFs: every print of a form assigns its fixed
    texts' characters first (`seed`), so their subsets come back identical, and making one
    (a TrueType file of 256 glyphs) cost a fifth of a single form's print."""
    make = font.face.makeSubset

    @functools.lru_cache(maxsize=32)
    def cached(subset: tuple[int, ...]) -> bytes:
        return bytes(make(list(subset)))

    font.face.makeSubset = lambda subset: cached(tuple(subset))  # type: ignore[method-assign]


class _Widths(pdfdoc.PDFArray):
    """A font subset's glyph widths, written once per subset for every PDF that has it
    (256 numbers formatted one by one cost a print half a millisecond a subset)."""

    def format(self, document: object, IND: bytes = b"\n ") -> bytes:
        return _formatted_widths(tuple(self.sequence))


@functools.lru_cache(maxsize=64)
def _formatted_widths(widths: tuple[float, ...]) -> bytes:
    return pdfdoc.PDFArray(list(widths)).format(pdfdoc.DummyDoc())


def _reuse_widths(font: TTFont) -> None:
    """Have the PDF objects a font adds at save time carry `_Widths`."""
    add = font.addObjects

    def added(doc: pdfdoc.PDFDocument) -> None:
        fonts: dict[str, object] = doc.idToObject["BasicFonts"].dict  # type: ignore[attr-defined]
        before = set(fonts)
        add(doc)
        for name in set(fonts) - before:
            widths = getattr(fonts[name], "Widths", None)
            if type(widths) is pdfdoc.PDFArray:
                fonts[name].Widths = _Widths(widths.sequence)  # type: ignore[attr-defined]

    font.addObjects = added  # type: ignore[method-assign]


def _reuse_compressed() -> None:
    """Compress page streams fast (zlib level 1: a form's print 0.8 ms sooner, 3 % larger)
    and keep the well-compressed form of a large stream seen again (the font subsets every
    print of a form shares) for the next PDF."""
    flate = pdfdoc.PDFZCompress
    encode = flate.encode
    seen: dict[int, None] = {}  # hashes of the large streams met lately, oldest first

    @functools.lru_cache(maxsize=32)
    def cached(data: bytes) -> bytes:
        return bytes(encode(data))

    def reused(text: str | bytes) -> bytes:
        data = text.encode("utf8") if isinstance(text, str) else bytes(text)
        if len(data) > 8192:
            key = hash(data)
            with _seen_lock:
                again = key in seen
                seen[key] = None
                if len(seen) > 256:
                    del seen[next(iter(seen))]
            if again:
                return cached(data)
        return zlib.compress(data, FAST_LEVEL)

    flate.encode = reused  # type: ignore[method-assign]


def seed(canvas_doc: object, text: str) -> None:
    """Assign the first font's codes to `text`'s characters (sorted) before anything is
    drawn in a PDF, so that prints of the same form share their first font subsets."""
    font = register_fonts()[0]
    state = font.state.get(canvas_doc)
    if state is None or not state.assignments:  # type: ignore[attr-defined]  # stub lacks it
        font.splitString("".join(sorted(set(text))), canvas_doc)


def register_font() -> TTFont:
    """Register the chain; returns the first font."""
    return register_fonts()[0]


@functools.cache
def _metrics() -> tuple[frozenset[int], dict[int, float], float, dict[int, str]]:
    """What the chain covers, each character's width (of the font that draws it), the
    first font's default width, and the font of each character the first one lacks."""
    fonts = register_fonts()
    widths: dict[int, float] = {}
    owner: dict[int, str] = {}
    for number, font in enumerate(fonts):
        for code, width in font.face.charWidths.items():
            if code in widths:
                continue
            widths[code] = float(width)
            if number:
                owner[code] = font.fontName
    return frozenset(widths), widths, float(fonts[0].face.defaultWidth), owner


def has_own_code(code: int) -> bool:
    """Whether the first font of the chain draws the character `code`."""
    _, widths, _default, owner = _metrics()
    return code in widths and code not in owner


def has_glyph(char: str) -> bool:
    """Whether a font of the chain can draw `char`."""
    return ord(char) in _metrics()[0]


@functools.lru_cache(maxsize=65536)
def runs(text: str) -> tuple[tuple[str, str], ...]:
    """`text` split into (font name, part) runs, each part drawn by the first font of the
    chain that has its characters (characters no font has stay with the first font)."""
    owner = _metrics()[3]
    out: list[tuple[str, str]] = []
    for char in text:
        font = owner.get(ord(char), FONT)
        if out and out[-1][0] == font:
            out[-1] = (font, out[-1][1] + char)
        else:
            out.append((font, char))
    return tuple(out)


def show(
    text: PDFTextObject, clean: str, size: float, current: tuple[str, float] | None = None
) -> tuple[str, float]:
    """Draw `clean` (a text the glyph check passed) at the text object's cursor, each run
    in its font: the one way text goes on paper. `current` is the font and size the text
    object has already; returns the ones it has after."""
    for font, part in runs(clean):
        if current != (font, size):
            text.setFont(font, size)
            current = (font, size)
        text.textOut(part)
    return current or (FONT, size)


@functools.lru_cache(maxsize=65536)
def _unit_width(text: str) -> float:
    _, widths, default, _owner = _metrics()
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


def _in_word(char: str) -> bool:
    return char.isascii() and not char.isspace()


def _wrap_paragraph(text: str, width: float, size: float) -> list[str]:
    if text_width(text, size) <= width:
        return [text]
    _, widths, default, _owner = _metrics()
    limit = width / size * 1000
    lines: list[str] = []
    line = ""
    used = 0.0
    for index, char in enumerate(text):
        advance = widths.get(ord(char), default)
        if used + advance <= limit or not line or char in NO_LINE_START:
            line += char
            used += advance
            continue
        start = len(line)
        while start and _in_word(line[start - 1]):
            start -= 1
        tail = line[start:]
        end = index
        while end < len(text) and _in_word(text[end]):
            end += 1
        word = tail + text[index:end]
        if _in_word(char) and start > 0 and tail and _unit_width(word) * 1000 <= limit:
            # keep a Latin word, a number or a date (2026-12-05) whole when it fits on a
            # line, whether a space or a Chinese character stands before it
            lines.append(line[:start].rstrip())
            line = tail + char
        else:
            lines.append(line.rstrip())
            line = "" if char == " " else char
        used = _unit_width(line) * 1000
    if line:
        lines.append(line)
    return lines


@functools.lru_cache(maxsize=8192)
def _cleaned(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` with control characters as spaces and characters no font has as 〓, and those
    characters (in order, once each); the same labels and answers come back print after print."""
    covered = _metrics()[0]
    out: list[str] = []
    missing: list[str] = []
    for char in text:
        code = ord(char)
        if code < 0x20 and char != "\n":
            out.append(" ")
        elif code in covered or char == "\n":
            out.append(char)
        else:
            out.append(MISSING_MARK)
            if char not in missing:
                missing.append(char)
    return "".join(out), tuple(missing)


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

    def clean(self, text: str, where: str = "") -> str:
        """`text` as it can be printed: control characters as spaces, missing ones as 〓."""
        result, missing = _cleaned(text)
        for char in missing:
            if (char, where) not in self._seen:
                self._seen.add((char, where))
                self.warnings.append(GlyphWarning(char, where or text))
        return result

    def messages(self) -> list[str]:
        return [warning.message for warning in self.warnings]
