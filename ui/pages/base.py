"""What every page of the main window is: a titled widget that refreshes on change news."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from app.services.changed import Changed
from ui.i18n import QT_TRANSLATE_NOOP
from ui.session import AppSession


class Page(QWidget):
    """A page: shown in the main window's stack, told when it is shown and what changed."""

    #: ask the main window to open another page: (page name, record id)
    navigate = Signal(str, str)

    #: the page's name (its accessible name); each page marks it with its own class as the
    #: context, and the page's tr() translates it
    title = QT_TRANSLATE_NOOP("Page", "页面")

    def __init__(self, session: AppSession) -> None:
        super().__init__()
        self.session = session
        self.setAccessibleName(self.tr(self.title))
        session.changed.connect(self.on_changed)

    def activate(self, record_id: str = "") -> None:
        """The page is being shown (for `record_id`, on pages about one record)."""

    def on_changed(self, changed: Changed) -> None:
        """A use case changed records; refresh what this page shows of them."""
