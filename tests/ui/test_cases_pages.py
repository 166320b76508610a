"""Renovation cases: the board by state, and one case walked through its whole life cycle
from the case page, by clicking its buttons and filling its dialogs, as member and reviewer."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain import renovation as rules
from app.services import photos
from app.store.database import Database
from app.store.registry import Household
from app.store.work import Attachment, RenovationCase
from tests.ui.visit_support import settle, type_chinese
from ui.main_window import MainWindow
from ui.pages.case import CasePage
from ui.pages.case_dialogs import AssessmentDialog, MoveDialog, PhotoDialog, StepDialog
from ui.pages.case_plan import AcceptanceDialog, PlanDialog, SettleDialog
from ui.pages.cases import CasesPage
from ui.preferences import Preferences
from ui.session import AppSession

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox,
               QPlainTextEdit)  # fmt: skip


def case_in(db: Database, state: str) -> tuple[str, str, str]:
    """A case in `state`: (case id, its village's member, its town's reviewer)."""
    with db.session() as s:
        case_id, area = s.execute(
            select(RenovationCase.id, Household.area_code)
            .join(Household, Household.id == RenovationCase.household_id)
            .where(RenovationCase.state == state)
            .order_by(RenovationCase.id)
        ).first()  # type: ignore[misc]
    return case_id, f"m{area[6:]}", f"town{area[6:9]}"


def stored(db: Database, case_id: str) -> RenovationCase:
    with db.session() as s:
        case = s.get(RenovationCase, case_id)
        assert case is not None
        s.expunge(case)
        return case


def show(qtbot: QtBot, page: QWidget) -> None:
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)


def case_page(qtbot: QtBot, db: Database, user: str, case_id: str) -> CasePage:
    page = CasePage(AppSession(db, user))
    show(qtbot, page)
    page.activate(case_id)
    return page


def step(qtbot: QtBot, page: CasePage, name: str) -> StepDialog:
    """Click the step button called `name`; returns the dialog it opens."""
    buttons = [b for b in page.move_buttons if re.sub(r"\(&.\)|…", "", b.text()) == name]
    assert buttons, [b.text() for b in page.move_buttons]
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert page.dialog is not None and page.dialog.isVisible()
    return page.dialog


def save(qtbot: QtBot, dialog: StepDialog, *, refused: bool = False) -> None:
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    if refused:
        qtbot.waitUntil(
            lambda: dialog.save.isEnabled() and not dialog.error.isHidden(), timeout=15_000
        )
        assert dialog.isVisible() and not dialog.error.icon.pixmap().isNull()
    else:
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=15_000)


def photo_file(folder: Path, name: str, colour: tuple[int, int, int]) -> Path:
    """A 2400 x 1800 camera JPEG with its EXIF time."""
    image = Image.new("RGB", (2400, 1800), colour)
    ImageDraw.Draw(image).rectangle((300, 300, 1500, 1200), fill=(250, 250, 250))
    exif = Image.Exif()
    exif.get_ifd(0x8769)[36867] = "2026:11:20 09:30:00"
    path = folder / name
    image.save(path, "JPEG", exif=exif)
    return path


def add_photo(qtbot: QtBot, page: CasePage, code: str, stage: str, path: Path) -> None:
    dialog = step(qtbot, page, "添加照片")
    assert isinstance(dialog, PhotoDialog)
    dialog.item.setCurrentIndex(dialog.item.findData(code))
    dialog.stage.setCurrentIndex(dialog.stage.findData(stage))
    qtbot.keyClicks(dialog.files, str(path))
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.photos.thumbnail_count(code, stage) >= 1, timeout=15_000)


def test_models_pass_the_model_tester(qtbot: QtBot, qtmodeltester, district: Database) -> None:
    page = CasesPage(AppSession(district, "demo"))
    show(qtbot, page)
    page.activate()
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.counts)
    case_id, member, _reviewer = case_in(district, rules.SETTLED)
    detail = case_page(qtbot, district, member, case_id)
    for model in (detail.history, detail.plan, detail.steps, detail.acceptance):
        assert model.rowCount() >= 1
        qtmodeltester.check(model)


def test_the_board_shows_every_state_with_the_database_counts(
    qtbot: QtBot, district: Database
) -> None:
    page = CasesPage(AppSession(district, "demo"))
    show(qtbot, page)
    page.activate()
    with district.session() as s:
        cases = s.scalars(select(RenovationCase).where(RenovationCase.deleted.is_(False))).all()
        counts = Counter(c.state for c in cases)
    assert page.year.currentData() == ""  # every year: an open case of last year is open
    assert set(counts) == set(rules.STATE_LABELS)  # the demo district has every state
    open_count = sum(n for state, n in counts.items() if state not in rules.CLOSED_STATES)
    # "in progress" first, and chosen: the cases 今日 counts
    assert page.counts.data(page.counts.index(0)) == f"进行中（{open_count}）"
    assert len(page.model.rows) == open_count
    for row in range(1, page.counts.rowCount()):
        state = page.counts.state(row)
        wanted = counts[state] if state else sum(counts.values())
        text = page.counts.data(page.counts.index(row))
        assert text.endswith(f"（{wanted}）"), text
        if state:
            assert text.startswith(rules.STATE_LABELS[state])
    # a state chosen: only its cases; Enter opens the current one on the case page
    row = 2 + list(rules.STATE_LABELS).index(rules.RECTIFICATION)
    page.states.setCurrentIndex(page.counts.index(row))
    assert [r.state for r in page.model.rows] == [rules.RECTIFICATION] * counts[rules.RECTIFICATION]
    page.table.setFocus()
    with qtbot.waitSignal(page.navigate) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == ["case", page.model.rows[0].case_id]


def test_a_member_sees_the_cases_of_the_village_only(qtbot: QtBot, district: Database) -> None:
    case_id, member, _reviewer = case_in(district, rules.PUBLICISED)
    page = CasesPage(AppSession(district, member))
    show(qtbot, page)
    page.activate()
    assert [r.case_id for r in page.model.rows] == [case_id]
    assert page.village.count() == 2  # all, and the member's village
    with qtbot.waitSignal(page.navigate) as opened:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == ["case", case_id]


def test_the_main_window_opens_a_case_from_the_board_and_comes_back(
    qtbot: QtBot, district: Database
) -> None:
    window = MainWindow(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_page("cases")
    board = window.current_page()
    assert isinstance(board, CasesPage) and board.model.rowCount() >= 2  # those in progress
    wanted = board.model.rows[1].case_id
    board.table.selectRow(1)
    board.table.setFocus()
    qtbot.keyClick(board.table, Qt.Key.Key_Return)
    page = window.current_page()
    assert isinstance(page, CasePage) and page.case_id == wanted
    assert page.detail is not None and page.detail.head_name in page.heading.text()
    qtbot.mouseClick(page.back, Qt.MouseButton.LeftButton)
    assert window.current_page() is board
    settle()


def test_a_case_walks_its_whole_life_cycle_from_the_case_page(
    qtbot: QtBot, district: Database, tmp_path: Path
) -> None:
    case_id, member_name, reviewer_name = case_in(district, rules.NEED_REGISTERED)
    member = case_page(qtbot, district, member_name, case_id)
    reviewer = case_page(qtbot, district, reviewer_name, case_id)
    assert [b.text() for b in reviewer.move_buttons] == ["撤销个案(&W)…", "添加照片(&T)…"]

    # the member assesses: a house "not adaptable" needs an acknowledgement reason
    dialog = step(qtbot, member, "录入评估")
    assert isinstance(dialog, AssessmentDialog)
    type_chinese(dialog.wishes, "方便轮椅进出和如厕")
    dialog.door.lineEdit().selectAll()
    qtbot.keyClicks(dialog.door, "65")
    dialog.adaptable.setCurrentIndex(1)
    save(qtbot, dialog, refused=True)
    assert "住房不宜改造" in dialog.warnings.shown_text()
    assert stored(district, case_id).state == rules.NEED_REGISTERED  # nothing half saved
    type_chinese(dialog.acknowledge, "产权人已书面同意")
    save(qtbot, dialog)
    case = stored(district, case_id)
    assert case.state == rules.ASSESSED
    assert case.state_history[-1]["reason"] == "产权人已书面同意"
    assessment = next(e for e in case.items if e["part"] == "assessment")
    assert assessment["door_width_cm"] == 65 and assessment["house_adaptable"] is False
    shown = member.warnings.shown_text()  # the warning stays on the page, with its reason
    assert "住房不宜改造" in shown and "评估时的确认理由：产权人已书面同意" in shown

    # the plan: over the cap is refused until an override reason is given
    dialog = step(qtbot, member, "拟定方案")
    assert isinstance(dialog, PlanDialog)
    building = [c for c in dialog.suggested if dialog.catalogue.get(c).kind == "building"]  # type: ignore[union-attr]
    big, small = building[0], building[1]
    price = dialog.catalogue.get(big).price_fen  # type: ignore[union-attr]
    qtbot.mouseClick(dialog.ticks[big], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ticks[small], Qt.MouseButton.LeftButton)
    spin = dialog.quantities[big]
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, str(stored(district, case_id).cap_fen // price + 1))
    assert "超过上限" in dialog.total.text() and "超限理由" in dialog.problems.shown_text()
    save(qtbot, dialog, refused=True)
    assert "超过每户上限" in dialog.error.shown_text()
    assert stored(district, case_id).state == rules.ASSESSED
    type_chinese(dialog.override, "两处台阶均需坡化，经测量面积较大")
    save(qtbot, dialog)
    case = stored(district, case_id)
    assert case.state == rules.PLAN_DRAFTED and case.total_fen > case.cap_fen
    assert not member.over_cap.isHidden() and "超过上限" in member.over_cap.shown_text()
    assert member.plan.rowCount() == 2

    # before photos, from camera files
    add_photo(qtbot, member, big, "before", photo_file(tmp_path, "before.jpg", (90, 60, 30)))

    # the reviewer approves (an overridden plan needs a reason) and publicises
    reviewer.activate(case_id)
    dialog = step(qtbot, reviewer, "审批通过")
    save(qtbot, dialog, refused=True)
    assert "须填写理由" in dialog.error.shown_text()
    type_chinese(dialog.reason, "超限理由属实，同意")  # type: ignore[attr-defined]
    save(qtbot, dialog)
    save(qtbot, step(qtbot, reviewer, "公示"))
    assert stored(district, case_id).state == rules.PUBLICISED

    # the member records the works, then their completion, with an after photo
    member.activate(case_id)
    dialog = step(qtbot, member, "开始施工")
    save(qtbot, dialog, refused=True)  # no contractor
    assert isinstance(dialog, MoveDialog)
    type_chinese(dialog.fields["contractor"], "奉化安居装修队")
    save(qtbot, dialog)
    save(qtbot, step(qtbot, member, "完工"))
    add_photo(qtbot, member, big, "after", photo_file(tmp_path, "after.jpg", (30, 90, 160)))

    # acceptance with an item not done: rectification, then reworked and accepted
    reviewer.activate(case_id)
    dialog = step(qtbot, reviewer, "验收")
    assert isinstance(dialog, AcceptanceDialog)
    dialog.results[small].setCurrentIndex(dialog.results[small].findData("not_done"))
    assert "整改" in dialog.outcome.shown_text()
    save(qtbot, dialog)
    assert stored(district, case_id).state == rules.RECTIFICATION
    member.activate(case_id)
    save(qtbot, step(qtbot, member, "整改完成"))
    reviewer.activate(case_id)
    dialog = step(qtbot, reviewer, "验收")
    save(qtbot, dialog)
    assert reviewer.acceptance.rowCount() == 2

    # settled at the plan's prices (over the cap: the plan's override reason covers it)
    dialog = step(qtbot, reviewer, "结算")
    assert isinstance(dialog, SettleDialog) and "超过上限" in dialog.over.shown_text()
    save(qtbot, dialog)
    assert "实际费用" in reviewer.settlement.text()
    member.activate(case_id)
    dialog = step(qtbot, member, "回访")
    type_chinese(dialog.fields["finding"], "坡道使用良好")  # type: ignore[attr-defined]
    save(qtbot, dialog)

    case = stored(district, case_id)
    moves = [(h["from"], h["to"]) for h in case.state_history]
    assert [to for _f, to in moves] == [
        "need_registered", "assessed", "plan_drafted", "plan_approved", "publicised",
        "in_construction", "completed", "rectification", "completed", "accepted", "settled",
        "followed_up",
    ]  # fmt: skip
    assert member.state.text().endswith("已回访") and member.no_moves.isVisible()
    assert member.history.rowCount() == len(moves)

    # the item's before and after photos, reduced and stored encrypted, side by side
    with district.session() as s:
        shots = s.scalars(select(Attachment).where(Attachment.owner_id == case_id)).all()
    assert sorted((a.tag, a.caption) for a in shots) == [("after", big), ("before", big)]
    assert all(a.taken_at == datetime(2026, 11, 20, 9, 30) for a in shots)
    assert max(photos.size_of(district.blobs.get(shots[0].sha256))) == photos.LONGEST_SIDE
    before = member.photos.lists[(big, "before")]
    after = member.photos.lists[(big, "after")]
    qtbot.waitUntil(lambda: member.photos.thumbnail_count(big, "after") == 1, timeout=15_000)
    assert member.photos.thumbnail_count(big, "before") == 1

    def side_by_side() -> bool:
        left, right = (v.mapTo(member, v.rect().topLeft()) for v in (before, after))
        return left.y() == right.y() and left.x() + before.width() <= right.x()

    qtbot.waitUntil(side_by_side, timeout=20_000)  # once the new section is laid out
    settle()


def test_withdrawing_asks_the_reason_and_saves_nothing_without_it(
    qtbot: QtBot, district: Database
) -> None:
    case_id, member_name, _reviewer = case_in(district, rules.ASSESSED)
    page = case_page(qtbot, district, member_name, case_id)
    dialog = step(qtbot, page, "撤销个案")
    save(qtbot, dialog, refused=True)
    assert "必须填写理由" in dialog.error.shown_text()
    assert stored(district, case_id).state == rules.ASSESSED
    type_chinese(dialog.reason, "户主不同意改造")  # type: ignore[attr-defined]
    save(qtbot, dialog)
    assert stored(district, case_id).state == rules.WITHDRAWN
    assert page.move_buttons == [] and "没有可以办理" in page.no_moves.text()
    assert "已保存" in page.status.text()
    settle()


def controls(root: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        if not widget.isEnabled() or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        parent = widget.parentWidget()
        if parent is not None and isinstance(parent, QComboBox | QAbstractSpinBox):
            continue
        found.append(widget)
    return found


def nameless(root: QWidget) -> list[str]:
    missing = []
    for widget in controls(root):
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Text.Name).strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()}")
    return missing


def walk_tabs(qtbot: QtBot, page: QWidget) -> None:
    """Tab from the first control reaches every control, in reading order."""
    wanted = controls(page)
    wanted[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: wanted[0].hasFocus(), timeout=20_000)
    visited: list[QWidget] = []
    for _ in range(len(wanted) * 2 + 10):
        current = QApplication.focusWidget()
        if current in wanted and current not in visited:
            visited.append(current)
        if len(visited) == len(wanted):
            break
        qtbot.keyClick(current, Qt.Key.Key_Tab)
    assert [w.accessibleName() for w in wanted if w not in visited] == []
    positions = [w.mapTo(page, w.rect().topLeft()) for w in visited]
    for before, after, widget in zip(positions, positions[1:], visited[1:], strict=False):
        same_row = abs(after.y() - before.y()) < 12
        assert after.y() > before.y() or (same_row and after.x() > before.x()), (
            widget.accessibleName()
        )


@pytest.mark.parametrize("state", [rules.COMPLETED, rules.PLAN_DRAFTED])
def test_every_control_is_named_and_reached_by_tab(
    qtbot: QtBot, district: Database, state: str
) -> None:
    case_id, _member, reviewer_name = case_in(district, state)
    page = case_page(qtbot, district, reviewer_name, case_id)
    assert len(page.photos.controls()) >= 2  # before and after of each plan item
    assert nameless(page) == []
    walk_tabs(qtbot, page)
    board = CasesPage(AppSession(district, reviewer_name))
    show(qtbot, board)
    board.activate()
    assert nameless(board) == []
    walk_tabs(qtbot, board)
    settle()


def test_every_step_dialog_names_its_controls(qtbot: QtBot, district: Database) -> None:
    case_id, _member, _reviewer = case_in(district, rules.ACCEPTED)
    page = case_page(qtbot, district, "demo", case_id)
    detail = page.detail
    assert detail is not None
    catalogue = page.session.cases.catalogue
    dialogs: list[StepDialog] = [
        AssessmentDialog({}, page),
        PlanDialog(catalogue, "4", detail.plan, detail.cap_fen, "", page),
        AcceptanceDialog(detail.plan, page),
        SettleDialog(detail.plan, detail.cap_fen, page),
        PhotoDialog([("", "全屋")], "before", page),
    ] + [
        MoveDialog(state, target, "step", parent=page)
        for state, target in rules.CASES.rules
        if (state, target) not in rules.DATA_MOVES
    ]
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        if isinstance(dialog, PlanDialog):
            qtbot.keyClick(dialog.show_all, Qt.Key.Key_Space)
            assert dialog.show_all.isChecked()
            assert [c for c, t in dialog.ticks.items() if not t.isVisible()] == []
            assert all(isinstance(t, QCheckBox) for t in dialog.ticks.values())
        assert nameless(dialog) == [], dialog.windowTitle()
        dialog.close()
    settle()
