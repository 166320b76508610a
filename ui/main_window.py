"""The main window: navigation between pages, menus, the idle lock, remembered layout."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QWidget,
)

from app.services import audit
from app.store.keys import derive_key, keyinfo_path, read_keyinfo
from ui import preferences, theme
from ui.announce import say
from ui.i18n import QT_TRANSLATE_NOOP
from ui.idle import IdleWatcher
from ui.lock_panel import LockPanel
from ui.pages.base import Page
from ui.preferences import Preferences
from ui.session import AppSession
from ui.window_lock import WindowSeal

#: (name, title with mnemonic, shortcut, module, class, roles or None for all)
#: (the titles are translated by MainWindow.tr when shown)
PAGES: tuple[tuple[str, str, str, str, str, tuple[str, ...] | None], ...] = (
    ("today", QT_TRANSLATE_NOOP("MainWindow", "今日(&1)"), "Ctrl+1", "ui.pages.today",
     "TodayPage", None),
    ("households", QT_TRANSLATE_NOOP("MainWindow", "户和人员(&2)"), "Ctrl+2",
     "ui.pages.households", "HouseholdsPage", None),
    ("review", QT_TRANSLATE_NOOP("MainWindow", "审核(&3)"), "Ctrl+3", "ui.pages.review",
     "ReviewPage", ("reviewer", "admin")),
    ("cases", QT_TRANSLATE_NOOP("MainWindow", "无障碍改造(&4)"), "Ctrl+4", "ui.pages.cases",
     "CasesPage", None),
    ("sync", QT_TRANSLATE_NOOP("MainWindow", "同步(&5)"), "Ctrl+5", "ui.pages.sync",
     "SyncPage", None),
    ("settings", QT_TRANSLATE_NOOP("MainWindow", "设置(&6)"), "Ctrl+6", "ui.pages.settings",
     "SettingsPage", None),
    ("tasks", QT_TRANSLATE_NOOP("MainWindow", "变动核对(&7)"), "Ctrl+7", "ui.pages.tasks",
     "TasksPage", None),
    ("stats", QT_TRANSLATE_NOOP("MainWindow", "统计(&8)"), "Ctrl+8", "ui.pages.stats",
     "StatsPage", None),
    ("subsidy_checks", QT_TRANSLATE_NOOP("MainWindow", "补贴提醒(&9)"), "Ctrl+9",
     "ui.pages.subsidy_checks", "SubsidyChecksPage", None),
    ("admin", QT_TRANSLATE_NOOP("MainWindow", "管理(&0)"), "Ctrl+0", "ui.pages.admin",
     "AdminPage", ("admin",)),
)  # fmt: skip
#: the roles in the status bar (translated by MainWindow.tr when shown)
ROLE_NAMES = {
    "member": QT_TRANSLATE_NOOP("MainWindow", "专职委员"),
    "reviewer": QT_TRANSLATE_NOOP("MainWindow", "审核员"),
    "admin": QT_TRANSLATE_NOOP("MainWindow", "管理员"),
}
#: pages about one record, opened from others
DETAIL_PAGES = {
    "household": ("ui.pages.household", "HouseholdPage"),
    "visit": ("ui.pages.visit", "VisitPage"),
    "case": ("ui.pages.case", "CasePage"),
}


def _page_class(module: str, name: str) -> type[Page] | None:
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except ModuleNotFoundError:
        return None  # a page this build does not have


#: the window's size on a large screen; a smaller screen is filled (a 1366×768 laptop)
PREFERRED_SIZE = QSize(1180, 760)


class PageFrame(QScrollArea):
    """A page in the window's stack: scrolled when it needs more room than the screen has,
    so that no page makes the window taller or wider than the screen."""

    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page
        # not widgetResizable: that gives a page with wrapped text its preferred height
        # (the whole form), where the page should get the window's height and only its
        # minimum decides when to scroll
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWidget(page)
        page.installEventFilter(self)

    def fit(self) -> None:
        """The page fills the frame, or takes its minimum size and scrolls."""
        room, least = self.maximumViewportSize(), self.page.minimumSizeHint()
        if least.width() > room.width():  # a horizontal bar takes some of the height
            room.setHeight(room.height() - self.horizontalScrollBar().sizeHint().height())
        if least.height() > room.height():
            room.setWidth(room.width() - self.verticalScrollBar().sizeHint().width())
        self.page.resize(room.expandedTo(least))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return super().eventFilter(watched, event)


def _focus_first(page: QWidget) -> None:
    """Focus the first control of `page` that Tab reaches (the page may be hidden yet)."""
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        tab = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if tab and widget.isEnabled() and page.isAncestorOf(widget) and widget.isVisibleTo(page):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = widget.nextInFocusChain()


class MainWindow(QMainWindow):
    """Pages in a stack, a navigation list, menus, the idle lock."""

    def __init__(
        self, session: AppSession, prefs: Preferences | None = None, *, title_area: str = ""
    ) -> None:
        super().__init__()
        self.session = session
        self.prefs = prefs or preferences.load()
        self.setWindowTitle(" — ".join(x for x in (title_area, session.display_name) if x))
        self.pages: dict[str, Page] = {}
        self.frames: dict[str, PageFrame] = {}
        self.stack = QStackedWidget()
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("页面导航"))
        # Tab goes round the page shown, never out to the list: F6 (or a click) reaches it
        self.nav.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self._nav_names: list[str] = []
        view_menu = self.menuBar().addMenu(self.tr("页面(&V)"))
        for name, title, shortcut, module, cls, roles in PAGES:
            if roles is not None and session.role not in roles:
                continue
            if _page_class(module, cls) is None:
                continue
            item = QListWidgetItem(self.tr(title).replace("&", ""))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, self.tr(title).replace("&", ""))
            self.nav.addItem(item)
            self._nav_names.append(name)
            action = QAction(self.tr(title), self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _c=False, n=name: self.open_page(n))
            view_menu.addAction(action)
        to_list = QAction(self.tr("页面列表(&N)"), self)
        to_list.setShortcut(QKeySequence("F6"))
        to_list.triggered.connect(lambda: self.nav.setFocus(Qt.FocusReason.ShortcutFocusReason))
        view_menu.addAction(to_list)
        self._fit_nav()
        self.body = QWidget()
        row = QHBoxLayout(self.body)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.lock_panel = LockPanel(self.unlock)
        self.outer = QStackedWidget()
        self.outer.addWidget(self.body)
        self.outer.addWidget(self.lock_panel)
        self.setCentralWidget(self.outer)
        #: while locked: nothing reachable but the lock panel (every action, page, dialog)
        self.seal = WindowSeal(self, self.outer, self.lock_panel, self.body)

        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        find = QAction(self.tr("查找户(&F)"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self.find_household)
        lock = QAction(self.tr("锁定(&L)"), self)
        lock.setShortcut(QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock)
        quit_action = QAction(self.tr("退出(&Q)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        # 备份 for every role where a user looks for it (also on 设置); 恢复 stays on the
        # unlock screen: the open database cannot be replaced under the program
        backup = QAction(self.tr("备份数据(&B)…"), self)
        backup.triggered.connect(self.open_backup)
        self.backup_dialog: QDialog | None = None
        for action in (find, backup, lock, quit_action):
            file_menu.addAction(action)
        # -- exports (issue 14): reviewers and the admin, in ui/export_dialog.py -----------
        from ui.export_dialog import EXPORT_ROLES

        if session.role in EXPORT_ROLES:
            export = QAction(self.tr("导出数据(&E)…"), self)
            export.setShortcut(QKeySequence("Ctrl+Shift+E"))
            export.triggered.connect(lambda: self.open_export())
            file_menu.insertAction(lock, export)
        self.export_dialog: QDialog | None = None
        # -- publishing forms and settings (issue 15): the admin, in ui/publish_action.py ---
        from ui.publish_action import ADMIN, PublishAction

        self.publishing = PublishAction(session, self)
        if session.role == ADMIN:
            publish = QAction(self.tr("发布表单或设置(&U)…"), self)
            publish.triggered.connect(self.publishing.choose)
            file_menu.insertAction(lock, publish)
        # -- end of exports --------------------------------------------------------------
        #: other parts of the program (prints) add their actions here
        self.print_menu = self.menuBar().addMenu(self.tr("打印(&P)"))
        # -- prints (issue 5): the actions of the 打印 menu, in ui/print_preview.py --------
        from ui.print_menu import PrintActions

        self.prints = PrintActions(self)
        # -- end of prints ---------------------------------------------------------------
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.status_label.setText(
            self.tr("%s（%s）")
            % (session.display_name, self.tr(ROLE_NAMES.get(session.role, session.role)))
        )

        self._closed = False  # a closed window never locks again (its seal would outlive it)
        #: a request refused because the server stopped this user or laptop locks at once
        session.stopped.connect(self.stop)
        self.idle = IdleWatcher(self.prefs.idle_lock_minutes, self)
        self.idle.idle.connect(self.lock)
        geometry, state = preferences.load_window()
        if geometry is None or not self.restoreGeometry(geometry):
            self.fit_to_screen()
        if state is not None:
            self.restoreState(state)
        self.open_page("today")

    def fit_to_screen(self) -> None:
        """The first size: the preferred one, or the whole free area of a smaller screen."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            self.resize(PREFERRED_SIZE)
            return
        free = screen.availableGeometry()
        roomy = free.size() - PREFERRED_SIZE * 1.25
        if roomy.width() >= 0 and roomy.height() >= 0:
            self.resize(PREFERRED_SIZE)
            return
        # the title bar is outside the size given to resize()
        title = self.style().pixelMetric(self.style().PixelMetric.PM_TitleBarHeight)
        self.move(free.topLeft())
        self.resize(free.width(), max(200, free.height() - title))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._fit_nav()
        super().changeEvent(event)

    def _fit_nav(self) -> None:
        """The page list as wide as its longest title in the current text size."""
        frame = self.nav.frameWidth() * 2 + self.nav.verticalScrollBar().sizeHint().width()
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + frame)

    # -- pages ---------------------------------------------------------------------------

    def page(self, name: str) -> Page | None:
        """The page called `name`, made on first use."""
        if name in self.pages:
            return self.pages[name]
        spec = next(((m, c) for n, _t, _s, m, c, _r in PAGES if n == name), None)
        spec = spec or DETAIL_PAGES.get(name)
        cls = _page_class(*spec) if spec else None
        if cls is None:
            return None
        page = cls(self.session, self.prefs) if name == "settings" else cls(self.session)  # type: ignore[call-arg]
        page.navigate.connect(self.open_page)
        if name == "settings":
            page.preferences_changed.connect(self.apply_preferences)  # type: ignore[attr-defined]
        self.pages[name] = page
        self.frames[name] = PageFrame(page)
        self.stack.addWidget(self.frames[name])
        return page

    def open_page(self, name: str, record_id: str = "") -> None:
        page = self.page(name)
        if page is None:
            return
        frame = self.frames[name]
        switching = self.stack.currentWidget() is not frame
        if switching:
            # the page takes the focus while still hidden, then shows: a screen reader hears
            # one focus change, not one to the page list and another into the page
            leaving = QApplication.focusWidget()
            page.activate(record_id)
            now = QApplication.focusWidget()
            lost = leaving is not None and self.stack.isAncestorOf(leaving)
            if lost and (now is None or not page.isAncestorOf(now)):
                _focus_first(page)  # the page did not choose: its first control
        # while the pages switch, focus may land on the navigation list, which would pick
        # its first row and open Today: keep it quiet until the switch is done
        self.nav.blockSignals(True)
        try:
            self.stack.setCurrentWidget(frame)
            self.nav.setCurrentRow(self._nav_names.index(name) if name in self._nav_names else -1)
        finally:
            self.nav.blockSignals(False)
        if not switching:
            page.activate(record_id)

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(self._nav_names):
            self.open_page(self._nav_names[row])

    def current_page(self) -> Page | None:
        frame = self.stack.currentWidget()
        return frame.page if isinstance(frame, PageFrame) else None

    def open_backup(self) -> None:
        """文件 → 备份数据…: the backup dialog of 设置, over this window."""
        from ui.backup_dialogs import BackupDialog

        self.backup_dialog = BackupDialog(self.session.db, parent=self)
        self.backup_dialog.open()

    def open_export(self, template: str = "") -> None:
        """The export dialog (reviewers and the admin), on `template` when given."""
        from ui.export_dialog import EXPORT_ROLES, ExportDialog

        if self.session.role not in EXPORT_ROLES:
            return
        self.export_dialog = ExportDialog(self.session, self, template=template)
        self.export_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog.open()

    def find_household(self) -> None:
        self.open_page("households")
        page = self.pages.get("households")
        if page is not None:
            page.focus_search()  # type: ignore[attr-defined]

    # -- preferences ---------------------------------------------------------------------

    def apply_preferences(self, prefs: Preferences) -> None:
        self.prefs = prefs
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, prefs, app.font().family())
        self.idle.set_minutes(prefs.idle_lock_minutes)

    # -- lock ------------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.seal.sealed

    def lock(self) -> None:
        """Save the work in progress, then hide everything behind the password."""
        if self.locked or self._closed:
            return
        self.save_work()
        audit.record(self.session.db, self.session.username, "lock")
        self.seal.seal(self.lock_panel.password)
        say(self.lock_panel, self.lock_panel.message.text())

    def stop(self, code: str) -> None:
        """The server disabled the user or revoked this laptop (`code`): save the work and
        lock now, saying why; the data stays, encrypted (`ui.account_stop`)."""
        if self._closed:
            return
        from ui.account_stop import locked_now_text

        self.lock_panel.show_stopped(locked_now_text(code))
        if self.locked:
            say(self.lock_panel, self.lock_panel.message.text())
            return
        self.lock()

    def unlock(self, password: str, server_password: str = "") -> bool | None:
        """True: unlocked; False: not the password; None: the server is asked first (the
        laptop is locked for the server's refusal), the panel hears its answer."""
        from app.store import account_lock

        info = read_keyinfo(keyinfo_path(self.session.db.path))
        if not password or derive_key(password, info) != self.session.db.key:
            return False
        if account_lock.locked(self.session.db):
            self._reinstate(password, server_password)
            return None
        self._unlocked()
        return True

    def _reinstate(self, password: str, server_password: str) -> None:
        """A fresh sign-in off the UI thread (`sync.client.reinstate`): unlocked when the
        admin let this laptop back in; asks for the server password an admin reset."""
        from app.store import account_lock
        from sync.client import reinstate
        from ui.account_stop import PASSWORD_WANTED, answer_text

        db = self.session.db
        code = account_lock.locked(db)

        def answered(answer: object) -> None:
            if self._closed:
                return
            if not answer:
                self.lock_panel.answered("")
                self._unlocked()
                return
            text = answer_text(str(answer), code, server_password)
            self.lock_panel.answered(text, server_wanted=answer == PASSWORD_WANTED)

        self.session.run(
            lambda _report: reinstate(db, password, server_password),
            answered,
            lambda exc: self.lock_panel.answered(str(exc)),
        )

    def _unlocked(self) -> None:
        self.seal.release()
        self.outer.setCurrentWidget(self.body)
        audit.record(self.session.db, self.session.username, "unlock")
        self.idle.set_minutes(self.prefs.idle_lock_minutes)
        page = self.current_page()
        if page is not None:
            page.setFocus()

    def save_work(self) -> None:
        """Every page saves what is being typed (a visit's drafts): nothing is ever lost."""
        for page in self.pages.values():
            save = getattr(page, "flush", None) or getattr(page, "save_work", None)
            if callable(save):
                save()

    def showEvent(self, event: QShowEvent) -> None:
        if self._closed:  # shown again after a close: the idle lock watches again
            self._closed = False
            self.idle.watch(self.prefs.idle_lock_minutes)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_work()
        preferences.save_window(self.saveGeometry(), self.saveState())
        # nothing application-wide outlives the window: the lock's filter and the idle watch
        self._closed = True
        self.seal.end()
        self.idle.stop()
        self.session.db.close()
        super().closeEvent(event)
