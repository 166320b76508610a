"""Answers in words, and which answers "same as last year" may copy."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.forms.definition import CHOICE_TYPES, NUMBER_TYPES, Item
from app.forms.engine import is_empty


def answer_text(item: Item, value: Any) -> str:
    """An answer in words, with the paper codes of choices: "1 入户" (the words are
    translated under "FormWidget", the widget that shows them)."""
    if is_empty(value):
        return QCoreApplication.translate("FormWidget", "（空）")
    if item.type in CHOICE_TYPES:
        codes = value if isinstance(value, list) else [value]
        listed = QCoreApplication.translate("FormWidget", "、")  # between the items of a list
        return listed.join(f"{c} {item.option_label(str(c))}" for c in codes)
    if item.type in NUMBER_TYPES:
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        return shown + (item.unit or "")
    if item.type == "gps" and isinstance(value, Mapping):
        return QCoreApplication.translate("FormWidget", "纬度 %s，经度 %s") % (
            value.get("lat"),
            value.get("lon"),
        )
    if item.type == "signature":
        return QCoreApplication.translate("FormWidget", "已签字")
    if item.type == "photo":
        return QCoreApplication.translate("FormWidget", "%d 张照片") % (
            len(value) if isinstance(value, list) else 1
        )
    if item.type == "repeat" and isinstance(value, list):
        return QCoreApplication.translate("FormWidget", "%d 行") % len(value)
    return str(value)


def fills_from_last(item: Item) -> bool:
    """Whether "same as last year" copies last year's answer into `item`: not into facts of
    the registry (this year's are newer) nor into this visit's own facts (the interviewer,
    the date, the place, signatures, photos: `visit_fact` in the form's definition)."""
    from_registry = item.prefill is not None and item.prefill != "last"
    typed = item.is_input or item.type == "repeat"
    return typed and not (item.readonly or from_registry or item.visit_fact)


def without_visit_facts(item: Item, value: Any) -> Any:
    """Last year's answer of `item` as "same as last year" copies it: a table's rows without
    the columns that are facts of that visit (its photos)."""
    if item.type != "repeat" or not isinstance(value, list):
        return copy.deepcopy(value)
    facts = {c.name for c in item.items if c.visit_fact}
    return [
        {k: copy.deepcopy(v) for k, v in row.items() if k not in facts}
        if isinstance(row, Mapping)
        else row
        for row in value
    ]
