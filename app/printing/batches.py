"""Several prints in one PDF (a day's planned visits, the accepted cases of a town), each
with its own page numbers and QR code, and the cover list of a day's visits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from reportlab.lib.units import mm

from app.printing.model import PdfResult, RecordRef
from app.printing.sheet import WIDTH, Sheet
from app.printing.table import Cell, Table, TableColumn


class Printable(Protocol):
    """Anything that draws itself as one record of a PDF."""

    def draw(self, sheet: Sheet) -> None: ...


def render(
    printables: Sequence[Printable], *, printed_by: str, printed_at: datetime, title: str = ""
) -> PdfResult:
    """One PDF of `printables`, in order; in a batch of several, each ends on an even page
    (printed on both sides, no sheet holds two records)."""
    sheet = Sheet(printed_by, printed_at, title, even=len(printables) > 1)
    for printable in printables:
        printable.draw(sheet)
    return sheet.finish()


@dataclass(frozen=True)
class VisitLine:
    """One planned visit on the cover list of a day."""

    village: str
    head_name: str
    address: str
    phone: str
    persons: str
    forms: str


@dataclass(frozen=True)
class VisitCover:
    """The first page of a day's batch: the households to visit and the forms printed."""

    day: date
    member: str
    lines: Sequence[VisitLine]
    record: RecordRef

    def draw(self, sheet: Sheet) -> None:
        title = f"{self.day:%Y年%m月%d日} 计划走访清单"
        subtitle = f"{self.member} · 共 {len(self.lines)} 户 · 各户的表随后按顺序打印"
        sheet.begin_record(self.record, title, subtitle, "工作联 · 证件号码已部分隐藏")
        headers = ("序号", "村/社区", "户主", "现居住地址", "联系电话", "残疾人", "本次要填的表")
        widths = (9 * mm, 24 * mm, 14 * mm, 0.0, 23 * mm, 22 * mm, 34 * mm)
        flexible = WIDTH - sum(widths)
        columns = [TableColumn(h, w or flexible) for h, w in zip(headers, widths, strict=True)]
        rows: list[list[Cell]] = [
            [str(n), v.village, v.head_name, v.address, v.phone, v.persons, v.forms]
            for n, v in enumerate(self.lines, start=1)
        ]
        if not rows:
            rows = [["", "", "", "这一天没有计划走访", "", "", ""]]
        Table(sheet, columns, size=8, where="走访清单").draw(rows)
        sheet.end_record()
