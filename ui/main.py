"""Entry point: `python -m ui.main --demo` opens the program on the demo district."""

from __future__ import annotations

import argparse
import functools
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from app.store.errors import StoreError
from ui import preferences, theme, worker
from ui.account_stop import AccountLocked
from ui.fonts import install_font
from ui.i18n import QT_TRANSLATE_NOOP, install_translation
from ui.unlock import UnlockDialog

if TYPE_CHECKING:
    from app.store.database import Database

# The unlock screen needs only Qt; the rest (SQLAlchemy, the pages: about a second)
# is imported while the user types the password.
HEAVY_MODULES = ("app.store.database", "app.services.registry", "ui.main_window", "ui.session")
DEMO_PASSWORD = "demo2026"
# the demo opens as the member of the district's first village (the users' whole day);
# the reviewer of its town is town001, the district administrator demo
DEMO_USER = "m001001"
#: the demo district's name in the window title
DEMO_AREA = QT_TRANSLATE_NOOP("app", "奉化区（演示）")


def preload() -> threading.Thread:
    """Import the heavy modules in the background; joined before they are needed."""
    import importlib

    def work() -> None:
        for name in HEAVY_MODULES:
            importlib.import_module(name)

    thread = threading.Thread(target=work, name="preload", daemon=True)
    thread.start()
    return thread


APP_NAME = "Fieldvisit"
DEMO_PERSONS = 15_000


def data_folder() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path(demo: bool) -> Path:
    return data_folder() / ("demo" if demo else "district") / "fieldvisit.db"


def _tr(text: str) -> str:
    """The program-wide texts of this module, looked up under the context "app"."""
    return QCoreApplication.translate("app", text)


class UnknownUser(StoreError):
    """The user name is not a user of this database."""

    user_message = QT_TRANSLATE_NOOP("app", "用户名不存在")

    def __init__(self, detail: str = "") -> None:
        self.user_message = _tr(UnknownUser.user_message)  # in the language of the moment
        super().__init__(detail)


def open_for_user(path: Path, user: str, password: str, server_password: str = "") -> Database:
    """Open the database and check that `user` is one of its users, and that the server
    has not stopped them (a locked laptop tries a fresh sign-in: `sync.client.reinstate`,
    with `server_password` when an admin reset the password on the server)."""
    from sqlalchemy import select

    from app.store import account_lock
    from app.store.database import Database
    from app.store.registry import User

    db = Database.open(path, password, check=True)  # a damaged page is found now
    with db.session() as s:
        found = s.scalar(select(User.id).where(User.username == user, User.deleted.is_(False)))
    if found is None:
        db.close()
        raise UnknownUser(user)
    if account_lock.locked(db):
        from sync.client import reinstate

        code = account_lock.locked(db)
        answer = reinstate(db, password, server_password)
        if answer:
            db.close()
            raise AccountLocked(code, answer, server_password)
    from app.services import published

    published.put_in_use(db)  # the forms and settings the district published
    return db


def build_demo(app: QApplication, path: Path, persons: int) -> bool:
    """Generate the demo district on first use, with progress; False if it failed."""
    dialog = QProgressDialog(
        QCoreApplication.translate("app", "正在生成演示区的数据（只在第一次运行时）…"),
        "",
        0,
        persons,
    )
    dialog.setWindowTitle(QCoreApplication.translate("app", "入户走访助手"))
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.setAccessibleName(QCoreApplication.translate("app", "生成演示数据的进度"))

    def work(report: worker.Progress) -> None:
        from datetime import date

        from app.demo.district import build_demo_district
        from app.store.database import Database

        tmp = path.with_name(path.name + ".building")
        for leftover in path.parent.glob(tmp.name + "*"):
            leftover.unlink()
        db = Database.create(tmp, DEMO_PASSWORD)
        try:
            # the demo's month story is told around the day it is first run: 今日 has visits
            # planned for today, this month's tasks, last month's in review
            build_demo_district(db, persons=persons, today=date.today(), progress=report)
        finally:
            db.close()
        for suffix in ("", ".keyinfo"):
            tmp.with_name(tmp.name + suffix).replace(path.with_name(path.name + suffix))

    outcome: list[object] = []
    loop = QEventLoop()
    job = worker.Job(work)
    job.signals.progress.connect(lambda done, _total: dialog.setValue(done))

    def done(result: object) -> None:
        outcome.append(result)
        loop.quit()

    job.signals.finished.connect(lambda _r: done(True))
    job.signals.failed.connect(done)
    worker.start(job)
    loop.exec()
    dialog.close()
    if outcome[0] is not True:
        QMessageBox.critical(
            None, QCoreApplication.translate("app", "入户走访助手"), str(outcome[0])
        )
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fieldvisit", description="入户走访助手")
    parser.add_argument("--demo", action="store_true", help="open the demo district")
    parser.add_argument("--db", type=Path, help="the database file to open")
    parser.add_argument("--persons", type=int, default=DEMO_PERSONS, help="demo size")
    parser.add_argument("--user", default="", help="user name to fill in")
    parser.add_argument(
        "--self-check", action="store_true", help="check this installation's parts and exit"
    )
    parser.add_argument(
        "--quit-after",
        type=float,
        metavar="SECONDS",
        help="for checks: quit at the unlock screen; with --demo, sign in as the demo "
        "user, show the main window for SECONDS, then quit",
    )
    args = parser.parse_args(argv)
    if args.self_check:
        from ui import self_check

        return self_check.run()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    family = install_font(app)
    prefs = preferences.load()
    theme.apply(app, prefs, family)
    translator = install_translation(app, prefs.language)
    app.setApplicationDisplayName(QCoreApplication.translate("app", "入户走访助手"))

    path: Path = args.db or default_db_path(args.demo)
    user = args.user or (DEMO_USER if args.demo else "")
    if args.demo and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not build_demo(app, path, args.persons):
            return 1
    loading = preload()
    if not path.exists():
        # a new laptop: sign in to the district server once, the data comes down
        from ui.first_login import FirstLoginDialog

        first = FirstLoginDialog(path)
        if first.exec() != FirstLoginDialog.DialogCode.Accepted or first.database is None:
            return 0
        database, username = first.database, first.user
    else:
        dialog = UnlockDialog(functools.partial(open_for_user, path), user=user, restore_path=path)
        if args.quit_after is not None:
            dialog.show()
            app.processEvents()
            dialog.repaint()
            print("fieldvisit: unlock screen shown", flush=True)  # bench/bundle.py waits for it
            dialog.close()
            if not args.demo:
                return 0
            database, username = open_for_user(path, user, DEMO_PASSWORD), user
        elif dialog.exec() != UnlockDialog.DialogCode.Accepted or dialog.database is None:
            return 0
        else:
            database, username = dialog.database, dialog.user
    loading.join()
    from ui.main_window import MainWindow
    from ui.session import AppSession

    session = AppSession(database, username)
    window = MainWindow(session, prefs, title_area=_tr(DEMO_AREA) if args.demo else "")
    window.show()
    if args.quit_after is not None:
        app.processEvents()
        print(f"fieldvisit: main window shown ({window.windowTitle()})", flush=True)
        QTimer.singleShot(int(args.quit_after * 1000), app.quit)
    code = app.exec()
    del translator
    return code


if __name__ == "__main__":
    sys.exit(main())
