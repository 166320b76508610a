"""Rare name characters (GB 18030-2022 implementation level 1, and 𠮷) print, and come back
from the PDF's text layer, through the shipped font chain."""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from sqlalchemy import select

from app.printing.fonts import FONTS, font_path, runs, text_width
from app.printing.model import Mode
from app.services.prints import Prints
from app.store import changes
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import FormResponse, RenovationCase
from tests.printing.pdf_tools import fonts, needs_poppler, pdf_text
from tests.printing.samples import context, draw, form_a

LEVEL1_LIST = Path(font_path()).with_name("gb18030-level1-ext-b-f.txt")
#: U+9FEB-U+9FEF (added in Unicode 11): no font we may ship has them; they print as 〓
#: with a warning. The test holds the gap to exactly these.
KNOWN_GAP = frozenset(range(0x9FEB, 0x9FF0))
RARE_NAME = "王䶮𠮷"


def level1_ext_b_f() -> list[int]:
    """The 196 characters of 通用规范汉字表 in CJK Extensions B-F."""
    lines = LEVEL1_LIST.read_text(encoding="utf-8").splitlines()
    return [int(line.split()[0][2:], 16) for line in lines if line.startswith("U+")]


def level1_hanzi() -> set[int]:
    """The hanzi of GB 18030-2022 implementation level 1: the BMP's CJK Unified
    Ideographs up to U+9FEF, Extension A (U+3400-U+4DB5), and the 196 beyond the BMP."""
    return {*range(0x4E00, 0x9FF0), *range(0x3400, 0x4DB6), *level1_ext_b_f()}


def chain_cmap() -> set[int]:
    covered: set[int] = set()
    for font in FONTS:
        parsed = TTFont(font_path(font.file))
        assert parsed.sfntVersion == "\x00\x01\x00\x00" and "glyf" in parsed  # reportlab: no CFF
        covered |= set(parsed.getBestCmap())
    return covered


def sample(seed: int = 7) -> list[str]:
    """Three-character names drawn from Extension A and from the 196 of Extensions B-F."""
    rng = random.Random(seed)
    ext_a = rng.sample(range(0x3400, 0x4DB6), 24)
    ext_b_f = rng.sample(level1_ext_b_f(), 24)
    chars = [chr(code) for pair in zip(ext_a, ext_b_f, strict=True) for code in pair]
    return ["".join(chars[i : i + 3]) for i in range(0, len(chars), 3)]


def test_the_list_of_level1_characters_beyond_the_bmp_has_its_196() -> None:
    codes = level1_ext_b_f()
    assert len(codes) == len(set(codes)) == 196
    assert all(0x20000 <= code <= 0x2EBEF for code in codes)


def test_every_level1_hanzi_has_a_glyph_in_the_font_chain() -> None:
    covered = chain_cmap()
    missing = level1_hanzi() - covered
    assert missing == KNOWN_GAP, sorted(hex(code) for code in missing - KNOWN_GAP)[:20]
    assert ord("𠮷") in covered


def test_text_goes_to_the_first_font_that_has_it() -> None:
    first, fallback = FONTS[0].name, FONTS[1].name
    assert runs("王堃") == ((first, "王堃"),)
    assert runs("王䶮𠮷张") == ((first, "王"), (fallback, "䶮𠮷"), (first, "张"))
    assert runs("\U00020000") == ((first, "\U00020000"),)  # none has it: the check marks it


@needs_poppler
def test_rare_names_print_in_form_a_and_read_back_intact() -> None:
    names = [RARE_NAME, *sample()]
    result = draw(*(form_a(context(name)) for name in names))
    assert result.warnings == ()
    text = pdf_text(result.pdf)
    assert "〓" not in text
    for name in names:
        assert name in text, name
    embedded = {row[0].split("+")[-1] for row in fonts(result.pdf)}
    assert {font.name.split("-")[0] for font in FONTS} <= embedded


@needs_poppler
def test_a_rare_name_prints_in_a_completed_form_and_a_case_paper(district_db: Database) -> None:
    with district_db.session() as s:
        case = s.scalars(
            select(RenovationCase).where(RenovationCase.person_id.is_not(None))
        ).first()
        assert case is not None
        response = s.scalars(
            select(FormResponse).where(
                FormResponse.person_id == case.person_id, FormResponse.state == "accepted"
            )
        ).first()
        assert response is not None
    with district_db.transaction() as s:
        person = changes.get_live(s, Person, str(case.person_id))
        changes.update(s, Person, person.id, {"name": RARE_NAME}, user="m001001")
        changes.update(s, Household, person.household_id, {"head_name": RARE_NAME},
                       user="m001001")  # fmt: skip
    prints = Prints(district_db, "m001001", clock=lambda: datetime(2026, 11, 28, 9))
    printed = [prints.case_paper(case.id, paper) for paper in ("assessment", "plan")]
    printed.append(prints.response(response.id, Mode.COMPLETED, own_file=True))
    for one in printed:
        text = pdf_text(one.pdf)
        assert RARE_NAME in text and "〓" not in text, one.title
        assert one.warnings == ()
        assert RARE_NAME in one.title


@pytest.mark.parametrize("size", [7, 9, 14])
def test_the_width_of_a_rare_character_is_that_of_its_own_font(size: float) -> None:
    assert text_width("䶮", size) == pytest.approx(size, rel=0.05)  # a full em
    assert text_width("王䶮𠮷", size) == pytest.approx(3 * size, rel=0.05)
