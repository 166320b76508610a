"""A home visit as a member makes it: by clicks and typing, then found again in the database."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.work import Attachment
from tests.conftest import PASSWORD
from tests.ui.visit_support import (
    Actions,
    candidates,
    open_visit,
    response_of,
    settle,
    sign,
    type_chinese,
)
from ui.forms.choices import ChoiceField
from ui.forms.fields import LineField
from ui.forms.media import SignatureField
from ui.session import AppSession


def camera_photo(folder: Path) -> Path:
    """A real JPEG as a phone takes it: 4000 x 3000 pixels."""
    path = folder / "门口.jpg"
    image = Image.new("RGB", (4000, 3000), (200, 180, 150))
    for x in range(0, 4000, 200):
        image.paste((40, 60, 90), (x, 0, x + 60, 3000))
    image.save(path, "JPEG", quality=90)
    return path


def test_a_whole_visit_by_clicks_and_typing_is_all_in_the_database(
    district: Database, qtbot: QtBot, tmp_path: Path
) -> None:
    chosen = candidates(district, employed="1")[0]
    page = open_visit(qtbot, AppSession(district, chosen.member), chosen.household_id)
    form = page.current_form()
    assert form is not None and form.editable
    assert "待填 1 份" in page.status.text()
    do = Actions(qtbot)

    def choose(name: str, code: str) -> None:
        field = form.rows[name].field
        assert isinstance(field, ChoiceField)
        do.click(field.buttons[code], f"{name}={code}")

    # last year's answers fill the parts; this year the person retired (skip + note)
    for section in ("part2", "part3", "part4", "part5", "part7", "part8", "part9"):
        if not form.boxes[section].isHidden():
            do.click(form.confirm_buttons[section], section)
    choose("method", "1")
    choose("respondent", "1")
    assert not form.rows["employment_form"].isHidden()
    choose("employed", "2")
    assert form.rows["employment_form"].isHidden()  # R17 skipped once not employed
    choose("registered_unemployed", "2")
    choose("living_source", "1")
    choose("not_working_reason", "2")
    assert form.rows["help_received"].isHidden()  # R20 and R21 skipped for the retired
    assert "与去年不同" in form.rows["employed"].changed_mark.shown_text()
    note = form.rows["employed"].note_edit
    assert note is not None and note.isVisibleTo(form)
    type_chinese(note, "今年办了退休")

    # an error as one types, with its icon and its text; then fixed
    mobile = form.rows["mobile"].field
    assert isinstance(mobile, LineField)
    mobile.edit.clear()
    qtbot.keyClicks(mobile.edit, "1380000")
    error = form.rows["mobile"].error_mark
    assert error.isVisibleTo(form) and error.shown_text().startswith("错误：")
    assert error.icon.pixmap() is not None and not error.icon.pixmap().isNull()
    mobile.edit.clear()
    qtbot.keyClicks(mobile.edit, "13957400001")
    assert error.isHidden()
    contact = form.rows["contact_name"].field
    assert isinstance(contact, LineField)
    contact.edit.clear()
    type_chinese(contact.edit, "李堃")
    assert contact.edit.text() == "李堃"

    # a photo of the visit, from a file: reduced, encrypted, recorded
    assert page.photos is not None
    do.click(page.photos.add_button, "添加走访照片")
    dialog = page.photos.dialog
    assert isinstance(dialog, QFileDialog)
    dialog.selectFile(str(camera_photo(tmp_path)))
    dialog.accept()
    qtbot.waitUntil(lambda: page.photos is not None and bool(page.photos.value()), timeout=10_000)

    signature = form.rows["signature"].field
    assert isinstance(signature, SignatureField)
    sign(qtbot, signature.pad)
    qtbot.waitUntil(lambda: signature.value() is not None, timeout=10_000)

    do.click(page.buttons["finish"], "完成走访")
    qtbot.waitUntil(lambda: page.finisher.confirm_box is not None or not page.finisher.running,
                    timeout=15_000)  # fmt: skip
    if page.finisher.confirm_box is not None:  # warnings to confirm (the subsidy cross-check)
        do.click(page.finisher.confirm_box.buttons()[0], "确认并完成")
    qtbot.waitUntil(lambda: bool(page.entries) and page.entries[0].done, timeout=15_000)
    assert "走访已完成" in page.status.text()
    settle()
    page.close()
    settle()

    # close the database, open it again: everything is there
    path = district.path
    district.close()
    db = Database.open(path, PASSWORD)
    try:
        response = response_of(db, chosen.person_id)
        answers = response.answers
        assert response.state == "completed" and response.filled_by == chosen.member
        assert answers["method"] == "1" and answers["employed"] == "2"
        assert "employment_form" not in answers  # the skipped item's answer is cleared
        assert answers["mobile"] == "13957400001" and answers["contact_name"] == "李堃"
        assert answers["_notes"]["employed"] == "今年办了退休"
        with db.session() as s:
            sign_row = s.get(Attachment, answers["signature"])
            photos = s.scalars(
                select(Attachment).where(Attachment.owner_id == chosen.household_id)
            ).all()
            outbox = s.scalars(select(OutboxOp)).all()
        assert sign_row is not None and sign_row.kind == "signature"
        assert db.blobs.get(sign_row.sha256).startswith(b"\x89PNG")
        assert len(photos) == 1 and photos[0].tag == "visit" and photos[0].mime == "image/jpeg"
        stored = Image.open(io.BytesIO(db.blobs.get(photos[0].sha256)))
        assert max(stored.size) == 1600
        kinds = {(op.entity, op.record_id) for op in outbox}
        assert ("form_response", response.id) in kinds
        assert ("attachment", sign_row.id) in kinds and ("attachment", photos[0].id) in kinds
        last = [op for op in outbox if op.record_id == response.id][-1]
        assert last.fields.get("state") == "completed"
    finally:
        db.close()


def test_b_field_speed_an_unchanged_year_in_few_actions(district: Database, qtbot: QtBot) -> None:
    chosen = candidates(district)[1]
    page = open_visit(qtbot, AppSession(district, chosen.member), chosen.household_id)
    form = page.current_form()
    assert form is not None
    do = Actions(qtbot)
    do.key(page.buttons["same_all"], Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
           | Qt.KeyboardModifier.ShiftModifier, "Ctrl+Shift+L 全部与去年相同")  # fmt: skip
    assert "已按去年的答案填写" in page.status.text()
    signature = form.rows["signature"].field
    assert isinstance(signature, SignatureField)
    sign(qtbot, signature.pad)  # the signature strokes aside
    do.key(page.buttons["finish"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier,
           "Ctrl+Enter 完成走访")  # fmt: skip
    qtbot.waitUntil(lambda: page.finisher.confirm_box is not None or not page.finisher.running,
                    timeout=15_000)  # fmt: skip
    if page.finisher.confirm_box is not None:
        do.click(page.finisher.confirm_box.buttons()[0], "确认提醒并完成")
    qtbot.waitUntil(lambda: bool(page.entries) and page.entries[0].done, timeout=15_000)
    print(f"field speed: {len(do.done)} actions: {do.done}")
    assert len(do.done) <= 10
    response = response_of(district, chosen.person_id)
    assert response.state == "completed"
    assert response.answers["method"] == chosen.last["method"]
    settle()
    page.close()
    settle()


def test_b_field_speed_section_by_section(district: Database, qtbot: QtBot) -> None:
    chosen = candidates(district)[2]
    page = open_visit(qtbot, AppSession(district, chosen.member), chosen.household_id)
    form = page.current_form()
    assert form is not None
    do = Actions(qtbot)
    sections = sum(1 for s in form.boxes.values() if not s.isHidden())
    for section, button in form.confirm_buttons.items():
        if not form.boxes[section].isHidden() and section != "part1":  # part 1: the registry's
            do.click(button, f"本部分与去年相同 {section}")
    signature = form.rows["signature"].field
    assert isinstance(signature, SignatureField)
    sign(qtbot, signature.pad)
    do.click(page.buttons["finish"], "完成走访")
    qtbot.waitUntil(lambda: page.finisher.confirm_box is not None or not page.finisher.running,
                    timeout=15_000)  # fmt: skip
    if page.finisher.confirm_box is not None:
        do.click(page.finisher.confirm_box.buttons()[0], "确认提醒并完成")
    qtbot.waitUntil(lambda: bool(page.entries) and page.entries[0].done, timeout=15_000)
    print(f"field speed, section by section: {len(do.done)} actions: {do.done}")
    assert len(do.done) <= sections + 2  # one per part, complete, confirm the warnings
    assert response_of(district, chosen.person_id).state == "completed"
    settle()
    page.close()
    settle()


def test_leaving_the_page_keeps_a_draft(district: Database, qtbot: QtBot) -> None:
    chosen = candidates(district)[3]
    page = open_visit(qtbot, AppSession(district, chosen.member), chosen.household_id)
    form = page.current_form()
    assert form is not None
    field = form.rows["method"].field
    assert isinstance(field, ChoiceField)
    qtbot.mouseClick(field.buttons["3"], Qt.MouseButton.LeftButton)
    page.hide()  # the member goes to another page: the draft is saved
    qtbot.waitUntil(lambda: not page.saver.busy, timeout=10_000)
    settle()
    saved = response_of(district, chosen.person_id)
    assert saved.state == "draft" and saved.answers["method"] == "3"
    assert saved.answers["fill_date"]  # the visit's own facts were filled in
    page.close()
    settle()
