"""A field's value as written in an export cell: codes or labels, masked numbers, yuan.

Each column gets one converter, chosen once when its template is loaded. Money is kept in
integer fen and written as yuan with exactly two decimals (a `Decimal`, never a float).
Empty values (None, "", []) become None: an empty cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from app.domain.masking import mask_bank, mask_id
from app.exports.fields import Field

CENT = Decimal("0.01")
#: between the codes of a multi-select answer, and between its labels
CODE_SEPARATOR = ","
LABEL_SEPARATOR = "；"

Convert = Callable[[Any], Any]


def yuan(fen: Any) -> Decimal:
    """Integer fen as yuan, exactly: 123456 -> Decimal('1234.56')."""
    return (Decimal(int(fen)) / 100).quantize(CENT)


def _text(value: Any) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, str | int | float):
        return value
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LABEL_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{v}" for k, v in value.items())
    return value


def _date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10]


def _codes(labels: Mapping[str, str] | None, multi: bool) -> Convert:
    def one(value: Any) -> str:
        code = "1" if value is True else "2" if value is False else str(value)
        return labels.get(code, code) if labels is not None else code

    if multi:
        separator = LABEL_SEPARATOR if labels is not None else CODE_SEPARATOR

        def many(value: Any) -> Any:
            if isinstance(value, list | tuple):
                return separator.join(one(v) for v in value)
            return one(value)

        return many
    return one


#: a run of digits as long as an ID, certificate or bank number, inside a text
_LONG_NUMBER = re.compile(r"(?<![0-9])[0-9]{15,}[0-9Xx]*")


def _masked_text(value: Any) -> Any:
    """A free text (a note, a detail) with any ID, certificate or bank number in it masked:
    a copy for people must not show in a sentence what it masks in a column."""
    text = _text(value)
    if not isinstance(text, str) or not _LONG_NUMBER.search(text):
        return text
    return _LONG_NUMBER.sub(lambda m: mask_id(m.group()), text)


def _base(field: Field, labels: Mapping[str, str] | None, mask: str) -> Convert:
    if mask == "text":
        return _masked_text
    if mask == "id":
        return lambda value: mask_id(str(value))
    if mask == "bank":
        return lambda value: mask_bank(str(value))
    if field.kind == "money":
        return yuan
    if field.kind == "date":
        return _date
    if field.kind == "code":
        return _codes(labels, field.multi)
    return _text


def converter(field: Field, labels: Mapping[str, str] | None, mask: str) -> Convert:
    """The function that turns `field`'s values into cells: `labels` given for labels,
    `mask` "id" or "bank" for masked numbers, "text" for a text whose numbers are masked."""
    base = _base(field, labels, mask)

    def convert(value: Any) -> Any:
        if value is None or value == "" or value == []:
            return None
        return base(value)

    return convert
