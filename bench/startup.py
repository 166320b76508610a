"""Cold start to the unlocked main window, against a bare PySide6 window with a table.

    python bench/startup.py            # the demo district (15,000 persons), 7 starts each
    python bench/startup.py --quick    # 2,000 persons, 3 starts each

Each start is a new Python process, timed from its launch to the first paint of
its window. Ours includes deriving the key from the password (Argon2id), opening
and checking the database and showing the Today page; `unlocked_s` is the same
without the process start and imports (from the password to the window).
`unlock_screen_s`: from launch to the unlock screen painted, which is what the
program shows first (the heavy imports then run while the password is typed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import PASSWORD, demo_database, median, percentile, report

BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget
app = QApplication(sys.argv[:1])
w = QMainWindow(); t = QTableWidget(50, 6); w.setCentralWidget(t); w.resize(1180, 760); w.show()
app.processEvents(); w.repaint()
print("ready", flush=True)
"""

UNLOCK = """
import sys
from PySide6.QtWidgets import QApplication
from ui import preferences, theme
from ui.fonts import install_font
from ui.main import preload
from ui.unlock import UnlockDialog
app = QApplication(sys.argv[:1])
theme.apply(app, preferences.Preferences(), install_font(app))
d = UnlockDialog(lambda u, p: None, user="demo"); d.show(); app.processEvents(); d.repaint()
print("ready", flush=True)
preload().join()
"""

OURS = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
from app.store.database import Database
from ui import preferences, theme
from ui.fonts import install_font
from ui.main_window import MainWindow
from ui.session import AppSession
app = QApplication(sys.argv[:1])
family = install_font(app)
prefs = preferences.Preferences()
theme.apply(app, prefs, family)
t0 = time.perf_counter()
db = Database.open(Path(sys.argv[1]), sys.argv[2])
w = MainWindow(AppSession(db, "demo"), prefs)
w.show(); app.processEvents(); w.repaint()
print("ready", time.perf_counter() - t0, flush=True)
"""


def start(code: str, *args: str) -> tuple[float, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - began
    child.kill()
    child.wait()
    if not line.startswith("ready"):
        raise RuntimeError(f"the program did not start: {line!r}")
    return elapsed, line


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    persons, runs = (2_000, 3) if args.quick else (15_000, 7)
    ours: list[float] = []
    bare: list[float] = []
    unlocked: list[float] = []
    unlock_screen: list[float] = []
    with demo_database(persons) as db:
        path = str(db.path)
        db.close()
        start(BARE)
        start(OURS, path, PASSWORD)  # warm-up: the OS file cache, compiled bytecode
        for _ in range(runs):
            bare.append(start(BARE)[0])
            unlock_screen.append(start(UNLOCK)[0])
            elapsed, line = start(OURS, path, PASSWORD)
            ours.append(elapsed)
            unlocked.append(float(line.split()[1]))
    report(
        "startup",
        {
            "persons": persons,
            "startup_s": median(ours),
            "startup_p95_s": percentile(ours, 95),
            "unlocked_s": median(unlocked),
            "unlock_screen_s": median(unlock_screen),
            "bare_startup_s": median(bare),
            "ratio": median(ours) / median(bare),
        },
    )


if __name__ == "__main__":
    main()
