"""The 日志 tab of 管理: the district's audit log on the server, filtered by user, person,
action and date, newest first, a page of 100 rows at a time."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
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
from ui.pages.admin_names import Names
from ui.pages.commands import chain_tab_order
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession
from ui.timefmt import local_text

if TYPE_CHECKING:
    from sync.admin_client import AdminClient
    from sync.admin_protocol import AdminDevice, AuditPage

PAGE_ROWS = 100
HEADERS = (
    QT_TRANSLATE_NOOP("AdminAudit", "时间"),
    QT_TRANSLATE_NOOP("AdminAudit", "用户"),
    QT_TRANSLATE_NOOP("AdminAudit", "操作"),
    QT_TRANSLATE_NOOP("AdminAudit", "内容"),
    QT_TRANSLATE_NOOP("AdminAudit", "地址"),
)

#: every action the server audits, in words (tests/ui/test_admin_tabs.py reads the server's
#: source for the actions it records: a new one fails until it has words here)
ACTIONS = {
    "login": QT_TRANSLATE_NOOP("AdminAudit", "登录"),
    "login_failed": QT_TRANSLATE_NOOP("AdminAudit", "登录失败"),
    "login_disabled": QT_TRANSLATE_NOOP("AdminAudit", "已停用的账号试图登录"),
    "login_revoked": QT_TRANSLATE_NOOP("AdminAudit", "已注销的设备试图登录"),
    "push": QT_TRANSLATE_NOOP("AdminAudit", "上传数据"),
    "blob": QT_TRANSLATE_NOOP("AdminAudit", "上传照片或附件"),
    "resolve": QT_TRANSLATE_NOOP("AdminAudit", "处理同步冲突"),
    "user_add": QT_TRANSLATE_NOOP("AdminAudit", "新增用户"),
    "user_disable": QT_TRANSLATE_NOOP("AdminAudit", "停用用户"),
    "user_enable": QT_TRANSLATE_NOOP("AdminAudit", "启用用户"),
    "password": QT_TRANSLATE_NOOP("AdminAudit", "重置密码"),
    "role": QT_TRANSLATE_NOOP("AdminAudit", "更改角色"),
    "assign": QT_TRANSLATE_NOOP("AdminAudit", "分配地区"),
    "revoke": QT_TRANSLATE_NOOP("AdminAudit", "注销设备"),
    "import_roster": QT_TRANSLATE_NOOP("AdminAudit", "导入花名册"),
    "import_changes": QT_TRANSLATE_NOOP("AdminAudit", "导入变动名单"),
    "export": QT_TRANSLATE_NOOP("AdminAudit", "导出数据"),
    "report": QT_TRANSLATE_NOOP("AdminAudit", "生成统计报表"),
    "publish_form": QT_TRANSLATE_NOOP("AdminAudit", "发布表单"),
    "publish_settings": QT_TRANSLATE_NOOP("AdminAudit", "发布设置"),
    "income_sample_draw": QT_TRANSLATE_NOOP("AdminAudit", "抽取收入监测样本"),
    "income_sample_set": QT_TRANSLATE_NOOP("AdminAudit", "按名单设定样本"),
    "income_sample_add": QT_TRANSLATE_NOOP("AdminAudit", "样本加入一户"),
    "income_sample_remove": QT_TRANSLATE_NOOP("AdminAudit", "样本移出一户"),
    "init": QT_TRANSLATE_NOOP("AdminAudit", "初始化服务器"),
    "demo": QT_TRANSLATE_NOOP("AdminAudit", "建立演示数据"),
}
#: the words of the detail's usual keys (others are shown as they are)
DETAIL_KEYS = {
    "username": QT_TRANSLATE_NOOP("AdminAudit", "用户名"),
    "role": QT_TRANSLATE_NOOP("AdminAudit", "角色"),
    "was": QT_TRANSLATE_NOOP("AdminAudit", "原来"),
    "areas": QT_TRANSLATE_NOOP("AdminAudit", "地区"),
    "area": QT_TRANSLATE_NOOP("AdminAudit", "地区"),
    "add": QT_TRANSLATE_NOOP("AdminAudit", "加入"),
    "remove": QT_TRANSLATE_NOOP("AdminAudit", "移出"),
    "reason": QT_TRANSLATE_NOOP("AdminAudit", "原因"),
    "device": QT_TRANSLATE_NOOP("AdminAudit", "设备"),
    "device_owner": QT_TRANSLATE_NOOP("AdminAudit", "设备的用户"),
    "client_id": QT_TRANSLATE_NOOP("AdminAudit", "电脑编号"),
    "file": QT_TRANSLATE_NOOP("AdminAudit", "文件"),
    "form": QT_TRANSLATE_NOOP("AdminAudit", "表单"),
    "version": QT_TRANSLATE_NOOP("AdminAudit", "版本"),
    "year": QT_TRANSLATE_NOOP("AdminAudit", "年份"),
    "size": QT_TRANSLATE_NOOP("AdminAudit", "户数"),
    "seed": QT_TRANSLATE_NOOP("AdminAudit", "种子"),
    "eligible": QT_TRANSLATE_NOOP("AdminAudit", "可抽户数"),
    "household": QT_TRANSLATE_NOOP("AdminAudit", "户"),
    "households": QT_TRANSLATE_NOOP("AdminAudit", "户"),
    "month": QT_TRANSLATE_NOOP("AdminAudit", "月份"),
    "persons": QT_TRANSLATE_NOOP("AdminAudit", "人数"),
    "ops": QT_TRANSLATE_NOOP("AdminAudit", "修改"),
    "applied": QT_TRANSLATE_NOOP("AdminAudit", "已接受"),
    "same": QT_TRANSLATE_NOOP("AdminAudit", "无变化"),
    "conflict": QT_TRANSLATE_NOOP("AdminAudit", "冲突"),
    "refused": QT_TRANSLATE_NOOP("AdminAudit", "拒收"),
    "retry": QT_TRANSLATE_NOOP("AdminAudit", "待重试"),
    "resolution": QT_TRANSLATE_NOOP("AdminAudit", "处理方式"),
    "template": QT_TRANSLATE_NOOP("AdminAudit", "导出"),
    "round": QT_TRANSLATE_NOOP("AdminAudit", "调查年度"),
    "rows": QT_TRANSLATE_NOOP("AdminAudit", "行数"),
    "full_numbers": QT_TRANSLATE_NOOP("AdminAudit", "含完整证件号"),
    "source": QT_TRANSLATE_NOOP("AdminAudit", "来源"),
    "kind": QT_TRANSLATE_NOOP("AdminAudit", "类别"),
    "as_of": QT_TRANSLATE_NOOP("AdminAudit", "截至"),
    "pages": QT_TRANSLATE_NOOP("AdminAudit", "页数"),
    "tasks_new": QT_TRANSLATE_NOOP("AdminAudit", "新任务"),
    "tasks_grown": QT_TRANSLATE_NOOP("AdminAudit", "已有任务新增"),
    "rows_added": QT_TRANSLATE_NOOP("AdminAudit", "新增行"),
    "kilobytes": QT_TRANSLATE_NOOP("AdminAudit", "大小（KB）"),
}
YES_NO = {True: QT_TRANSLATE_NOOP("AdminAudit", "是"), False: QT_TRANSLATE_NOOP("AdminAudit", "否")}
#: a resolved conflict's choice, as the sync page's buttons say it
RESOLUTIONS = {
    "mine": QT_TRANSLATE_NOOP("AdminAudit", "用本机的值"),
    "theirs": QT_TRANSLATE_NOOP("AdminAudit", "用服务器的值"),
    "edited": QT_TRANSLATE_NOOP("AdminAudit", "改为其他值"),
}


def action_words(code: str) -> str:
    """An audited action in the words of the screen (an unknown one as it is)."""
    words = ACTIONS.get(code)
    return QCoreApplication.translate("AdminAudit", words) if words else code


def _day(text: str) -> date | None:
    """A typed day (2026-11-03), None when empty; ValueError when not a date."""
    text = text.strip()
    return date.fromisoformat(text) if text else None


def _readable(detail: dict[str, Any]) -> dict[str, Any]:
    """The detail without what a person does not read (kept in the cell's tooltip): a
    conflict's id, a file's hash (its size in kB instead)."""
    shown = {k: v for k, v in detail.items() if not (k == "conflict" and isinstance(v, str))}
    if "sha256" in shown:
        shown.pop("sha256")
        if isinstance(shown.get("size"), int):
            shown["kilobytes"] = max(1, round(shown.pop("size") / 1024))
    return shown


def _detail(detail: dict[str, Any], names: Names) -> str:
    """An audit row's detail as a line to read: key: value; lists joined; areas, households
    and devices by their names."""

    def text(value: Any) -> str:
        if isinstance(value, list):
            return "、".join(text(v) for v in value)
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False)
        return str(value)

    def words(key: str, value: Any) -> str:
        if isinstance(value, bool):
            return QCoreApplication.translate("AdminAudit", YES_NO[value])
        if key == "resolution" and value in RESOLUTIONS:
            return QCoreApplication.translate("AdminAudit", RESOLUTIONS[value])
        if key == "template":
            return names.template(str(value))
        if key == "source" and value:
            return names.change_source(str(value))
        if key in ("device", "client_id"):
            return names.device(str(value))
        if key in ("area", "areas", "add", "remove") and isinstance(value, (str, list)):
            codes = value if isinstance(value, list) else [value]
            if key == "area" and not value:
                return QCoreApplication.translate("AdminAudit", "全区")
            return "、".join(names.area(str(c)) for c in codes) or "—"
        if key == "household":
            return names.household(str(value))
        if key == "households" and isinstance(value, list):
            return names.household_list([str(v) for v in value])
        return text(value)

    def key_words(key: str) -> str:
        words = DETAIL_KEYS.get(key)
        return QCoreApplication.translate("AdminAudit", words) if words else key

    return "；".join(
        f"{key_words(key)}：{words(key, value)}" for key, value in _readable(detail).items()
    )


def _households(detail: dict[str, Any]) -> list[str]:
    """The household ids a detail names."""
    found = detail.get("households", [])
    one = detail.get("household")
    return [str(h) for h in (found if isinstance(found, list) else [])] + (
        [str(one)] if one else []
    )


def _utc(day: date) -> datetime:
    """The start of a local day, in UTC (the server keeps UTC)."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


class AdminAudit(QWidget):
    """Who did what, when: the audit log, filtered and paged."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = AdminLink(session, self)
        self.session = session
        self.offset = 0
        self.total = 0
        self.filters: dict[str, Any] = {}
        self.user = QLineEdit(self)
        self.user.setAccessibleName(self.tr("按用户名筛选"))
        self.person = QLineEdit(self)
        self.person.setAccessibleName(self.tr("按人员筛选（身份证号或记录号）"))
        self.action = QComboBox(self)
        self.action.setAccessibleName(self.tr("按操作筛选"))
        self.action.addItem(self.tr("全部操作"), "")
        for code in sorted(ACTIONS, key=action_words):
            self.action.addItem(action_words(code), code)
        self.action.activated.connect(lambda _i: self.search())
        self.since = QLineEdit(self)
        self.since.setAccessibleName(self.tr("开始日期"))
        self.until = QLineEdit(self)
        self.until.setAccessibleName(self.tr("结束日期"))
        for field in (self.since, self.until):
            field.setPlaceholderText(self.tr("如 2026-11-03"))
            field.returnPressed.connect(self.search)
        for field in (self.user, self.person):
            field.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("查询(&Q)"), self)
        self.search_button.clicked.connect(self.search)
        grid = QGridLayout()
        filters: tuple[tuple[str, QWidget], ...] = (
            (self.tr("用户(&E)："), self.user),
            (self.tr("人员(&R)："), self.person),
            (self.tr("操作(&O)："), self.action),
            (self.tr("从(&S)："), self.since),
            (self.tr("到(&T)："), self.until),
        )
        for place, (text, widget) in enumerate(filters):
            label = QLabel(text, self)
            label.setBuddy(widget)
            grid.addWidget(label, place // 3, (place % 3) * 2)
            grid.addWidget(widget, place // 3, (place % 3) * 2 + 1)
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
        days: list[date | None] = []
        for field in (self.since, self.until):
            try:
                days.append(_day(field.text()))
            except ValueError:
                self.link.message.setText(
                    self.tr("日期应写成 2026-11-03 这样：%s") % field.text().strip()
                )
                field.setFocus()
                return
        since, until = days
        self.filters = {
            "username": self.user.text().strip(),
            "person": self.person.text().strip(),
            "action": str(self.action.currentData() or ""),
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

        def work(client: AdminClient) -> tuple[AuditPage, list[AdminDevice]]:
            # the devices too: a detail names them by id, the screen by name and owner
            return client.audit(offset=offset, limit=PAGE_ROWS, **filters), client.devices()

        self.link.call(work, lambda got: self._show(*got), self.tr("正在读取日志……"))

    def _show(self, page: AuditPage, devices: list[AdminDevice] | None = None) -> None:
        self.offset, self.total = page.offset, page.total
        households = [h for r in page.rows for h in _households(r.detail)]
        names = Names.read(self.session.db, households, devices or [])
        self.model.set_rows(
            [
                (
                    str(r.id),
                    [
                        local_text(r.at),
                        r.username,
                        action_words(r.action),
                        _detail(r.detail, names),
                        r.address,
                    ],
                )
                for r in page.rows
            ],
            # the ids in full where they were put in words
            {(row, 3): json.dumps(r.detail, ensure_ascii=False) for row, r in enumerate(page.rows)},
        )
        last = min(page.offset + len(page.rows), page.total)
        self.place.setText(
            self.tr("第 %s–%s 条，共 %s 条")
            % (page.offset + 1 if page.rows else 0, last, page.total)
        )
        self.earlier_button.setEnabled(page.offset > 0)
        self.later_button.setEnabled(last < page.total)
        self.link.message.setText(self.tr("共 %n 条日志", "", page.total))
