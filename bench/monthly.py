"""A month's change list into the district server, and the member's next sync that brings it.

    python bench/monthly.py            # 300 rows into the 15,000-person demo server
    python bench/monthly.py --quick    # 60 rows into a 1,500-person one (smoke run)

Each run loads a new month's list (an xlsx as an agency sends it: deaths, moves, 低保
in and out, grade changes, about 5 % of rows to refuse: unknown IDs, bad check digits,
duplicates) with `import_changes`, then times the village member's `SyncClient.sync()`
on a real laptop against a real server on 127.0.0.1 and checks that every task of the
village arrived in that one sync. Baseline in the same run: reading the same file
(`read_changes`, the part every import shares with the roster import), so
`ratio` = import_s / read_s. Goals: import_s under 2 s; the tasks arrive in one sync.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook  # type: ignore[import-untyped]
from sqlalchemy import select

from app.demo.__main__ import DEMO_PASSWORD
from app.domain.identity import make_resident_id
from app.store.registry import Household, Person
from app.store.work import ChangeNotice
from bench.common import median, percentile, report
from bench.sync_common import demo_server_database, serving
from sync.client import SyncClient, first_login
from sync.server.changes import import_changes
from sync.server.changes_sheet import read_changes
from sync.server.db import ServerDatabase

RUNS = 5
MEMBER, VILLAGE = "m001001", "330213001001"
KINDS = [("死亡", 30), ("户口迁出", 15), ("纳入低保", 20), ("退出低保", 20), ("残疾等级变更", 10),
         ("换证", 5)]  # fmt: skip


def _persons(database: ServerDatabase) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(ID, name) of the member's village and of the rest of the district."""
    with database.read() as s:
        rows = s.execute(
            select(Person.id_number, Person.name, Household.area_code)
            .join(Household, Household.id == Person.household_id)
            .where(Person.status == "active")
            .order_by(Person.id)
        ).all()
    village = [(i, n) for i, n, a in rows if a == VILLAGE]
    return village, [(i, n) for i, n, a in rows if a != VILLAGE]


def change_list(
    path: Path, month: str, count: int, village: list[tuple[str, str]], rest: list[tuple[str, str]]
) -> Path:
    """`count` rows: a tenth of them in the member's village, 5 % to refuse."""
    rng = random.Random(month)
    ours = rng.sample(village, min(len(village), max(1, count // 10)))
    refused = max(3, count // 20)
    theirs = rng.sample(rest, count - len(ours) - refused)
    book = Workbook()
    sheet = book.active
    sheet.append([f"{month} 变动人员名单"])
    sheet.append(["身份证号", "姓名", "变动情况", "变动日期", "备注"])
    kinds = [k for k, _ in KINDS]
    weights = [w for _, w in KINDS]
    day = f"{month}-0{rng.randint(1, 9)}"
    good = [[n, name, rng.choices(kinds, weights)[0], day, ""] for n, name in ours + theirs]
    for row in good:
        sheet.append(row)
    for k in range(refused):
        number, name = good[k][0], good[k][1]
        if k % 3 == 0:  # not registered
            stranger = make_resident_id("110101", time_of(k), k + 1)
            sheet.append([stranger, "外区人员", "死亡", day, ""])
        elif k % 3 == 1:  # a wrong check digit
            wrong = number[:-1] + ("1" if number[-1] != "1" else "2")
            sheet.append([wrong, name, "死亡", day, ""])
        else:  # the same row twice
            sheet.append(list(good[k]))
    book.save(path)
    return path


def time_of(k: int) -> date:
    return date(1950 + k % 40, 1 + k % 12, 1 + k % 28)


def _village_tasks(database: ServerDatabase, month: str) -> set[str]:
    with database.read() as s:
        return set(
            s.scalars(
                select(ChangeNotice.id)
                .join(Person, Person.id == ChangeNotice.person_id)
                .join(Household, Household.id == Person.household_id)
                .where(ChangeNotice.month == month, Household.area_code == VILLAGE)
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--persons", type=int)
    parser.add_argument("--rows", type=int)
    args = parser.parse_args()
    persons = args.persons or (1_500 if args.quick else 15_000)
    rows = args.rows or (60 if args.quick else 300)
    with demo_server_database(persons) as (url, folder), serving(url, folder) as base:
        database = ServerDatabase(url)
        village, rest = _persons(database)
        laptop = Path(tempfile.mkdtemp(prefix="fieldvisit-bench-monthly-"))
        try:
            db = first_login(base, MEMBER, DEMO_PASSWORD, laptop / "member.db")
            imports, reads, syncs = [], [], []
            tasks = refused = 0
            for run in range(RUNS + 1):  # the first run warms up
                month = f"2026-{1 + run:02d}"  # months the demo has no tasks in
                path = change_list(folder / f"{month}.xlsx", month, rows, village, rest)
                started = time.perf_counter()
                read_changes(path)
                reads.append(time.perf_counter() - started)
                started = time.perf_counter()
                result = import_changes(database, path, month=month, source="公安")
                imports.append(time.perf_counter() - started)
                tasks, refused = result.tasks_new, len(result.refused)
                expected = _village_tasks(database, month)
                client = SyncClient(db)
                started = time.perf_counter()
                receipt = client.sync()
                syncs.append(time.perf_counter() - started)
                client.close()
                with db.session() as s:
                    arrived = set(
                        s.scalars(select(ChangeNotice.id).where(ChangeNotice.month == month))
                    )
                assert receipt.status == "done" and arrived == expected, (arrived, expected)
                print(
                    f"run {run}: import {imports[-1]:.2f} s ({tasks} tasks, {refused} refused), "
                    f"read {reads[-1]:.2f} s, sync {syncs[-1]:.2f} s "
                    f"({len(arrived)} tasks of {MEMBER} arrived)",
                    file=sys.stderr,
                )
            db.close()
        finally:
            database.dispose()
            shutil.rmtree(laptop, ignore_errors=True)
    import_s, read_s = median(imports[1:]), median(reads[1:])
    report(
        "monthly",
        {
            "persons": persons,
            "rows": rows,
            "import_s": import_s,
            "import_p95_s": percentile(imports[1:], 95),
            "tasks": tasks,
            "refused": refused,
            "sync_s": median(syncs[1:]),
            "read_s": read_s,
            "ratio": round(import_s / read_s, 2) if read_s else None,
            "tasks_in_one_sync": True,
        },
    )


if __name__ == "__main__":
    main()
