"""The English translation: it loads, it covers every text of ui/, it keeps placeholders."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.forms.signature import SignaturePad
from ui.i18n import translations_folder

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = translations_folder() / "fieldvisit_en.ts"
QM_FILE = translations_folder() / "fieldvisit_en.qm"
#: what must survive translation: Python's and Qt's place markers, in their order
PLACE_MARKERS = re.compile(r"%(?:[sdn]|\d)")
MNEMONIC = re.compile(r"&[^&\s]")
Key = tuple[str, str]  # (context, source text)


def qt_tool(name: str) -> str | None:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def current_messages(ts_file: Path) -> dict[Key, list[str]]:
    """The messages of a .ts that are not obsolete, with their English ([] when none)."""
    found: dict[Key, list[str]] = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            state = "" if translation is None else translation.get("type", "")
            if state in ("obsolete", "vanished"):
                continue
            forms: list[str] = []
            if translation is not None and state != "unfinished":
                plural = translation.findall("numerusform")
                forms = [f.text or "" for f in plural] if plural else [translation.text or ""]
            found[(name, message.findtext("source") or "")] = [f for f in forms if f.strip()]
    return found


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QTranslator]:
    """The English translation installed in the session's application, for this test only."""
    translator = QTranslator()
    assert translator.load(str(QM_FILE)), f"cannot load {QM_FILE}"
    assert qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)  # the other tests read Chinese


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("context", "source", "expected"),
    [
        ("HouseholdsPage", "搜索(&S)：", "&Search:"),
        ("UnlockDialog", "用户名(&U)：", "&User name:"),
        ("MainWindow", "退出(&Q)", "&Quit"),
        ("ReturnDialog", "退回 %s 的原因(&R)：", "&Reason for returning %s:"),
        ("VisitPage", "正在读取本户要填的表…", "Loading the forms due for this household…"),
        ("app", "入户走访助手", "Fieldvisit"),
    ],
)
def test_known_texts_read_in_english(context: str, source: str, expected: str) -> None:
    assert QCoreApplication.translate(context, source) == expected


@pytest.mark.usefixtures("english")
def test_plural_forms_follow_the_count() -> None:
    one = QCoreApplication.translate("HouseholdsPage", "找到 %n 户", "", 1)
    many = QCoreApplication.translate("HouseholdsPage", "找到 %n 户", "", 12)
    assert (one, many) == ("Found 1 household", "Found 12 households")


def test_widgets_speak_english_only_with_the_translator(qapp: QApplication, qtbot: QtBot) -> None:
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    qapp.installTranslator(translator)
    try:
        english = SignaturePad()
        qtbot.addWidget(english)
        assert english.accessibleName() == "Signature pad"
    finally:
        qapp.removeTranslator(translator)
    chinese = SignaturePad()
    qtbot.addWidget(chinese)
    assert chinese.accessibleName() == "签字板"


def test_every_text_of_ui_has_english(tmp_path: Path) -> None:
    """lupdate into a new .ts (the committed one is not touched), then look each text up."""
    lupdate = qt_tool("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    listing = tmp_path / "sources.lst"
    listing.write_text("\n".join(sources) + "\n", encoding="utf-8")
    fresh = tmp_path / "fresh.ts"
    command = [lupdate, "-silent", f"@{listing}", "-ts", str(fresh)]
    subprocess.run(command, cwd=ROOT, check=True)
    committed = current_messages(TS_FILE)
    missing = [key for key in current_messages(fresh) if not committed.get(key)]
    assert not missing, (
        f"{len(missing)} text(s) of ui/ have no English in {TS_FILE.name}"
        " (run packaging/translations.py, then translate them):\n"
        + "\n".join(f"  [{context}] {source!r}" for context, source in missing)
    )


def test_translations_keep_place_markers_and_mnemonics() -> None:
    """A lost %s breaks the `%` that fills it in; a lost & loses the keyboard shortcut."""
    wrong: list[str] = []
    for (context, source), forms in current_messages(TS_FILE).items():
        for english in forms:
            markers = PLACE_MARKERS.findall(source), PLACE_MARKERS.findall(english)
            if markers[0] != markers[1]:
                wrong.append(f"[{context}] {source!r} -> {english!r}: place markers differ")
            if len(MNEMONIC.findall(source)) != len(MNEMONIC.findall(english)):
                wrong.append(f"[{context}] {source!r} -> {english!r}: mnemonic lost or added")
            if source.endswith("…") != english.endswith("…"):
                wrong.append(f"[{context}] {source!r} -> {english!r}: '…' lost or added")
    assert not wrong, "\n".join(wrong)


def test_compiled_translation_is_current(tmp_path: Path) -> None:
    lrelease = qt_tool("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed")
    fresh = tmp_path / QM_FILE.name
    subprocess.run([lrelease, "-silent", str(TS_FILE), "-qm", str(fresh)], check=True)
    current = fresh.read_bytes() == QM_FILE.read_bytes()
    assert current, (
        f"{QM_FILE.name} is not compiled from the current {TS_FILE.name}:"
        " run packaging/translations.py"
    )


def test_qt_s_own_buttons_and_dialogs_speak_chinese(qapp: QApplication) -> None:
    """A message box's standard buttons were Yes / No / OK in the Chinese program (the
    confirmation of a draw or a revocation, a warning): Qt's own words are loaded too."""
    from PySide6.QtWidgets import QMessageBox

    from ui.i18n import install_translation

    translator = install_translation(qapp, "zh_CN")
    assert translator is not None
    try:
        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Question, "抽取样本", "？",
                          buttons.Yes | buttons.No | buttons.Ok | buttons.Cancel)  # fmt: skip
        texts = [box.button(b).text() for b in (buttons.Yes, buttons.No, buttons.Ok,
                                                 buttons.Cancel)]  # fmt: skip
        assert not [t for t in texts if re.search(r"[A-Za-z]{2,}", t)], texts
        assert QCoreApplication.translate("QFileDialog", "File &name:") != "File &name:"
    finally:
        qapp.removeTranslator(translator)
