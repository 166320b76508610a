"""`fieldvisit --self-check`: does this installation have everything the program needs?

Run by the packaging checks on a fresh bundle or .deb, and by a member's helper on a
laptop that misbehaves. Each check prints one line, in Chinese and English, naming what is
missing when it fails; the exit code is 0 only when every check passed. Nothing of the
member's data is touched: the database is a throw-away one in a temporary folder.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from app import resources

#: every shipped folder the program reads, and a file each must hold
SHIPPED = {
    "forms": "*.yaml",
    "codes": "*.yaml",
    "settings": "settings.yaml",
    "areas": "*.csv",
    "renovation": "catalogue.yaml",
    "exports": "*.yaml",
    "fonts": "*.ttf",
    "i18n": "*.qm",
    "theme": "*.svg",
}
#: image formats the program reads or writes (photos, signatures, the theme's images)
IMAGE_FORMATS = ("png", "jpeg", "svg")


class Missing(Exception):
    """Something the program needs is not in this installation."""


def check_resources() -> str:
    root = resources.root()
    absent = [f"{name}/{pattern}" for name, pattern in SHIPPED.items()
              if not any((root / name).glob(pattern))]  # fmt: skip
    if absent:
        raise Missing(f"{root}: {', '.join(absent)}")
    return str(root)


def check_definitions() -> str:
    from app.domain.areas import load_areas
    from app.domain.codes import load_code_lists
    from app.domain.renovation import load_catalogue
    from app.domain.settings import load_settings
    from app.exports.templates import all_templates
    from app.forms.loader import load_forms

    forms = load_forms()
    if not forms:
        raise Missing(f"{resources.path('forms')}: 0 forms")
    load_settings()
    load_catalogue()
    return (
        f"{len(forms)} forms, {len(load_code_lists())} code lists, "
        f"{len(load_areas())} areas, {len(all_templates())} export templates"
    )


def check_database(folder: Path) -> str:
    from app.store.database import Database
    from app.store.errors import WrongPassword
    from app.store.keys import FAST_TEST_KDF

    path = folder / "self-check.db"
    Database.create(path, "self-check", kdf=FAST_TEST_KDF).close()
    if path.read_bytes()[:16] == b"SQLite format 3\x00":
        raise Missing("SQLCipher: the database was written unencrypted")
    Database.open(path, "self-check", check=True).close()
    try:
        Database.open(path, "wrong password").close()
    except WrongPassword:
        pass
    else:
        raise Missing("SQLCipher: a wrong password opened the database")
    import sqlcipher3

    return f"SQLite {sqlcipher3.sqlite_version} with SQLCipher"


def check_print() -> str:
    from app.forms.context import FormContext
    from app.forms.loader import load_forms
    from app.printing.batches import render
    from app.printing.form_print import FormPrint
    from app.printing.model import Mode, RecordRef, Subject

    key, definition = sorted(load_forms().items())[0]
    subject = Subject(area="", area_code="", head_name="", address="", phone="",
                      person_name="", id_number="", cert_number="")  # fmt: skip
    printed = FormPrint(definition=definition, answers={}, context=FormContext(date.today(),
                        date.today().year), subject=subject, record=RecordRef("form_response",
                        "self-check", 1, "@".join(key), ""), mode=Mode.PREFILLED,
                        own_file=False)  # fmt: skip
    pdf = render([printed], printed_by="self-check", printed_at=datetime.now()).pdf
    if not pdf.startswith(b"%PDF"):
        raise Missing("reportlab: no PDF drawn")
    from ui.page_pictures import PageRenderer, renderer_available

    if not renderer_available():  # the preview and printing draw pages with it
        raise Missing("pypdfium2 (PDFium)")
    page = PageRenderer(pdf).render(0, 36)
    return (
        f"{'@'.join(key)}: {len(pdf) // 1024} KB PDF, page 1 drawn {page.width()}×{page.height()}"
    )


def check_qt() -> str:
    from PySide6.QtGui import QGuiApplication, QImageReader, QImageWriter
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    from ui.fonts import install_font
    from ui.i18n import install_translation

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    readable = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    writable = {bytes(f.data()).decode() for f in QImageWriter.supportedImageFormats()}
    absent = [f"imageformats/{f}" for f in IMAGE_FORMATS if f not in readable]
    absent += [f"imageformats/{f} (write)" for f in ("png", "jpeg") if f not in writable]
    if not QSvgRenderer(str(next(resources.path("theme").glob("*.svg")))).isValid():
        absent.append("QtSvg")
    QPrinter(QPrinter.PrinterMode.HighResolution)
    family = install_font(app)
    if family is None:
        absent.append("fonts")
    translator = install_translation(app, "en")
    if translator is None:
        absent.append("translations (fieldvisit_en.qm)")
    else:
        app.removeTranslator(translator)  # the check changes nothing of the running program
    if absent:
        raise Missing(", ".join(absent))
    return f"Qt platform {QGuiApplication.platformName()}, font {family}"


def run(out: TextIO | None = None) -> int:
    """Run every check, print a line for each; 0 if all passed, else 1. (In a window
    program on Windows there is no stdout: the exit code still tells.)"""
    out = out or sys.stdout
    with tempfile.TemporaryDirectory(prefix="fieldvisit-self-check-") as tmp:
        checks: list[tuple[str, Callable[[], str]]] = [
            ("资源文件 resources", check_resources),
            ("表单与代码表 definitions", check_definitions),
            ("加密数据库 encrypted database", lambda: check_database(Path(tmp))),
            ("表单打印 form print", check_print),
            ("界面组件 Qt", check_qt),
        ]
        failed = 0
        for name, check in checks:
            try:
                detail = check()
            except Missing as exc:
                failed += 1
                print(f"缺少 MISSING  {name}: {exc}", file=out)
            except Exception as exc:
                failed += 1
                last = traceback.extract_tb(exc.__traceback__)[-1]
                print(f"失败 FAILED   {name}: {exc!r} ({last.filename}:{last.lineno})", file=out)
            else:
                print(f"通过 ok       {name}: {detail}", file=out)
    print("自检通过 self-check passed" if not failed else f"自检未通过 {failed} failed", file=out)
    if out is not None:
        out.flush()
    return 1 if failed else 0
