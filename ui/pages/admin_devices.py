"""The 设备 tab of 管理: every device (one sign-in of one laptop) with its last sync; a lost or
handed-on laptop is revoked after a confirmation, and refused at its next contact."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.admin_link import AdminLink
from ui.pages.commands import chain_tab_order
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession
from ui.timefmt import local_text

if TYPE_CHECKING:
    from sync.admin_protocol import AdminDevice

HEADERS = (
    QT_TRANSLATE_NOOP("AdminDevices", "用户名"),
    QT_TRANSLATE_NOOP("AdminDevices", "设备名称"),
    QT_TRANSLATE_NOOP("AdminDevices", "登录时间"),
    QT_TRANSLATE_NOOP("AdminDevices", "上次同步"),
    QT_TRANSLATE_NOOP("AdminDevices", "状态"),
)


def _when(moment: datetime | None) -> str:
    return local_text(moment) if moment else ""


class AdminDevices(QWidget):
    """The district's devices, newest contact first; revoke one."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = AdminLink(session, self)
        self.devices: list[AdminDevice] = []
        self.model = RowsModel([self.tr(h) for h in HEADERS], self)
        self.table = rows_view(self.tr("设备列表"), self.model, min_height=120, parent=self)
        self.refresh_button = QPushButton(self.tr("刷新(&R)"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("注销原因"))
        self.reason.setPlaceholderText(self.tr("例如：电脑丢失"))
        reason_label = QLabel(self.tr("注销原因(&Y)："), self)
        reason_label.setBuddy(self.reason)
        self.revoke_button = QPushButton(self.tr("注销此设备(&K)…"), self)
        self.revoke_button.clicked.connect(self.revoke)
        #: the confirmation asked before a revocation (kept for tests and screen readers)
        self.confirm_box: QMessageBox | None = None
        row = QHBoxLayout()
        for widget in (self.refresh_button, reason_label, self.reason, self.revoke_button):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.link.message)
        layout.addWidget(self.link.bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        chain_tab_order([self.table, self.refresh_button, self.reason, self.revoke_button])

    def refresh(self) -> None:
        self.link.call(lambda c: c.devices(), self._show, self.tr("正在读取设备……"))

    def _show(self, devices: list[AdminDevice], keep: str = "") -> None:
        def newest(device: AdminDevice) -> tuple[bool, str]:
            return (device.revoked_at is None, _when(device.last_sync or device.created_at))

        self.devices = sorted(devices, key=newest, reverse=True)
        rows: list[tuple[str, list[Any]]] = []
        for d in self.devices:
            state = (
                self.tr("已注销（%s，%s）") % (_when(d.revoked_at), d.revoked_by)
                if d.revoked_at
                else self.tr("在用")
            )
            last = _when(d.last_sync) or self.tr("从未同步")
            rows.append((d.id, [d.username, d.name, _when(d.created_at), last, state]))
        self.model.set_rows(rows)
        for index, d in enumerate(self.devices):
            if d.id == keep:
                self.table.selectRow(index)
        self.link.message.setText(self.tr("共 %n 台设备", "", len(self.devices)))

    def current(self) -> AdminDevice | None:
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self.devices):
            return None
        return next((d for d in self.devices if d.id == self.model.record_id(row)), None)

    def revoke(self) -> None:
        device = self.current()
        if device is None:
            self.link.message.setText(self.tr("请先在设备列表中选择一台设备"))
            return
        if device.revoked_at is not None:
            self.link.message.setText(self.tr("这台设备已经注销"))
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("注销设备"),
            self.tr("注销 %s 的设备“%s”？这台电脑下次联网时将被拒绝，本机数据被锁定。")
            % (device.username, device.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.confirm_box = box
        box.finished.connect(lambda answer: self._confirmed(device, answer))
        box.open()

    def _confirmed(self, device: AdminDevice, answer: int) -> None:
        self.confirm_box = None
        if answer != QMessageBox.StandardButton.Yes:
            return
        reason = self.reason.text().strip()

        def done(changed: AdminDevice) -> None:
            self._show([changed if d.id == changed.id else d for d in self.devices], changed.id)
            self.link.message.setText(
                self.tr("已注销 %s 的设备“%s”") % (changed.username, changed.name)
            )
            self.reason.clear()

        self.link.call(lambda c: c.revoke(device.id, reason), done, self.tr("正在注销设备……"))
