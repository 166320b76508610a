"""The 发布 tab of 管理: every published form version and settings publication (what it holds,
when and by whom), newest first; 发布新版本… is 文件 → 发布表单或设置…, the same action."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.admin_link import AdminLink
from ui.pages.commands import chain_tab_order
from ui.publish_action import PublishAction
from ui.rows_model import RowsModel, rows_view
from ui.session import AppSession
from ui.timefmt import local_text

if TYPE_CHECKING:
    from sync.protocol import PublicationInfo

HEADERS = (
    QT_TRANSLATE_NOOP("AdminPublished", "类别"),
    QT_TRANSLATE_NOOP("AdminPublished", "表单"),
    QT_TRANSLATE_NOOP("AdminPublished", "版本"),
    QT_TRANSLATE_NOOP("AdminPublished", "内容"),
    QT_TRANSLATE_NOOP("AdminPublished", "文件"),
    QT_TRANSLATE_NOOP("AdminPublished", "发布时间"),
    QT_TRANSLATE_NOOP("AdminPublished", "发布人"),
)


class AdminPublished(QWidget):
    """The district's published forms and settings; publish a new one."""

    def __init__(self, session: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = AdminLink(session, self)
        self.publications: list[PublicationInfo] = []
        self.model = RowsModel([self.tr(h) for h in HEADERS], self)
        self.table = rows_view(
            self.tr("已发布的表单和设置"), self.model, min_height=120, word_wrap=True, parent=self
        )
        self.refresh_button = QPushButton(self.tr("刷新(&R)"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.publish_button = QPushButton(self.tr("发布新版本(&N)…"), self)
        self.publish_button.setToolTip(
            self.tr("选择表单定义或设置文件（.yaml）发布；各笔记本下次同步时收到")
        )
        self.publish_button.setAccessibleDescription(self.publish_button.toolTip())
        self.publish_button.clicked.connect(self.publish)
        #: 文件 → 发布表单或设置…'s own action: the same checks, messages and worker
        self.publishing = PublishAction(session, self)
        self.publishing.outcome.connect(self.link.message.setText)
        self.publishing.published.connect(lambda _info: self.refresh(self.publishing.said))
        row = QHBoxLayout()
        row.addWidget(self.refresh_button)
        row.addWidget(self.publish_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.link.message)
        layout.addWidget(self.link.bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        chain_tab_order([self.table, self.refresh_button, self.publish_button])

    def refresh(self, said: str = "") -> None:
        """Read the list again (`said`: what to say after it, instead of the count)."""

        def done(publications: list[PublicationInfo]) -> None:
            self._show(publications)
            if said:
                self.link.message.setText(said)

        self.link.call(lambda c: c.publications(), done, self.tr("正在读取已发布的版本……"))

    def publish(self) -> None:
        """Choose a file and publish it (offline: said, nothing chosen or sent)."""
        if self.link.online():
            self.publishing.choose()

    def _show(self, publications: list[PublicationInfo]) -> None:
        self.publications = sorted(publications, key=lambda p: p.id, reverse=True)
        rows: list[tuple[str, list[Any]]] = []
        for p in self.publications:
            kind = self.tr("表单") if p.kind == "form" else self.tr("设置")
            when = local_text(p.published_at) if p.published_at else ""
            who = p.published_by or self.tr("（程序内置）")
            rows.append(
                (str(p.id), [kind, p.form_id, p.version, p.summary, p.file_name, when, who])
            )
        self.model.set_rows(rows)
        forms = sum(1 for p in self.publications if p.kind == "form")
        self.link.message.setText(
            self.tr("共 %1 个表单版本、%2 次设置发布")
            .replace("%1", str(forms))
            .replace("%2", str(len(self.publications) - forms))
        )
