"""The print preview: pages shown, printed through Qt, saved as PDF; the 打印 menu."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.printing.model import Mode, parse_record_code
from app.services.prints import Printed, Prints
from app.store.database import Database
from app.store.work import AuditEvent, FormResponse
from tests.printing.pdf_tools import needs_poppler, page_image, qr_texts
from ui import print_job
from ui.main_window import MainWindow
from ui.preferences import Preferences
from ui.print_preview import PrintPreviewDialog
from ui.session import AppSession

pytestmark = needs_poppler


@pytest.fixture
def printed(district: Database) -> Printed:
    with district.session() as s:
        response = s.scalars(
            select(FormResponse).where(
                FormResponse.form_id == "dynamic-update", FormResponse.state == "accepted"
            )
        ).first()
        assert response is not None
    return Prints(district, "demo").response(response.id, Mode.COMPLETED)


def test_the_preview_opens_and_shows_every_page(qtbot: QtBot, printed: Printed) -> None:
    dialog = PrintPreviewDialog(printed)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pages_label.text() == f"共 {printed.pages} 页"
    assert dialog.renderer is not None
    qtbot.waitUntil(lambda: dialog.pages_drawn() == list(range(1, printed.pages + 1)))
    pixmap = dialog.page_labels[0].pixmap()
    assert pixmap.height() > pixmap.width() > 300  # an A4 page, portrait
    assert "预览全部" in dialog.status_label.text()
    assert not dialog.warnings_label.isVisible()


def test_save_as_pdf_writes_the_print(tmp_path: Path, qtbot: QtBot, printed: Printed) -> None:
    dialog = PrintPreviewDialog(printed, find=lambda: None)
    qtbot.addWidget(dialog)
    dialog.save_to(tmp_path / "表A")
    assert (tmp_path / "表A.pdf").read_bytes() == printed.pdf
    assert "已保存" in dialog.status_label.text()


def test_without_a_renderer_only_saving_is_offered(qtbot: QtBot, printed: Printed) -> None:
    dialog = PrintPreviewDialog(printed, find=lambda: None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    assert "另存为 PDF" in dialog.status_label.text()


def test_printing_sends_every_page_to_the_printer(
    tmp_path: Path, qtbot: QtBot, printed: Printed
) -> None:
    """Pictures of the pages painted on the printer (as on Windows): every page, its code."""
    dialog = PrintPreviewDialog(printed)
    qtbot.addWidget(dialog)
    printer = dialog.printer()
    assert dialog.printer() is printer  # one printer for the dialog's life
    target = tmp_path / "printed.pdf"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    request = print_job.request_of(printer, printed.title)
    with qtbot.waitSignal(dialog.printed_pages) as sent:
        assert dialog.send(request, printer, "pictures") is not None
    assert sent.args == [printed.pages]
    pdf = target.read_bytes()
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    assert f"Pages:           {printed.pages}" in info.stdout.decode()
    codes = qr_texts(page_image(pdf, 1, dpi=200))  # the printed page still carries its code
    assert parse_record_code(codes[0]) == printed.result.records[0].ref
    assert dialog.print_button.isEnabled() and not dialog.cancel_print_button.isVisible()


def test_a_missing_character_is_shown_before_printing(qtbot: QtBot, district: Database) -> None:
    from app.store import changes
    from app.store.registry import Person

    with district.session() as s:
        response = s.scalars(
            select(FormResponse).where(FormResponse.form_id == "dynamic-update")
        ).first()
        assert response is not None and response.person_id is not None
    with district.transaction() as s:
        changes.update(s, Person, response.person_id, {"name": "王\U00020000"}, user="demo")
    dialog = PrintPreviewDialog(Prints(district, "demo").response(response.id), find=lambda: None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warnings_label.isVisible()
    assert "U+20000" in dialog.warnings_label.text()


def test_the_print_menu_prints_the_selected_households_forms(
    qtbot: QtBot, district: Database
) -> None:
    window = MainWindow(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(window)
    window.show()
    actions = [a.text() for a in window.print_menu.actions()]
    assert "打印所选户的入户调查表（预填）(&H)" in actions
    window.open_page("households")
    page = window.pages["households"]
    page.table.selectRow(0)  # type: ignore[attr-defined]
    household_id = page.selected_household()  # type: ignore[attr-defined]
    window.prints.household_forms.trigger()
    qtbot.waitUntil(lambda: window.prints.dialog is not None, timeout=20000)
    dialog = window.prints.dialog
    assert dialog is not None
    assert dialog.pages_label.text() == f"共 {dialog.printed.pages} 页"
    assert "预填" in dialog.windowTitle()
    with district.session() as s:
        recorded = s.scalars(select(AuditEvent).where(AuditEvent.action == "print")).all()
    assert recorded and all(e.detail["mode"] == "prefilled" for e in recorded)
    assert household_id
    qtbot.waitUntil(lambda: len(dialog.page_labels) > 0, timeout=20000)
    dialog.close()


def test_the_print_menu_prints_case_papers_and_the_towns_lists(
    qtbot: QtBot, district: Database
) -> None:
    from app.store.work import RenovationCase

    window = MainWindow(AppSession(district, "demo"), Preferences())
    qtbot.addWidget(window)
    window.show()
    with district.session() as s:
        case = s.scalars(select(RenovationCase).where(RenovationCase.state == "accepted")).first()
    assert case is not None
    # without a case page open, the member is told what to do first
    window.open_page("today")
    window.open_page("case", case.id)
    for paper, words in (("acceptance", "验收"), ("plan", "方案")):
        window.prints.dialog = None
        window.prints.case_papers[paper].trigger()
        qtbot.waitUntil(lambda: window.prints.dialog is not None, timeout=20000)
        dialog = window.prints.dialog
        assert dialog is not None and dialog.printed.pages >= 1
        assert words in dialog.windowTitle()
        dialog.close()
    for action, words in ((window.prints.publicity, "公示"), (window.prints.accepted, "已验收")):
        window.prints.dialog = None
        action.trigger()
        qtbot.waitUntil(lambda: window.prints.dialog is not None, timeout=20000)
        dialog = window.prints.dialog
        assert dialog is not None and words in dialog.windowTitle()
        dialog.close()
    with district.session() as s:
        printed = {
            e.target_id for e in s.scalars(select(AuditEvent).where(AuditEvent.action == "print"))
        }
    assert case.id in printed
