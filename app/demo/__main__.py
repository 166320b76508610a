"""Command line: build a demo district database.

python -m app.demo --persons 15000 --seed 1 --out demo.db --password demo2026
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from app.demo.district import build_demo_district
from app.store.database import Database
from app.store.errors import StoreError

DEMO_PASSWORD = "demo2026"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.demo", description=__doc__)
    parser.add_argument("--persons", type=int, default=15_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("demo.db"))
    parser.add_argument("--password", default=DEMO_PASSWORD)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        db = Database.create(args.out, args.password)
    except StoreError as exc:
        print(exc, file=sys.stderr)
        return 1

    def report(done: int, total: int) -> None:
        print(f"\r{done}/{total} 人", end="", file=sys.stderr, flush=True)

    summary = build_demo_district(db, persons=args.persons, seed=args.seed, progress=report)
    db.close()
    print(
        f"\n{args.out}: {summary.villages} 个村/社区，{summary.households} 户，"
        f"{summary.persons} 名残疾人，用时 {time.perf_counter() - started:.1f} 秒",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
