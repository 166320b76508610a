"""Export speed: the year's Form A export (template form-a-upper) of the demo's accepted
round to xlsx and csv, against openpyxl and csv writing the same rows bare.

    python bench/exports.py            # 15,000-person district, the accepted round 2025
    python bench/exports.py --quick    # 1,000 persons

`xlsx_s` and `csv_s`: `app.exports.write.write_export` from the database to the file (the
rows read and converted by the template, written whole). `bare_xlsx_s` and `bare_csv_s`:
the same rows, read beforehand, written with openpyxl's write-only mode and the csv module
alone, in the same run; `xlsx_ratio` and `csv_ratio` are the engine over the bare writing.
Medians over repeated runs after a warm-up, the engine and the bare writer in turns;
`rows_s` is reading and converting the rows alone. `bench/reports.py` reports these
figures beside the statistics page's (`export_figures`).
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook  # type: ignore[import-untyped]

from app.exports.fields import ExportParams
from app.exports.templates import load_template
from app.exports.write import rows_of, write_export
from app.store.database import Database
from bench.common import demo_database, median, report

#: the demo's accepted round: last year's Form A, accepted for most persons
ACCEPTED_ROUND = "2025"
TEMPLATE = "form-a-upper"


def _timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _paired(
    engine: Callable[[], Any], bare: Callable[[], Any], repeats: int
) -> tuple[float, float]:
    """Medians of the engine's and the bare writer's times, run in turns after a warm-up of
    each (a shared machine's load drifts: taken in turns, both see the same)."""
    engine()
    bare()
    times = [(_timed(engine), _timed(bare)) for _ in range(repeats)]
    return median([t[0] for t in times]), median([t[1] for t in times])


def _bare_xlsx(headers: list[str], rows: list[list[Any]], path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)


def _bare_csv(headers: list[str], rows: list[list[Any]], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(headers)
        writer.writerows(rows)


def export_figures(db: Database, repeats: int = 3) -> dict[str, Any]:
    """export_rows, xlsx_s, csv_s and their bare baselines, for the accepted round."""
    template = load_template(TEMPLATE)
    params = ExportParams(survey_round=ACCEPTED_ROUND)
    with db.session() as s:
        rows = list(rows_of(s, template, params))
    figures: dict[str, Any] = {"export_rows": len(rows)}
    with tempfile.TemporaryDirectory(prefix="fieldvisit-bench-export-") as folder:
        out = Path(folder)
        for fmt in ("xlsx", "csv"):

            def engine(fmt: str = fmt) -> None:
                with db.session() as s:
                    write_export(s, template, params, out / f"engine.{fmt}")

            def bare(fmt: str = fmt) -> None:
                write = _bare_xlsx if fmt == "xlsx" else _bare_csv
                write(template.headers, rows, out / f"bare.{fmt}")

            figures[f"{fmt}_s"], figures[f"bare_{fmt}_s"] = _paired(engine, bare, repeats)
            figures[f"{fmt}_ratio"] = figures[f"{fmt}_s"] / figures[f"bare_{fmt}_s"]
        with db.session() as s:
            figures["rows_s"] = median(
                [_timed(lambda: list(rows_of(s, template, params))) for _ in range(repeats)]
            )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 persons, one repeat")
    args = parser.parse_args()
    persons = 1_000 if args.quick else 15_000
    with demo_database(persons, work=True) as db:
        figures = export_figures(db, repeats=1 if args.quick else 3)
    report("exports", {"persons": persons, **figures})
    return 0


if __name__ == "__main__":
    sys.exit(main())
