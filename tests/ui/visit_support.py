"""What the visit and review tests share: choosing households, typing, waiting, counting."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QPoint, Qt, QThreadPool
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.forms.context import FormContext
from app.forms.engine import FormEngine
from app.forms.loader import get_form
from app.services.responses import Responses
from app.store import rounds
from app.store.database import Database
from app.store.registry import Household
from app.store.work import FormResponse
from ui.forms.answer_text import fills_from_last
from ui.pages.visit import VisitPage
from ui.session import AppSession

YEAR = 2026
FORM_A = get_form("dynamic-update", "2021.1")


def type_chinese(widget: QWidget, text: str) -> None:
    """Type Chinese as an input method does (keyClicks with Chinese aborts Qt)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def settle() -> None:
    """Let every worker job end (before the database closes)."""
    QThreadPool.globalInstance().waitForDone(10_000)
    QApplication.processEvents()


@dataclass
class Candidate:
    """A household with one person due for Form A, and that person's last accepted answers."""

    household_id: str
    person_id: str
    member: str
    context: FormContext
    last: dict[str, Any]


def _context(responses: Responses, s: Any, household_id: str, person_id: str) -> FormContext:
    probe = FormResponse(form_id=FORM_A.id, form_version=FORM_A.version,
                         survey_round=str(YEAR), household_id=household_id,
                         person_id=person_id)  # fmt: skip
    return responses.context(s, probe)


def unchanged_answers(candidate: Candidate) -> dict[str, Any]:
    """What confirming every section as last year's gives (with this visit's own facts)."""
    engine = FormEngine(FORM_A)
    answers = engine.prefill(candidate.context, candidate.last)
    for item in FORM_A.top_items():
        if fills_from_last(item) and item.name in candidate.last:
            answers.setdefault(item.name, candidate.last[item.name])
    answers.update(surveyor="专职委员", fill_date=date.today().isoformat(), signature="x")
    return answers


def candidates(db: Database, *, employed: str | None = None) -> list[Candidate]:
    """Households whose only due form is one person's Form A, not started, aged 20 to 55,
    with last year's answers still valid this year (no error once confirmed unchanged)."""
    responses = Responses(db, "probe", "member")
    engine = FormEngine(FORM_A)
    found: list[Candidate] = []
    with db.session() as s:
        due: dict[str, list[rounds.DueForm]] = defaultdict(list)
        for d in rounds.due_forms(s.connection(), YEAR):
            due[d.household_id].append(d)
        for household_id, forms in sorted(due.items()):
            if len(forms) != 1 or forms[0].form_id != rounds.FORM_A or forms[0].state:
                continue
            person_id = forms[0].person_id or ""
            context = _context(responses, s, household_id, person_id)
            age = context.age_of(context.registry.get("person.id_number"))
            probe = FormResponse(form_id=FORM_A.id, survey_round=str(YEAR),
                                 household_id=household_id, person_id=person_id)  # fmt: skip
            last = responses.last_accepted(s, probe)
            if age is None or not 20 <= age <= 55 or not last or last.get("method") != "1":
                continue
            if employed is not None and last.get("employed") != employed:
                continue
            household = s.get(Household, household_id)
            assert household is not None
            member = f"m{household.area_code[6:]}"
            candidate = Candidate(household_id, person_id, member, context, last)
            issues = engine.validate(unchanged_answers(candidate), context, last=last)
            if not any(i.is_error for i in issues):
                found.append(candidate)
    return found


def response_of(db: Database, person_id: str) -> FormResponse:
    with db.session() as s:
        response = s.scalars(
            select(FormResponse).where(
                FormResponse.person_id == person_id, FormResponse.survey_round == str(YEAR)
            )
        ).one()
        s.expunge(response)
        return response


def open_visit(qtbot: QtBot, session: AppSession, household_id: str) -> VisitPage:
    """The visit page of a household, shown, with its first form open."""
    page = VisitPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    page.activate(household_id)

    def opened() -> None:
        assert "出错" not in page.status.text(), page.status.text()
        assert page.current_form() is not None

    qtbot.waitUntil(opened, timeout=15_000)
    return page


@dataclass
class Actions:
    """Counts what the member does: clicks and shortcut key presses."""

    qtbot: QtBot
    done: list[str] = field(default_factory=list)

    def click(self, widget: QWidget, what: str = "") -> None:
        assert widget.isEnabled() and widget.isVisibleTo(widget.window()), what
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.done.append(f"click {what or widget.accessibleName()}")

    def key(self, widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier, what: str) -> None:
        self.qtbot.keyClick(widget, key, modifiers)
        self.done.append(f"key {what}")


def sign(qtbot: QtBot, pad: QWidget) -> None:
    """Two strokes of a signature, by mouse drags (not counted as actions)."""
    for y in (40, 70):
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, y))
        for x in range(40, 220, 30):
            qtbot.mouseMove(pad, QPoint(x, y + (x // 30) % 3 * 6))
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(230, y + 5))


def each_tab(page: QWidget) -> Iterator[str]:
    """The page as shown (""), then with each other tab of its tab widgets shown in turn (its
    name): a walker that looks at what is visible then sees every tab, not only the first."""
    yield ""
    for tabs in page.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        start = tabs.currentIndex()
        for index in range(tabs.count()):
            if index == start:
                continue
            tabs.setCurrentIndex(index)
            settle()
            yield f" tab {tabs.tabText(index)}"
        tabs.setCurrentIndex(start)
        settle()
