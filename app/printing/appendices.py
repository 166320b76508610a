"""Parts printed after a form's items on the case papers: photo grids, before-and-after
photos side by side, lists of facts, the budget against the cap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm

from app.printing.heading import section_bar
from app.printing.lines import Column, Line, draw_row, text_lines
from app.printing.marks import image_reader, photo
from app.printing.sheet import GREY, LEFT, WIDTH, Sheet

PHOTO_HEIGHT = 44 * mm
PAIR_HEIGHT = 38 * mm


@dataclass(frozen=True)
class Photo:
    """One photo to print, with its caption."""

    data: bytes
    caption: str


def _bar(sheet: Sheet, title: str, height: float) -> None:
    sheet.need(height + 8 * mm)
    section_bar(sheet, title)


@dataclass(frozen=True)
class PhotoGrid:
    """Photos three to a line under a title (e.g. the before photos of an assessment)."""

    title: str
    photos: Sequence[Photo]
    per_line: int = 3

    def draw(self, sheet: Sheet) -> None:
        _bar(sheet, self.title, PHOTO_HEIGHT)
        if not self.photos:
            _note(sheet, "（没有照片）")
            return
        gap = 3 * mm
        width = (WIDTH - gap * (self.per_line - 1)) / self.per_line
        for start in range(0, len(self.photos), self.per_line):
            sheet.need(PHOTO_HEIGHT + gap)
            for n, item in enumerate(self.photos[start : start + self.per_line]):
                x = LEFT + n * (width + gap)
                photo(sheet, x, sheet.y, width, PHOTO_HEIGHT, image_reader(item.data), item.caption)
            sheet.y -= PHOTO_HEIGHT + gap


@dataclass(frozen=True)
class PhotoPair:
    """One plan item with its before and after photos."""

    label: str
    before: Sequence[Photo]
    after: Sequence[Photo]


@dataclass(frozen=True)
class PhotoPairs:
    """Each item's before and after photos side by side (the acceptance form)."""

    title: str
    pairs: Sequence[PhotoPair]

    def draw(self, sheet: Sheet) -> None:
        _bar(sheet, self.title, PAIR_HEIGHT + 10 * mm)
        half = (WIDTH - 4 * mm) / 2
        gap = 2 * mm
        for pair in self.pairs:
            per_side = 1 if max(len(pair.before), len(pair.after)) <= 1 else 2
            width = (half - gap * (per_side - 1)) / per_side
            height = PAIR_HEIGHT * (1.35 if per_side == 1 else 1.0)
            rows = max(1, -(-len(pair.before) // per_side), -(-len(pair.after) // per_side))
            sheet.need(9 * mm + height + gap)
            sheet.text(LEFT, sheet.y - 4 * mm, pair.label, 9, where=pair.label)
            for side, stage in enumerate(("改造前", "改造后")):
                sheet.text(LEFT + side * (half + 4 * mm), sheet.y - 8 * mm, stage, 7.5, color=GREY)
            sheet.y -= 9.5 * mm
            for row in range(rows):
                sheet.need(height + gap)
                for side, photos in enumerate((pair.before, pair.after)):
                    left = LEFT + side * (half + 4 * mm)
                    shown = photos[row * per_side : (row + 1) * per_side]
                    if not shown and row == 0:
                        photo(sheet, left, sheet.y, width, height, None, "")
                    for n, item in enumerate(shown):
                        x = left + n * (width + gap)
                        reader = image_reader(item.data)
                        photo(sheet, x, sheet.y, width, height, reader, item.caption)
                sheet.y -= height + gap


@dataclass(frozen=True)
class Facts:
    """Label-value lines under a title (records that have no item on the form)."""

    title: str
    facts: Sequence[tuple[str, str]]

    def draw(self, sheet: Sheet) -> None:
        if not self.facts:
            return
        _bar(sheet, self.title, 10 * mm)
        label_width = 45 * mm
        columns = [
            Column(LEFT + 1 * mm, label_width, 9),
            Column(LEFT + label_width, WIDTH - label_width, 9),
        ]
        for label, value in self.facts:
            contents: list[list[Line]] = [
                text_lines(label, label_width - 2 * mm, 9, grey=True),
                text_lines(value, WIDTH - label_width, 9),
            ]
            draw_row(sheet, columns, contents, where=label)


def _note(sheet: Sheet, text: str) -> None:
    draw_row(sheet, [Column(LEFT, WIDTH, 8)], [text_lines(text, WIDTH, 8, grey=True)], rule=False)
