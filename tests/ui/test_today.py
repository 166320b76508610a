"""今日 leads to the day's work: lists that open with Enter, whose counts are their lengths.

Every count the page shows is checked against the list it heads, against what the
boards show (the review queue, the cases board, the season's progress) and against the
database, for users of every role of the demo district.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.domain import renovation as rules
from app.store import changes, rounds, today
from app.store.database import Database
from app.store.registry import Area, Assignment, Household, Person, User
from app.store.work import ChangeNotice, FormResponse, RenovationCase
from tests.ui.test_leaving_unchanged import changed_tables, snapshot
from tests.ui.visit_support import YEAR, settle
from ui.main_window import MainWindow
from ui.pages.cases import CasesPage
from ui.pages.review import ReviewPage
from ui.pages.today import TodayPage
from ui.pages.today_lists import WorkListModel, load_today
from ui.pages.visit import VisitPage
from ui.preferences import Preferences
from ui.session import AppSession


def users_by_role(db: Database) -> dict[str, list[str]]:
    """Every user of the demo district whose areas hold persons, by role (busiest first)."""
    with db.session() as s:
        persons = Counter(
            dict(
                s.execute(
                    select(Household.area_code, func.count(Person.id))
                    .join(Person, Person.household_id == Household.id)
                    .group_by(Household.area_code)
                ).all()
            )
        )
        found: dict[str, list[tuple[int, str]]] = {}
        for name, role, area in s.execute(
            select(User.username, User.role, Assignment.area_code).join(
                Assignment, Assignment.user_id == User.id
            )
        ):
            prefix = area.rstrip("0") if role != "member" else area
            held = sum(n for code, n in persons.items() if code.startswith(prefix))
            if held:
                found.setdefault(role, []).append((held, name))
    return {role: [n for _held, n in sorted(users, reverse=True)] for role, users in found.items()}


def show_today(qtbot: QtBot, session: AppSession) -> TodayPage:
    page = TodayPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    with qtbot.waitSignal(page.lists_ready, timeout=30_000):
        page.activate()
    return page


def in_scope(prefixes: list[str], area_code: str) -> bool:
    return any(area_code.startswith(p) for p in prefixes)


def database_counts(db: Database, prefixes: list[str]) -> dict[str, int]:
    """The same things counted straight from the tables (the tests' own definition)."""
    with db.session() as s:
        responses = s.execute(
            select(FormResponse.state, Household.area_code)
            .join(Household, Household.id == FormResponse.household_id)
            .where(FormResponse.deleted.is_(False))
        ).all()
        cases = s.execute(
            select(RenovationCase.state, Household.area_code)
            .join(Household, Household.id == RenovationCase.household_id)
            .where(RenovationCase.deleted.is_(False))
        ).all()
        persons = s.execute(
            select(Person.id, Household.area_code)
            .join(Household, Household.id == Person.household_id)
            .where(Person.deleted.is_(False), Person.status == "active")
        ).all()
        done = set(
            s.scalars(
                select(FormResponse.person_id).where(
                    FormResponse.form_id == rounds.FORM_A,
                    FormResponse.survey_round == str(YEAR),
                    FormResponse.deleted.is_(False),
                    FormResponse.state.in_(rounds.DONE),
                )
            )
        )
    return {
        "returned": sum(1 for st, a in responses if st == "returned" and in_scope(prefixes, a)),
        "drafts": sum(1 for st, a in responses if st == "draft" and in_scope(prefixes, a)),
        "review": sum(1 for st, a in responses if st == "submitted" and in_scope(prefixes, a)),
        "cases": sum(1 for st, a in cases
                     if st not in rules.CLOSED_STATES and in_scope(prefixes, a)),
        "due": sum(1 for pid, a in persons if pid not in done and in_scope(prefixes, a)),
    }  # fmt: skip


def test_every_users_counts_are_the_lengths_of_the_lists(district: Database) -> None:
    """The store's lists for every user of every role: each count is its list, and the
    persons to survey are the progress's 未完成, village by village."""
    users = users_by_role(district)
    assert set(users) == {"member", "reviewer", "admin"}
    for role, names in users.items():
        for name in names:
            session = AppSession(district, name)
            prefixes = session.scope_prefixes
            data = load_today(district, prefixes, YEAR, session.role, date.today())
            wanted = database_counts(district, prefixes)
            if role == "member":
                wanted.pop("review")  # a member has no review queue
            assert {k: len(data.lists[k]) for k in wanted} == wanted, name
            assert sum(p.to_do for p in data.progress) == len(data.lists["due"]), name
            with district.session() as s:
                due = today.to_survey(s.connection(), YEAR, prefixes)
            by_village = Counter(d.area_code for d in due)
            assert {p.area_code: p.to_do for p in data.progress if p.to_do} == by_village, name


@pytest.mark.parametrize("role", ["member", "reviewer", "admin"])
def test_the_page_shows_each_count_as_its_list_and_as_the_boards(
    qtbot: QtBot, district: Database, role: str
) -> None:
    name = users_by_role(district)[role][0]
    session = AppSession(district, name)
    page = show_today(qtbot, session)
    shown = {w.key: page.count(w.key) for w in page.lists}
    for work in page.lists:
        count = shown[work.key]
        heading = page.headings[work.key].text()
        assert f"（{count} " in heading, heading  # the heading says the list's length
        assert page.models[work.key].total() == count
        assert page.views[work.key].accessibleName() == heading.rsplit("(&", 1)[0]
        assert heading.rsplit("(&", 1)[0] in page.waiting_label.text()
    # the progress table's 未完成 is the number of persons listed
    total_row = page.progress.rowCount() - 1
    left = int(page.progress.data(page.progress.index(total_row, 3)))
    assert left == shown["due"] > 0
    # the cases board opens on the cases in progress: the same number, the same cases
    board = CasesPage(session)
    qtbot.addWidget(board)
    board.activate()
    assert board.counts.data(board.counts.index(0)) == f"进行中（{shown['cases']}）"
    assert f"其中进行中 {shown['cases']} 个" in board.status.text()
    today_cases = {page.models["cases"].row(r).record_id  # type: ignore[union-attr]
                   for r in range(page.models["cases"].rowCount())}  # fmt: skip
    assert {r.case_id for r in board.model.rows} == today_cases
    # the review queue holds what 今日 counts to review
    if "review" in shown:
        review = ReviewPage(session)
        qtbot.addWidget(review)
        review.activate()
        qtbot.waitUntil(lambda: review.model.rowCount() == shown["review"], timeout=15_000)
    settle()


def test_the_lists_pass_the_model_tester(qtbot: QtBot, qtmodeltester, district: Database) -> None:
    page = show_today(qtbot, AppSession(district, users_by_role(district)["reviewer"][0]))
    for model in page.models.values():
        qtmodeltester.check(model)
    big = WorkListModel(["a", "b"])
    rows = load_today(district, [], YEAR, "admin", date.today()).lists["due"]
    big.set_rows(rows)
    assert big.rowCount() == min(len(rows), WorkListModel.PAGE) and big.total() == len(rows)
    while big.canFetchMore():
        big.fetchMore()
    assert big.rowCount() == len(rows)
    qtmodeltester.check(big)
    settle()


def test_the_persons_due_come_nearest_first(district: Database) -> None:
    assert today.natural_key("条宅2号") < today.natural_key("条宅10号")
    assert today.natural_key("3组9号") < today.natural_key("3组10号") < today.natural_key("12组1号")
    with district.session() as s:
        due = today.to_survey(s.connection(), YEAR, [])
        villages = dict(s.execute(select(Area.code, Area.name)).all())
    assert due
    keys = [(d.area_code, today.natural_key(d.address)) for d in due]
    assert keys == sorted(keys)  # village by code, then the house numbers as numbers
    assert all(villages[d.area_code] == d.village for d in due)


def test_enter_and_a_double_click_open_every_list(qtbot: QtBot, district: Database) -> None:
    """Each list's first row opens what it is about, by Enter and by a double click."""
    reviewer = users_by_role(district)["reviewer"][0]
    member = users_by_role(district)["member"][0]
    with district.session() as s:  # a change notice to verify, in the member's village
        person_id = s.execute(
            select(Person.id)
            .join(Household, Household.id == Person.household_id)
            .where(Household.area_code == f"330213{member[1:]}")
        ).scalar()
    with district.transaction() as s:
        notice = changes.create(s, ChangeNotice, {"person_id": person_id, "kind": "death",
                                                  "source": "civil", "month": "2026-11"},
                                user="server")  # fmt: skip
        notice_id = notice.id
    opened: dict[str, tuple[str, str]] = {}
    for name in (reviewer, member):
        page = show_today(qtbot, AppSession(district, name))
        for key, view in page.views.items():
            row = page.models[key].row(0)
            if row is None:
                continue
            wanted = [row.page, row.target]
            view.setFocus()
            view.setCurrentIndex(page.models[key].index(0, 0))
            with qtbot.waitSignal(page.navigate) as by_key:
                qtbot.keyClick(view, Qt.Key.Key_Return)
            assert by_key.args == wanted, key
            rect = view.visualRect(page.models[key].index(0, 1))
            with qtbot.waitSignal(page.navigate) as by_mouse:  # press, release, press again
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert by_mouse.args == wanted, key
            opened[f"{name}:{key}"] = (row.page, row.target)
    assert opened[f"{member}:due"][0] == "visit"  # a member goes on to the visit
    assert opened[f"{member}:notices"] == ("tasks", notice_id)  # the task list, on the task
    assert opened[f"{reviewer}:due"][0] == "household"  # a reviewer looks at the household
    assert opened[f"{reviewer}:review"][0] == "review"
    assert opened[f"{reviewer}:cases"][0] == "case"
    settle()


def focus_chain(qtbot: QtBot, page: QWidget, first: QWidget) -> list[QWidget]:
    first.setFocus()
    seen = [first]
    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget() or page, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is None or widget is first or not page.isAncestorOf(widget):
            break
        seen.append(widget)
    return seen


def test_tab_reaches_every_list_with_what_it_is_and_how_many(
    qtbot: QtBot, district: Database
) -> None:
    page = show_today(qtbot, AppSession(district, users_by_role(district)["reviewer"][0]))
    reached = focus_chain(qtbot, page, page.buttons[0])
    lists = [w for w in reached if isinstance(w, QTableView)]
    wanted = [page.views[w.key] for w in page.lists if page.count(w.key)]
    assert lists[: len(wanted)] == wanted  # every list with work, in the page's order
    for view in wanted:
        name = view.accessibleName()
        assert name and any(ch.isdigit() for ch in name), name  # what it is, how many
        assert view.accessibleDescription()  # and what Enter does
    # the page opens with the focus on the first list with work, on its first row
    first = next(w.key for w in page.lists if page.count(w.key))
    assert page.views[first].hasFocus() or QApplication.focusWidget() in reached
    assert page.views[first].currentIndex().row() == 0
    settle()


def test_a_member_goes_from_today_to_the_next_visit_and_back_leaving_nothing(
    qtbot: QtBot, district: Database
) -> None:
    """Enter on the first person due opens that household's visit; looking and coming back
    writes nothing (no draft, no outbox row), so 今日 counts the same as before."""
    member = users_by_role(district)["member"][0]
    window = MainWindow(AppSession(district, member), Preferences())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.page("today")
    assert isinstance(page, TodayPage)
    with qtbot.waitSignal(page.lists_ready, timeout=30_000):
        window.open_page("today")
    counts = {w.key: page.count(w.key) for w in page.lists}
    first = page.models["due"].row(0)
    assert first is not None and page.views["due"].hasFocus()
    before = snapshot(district)
    qtbot.keyClick(page.views["due"], Qt.Key.Key_Return)
    visit = window.current_page()
    assert isinstance(visit, VisitPage) and visit.household_id == first.target
    qtbot.waitUntil(lambda: visit.current_form() is not None, timeout=15_000)
    with qtbot.waitSignal(page.lists_ready, timeout=30_000):
        window.open_page("today")
    settle()
    assert changed_tables(before, snapshot(district)) == {}
    assert {w.key: page.count(w.key) for w in page.lists} == counts
    settle()
