"""Memory of the program with 100,000 persons: household list open, scrolled and searched.

    python bench/memory.py            # 100,000 persons
    python bench/memory.py --quick    # 5,000 persons

The program runs in a child process (so that building the data does not count);
`rss_mb` is its resident memory at the end, `peak_mb` the highest, `bare_mb` a
bare PySide6 window with a table in the same run.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import PASSWORD, demo_database, report

PROGRAM = """
import sys
from pathlib import Path
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication
from app.store.database import Database
from ui.main_window import MainWindow
from ui.preferences import Preferences
from ui.session import AppSession
app = QApplication(sys.argv[:1])
db = Database.open(Path(sys.argv[1]), sys.argv[2])
w = MainWindow(AppSession(db, "demo"), Preferences())
w.show()
w.open_page("households")
page = w.pages["households"]
for _ in range(25):  # scroll through 5,000 households
    page.model.fetchMore(QModelIndex())
app.processEvents()
for query in ("张", "zs", "wangwei", "1234", "王堃", "中山路", "李 南山"):
    page.search_edit.setText(query); page.apply_search(); app.processEvents()
w.open_page("today"); app.processEvents()
"""
BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QTableWidget(50, 6)); w.show(); app.processEvents()
"""
MEASURE = """
status = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
print("rss", int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024)
"""


def run(code: str, *args: str) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", code + MEASURE, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("rss"))
    _, rss, peak = line.split()
    return float(rss), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    persons = 5_000 if args.quick else 100_000
    with demo_database(persons) as db:
        path = str(db.path)
        db.close()
        rss, peak = run(PROGRAM, path, PASSWORD)
        bare, _ = run(BARE)
    report("memory", {"persons": persons, "rss_mb": rss, "peak_mb": peak, "bare_mb": bare})


if __name__ == "__main__":
    main()
