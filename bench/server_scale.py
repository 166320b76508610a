"""The server at a province's size: the evening load of `server_load` against 15,000 and 1,000,000.

    python bench/server_scale.py            # 1,000,000 persons vs 15,000, 1,000 syncs each
    python bench/server_scale.py --quick    # 20,000 vs 2,000, 60 syncs each, 10 at a time

Both databases live on one throw-away PostgreSQL cluster. The small one is the demo
district (`sync.server.demo`); the large one is a copy of it (`CREATE DATABASE ...
TEMPLATE`) grown to the province's size by `bench.province` (districts, a member for
every village, households, persons and certificates, made inside PostgreSQL). Both are
analysed, then served at once by two servers with the same settings, and the same load
(`bench.server_load.Load`: /me, /blobs/missing, 50 changes in pushes, pull) runs against
each in turn, alternating in rounds so that the machine's noise falls on both alike.
The members are the same in both, the district's (their villages' data is alike in both
databases: a member elsewhere in the province would push to households of another
making, which would measure the data, not the size). Each has signed in beforehand (a
device row, not timed) and is at the current cursor, as after its last evening's sync.

`ratio` is the throughput (syncs per second) at 15,000 persons over that at 1,000,000:
1.0 means the size of the database costs nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import secrets
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests

from bench import province
from bench.common import percentile, report
from bench.server_load import Load, Member
from bench.sync_common import serving
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync.server.db import ServerDatabase
from sync.server.demo import build_demo_server

#: statements slower than this are logged by PostgreSQL and listed at the end
SLOW_MS = 200


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _admin(url: str, database: str = "postgres") -> Any:
    import psycopg

    base = province.psycopg_url(url).rsplit("/", 1)[0]
    return psycopg.connect(f"{base}/{database}", autocommit=True)


def clone(url: str) -> str:
    """A copy of the database at `url` (nobody may be connected to it); returns its URL."""
    source = url.rsplit("/", 1)[1]
    name = f"{source}_big"
    with _admin(url) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {source}")
    return url.rsplit("/", 1)[0] + "/" + name


def analyse(url: str) -> None:
    """As autovacuum would have, long before an evening's load; from then on, statements
    slower than SLOW_MS go to the cluster's log (`slow_statements`)."""
    name = url.rsplit("/", 1)[1]
    with _admin(url, name) as conn:
        conn.execute("VACUUM ANALYZE")
        conn.execute(f"ALTER DATABASE {name} SET log_min_duration_statement = {SLOW_MS}")


def slow_statements(log: Path, top: int = 8) -> list[str]:
    """The statements the cluster logged as slow, most frequent first, with their count."""
    found: Counter[str] = Counter()
    if log.exists():
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if "duration:" in line and "statement:" in line:
                found[re.sub(r"\d+", "N", line.split("statement:", 1)[1].strip())[:300]] += 1
    return [f"{n} x {text}" for text, n in found.most_common(top)]


def signed_in(url: str, count: int, usernames: list[str] | None = None) -> list[Member]:
    """`count` members spread over the database's villages that have households (or those
    named), each with a new device token, at the current cursor, knowing their village's
    households."""
    with _admin(url, url.rsplit("/", 1)[1]) as conn:
        villages = conn.execute(
            "SELECT u.username, a.area_code FROM user_account u"
            " JOIN assignment a ON a.user_id = u.id AND NOT a.deleted"
            " WHERE u.role = 'member' AND NOT u.deleted AND EXISTS (SELECT 1 FROM household h"
            " WHERE h.area_code = a.area_code AND NOT h.deleted) ORDER BY a.area_code"
        ).fetchall()
        if usernames is not None:
            chosen = [v for v in villages if v[0] in set(usernames)]
        else:
            # each village once (two laptops of one member would conflict with each other)
            n = min(count, len(villages))
            chosen = [villages[i * len(villages) // n] for i in range(n)]
        (cursor,) = conn.execute("SELECT value FROM seq_counter WHERE id = 1").fetchone()
        members = []
        for username, area in chosen:
            token = secrets.token_urlsafe(32)
            conn.execute(
                "INSERT INTO device (id, username, client_id, name, token_hash, created_at,"
                " revoked_by) VALUES (%s, %s, %s, 'bench', %s, now(), '')",
                (
                    str(uuid.uuid4()),
                    username,
                    str(uuid.uuid4()),
                    hashlib.sha256(token.encode()).hexdigest(),
                ),
            )
            headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Authorization": f"Bearer {token}"}
            member = Member(username, headers, cursor=int(cursor))
            rows = conn.execute(
                "SELECT record_id, seq FROM record_index WHERE entity = 'household'"
                " AND area_code = %s",
                (area,),
            )
            member.households = {record_id: seq for record_id, seq in rows}
            members.append(member)
    return members


class CountedLoad(Load):
    """The load, with the outcome of every op pushed counted (and a refusal's first reason)."""

    def __init__(self, base: str) -> None:
        super().__init__(base)
        self.outcomes: Counter[str] = Counter()

    def post(self, session: requests.Session, path: str, body: Any, headers: dict[str, str]) -> Any:
        answer = super().post(session, path, body, headers)
        if path == "/push" and answer is not None:
            with self.lock:
                for receipt in answer["receipts"]:
                    why = [r.get("code", "") for r in receipt.get("refusals", [])][:1]
                    conflicted = ["conflict"] if receipt.get("conflicts") else []
                    self.outcomes[" ".join([receipt["outcome"], *why, *conflicted])] += 1
        return answer


def evening(load: Load, members: list[Member], syncs: int, concurrency: int, first: int) -> float:
    """`syncs` members' syncs, `concurrency` at a time; returns the seconds they took."""
    started = time.perf_counter()

    def one(n: int) -> None:
        with requests.Session() as session:
            load.day(session, members[n % len(members)], n)

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(first, first + syncs)))
    return time.perf_counter() - started


def count(url: str, query: str) -> int:
    with _admin(url, url.rsplit("/", 1)[1]) as conn:
        return int(conn.execute(query).fetchone()[0])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--persons", type=int, help="the province (default 1,000,000)")
    parser.add_argument("--base", type=int, help="the district (default 15,000)")
    parser.add_argument("--syncs", type=int, help="syncs against each database (default 1,000)")
    parser.add_argument("--concurrency", type=int, help="syncs at a time (default 50)")
    parser.add_argument("--workers", type=int, default=2, help="processes of each server")
    parser.add_argument("--rounds", type=int, default=4, help="turns of each database")
    args = parser.parse_args()
    persons, base, syncs, concurrency = (
        (20_000, 2_000, 60, 10) if args.quick else (1_000_000, 15_000, 1_000, 50)
    )
    persons, base = args.persons or persons, args.base or base
    syncs, concurrency = args.syncs or syncs, args.concurrency or concurrency
    rounds = max(1, min(args.rounds, syncs // concurrency))

    from tests.sync.servers import PostgresCluster

    why = PostgresCluster.available()
    if why:
        raise SystemExit(f"cannot run on PostgreSQL here: {why}")
    cluster = PostgresCluster()
    folder = Path(tempfile.mkdtemp(prefix="fieldvisit-bench-scale-"))
    cluster.start()
    try:
        small = cluster.new_database()
        started = time.perf_counter()
        database = ServerDatabase(small)
        build_demo_server(database, persons=base)
        database.dispose()
        _log(f"district: {base} persons in {time.perf_counter() - started:.1f} s")
        big = clone(small)
        started = time.perf_counter()
        with _admin(small, small.rsplit("/", 1)[1]) as conn:
            (password_hash,) = conn.execute("SELECT password_hash FROM credential").fetchone()
        made = province.fill(big, persons - base, password_hash)
        fill_s = time.perf_counter() - started
        _log(f"province: +{made.persons} persons, {made.villages} villages in {fill_s:.1f} s")
        started = time.perf_counter()
        analyse(small)
        analyse(big)
        _log(f"analysed in {time.perf_counter() - started:.1f} s")
        total = count(big, "SELECT count(*) FROM person")
        members_total = count(big, "SELECT count(*) FROM user_account WHERE role = 'member'")
        crowd = signed_in(small, min(syncs, 1000))
        # the same members in both: the district's, whose data is alike in both databases
        sizes = {"15k": crowd, "1m": signed_in(big, len(crowd), [m.username for m in crowd])}
        (folder / "small").mkdir()
        (folder / "big").mkdir()
        with (
            serving(small, folder / "small", workers=args.workers) as base_small,
            serving(big, folder / "big", workers=args.workers) as base_big,
        ):
            bases = {"15k": base_small, "1m": base_big}
            loads = {key: CountedLoad(url) for key, url in bases.items()}
            elapsed = dict.fromkeys(bases, 0.0)
            done = dict.fromkeys(bases, 0)
            for key, url in bases.items():  # warm-up: connections, caches, plans
                evening(Load(url), sizes[key], concurrency, concurrency, 0)
            share = [syncs // rounds + (1 if r < syncs % rounds else 0) for r in range(rounds)]
            for r, part in enumerate(share):
                order = ("15k", "1m") if r % 2 == 0 else ("1m", "15k")
                for key in order:
                    seconds = evening(loads[key], sizes[key], part, concurrency, done[key] + 1000)
                    elapsed[key] += seconds
                    done[key] += part
                    _log(f"round {r + 1}: {key} {part} syncs in {seconds:.1f} s")
        for key, load in loads.items():
            _log(f"outcomes {key}: {dict(load.outcomes)}")
        for line in slow_statements(cluster.folder / "pg.log"):
            _log(f"slow: {line}")
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    rate = {key: done[key] / elapsed[key] for key in elapsed}
    big_load, small_load = loads["1m"], loads["15k"]
    report(
        "server_scale",
        {
            "persons": total,
            "members": members_total,
            "requests": len(big_load.times),
            "errors": big_load.errors + small_load.errors,
            "p95_ms": percentile(big_load.times, 95) * 1000,
            "syncs_per_s": rate["1m"],
            "syncs_per_s_15k": rate["15k"],
            "ratio": rate["15k"] / rate["1m"],
            "p95_ms_15k": percentile(small_load.times, 95) * 1000,
            **{
                f"p95_ms{path.replace('/', '_')}_15k": percentile(times, 95) * 1000
                for path, times in sorted(small_load.by_path.items())
            },
            **{
                f"p95_ms{path.replace('/', '_')}": percentile(times, 95) * 1000
                for path, times in sorted(big_load.by_path.items())
            },
            "syncs": syncs,
            "concurrency": concurrency,
            "workers": args.workers,
            "fill_s": fill_s,
        },
    )


if __name__ == "__main__":
    main()
