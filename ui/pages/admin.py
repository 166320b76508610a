"""The 管理 page of the admin: users and areas, devices, imports and the audit log, each a tab,
all online against the server's admin API; offline, each tab says so and sends nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QToolButton, QVBoxLayout, QWidget

from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.admin_devices import AdminDevices
from ui.pages.admin_users import AdminUsers
from ui.pages.base import Page
from ui.session import AppSession


class AdminPage(Page):
    """Administration of the district from the program (the admin role only)."""

    title = QT_TRANSLATE_NOOP("AdminPage", "管理")

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.tabs = QTabWidget(self)
        self.tabs.setUsesScrollButtons(False)  # four short tabs always fit: no arrows
        for arrow in self.tabs.tabBar().findChildren(QToolButton):
            arrow.setAccessibleName("")  # Qt's English "Scroll Left" on a button never shown
        self.tabs.setAccessibleName(self.tr("管理"))
        self.users = AdminUsers(session)
        self.tabs.addTab(self.users, self.tr("用户和地区(&U)"))
        self.devices = AdminDevices(session)
        self.tabs.addTab(self.devices, self.tr("设备(&D)"))
        self.loaded: set[int] = set()
        self.tabs.currentChanged.connect(lambda _i: self.activate())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def tab_pages(self) -> list[QWidget]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def activate(self, record_id: str = "") -> None:
        """The shown tab reads the server the first time it is shown (offline: says so)."""
        index = self.tabs.currentIndex()
        tab = self.tabs.currentWidget()
        if index in self.loaded or not hasattr(tab, "refresh"):
            return
        if tab.link.online():  # type: ignore[attr-defined]
            self.loaded.add(index)
            tab.refresh()
