"""The first sync of a whole district onto an empty laptop, against a bare SQLite insert.

    python bench/sync_first.py            # 15,000 persons, about 10,000 households and
                                          # last year's responses (goal: under 15 s, at most
                                          # 4x the bare insert)
    python bench/sync_first.py --quick    # 1,500 persons (smoke run)

`first_sync_s`: from sign-in to the last page applied and the search index built, for the
admin (the whole district), over loopback: login, a new encrypted database (with its key
derivation), every page pulled and applied. `bare_insert_s`: the same rows inserted with
`executemany` into a plain SQLite file, in the same run: the floor under it.
`client_cpu_s` and `server_cpu_s` (Linux): the CPU time each side spent on a first sync
(medians), to see which side holds it up on a machine of two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, select

from app.demo.__main__ import DEMO_PASSWORD
from app.store.schema import SYNCED_MODELS, Base
from bench.common import median, percentile, report
from bench.sync_common import demo_server_database, serving
from sync.client import first_login
from sync.server.db import ServerDatabase

RUNS = 3


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def rows_of(url: str) -> list[tuple[str, list[str], list[tuple[Any, ...]]]]:
    """Every record of the server, table by table: (table, columns, rows as SQLite values)."""
    database = ServerDatabase(url)
    out = []
    with database.read() as s:
        for model in SYNCED_MODELS:
            table = model.__table__  # type: ignore[attr-defined]
            names = [c.name for c in table.columns]
            rows = [tuple(_plain(v) for v in row) for row in s.execute(select(table))]
            out.append((table.name, names, rows))
    database.dispose()
    return out


def bare_insert(tables: list[tuple[str, list[str], list[tuple[Any, ...]]]], folder: Path) -> float:
    """The same rows into a new plain SQLite file (schema made first, not timed)."""
    path = folder / f"bare-{time.monotonic_ns()}.db"
    create_engine(f"sqlite:///{path}").dispose()
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = OFF")
    started = time.perf_counter()
    for name, columns, rows in tables:
        marks = ", ".join("?" for _ in columns)
        names = ", ".join(f'"{column}"' for column in columns)  # "group" is a keyword
        conn.executemany(f'INSERT INTO "{name}" ({names}) VALUES ({marks})', rows)
    conn.commit()
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def _children_cpu() -> float | None:
    """CPU seconds of this process's children so far (the server), or None off Linux."""
    me = os.getpid()
    try:
        children = Path(f"/proc/{me}/task/{me}/children").read_text().split()
        total = 0.0
        for child in children:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--persons", type=int)
    args = parser.parse_args()
    persons = args.persons or (1_500 if args.quick else 15_000)
    with demo_server_database(persons) as (url, folder):
        tables = rows_of(url)
        records = sum(len(rows) for _, _, rows in tables)
        laptops = Path(tempfile.mkdtemp(prefix="fieldvisit-bench-laptops-"))
        try:
            bare = [bare_insert(tables, laptops) for _ in range(RUNS + 1)][1:]
            timings, client_cpu, server_cpu = [], [], []
            with serving(url, folder) as base:
                for run in range(RUNS + 1):  # the first run warms the server and the caches
                    server_before, client_before = _children_cpu(), time.process_time()
                    started = time.perf_counter()
                    db = first_login(base, "demo", DEMO_PASSWORD, laptops / f"laptop{run}.db")
                    timings.append(time.perf_counter() - started)
                    client_cpu.append(time.process_time() - client_before)
                    db.close()
                    server_after = _children_cpu()
                    if server_before is not None and server_after is not None:
                        server_cpu.append(server_after - server_before)
                    print(f"run {run}: {timings[-1]:.2f} s", file=sys.stderr)
        finally:
            shutil.rmtree(laptops, ignore_errors=True)
    first = median(timings[1:])
    report(
        "sync_first",
        {
            "persons": persons,
            "records": records,
            "first_sync_s": first,
            "first_sync_p95_s": percentile(timings[1:], 95),
            "bare_insert_s": median(bare),
            "ratio": first / median(bare),
            "client_cpu_s": median(client_cpu[1:]),
            "server_cpu_s": median(server_cpu[1:]) if len(server_cpu) > 1 else None,
        },
    )


if __name__ == "__main__":
    main()
