"""Every kind of print the print service makes has a way to it in the program: the real
widgets are driven offscreen, the PDF they produce is read back, the print is logged."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.printing.model import Mode
from app.services import prints as print_service
from app.services.prints import Prints
from app.services.visits import Visits
from app.store.database import Database
from app.store.registry import Person
from app.store.work import AuditEvent, FormResponse, RenovationCase
from tests.printing.pdf_tools import needs_poppler, pdf_text
from ui.main_window import MainWindow
from ui.preferences import Preferences
from ui.print_preview import PrintPreviewDialog
from ui.session import AppSession

pytestmark = needs_poppler

#: (method of Prints, paper or "", mode or "", own_file): one kind of print
Kind = tuple[str, str, str, bool]
#: the kind of print each method records in the audit log ("kind" of its detail)
LOGGED_AS = {
    "response": "form",
    "household_forms": "visit_forms",
    "day_visits": "day_visits",
    "case_paper": "case_{paper}",
    "publicity_list": "publicity",
    "accepted_cases": "accepted_cases",
    "weekly_report": "weekly",
    "statistics_report": "statistics",
}
#: kinds the service can make that the program does not offer, and why
NOT_OFFERED: dict[Kind, str] = {
    ("response", "", "prefilled", True): "a pre-filled form is a worksheet, never filed",
    ("household_forms", "", "", True): "pre-filled forms leave the office: masked only",
    ("day_visits", "", "", True): "pre-filled forms leave the office: masked only",
}
DONE = ("completed", "submitted", "accepted")


def service_kinds() -> set[Kind]:
    """Every kind the print service makes: its public methods times their options."""
    kinds: set[Kind] = set()
    for name, method in inspect.getmembers(Prints, inspect.isfunction):
        if name.startswith("_"):
            continue
        params = inspect.signature(method).parameters
        papers = list(print_service.PAPERS) if "paper" in params else [""]
        modes = [m.value for m in Mode] if "mode" in params else [""]
        copies = [False, True] if "own_file" in params else [False]
        kinds |= {(name, p, m, c) for p in papers for m in modes for c in copies}
    return kinds


# -- the ways to each print ------------------------------------------------------------------


def a_response(db: Database, states: tuple[str, ...]) -> FormResponse:
    with db.session() as s:
        found = s.scalars(
            select(FormResponse)
            .where(
                FormResponse.state.in_(states),
                FormResponse.survey_round == "2026",
                FormResponse.person_id.is_not(None),
            )
            .order_by(FormResponse.id)
        ).first()
        assert found is not None
        return found


def row_of(model: Any, record_id: str) -> int:
    rows = [r for r in range(model.rowCount()) if model.record_id(r) == record_id]
    assert rows, record_id
    return rows[0]


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def from_household_page(own_file: bool, states: tuple[str, ...] = DONE) -> Path_:
    def drive(qtbot: QtBot, window: MainWindow, db: Database) -> tuple[Any, str]:
        response = a_response(db, states)
        window.open_page("household", response.household_id)
        page: Any = window.pages["household"]
        page.forms_view.selectRow(row_of(page.forms, response.id))
        copies = page.form_copies
        click(qtbot, copies.own_file if own_file else copies.shared)
        return page.printing, response.id

    return drive


def from_visit_page(own_file: bool) -> Path_:
    def drive(qtbot: QtBot, window: MainWindow, db: Database) -> tuple[Any, str]:
        response = a_response(db, ("completed",))
        window.open_page("visit", response.household_id)
        page: Any = window.pages["visit"]
        qtbot.waitUntil(lambda: page.entry_of(response.id) >= 0, timeout=20000)
        page.entry_list.setCurrentRow(page.entry_of(response.id))
        qtbot.waitUntil(lambda: page.current == response.id, timeout=20000)
        click(qtbot, page.copies.own_file if own_file else page.copies.shared)
        return page.printing, response.id

    return drive


def from_review_page(own_file: bool) -> Path_:
    def drive(qtbot: QtBot, window: MainWindow, db: Database) -> tuple[Any, str]:
        response = a_response(db, ("submitted",))
        window.open_page("review", response.id)
        page: Any = window.pages["review"]
        qtbot.waitUntil(
            lambda: page.detail is not None and page.detail.response_id == response.id,
            timeout=20000,
        )
        click(qtbot, page.copies.own_file if own_file else page.copies.shared)
        return page.printing, response.id

    return drive


def from_case_page(paper: str, own_file: bool) -> Path_:
    def drive(qtbot: QtBot, window: MainWindow, db: Database) -> tuple[Any, str]:
        with db.session() as s:
            case = s.scalars(select(RenovationCase).where(RenovationCase.state == "accepted")).one()
        window.open_page("case", case.id)
        page: Any = window.pages["case"]
        button = page.print_papers
        assert button.isVisible() and button.isEnabled()
        [action] = [a for a in button.menu().actions() if a.data() == [paper, own_file]]
        action.trigger()
        return page.printing, case.id

    return drive


def from_print_menu(action_name: str, kwargs: dict[str, Any] | None = None) -> Path_:
    def drive(qtbot: QtBot, window: MainWindow, db: Database) -> tuple[Any, str]:
        record = ""
        if action_name == "household_forms":
            response = a_response(db, DONE)
            window.open_page("household", response.household_id)
            record = response.household_id
        if action_name == "day_visits":
            response = a_response(db, ("draft",))
            Visits(db, "demo").plan(response.household_id, date.today(), "")
        action = getattr(window.prints, action_name)
        assert action in window.print_menu.actions()
        action.trigger()
        return window.prints, record

    return drive


def from_stats_page(report: str) -> Path_:
    def drive(qtbot: QtBot, window: MainWindow, db: Database) -> tuple[Any, str]:
        window.open_page("stats")
        page: Any = window.pages["stats"]
        qtbot.waitUntil(lambda: page.data is not None, timeout=30000)
        button = page.print_button
        assert button.isVisible() and button.isEnabled()
        [action] = [a for a in button.menu().actions() if a is getattr(page, report)]
        action.trigger()
        return page.printing, ""

    return drive


Path_ = Callable[[QtBot, MainWindow, Database], tuple[Any, str]]
#: the ways to each kind, by name
PATHS: dict[str, tuple[Kind, Path_]] = {
    "household page, paper-file copy": (("response", "", "completed", True),
                                        from_household_page(True)),
    "household page, shared copy": (("response", "", "completed", False),
                                    from_household_page(False)),
    "household page, a form not done": (("response", "", "prefilled", False),
                                        from_household_page(False, ("draft", "returned"))),
    "visit page, paper-file copy": (("response", "", "completed", True), from_visit_page(True)),
    "visit page, shared copy": (("response", "", "completed", False), from_visit_page(False)),
    "review page, paper-file copy": (("response", "", "completed", True),
                                     from_review_page(True)),
    "review page, shared copy": (("response", "", "completed", False), from_review_page(False)),
    **{
        f"case page, {paper}, {'paper-file' if whole else 'shared'} copy": (
            ("case_paper", paper, "", whole), from_case_page(paper, whole))
        for paper in print_service.PAPERS
        for whole in (False, True)
    },
    "print menu, household's forms": (("household_forms", "", "", False),
                                      from_print_menu("household_forms")),
    "print menu, today's visits": (("day_visits", "", "", False), from_print_menu("day_visits")),
    "print menu, publicity list": (("publicity_list", "", "", False),
                                   from_print_menu("publicity")),
    "print menu, accepted cases": (("accepted_cases", "", "", False),
                                   from_print_menu("accepted")),
    "print menu, accepted cases, paper-file copy": (("accepted_cases", "", "", True),
                                                    from_print_menu("accepted_own_file")),
    "print menu, weekly report": (("weekly_report", "", "", False),
                                  from_print_menu("weekly_report")),
    "print menu, statistics report": (("statistics_report", "", "", False),
                                      from_print_menu("statistics_report")),
    "统计 page, weekly report": (("weekly_report", "", "", False),
                                from_stats_page("print_weekly")),
    "统计 page, statistics report": (("statistics_report", "", "", False),
                                    from_stats_page("print_statistics")),
}  # fmt: skip


def test_every_kind_of_print_has_a_way_to_it_or_a_reason_why_not() -> None:
    offered = {kind for kind, _path in PATHS.values()}
    assert not offered & set(NOT_OFFERED)
    assert service_kinds() - set(NOT_OFFERED) == offered
    assert set(NOT_OFFERED) <= service_kinds()  # no reason kept for a kind that is gone
    assert {name for name, *_ in service_kinds()} == set(LOGGED_AS)


@pytest.mark.parametrize("path", list(PATHS))
def test_the_way_to_a_print_makes_it_shows_it_and_logs_it(
    path: str, qtbot: QtBot, district: Database
) -> None:
    (method, paper, mode, own_file), drive = PATHS[path]
    window = MainWindow(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(window)
    window.resize(1300, 900)
    window.show()
    maker, record = drive(qtbot, window, district)
    qtbot.waitUntil(lambda: maker.dialog is not None, timeout=30000)
    dialog = maker.dialog
    assert isinstance(dialog, PrintPreviewDialog) and dialog.isVisible()
    text = pdf_text(dialog.printed.pdf)
    assert dialog.printed.pages >= 1 and text.strip()
    with district.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "print")).all()
    kinds = {e.detail.get("kind") for e in events}
    assert LOGGED_AS[method].format(paper=paper) in kinds
    copies = {e.detail.get("copy") for e in events if e.detail.get("kind") != "visit_cover"}
    assert copies == {"own_file" if own_file else "shared"}
    if mode:
        assert {e.detail.get("mode") for e in events} == {mode}
    if record and method in ("response", "case_paper"):
        assert record in {e.target_id for e in events}
        check_numbers(district, method, record, own_file, text)
    dialog.close()


def check_numbers(db: Database, method: str, record: str, own_file: bool, text: str) -> None:
    """The paper file's copy shows the person's whole ID number; the shared one never."""
    with db.session() as s:
        row = s.get(FormResponse if method == "response" else RenovationCase, record)
        person_id = getattr(row, "person_id", None)
        assert person_id is not None
        person = s.get(Person, person_id)
        assert person is not None
    flat = "".join(text.split())
    if own_file:
        assert "本人档案联" in text and person.id_number in flat
    else:
        assert "工作联" in text and person.id_number not in flat


def test_the_paper_file_copy_is_offered_for_done_forms_only(
    qtbot: QtBot, district: Database
) -> None:
    window = MainWindow(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(window)
    window.show()
    draft = a_response(district, ("draft",))
    window.open_page("household", draft.household_id)
    page: Any = window.pages["household"]
    page.forms_view.selectRow(row_of(page.forms, draft.id))
    assert page.form_copies.shared.isEnabled() and not page.form_copies.own_file.isEnabled()
    window.open_page("visit", draft.household_id)
    visit: Any = window.pages["visit"]
    qtbot.waitUntil(lambda: visit.entry_of(draft.id) >= 0, timeout=20000)
    visit.entry_list.setCurrentRow(visit.entry_of(draft.id))
    qtbot.waitUntil(lambda: visit.current == draft.id, timeout=20000)
    assert not visit.copies.own_file.isVisible() and not visit.copies.shared.isVisible()
