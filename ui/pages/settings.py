"""Settings: text size, high contrast, idle lock time, language (applied at once, kept);
备份 of the laptop's data."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from ui import preferences
from ui.announce import MessageLine
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.base import Page
from ui.preferences import LANGUAGES, TEXT_SIZES, Preferences
from ui.session import AppSession


class SettingsPage(Page):
    """The user's preferences; changes apply immediately and are remembered."""

    title = QT_TRANSLATE_NOOP("SettingsPage", "设置")
    #: the preferences changed (the main window applies them)
    preferences_changed = Signal(object)

    def __init__(self, session: AppSession, current: Preferences) -> None:
        super().__init__(session)
        self.current = current
        self.size_combo = QComboBox()
        self.size_combo.setAccessibleName(self.tr("文字大小"))
        for size in TEXT_SIZES:
            self.size_combo.addItem(f"{size}%", size)
        self.contrast_box = QCheckBox(self.tr("高对比度（黑底白字）(&H)"))
        self.lock_spin = QSpinBox()
        self.lock_spin.setRange(0, 240)
        self.lock_spin.setSuffix(self.tr(" 分钟"))
        self.lock_spin.setSpecialValueText(self.tr("从不"))
        self.lock_spin.setAccessibleName(self.tr("无操作自动锁定时间"))
        self.lock_spin.setAccessibleDescription(self.tr("0 表示从不自动锁定"))
        self.language_combo = QComboBox()
        self.language_combo.setAccessibleName(self.tr("界面语言"))
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.note = MessageLine()
        self.apply_button = QPushButton(self.tr("应用(&A)"))
        self.apply_button.setAccessibleDescription(self.tr("应用设置"))
        self.apply_button.clicked.connect(self.apply)

        self.backup_button = QPushButton(self.tr("备份数据(&B)…"))
        self.backup_button.setAccessibleDescription(
            self.tr("把本机的记录、照片和密钥信息备份成一个加密文件，例如存到U盘")
        )
        self.backup_button.clicked.connect(self.backup)

        form = QFormLayout()
        for text, widget in (
            (QT_TRANSLATE_NOOP("SettingsPage", "文字大小(&Z)："), self.size_combo),
            ("", self.contrast_box),
            (QT_TRANSLATE_NOOP("SettingsPage", "自动锁定(&L)："), self.lock_spin),
            (QT_TRANSLATE_NOOP("SettingsPage", "语言(&N)："), self.language_combo),
        ):
            if text:
                label = QLabel(self.tr(text))
                label.setBuddy(widget)
                form.addRow(label, widget)
            else:
                form.addRow(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.apply_button)
        layout.addWidget(self.note)
        layout.addSpacing(self.fontMetrics().height())
        backup_hint = QLabel(self.tr("数据备份：恢复时在解锁界面选择“从备份恢复”。"))
        backup_hint.setWordWrap(True)
        layout.addWidget(backup_hint)
        layout.addWidget(self.backup_button)
        layout.addStretch(1)
        self.show_preferences(current)

    def show_preferences(self, prefs: Preferences) -> None:
        self.size_combo.setCurrentIndex(max(0, self.size_combo.findData(prefs.text_size)))
        self.contrast_box.setChecked(prefs.high_contrast)
        self.lock_spin.setValue(prefs.idle_lock_minutes)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(prefs.language)))

    def chosen(self) -> Preferences:
        return Preferences(
            text_size=int(self.size_combo.currentData()),
            high_contrast=self.contrast_box.isChecked(),
            idle_lock_minutes=self.lock_spin.value(),
            language=str(self.language_combo.currentData()),
        ).checked()

    def apply(self) -> None:
        chosen = self.chosen()
        language_changed = chosen.language != self.current.language
        preferences.save(chosen)
        self.current = chosen
        self.note.setText(
            self.tr("设置已保存。")
            + (self.tr("语言将在重新启动后生效。") if language_changed else "")
        )
        self.preferences_changed.emit(chosen)

    def backup(self) -> None:
        from ui.backup_dialogs import BackupDialog

        BackupDialog(self.session.db, parent=self).exec()

    def activate(self, record_id: str = "") -> None:
        self.size_combo.setFocus()
