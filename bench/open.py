"""Open the encrypted database and show the first screen of the household list.

    python bench/open.py            # 100,000 persons
    python bench/open.py --quick    # 5,000 persons (smoke run)

`first_screen_ms`: from the key already derived to the first rows of the household
list painted in the main window (engine, schema check, Today, then the household list).
`search_shown_ms`: typing a search ("zhang") to its rows painted.
`kdf_ms`: deriving the key from the password, the deliberate cost reported apart.
`bare_first_page_ms`: a plain connection running the first page's query, the
floor under `first_screen_ms` in the same run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from app.store import queries
from app.store.database import Database, make_engine
from app.store.keys import derive_key, keyinfo_path, read_keyinfo
from bench.common import PASSWORD, demo_database, median, percentile, report
from ui.main_window import MainWindow
from ui.preferences import Preferences
from ui.session import AppSession

RUNS = 9


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--persons", type=int)
    args = parser.parse_args()
    persons = args.persons or (5_000 if args.quick else 100_000)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with demo_database(persons) as built:
        path = built.path
        built.close()
        info = read_keyinfo(keyinfo_path(path))
        kdf: list[float] = []
        screen: list[float] = []
        bare: list[float] = []
        searched: list[float] = []
        for run in range(RUNS + 1):  # the first run warms the OS file cache
            t0 = time.perf_counter()
            key = derive_key(PASSWORD, info)
            t1 = time.perf_counter()
            db = Database.open_with_key(path, key)
            window = MainWindow(AppSession(db, "demo"), Preferences())
            window.show()
            window.open_page("households")
            page = window.pages["households"]
            app.processEvents()
            assert page.model.rowCount() > 0  # type: ignore[attr-defined]
            page.table.viewport().repaint()  # type: ignore[attr-defined]
            t2 = time.perf_counter()
            page.search_edit.setText("zhang")  # type: ignore[attr-defined]
            page.apply_search()  # type: ignore[attr-defined]
            page.table.viewport().repaint()  # type: ignore[attr-defined]
            t_search = time.perf_counter() - t2
            window.close()
            engine = make_engine(path, key)
            with engine.connect() as conn:
                queries.household_page(conn, None, 200)
            t3 = time.perf_counter()
            engine.dispose()
            if run:
                searched.append(t_search * 1000)
                kdf.append((t1 - t0) * 1000)
                screen.append((t2 - t1) * 1000)
                bare.append((t3 - t2) * 1000)
    report(
        "open",
        {
            "persons": persons,
            "first_screen_ms": median(screen),
            "first_screen_p95_ms": percentile(screen, 95),
            "kdf_ms": median(kdf),
            "search_shown_ms": median(searched),
            "bare_first_page_ms": median(bare),
            "ratio": median(screen) / median(bare),
        },
    )


if __name__ == "__main__":
    main()
