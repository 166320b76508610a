"""The 抽样 tab of 管理: the year's income-monitoring sample per town (how many households, how
they were chosen, the draw's seed) and each household; 抽取… draws a town or the district at
random (the seed shown and kept), and one household is added or removed with its reason.
Every change is the server's, audited there with the admin, device and address."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.domain.areas import prefix_of
from app.domain.income_sample import TOWN_DIGITS
from app.domain.settings import SettingsError, load_settings
from app.store.registry import Area
from sync.admin_protocol import HOUSEHOLD as SAMPLE_HOUSEHOLD
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.admin_link import AdminLink
from ui.pages.commands import chain_tab_order
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession

if TYPE_CHECKING:
    from sync.admin_client import AdminClient
    from sync.admin_protocol import SampleAnswer, SampleHousehold

TOWN_HEADERS = (
    QT_TRANSLATE_NOOP("AdminSample", "乡镇（街道）"),
    QT_TRANSLATE_NOOP("AdminSample", "样本户数"),
    QT_TRANSLATE_NOOP("AdminSample", "怎样选出"),
)
HOUSEHOLD_HEADERS = (
    QT_TRANSLATE_NOOP("AdminSample", "村（社区）"),
    QT_TRANSLATE_NOOP("AdminSample", "户主"),
    QT_TRANSLATE_NOOP("AdminSample", "户口号"),
    QT_TRANSLATE_NOOP("AdminSample", "怎样选出"),
    QT_TRANSLATE_NOOP("AdminSample", "原因"),
)
#: the largest seed and size the server takes (sync/admin_protocol.py SampleDraw)
MAX_SEED = 2**31
MAX_SIZE = 100_000
REASON_LENGTH = 200
#: a household as the server takes it (an id, 户口号 or 身份证号)
HOUSEHOLD = re.compile(SAMPLE_HOUSEHOLD)


def _number(text: str, highest: int, lowest: int) -> int | None:
    """A typed whole number within bounds; None when empty; ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    if not text.isascii() or not text.isdigit() or not lowest <= int(text) <= highest:
        raise ValueError(text)
    return int(text)


class AdminSample(QWidget):
    """The year's income sample of the district: see it, draw it, change one household."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = AdminLink(session, self)
        self.households: list[SampleHousehold] = []
        self.year = QComboBox(self)
        self.year.setAccessibleName(self.tr("样本年份"))
        try:
            book = load_settings()
            years, current = sorted(book.years), book.survey_year
        except SettingsError:
            years, current = [], 0
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        year_label = QLabel(self.tr("年份(&Y)："), self)
        year_label.setBuddy(self.year)
        self.refresh_button = QPushButton(self.tr("刷新(&R)"), self)
        self.refresh_button.clicked.connect(lambda: self.refresh())
        self.towns_model = RowsModel([self.tr(h) for h in TOWN_HEADERS], self)
        self.towns = rows_view(
            self.tr("各乡镇的样本"), self.towns_model, min_height=90, parent=self
        )
        self.model = RowsModel([self.tr(h) for h in HOUSEHOLD_HEADERS], self)
        self.table = rows_view(self.tr("样本户"), self.model, main=True, parent=self)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._picked())

        # a draw: the district or one town; the size from the settings unless typed
        self.names: dict[str, str] = {}
        self.scope = QComboBox(self)
        self.scope.setAccessibleName(self.tr("抽取范围"))
        with session.db.session() as s:
            places = s.execute(
                select(Area.code, Area.name, Area.level)
                .where(Area.deleted.is_(False))
                .order_by(Area.code)
            ).all()
        for code, name, level in places:
            self.names[code] = name
            if level == "county":
                self.scope.addItem(self.tr("全区（%s）") % name, code)
            elif level == "town":
                self.scope.addItem(name, code)
        self.draw_size = QLineEdit(self)
        self.draw_size.setAccessibleName(self.tr("抽取户数"))
        self.draw_size.setPlaceholderText(self.tr("空着：按设置"))
        self.seed = QLineEdit(self)
        self.seed.setAccessibleName(self.tr("随机种子"))
        self.seed.setPlaceholderText(self.tr("空着：随机"))
        self.draw_button = QPushButton(self.tr("抽取(&X)…"), self)
        self.draw_button.setToolTip(
            self.tr("从有在册持证残疾人的户中按乡镇比例随机抽取；种子记入样本和日志，可重现")
        )
        self.draw_button.setAccessibleDescription(self.draw_button.toolTip())
        self.draw_button.clicked.connect(self.draw)
        #: the confirmation asked before a draw (kept for tests and screen readers)
        self.confirm_box: QMessageBox | None = None

        # one household in or out, with the reason
        self.household = QLineEdit(self)
        self.household.setAccessibleName(self.tr("户（户ID、户口号或户主身份证号）"))
        self.household.setPlaceholderText(self.tr("户ID、户口号或户主身份证号"))
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("加入或移出的原因"))
        self.reason.setPlaceholderText(self.tr("例如：全家外出务工，联系不上"))
        self.reason.setMaxLength(REASON_LENGTH)
        self.add_button = QPushButton(self.tr("加入样本(&J)"), self)
        self.add_button.clicked.connect(lambda: self.change(add=True))
        self.remove_button = QPushButton(self.tr("移出样本(&K)"), self)
        self.remove_button.clicked.connect(lambda: self.change(add=False))
        # one box, three rows: a draw; a household and 加入; the reason and 移出 (the tab
        # then fits a 1366×768 screen at 100 % without scrolling)
        changing = QGroupBox(self.tr("更改样本"), self)
        grid = QGridLayout(changing)
        for row, column, text, field, span in (
            (0, 0, self.tr("范围(&A)："), self.scope, 1),
            (0, 2, self.tr("户数(&S)："), self.draw_size, 1),
            (0, 4, self.tr("种子(&E)："), self.seed, 1),
            (1, 0, self.tr("户(&H)："), self.household, 5),
            (2, 0, self.tr("原因(&O)："), self.reason, 5),
        ):
            label = QLabel(text, changing)
            label.setBuddy(field)
            grid.addWidget(label, row, column)
            grid.addWidget(field, row, column + 1, 1, span)
        grid.addWidget(self.draw_button, 0, 6)
        grid.addWidget(self.add_button, 1, 6)
        grid.addWidget(self.remove_button, 2, 6)
        grid.setColumnStretch(1, 2)

        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.link.message)
        layout.addWidget(self.link.bar)
        layout.addLayout(top)
        layout.addWidget(self.towns)
        layout.addWidget(self.table, 1)
        layout.addWidget(changing)
        chain_tab_order(
            [
                self.year,
                self.refresh_button,
                self.towns,
                self.table,
                self.scope,
                self.draw_size,
                self.seed,
                self.draw_button,
                self.household,
                self.reason,
                self.add_button,
                self.remove_button,
            ]
        )

    def chosen_year(self) -> int:
        return int(self.year.currentData() or 0)

    # -- showing -----------------------------------------------------------------------------

    def refresh(self, said: str = "") -> None:
        """Read the year's sample (`said`: what to say after it, instead of the count)."""
        year = self.chosen_year()
        if not year:
            self.link.message.setText(self.tr("本机的设置中没有年份，无法查看样本"))
            return

        def done(households: list[SampleHousehold]) -> None:
            self._show(households)
            if said:
                self.link.message.setText(said)

        self.link.call(lambda c: c.sample(year), done, self.tr("正在读取样本……"))

    def how(self, chosen: str) -> str:
        """How a household came into the sample, in words."""
        kind, _, what = chosen.partition(":")
        if kind == "draw":
            return self.tr("随机抽取（种子 %s）") % what
        if kind == "list":
            return self.tr("按名单 %s") % what
        return self.tr("个别加入")

    def town_of(self, area_code: str) -> str:
        code = area_code[:TOWN_DIGITS].ljust(12, "0")
        return self.names.get(code, code)

    def _show(self, households: list[SampleHousehold]) -> None:
        self.households = households
        self.model.set_rows(
            [
                (
                    h.household_id,
                    [h.village, h.head_name, h.hukou_number, self.how(h.chosen), h.reason],
                )
                for h in households
            ]
        )
        towns: dict[str, dict[str, int]] = {}
        for h in households:
            ways = towns.setdefault(h.area_code[:TOWN_DIGITS], {})
            ways[self.how(h.chosen)] = ways.get(self.how(h.chosen), 0) + 1
        rows: list[tuple[str, list[Any]]] = []
        for town, ways in sorted(towns.items()):
            said = "；".join(self.tr("%1 %2 户").replace("%1", w).replace("%2", str(n))
                            for w, n in ways.items())  # fmt: skip
            rows.append((town, [self.town_of(town), sum(ways.values()), said]))
        self.towns_model.set_rows(rows)
        self.link.message.setText(
            self.tr("%1 年样本共 %2 户，分布在 %3 个乡镇（街道）")
            .replace("%1", str(self.chosen_year()))
            .replace("%2", str(len(households)))
            .replace("%3", str(len(towns)))
        )

    def _picked(self) -> None:
        row = self.table.currentIndex().row()
        if 0 <= row < self.model.rowCount():
            self.household.setText(self.model.record_id(row))

    # -- changing ----------------------------------------------------------------------------

    def draw(self) -> None:
        """Ask, then draw the chosen area's sample (replacing what it has)."""
        year, area = self.chosen_year(), str(self.scope.currentData() or "")
        if not year or not area:
            self.link.message.setText(self.tr("请先选择年份和抽取范围"))
            return
        try:
            size = _number(self.draw_size.text(), MAX_SIZE, 1)
        except ValueError:
            self.link.message.setText(
                self.tr("户数应为 1 到 %s 之间的整数：%s") % (MAX_SIZE, self.draw_size.text())
            )
            self.draw_size.setFocus()
            return
        try:
            seed = _number(self.seed.text(), MAX_SEED, 0)
        except ValueError:
            self.link.message.setText(
                self.tr("种子应为 0 到 %s 之间的整数：%s") % (MAX_SEED, self.seed.text())
            )
            self.seed.setFocus()
            return
        if not self.link.online():
            return
        held = sum(1 for h in self.households if h.area_code.startswith(prefix_of(area)))
        what = self.tr("%1 户").replace("%1", str(size)) if size else self.tr("按设置的户数")
        text = (
            self.tr("为%1抽取 %2 年的样本（%3，种子 %4）？")
            .replace("%1", self.scope.currentText())
            .replace("%2", str(year))
            .replace("%3", what)
            .replace("%4", str(seed) if seed is not None else self.tr("随机"))
        )
        if held:
            text += self.tr("\n该范围现有的 %1 户样本将被替换。").replace("%1", str(held))
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("抽取样本"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.confirm_box = box
        box.finished.connect(lambda answer: self._confirmed(answer, year, area, size, seed))
        box.open()

    def _confirmed(
        self, answer: int, year: int, area: str, size: int | None, seed: int | None
    ) -> None:
        self.confirm_box = None
        if answer != QMessageBox.StandardButton.Yes:
            return

        def work(client: AdminClient) -> SampleAnswer:
            return client.draw_sample(year, area, size=size, seed=seed, replace=True)

        def done(answer: SampleAnswer) -> None:
            self.seed.setText(str(answer.seed))
            self.refresh(
                self.tr("已抽取 %1 户，种子 %2（已记入样本和日志，用同一种子可重现）")
                .replace("%1", str(len(answer.households)))
                .replace("%2", str(answer.seed))
            )

        self.link.call(work, done, self.tr("正在抽取……"))

    def change(self, *, add: bool) -> None:
        """Add the household typed (or chosen in the list) to the sample, or remove it."""
        year, key, reason = (
            self.chosen_year(),
            self.household.text().strip(),
            self.reason.text().strip(),
        )
        if not key:
            self.link.message.setText(self.tr("请填写户ID、户口号或户主身份证号，或在样本户中选择"))
            self.household.setFocus()
            return
        if not HOUSEHOLD.match(key):
            self.link.message.setText(
                self.tr("户的写法有误（只能是户ID、户口号或身份证号：字母、数字和 -）：%s") % key
            )
            self.household.setFocus()
            return
        if not reason:
            self.link.message.setText(self.tr("请写明加入或移出的原因"))
            self.reason.setFocus()
            return

        def work(client: AdminClient) -> SampleAnswer:
            return client.change_sample(year, key, add=add, reason=reason)

        def done(_answer: SampleAnswer) -> None:
            self.reason.clear()
            self.refresh(
                (self.tr("已将户 %s 加入样本") if add else self.tr("已将户 %s 移出样本")) % key
            )

        self.link.call(work, done, self.tr("正在保存……"))
