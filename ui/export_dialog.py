"""The export dialog (文件 → 导出数据): choose an export template, the area (a reviewer's
towns, the admin's district), the survey year, xlsx or csv and the file; the export runs off
the UI thread with its progress, and is audited."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.domain.areas import AreaLevel, is_area_code, level_of, prefix_of
from app.domain.months import month_of, previous_month
from app.domain.settings import SettingsError, load_settings
from app.exports.fields import ExportParams
from app.exports.templates import ExportTemplate, TemplateError, all_templates
from app.exports.write import ExportError
from app.services.exports import export_to_file
from app.store.registry import Area
from app.store.work import ChangeNotice
from ui.announce import MessageLine
from ui.dialog_keys import submit_on_ctrl_enter
from ui.session import AppSession
from ui.theme import fit_dialog
from ui.worker import Job

#: who may export: a reviewer their towns, the admin the district (members: not offered)
EXPORT_ROLES = ("reviewer", "admin")
FORMATS = ("xlsx", "csv")


def season_year() -> int:
    """The survey season's year (the district's settings), else this year."""
    try:
        return load_settings().survey_year
    except SettingsError:
        return date.today().year


def plain(label: str) -> str:
    """A label's words without its mnemonic and colon, as an accessible name."""
    return re.sub(r"\(&.\)|&", "", label).rstrip("：:").strip()


def export_areas(session: AppSession) -> list[tuple[str, str]]:
    """(code, name) of the areas the user may export: each assigned area, and below a
    district its towns (the admin chooses the district or one town)."""
    with session.db.session() as s:
        names = {code: name for code, name in s.execute(select(Area.code, Area.name))}
        codes = list(session.areas)
        if not codes and session.role == "admin":  # an admin without areas: every district
            codes = [c for c, *_ in s.execute(select(Area.code).where(Area.level == "county"))]
    found: list[tuple[str, str]] = []
    for code in codes:
        if not is_area_code(code):
            continue
        found.append((code, names.get(code, code)))
        if level_of(code) is AreaLevel.COUNTY:
            towns = sorted(c for c in names if c.startswith(code[:6]) and c != code
                           and is_area_code(c) and level_of(c) is AreaLevel.TOWN)  # fmt: skip
            found.extend((town, names[town]) for town in towns)
    return found


def export_months(session: AppSession) -> list[str]:
    """The months a monthly export may be for: this month, the last, and every month with
    verification tasks, newest first."""
    this = month_of(date.today())
    with session.db.session() as s:
        found = set(s.scalars(select(ChangeNotice.month).distinct()))
    return sorted(found | {this, previous_month(this)}, reverse=True)


class ExportDialog(QDialog):
    """Write one export to a file; the result (rows, file) is shown and said."""

    def __init__(
        self,
        session: AppSession,
        parent: QWidget | None = None,
        *,
        template: str = "",
        area: str = "",
        survey_round: str = "",
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("导出数据"))
        self.job: Job | None = None
        self._chosen_path = False  # the user typed or chose the file: keep it
        try:
            self.templates: list[ExportTemplate] = list(all_templates().values())
            broken = ""
        except TemplateError as exc:
            self.templates, broken = [], str(exc)
        self.template_box = QComboBox()
        for t in self.templates:
            self.template_box.addItem(t.title, t.id)
        self.purpose = QLabel()
        self.purpose.setWordWrap(True)
        self.area_box = QComboBox()
        for code, name in export_areas(session):
            self.area_box.addItem(name, code)
        self.round_box = QSpinBox()
        self.round_box.setRange(2000, 2100)
        self.round_box.setValue(season_year())
        self.month_box = QComboBox()  # the monthly exports: the months with tasks, newest first
        for month in export_months(session):
            self.month_box.addItem(self.tr("%1年%2月").replace("%1", month[:4])
                                   .replace("%2", str(int(month[5:]))), month)  # fmt: skip
        self.format_box = QComboBox()
        self.format_box.addItem(self.tr("Excel 工作簿（.xlsx）"), "xlsx")
        self.format_box.addItem(self.tr("CSV 文本（.csv，UTF-8，Excel 可直接打开）"), "csv")
        self.path_edit = QLineEdit()
        self.path_edit.textEdited.connect(self._path_typed)
        browse = QPushButton(self.tr("浏览(&B)…"))
        browse.clicked.connect(self.browse)
        browse.setAccessibleDescription(self.tr("选择保存导出文件的位置"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(browse)
        # the whole file name, wrapped under the field: a long folder and name do not fit
        # the field's width (at 200 % text not even the name alone), and what a user does
        # not see cut there is where the file goes
        self.path_shown = QLabel()
        self.path_shown.setWordWrap(True)
        self.path_shown.setTextFormat(Qt.TextFormat.PlainText)
        self.path_shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_edit.textChanged.connect(self._show_path)
        file_box = QVBoxLayout()
        file_box.addLayout(file_row)
        file_box.addWidget(self.path_shown)
        form = QFormLayout()
        for text, editor, row in (
            (self.tr("导出内容(&T)："), self.template_box, None),
            (self.tr("区域(&A)："), self.area_box, None),
            (self.tr("调查年度(&Y)："), self.round_box, None),
            (self.tr("核对月份(&O)："), self.month_box, None),
            (self.tr("文件格式(&M)："), self.format_box, None),
            (self.tr("保存到(&S)："), self.path_edit, file_box),
        ):
            label = QLabel(text)
            label.setBuddy(editor)
            editor.setAccessibleName(plain(text))
            form.addRow(label, row if row is not None else editor)
            if editor is self.template_box:
                form.addRow(self.purpose)  # what the chosen export is for, under it
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("导出进度"))
        self.progress.hide()
        self.message = MessageLine(self)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("导出(&E)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        close = self.buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.export_button.clicked.connect(self.run)
        close.clicked.connect(self.reject)
        submit_on_ctrl_enter(self, self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for box in (self.template_box, self.area_box, self.format_box, self.month_box):
            box.currentIndexChanged.connect(self._choices_changed)
        self.round_box.valueChanged.connect(self._choices_changed)
        if template and (index := self.template_box.findData(template)) >= 0:
            self.template_box.setCurrentIndex(index)
        if area:
            self.choose_area(area)
        if survey_round.isdigit():
            self.round_box.setValue(int(survey_round))
        self._choices_changed()
        if broken or not self.area_box.count():
            self.export_button.setEnabled(False)
            self.message.setText(broken or self.tr("没有可以导出的区域"))
        fit_dialog(self, 40)

    def choose_area(self, code: str) -> None:
        """Choose `code`: one of the areas offered, or a place within one (a village of a
        reviewer's town, as the 统计 page shows it), added to the list."""
        index = self.area_box.findData(code)
        if index < 0 and is_area_code(code):
            offered = [str(self.area_box.itemData(i)) for i in range(self.area_box.count())]
            if any(code.startswith(prefix_of(o)) for o in offered if is_area_code(o)):
                with self.session.db.session() as s:
                    name = s.scalar(select(Area.name).where(Area.code == code)) or code
                self.area_box.addItem(name, code)
                index = self.area_box.count() - 1
        if index >= 0:
            self.area_box.setCurrentIndex(index)

    @property
    def template(self) -> ExportTemplate | None:
        index = self.template_box.currentIndex()
        return self.templates[index] if index >= 0 else None

    @property
    def fmt(self) -> str:
        return str(self.format_box.currentData())

    def _show_path(self, text: str) -> None:
        # a break allowed after each folder's slash and each dash: a path has no spaces
        self.path_shown.setText(
            text.replace("/", "/\u200b").replace("\\", "\\\u200b").replace("-", "-\u200b")
        )

    def shown_path(self) -> str:
        """The file name as the line under the field shows it (its break marks taken out)."""
        return self.path_shown.text().replace("\u200b", "")

    def _path_typed(self, _text: str) -> None:
        self._chosen_path = True

    def _choices_changed(self, *_args: Any) -> None:
        template = self.template
        if template is None:
            return
        self.purpose.setText(template.purpose)
        self.round_box.setEnabled("round" in template.params)
        self.month_box.setEnabled("month" in template.params)
        path = Path(self.path_edit.text()) if self.path_edit.text() else None
        if self._chosen_path and path is not None:
            self.path_edit.setText(str(path.with_suffix(f".{self.fmt}")))
            return
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        parts = [template.title, self.area_box.currentText()]
        if "round" in template.params:
            parts.append(str(self.round_box.value()))
        if "month" in template.params:
            parts.append(str(self.month_box.currentData()))
        self.path_edit.setText(str(Path(folder) / f"{'-'.join(parts)}.{self.fmt}"))

    def browse(self) -> None:
        kinds = {"xlsx": self.tr("Excel 工作簿 (*.xlsx)"), "csv": self.tr("CSV 文本 (*.csv)")}
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出到文件"), self.path_edit.text(), kinds[self.fmt]
        )
        if path:
            self._chosen_path = True
            self.path_edit.setText(str(Path(path).with_suffix(f".{self.fmt}")))

    def params(self) -> ExportParams:
        template = self.template
        needs_round = template is not None and "round" in template.params
        needs_month = template is not None and "month" in template.params
        return ExportParams(
            survey_round=str(self.round_box.value()) if needs_round else "",
            area_code=str(self.area_box.currentData() or ""),
            as_of=date.today(),
            month=str(self.month_box.currentData()) if needs_month else "",
        )

    def run(self) -> None:
        """Write the export off the UI thread; asks before replacing an existing file."""
        template = self.template
        text = self.path_edit.text().strip()
        if template is None or self.job is not None:
            return
        if not text:
            self.message.setText(self.tr("请填写保存到哪个文件"))
            self.path_edit.setFocus()
            return
        path = Path(text).with_suffix(f".{self.fmt}")
        self.path_edit.setText(str(path))
        if path.exists() and not self._may_replace(path):
            return
        params, db, user = self.params(), self.session.db, self.session.username
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.message.setText(self.tr("正在导出……"))
        self.job = self.session.run(
            lambda report: export_to_file(db, user, template, params, path, report),
            lambda rows: self._done(path, rows),
            self._failed,
            owner=self,
        )
        self.job.signals.progress.connect(self._progress)

    def _may_replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, self.tr("导出数据"), self.tr("文件 %s 已存在，要替换它吗？") % path.name
        )
        return answer == QMessageBox.StandardButton.Yes

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finish(self) -> None:
        self.job = None
        self.progress.hide()
        self.export_button.setEnabled(True)

    def _done(self, path: Path, rows: int) -> None:
        self._finish()
        self.message.setText(self.tr("已导出 %1 行到 %2").replace("%1", str(rows))
                             .replace("%2", str(path)))  # fmt: skip

    def _failed(self, error: Exception) -> None:
        self._finish()
        if isinstance(error, ExportError | TemplateError):
            self.message.setText(self.tr("没有导出：%s") % error)
        else:
            self.message.setText(self.tr("没有导出：出现意外错误（%s）") % type(error).__name__)

    def keyPressEvent(self, event: Any) -> None:
        # Escape while an export runs leaves it running: the dialog stays to show the result
        if event.key() == Qt.Key.Key_Escape and self.job is not None:
            return
        super().keyPressEvent(event)
