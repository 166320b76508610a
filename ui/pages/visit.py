"""The visit page: the forms due for one household, each filled in a FormWidget.

Drafts are saved when the member switches forms, leaves the page, or pauses for a
moment; "完成走访" (ui/pages/visit_finish.py) validates every form and completes them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QKeySequence
from PySide6.QtWidgets import QBoxLayout, QListWidgetItem, QWidget

from app.domain import workflow
from app.forms.definition import Item
from app.forms.engine import FormEngine
from app.services.changed import Changed
from ui.forms import FormWidget, SessionAttachments
from ui.forms.media import PhotoField
from ui.i18n import QT_TRANSLATE_NOOP
from ui.pages.commands import add_command
from ui.pages.drafts import DraftSaver
from ui.pages.visit_finish import VisitFinisher
from ui.pages.visit_note import VisitNote
from ui.pages.visit_plan import (
    DueEntry,
    OpenedResponse,
    VisitPlan,
    load_plan,
    open_response,
    survey_year,
    visit_facts,
)
from ui.pages.visit_view import VisitView
from ui.print_commands import DONE_STATES, PrintCommands, ResponseCopies
from ui.session import AppSession

AUTOSAVE_MS = 2000
#: the visit's own photos (the label is translated when the field is made)
VISIT_PHOTOS = Item(
    name="visit_photos",
    type="photo",
    label=QT_TRANSLATE_NOOP("VisitPage", "走访照片"),
    required=False,
)


class VisitPage(VisitView):
    """A home visit: the household's forms due this season, filled and completed together."""

    def __init__(self, session: AppSession) -> None:
        super().__init__(session)
        self.household_id = ""
        self.entries: list[DueEntry] = []
        self.forms: dict[str, FormWidget] = {}  # by response id
        self.opened: dict[str, OpenedResponse] = {}
        self.current: str | None = None
        self.dirty: set[str] = set()
        self._wanted: DueEntry | None = None
        self.completed_message = ""  # said once the plan is read again after completing
        self._status_before = self._busy_text = ""
        self.saver = DraftSaver(session, self)
        self.saver.failed.connect(lambda _rid, message: self.announce(message))
        self.saver.saved.connect(self._draft_saved)
        self.finisher = VisitFinisher(self)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_drafts)

        self._build()
        self._update_buttons()

    def _build(self) -> None:
        self.entry_list.itemActivated.connect(lambda i: self.open_entry(self.entry_list.row(i)))
        self.entry_list.currentRowChanged.connect(self.open_entry)
        self.issue_list.itemActivated.connect(self.finisher.go_to_issue)
        for key, text, keys, slot in (
            ("same_all", self.tr("全部与去年相同(&Y)"), ["Ctrl+Shift+L"], self.same_all),
            ("same", self.tr("本部分与去年相同(&L)"), ["Ctrl+D"], self.same_section),
            ("save", self.tr("保存草稿(&S)"), ["Ctrl+S"], self.save_drafts),
            ("reopen", self.tr("重新打开修改(&E)"), ["Ctrl+E"], self.reopen),
            ("finish", self.tr("完成走访(&W)"), ["Ctrl+Return", "Ctrl+Enter"], self.finish),
            ("next", self.tr("下一份表"), ["Ctrl+PgDown"], lambda: self.step(1)),
            ("previous", self.tr("上一份表"), ["Ctrl+PgUp"], lambda: self.step(-1)),
        ):
            shortcuts = [QKeySequence(k) for k in keys]
            keys_only = key in ("next", "previous")  # the list of forms does it by click
            button = add_command(self, text, shortcuts, slot, None if keys_only else self.row)
            if button is not None:
                self.buttons[key] = button
        self.row.insertStretch(4, 1)
        # a done form's two copies on paper (issue 17)
        self.printing = PrintCommands(self.session, self)
        self.copies = ResponseCopies(self.printing, self.done_response, self.row, self)
        self.buttons["print_own_file"], self.buttons["print_shared"] = self.copies.buttons
        # the visit's note, above the commands (saved with the drafts and with the visit)
        self.note = VisitNote(self.session, self.session.role == workflow.MEMBER, self)
        self.note.failed.connect(lambda m: self.announce(self.tr("走访备注没有保存：%s") % m))
        self.note.edit.textEdited.connect(lambda _t: self._autosave.start())
        layout = self.layout()
        assert isinstance(layout, QBoxLayout)
        layout.insertLayout(layout.count() - 1, self.note.row)

    def finish(self) -> None:
        """完成走访: check every form of the visit and complete them."""
        self.finisher.finish()

    def visit_made(self) -> None:
        """The forms were completed: the visit is recorded as made, with its note and the
        way it was made (the forms' 调查方式, else in person)."""
        methods = [str(f.answers().get("method") or "") for f in self.forms.values()]
        self.note.complete(next((m for m in methods if m), "1"))

    def fix_tab_order(self) -> None:
        """The note comes after the issues, before the commands (its place on screen)."""
        super().fix_tab_order()
        QWidget.setTabOrder(self.issue_list, self.note.edit)

    # -- the household and its forms --------------------------------------------------------

    def activate(self, record_id: str = "") -> None:
        """Show the visit of household `record_id` (the same one again: keep what is open)."""
        if not record_id or (record_id == self.household_id and self.entries):
            return
        self.save_drafts()
        self.household_id = record_id
        self.note.load(record_id)
        self._clear()
        self.announce(self.tr("正在读取本户要填的表…"), speak=False)
        year, db = survey_year(), self.session.db
        self.session.run(lambda _r: load_plan(db, record_id, year), self._plan_loaded, self._failed)

    def reload(self) -> None:
        """Read the plan again (after completing) keeping nothing open."""
        household, self.household_id = self.household_id, ""
        self.activate(household)

    def _clear(self) -> None:
        for form in self.forms.values():
            self.stack.removeWidget(form)
            form.deleteLater()
        self.forms.clear()
        self.opened.clear()
        self.dirty.clear()
        self.current = None
        self.entries = []
        self.entry_list.clear()
        self.issue_list.clear()
        self.finisher.show_issues([])
        self.stack.setCurrentWidget(self.placeholder)
        self.form_title.clear()
        self.reason.set_text("")

    def _plan_loaded(self, plan: VisitPlan) -> None:
        if plan.household_id != self.household_id:
            return  # the member went on to another household meanwhile
        self.heading.setText(plan.heading)
        self.heading.setAccessibleName(plan.heading)
        self.entries = list(plan.entries)
        self.entry_list.blockSignals(True)
        for entry in self.entries:
            self.entry_list.addItem(QListWidgetItem(self._entry_text(entry)))
        self.entry_list.blockSignals(False)
        self._make_photos(plan)
        todo = [i for i, e in enumerate(self.entries) if not e.is_case and not e.done]
        count = len([e for e in self.entries if not e.is_case])
        message = self.tr("本户本年度有 %d 份表，待填 %d 份") % (count, len(todo))
        if self.completed_message:
            message, self.completed_message = self.completed_message, ""
        self.announce(message)
        if todo:
            self.entry_list.setCurrentRow(todo[0])
        self._update_buttons()
        self.fix_tab_order()

    def _make_photos(self, plan: VisitPlan) -> None:
        if self.photos is not None:
            self.photo_box.removeWidget(self.photos)
            self.photos.deleteLater()
        store = SessionAttachments(self.session, "household", plan.household_id, tag="visit")
        item = dataclasses.replace(VISIT_PHOTOS, label=self.tr(VISIT_PHOTOS.label))
        self.photos = PhotoField(item, store, self.session.role == workflow.MEMBER, self)
        self.photos.add_button.setText(self.tr("添加走访照片(&Z)…"))
        # one above the other: side by side they made the side column wide at large text
        self.photos.button_row.setDirection(QBoxLayout.Direction.TopToBottom)
        self.photos.describe(self.tr("走访照片"), self.tr("入户时拍的照片，存入本户的档案"))
        self.photos.set_value(plan.photos)
        self.photo_box.insertWidget(1, self.photos)

    def _entry_text(self, entry: DueEntry) -> str:
        who = f"{entry.person_name} · " if entry.person_name else ""
        return f"{who}{entry.title} · {entry.state_label}"

    def entry_of(self, response_id: str) -> int:
        return next((i for i, e in enumerate(self.entries) if e.response_id == response_id), -1)

    def replace_entry(self, index: int, entry: DueEntry) -> None:
        self.entries[index] = entry
        item = self.entry_list.item(index)
        if item is not None:
            item.setText(self._entry_text(entry))

    def step(self, offset: int) -> None:
        row = self.entry_list.currentRow() + offset
        if 0 <= row < self.entry_list.count():
            self.entry_list.setCurrentRow(row)

    def open_entry(self, index: int, then: Callable[[FormWidget], None] | None = None) -> None:
        """Show the entry's form (started and pre-filled if new); a case opens its own page."""
        if not 0 <= index < len(self.entries):
            return
        entry = self.entries[index]
        if entry.is_case:
            if entry.response_id:
                self.navigate.emit("case", entry.response_id)
            return
        self.save_drafts()
        if entry.response_id in self.forms:
            self._show(entry.response_id, then)
            return
        self._wanted = entry
        self._status_before = self.status.text()
        self._busy_text = self.tr("正在打开 %s…") % entry.title
        self.announce(self._busy_text, speak=False)
        responses, household, user = (
            self.session.responses,
            self.household_id,
            self.session.username,
        )

        def work(_report: object) -> OpenedResponse:
            facts = visit_facts(responses.db, user)
            return open_response(responses, household, entry, facts)

        self.session.run(
            work,
            lambda opened: self._opened(index, opened, then),
            self._failed,
            owner=self,
        )

    def _opened(
        self, index: int, opened: OpenedResponse, then: Callable[[FormWidget], None] | None
    ) -> None:
        if index >= len(self.entries) or self.entries[index] != opened.entry:
            return  # the page moved on to another household
        rid = opened.response_id
        state = opened.entry.state if opened.new is not None else opened.state
        self.replace_entry(index, dataclasses.replace(opened.entry, response_id=rid, state=state))
        if opened.new is not None:
            self.saver.starts[rid] = opened.new  # started by its first save, not by opening
        editable = opened.editable and self.session.role == workflow.MEMBER
        form = FormWidget(
            opened.form,
            FormEngine(opened.form),
            opened.context,
            opened.answers,
            opened.last,
            editable,
            attachments=SessionAttachments(
                self.session, "form_response", rid, make_owner=lambda: self._start_now(rid)
            ),
        )
        form.changed.connect(lambda rid=rid: self._form_changed(rid))
        self.forms[rid] = form
        self.opened[rid] = opened
        self.stack.addWidget(form)
        if self._wanted == opened.entry:
            self._show(rid, then)

    def _show(self, rid: str, then: Callable[[FormWidget], None] | None = None) -> None:
        form, opened = self.forms[rid], self.opened[rid]
        index = self.entry_of(rid)
        entry = self.entries[index] if index >= 0 else opened.entry
        self.current = rid
        self.stack.setCurrentWidget(form)
        if entry.person_name:
            title = self.tr("%s · %s（%s）") % (
                entry.person_name,
                opened.form.title,
                entry.state_label,
            )
        else:
            title = self.tr("%s（%s）") % (opened.form.title, entry.state_label)
        self.form_title.setText(title)
        self.reason.set_text(self.tr("退回原因：%s") % entry.reason if entry.reason else "")
        if self.entry_list.currentRow() != index and index >= 0:
            self.entry_list.blockSignals(True)
            self.entry_list.setCurrentRow(index)
            self.entry_list.blockSignals(False)
        self._update_buttons()
        self.fix_tab_order()
        if self.status.text() == self._busy_text:
            self.announce(self._status_before, speak=False)
        if then is not None:
            then(form)

    def current_form(self) -> FormWidget | None:
        return self.forms.get(self.current or "")

    def _update_buttons(self) -> None:
        form = self.current_form()
        editable = form is not None and form.editable
        has_last = editable and form is not None and form.last is not None
        self.buttons["same_all"].setEnabled(has_last)
        self.buttons["same"].setEnabled(has_last)
        self.buttons["save"].setEnabled(editable)
        entry = self.entries[self.entry_of(self.current)] if self.current else None
        reopen = entry is not None and entry.state == workflow.COMPLETED
        self.buttons["reopen"].setVisible(reopen and self.session.role == workflow.MEMBER)
        self.buttons["finish"].setEnabled(any(not e.is_case and not e.done for e in self.entries))
        done = self.done_response() is not None
        for button in self.copies.buttons:
            button.setVisible(done)
        self.copies.update()

    def done_response(self) -> tuple[str, str] | None:
        """The form shown, if it is done (completed, submitted or accepted): (id, state)."""
        index = self.entry_of(self.current) if self.current else -1
        entry = self.entries[index] if index >= 0 else None
        if (
            entry is None
            or entry.is_case
            or not entry.response_id
            or entry.state not in DONE_STATES
        ):
            return None
        return entry.response_id, entry.state

    # -- actions ----------------------------------------------------------------------------

    def same_all(self) -> None:
        form = self.current_form()
        if form is not None and form.editable:
            filled = form.confirm_all_sections()
            self.announce(self.tr("已按去年的答案填写 %d 题，请核对标出的不同之处") % len(filled))

    def same_section(self) -> None:
        form = self.current_form()
        section = form.current_section() if form is not None else None
        if form is None or section is None:
            self.announce(self.tr("请先把光标放在要确认的部分里"))
            return
        filled = form.confirm_section(section)  # its note under the section says it
        self.announce(self.tr("本部分已按去年填写 %d 题") % len(filled), speak=False)

    def reopen(self) -> None:
        rid = self.current
        if rid is None:
            return
        responses = self.session.responses
        self.session.run(
            lambda _r: responses.move(rid, workflow.DRAFT), lambda _c: self.reload(), self._failed
        )

    def _form_changed(self, rid: str) -> None:
        self.dirty.add(rid)
        self._autosave.start()

    def save_drafts(self) -> None:
        """Save every changed form as a draft (off the UI thread, in order)."""
        self._autosave.stop()
        for rid in sorted(self.dirty):
            form = self.forms.get(rid)
            if form is not None and form.editable:
                form.flush()
                self.saver.save(rid, form.answers())
        self.dirty.clear()
        self.note.save()

    def flush(self) -> None:
        """Save every changed form now, on the UI thread (the window closes or locks)."""
        self._autosave.stop()
        for rid in sorted(self.dirty):
            form = self.forms.get(rid)
            if form is not None and form.editable:
                self.saver.save_now(rid, form.answers())
        self.dirty.clear()
        self.note.save_now()

    def _draft_saved(self, checked: object) -> None:
        rid = getattr(checked, "response_id", "")
        index = self.entry_of(rid)
        if index >= 0 and self.entries[index].state in (None, workflow.RETURNED, workflow.ASSIGNED):
            self.replace_entry(index, dataclasses.replace(self.entries[index], state="draft"))
        self.session.announce(Changed(households=frozenset({self.household_id})))

    def _start_now(self, rid: str) -> None:
        """Write a form not started yet now (a photo or a signature needs its response)."""
        form = self.forms.get(rid)
        if rid in self.saver.starts and form is not None:
            self.dirty.discard(rid)
            checked = self.saver.save_now(rid, form.answers())
            if checked is not None:
                self._draft_saved(checked)

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_drafts()
        super().hideEvent(event)

    def on_changed(self, changed: Changed) -> None:
        """Nothing to redraw: what this page shows it changed itself."""

    # -- telling the member -----------------------------------------------------------------

    def _failed(self, exc: Exception) -> None:
        message = getattr(exc, "user_message", "") or str(exc)
        self.announce(self.tr("出错了：%s") % message)
