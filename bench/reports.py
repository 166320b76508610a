"""The 统计 page's figures at 100,000 persons, and the year's Form A export.

    python bench/reports.py            # 100,000 persons (figures), 15,000 (export)
    python bench/reports.py --quick    # 3,000 and 1,000 persons (smoke run)

`district_s`: every figure of the 统计 page for the whole district, read as the page reads
them (`app.reports.page.page_figures`: the Form A pass in one session, the other figures
in a second on another thread); `town_s`: the same for its largest town;
`district_serial_s` and `town_serial_s`: the same figures read one after the other in one
session (`progress_figures`, then `statistics_figures`: the printed reports' way, and
what a one-core machine gets). `bare_s` is the baseline
measured in the same run: one bare GROUP BY counting the district's persons per village
over the same tables (household by code range, joined to person), so `district_ratio` and
`town_ratio` say what the figures cost beyond that one count. Medians and p95 over
repeated runs after a warm-up, each run in a new session. The export figures
(`export_rows`, `xlsx_s`, `csv_s` ...) come from `bench/exports.py` on its own demo.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text

from app.reports.page import page_figures
from app.reports.progress import progress_figures
from app.reports.statistics import statistics_figures
from app.store.database import Database
from bench.common import demo_database, median, percentile, report
from bench.exports import export_figures

AS_OF = date(2026, 11, 1)  # the demo's day
ROUND = "2026"
BARE = (
    "SELECT h.area_code, count(*) FROM household h JOIN person p ON p.household_id = h.id"
    " WHERE h.deleted = 0 AND p.deleted = 0 AND h.area_code >= :start AND h.area_code < :end"
    " GROUP BY h.area_code"
)


def page(db: Database, area: str) -> int:
    """Everything the 统计 page shows for an area, as the page reads it: how many figures."""
    progress, statistics = page_figures(db.session, area, ROUND, AS_OF.year, AS_OF)
    return len(progress) + len(statistics)


def serial(db: Database, area: str) -> int:
    """The same figures one after the other in one session."""
    with db.session() as s:
        figures = progress_figures(s, area, ROUND, AS_OF)
        figures += statistics_figures(s, area, AS_OF.year, AS_OF)
    return len(figures)


def bare_count(db: Database, area: str) -> int:
    end = str(int(area) + 1)
    with db.session() as s:
        return len(s.execute(text(BARE), {"start": area, "end": end}).all())


def timed(work: Callable[[], object], repeats: int) -> list[float]:
    work()  # warm-up: the page cache, the code lists and settings read once
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


def largest_town(db: Database) -> str:
    with db.session() as s:
        row = s.execute(
            text(
                "SELECT substr(h.area_code, 1, 9), count(*) FROM household h"
                " JOIN person p ON p.household_id = h.id GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
            )
        ).one()
    return str(row[0])


def figures_of(db: Database, repeats: int) -> dict[str, Any]:
    district = "330213"
    town = largest_town(db)
    found: dict[str, Any] = {"figures": page(db, district), "town": town}
    assert serial(db, district) == found["figures"]
    for name, area in (("district", district), ("town", town)):
        times = timed(functools.partial(page, db, area), repeats)
        one_by_one = timed(functools.partial(serial, db, area), repeats)
        bare = timed(functools.partial(bare_count, db, area), repeats)
        found[f"{name}_s"] = median(times)
        found[f"{name}_p95_s"] = percentile(times, 95)
        found[f"{name}_serial_s"] = median(one_by_one)
        found[f"{name}_bare_s"] = median(bare)
        found[f"{name}_ratio"] = median(times) / median(bare)
        found[f"{name}_serial_ratio"] = median(one_by_one) / median(bare)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="3,000 and 1,000 persons")
    parser.add_argument("--persons", type=int, help="persons of the figures' demo")
    args = parser.parse_args()
    persons = args.persons or (3_000 if args.quick else 100_000)
    repeats = 2 if args.quick else 5
    with demo_database(persons, work=True) as db:
        figures = figures_of(db, repeats)
    export_persons = 1_000 if args.quick else 15_000
    with demo_database(export_persons, work=True) as db:
        exports = export_figures(db, repeats=1 if args.quick else 3)
    report(
        "reports",
        {"persons": persons, **figures, "export_persons": export_persons, **exports},
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
