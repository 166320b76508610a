"""Answers as they are printed: option boxes, numbers, masked IDs, blanks to write on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reportlab.lib.units import mm

from app.forms.definition import CHOICE_TYPES, Item
from app.forms.engine import is_empty
from app.printing.lines import Piece
from app.printing.model import is_internal_id, looks_like_id, masked

NOT_APPLICABLE = "不适用"
COMPUTED = "（自动计算）"
#: what a paper shows for a record id the source did not put in words: a reader of the
#: paper can do nothing with a uuid (the QR code names the paper's own record)
INTERNAL = "（登记库记录）"


def chosen_codes(value: Any) -> list[str]:
    if is_empty(value):
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def number_text(item: Item, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if item.type == "money":
        return f"{value:,.2f}"
    if item.type == "integer" or float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def shown(item: Item, value: Any, own_file: bool) -> str:
    """A non-empty answer in words (choices as "code label", IDs masked unless own copy)."""
    if item.type in CHOICE_TYPES:
        return "、".join(f"{c} {item.option_label(c)}" for c in chosen_codes(value))
    if item.type in ("photo", "signature"):
        count = len(value) if isinstance(value, list) else 1
        return f"{count} 张" if item.type == "photo" else "已签名"
    if item.type == "gps" and isinstance(value, Mapping):
        return f"北纬 {value.get('lat')}，东经 {value.get('lon')}"
    if isinstance(value, list):
        return "、".join(INTERNAL if is_internal_id(v) else str(v) for v in value)
    if is_internal_id(value):
        return INTERNAL
    if item.type == "id_number" or looks_like_id(value):
        return masked(str(value), own_file)
    return number_text(item, value)


def option_pieces(item: Item, value: Any) -> list[Piece]:
    """Every option with its code and a tick box, the chosen ones ticked."""
    chosen = chosen_codes(value)
    pieces = [Piece(f"{o.code} {o.label}", box=True, ticked=o.code in chosen) for o in item.options]
    strange = [c for c in chosen if c not in item.option_codes]
    if strange:
        pieces.append(Piece(f"（另记：{'、'.join(strange)}）"))
    return pieces


def blank_pieces(item: Item) -> list[Piece]:
    """Room to write an answer by hand."""
    if item.type == "date":
        return [
            Piece(blank=14 * mm),
            Piece("年"),
            Piece(blank=9 * mm),
            Piece("月"),
            Piece(blank=9 * mm),
            Piece("日"),
        ]
    if item.type == "photo":
        return [Piece("已拍摄", box=True), Piece("（照片在程序中拍摄上传）", grey=True, size=7.5)]
    if item.type == "gps":
        return [Piece("（在程序中定位）", grey=True, size=7.5)]
    width = 60 * mm if item.type in ("text", "id_number", "area") else 35 * mm
    pieces = [Piece(blank=width)]
    if item.unit:
        pieces.append(Piece(item.unit))
    return pieces


def answer_pieces(
    item: Item, value: Any, *, skipped: bool, blank: bool, own_file: bool
) -> list[Piece]:
    """What the answer column of a (non-table) item shows.

    `blank`: the form is printed to be filled in by hand, so an empty answer leaves room.
    """
    if skipped:
        return [Piece(NOT_APPLICABLE, grey=True)]
    computed = item.calculate is not None
    tail = [Piece(COMPUTED, grey=True, size=7.5)] if computed else []
    if item.type in CHOICE_TYPES:
        if computed and blank:  # a judgement on answers not given yet: left to the program
            value = None
        return option_pieces(item, value) + tail
    if is_empty(value):
        if computed:
            return tail
        return blank_pieces(item) if blank else [Piece("（未填）", grey=True)]
    text = shown(item, value, own_file)
    if item.type == "photo":
        return [Piece(f"已拍摄 {text}")]
    unit = f" {item.unit}" if item.unit and item.type != "signature" else ""
    return [Piece(text + unit), *tail]
