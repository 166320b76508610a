"""The 用户 tab of 管理: the district's users with their areas on the area tree (town → village,
searched by name or code); add a user, disable or enable, reset a password, change a role,
assign areas. A new or reset password is shown once, for the admin to hand on."""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.store.registry import Area
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.admin_link import AdminLink
from ui.pages.commands import chain_tab_order
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession

if TYPE_CHECKING:
    from sync.admin_client import AdminClient
    from sync.admin_protocol import AdminUser

ROLES = (
    ("member", QT_TRANSLATE_NOOP("AdminUsers", "专职委员")),
    ("reviewer", QT_TRANSLATE_NOOP("AdminUsers", "审核员")),
    ("admin", QT_TRANSLATE_NOOP("AdminUsers", "管理员")),
)
HEADERS = (
    QT_TRANSLATE_NOOP("AdminUsers", "用户名"),
    QT_TRANSLATE_NOOP("AdminUsers", "姓名"),
    QT_TRANSLATE_NOOP("AdminUsers", "角色"),
    QT_TRANSLATE_NOOP("AdminUsers", "状态"),
    QT_TRANSLATE_NOOP("AdminUsers", "设备"),
    QT_TRANSLATE_NOOP("AdminUsers", "地区"),
)
#: a username as the server takes it (sync/admin_protocol.py)
USERNAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
#: letters and digits that cannot be mistaken for each other when read out or copied
PASSWORD_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"


def new_password() -> str:
    """A first or reset password: 10 unambiguous letters and digits."""
    return "".join(secrets.choice(PASSWORD_LETTERS) for _ in range(10))


class AreaTree(QTreeWidget):
    """The district's towns and villages (from this laptop's area list); several chosen."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([self.tr("地区"), self.tr("代码")])
        self.setAccessibleName(self.tr("地区树"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.names: dict[str, str] = {}
        with session.db.session() as s:
            rows = s.execute(
                select(Area.code, Area.name, Area.level, Area.parent_code)
                .where(Area.deleted.is_(False))
                .order_by(Area.code)
            ).all()
        items: dict[str, QTreeWidgetItem] = {}
        self.towns: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []
        for code, name, level, above in rows:
            self.names[code] = name
            if level not in ("town", "village"):
                continue
            item = QTreeWidgetItem([name, code])
            item.setData(0, Qt.ItemDataRole.UserRole, code)
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{name} {code}")
            holder = items.get(above or "")
            if holder is not None:
                holder.addChild(item)
                next(v for t, v in self.towns if t is holder).append(item)
            else:
                self.addTopLevelItem(item)
                self.towns.append((item, []))
            items[code] = item
        self.items = items
        # both columns whole (a code cut to "3302…" at 200 % says nothing): scroll instead
        self.header().setStretchLastSection(False)
        for column in (0, 1):
            self.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def chosen(self) -> list[str]:
        return sorted(str(i.data(0, Qt.ItemDataRole.UserRole)) for i in self.selectedItems())

    def choose(self, codes: list[str]) -> None:
        self.clearSelection()
        for code in codes:
            if code in self.items:
                self.items[code].setSelected(True)
                self.scrollToItem(self.items[code])

    def search(self, text: str) -> None:
        """Show the places whose name or code holds `text` (and the towns above them)."""
        text = text.strip()
        for town, villages in self.towns:
            town_hit = not text or text in town.text(0) or text in town.text(1)
            any_child = False
            for village in villages:
                hit = town_hit or text in village.text(0) or text in village.text(1)
                village.setHidden(not hit)
                any_child = any_child or hit
            town.setHidden(not (town_hit or any_child))
            town.setExpanded(bool(text) and any_child)


class AdminUsers(QWidget):
    """Users of the district and their areas, changed on the server."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = AdminLink(session, self)
        self.users: list[AdminUser] = []
        self.search = QLineEdit(self)  # made first: the first stop of Tab
        self.tree = AreaTree(session, self)
        self.search.setAccessibleName(self.tr("查找地区（名称或代码）"))
        self.search.setPlaceholderText(self.tr("名称或代码"))
        self.search.textChanged.connect(self.tree.search)
        search_label = QLabel(self.tr("查找地区(&S)："), self)
        search_label.setBuddy(self.search)
        self.model = RowsModel([self.tr(h) for h in HEADERS], self)
        self.table = rows_view(self.tr("用户列表"), self.model, main=True, parent=self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._picked())
        self.refresh_button = QPushButton(self.tr("刷新(&R)"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.active_button = QPushButton(self.tr("停用/启用(&T)"), self)
        self.active_button.clicked.connect(self.toggle_active)
        self.password_button = QPushButton(self.tr("重置密码(&W)"), self)
        self.password_button.clicked.connect(self.reset_password)
        self.role = QComboBox(self)
        for _code, words in ROLES:
            self.role.addItem(self.tr(words))
        self.role.setAccessibleName(self.tr("角色"))
        role_label = QLabel(self.tr("角色(&O)："), self)
        role_label.setBuddy(self.role)
        self.role_button = QPushButton(self.tr("改为此角色(&H)"), self)
        self.role_button.clicked.connect(self.change_role)
        self.areas_button = QPushButton(self.tr("分配所选地区(&A)"), self)
        self.areas_button.setToolTip(self.tr("所选用户的地区改为地区树中选中的地区"))
        self.areas_button.setAccessibleDescription(self.areas_button.toolTip())
        self.areas_button.clicked.connect(self.assign_areas)
        # a new user: username, name, phone, role; areas from the tree; a password made here
        self.new_name = QLineEdit(self)
        self.new_name.setAccessibleName(self.tr("新用户的用户名"))
        self.new_display = QLineEdit(self)
        self.new_display.setAccessibleName(self.tr("新用户的姓名"))
        self.new_phone = QLineEdit(self)
        self.new_phone.setAccessibleName(self.tr("新用户的电话"))
        self.new_role = QComboBox(self)
        for _code, words in ROLES:
            self.new_role.addItem(self.tr(words))
        self.new_role.setAccessibleName(self.tr("新用户的角色"))
        self.add_button = QPushButton(self.tr("新增用户(&N)"), self)
        self.add_button.setToolTip(self.tr("新用户负责地区树中选中的地区"))
        self.add_button.setAccessibleDescription(self.add_button.toolTip())
        self.add_button.clicked.connect(self.add_user)
        adding = QGroupBox(self.tr("新增用户"), self)
        form = QFormLayout(adding)
        for text, field in (
            (self.tr("用户名(&M)："), self.new_name),
            (self.tr("姓名(&X)："), self.new_display),
            (self.tr("电话(&E)："), self.new_phone),
            (self.tr("角色(&J)："), self.new_role),
        ):
            label = QLabel(text, adding)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow(self.add_button)
        # folded until wanted: at 200 % the form took the height and left the list 3 rows
        self.adding = adding
        self.adding_toggle = QPushButton(self)
        self.adding_toggle.clicked.connect(lambda: self.show_adding(not adding.isVisibleTo(self)))
        self.show_adding(False)
        # a password shown once: read-only, selectable, gone with the next action
        self.password_shown = QLineEdit(self)
        self.password_shown.setReadOnly(True)
        self.password_shown.setAccessibleName(self.tr("新密码（只显示这一次）"))
        self.password_label = QLabel(self.tr("新密码（只显示这一次，请交给本人）(&Y)："), self)
        self.password_label.setBuddy(self.password_shown)
        self.password_label.hide()
        self.password_shown.hide()

        left = QVBoxLayout()
        left.addWidget(search_label)  # above the field: the field keeps the width at 200 %
        left.addWidget(self.search)
        left.addWidget(self.tree, 1)
        right = QVBoxLayout()
        right.addWidget(self.table, 1)
        row1 = QHBoxLayout()
        for widget in (self.refresh_button, self.active_button, self.password_button):
            row1.addWidget(widget)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        for part in (role_label, self.role, self.role_button, self.areas_button):
            row2.addWidget(part)
        row2.addStretch(1)
        right.addLayout(row1)
        right.addLayout(row2)
        shown = QHBoxLayout()
        shown.addWidget(self.password_label)
        shown.addWidget(self.password_shown, 1)
        right.addLayout(shown)
        right.addWidget(self.adding_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(adding)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.link.message)
        layout.addWidget(self.link.bar)
        layout.addLayout(columns, 1)
        chain_tab_order(
            [
                self.search,
                self.tree,
                self.table,
                self.refresh_button,
                self.active_button,
                self.password_button,
                self.role,
                self.role_button,
                self.areas_button,
                self.password_shown,
                self.adding_toggle,
                self.new_name,
                self.new_display,
                self.new_phone,
                self.new_role,
                self.add_button,
            ]
        )

    # -- showing -----------------------------------------------------------------------------

    def show_adding(self, shown: bool) -> None:
        """Unfold the form for a new user (its first field takes the focus), or fold it."""
        self.adding.setVisible(shown)
        text = self.tr("收起“新增用户”(&I)") if shown else self.tr("新增用户…(&I)")
        self.adding_toggle.setText(text)
        self.adding_toggle.setAccessibleName(text.replace("&", ""))
        if shown and self.isVisible():
            self.new_name.setFocus()

    def refresh(self) -> None:
        keep = self.current()
        self.link.call(
            lambda c: c.users(), lambda users: self._show(users, keep), self.tr("正在读取用户……")
        )

    def _show(self, users: list[AdminUser], keep: str = "") -> None:
        self.users = sorted(users, key=lambda u: u.username)
        names = self.tree.names
        roles = dict(ROLES)
        rows: list[tuple[str, list[Any]]] = []
        for user in self.users:
            state = self.tr("在用") if user.active else self.tr("已停用")
            areas = "、".join(names.get(code, code) for code in user.areas)
            role = self.tr(roles[user.role]) if user.role in roles else user.role
            rows.append(
                (
                    user.username,
                    [user.username, user.display_name, role, state, user.devices, areas],
                )
            )
        self.model.set_rows(rows)
        for row, user in enumerate(self.users):
            if user.username == keep:
                self.table.selectRow(row)
        self.link.message.setText(self.tr("共 %n 个用户", "", len(self.users)))

    def current(self) -> str:
        row = self.table.currentIndex().row()
        return self.model.record_id(row) if 0 <= row < self.model.rowCount() else ""

    def _user(self) -> AdminUser | None:
        name = self.current()
        found = next((u for u in self.users if u.username == name), None)
        if found is None:
            self.link.message.setText(self.tr("请先在用户列表中选择一个用户"))
        return found

    def _picked(self) -> None:
        user = next((u for u in self.users if u.username == self.current()), None)
        if user is None:
            return
        codes = [code for code, _w in ROLES]
        if user.role in codes:
            self.role.setCurrentIndex(codes.index(user.role))
        self.tree.choose(user.areas)

    def _changed(self, user: AdminUser, text: str) -> None:
        self.users = [user if u.username == user.username else u for u in self.users]
        self._show(self.users, user.username)
        self.link.message.setText(text)

    def _show_password(self, password: str) -> None:
        self.password_shown.setText(password)
        self.password_label.setVisible(bool(password))
        self.password_shown.setVisible(bool(password))

    # -- changing ----------------------------------------------------------------------------

    def toggle_active(self) -> None:
        user = self._user()
        if user is None:
            return
        active = not user.active
        text = self.tr("已启用 %s") if active else self.tr("已停用 %s：其设备下次联网时被拒绝")
        self.link.call(
            lambda c: c.set_active(user.username, active),
            lambda u: self._changed(u, text % u.username),
            self.tr("正在保存……"),
        )

    def reset_password(self) -> None:
        user = self._user()
        if user is None:
            return
        password = new_password()
        self._show_password("")

        def done(changed: AdminUser) -> None:
            self._changed(
                changed, self.tr("已重置 %s 的密码，新密码只显示这一次") % changed.username
            )
            self._show_password(password)

        self.link.call(
            lambda c: c.reset_password(user.username, password), done, self.tr("正在保存……")
        )

    def change_role(self) -> None:
        user = self._user()
        if user is None:
            return
        role, words = ROLES[self.role.currentIndex()]
        self.link.call(
            lambda c: c.set_role(user.username, role),
            lambda u: self._changed(u, self.tr("%s 的角色已改为%s") % (u.username, self.tr(words))),
            self.tr("正在保存……"),
        )

    def assign_areas(self) -> None:
        user = self._user()
        if user is None:
            return
        chosen = self.tree.chosen()
        if not chosen:
            self.link.message.setText(self.tr("请先在地区树中选择地区"))
            return
        add = [c for c in chosen if c not in user.areas]
        remove = [c for c in user.areas if c not in chosen]

        def work(client: AdminClient) -> AdminUser:
            return client.change_areas(user.username, add=add, remove=remove)

        self.link.call(
            work,
            lambda u: self._changed(u, self.tr("%s 的地区已保存，下次同步时生效") % u.username),
            self.tr("正在保存……"),
        )

    def add_user(self) -> None:
        username = self.new_name.text().strip()
        if not username:
            self.link.message.setText(self.tr("请填写新用户的用户名"))
            self.new_name.setFocus()
            return
        if not USERNAME.match(username):
            self.link.message.setText(
                self.tr("用户名只能由英文字母、数字和 _ . - 组成，最长 64 个：%s") % username
            )
            self.new_name.setFocus()
            return
        role = ROLES[self.new_role.currentIndex()][0]
        areas = self.tree.chosen()
        if role != "admin" and not areas:
            self.link.message.setText(self.tr("请先在地区树中选择新用户负责的地区"))
            return
        display, phone, password = (
            self.new_display.text().strip(),
            self.new_phone.text().strip(),
            new_password(),
        )
        self._show_password("")

        def work(client: AdminClient) -> AdminUser:
            return client.add_user(
                username, role, password, display_name=display, phone=phone, areas=areas
            )

        def done(user: AdminUser) -> None:
            self._changed(user, self.tr("已新增用户 %s，初始密码只显示这一次") % user.username)
            if all(u.username != user.username for u in self.users):
                self._show([*self.users, user], user.username)
            self.link.message.setText(
                self.tr("已新增用户 %s，初始密码只显示这一次") % user.username
            )
            self._show_password(password)
            for field in (self.new_name, self.new_display, self.new_phone):
                field.clear()

        self.link.call(work, done, self.tr("正在新增用户……"))
