"""The publicity list (公示名单) of a town's renovation cases: one line a household, ID
numbers always masked (the list is posted in public), with the period and who to call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm

from app.domain.masking import mask_id
from app.domain.renovation import yuan
from app.printing.lines import Column, draw_row, text_lines
from app.printing.marks import signature_box
from app.printing.model import RecordRef
from app.printing.sheet import LEFT, WIDTH, Sheet
from app.printing.table import Table, TableColumn

INTRO = (
    "根据困难残疾人家庭无障碍改造工作要求，经入户评估、方案审核，拟对以下家庭实施无障碍改造，"
    "现予公示。公示期内如有异议，请向所在镇（街道）残联或区残联反映。"
)
CLOSING = (
    "公示期：自        年    月    日至        年    月    日（不少于7个工作日）。"
    "    监督电话：                        "
)


@dataclass(frozen=True)
class PublicityLine:
    """One household of the list."""

    village: str
    head_name: str
    person_name: str
    id_number: str
    disability: str  # category and grade, e.g. 肢体二级
    items: str  # the plan items, e.g. 拓宽门洞、蹲便改坐便
    total_fen: int


@dataclass(frozen=True)
class PublicityList:
    """The list of one area and year."""

    area: str
    year: int
    lines: Sequence[PublicityLine]
    record: RecordRef

    def draw(self, sheet: Sheet) -> None:
        title = f"{self.year}年度困难残疾人家庭无障碍改造公示名单"
        subtitle = f"{self.area} · 共 {len(self.lines)} 户"
        sheet.begin_record(self.record, title, subtitle, "公示联 · 证件号码已部分隐藏")
        draw_row(sheet, [Column(LEFT, WIDTH, 9)], [text_lines(INTRO, WIDTH, 9)], rule=False)
        widths = (9 * mm, 26 * mm, 15 * mm, 15 * mm, 31 * mm, 17 * mm, 0.0, 18 * mm)
        flexible = WIDTH - sum(widths)
        headers = (
            "序号",
            "村/社区",
            "户主",
            "残疾人",
            "公民身份号码",
            "残疾类别等级",
            "改造项目",
            "预算（元）",
        )
        columns = [TableColumn(h, w or flexible) for h, w in zip(headers, widths, strict=True)]
        rows = [
            [
                str(n),
                line.village,
                line.head_name,
                line.person_name,
                mask_id(line.id_number),
                line.disability,
                line.items,
                yuan(line.total_fen),
            ]
            for n, line in enumerate(self.lines, start=1)
        ]
        if rows:
            total = sum(line.total_fen for line in self.lines)
            rows.append(["", "合计", "", "", "", "", f"{len(rows)} 户", yuan(total)])
        Table(sheet, columns, size=8, where="公示名单").draw(rows)
        sheet.y -= 3 * mm
        draw_row(sheet, [Column(LEFT, WIDTH, 9)], [text_lines(CLOSING, WIDTH, 9)], rule=False)
        sheet.need(24 * mm)
        width = 70 * mm
        signature_box(
            sheet,
            LEFT + WIDTH - width,
            sheet.y - 2 * mm,
            width,
            20 * mm,
            label="公示单位（盖章）",
            image=None,
        )
        sheet.y -= 24 * mm
        sheet.end_record()
