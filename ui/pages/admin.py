"""The 管理 page of the admin: users and areas, devices, imports, the audit log, published forms
and settings, and the income sample, each a tab, all online against the server's admin API;
offline, each tab says so and sends nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QToolButton, QVBoxLayout, QWidget

from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.admin_audit import AdminAudit
from ui.pages.admin_devices import AdminDevices
from ui.pages.admin_imports import AdminImports
from ui.pages.admin_published import AdminPublished
from ui.pages.admin_sample import AdminSample
from ui.pages.admin_users import AdminUsers
from ui.pages.base import Page
from ui.session import AppSession


class AdminPage(Page):
    """Administration of the district from the program (the admin role only)."""

    title = QT_TRANSLATE_NOOP("AdminPage", "管理")

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.tabs = QTabWidget(self)
        self.tabs.setUsesScrollButtons(False)  # six short tabs always fit: no arrows
        for arrow in self.tabs.tabBar().findChildren(QToolButton):
            arrow.setAccessibleName("")  # Qt's English "Scroll Left" on a button never shown
        self.tabs.setAccessibleName(self.tr("管理"))
        self.users = AdminUsers(session)
        self.devices = AdminDevices(session)
        self.imports = AdminImports(session)
        self.audit = AdminAudit(session)
        self.published = AdminPublished(session)
        self.sample = AdminSample(session)
        for tab, title in (
            (self.users, self.tr("用户和地区(&U)")),
            (self.devices, self.tr("设备(&D)")),
            (self.imports, self.tr("导入(&C)")),
            (self.audit, self.tr("日志(&G)")),
            (self.published, self.tr("发布(&B)")),
            (self.sample, self.tr("抽样(&Z)")),
        ):
            # each tab scrolls on its own at 200 %: the tab titles stay in view
            scroll = QScrollArea(self.tabs)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroll.setWidget(tab)
            self.tabs.addTab(scroll, title)
        self.loaded: set[int] = set()
        self.tabs.currentChanged.connect(lambda _i: self.activate())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def tab_pages(self) -> list[QWidget]:
        return [self.users, self.devices, self.imports, self.audit, self.published, self.sample]

    def show_tab(self, tab: QWidget) -> None:
        """Show the tab holding `tab` (one of tab_pages())."""
        self.tabs.setCurrentIndex(self.tab_pages().index(tab))

    def activate(self, record_id: str = "") -> None:
        """The shown tab says if the laptop is offline, or reads the server the first time."""
        index = self.tabs.currentIndex()
        tab = self.tab_pages()[index] if 0 <= index < self.tabs.count() else None
        link = getattr(tab, "link", None)
        if link is None or not link.online():
            return
        refresh = getattr(tab, "refresh", None)  # (imports have nothing to read first)
        if index not in self.loaded and refresh is not None:
            self.loaded.add(index)
            refresh()
