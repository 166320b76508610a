"""The parts under the prints: glyph check, line breaking, QR text, masking, skips, tables."""

from __future__ import annotations

import random
import string

import pytest
from reportlab.lib.units import mm

from app.forms.engine import FormEngine
from app.forms.loader import load_forms
from app.printing.fonts import GlyphCheck, clip, has_glyph, text_width, wrap
from app.printing.model import ENTITY_CODES, RecordRef, looks_like_id, masked, parse_record_code
from app.printing.qr import QR_MASK
from app.printing.qr import modules as qr_modules
from app.printing.sheet import QR_BORDER, QR_SIZE
from app.printing.skips import certainly_skipped, depends_on
from app.printing.table import fit_widths
from tests.printing.samples import FORM_A, context, draw, form_a, resident_id


def test_the_font_has_rare_name_characters_digits_and_the_marks_we_use() -> None:
    for char in "堃赟玥喆珺婕祎䶮𠮷㛃0123456789X√□〓":
        assert has_glyph(char), char
    assert not has_glyph("\U00020000")
    assert not has_glyph("☑")  # why tick boxes are drawn as shapes


def test_the_glyph_check_reports_each_missing_character_once_per_place() -> None:
    check = GlyphCheck()
    assert check.clean("王堃", "R1 姓名") == "王堃"
    assert check.clean("王\U00020000", "R1 姓名") == "王〓"
    assert check.clean("王\U00020000", "R1 姓名") == "王〓"
    assert check.clean("\U0001f600", "调查员") == "〓"
    assert [(w.char, w.where) for w in check.warnings] == [
        ("\U00020000", "R1 姓名"),
        ("\U0001f600", "调查员"),
    ]
    assert "U+20000" in check.messages()[0] and "R1 姓名" in check.messages()[0]


def test_control_characters_print_as_spaces() -> None:
    assert GlyphCheck().clean("a\tb\rc") == "a b c"


def test_wrapping_breaks_chinese_anywhere_and_keeps_latin_words() -> None:
    width = text_width("残疾人基本服务", 9)
    lines = wrap("残疾人基本服务状况和需求信息数据动态更新", width, 9)
    assert all(text_width(line, 9) <= width + 0.01 for line in lines)
    assert "".join(lines) == "残疾人基本服务状况和需求信息数据动态更新"
    lines = wrap("地址 Nanshan Road 8 号楼", text_width("地址 Nanshan Ro", 9), 9)
    assert lines[0] == "地址 Nanshan"  # the word is not cut in two
    assert wrap("", 100, 9) == [""]
    assert wrap("一\n二", 100, 9) == ["一", "二"]


@pytest.mark.parametrize(
    "word", ["2026-12-05", "330213199001011234", "13800000000", "12.5%", "FV2:R:ABC"]
)
def test_a_date_or_number_after_chinese_is_never_cut_in_two(word: str) -> None:
    """A date, an ID or a phone number that fits on a line goes whole onto the next line,
    even with a Chinese character and no space before it (a definition's 截至2026-12-05)."""
    text = f"统计口径说明文字截至{word}，另见附表"
    for cut in range(1, len(word)):
        width = text_width(f"统计口径说明文字截至{word[:cut]}", 9) + 0.01
        lines = wrap(text, width, 9)
        assert any(word in line for line in lines), (word, cut, lines)
        assert "".join(lines) == text
    narrow = text_width(word[:4], 9) + 0.01  # too narrow for the word: it is cut, not lost
    assert "".join(wrap(word, narrow, 9)) == word


def test_a_line_never_starts_with_closing_punctuation() -> None:
    width = text_width("一二三四", 9)
    for line in wrap("一二三四，五六七八。九", width, 9)[1:]:
        assert line[0] not in "，。"


def test_clip_shortens_with_an_ellipsis() -> None:
    assert clip("短", 50, 9) == "短"
    shortened = clip("很长很长很长很长很长很长的说明", 30, 9)
    assert shortened.endswith("…") and text_width(shortened, 9) <= 30


def test_the_qr_text_names_the_record_and_reads_back() -> None:
    ref = RecordRef("form_response", "0f3c9a52-7d41-4e2b-9c1a-5b6d7e8f9a01", 7,
                    "dynamic-update@2021.1", "2026")  # fmt: skip
    assert parse_record_code(ref.code()) == ref
    assert ref.short == "0f3c9a52 第7版"
    with pytest.raises(ValueError):
        parse_record_code("https://example.org/")
    modules = qr_modules(ref.code())
    assert len(modules) == len(modules[0]) >= 21 and any(any(row) for row in modules)


def test_ids_and_certificates_are_masked_unless_own_copy() -> None:
    number = resident_id(40)
    assert looks_like_id(number) and looks_like_id(number + "42") and looks_like_id(number + "42B1")
    assert not looks_like_id("13957400000") and not looks_like_id(12)
    assert masked(number, own_file=False) == number[:6] + "********" + number[-4:]
    assert masked(number, own_file=True) == number
    assert masked("奉中社区", own_file=False) == "奉中社区"


@pytest.mark.parametrize(
    ("age", "skipped", "applies"),
    [
        (70, {"employed", "help_needed", "in_school"}, {"marital", "rehab_needed"}),
        (40, {"in_school", "not_in_school_reason"}, {"employed", "help_needed"}),
        (10, {"employed"}, {"in_school", "literate"}),
    ],
)
def test_certainly_skipped_items_follow_the_age_before_any_answer(
    age: int, skipped: set[str], applies: set[str]
) -> None:
    found = certainly_skipped(FORM_A, context(age=age))
    assert skipped <= found
    assert not applies & found


def test_items_that_depend_on_answers_are_never_certainly_skipped() -> None:
    found = certainly_skipped(FORM_A, context(age=40))
    assert "lost_reason" not in found  # depends on 调查方式, not answered yet
    assert "registered_unemployed" not in found
    assert depends_on(FORM_A.items["registered_unemployed"], FORM_A) == "R16"
    assert depends_on(FORM_A.items["lost_reason"], FORM_A) == "「调查方式」"
    assert depends_on(FORM_A.items["marital"], FORM_A) == ""


def test_a_person_without_a_valid_id_has_nothing_certainly_skipped_by_age() -> None:
    ctx = context(age=40)
    registry = dict(ctx.registry, **{"person.id_number": "not an id"})
    from dataclasses import replace

    found = certainly_skipped(FORM_A, replace(ctx, registry=registry))
    assert "employed" not in found  # age unknown: the member decides on the spot
    assert FormEngine(FORM_A).evaluate({}, replace(ctx, registry=registry)).relevant["employed"]


def test_column_widths_fill_the_width_and_respect_minimums() -> None:
    widths = fit_widths([20 * mm, 40 * mm], [10 * mm, 10 * mm], 120 * mm)
    assert widths is not None and sum(widths) == pytest.approx(120 * mm)
    widths = fit_widths([100 * mm, 100 * mm], [20 * mm, 40 * mm], 120 * mm)
    assert widths is not None and sum(widths) == pytest.approx(120 * mm)
    assert widths[0] >= 20 * mm and widths[1] >= 40 * mm
    assert fit_widths([50 * mm], [130 * mm], 120 * mm) is None


@pytest.mark.parametrize(
    ("tag", "caption", "place"),
    [
        ("before", "B03", ("before", "B03", "")),  # the case page: code as caption
        ("after", "", ("after", "", "")),  # the whole home
        ("before:B03", "门口台阶", ("before", "B03", "门口台阶")),
        ("during", "施工中的门洞", ("during", "", "施工中的门洞")),
    ],
)
def test_a_case_photo_names_its_stage_and_plan_item(
    tag: str, caption: str, place: tuple[str, str, str]
) -> None:
    from app.services.print_sources import photo_place

    assert photo_place(tag, caption, {"B03", "B11"}) == place


def test_every_record_kind_gets_a_compact_code_with_modules_of_half_a_millimetre() -> None:
    record = "5a0d3f6e-1111-4c2b-8d3e-222233334444"
    forms = [f"{form}@{version}" for form, version in load_forms()]
    for entity in ENTITY_CODES:
        for form in forms:
            ref = RecordRef(entity, record, 123, form, "2026Q3")
            text = ref.code()
            assert text.startswith("FV2:") and parse_record_code(text) == ref
            modules = len(qr_modules(text)) + 2 * QR_BORDER
            assert QR_SIZE / modules >= 0.55 * mm, (ref, QR_SIZE / modules / mm)
    older = "FV1|form_response|" + record + "|7|dynamic-update@2021.1|2026"  # earlier prints
    assert parse_record_code(older) == RecordRef(
        "form_response", record, 7, "dynamic-update@2021.1", "2026"
    )
    with pytest.raises(ValueError):
        parse_record_code("FV2:X:" + record + ":7:A/2021.1:2026")


def test_reportlab_draws_with_its_c_accelerator() -> None:
    """rl-accel is a dependency: without it every print costs about a third more."""
    from reportlab.lib import rl_accel

    assert rl_accel.fp_str.__module__ == "_rl_accel"


def test_prints_of_one_form_share_their_first_font_subsets() -> None:
    """Each print of a form assigns its labels' characters first, so a second person's
    print embeds the same first font subset (made once, then reused)."""
    first = draw(form_a(context("王堃", 40))).pdf
    second = draw(form_a(context("李赟", 50))).pdf
    assert _first_subset(first) == _first_subset(second)


def _first_subset(pdf: bytes) -> bytes:
    import re
    import zlib

    streams = re.findall(rb"/Length1 \d+.*?stream\r?\n(.*?)endstream", pdf, re.S)
    return zlib.decompress(streams[0])


def test_rows_kept_from_an_earlier_print_look_and_read_as_drawn() -> None:
    """A single print shows the rows an earlier PDF drew (app.printing.reuse): the second
    person's paper is, page for page, the one drawn from nothing."""
    from PIL import ImageChops

    from app.printing import reuse
    from tests.printing.pdf_tools import page_image, pdf_text

    later = form_a(context("李赟", 50))
    reuse._rows.clear()
    fresh = draw(later).pdf  # nothing kept yet: every row drawn
    reuse._rows.clear()
    draw(form_a(context("王堃", 40)))  # another person's print keeps its rows
    kept = len(reuse._rows)
    again = draw(later).pdf
    assert kept > 20
    assert pdf_text(again) == pdf_text(fresh)
    for page in (1, 2):
        difference = ImageChops.difference(
            page_image(again, page, 100).convert("L"), page_image(fresh, page, 100).convert("L")
        )
        assert difference.getbbox() is None, page


def test_the_fast_error_correction_gives_reportlabs_own_modules() -> None:
    """Our table-driven Reed-Solomon step must not change a single module: every length
    (versions 1 to 10 and both block layouts), every character class a record code or a
    name may hold."""
    from reportlab.graphics.barcode import qrencoder

    def reference(payload: str) -> list[list[bool]]:
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        code.addData(payload)
        code.version = code.calculate_version()
        code.makeImpl(False, QR_MASK)
        return [[bool(dark) for dark in row] for row in code.modules]

    rnd = random.Random(7)
    alphabet = string.printable + "王芳䶮𠮷〇"
    for length in [*range(0, 200, 3), 260, 400]:
        payload = "".join(rnd.choice(alphabet) for _ in range(length))
        assert qr_modules(payload) == reference(payload), length
