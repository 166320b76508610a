"""What a print is made of: the record its QR code names, the subject, modes and the result."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from app.domain.masking import mask_id
from app.domain.number_text import only_letters_and_digits

QR_PREFIX = "FV1"
#: the compact QR text: capitals, digits and ":-./" only, which a QR code holds in its
#: alphanumeric mode (5.5 bits a character instead of 8): a smaller code, so larger
#: modules in the same square, readable from a 150 dpi scan
QR_COMPACT = "FV2"
ENTITY_CODES = {
    "form_response": "R",
    "renovation_case": "C",
    "person": "P",
    "household": "H",
    "visit_day": "V",
    "publicity": "L",
}
#: the forms by the names of their papers (Form A, B, C1-C3), and the other kinds of paper
FORM_CODES = {
    "dynamic-update": "A",
    "income-monitoring": "B",
    "renovation-assessment": "C1",
    "renovation-plan": "C2",
    "renovation-acceptance": "C3",
}
KIND_CODES = {"visits": "V", "publicity": "L"}
_ID_LIKE = re.compile(r"^\d{17}[\dXx](\d{1,2}(B\d)?)?$|^\d{15}$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_PLAIN = re.compile(r"^[0-9A-Z./\-]*$")  # kept as it is in the compact text


def _reverse(codes: dict[str, str]) -> dict[str, str]:
    return {code: name for name, code in codes.items()}


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
        """The QR text: ``FV2:entity:id:rev:form:round`` in capitals when every part has a
        compact form (a uuid as 32 hex digits, the form as A/2021.1), else
        ``FV1|entity|id|rev|form|round``."""
        return self._compact() or "|".join(
            (QR_PREFIX, self.entity, self.id, str(self.rev), self.form, self.round)
        )

    def _compact(self) -> str | None:
        entity = ENTITY_CODES.get(self.entity)
        record = self.id.replace("-", "").upper() if _UUID.match(self.id) else self.id
        form_id, at, version = self.form.partition("@")
        form = f"{FORM_CODES.get(form_id, '')}/{version}" if at else KIND_CODES.get(self.form)
        parts = (record, form or "", self.round)
        if entity is None or not form or not all(_PLAIN.match(p) for p in parts):
            return None
        return ":".join((QR_COMPACT, entity, record, str(self.rev), form, self.round))

    @property
    def short(self) -> str:
        """The record as printed in the footer: an id's first 8 characters and its version."""
        if len(self.id) == 36 and self.id.count("-") == 4:
            return f"{self.id[:8]} 第{self.rev}版"
        return self.id


def parse_record_code(text: str) -> RecordRef:
    """The record named by a QR text, compact or not (ValueError if it is not one of ours)."""
    parts = text.split(":") if text.startswith(QR_COMPACT + ":") else text.split("|")
    if len(parts) != 6 or parts[0] not in (QR_PREFIX, QR_COMPACT) or not parts[3].isdigit():
        raise ValueError(f"不是本程序打印的二维码：{text!r}")
    if parts[0] == QR_PREFIX:
        return RecordRef(parts[1], parts[2], int(parts[3]), parts[4], parts[5])
    entity = _reverse(ENTITY_CODES).get(parts[1])
    record = parts[2]
    if re.fullmatch(r"[0-9A-F]{32}", record):
        hexed = record.lower()
        record = "-".join((hexed[:8], hexed[8:12], hexed[12:16], hexed[16:20], hexed[20:]))
    code, slash, version = parts[4].partition("/")
    form = f"{_reverse(FORM_CODES).get(code, '')}@{version}" if slash else None
    form = form if slash else _reverse(KIND_CODES).get(parts[4])
    if entity is None or not form or form.startswith("@"):
        raise ValueError(f"不是本程序打印的二维码：{text!r}")
    return RecordRef(entity, record, int(parts[3]), form, parts[5])


def is_internal_id(value: object) -> bool:
    """Whether a value is one of the program's record ids (a uuid): never printed as such."""
    return isinstance(value, str) and bool(_UUID.match(value.strip().lower()))


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
