"""The 导入 tab of 管理: a roster or a month's change list sent to the server; what it did
and the rows it refused, shown as a table and saved as a sheet (.xlsx or .csv)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import load_code_lists
from app.exports.table_file import TableFileError, save_table
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.admin_link import AdminLink
from ui.pages.commands import chain_tab_order
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession

if TYPE_CHECKING:
    from sync.admin_client import AdminClient
    from sync.admin_protocol import ImportAnswer

KINDS = (
    ("roster", QT_TRANSLATE_NOOP("AdminImports", "花名册")),
    ("changes", QT_TRANSLATE_NOOP("AdminImports", "月度变动名单")),
)
HEADERS = (
    QT_TRANSLATE_NOOP("AdminImports", "行号"),
    QT_TRANSLATE_NOOP("AdminImports", "原因"),
    QT_TRANSLATE_NOOP("AdminImports", "说明"),
    QT_TRANSLATE_NOOP("AdminImports", "该行内容"),
)
#: why a row was refused, by the server's code (sync/server/roster.py and changes.py)
REASONS = {
    "invalid_id": QT_TRANSLATE_NOOP("AdminImports", "身份证号无效"),
    "unknown_area": QT_TRANSLATE_NOOP("AdminImports", "区划不存在"),
    "cert_mismatch": QT_TRANSLATE_NOOP("AdminImports", "残疾人证号不符"),
    "duplicate": QT_TRANSLATE_NOOP("AdminImports", "重复"),
    "missing": QT_TRANSLATE_NOOP("AdminImports", "缺少必填项"),
    "invalid": QT_TRANSLATE_NOOP("AdminImports", "内容无效"),
    "bad_id": QT_TRANSLATE_NOOP("AdminImports", "身份证号有误"),
    "unknown_id": QT_TRANSLATE_NOOP("AdminImports", "未登记"),
    "not_in_district": QT_TRANSLATE_NOOP("AdminImports", "不在本区在册人员中"),
    "unknown_kind": QT_TRANSLATE_NOOP("AdminImports", "变动类型不明"),
    "unknown_source": QT_TRANSLATE_NOOP("AdminImports", "来源不明"),
    "bad_date": QT_TRANSLATE_NOOP("AdminImports", "日期有误"),
    "closed": QT_TRANSLATE_NOOP("AdminImports", "任务已核结"),
}
#: the columns of a refused row, by the server's field names (sync/server/roster_sheet.py and
#: changes_sheet.py COLUMN_NAMES): the sheet's own headings, not the program's names
COLUMNS = {
    "household_ref": QT_TRANSLATE_NOOP("AdminImports", "户编号"),
    "area_code": QT_TRANSLATE_NOOP("AdminImports", "村（社区）代码"),
    "address": QT_TRANSLATE_NOOP("AdminImports", "现居住地址"),
    "hukou_type": QT_TRANSLATE_NOOP("AdminImports", "户口性质"),
    "head_name": QT_TRANSLATE_NOOP("AdminImports", "户主姓名"),
    "head_id_number": QT_TRANSLATE_NOOP("AdminImports", "户主身份证号"),
    "phone": QT_TRANSLATE_NOOP("AdminImports", "联系电话"),
    "name": QT_TRANSLATE_NOOP("AdminImports", "姓名"),
    "id_number": QT_TRANSLATE_NOOP("AdminImports", "身份证号"),
    "relation": QT_TRANSLATE_NOOP("AdminImports", "与户主关系"),
    "cert_number": QT_TRANSLATE_NOOP("AdminImports", "残疾人证号"),
    "category": QT_TRANSLATE_NOOP("AdminImports", "残疾类别"),
    "grade": QT_TRANSLATE_NOOP("AdminImports", "残疾等级"),
    "kind": QT_TRANSLATE_NOOP("AdminImports", "变动类型"),
    "event_date": QT_TRANSLATE_NOOP("AdminImports", "变动日期"),
    "source": QT_TRANSLATE_NOOP("AdminImports", "来源"),
    "detail": QT_TRANSLATE_NOOP("AdminImports", "备注"),
    "date_death": QT_TRANSLATE_NOOP("AdminImports", "死亡日期"),
    "date_hukou_out": QT_TRANSLATE_NOOP("AdminImports", "迁出日期"),
    "date_hukou_in": QT_TRANSLATE_NOOP("AdminImports", "迁入日期"),
    "date_cremation": QT_TRANSLATE_NOOP("AdminImports", "火化日期"),
}
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class AdminImports(QWidget):
    """Send a roster or change list; read and keep the refusal report."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = AdminLink(session, self)
        self.answer: ImportAnswer | None = None
        self.kind = QComboBox(self)
        for _code, words in KINDS:
            self.kind.addItem(self.tr(words))
        self.kind.setAccessibleName(self.tr("导入什么"))
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.file = QLineEdit(self)
        self.file.setAccessibleName(self.tr("要导入的文件"))
        self.file.setPlaceholderText(self.tr(".xlsx 或 .csv 文件"))
        self.browse_button = QPushButton(self.tr("选择文件(&E)…"), self)
        self.browse_button.clicked.connect(self.browse)
        self.month = QLineEdit(date.today().strftime("%Y-%m"), self)
        self.month.setAccessibleName(self.tr("变动名单的月份"))
        self.month.setPlaceholderText(self.tr("如 2026-11"))
        self.source = QComboBox(self)
        self.source.addItem(self.tr("按表中“来源”列"), "")
        for item in load_code_lists()["change_source"].items:
            self.source.addItem(item.label, item.label)
        self.source.setAccessibleName(self.tr("变动名单的来源"))
        self.strict = QCheckBox(self.tr("有一行被拒收就整个文件都不导入(&T)"), self)
        self.import_button = QPushButton(self.tr("导入(&I)"), self)
        self.import_button.clicked.connect(self.send)
        self.summary = QPlainTextEdit(self)
        self.summary.setReadOnly(True)
        self.summary.setAccessibleName(self.tr("导入结果"))
        self.summary.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.model = RowsModel([self.tr(h) for h in HEADERS], self)
        self.table = rows_view(
            self.tr("拒收的行"), self.model, main=True, word_wrap=True, parent=self
        )
        self.save_button = QPushButton(self.tr("拒收报告另存为(&A)…"), self)
        self.save_button.clicked.connect(self.ask_save)
        self.save_button.setEnabled(False)

        form = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.browse_button)
        self.month_label = QLabel(self.tr("月份(&M)："), self)
        self.source_label = QLabel(self.tr("来源(&O)："), self)
        kind_label = QLabel(self.tr("导入(&N)："), self)
        file_label = QLabel(self.tr("文件(&L)："), self)
        for label, field in (
            (kind_label, self.kind),
            (file_label, self.file),
            (self.month_label, self.month),
            (self.source_label, self.source),
        ):
            label.setBuddy(field)
        form.addRow(kind_label, self.kind)
        form.addRow(file_label, file_row)
        form.addRow(self.month_label, self.month)
        form.addRow(self.source_label, self.source)
        form.addRow(self.strict)
        form.addRow(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.link.message)
        layout.addWidget(self.link.bar)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("拒收的行："), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.save_button)
        chain_tab_order([self.kind, self.file, self.browse_button, self.month, self.source,
                         self.strict, self.import_button, self.summary, self.table,
                         self.save_button])  # fmt: skip
        self._kind_changed()

    def _kind_changed(self) -> None:
        changes = KINDS[self.kind.currentIndex()][0] == "changes"
        for widget in (self.month_label, self.month, self.source_label, self.source):
            widget.setVisible(changes)

    def browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("选择要导入的文件"), self.file.text(), self.tr("表格 (*.xlsx *.csv)")
        )
        if chosen:
            self.file.setText(chosen)

    def send(self) -> None:
        path = Path(self.file.text().strip())
        if not self.file.text().strip():
            self.link.message.setText(self.tr("请先选择要导入的文件"))
            self.file.setFocus()
            return
        if path.suffix.lower() not in (".xlsx", ".csv"):
            self.link.message.setText(self.tr("只能导入 .xlsx 或 .csv 文件：%s") % path.name)
            return
        if not path.is_file():
            self.link.message.setText(self.tr("找不到文件：%s") % path)
            return
        strict = self.strict.isChecked()
        if KINDS[self.kind.currentIndex()][0] == "roster":

            def work(client: AdminClient) -> ImportAnswer:
                return client.import_roster(path, strict=strict)

        else:
            month = self.month.text().strip()
            if not MONTH.match(month):
                self.link.message.setText(self.tr("月份应写成 2026-11 这样：%s") % month)
                self.month.setFocus()
                return
            source = str(self.source.currentData() or "")

            def work(client: AdminClient) -> ImportAnswer:
                return client.import_changes(path, month, source=source, strict=strict)

        self.link.call(work, self._show, self.tr("正在导入 %s……") % path.name)

    def _show(self, answer: ImportAnswer) -> None:
        self.answer = answer
        head = self.tr("已导入") if answer.imported else self.tr("未导入（严格模式下有被拒收的行）")
        self.summary.setPlainText("\n".join([head, *answer.lines, *answer.notes]))
        self.model.set_rows([(str(row[0]), row) for row in self.report_rows()])
        self.save_button.setEnabled(bool(answer.refused))
        self.link.message.setText(
            self.tr("导入完成，拒收 %n 行", "", len(answer.refused))
            if answer.imported
            else self.tr("文件未导入：拒收 %n 行", "", len(answer.refused))
        )

    def _values(self, values: dict[str, str]) -> str:
        """A refused row's cells, each named by its column as the sheet names it."""

        def column(key: str) -> str:
            return self.tr(COLUMNS[key]) if key in COLUMNS else key

        return "，".join(f"{column(k)}：{v}" for k, v in values.items() if v)

    def report_rows(self) -> list[list[Any]]:
        if self.answer is None:
            return []
        return [
            [str(r.line), self.reason(r.reason), r.message, self._values(r.values)]
            for r in self.answer.refused
        ]

    def reason(self, code: str) -> str:
        return self.tr(REASONS[code]) if code in REASONS else code

    def ask_save(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("拒收报告另存为"),
            self.tr("拒收报告") + ".xlsx",
            self.tr("表格 (*.xlsx *.csv)"),
        )
        if chosen:
            self.save_report(Path(chosen))

    def save_report(self, path: Path) -> None:
        """Save the refused rows of the last import as a sheet."""
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + ".xlsx")
        try:
            save_table(path, self.tr("拒收报告"), [self.tr(h) for h in HEADERS], self.report_rows())
        except TableFileError as exc:
            self.link.message.setText(self.tr("拒收报告未保存：%s") % exc)
            return
        self.link.message.setText(self.tr("拒收报告已保存：%s") % path)
