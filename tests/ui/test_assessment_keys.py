"""The assessment dialog saves the keys the print and the case page read
(app.domain.assessment), and every key and code it saves has words to show."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.domain import assessment
from ui.pages.case_detail import FIELD_LABELS, describe
from ui.pages.case_dialogs import AssessmentDialog


def test_the_dialog_saves_only_the_shared_keys_and_codes(qtbot: QtBot) -> None:
    dialog = AssessmentDialog({})
    qtbot.addWidget(dialog)
    dialog.door.setValue(70)
    dialog.step.setValue(12)
    codes = [dialog.toilet.itemData(i) for i in range(dialog.toilet.count())]
    assert set(codes) - {""} == set(assessment.TOILETS)
    for code in codes:
        dialog.toilet.setCurrentIndex(codes.index(code))
        values = dialog.values()
        assert set(values) <= set(assessment.FIELDS)
        assert values[assessment.DOOR_WIDTH] == 70 and values[assessment.STEP_HEIGHT] == 12
        assert values[assessment.TOILET] == code
    assert dict(AssessmentDialog.TOILETS[1:]) == dict(assessment.TOILETS)


def test_the_case_page_names_every_key_and_code_in_words() -> None:
    for key in assessment.FIELDS:
        assert key in FIELD_LABELS
    for code, label in assessment.TOILETS.items():
        said = describe({"part": "assessment", assessment.TOILET: code})
        assert label in said and code not in said
