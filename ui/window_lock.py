"""What locking seals: every action, shortcut, menu, page and open window until the password.

The main window shows its lock panel in place of the pages; `WindowSeal` makes sure nothing
else is reachable meanwhile. It disables every QAction and QShortcut of the window and hides
its menu bar, status bar and tool bars; it veils every other window of the program (dialogs,
previews, message boxes: their contents hidden and their input off, also for those that open
while locked, such as a print finishing in the background) and closes open menus; and an
application event filter lets keys and shortcuts reach nothing but the lock panel. A modal
dialog would keep the keyboard from the main window, so while one is open the lock panel moves
into a dialog of its own above it. Unlocking puts everything back as it was: a veiled dialog
comes back with what was typed in it. The seal ends with its window: closing a locked window
removes the filter and closes what it veiled, so a later window of the same process is free.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

#: input that must reach only the lock panel while locked
KEYBOARD = {
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.ShortcutOverride,
    QEvent.Type.InputMethod,
    QEvent.Type.Shortcut,
}


@dataclass
class _Veil:
    """A window whose contents are hidden while locked, and what to give back."""

    window: QWidget
    title: str
    enabled: bool
    hidden: list[QWidget] = field(default_factory=list)
    cover: QLabel | None = None


class LockHost(QDialog):
    """The lock panel's place above an open modal dialog, which holds the keyboard otherwise."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("已锁定"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.layout_ = QVBoxLayout(self)

    def reject(self) -> None:
        """Escape does not take the lock away."""


class WindowSeal(QObject):
    """Seals a main window while it is locked (see the module's docstring)."""

    def __init__(
        self, window: QMainWindow, stack: QStackedWidget, panel: QWidget, body: QWidget
    ) -> None:
        super().__init__(window)
        self.window = window
        self.stack = stack  # shows `body` (the pages) or `panel` (the lock)
        self.panel = panel
        self.body = body
        self.focus: QWidget = panel
        self.host: LockHost | None = None
        self.placeholder: QLabel | None = None  # in the stack while the panel is in the host
        self.sealed = False
        self._actions: list[QAction] = []
        self._shortcuts: list[QShortcut] = []
        self._bars: list[QWidget] = []
        self._veils: dict[int, _Veil] = {}

    # -- sealing -------------------------------------------------------------------------

    def seal(self, focus: QWidget) -> None:
        """Make nothing but the lock panel reachable; `focus` takes the keyboard."""
        if self.sealed:
            return
        self.sealed = True
        self.focus = focus
        self._close_popups()
        self.stack.setCurrentWidget(self.panel)
        self.body.setEnabled(False)
        self._actions = [a for a in self._all_actions() if a.isEnabled()]
        for action in self._actions:
            action.setEnabled(False)
        self._shortcuts = [s for s in self.window.findChildren(QShortcut) if s.isEnabled()]
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
        central = self.window.centralWidget()
        self._bars = [
            w
            for w in self.window.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if w is not central and not w.isWindow() and w.isVisible()
        ]
        for bar in self._bars:
            bar.setEnabled(False)
            bar.hide()
        for window in QApplication.topLevelWidgets():
            self._veil_if_shown(window)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._place_panel()
        self.focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def release(self) -> None:
        """Give back what `seal` took, as it was."""
        if not self.sealed:
            return
        self.sealed = False
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._panel_home()
        self.body.setEnabled(True)
        for veil in list(self._veils.values()):
            self._unveil(veil)
        self._veils.clear()
        for bar in self._bars:
            bar.setEnabled(True)
            bar.show()
        for shortcut in self._shortcuts:
            shortcut.setEnabled(True)
        for action in self._actions:
            action.setEnabled(True)
        self._actions, self._shortcuts, self._bars = [], [], []

    def end(self) -> None:
        """The window closes: nothing of the lock may outlive it (filter, host, veiled windows)."""
        if not self.sealed:
            return
        veiled = [v.window for v in self._veils.values()]
        self.release()
        if self.host is not None:
            self.host.hide()
        for window in veiled:
            try:
                if window.isVisible():
                    window.close()  # what was veiled belongs to the locked session: never shown
            except RuntimeError:  # already gone
                continue

    def _all_actions(self) -> list[QAction]:
        """Every action of the window: its own, its children's and those added to its widgets."""
        found: dict[int, QAction] = {id(a): a for a in self.window.findChildren(QAction)}
        for widget in [self.window, *self.window.findChildren(QWidget)]:
            for action in widget.actions():
                found.setdefault(id(action), action)
        return [a for a in found.values() if not self._is_lock_part(a)]

    def _close_popups(self) -> None:
        popup = QApplication.activePopupWidget()
        while popup is not None:
            popup.close()
            following = QApplication.activePopupWidget()
            if following is popup:
                popup.hide()
                following = QApplication.activePopupWidget()
            popup = following

    # -- other windows -------------------------------------------------------------------

    def _veil_if_shown(self, window: QWidget) -> None:
        if window is self.window or window is self.host or not window.isVisible():
            return
        if window.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            window.hide()
            return
        if id(window) in self._veils:
            return
        veil = _Veil(window, window.windowTitle(), window.isEnabled())
        for child in window.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if not child.isWindow() and child.isVisible():
                child.hide()
                veil.hidden.append(child)
        window.setWindowTitle(self.tr("已锁定"))
        veil.cover = QLabel(self.tr("已锁定"), window)
        veil.cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        veil.cover.resize(window.size())
        veil.cover.show()
        window.setEnabled(False)
        self._veils[id(window)] = veil

    def _unveil(self, veil: _Veil) -> None:
        window = veil.window
        try:
            window.setEnabled(veil.enabled)
            window.setWindowTitle(veil.title)
            if veil.cover is not None:
                veil.cover.deleteLater()
            for child in veil.hidden:
                child.show()
        except RuntimeError:  # the window went away while locked
            return

    def _modal_open(self) -> bool:
        return any(v.window.isVisible() and v.window.isModal() for v in self._veils.values()) or (
            QApplication.activeModalWidget() not in (None, self.host)
        )

    # -- where the lock panel is ---------------------------------------------------------

    def _place_panel(self) -> None:
        """In the window; above the dialogs in a LockHost while a modal one is open."""
        if not self._modal_open():
            return
        if self.host is None:
            self.host = LockHost(self.window)
        if self.panel.parentWidget() is not self.host:
            # the stack keeps showing the lock, never the pages, while the panel is away
            self.placeholder = QLabel(self.tr("已锁定"))
            self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stack.addWidget(self.placeholder)
            self.stack.setCurrentWidget(self.placeholder)
            self.host.layout_.addWidget(self.panel)
            self.panel.show()
        self.host.resize(max(480, self.window.width() // 2), max(240, self.window.height() // 3))
        # shown anew, it is the newest modal window: the keyboard is its
        self.host.hide()
        self.host.show()
        self.host.activateWindow()
        self.focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place_panel_if_sealed(self) -> None:
        if self.sealed:
            self._place_panel()

    def _panel_home(self) -> None:
        if self.host is None or self.placeholder is None:
            return
        self.stack.addWidget(self.panel)
        self.stack.setCurrentWidget(self.panel)
        self.stack.removeWidget(self.placeholder)
        self.placeholder.deleteLater()
        self.placeholder = None
        self.host.hide()

    # -- the filter ----------------------------------------------------------------------

    def _is_lock_part(self, obj: QObject) -> bool:
        """The lock panel, its host and what they hold."""
        current: QObject | None = obj
        while current is not None:
            if current is self.panel or (self.host is not None and current is self.host):
                return True
            current = current.parent()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            if not self._is_lock_part(watched) and watched is not self.window:
                self._veil_if_shown(watched)
                if watched.isModal():
                    # it becomes the newest modal window only once shown: come above it then
                    QTimer.singleShot(0, self._place_panel_if_sealed)
            return False
        if kind in KEYBOARD and isinstance(watched, (QWidget, QAction, QShortcut)):
            if self._is_lock_part(watched):
                return False
            event.accept()
            if kind == QEvent.Type.KeyPress and not self.focus.hasFocus():
                self.focus.setFocus(Qt.FocusReason.OtherFocusReason)
            return True  # eaten: nothing but the lock panel hears the keyboard
        return False
