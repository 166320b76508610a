"""Low vision: every page and main dialog at 200 % text on a 1366×768 laptop screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QThreadPool
from PySide6.QtGui import QColor, QFont, QImage, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QSpinBox,
    QStyle,
    QStyleOptionButton,
    QStyleOptionSlider,
    QTableView,
    QTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.printing.model import Mode
from app.services.prints import Prints
from app.services.registry import Registry
from app.store.database import Database
from app.store.registry import Household, Person
from app.store.work import FormResponse, RenovationCase
from tests.ui.visit_support import candidates, each_tab
from ui import theme
from ui.backup_dialogs import BackupDialog, RestoreDialog
from ui.export_dialog import ExportDialog
from ui.first_login import FirstLoginDialog
from ui.fonts import install_font
from ui.main_window import DETAIL_PAGES, PAGES, MainWindow
from ui.pages import subsidy_dialogs
from ui.pages.case_dialogs import AssessmentDialog
from ui.pages.household_dialogs import household_dialog, person_dialog
from ui.pages.person_move import PersonMoveDialog
from ui.pages.registry_dialogs import (
    add_household_dialog,
    add_person_dialog,
    new_certificate_dialog,
)
from ui.pages.review import ReturnDialog
from ui.pages.side_panel import SidePanel
from ui.pages.task_outcome import OutcomeDialog
from ui.pages.visit import VisitPage
from ui.preferences import Preferences
from ui.print_preview import PrintPreviewDialog
from ui.rows_model import MAIN_LIST_ROWS
from ui.same_password import SamePasswordDialog
from ui.session import AppSession
from ui.style_sheet import HEADING_SCALE
from ui.unlock import UnlockDialog

#: a 1366×768 screen less a 40-pixel taskbar
SCREEN = QSize(1366, 728)


@pytest.fixture
def large_text() -> Iterator[QApplication]:
    """The program's own font at 200 %; the application's font as it was afterwards."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QFont(app.font())
    theme.apply(app, Preferences(text_size=200), install_font(app))
    yield app
    restore_theme(app)
    app.setFont(before)


def restore_theme(app: QApplication) -> None:
    """The standard theme at the test session's text size, for the tests that follow (the
    windows closed by the test are deleted first: polishing them again takes seconds)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    theme.apply(app, Preferences())


def settle() -> None:
    for _ in range(3):
        QThreadPool.globalInstance().waitForDone(10_000)
        QApplication.processEvents()


def in_scroll_area(widget: QWidget, top: QWidget) -> bool:
    """Whether `widget` sits in a scrolled area inside `top` (scrolling brings it into view)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def unseen_buttons(top: QWidget, seen: QRect, origin: QWidget) -> list[str]:
    """The visible buttons of `top` (outside its scrolled areas) not wholly inside `seen`
    (a rectangle in `origin`'s coordinates)."""
    found = []
    for button in top.findChildren(QPushButton):
        if not button.isVisible() or in_scroll_area(button, top):
            continue
        where = QRect(button.mapTo(origin, button.rect().topLeft()), button.size())
        if not seen.contains(where):
            found.append(button.text())
    return found


def squeezed_labels(top: QWidget) -> list[str]:
    """Short visible texts laid out a character or two a line (more than three lines high,
    or narrower than three characters)."""
    found = []
    for label in top.findChildren(QLabel):
        text = label.text()
        if not label.isVisible() or not text:
            continue
        metrics = label.fontMetrics()
        short = len(text) <= 24 and "\n" not in text
        lines = label.heightForWidth(label.width()) if label.wordWrap() else label.height()
        tall = lines > metrics.lineSpacing() * 3.5
        narrow = label.width() < min(
            metrics.horizontalAdvance(text), metrics.horizontalAdvance("汉") * 3
        )
        if short and (tall or narrow):
            found.append(f"{text} ({label.width()}×{label.height()})")
    return found


def elided_trees(top: QWidget) -> list[str]:
    """Visible trees with a column narrower than its texts (at 200 % the area tree cut its
    codes to "3302…": a tree scrolls sideways rather than cut what it shows)."""
    found = []
    for tree in top.findChildren(QTreeView):
        if not tree.isVisible():
            continue
        header = tree.header()
        for column in range(header.count()):
            if header.isSectionHidden(column):
                continue
            if header.sectionSize(column) < tree.sizeHintForColumn(column):
                found.append(f"{tree.accessibleName()} column {column}")
    return found


def cramped_tables(top: QWidget) -> list[str]:
    """Visible tables whose view holds fewer than their first three columns (at 200 % the
    task list showed only its due date and village: no name)."""
    found = []
    for table in top.findChildren(QTableView):
        header = table.horizontalHeader()
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)][:3]
        if not table.isVisible() or len(columns) < 3:
            continue
        wanted = sum(header.sectionSize(c) for c in columns)
        if table.viewport().width() < wanted:
            found.append(f"{table.accessibleName()} ({table.viewport().width()} < {wanted})")
    return found


def _stretch_of(widget: QWidget) -> int | None:
    """The stretch the layout holding `widget` gives it (None: not in a box layout)."""
    parent = widget.parentWidget()
    top = parent.layout() if parent is not None else None
    todo: list[QLayout] = [top] if top is not None else []
    while todo:
        layout = todo.pop()
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if item is None:
                continue
            if item.widget() is widget:
                return layout.stretch(index) if isinstance(layout, QBoxLayout) else None
            inner = item.layout()
            if inner is not None:
                todo.append(inner)
    return None


def one_line_row(view: QAbstractItemView) -> int:
    """The height of a row of one line of text in `view`."""
    row = view.fontMetrics().lineSpacing() + 8
    if isinstance(view, QTableView):
        return max(row, view.verticalHeader().defaultSectionSize())
    return row


def beside_a_form(view: QWidget) -> bool:
    """Whether `view` is in a side panel beside a form (the visit, the review): the form is
    what that page is for and keeps the height; the side folds away or narrows."""
    parent = view.parentWidget()
    while parent is not None:
        if isinstance(parent, SidePanel):
            return True
        parent = parent.parentWidget()
    return False


def short_main_lists(page: QWidget) -> list[str]:
    """Visible tables and lists the page lets grow (a stretch in their layout: the page's
    main lists) with room for fewer than MAIN_LIST_ROWS rows (the 管理 users tab showed
    three users at 200 %, the rest of its height given to the form for a new user)."""
    found = []
    for view in page.findChildren(QAbstractItemView):
        if isinstance(view, QHeaderView) or not view.isVisible():
            continue
        if view.window() is not page.window():  # a combo box's popup
            continue
        if not _stretch_of(view) or beside_a_form(view):
            continue
        rows = view.viewport().height() / one_line_row(view)
        if rows < MAIN_LIST_ROWS:
            found.append(f"{view.accessibleName()} ({rows:.1f} rows)")
    return found


def open_window(qtbot: QtBot, db: Database, user: str) -> MainWindow:
    window = MainWindow(AppSession(db, user), Preferences(text_size=200))
    qtbot.addWidget(window)
    window.resize(SCREEN)
    window.show()
    qtbot.waitExposed(window)
    return window


#: what records() found (every test's district is a copy of the same one)
FOUND: list[tuple[str, str, str, str]] = []


def records(db: Database) -> tuple[str, str, str, str]:
    """A household due for a visit, its village's member, a case, its town's reviewer."""
    if FOUND:
        return FOUND[0]
    candidate = candidates(db)[0]
    with db.session() as s:
        case_id, area = s.execute(
            select(RenovationCase.id, Household.area_code)
            .join(Household, Household.id == RenovationCase.household_id)
            .order_by(RenovationCase.id)
            .limit(1)
        ).one()
    FOUND.append((candidate.household_id, candidate.member, case_id, f"town{area[6:9]}"))
    return FOUND[0]


def test_every_page_fits_a_1366x768_screen_at_200_percent(
    qtbot: QtBot, district: Database, large_text: QApplication
) -> None:
    household, member, case_id, reviewer = records(district)
    wanted = {"household": household, "visit": household, "case": case_id}
    names = [name for name, *_ in PAGES] + list(DETAIL_PAGES)
    problems: list[str] = []
    checked: list[str] = []
    for user in (member, reviewer, "demo"):  # the admin: the 管理 page and its tabs
        window = open_window(qtbot, district, user)
        for page_name in names:
            if window.page(page_name) is None or (user == "demo" and page_name != "admin"):
                continue
            window.open_page(page_name, wanted.get(page_name, ""))
            settle()
            qtbot.wait(10)
            page = window.current_page()
            assert page is not None
            for tab in each_tab(page):
                name = page_name + tab
                checked.append(name)
                problems += fits(window, page, page_name, name)
        window.close()
    assert {"today", "households", "household", "visit", "case", "review"} <= set(checked)
    assert {"admin tab 发布(&B)", "admin tab 抽样(&Z)"} <= set(checked)
    assert problems == [], "\n".join(problems)


def fits(window: MainWindow, page: QWidget, page_name: str, name: str) -> list[str]:
    """What of the page does not fit the window at 200 % (nothing, when all is well)."""
    problems: list[str] = []
    least = window.minimumSizeHint()
    if least.width() > SCREEN.width() or least.height() > SCREEN.height():
        problems.append(f"{name}: the window needs at least {least.toTuple()}")
    if window.size() != SCREEN:
        problems.append(f"{name}: the window grew to {window.size().toTuple()}")
    frame = window.frames[page_name]
    seen = QRect(frame.viewport().mapTo(window, frame.viewport().rect().topLeft()),
                 frame.viewport().size())  # fmt: skip
    seen = seen.intersected(window.rect())
    for text in unseen_buttons(page, seen, window):
        problems.append(f"{name}: button {text} is out of view")
    for text in squeezed_labels(page):
        problems.append(f"{name}: label {text} is squeezed")
    for text in cramped_tables(page):
        problems.append(f"{name}: table {text} shows less than three columns")
    for text in elided_trees(page):
        problems.append(f"{name}: tree {text} cuts its texts")
    for text in short_main_lists(page):
        problems.append(f"{name}: list {text} has room for fewer than {MAIN_LIST_ROWS} rows")
    return problems


def test_the_form_gets_the_height_of_the_visit_page_and_the_side_folds_away(
    qtbot: QtBot, district: Database, large_text: QApplication
) -> None:
    household, member, _case, _reviewer = records(district)
    window = open_window(qtbot, district, member)
    window.open_page("visit", household)
    page = window.current_page()
    assert isinstance(page, VisitPage)
    qtbot.waitUntil(lambda: page.current_form() is not None, timeout=15_000)
    settle()
    assert page.stack.height() >= page.height() * 0.5, (page.stack.height(), page.height())
    finish = page.buttons["finish"]
    assert finish.isVisible() and window.rect().contains(
        QRect(finish.mapTo(window, finish.rect().topLeft()), finish.size())
    )
    width = page.stack.width()
    page.side_toggle.click()
    settle()
    assert not page.side.isVisible() and page.stack.width() > width
    assert page.side_toggle.accessibleName() == page.side_toggle.text().replace("&", "")
    page.side_toggle.click()
    assert page.side.isVisible() and page.entry_list.isVisible()


def test_review_gives_the_form_the_height(
    qtbot: QtBot, district: Database, large_text: QApplication
) -> None:
    _household, _member, _case, reviewer = records(district)
    window = open_window(qtbot, district, reviewer)
    window.open_page("review")
    page = window.current_page()
    assert page is not None
    qtbot.waitUntil(lambda: page.form is not None, timeout=15_000)  # type: ignore[attr-defined]
    settle()
    stack = page.stack  # type: ignore[attr-defined]
    assert stack.height() >= page.height() * 0.5, (stack.height(), page.height())
    # beside it, the queue keeps room for the rows of a main list (the differences below
    # it give way; the line between them moves)
    queue = page.table  # type: ignore[attr-defined]
    assert queue.viewport().height() >= MAIN_LIST_ROWS * one_line_row(queue)


def dialogs(db: Database, tmp_path: Path) -> Iterator[QDialog]:
    with db.session() as s:
        household = s.scalars(select(Household).limit(1)).one()
        person = s.scalars(select(Person).limit(1)).one()
        s.expunge_all()
    yield UnlockDialog(lambda _u, _p: db, user="m001001")
    yield FirstLoginDialog(tmp_path / "new.db")
    yield UnlockDialog(lambda _u, _p: db, user="m001001", restore_path=db.path)
    yield BackupDialog(db)
    yield SamePasswordDialog(AppSession(db, "demo"), "the server's password")
    yield RestoreDialog(tmp_path / "restored.db")
    yield household_dialog(household, None)
    yield person_dialog(person, None)
    registry = Registry(db, "demo")
    yield add_household_dialog(registry, [(household.area_code, "村")], None)
    yield add_person_dialog(registry, household.id, None)
    yield new_certificate_dialog(registry, person, None)
    yield PersonMoveDialog(db, registry, person, [], None)
    yield from subsidy_dialogs.every_dialog(None)
    yield ReturnDialog("张三")
    yield AssessmentDialog({})
    yield OutcomeDialog(
        "王堃（奉中社区）：死亡 2026-12-01",
        lambda _o, _h: [{"action": "cancel", "reason": "1", "on": "2026-12-01"}],
        [("h1", "奉中社区 南山路1号 张三")],
        moving=True,
    )
    with db.session() as s:
        response = s.scalars(select(FormResponse).where(FormResponse.state == "accepted")).first()
        assert response is not None
    yield PrintPreviewDialog(Prints(db, "demo").response(response.id, Mode.COMPLETED))
    yield ExportDialog(AppSession(db, "demo"), template="form-a-labels")


def test_the_main_dialogs_fit_the_screen_at_200_percent(
    qtbot: QtBot, district: Database, tmp_path: Path, large_text: QApplication
) -> None:
    problems: list[str] = []
    shown = 0
    for dialog in dialogs(district, tmp_path):
        qtbot.addWidget(dialog)
        name = dialog.windowTitle() or type(dialog).__name__
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if least.width() > SCREEN.width() or least.height() > SCREEN.height():
            problems.append(f"{name}: needs at least {least.toTuple()}")
        dialog.show()
        qtbot.waitExposed(dialog)
        shown += 1
        if dialog.width() < least.width() or dialog.height() < least.height():
            problems.append(
                f"{name}: shown at {dialog.size().toTuple()}, narrower than its content"
            )
        # taller than its screen, a dialog hides its buttons below it (the test's screen is
        # 800 tall; a dialog's first size is made for the screen it opens on)
        title = dialog.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
        free = dialog.screen().availableGeometry().size()
        if dialog.height() + title > free.height():
            problems.append(f"{name}: {dialog.size().toTuple()} is taller than the screen")
        seen = dialog.rect()
        for text in unseen_buttons(dialog, seen, dialog):
            problems.append(f"{name}: button {text} is out of view")
        for text in squeezed_labels(dialog):
            problems.append(f"{name}: label {text} is squeezed")
        for text in cramped_tables(dialog):
            problems.append(f"{name}: table {text} shows less than three columns")
        dialog.close()
    assert shown == 22  # with the five subsidy dialogs, the three of backups, one password
    assert problems == []


# -- high contrast: every control shows its edge and its state ---------------------------


def luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


ALL_SIDES = ("top", "bottom", "left", "right")


def edge_contrast(
    image: QImage,
    rect: QRect,
    background: QColor,
    depth: int = 4,
    sides: tuple[str, ...] = ALL_SIDES,
) -> float:
    """How well the edge of `rect` stands out: on each side, lines across the edge (the
    middle half of the side) each take their best contrast within `depth` pixels of it;
    the side's value is the median line, and the edge's the weakest side."""
    found: list[float] = []
    left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
    across = range(left + rect.width() // 4, right - rect.width() // 4)
    down = range(top + rect.height() // 4, bottom - rect.height() // 4)
    inward = range(depth)
    lines = {
        "top": [[(x, top + d) for d in inward] for x in across],
        "bottom": [[(x, bottom - d) for d in inward] for x in across],
        "left": [[(left + d, y) for d in inward] for y in down],
        "right": [[(right - d, y) for d in inward] for y in down],
    }
    for side, points in lines.items():
        if side not in sides:
            continue
        best = sorted(
            max(contrast(image.pixelColor(x, y), background) for x, y in line) for line in points
        )
        found.append(best[len(best) // 2] if best else 1.0)
    return min(found)


@pytest.fixture(params=[False, True], ids=["standard", "high-contrast"])
def themed(request: pytest.FixtureRequest) -> Iterator[bool]:
    """The application in the standard theme, then in high contrast (at 100 % text)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, Preferences(high_contrast=request.param))
    yield request.param
    HOLDERS.clear()
    restore_theme(app)


#: the windows the controls are drawn on, kept until the test ends
HOLDERS: list[QWidget] = []


def rendered(qtbot: QtBot, widget: QWidget, size: QSize) -> tuple[QImage, QRect, QColor]:
    """`widget` drawn on a window of the theme: the picture, where the widget is in it, and
    the window's colour around it."""
    holder = QWidget()
    HOLDERS.append(holder)
    qtbot.addWidget(holder)
    holder.setAutoFillBackground(True)
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(12, 12, 12, 12)
    layout.addWidget(widget)
    widget.setFixedSize(size)
    holder.show()
    qtbot.waitExposed(holder)
    QApplication.processEvents()
    image = holder.grab().toImage()
    rect = QRect(widget.mapTo(holder, QPoint(0, 0)), widget.size())
    return image, rect, image.pixelColor(3, 3)


def model_of(rows: int) -> QStandardItemModel:
    model = QStandardItemModel(rows, 2)
    for row in range(rows):
        model.setItem(row, 0, QStandardItem(f"王{row}"))
    return model


def framed_controls() -> list[tuple[str, QWidget]]:
    """A control of every kind whose edge the member must see."""
    combo = QComboBox()
    combo.addItems(["1 入户", "2 见面"])
    day = QDateEdit()
    day.setCalendarPopup(True)
    table = QTableView()
    table.setModel(model_of(2))
    group = QGroupBox("户信息")
    QVBoxLayout(group).addWidget(QLabel("地址"))
    return [
        ("QLineEdit", QLineEdit("张三")),
        ("QTextEdit", QTextEdit("说明")),
        ("QPlainTextEdit", QPlainTextEdit("回执")),
        ("QComboBox", combo),
        ("QSpinBox", QSpinBox()),
        ("QDateEdit", day),
        ("QPushButton", QPushButton("保存")),
        ("QTableView", table),
        ("QListWidget", QListWidget()),
        ("QGroupBox", group),
    ]


def test_every_control_shows_its_edge(qtbot: QtBot, themed: bool) -> None:
    weak = []
    for name, widget in framed_controls():
        image, rect, background = rendered(qtbot, widget, QSize(220, 90))
        # a group box's title sits on its top edge
        sides = (
            ("bottom", "left", "right")
            if isinstance(widget, QGroupBox)
            else ("top", "bottom", "left", "right")
        )
        ratio = edge_contrast(image, rect, background, sides=sides)
        if ratio < 3:
            weak.append(f"{name} {ratio:.1f}:1")
    assert weak == []


def test_a_dialog_shows_its_edge(qtbot: QtBot, themed: bool) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(300, 200)
    dialog.show()
    qtbot.waitExposed(dialog)
    window = QApplication.palette().color(QPalette.ColorRole.Window)  # what it opens over
    assert edge_contrast(dialog.grab().toImage(), dialog.rect(), window) >= 3


@pytest.mark.parametrize("kind", [QCheckBox, QRadioButton])
def test_tick_boxes_show_their_edge_and_their_state(
    qtbot: QtBot, themed: bool, kind: type[QCheckBox] | type[QRadioButton]
) -> None:
    pictures = []
    for checked in (False, True):
        box = kind("有")
        box.setChecked(checked)
        image, rect, background = rendered(qtbot, box, QSize(120, 40))
        option = QStyleOptionButton()
        box.initStyleOption(option)
        element = (
            QStyle.SubElement.SE_CheckBoxIndicator
            if kind is QCheckBox
            else QStyle.SubElement.SE_RadioButtonIndicator
        )
        mark = box.style().subElementRect(element, option, box).translated(rect.topLeft())
        assert mark.width() >= 8, mark
        if not checked:
            ratio = edge_contrast(image, mark, background, depth=3)
            assert ratio >= 3, f"unchecked {kind.__name__}: {ratio:.1f}:1"
        pictures.append((image, mark))
    (unchecked, mark), (checked_image, _) = pictures
    inner = mark.adjusted(
        mark.width() // 4, mark.height() // 4, -mark.width() // 4, -mark.height() // 4
    )
    points = [(x, y) for x in range(inner.left(), inner.right() + 1)
              for y in range(inner.top(), inner.bottom() + 1)]  # fmt: skip
    differ = [
        p for p in points if contrast(unchecked.pixelColor(*p), checked_image.pixelColor(*p)) >= 3
    ]
    assert len(differ) >= len(points) * 0.15, (len(differ), len(points))


def test_a_scroll_bar_handle_stands_out_from_its_track(qtbot: QtBot, themed: bool) -> None:
    bar = QScrollBar(Qt.Orientation.Vertical)
    bar.setRange(0, 100)
    bar.setPageStep(20)
    image, rect, background = rendered(qtbot, bar, QSize(bar.sizeHint().width(), 240))
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    handle = (
        bar.style()
        .subControlRect(
            QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarSlider, bar
        )
        .translated(rect.topLeft())
    )
    assert handle.height() >= 10, handle
    track = image.pixelColor(rect.center().x(), rect.bottom() - 6)
    inside = image.pixelColor(handle.center())
    assert contrast(inside, track) >= 3, (inside.name(), track.name())
    assert edge_contrast(image, rect, background, depth=2) >= 3  # the bar against the window


@pytest.fixture
def standard_afterwards() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield app
    restore_theme(app)


def test_an_open_form_and_dialog_follow_text_size_and_theme(
    qtbot: QtBot, district: Database, standard_afterwards: QApplication
) -> None:
    app = standard_afterwards
    household, member, _case, _reviewer = records(district)
    window = MainWindow(AppSession(district, member), Preferences())
    qtbot.addWidget(window)
    window.resize(SCREEN)
    window.show()
    qtbot.waitExposed(window)
    window.open_page("visit", household)
    visit = window.current_page()
    assert isinstance(visit, VisitPage)
    qtbot.waitUntil(lambda: visit.current_form() is not None, timeout=15_000)
    form = visit.current_form()
    assert form is not None
    title = next(iter(form.rows.values())).title
    sizes = (title.font().pointSizeF(),)
    grows = theme.BASE_POINT_SIZE * 2 / app.font().pointSizeF()
    dialog = ReturnDialog("张三", window)
    dialog.show()
    label = dialog.findChild(QLabel)
    assert label is not None
    before = label.font().pointSizeF()
    window.open_page("settings")
    settings = window.pages["settings"]
    settings.size_combo.setCurrentIndex(settings.size_combo.findData(200))  # type: ignore[attr-defined]
    settings.contrast_box.setChecked(True)  # type: ignore[attr-defined]
    settings.apply()  # type: ignore[attr-defined]
    window.open_page("visit", household)
    QApplication.processEvents()
    assert title.font().pointSizeF() == pytest.approx(sizes[0] * grows, rel=0.05)
    assert title.font().bold()  # an item's title keeps its weight
    heading = theme.BASE_POINT_SIZE * 2 * HEADING_SCALE
    assert visit.heading.font().pointSizeF() == pytest.approx(heading, rel=0.05)
    # no text anywhere stays at a size of its own
    sizes_now = (pytest.approx(app.font().pointSizeF()), pytest.approx(heading, rel=0.05))
    stale = {
        f"{type(w).__name__} {w.font().pointSizeF()}"
        for w in window.findChildren(QWidget) + dialog.findChildren(QWidget)
        if w.font().pointSizeF() not in sizes_now
    }
    assert stale == set()
    assert label.font().pointSizeF() == pytest.approx(before * grows, rel=0.05)
    black = QColor("#000000")
    assert title.palette().color(QPalette.ColorRole.Window) == black
    assert dialog.palette().color(QPalette.ColorRole.Window) == black
    picture = title.grab().toImage()
    assert picture.pixelColor(1, 1) == black  # drawn in the theme, not only told it
    dialog.close()
