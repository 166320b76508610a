"""Idle lock: after a quiet while, the window locks; the password opens it again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    """Watches the application's input events; emits `idle` after `minutes` without any."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.watch(minutes)

    def watch(self, minutes: int) -> None:
        """Watch the application's input (again, after `stop`)."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)  # once: installing again only moves it to the front
        self.set_minutes(minutes)

    def stop(self) -> None:
        """The window closes: no more watching the application, no lock later."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.minutes = 0
        self.timer.stop()

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.minutes > 0:
            self.timer.start()
        return False
