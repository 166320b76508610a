"""The renovation papers, the publicity list and batches: read back with poppler."""

from __future__ import annotations

import dataclasses
import io
import re
from typing import Any

from PIL import Image

from app.domain.masking import mask_id
from app.forms.loader import get_form
from app.printing.case_papers import (
    CaseFile,
    CasePhoto,
    acceptance_paper,
    assessment_paper,
    plan_paper,
)
from app.printing.model import Mode, RecordRef, parse_record_code
from app.printing.publicity import PublicityLine, PublicityList
from tests.printing.pdf_tools import (
    image_count,
    needs_poppler,
    page_image,
    page_texts,
    pdf_text,
    qr_texts,
    signature_only_pages,
)
from tests.printing.samples import context, draw, form_a, resident_id, subject

pytestmark = needs_poppler

ASSESSMENT = get_form("renovation-assessment", "2026.1")
PLAN = get_form("renovation-plan", "2026.1")
ACCEPTANCE = get_form("renovation-acceptance", "2026.1")
CASE_ID = "7c2e4b10-3d5f-4a6b-8c7d-9e0f1a2b3c4d"
PLAN_LINES = [
    {"part": "plan", "code": "B03", "name": "拓宽门洞", "unit": "处", "kind": "building",
     "quantity": 1, "unit_price_fen": 80000, "amount_fen": 80000},
    {"part": "plan", "code": "B11", "name": "蹲便改坐便", "unit": "套", "kind": "building",
     "quantity": 1, "unit_price_fen": 120000, "amount_fen": 120000},
]  # fmt: skip


def jpeg(color: tuple[int, int, int], size: tuple[int, int] = (800, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


def case(*parts: dict[str, Any], photos: tuple[CasePhoto, ...] = (), total: int = 200000,
         cap: int = 550000, override: str = "") -> CaseFile:  # fmt: skip
    ctx = context("王堃")
    return CaseFile(
        id=CASE_ID, rev=4, year=2026, state="已验收",
        parts=[{"part": "opening"}, *PLAN_LINES, *parts],
        total_fen=total, cap_fen=cap, override_reason=override,
        subject=subject(ctx), context=ctx, photos=photos,
        history=[{"from": "assessed", "to": "plan_drafted", "by": "m001001",
                  "at": "2026-04-02T10:00:00"}],
    )  # fmt: skip


PHOTOS = (
    CasePhoto("a1", "before", "B03", "门洞改造前", jpeg((170, 120, 90))),
    CasePhoto("a2", "after", "B03", "门洞改造后", jpeg((90, 150, 200), (600, 800))),
    CasePhoto("a3", "before", "B11", "蹲便", jpeg((120, 170, 120))),
    CasePhoto("a4", "after", "B11", "坐便", jpeg((200, 200, 90))),
    CasePhoto("a5", "before", "", "院门全景", jpeg((150, 150, 150))),
)
ACCEPTED = {"part": "acceptance", "at": "2026-09-20T15:00:00", "by": "town001", "round": 1,
            "results": {"B03": "done", "B11": "done"}, "satisfaction": "1", "reason": "",
            "outcome": "accepted"}  # fmt: skip


def test_the_assessment_prints_the_form_and_the_before_photos() -> None:
    assessment = {"part": "assessment", "at": "2026-03-30T09:00:00", "by": "m001001",
                  "wants_renovation": "1", "mobility": "4", "functional_needs": ["1", "3"],
                  "door_width_cm": 68}  # fmt: skip
    paper = assessment_paper(case(assessment, photos=PHOTOS), ASSESSMENT, own_file=False)
    assert paper.mode is Mode.COMPLETED
    result = draw(paper)
    text = pdf_text(result.pdf)
    assert "困难残疾人家庭无障碍改造需求评估表" in text
    assert re.search(r"√\s*4\s*使用轮椅", text)
    assert "2026-03-30" in text  # the assessment date, from when it was recorded
    assert re.search(r"2\s*门\s.*68", text)  # the dialog's door width: a row of C1.9
    assert "改造前照片" in text and "院门全景" in text
    assert image_count(result.pdf) == 3  # the three before photos
    number = resident_id(40)
    assert number not in text and mask_id(number) in text


def test_a_case_not_yet_assessed_prints_a_blank_assessment_form() -> None:
    paper = assessment_paper(case(), ASSESSMENT, own_file=True)
    assert paper.mode is Mode.PREFILLED
    text = pdf_text(draw(paper).pdf)
    assert "预填空白表" in text and "王堃" in text and resident_id(40) in text


def test_the_plan_prints_items_prices_and_the_total_against_the_cap() -> None:
    text = pdf_text(draw(plan_paper(case(), PLAN, own_file=False)).pdf)
    squashed = re.sub(r"\s+", "", text)
    assert "B03" in text and "拓宽门洞" in text and "蹲便改坐便" in text
    assert "800.00" in text and "1,200.00" in text
    assert "2,000.00元" in squashed and "5,500.00元" in squashed
    assert "未超过上限，余3,500.00元" in squashed
    assert re.search(r"√\s*2\s*否", text)  # C2.4 over the cap: no
    assert "m001001" in text and "2026-04-02" in text  # drafted by, on
    assert "方案编制人签字" in text and "审核人签字" in text


def test_a_plan_over_the_cap_says_so_with_the_reason() -> None:
    over = case(total=600000, cap=550000, override="需同时改造两处出入口")
    text = re.sub(r"\s+", "", pdf_text(draw(plan_paper(over, PLAN, own_file=False)).pdf))
    assert "超过上限500.00元" in text and "需同时改造两处出入口" in text


def test_the_acceptance_form_puts_before_and_after_photos_side_by_side() -> None:
    result = draw(acceptance_paper(case(ACCEPTED, photos=PHOTOS), ACCEPTANCE, own_file=False))
    text = pdf_text(result.pdf)
    squashed = re.sub(r"\s+", "", text)
    assert re.search(r"√\s*1\s*满意", text)
    assert "1已完成" in squashed  # each plan item's result in the table
    assert "户主（受益人）签字" in text and "专职委员签字" in text and "验收人签字" in text
    assert "改造前后照片对照" in text
    for line in text.splitlines():
        if "门洞改造前" in line:
            assert "门洞改造后" in line  # the captions of a pair share a line: side by side
    assert image_count(result.pdf) == 5


def test_a_blank_acceptance_form_lists_the_plan_items_to_check() -> None:
    paper = acceptance_paper(case(), ACCEPTANCE, own_file=False)
    assert paper.mode is Mode.PREFILLED
    text = pdf_text(draw(paper).pdf)
    squashed = re.sub(r"\s+", "", text)
    assert "B03" in text and "B11" in text
    assert "1已完成" in squashed and "3未完成" in squashed  # boxes to tick
    assert not re.search(r"√\s*\d", text)  # no option ticked


def publicity(count: int) -> PublicityList:
    lines = [
        PublicityLine(
            village=f"第{n % 7 + 1}村",
            head_name=f"户主{n:03d}",
            person_name=f"残疾人{n:03d}",
            id_number=resident_id(30 + n % 40, n % 500 * 2 + 1),
            disability="肢体一级",
            items="拓宽门洞、蹲便改坐便",
            total_fen=300000 + n * 100,
        )
        for n in range(count)
    ]
    ref = RecordRef("publicity", "330213001", count, "publicity", "2026")
    return PublicityList("锦屏街道", 2026, lines, ref)


def test_the_publicity_list_has_one_line_a_household_and_masked_ids() -> None:
    printed = publicity(60)
    result = draw(printed)
    pages = page_texts(result.pdf)
    assert len(pages) >= 2
    text = "".join(pages)
    for line in printed.lines:
        assert line.id_number not in text
        rows = [row for row in text.splitlines() if line.head_name in row]
        assert len(rows) == 1 and mask_id(line.id_number) in rows[0]
    for number, page in enumerate(pages, start=1):
        squashed = re.sub(r"\s+", "", page)
        assert "公民身份号码" in squashed  # the header row repeats on every page
        assert f"第{number}页共{len(pages)}页" in squashed
    assert "60户" in re.sub(r"\s+", "", text)


def test_a_batch_numbers_each_record_on_its_own_and_each_page_names_its_record() -> None:
    first = form_a(context("王堃", 40))
    second = form_a(context("李赟", 50))
    other = RecordRef("form_response", "9d8c7b6a-5432-4f10-8e9d-0a1b2c3d4e5f", 1,
                      "dynamic-update@2021.1", "2026")  # fmt: skip
    from dataclasses import replace

    result = draw(first, replace(second, record=other), publicity(5))
    assert [r.pages for r in result.records][:2] == [2, 2]
    assert result.pages == sum(r.pages for r in result.records)
    pages = page_texts(result.pdf)
    assert "第1页共2页" in re.sub(r"\s+", "", pages[2])  # the second form starts again at 1
    assert parse_record_code(qr_texts(page_image(result.pdf, 3))[0]) == other
    assert (
        parse_record_code(qr_texts(page_image(result.pdf, result.pages))[0]).entity == "publicity"
    )


def test_signature_boxes_never_stand_alone_on_a_page_whatever_the_plans_length() -> None:
    for count in range(1, 31):
        lines = [{**PLAN_LINES[0], "code": f"B{n:02d}", "name": f"改造项目{n}"}
                 for n in range(count)]  # fmt: skip
        many = dataclasses.replace(case(ACCEPTED), parts=[{"part": "opening"}, *lines, ACCEPTED])
        for build, definition in ((plan_paper, PLAN), (acceptance_paper, ACCEPTANCE)):
            pdf = draw(build(many, definition, own_file=False)).pdf
            assert signature_only_pages(pdf) == [], f"{definition.id} with {count} items"
