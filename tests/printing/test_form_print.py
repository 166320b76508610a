"""Form prints drawn from the definition: read back with poppler, QR codes decoded."""

from __future__ import annotations

import io
import re

from PIL import Image, ImageDraw

from app.domain.masking import mask_id
from app.forms.engine import FormEngine
from app.printing.form_print import FormPrint
from app.printing.model import Mode, RecordRef, parse_record_code
from tests.printing.pdf_tools import (
    fonts,
    image_count,
    needs_poppler,
    page_image,
    page_texts,
    pdf_text,
    qr_texts,
)
from tests.printing.samples import (
    FORM_A,
    FORM_B,
    RECORD_ID,
    context,
    draw,
    form_a,
    form_a_answers,
    resident_id,
    subject,
)

pytestmark = needs_poppler


def line_with(text: str, label: str) -> str:
    """The line of a layout text that holds `label`."""
    return next(line for line in text.splitlines() if label in line)


def test_every_item_prints_with_its_number_label_and_options() -> None:
    ctx = context()
    printed = form_a(ctx)
    relevant = FormEngine(FORM_A).evaluate(printed.answers, ctx).relevant
    text = pdf_text(draw(printed).pdf)
    squashed = re.sub(r"\s+", "", text)
    for item in FORM_A.top_items():
        assert item.number in text
        if len(item.label) <= 15:  # one line in the label column: read back whole
            assert re.sub(r"\s+", "", item.label) in squashed, item.title
        if not relevant[item.name]:
            continue  # a skipped item says 不适用 instead of its options
        for option in item.options:
            assert f"{option.code}{option.label}" in squashed, (item.title, option.label)


def test_chosen_options_are_ticked_and_others_not() -> None:
    text = pdf_text(draw(form_a(context())).pdf)
    method = line_with(text, "调查方式")
    assert re.search(r"√\s*1\s*入户", method)
    assert not re.search(r"√\s*[234]\s*", method)
    assert re.search(r"√\s*7\s*灵活就业", text)  # R17, a longer option line
    needs = line_with(text, "家庭无障碍改造需求")
    assert re.search(r"√\s*1\s*出入口及坡道", needs)
    assert re.search(r"√\s*2\s*卫生间", needs)


def test_skipped_items_say_not_applicable_and_computed_values_show() -> None:
    text = pdf_text(draw(form_a(context(age=40))).pdf)
    assert "不适用" in line_with(text, "失访原因")  # method 1: no reason for loss
    assert "不适用" in line_with(text, "未就业的主要生活来源")  # employed: R18 skipped
    age = line_with(text, "年龄（调查标准时点）")
    assert "40 岁" in age and "自动计算" in age


def test_header_names_area_household_person_year_and_version() -> None:
    ctx = context()
    text = pdf_text(draw(form_a(ctx, own_file=True)).pdf)
    for expected in ("锦屏街道 奉中社区", "奉中社区南山路8号", "王堃", "2026年度",
                     "表单版本 2021.1", "已完成"):  # fmt: skip
        assert expected in re.sub(r"\s+", " ", text)
    assert "dynamic-update" not in text  # the form's id is internal: the QR code has it


def test_page_numbers_say_which_page_of_how_many() -> None:
    result = draw(form_a(context()))
    pages = page_texts(result.pdf)
    assert len(pages) == result.pages == result.records[0].pages >= 2
    for number, page in enumerate(pages, start=1):
        assert f"第{number}页共{len(pages)}页" in re.sub(r"\s+", "", page)


def test_the_id_is_masked_except_on_the_persons_own_copy() -> None:
    ctx = context()
    number = str(ctx.registry["person.id_number"])
    certificate = str(ctx.registry["person.cert_number"])
    shared = pdf_text(draw(form_a(ctx, own_file=False)).pdf)
    assert number not in shared and certificate not in shared
    assert mask_id(number) in shared and mask_id(certificate) in shared
    assert "工作联" in shared
    own = pdf_text(draw(form_a(ctx, own_file=True)).pdf)
    assert number in own and certificate in own
    assert "本人档案联" in own


def test_the_font_is_embedded_and_no_other_font_is_referenced() -> None:
    rows = fonts(draw(form_a(context())).pdf)
    assert rows
    for row in rows:
        assert row[0].endswith("+WenQuanYiMicroHei"), row
        assert row[-5:-2] == ["yes", "yes", "yes"], row  # emb sub uni


def test_the_qr_code_of_every_page_decodes_to_the_record() -> None:
    result = draw(form_a(context()))
    for page in range(1, result.pages + 1):
        codes = qr_texts(page_image(result.pdf, page))
        assert len(codes) == 1
        ref = parse_record_code(codes[0])
        assert ref == RecordRef("form_response", RECORD_ID, 3, "dynamic-update@2021.1", "2026")


def test_rare_name_characters_print() -> None:
    ctx = context("王堃")  # the household's second member is 李赟
    result = draw(form_a(ctx), _form_b(ctx))
    text = pdf_text(result.pdf)
    assert "王堃" in text and "李赟" in text
    assert result.warnings == ()


def test_a_character_the_font_lacks_is_reported_not_dropped() -> None:
    ctx = context("王\U00020000")  # 𠀀: CJK Extension B, outside the GBK font
    answers = form_a_answers(ctx, surveyor="李专委\U0001f600")
    result = draw(form_a(ctx, answers))
    assert any("U+20000" in w and "𠀀" in w for w in result.warnings)
    assert any("U+1F600" in w and "调查员" in w for w in result.warnings)
    text = pdf_text(result.pdf)
    assert "王〓" in text  # the missing-character mark holds its place on paper
    assert "\U00020000" not in text


def test_a_blank_prefilled_form_leaves_room_and_ticks_only_registry_facts() -> None:
    ctx = context(age=40)
    prefilled = FormEngine(FORM_A).prefill(ctx)
    text = pdf_text(draw(form_a(ctx, prefilled, mode=Mode.PREFILLED)).pdf)
    assert "预填空白表" in text and "请与受访人逐项核对" in text
    assert not re.search(r"√\s*\d", line_with(text, "调查方式"))  # not answered yet
    assert re.search(r"√\s*4\s*肢体残疾", text)  # from the registry
    assert "依 R16 的答案填写" in text  # R16-1 depends on R16
    assert "不适用" not in line_with(text, "是否就业")  # 40: part 4 applies


def test_a_blank_form_marks_parts_certainly_skipped_by_age() -> None:
    ctx = context(age=70)
    prefilled = FormEngine(FORM_A).prefill(ctx)
    text = pdf_text(draw(form_a(ctx, prefilled, mode=Mode.PREFILLED)).pdf)
    assert "不适用" in line_with(text, "是否就业")  # 70: part 4 is for 16-59 whatever the answers
    assert "不适用" not in line_with(text, "婚姻状况")


def test_the_signature_image_is_printed_in_its_box() -> None:
    image = Image.new("RGBA", (400, 120), (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(10, 100), (120, 20), (250, 100), (390, 30)], fill="navy", width=6)
    png = io.BytesIO()
    image.save(png, "PNG")
    result = draw(form_a(context(), images={"sig-1": png.getvalue()}))
    assert image_count(result.pdf) == 1
    without = pdf_text(draw(form_a(context())).pdf)
    assert "已电子签名（签名图像不在本机）" in without


def _form_b(ctx: object, *, own_file: bool = False, mode: Mode = Mode.COMPLETED) -> FormPrint:
    from app.forms.context import FormContext

    assert isinstance(ctx, FormContext)
    engine = FormEngine(FORM_B)
    answers = engine.prefill(ctx)
    answers.update(contact_method="1", surveyor="李专委", survey_date="2026-03-02",
                   respondent="王堃", consent_photo="photo-1", sample_no="B-017")  # fmt: skip
    return FormPrint(
        definition=FORM_B,
        answers=answers,
        context=ctx,
        subject=subject(ctx),
        record=RecordRef(
            "form_response",
            "5a0d3f6e-1111-4c2b-8d3e-222233334444",
            1,
            "income-monitoring@2026.1",
            "2026",
        ),
        mode=mode,
        own_file=own_file,
        survey_round="2026",
    )


def test_a_repeat_prints_as_a_table_with_its_codes_and_masked_ids() -> None:
    ctx = context()
    text = pdf_text(draw(_form_b(ctx)).pdf)
    squashed = re.sub(r"\s+", "", text)
    assert "B1.1家庭成员" in squashed
    assert "第1行" in squashed and "第2行" in squashed  # 18 columns: each member a column
    assert "B1.1.1姓名" in squashed and "李赟" in text
    assert "B1.1.5民族代码：01汉族" in squashed  # the codes of a long option list
    member_id = resident_id(38, 42)
    assert member_id not in text and mask_id(member_id) in text
    assert "受访人签字" in text and "调查员签字" in text  # Form B has no signature item


def test_blank_rows_are_left_for_members_to_add() -> None:
    ctx = context()
    text = pdf_text(draw(_form_b(ctx, mode=Mode.PREFILLED)).pdf)
    squashed = re.sub(r"\s+", "", text)
    assert "第3行" in squashed and "第4行" in squashed


def test_form_a_is_signed_by_the_respondent_and_the_surveyor_with_dates() -> None:
    text = pdf_text(draw(form_a(context())).pdf)
    last = text.split("\f")[-2]
    assert "申报人签字" in last and "调查员签字" in last  # together, at the end
    assert len(re.findall(r"日期：\s*年\s*月\s*日", last)) == 2


def test_a_lost_person_prints_the_reason_not_a_list_of_not_applicable() -> None:
    ctx = context()
    answers = {"method": "4", "lost_reason": "外出务工联系不上", "surveyor": "李专委",
               "fill_date": "2026-03-02"}  # fmt: skip
    result = draw(form_a(ctx, answers))
    text = pdf_text(result.pdf)
    assert result.pages == 1
    assert "外出务工联系不上" in text and re.search(r"√\s*4\s*失访", text)
    assert text.count("不适用") <= 5  # the hint, the header's line, the parts, the box
    assert "R1–R42" in text and "均不适用" in text
