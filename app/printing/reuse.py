"""Rows that look the same in every print of a form (a question that does not apply, a
choice with the same ticks), kept from one PDF to the next as their drawing operators.

A single form's print draws every row; most rows of the next person's print are the same
rows again. A row is drawn once at the origin, its operators are kept, and later PDFs
show them moved to their place. The operators name the first font's subset codes, so a
row is shown again only in a PDF whose font gives each of its characters the same code
(`seed` makes that so for the form's labels): else it is drawn again.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from app.printing.fonts import has_own_code, register_fonts

_LIMIT = 4096  # rows kept (about 1 KB each): every row of a few dozen forms


@dataclass(frozen=True)
class DrawnRow:
    """A row's operators, drawn at the origin, and the font codes they rely on."""

    ops: tuple[str, ...]
    codes: tuple[tuple[int, int], ...]  # (character, its code in the first font)
    font: str  # the first font's name inside the PDF


_rows: dict[Hashable, DrawnRow] = {}
_lock = threading.Lock()


def _state(doc: object) -> Any:
    return register_fonts()[0].state.get(doc)


def find(key: Hashable, doc: object) -> DrawnRow | None:
    """The row kept for `key` if it can be shown in `doc` as it was drawn."""
    row = _rows.get(key)
    state = _state(doc)
    if row is None or state is None or state.internalName != row.font:
        return None
    assignments = state.assignments
    if any(assignments.get(char) != code for char, code in row.codes):
        return None
    return row


def keep(key: Hashable, ops: Sequence[str], texts: Sequence[str], doc: object) -> None:
    """Keep a row's operators, unless a character of its texts has no fixed code."""
    state = _state(doc)
    chars = {ord(char) for char in "".join(texts)}
    if state is None or state.internalName is None:
        return
    if any(char not in state.assignments or not has_own_code(char) for char in chars):
        return  # drawn by another font of the chain, or not by the first font's subsets
    codes = tuple(sorted((char, state.assignments[char]) for char in chars))
    with _lock:
        if len(_rows) >= _LIMIT:
            _rows.clear()
        _rows[key] = DrawnRow(tuple(ops), codes, str(state.internalName))
