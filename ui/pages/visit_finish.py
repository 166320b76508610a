"""Completing a visit: wait for photos and signatures, save, check every form, confirm, complete.

Errors block: they are listed (icon and text) and the first one gets the focus.
Warnings are shown in a dialog to confirm; confirmed warnings are recorded with the
response by the service. Forms not started at all are left for another day.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QListWidgetItem, QMessageBox, QPushButton

from app.domain import workflow
from app.forms.engine import FormIssue
from app.services.changed import Changed
from app.services.responses import Checked
from app.store.work import FormResponse
from ui.forms.marks import ERROR, WARNING, mark_icon
from ui.pages.visit_plan import DueEntry

#: an entry in these states has no response written yet (or only the one assigned to it)
UNSTARTED = (None, workflow.ASSIGNED)

if TYPE_CHECKING:
    from ui.pages.visit import VisitPage

Found = list[tuple[str, FormIssue]]  # (response id, issue)


class VisitFinisher(QObject):
    """The "完成走访" action of a visit page."""

    def __init__(self, page: VisitPage) -> None:
        super().__init__(page)
        self.page = page
        self.confirm_box: QMessageBox | None = None
        self.running = False
        self.not_started: list[DueEntry] = []

    def finish(self) -> None:
        """Complete every started form of the visit (after checks and confirmations)."""
        if self.running:
            return
        self.running = True
        self.page.announce(self.tr("正在检查本次走访的表…"), speak=False)
        for form in self.page.forms.values():
            form.flush()
        self._when_settled(self._save_all)

    def _when_settled(self, then: Callable[[], None]) -> None:
        waiting = [f for f in self.page.forms.values() if f.pending()]
        if not waiting:
            then()
            return
        waiting[0].settled.connect(
            lambda: self._when_settled(then), Qt.ConnectionType.SingleShotConnection
        )

    def _save_all(self) -> None:
        self.page.save_drafts()
        self.page.saver.when_idle(self._check)

    def _who(self, entry: DueEntry) -> str:
        return f"{entry.person_name} · {entry.title}" if entry.person_name else entry.title

    def _check(self) -> None:
        open_entries = [e for e in self.page.entries if not e.is_case and not e.done]
        started = [e for e in open_entries if e.response_id and e.state not in UNSTARTED]
        self.not_started = [e for e in open_entries if e not in started]
        if not started:
            self._stop(self.tr("本户还没有填写任何表，没有可完成的内容"))
            return
        responses, db = self.page.session.responses, self.page.session.db
        ids = [e.response_id for e in started if e.response_id]

        def work(_report: object) -> list[Checked]:
            results = []
            for rid in ids:
                with db.session() as s:
                    response = s.get(FormResponse, rid)
                    returned = response is not None and response.state == workflow.RETURNED
                    answers = dict(response.answers) if response is not None else {}
                if returned:  # untouched since returned: back to a draft
                    responses.save(rid, answers)
                results.append(responses.check(rid))
            return results

        self.page.session.run(work, self._checked, self._failed)

    def _checked(self, results: list[Checked]) -> None:
        found: Found = [(c.response_id, i) for c in results for i in c.issues]
        errors = [(rid, i) for rid, i in found if i.is_error]
        warnings = [(rid, i) for rid, i in found if not i.is_error]
        self.show_issues(errors or warnings)
        ids = [c.response_id for c in results]
        if errors:
            for form in self.page.forms.values():
                form.show_all_issues()
            self._stop(self.tr("还有 %d 处错误，改正后才能完成走访；错误已列在下方") % len(errors))
            self.go_to_issue(self.page.issue_list.item(0))
            return
        if warnings or self.not_started:
            self._confirm(ids, warnings)
            return
        self._complete(ids, confirm=False)

    def _confirm(self, ids: list[str], warnings: Found) -> None:
        lines = [self.tr("· %s：%s") % (self._describe(rid), i.message) for rid, i in warnings]
        text = self.tr("有 %d 条提醒，请与受访人核实后确认：") % len(warnings) if warnings else ""
        if self.not_started:
            names = self.tr("、").join(self._who(e) for e in self.not_started)
            text += ("\n" if text else "") + self.tr("还没有开始填写、本次不完成的表：%s") % names
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("完成走访"), text, parent=self.page)
        box.setInformativeText("\n".join(lines))
        yes = box.addButton(self.tr("确认并完成(&Y)"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("返回修改(&N)"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.setAccessibleDescription(text + "\n" + "\n".join(lines))

        def answered(button: QPushButton | object) -> None:
            self.confirm_box = None
            if button is yes:
                self._complete(ids, confirm=bool(warnings))
            else:
                self._stop(self.tr("没有完成：请修改后再点“完成走访”"))

        box.buttonClicked.connect(answered)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirm_box = box
        box.open()

    def _complete(self, ids: list[str], *, confirm: bool) -> None:
        responses = self.page.session.responses
        # the open forms go away: the focus moves once, now, to the list of forms (which
        # stays), not from each vanishing control to the next
        self.page.entry_list.setFocus(Qt.FocusReason.OtherFocusReason)

        def work(_report: object) -> list[Checked]:
            return [responses.complete(rid, confirm_warnings=confirm) for rid in ids]

        def done(results: list[Checked]) -> None:
            self.running = False
            names = self.tr("、").join(self._describe(c.response_id) for c in results)
            message = self.tr("走访已完成：%d 份表已完成（%s）") % (len(results), names)
            if self.not_started:
                message += self.tr("；%d 份表还没有填写") % len(self.not_started)
            self.page.completed_message = message
            self.page.visit_made()
            self.page.session.announce(
                Changed(households=frozenset({self.page.household_id}), responses=frozenset(ids))
            )
            self.page.reload()

        self.page.session.run(work, done, self._failed)

    def _stop(self, message: str) -> None:
        self.running = False
        self.page.announce(message)

    def _failed(self, exc: Exception) -> None:
        self.running = False
        self.page.announce(self.tr("没有完成：%s") % exc)

    # -- the list of issues -----------------------------------------------------------------

    def _describe(self, rid: str) -> str:
        index = self.page.entry_of(rid)
        return self._who(self.page.entries[index]) if index >= 0 else ""

    def show_issues(self, found: Found) -> None:
        page = self.page
        page.issue_list.clear()
        for rid, issue in found:
            kind = ERROR if issue.is_error else WARNING
            said = self.tr("错误：%s：%s") if issue.is_error else self.tr("提醒：%s：%s")
            text = said % (self._describe(rid), issue.message)
            entry = QListWidgetItem(mark_icon(page, kind), text)
            entry.setData(Qt.ItemDataRole.UserRole, (rid, issue.item))
            page.issue_list.addItem(entry)
        for widget in (page.issues_label, page.issue_list):
            widget.setVisible(bool(found))

    def go_to_issue(self, item: QListWidgetItem | None) -> None:
        """Open the form of an issue and put the focus on its item."""
        if item is None:
            return
        rid, name = item.data(Qt.ItemDataRole.UserRole)
        index = self.page.entry_of(rid)
        if index >= 0:
            self.page.open_entry(index, then=lambda form: form.focus_item(name))
