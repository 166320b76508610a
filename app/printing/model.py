"""What a print is made of: the record its QR code names, the subject, modes and the result."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.masking import mask_id
from app.domain.number_text import only_letters_and_digits

QR_PREFIX = "FV1"
_ID_LIKE = re.compile(r"^\d{17}[\dXx](\d{1,2}(B\d)?)?$|^\d{15}$")


class Mode(StrEnum):
    """Blank pre-filled (before a visit, for the respondent to check) or completed."""

    PREFILLED = "prefilled"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return "预填空白表（入户时核对填写）" if self is Mode.PREFILLED else "已填写"


@dataclass(frozen=True)
class RecordRef:
    """The record a paper belongs to, carried by the QR code on every page."""

    entity: str
    id: str
    rev: int
    form: str = ""  # form id@version, or the kind of paper
    round: str = ""  # survey round, or the case year

    def code(self) -> str:
        """The QR text: ``FV1|entity|id|rev|form|round``."""
        return "|".join((QR_PREFIX, self.entity, self.id, str(self.rev), self.form, self.round))

    @property
    def short(self) -> str:
        """The record as printed in the footer: an id's first 8 characters and its version."""
        if len(self.id) == 36 and self.id.count("-") == 4:
            return f"{self.id[:8]} 第{self.rev}版"
        return self.id


def parse_record_code(text: str) -> RecordRef:
    """The record named by a QR text (ValueError if it is not one of ours)."""
    parts = text.split("|")
    if len(parts) != 6 or parts[0] != QR_PREFIX or not parts[3].isdigit():
        raise ValueError(f"不是本程序打印的二维码：{text!r}")
    return RecordRef(parts[1], parts[2], int(parts[3]), parts[4], parts[5])


def masked(value: str, own_file: bool) -> str:
    """An ID or certificate number as a print shows it: whole only on the person's own copy
    (recognised however it is written: spaces, dashes, full-width digits, lower-case x)."""
    if own_file or not looks_like_id(value):
        return value
    return mask_id(value)


def looks_like_id(value: object) -> bool:
    """Whether a printed value is an ID or certificate number (so it must be masked)."""
    return isinstance(value, str) and bool(_ID_LIKE.match(only_letters_and_digits(value)))


@dataclass(frozen=True)
class Subject:
    """Who and where a paper is about: the area, the household and (for Form A) the person."""

    area: str  # town and village names
    area_code: str = ""
    head_name: str = ""
    address: str = ""
    phone: str = ""
    person_name: str = ""
    id_number: str = ""
    cert_number: str = ""


@dataclass(frozen=True)
class PrintedRecord:
    """One record in a PDF, its pages, and its place in the file (for the audit log)."""

    ref: RecordRef
    title: str
    first_page: int
    pages: int


@dataclass(frozen=True)
class PdfResult:
    """A finished PDF: its bytes, its records and the characters the font could not print."""

    pdf: bytes
    pages: int
    records: tuple[PrintedRecord, ...]
    warnings: tuple[str, ...] = field(default=())
