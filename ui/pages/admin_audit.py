"""The 日志 tab of 管理: the district's audit log on the server, filtered by user, person,
action and date, newest first, a page of 100 rows at a time."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
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
    from sync.admin_client import AdminClient
    from sync.admin_protocol import AuditPage

PAGE_ROWS = 100
HEADERS = (
    QT_TRANSLATE_NOOP("AdminAudit", "时间"),
    QT_TRANSLATE_NOOP("AdminAudit", "用户"),
    QT_TRANSLATE_NOOP("AdminAudit", "操作"),
    QT_TRANSLATE_NOOP("AdminAudit", "内容"),
    QT_TRANSLATE_NOOP("AdminAudit", "地址"),
)


def _day(text: str) -> date | None:
    """A typed day (2026-11-03), None when empty; ValueError when not a date."""
    text = text.strip()
    return date.fromisoformat(text) if text else None


def _detail(detail: dict[str, Any]) -> str:
    """An audit row's detail as a line to read: key: value; lists joined."""

    def text(value: Any) -> str:
        if isinstance(value, list):
            return "、".join(text(v) for v in value)
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False)
        return str(value)

    return "；".join(f"{key}: {text(value)}" for key, value in detail.items())


def _utc(day: date) -> datetime:
    """The start of a local day, in UTC (the server keeps UTC)."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


class AdminAudit(QWidget):
    """Who did what, when: the audit log, filtered and paged."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = AdminLink(session, self)
        self.offset = 0
        self.total = 0
        self.filters: dict[str, Any] = {}
        self.user = QLineEdit(self)
        self.user.setAccessibleName(self.tr("按用户名筛选"))
        self.person = QLineEdit(self)
        self.person.setAccessibleName(self.tr("按人员筛选（身份证号或记录号）"))
        self.action = QLineEdit(self)
        self.action.setAccessibleName(self.tr("按操作筛选"))
        self.action.setPlaceholderText(self.tr("如 user_add"))
        self.since = QLineEdit(self)
        self.since.setAccessibleName(self.tr("开始日期"))
        self.until = QLineEdit(self)
        self.until.setAccessibleName(self.tr("结束日期"))
        for field in (self.since, self.until):
            field.setPlaceholderText(self.tr("如 2026-11-03"))
            field.returnPressed.connect(self.search)
        for field in (self.user, self.person, self.action):
            field.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("查询(&Q)"), self)
        self.search_button.clicked.connect(self.search)
        grid = QGridLayout()
        for place, (text, field) in enumerate(
            (
                (self.tr("用户(&E)："), self.user),
                (self.tr("人员(&R)："), self.person),
                (self.tr("操作(&O)："), self.action),
                (self.tr("从(&S)："), self.since),
                (self.tr("到(&T)："), self.until),
            )
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            grid.addWidget(label, place // 3, (place % 3) * 2)
            grid.addWidget(field, place // 3, (place % 3) * 2 + 1)
        grid.addWidget(self.search_button, 1, 5)
        self.model = RowsModel([self.tr(h) for h in HEADERS], self)
        self.table = rows_view(
            self.tr("操作日志"), self.model, min_height=120, word_wrap=True, parent=self
        )
        self.earlier_button = QPushButton(self.tr("上一页(&K)"), self)
        self.earlier_button.clicked.connect(lambda: self.turn(-1))
        self.later_button = QPushButton(self.tr("下一页(&J)"), self)
        self.later_button.clicked.connect(lambda: self.turn(1))
        self.place = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.earlier_button)
        row.addWidget(self.later_button)
        row.addWidget(self.place, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.link.message)
        layout.addWidget(self.link.bar)
        layout.addLayout(grid)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        chain_tab_order([self.user, self.person, self.action, self.since, self.until,
                         self.search_button, self.table, self.earlier_button,
                         self.later_button])  # fmt: skip

    def refresh(self) -> None:
        self.search()

    def search(self) -> None:
        """Read the first page that matches the filters typed."""
        try:
            since, until = _day(self.since.text()), _day(self.until.text())
        except ValueError:
            self.link.message.setText(self.tr("日期应写成 2026-11-03 这样"))
            return
        self.filters = {
            "username": self.user.text().strip(),
            "person": self.person.text().strip(),
            "action": self.action.text().strip(),
            "since": _utc(since) if since else None,
            "until": _utc(until + timedelta(days=1)) if until else None,
        }
        self.read(0)

    def turn(self, pages: int) -> None:
        offset = self.offset + pages * PAGE_ROWS
        if 0 <= offset < max(self.total, 1):
            self.read(offset)

    def read(self, offset: int) -> None:
        filters = dict(self.filters)

        def work(client: AdminClient) -> AuditPage:
            return client.audit(offset=offset, limit=PAGE_ROWS, **filters)

        self.link.call(work, self._show, self.tr("正在读取日志……"))

    def _show(self, page: AuditPage) -> None:
        self.offset, self.total = page.offset, page.total
        self.model.set_rows(
            [
                (
                    str(r.id),
                    [
                        local_text(r.at),
                        r.username,
                        r.action,
                        _detail(r.detail),
                        r.address,
                    ],
                )
                for r in page.rows
            ]
        )
        last = min(page.offset + len(page.rows), page.total)
        self.place.setText(
            self.tr("第 %s–%s 条，共 %s 条")
            % (page.offset + 1 if page.rows else 0, last, page.total)
        )
        self.earlier_button.setEnabled(page.offset > 0)
        self.later_button.setEnabled(last < page.total)
        self.link.message.setText(self.tr("共 %n 条日志", "", page.total))
