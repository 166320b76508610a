"""However an ID, certificate, bank account or phone number is written (spaces of any kind,
dashes of any kind, full-width digits, lower-case x, invisible characters), masking shows no
more than the masked digits, and checks, searches and prints see the same number."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app.domain.identity import check_resident_id, make_resident_id, normalize_resident_id
from app.domain.masking import MASK, mask_bank, mask_id
from app.domain.phone import normalize_phone
from app.forms.definition import Item
from app.printing.answers import shown
from app.printing.model import looks_like_id, masked
from app.store.search import normalize_query

SPACES = [" ", "\t", "\u00a0", "\u3000", "\u2009", "\u200b", "\ufeff", "\u00ad", "\n"]
DASHES = ["-", "\uff0d", "\u2010", "\u2011", "\u2013", "\u2014", "\u2212"]
TEXT_ITEM = Item(name="note", type="text", label="备注")
ID_ITEM = Item(name="id_number", type="id_number", label="公民身份号码")


def full_width(c: str) -> str:
    return chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c


@st.composite
def written(draw: st.DrawFn, number: str, separators: list[str]) -> str:
    """`number` as a person or an imported sheet may write it."""
    out = [draw(st.sampled_from(["", " ", "\u3000", "\t"]))]
    for c in number:
        if c.isalpha() and draw(st.booleans()):
            c = c.lower()
        if draw(st.booleans()):
            c = full_width(c)
        out.append(c)
        if draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(separators)))
    out.append(draw(st.sampled_from(["", " ", "\u00a0"])))
    return "".join(out)


resident_ids = st.builds(
    make_resident_id,
    st.sampled_from(["330283", "330213", "110101", "440305"]),
    st.dates(date(1900, 1, 1), date(2025, 12, 31)),
    st.integers(0, 999),
)
certificates = st.builds(
    lambda rid, category, grade, reissue: f"{rid}{category}{grade}{reissue}",
    resident_ids,
    st.integers(1, 7),
    st.integers(1, 4),
    st.sampled_from(["", "B1", "B2"]),
)


def shown_characters(masked_text: str) -> str:
    return "".join(c for c in masked_text if c != MASK and not c.isspace())


@given(st.data(), st.one_of(resident_ids, certificates))
def test_an_id_however_written_is_masked_the_same(data: st.DataObject, number: str) -> None:
    text = data.draw(written(number, SPACES + DASHES))
    expected = mask_id(number)
    assert mask_id(text) == expected
    # only the area code, and the last 4 of an ID or the suffix of a certificate, show
    assert shown_characters(expected) == number[:6] + number[14:]
    assert number[6:14] not in expected
    # a print recognises it as an ID in any answer, and masks it on shared copies
    assert looks_like_id(text)
    assert masked(text, own_file=False) == expected
    assert shown(TEXT_ITEM, text, own_file=False) == expected
    assert shown(ID_ITEM, text, own_file=False) == expected
    # a search finds it as stored
    assert normalize_query(text) == number


@given(st.data(), resident_ids)
def test_an_id_with_spaces_checks_and_stores_as_one_number(
    data: st.DataObject, number: str
) -> None:
    text = data.draw(written(number, SPACES))
    assert normalize_resident_id(text) == number
    assert check_resident_id(text) == []


@given(st.data(), resident_ids)
def test_an_id_with_dashes_is_refused_never_taken_for_another(
    data: st.DataObject, number: str
) -> None:
    text = data.draw(written(number, SPACES + DASHES))
    issues = check_resident_id(text)
    if any(c in text for c in DASHES):
        assert "id.chars" in [i.code for i in issues]
    else:
        assert issues == [] and normalize_resident_id(text) == number


@given(st.data(), st.text(alphabet="0123456789", min_size=5, max_size=19))
def test_a_bank_account_however_written_shows_its_last_four_only(
    data: st.DataObject, account: str
) -> None:
    text = data.draw(written(account, SPACES + DASHES))
    assert mask_bank(text) == mask_bank(account) == f"{MASK * 4} {account[-4:]}"


@given(
    st.data(),
    st.builds(
        lambda second, rest: f"1{second}{rest:09d}",
        st.sampled_from("3456789"),
        st.integers(0, 999_999_999),
    ),
)
def test_a_mobile_however_written_is_stored_as_its_digits(data: st.DataObject, mobile: str) -> None:
    text = data.draw(written(mobile, SPACES + DASHES))
    assert normalize_phone(text) == mobile
