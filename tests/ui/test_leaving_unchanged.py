"""Opening a form or a step dialog and leaving it unchanged writes nothing, anywhere.

Every table of the database is compared before and after (its row count and its latest
change), so a draft, an outbox row or a touched record left behind by merely looking
cannot come back through any table. Only the audit of a view is expected: who looked at
whose data is logged on purpose.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from app.domain import renovation as rules
from app.domain import workflow
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import FormResponse, RenovationCase
from tests.ui.visit_support import YEAR, settle
from ui.forms.choices import ChoiceField
from ui.pages.case import CasePage
from ui.pages.visit import VisitPage
from ui.session import AppSession

Snapshot = dict[str, tuple[int, str]]


def snapshot(db: Database) -> Snapshot:
    """Each table's row count and latest change (audit of views left out: logged on purpose)."""
    found: Snapshot = {}
    with db.session() as s:
        conn = s.connection()
        tables = [r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ))]  # fmt: skip
        for table in tables:
            columns = {r[1] for r in conn.execute(text(f'PRAGMA table_info("{table}")'))}
            where = ""
            if table == "audit_event":
                where = " WHERE action <> 'view'"
            elif table == "outbox":
                where = " WHERE entity <> 'audit_event'"
            latest = "max(updated_at)" if "updated_at" in columns else "''"
            count, last = conn.execute(
                text(f'SELECT count(*), {latest} FROM "{table}"{where}')
            ).one()
            found[table] = (int(count), str(last or ""))
    return found


def changed_tables(before: Snapshot, after: Snapshot) -> dict[str, tuple[object, object]]:
    return {t: (before.get(t), after.get(t)) for t in set(before) | set(after)
            if before.get(t) != after.get(t)}  # fmt: skip


def household_with(db: Database, form_id: str, state: str | None) -> tuple[str, str]:
    """(household id, its village's member) of a household with a `form_id` response in
    `state` this year, or, with state None, a person whose Form A is not started."""
    with db.session() as s:
        if state is None:
            started = select(FormResponse.person_id).where(
                FormResponse.survey_round == str(YEAR), FormResponse.person_id.is_not(None)
            )
            row = s.execute(
                select(Household.id, Household.area_code)
                .join(Person, Person.household_id == Household.id)
                .where(Person.status == "active", Person.id.not_in(started))
                .order_by(Household.id)
            ).first()
        else:
            row = s.execute(
                select(Household.id, Household.area_code)
                .join(FormResponse, FormResponse.household_id == Household.id)
                .where(FormResponse.form_id == form_id, FormResponse.state == state,
                       FormResponse.survey_round.like(f"{YEAR}%"))
                .order_by(Household.id)
            ).first()  # fmt: skip
    assert row is not None, (form_id, state)
    return row[0], f"m{row[1][6:]}"


def look_through(qtbot: QtBot, page: QWidget) -> None:
    """Tab across the shown form, as a member reading it does, and back."""
    for key in (Qt.Key.Key_Tab,) * 12 + (Qt.Key.Key_Backtab,) * 4:
        target = QApplication.focusWidget() or page
        qtbot.keyClick(target, key)


def open_every_form(qtbot: QtBot, page: VisitPage) -> list[str]:
    """Open each form of the visit in turn (cases open their own page: left out)."""
    opened = []
    for index, entry in enumerate(page.entries):
        if entry.is_case:
            continue
        page.entry_list.setCurrentRow(index)

        def shown(row: int = index) -> None:
            rid = page.entries[row].response_id
            assert rid is not None and page.current == rid and rid in page.forms

        qtbot.waitUntil(shown, timeout=15_000)
        form = page.current_form()
        assert form is not None
        form.setFocus()
        look_through(qtbot, page)
        opened.append(f"{entry.form_id}:{entry.state}")
    return opened


@pytest.mark.parametrize(
    ("form_id", "state"),
    [
        ("dynamic-update", None),  # Form A not started: shown pre-filled
        ("income-monitoring", workflow.ASSIGNED),  # Form B the district assigned
        ("dynamic-update", workflow.DRAFT),  # a draft (the visit's facts are added)
        ("dynamic-update", workflow.RETURNED),  # returned by the reviewer
        ("dynamic-update", workflow.COMPLETED),  # read only
    ],
)
def test_opening_a_visit_and_leaving_it_unchanged_writes_nothing(
    qtbot: QtBot, district: Database, form_id: str, state: str | None
) -> None:
    household_id, member = household_with(district, form_id, state)
    before = snapshot(district)
    page = VisitPage(AppSession(district, member))
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    page.activate(household_id)
    qtbot.waitUntil(lambda: bool(page.entries), timeout=15_000)
    opened = open_every_form(qtbot, page)
    assert opened
    page.hide()  # the member goes to another page
    settle()
    page.flush()  # and the window closes (or locks)
    settle()
    assert changed_tables(before, snapshot(district)) == {}, opened
    page.close()
    settle()


def test_a_form_opened_then_changed_starts_with_the_change(
    qtbot: QtBot, district: Database
) -> None:
    """The other side: the first real change starts the response, with the visit's facts."""
    household_id, member = household_with(district, "dynamic-update", None)
    page = VisitPage(AppSession(district, member))
    qtbot.addWidget(page)
    page.show()
    page.activate(household_id)
    qtbot.waitUntil(lambda: page.current_form() is not None, timeout=15_000)
    form = page.current_form()
    assert form is not None and page.current is not None
    rid = page.current
    field = form.rows["method"].field
    assert isinstance(field, ChoiceField)
    qtbot.mouseClick(field.buttons["3"], Qt.MouseButton.LeftButton)
    page.hide()
    qtbot.waitUntil(lambda: not page.saver.busy, timeout=10_000)
    settle()
    with district.session() as s:
        response = s.get(FormResponse, rid)
        assert response is not None
        assert response.state == workflow.DRAFT and response.answers["method"] == "3"
        assert response.answers["fill_date"]  # the visit's own facts came with it
    page.close()
    settle()


def case_of(db: Database, state: str) -> tuple[str, str]:
    """(case id, its village's member) of a case in `state`."""
    with db.session() as s:
        row = s.execute(
            select(RenovationCase.id, Household.area_code)
            .join(Household, Household.id == RenovationCase.household_id)
            .where(RenovationCase.state == state)
            .order_by(RenovationCase.id)
        ).first()
    assert row is not None, state
    return row[0], f"m{row[1][6:]}"


@pytest.mark.parametrize("how", ["escape", "close"])
@pytest.mark.parametrize("state", [rules.NEED_REGISTERED, rules.ASSESSED, rules.PLAN_APPROVED])
def test_every_step_dialog_closed_unchanged_writes_nothing(
    qtbot: QtBot, district: Database, state: str, how: str
) -> None:
    """C1 (assessment), C2 (plan) and every other step offered: opened, looked at, closed."""
    case_id, member = case_of(district, state)
    page = CasePage(AppSession(district, member))
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    page.activate(case_id)
    before = snapshot(district)
    steps = [b for b in page.move_buttons if b.isEnabled()]
    assert steps
    for button in steps:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        dialog = page.dialog
        if dialog is None or not dialog.isVisible():
            continue  # a step without a dialog (a file chooser, a question)
        look_through(qtbot, dialog)
        if how == "escape":
            QTest.keyClick(dialog, Qt.Key.Key_Escape)
        else:
            dialog.close()
        qtbot.waitUntil(dialog.isHidden, timeout=20_000)
    settle()
    assert changed_tables(before, snapshot(district)) == {}
    page.close()
    settle()
