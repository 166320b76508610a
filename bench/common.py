"""Shared parts of the benchmark scripts: demo data in a temporary folder, statistics."""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.private_folders import isolate  # noqa: E402

# a benchmark starts the program: its settings, data and cache go to a private folder, never
# the user's (the programs a benchmark starts inherit it through the environment)
_ISOLATION = isolate(prefix="fieldvisit-bench-")
if _ISOLATION.made_here:
    import atexit

    atexit.register(shutil.rmtree, _ISOLATION.root, ignore_errors=True)

from app.demo.district import build_demo_district  # noqa: E402
from app.store.database import Database  # noqa: E402

PASSWORD = "bench-password"


@contextmanager
def demo_database(persons: int, seed: int = 1, *, work: bool = False) -> Iterator[Database]:
    """A demo district of `persons` persons in a temporary folder, removed afterwards.

    Without `work`, only the registry (the survey work is not what search and
    opening are measured on, and it triples the build time at 100,000 persons).
    """
    folder = Path(tempfile.mkdtemp(prefix="fieldvisit-bench-"))
    try:
        started = time.perf_counter()
        db = Database.create(folder / "bench.db", PASSWORD)
        build_demo_district(db, persons=persons, seed=seed, work=work)
        print(f"built {persons} persons in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        try:
            yield db
        finally:
            db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values)


def report(name: str, figures: dict[str, Any]) -> None:
    """The last line of every benchmark: one JSON object (BENCH.md)."""
    rounded = {k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}
    print(json.dumps({"bench": name, **rounded}, ensure_ascii=False))
