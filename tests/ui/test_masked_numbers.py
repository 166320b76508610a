"""Numbers imported with spaces, dashes or full-width digits are masked like any other on the
household page and on the shared prints: the birth date of an ID is never shown."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.masking import mask_id
from app.services.prints import Prints
from app.store.database import Database
from app.store.registry import Household, Person
from tests.printing.pdf_tools import needs_poppler, pdf_text
from tests.ui.test_lock import visible_texts
from ui.pages.household import HouseholdPage
from ui.session import AppSession


def as_imported(number: str) -> str:
    """The number as an old import left it: spaces, a full-width part, a lower-case x."""
    wide = "".join(chr(ord(c) + 0xFEE0) for c in number[6:10])
    return f" {number[:6]} {wide}{number[10:14]}\u3000{number[14:].lower()} "


def imported_household(db: Database) -> tuple[str, list[str]]:
    """A household whose ID numbers are stored as imported; returns it and the real IDs."""
    with db.transaction() as s:
        person = s.scalars(select(Person).where(Person.cert_number != "").limit(1)).one()
        household = s.get(Household, person.household_id)
        assert household is not None
        numbers = [person.id_number, person.cert_number]
        person.id_number = as_imported(person.id_number)
        person.cert_number = as_imported(person.cert_number)
        person.bank_account = "6217 0000 1234 5678 901"
        if household.head_id_number:
            numbers.append(household.head_id_number)
            household.head_id_number = as_imported(household.head_id_number)
        return household.id, numbers


def test_the_household_page_masks_numbers_as_imported(qtbot: QtBot, district: Database) -> None:
    household_id, numbers = imported_household(district)
    page = HouseholdPage(AppSession(district, "demo"))
    qtbot.addWidget(page)
    page.show()
    page.activate(household_id)
    qtbot.waitUntil(lambda: any(mask_id(numbers[0]) in t for t in visible_texts()), timeout=10_000)
    texts = " ".join(visible_texts())
    for number in numbers:
        assert number[6:14] not in texts  # the birth date
        assert number[6:10] not in texts.replace("\uff10", "0")
    assert "5678901" not in texts  # a bank account shows its last 4 only, if at all


@needs_poppler
def test_the_shared_prints_mask_numbers_as_imported(district: Database) -> None:
    household_id, numbers = imported_household(district)
    printed = Prints(district, "demo").household_forms(household_id)
    text = pdf_text(printed.pdf).replace(" ", "")
    assert mask_id(numbers[0]) in text
    for number in numbers:
        assert number[6:14] not in text
        assert as_imported(number).strip() not in text
