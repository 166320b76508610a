"""Search at 100,000 persons: realistic queries, median and p95, against bare FTS5.

    python bench/search.py            # 100,000 persons
    python bench/search.py --quick    # 5,000 persons (smoke run)

The baseline is a bare FTS5 MATCH (no ranking, no exact-number lookup, no joins)
on the same index in the same run, so the ratio says what our search adds.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Connection, text

from app.store import queries
from app.store.search import match_expressions, name_pinyin, search
from bench.common import demo_database, median, percentile, report

REPEATS = 5


def realistic_queries(conn: Connection, count: int, seed: int = 3) -> list[str]:
    """Queries as members type them: names and fragments, initials, ID tails, numbers."""
    rng = random.Random(seed)
    people = conn.execute(
        text("SELECT p.name, p.id_number, p.cert_number, p.mobile, h.address FROM person p"
             " JOIN household h ON h.id = p.household_id ORDER BY p.id LIMIT 5000")
    ).all()  # fmt: skip
    makers: list[Callable[[Any], str]] = [
        lambda p: p.name,  # full name
        lambda p: p.name[:2],  # surname and one character
        lambda p: p.name[-2:],  # given name
        lambda p: p.name[:1],  # one character
        lambda p: name_pinyin(p.name)[1],  # initials: zs
        lambda p: name_pinyin(p.name)[1][:2],
        lambda p: name_pinyin(p.name)[0],  # full pinyin
        lambda p: p.id_number[-4:],  # last digits of an ID
        lambda p: p.id_number[-6:],
        lambda p: p.id_number,  # a whole ID
        lambda p: p.cert_number,  # a certificate number
        lambda p: p.mobile[-4:] if p.mobile else p.id_number[-4:],
        lambda p: p.address[:3],  # a village name
    ]
    return [rng.choice(makers)(rng.choice(people)) for _ in range(count)]


def bare(conn: Connection, query: str) -> int:
    long_match, short_match = match_expressions(query)
    if long_match:
        sql, match = (
            "SELECT rowid FROM search_text WHERE search_text MATCH :m LIMIT 200",
            long_match,
        )
    elif short_match:
        sql, match = (
            "SELECT rowid FROM search_short WHERE search_short MATCH :m LIMIT 200",
            short_match,
        )
    else:
        return 0
    return len(conn.execute(text(sql), {"m": match}).all())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--persons", type=int)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    persons = args.persons or (5_000 if args.quick else 100_000)
    with demo_database(persons) as db, db.session() as session:
        conn = session.connection()
        qs = realistic_queries(conn, args.queries)
        for q in qs:  # warm-up: page cache, statement cache, pinyin cache
            search(conn, q)
            bare(conn, q)
        ours: list[float] = []
        base: list[float] = []
        with_rows: list[float] = []
        for _ in range(REPEATS):
            for q in qs:
                t0 = time.perf_counter()
                hits = search(conn, q)
                t1 = time.perf_counter()
                queries.households_by_id(conn, [h.household_id for h in hits])
                t2 = time.perf_counter()
                bare(conn, q)
                t3 = time.perf_counter()
                ours.append((t1 - t0) * 1000)
                with_rows.append((t2 - t0) * 1000)
                base.append((t3 - t2) * 1000)
    p95, bare_p95 = percentile(ours, 95), percentile(base, 95)
    report(
        "search",
        {
            "persons": persons,
            "queries": len(qs),
            "p50_ms": median(ours),
            "p95_ms": p95,
            "bare_p50_ms": median(base),
            "bare_p95_ms": bare_p95,
            "ratio_p95": p95 / bare_p95,
            "with_rows_p95_ms": percentile(with_rows, 95),
        },
    )


if __name__ == "__main__":
    main()
