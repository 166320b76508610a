"""The server under 1,000 simulated members syncing a day's work, 50 at a time, on loopback.

    python bench/server_load.py --db sqlite        # 15,000-person district, 1,000 syncs
    python bench/server_load.py --db postgresql    # the same on a throw-away PostgreSQL cluster
    python bench/server_load.py --quick            # 1,500 persons, 100 syncs, 10 at a time

Each simulated member has signed in and pulled their village beforehand (not timed).
A day's sync is what the laptop sends: /me, /blobs/missing, 50 changes to the village's
households in pushes of the laptop's batch size (`sync.client.PUSH_BATCH`), then pull
pages from the member's cursor. Every request is timed (`p95_ms`; by path `p95_ms_push`,
...), and every whole sync (`sync_p95_ms`); `errors` counts any answer other than 200 and
any receipt other than applied.
Bounded: a fixed number of syncs, every request with a timeout, 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests

from app.demo.__main__ import DEMO_PASSWORD
from bench.common import percentile, report
from bench.sync_common import demo_server_database, serving
from sync.client import PUSH_BATCH
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

TIMEOUT = 60
CHANGES = 50


@dataclass
class Member:
    """One simulated laptop: its token, cursor and the households it may change."""

    username: str
    headers: dict[str, str]
    cursor: int = 0
    households: dict[str, int] = field(default_factory=dict)  # id -> rev
    lock: threading.Lock = field(default_factory=threading.Lock)


class Load:
    """The requests of the run, timed, with their errors."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.times: list[float] = []
        #: the same, by path (/push, /pull, ...)
        self.by_path: dict[str, list[float]] = {}
        #: whole syncs (a day's requests of one member, one after the other)
        self.days: list[float] = []
        self.errors = 0
        self.lock = threading.Lock()

    def post(self, session: requests.Session, path: str, body: Any, headers: dict[str, str]) -> Any:
        started = time.perf_counter()
        try:
            answer = session.post(self.base + path, json=body, headers=headers, timeout=TIMEOUT)
            ok = answer.status_code == 200
        except requests.RequestException:
            answer, ok = None, False
        self._took(path, time.perf_counter() - started, ok)
        return answer.json() if ok and answer is not None else None

    def _took(self, path: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.times.append(seconds)
            self.by_path.setdefault(path, []).append(seconds)
            self.errors += 0 if ok else 1

    def pull(self, session: requests.Session, member: Member) -> None:
        while True:
            page = self.post(
                session, "/pull", {"cursor": member.cursor, "limit": 5000}, member.headers
            )
            if page is None:
                return
            for record in page["records"]:
                if record["entity"] == "household":
                    member.households[record["id"]] = record["rev"]
            member.cursor = page["next_cursor"]
            if not page["more"]:
                return

    def day(self, session: requests.Session, member: Member, run: int) -> None:
        with member.lock:  # one laptop syncs one day at a time
            day_started = started = time.perf_counter()
            try:
                answer = session.get(self.base + "/me", headers=member.headers, timeout=TIMEOUT)
                ok = answer.status_code == 200
            except requests.RequestException:
                ok = False
            self._took("/me", time.perf_counter() - started, ok)
            self.post(session, "/blobs/missing", {"hashes": []}, member.headers)
            ids = sorted(member.households)
            ops = (
                [
                    {
                        "op_id": str(uuid.uuid4()),
                        "entity": "household",
                        "record_id": hid,
                        "base_rev": member.households[hid],
                        "kind": "upsert",
                        "fields": {"phone": f"13{run % 10}{n:08d}"},
                    }
                    for n, hid in enumerate(ids[i % len(ids)] for i in range(CHANGES))
                ]
                if ids
                else []
            )
            for start in range(0, len(ops), PUSH_BATCH):  # as the laptop sends them
                pushed = self.post(
                    session, "/push", {"ops": ops[start : start + PUSH_BATCH]}, member.headers
                )
                if pushed is not None:
                    bad = [r for r in pushed["receipts"] if r["outcome"] not in ("applied", "same")]
                    with self.lock:
                        self.errors += len(bad)
            self.pull(session, member)
            with self.lock:
                self.days.append(time.perf_counter() - day_started)


def sign_in(base: str, usernames: list[str], load: Load) -> list[Member]:
    members = []
    with requests.Session() as session:
        for username in usernames:
            headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
            answer = session.post(
                base + "/login",
                headers=headers,
                timeout=TIMEOUT,
                json={
                    "username": username,
                    "password": DEMO_PASSWORD,
                    "client_id": str(uuid.uuid4()),
                },
            )
            headers["Authorization"] = f"Bearer {answer.json()['token']}"
            member = Member(username, headers)
            load.pull(session, member)
            members.append(member)
    return members


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--persons", type=int, help="district size (default 15,000)")
    parser.add_argument("--syncs", type=int, help="simulated members' syncs (default 1,000)")
    args = parser.parse_args()
    persons, syncs, concurrency = (1_500, 100, 10) if args.quick else (15_000, 1_000, 50)
    persons, syncs = args.persons or persons, args.syncs or syncs
    cluster = None
    url = None
    if args.db == "postgresql":
        from tests.sync.servers import PostgresCluster

        why = PostgresCluster.available()
        if why:
            raise SystemExit(f"cannot run on PostgreSQL here: {why}")
        cluster = PostgresCluster()
        cluster.start()
        url = cluster.new_database()
    try:
        with (
            demo_server_database(persons, url) as (db_url, folder),
            serving(db_url, folder, workers=args.workers) as base,
        ):
            warmup = Load(base)
            # the members the run uses (syncs go round them), each signed in once
            usernames = [f"m{code}" for code in _villages(db_url)][:syncs]
            members = sign_in(base, usernames, warmup)
            print(f"{len(members)} members signed in and pulled", file=sys.stderr, flush=True)
            load = Load(base)
            started = time.perf_counter()

            def one(n: int) -> None:
                with requests.Session() as session:
                    load.day(session, members[n % len(members)], n)

            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                list(pool.map(one, range(syncs)))
            elapsed = time.perf_counter() - started
    finally:
        if cluster is not None:
            cluster.stop()
    print(
        f"{syncs} syncs in {elapsed:.1f} s, median request "
        f"{statistics.median(load.times) * 1000:.0f} ms",
        file=sys.stderr,
    )
    report(
        "server_load",
        {
            "db": args.db,
            "members": syncs,
            "concurrency": concurrency,
            "requests": len(load.times),
            "errors": load.errors,
            "p50_ms": percentile(load.times, 50) * 1000,
            "p95_ms": percentile(load.times, 95) * 1000,
            **{
                f"p95_ms{path.replace('/', '_')}": percentile(times, 95) * 1000
                for path, times in sorted(load.by_path.items())
            },
            "push_batch": PUSH_BATCH,
            "sync_p50_ms": percentile(load.days, 50) * 1000,
            "sync_p95_ms": percentile(load.days, 95) * 1000,
            "elapsed_s": elapsed,
        },
    )


def _villages(url: str) -> list[str]:
    """The six last digits of every village code (the demo members' user names)."""
    from sqlalchemy import select

    from app.store.registry import User
    from sync.server.db import ServerDatabase

    database = ServerDatabase(url)
    with database.read() as s:
        names = [u[1:] for u in s.scalars(select(User.username).where(User.role == "member"))]
    database.dispose()
    return sorted(names)


if __name__ == "__main__":
    main()
