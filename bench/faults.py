"""Random kills and a faulty network during syncs: how many changes are lost or doubled.

    python bench/faults.py           # SQLite and PostgreSQL, 20 random kills of each kind
    python bench/faults.py --quick   # SQLite, one of each kind: the CI smoke run

Each trial adds a day's work on alice's laptop (households, a changed phone, a photo
sent in chunks) and on her second laptop (households that come back in the pull), then
syncs the laptop in a process of its own (`faults_laptop.py`) and kills at a random
moment one of: the server's worker (SIGKILL; its writer process outlives it and may
commit after the kill), the laptop program during its sync, the laptop program during
the chunked upload of its photo (after a random number of chunks). A trial of the
fourth kind syncs through the fault-injecting proxy of the tests instead. Then the
laptop syncs again until done, and the trial is counted:

- `lost`: an op of the laptop not in the server's change log, a photo not on the server
  with its bytes, a record of the second laptop not on this one, or (at the end of each
  database's run) a record that differs between the laptop and the server;
- `doubled`: an op in the server's change log more than once.

Goal: both 0 over at least 60 trials. The last line is the JSON of BENCH.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from app.services.attachments import attach
from app.services.registry import Registry
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.registry import Household
from app.store.schema import SYNCED_MODELS
from bench.common import report
from sync.client import SyncClient
from sync.server.blobs import BlobFolder
from sync.server.db import ServerDatabase
from sync.server.tables import ChangeLog
from tests.sync.faulty_proxy import FaultyProxy
from tests.sync.laptops import Wire, household, make_laptop, op
from tests.sync.servers import ALICE_VILLAGE, PostgresCluster, ServerProcess, seed

ROOT = Path(__file__).resolve().parents[1]
CHUNK = 32 * 1024
KINDS = ("server", "laptop_sync", "laptop_upload")
WAIT = 120.0


@dataclass
class Tally:
    """What the trials found, by the op, photo or record concerned (each counted once)."""

    trials: int = 0
    #: kills that broke a sync off (the others fell just after its end)
    interrupted: int = 0
    lost: set[str] = field(default_factory=set)
    doubled: set[str] = field(default_factory=set)
    by_kind: dict[str, int] = field(default_factory=dict)


@dataclass
class Day:
    """One trial's work: the laptop's ops, its photo, the second laptop's records."""

    ops: list[str]
    sha: str
    others: dict[str, str]


class Run:
    """One server database with alice's laptop, through every trial."""

    def __init__(self, url: str, folder: Path, rng: random.Random, tally: Tally) -> None:
        self.rng, self.tally, self.folder = rng, tally, folder
        self.database = ServerDatabase(url)
        seed(self.database)
        self.process = ServerProcess(url, folder / "blobs")
        self.process.start()
        self.path = folder / "alice.db"
        db = make_laptop(self.process, self.path, "alice")
        self.key = db.key.hex()
        db.close()
        self.second = Wire(self.process, "alice")  # her second laptop
        self.n = 0
        self.all_ops: list[str] = []
        self.typical = 1.0  # seconds of a whole sync, measured as the run goes

    def close(self) -> None:
        self.process.stop()
        self.database.dispose()

    # -- a trial ---------------------------------------------------------------------------

    def day(self, photo_bytes: int) -> Day:
        self.n += 1
        db = Database.open_with_key(self.path, bytes.fromhex(self.key))
        try:
            registry = Registry(db, "alice")
            made = [
                registry.add_household(
                    {"area_code": ALICE_VILLAGE, "address": f"故障路{self.n}-{k}号"}
                )[0]
                for k in range(3)
            ]
            registry.update_household(made[0], {"phone": f"13957{self.n:06d}"})
            data = os.urandom(photo_bytes)
            attach(
                db,
                "alice",
                owner_entity="household",
                owner_id=made[1],
                data=data,
                mime="image/jpeg",
            )
            with db.session() as s:
                ops = list(s.scalars(select(OutboxOp.op_id)))
        finally:
            db.close()
        others = {}
        for k in range(2):
            hid = str(uuid.uuid4())
            address = f"另一台{self.n}-{k}号"
            self.second.push(op("household", hid, 0, household(ALICE_VILLAGE, address=address)))
            others[hid] = address
        new = [o for o in ops if o not in self.all_ops]
        self.all_ops += new
        return Day(new, hashlib.sha256(data).hexdigest(), others)

    def laptop(self) -> tuple[subprocess.Popen[bytes], float]:
        """The laptop program started and syncing; when it said it was ready."""
        child = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "bench" / "faults_laptop.py"),
                str(self.path),
                self.key,
                str(CHUNK),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdout is not None
        if child.stdout.readline().strip() != b"ready":
            raise RuntimeError("the laptop program did not start")
        return child, time.monotonic()

    def sync_to_the_end(self) -> None:
        """Sync again until a sync is done (the member pressing 同步 until it is)."""
        for _attempt in range(10):
            child, started = self.laptop()
            if child.wait(timeout=WAIT) == 0:
                self.typical = 0.7 * self.typical + 0.3 * (time.monotonic() - started)
                return
            time.sleep(0.2)
        raise RuntimeError("the laptop could not finish a sync")

    def kill_trial(self, kind: str) -> None:
        day = self.day(photo_bytes=(40 if kind == "laptop_upload" else 5) * CHUNK + 321)
        child, _started = self.laptop()
        if kind == "laptop_upload":
            self._at_chunk(child, day.sha, self.rng.randint(1, 39))
        else:
            time.sleep(self.rng.uniform(0.0, self.typical))
        if kind == "server":
            self.process.stop(kill=True)  # the worker; its writer finishes on its own
            broken = child.wait(timeout=WAIT) != 0
            self.process.start()
        else:
            broken = child.poll() is None
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=WAIT)
        if broken:  # the kill did fall in the sync (not after its end)
            self.tally.interrupted += 1
        self.sync_to_the_end()
        self.count(kind, day)

    def _at_chunk(self, child: subprocess.Popen[bytes], sha: str, chunks: int) -> None:
        """Wait until the server holds `chunks` chunks of the photo (or the sync ended)."""
        partials = self.process.blobs / ".partial"
        deadline = time.monotonic() + WAIT
        while child.poll() is None and time.monotonic() < deadline:
            held = (
                sum(
                    1
                    for folder in partials.glob(f"{sha}.*")
                    for name in os.listdir(folder)
                    if not name.startswith(".")
                )
                if partials.exists()
                else 0
            )
            if held >= chunks:
                return
            time.sleep(0.005)

    def network_trial(self) -> None:
        day = self.day(photo_bytes=5 * CHUNK + 321)
        upstream = ("127.0.0.1", self.process.port)
        with FaultyProxy(upstream, seed=self.rng.randrange(2**32)) as proxy:
            db = Database.open_with_key(self.path, bytes.fromhex(self.key))
            client = SyncClient(db, chunk_bytes=CHUNK, retries=6, backoff=0.01, pauses=(0.05,) * 12)
            client.transport.base_url = proxy.url
            try:
                client.sync()
            finally:
                client.close()
                db.close()
        self.count("network", day)

    # -- counting --------------------------------------------------------------------------

    def count(self, kind: str, day: Day) -> None:
        self.tally.trials += 1
        self.tally.by_kind[kind] = self.tally.by_kind.get(kind, 0) + 1
        self.check_ops(day.ops)
        blob = BlobFolder(self.process.blobs).path_of(day.sha)
        if not blob.exists() or hashlib.sha256(blob.read_bytes()).hexdigest() != day.sha:
            self.tally.lost.add(f"photo {day.sha}")
        db = Database.open_with_key(self.path, bytes.fromhex(self.key))
        try:
            with db.session() as s:
                for hid, address in day.others.items():
                    record = s.get(Household, hid)
                    if record is None or record.address != address:
                        self.tally.lost.add(f"household {hid} of the second laptop")
        finally:
            db.close()

    def check_ops(self, op_ids: list[str]) -> None:
        with self.database.read() as s:
            counts = dict(
                s.execute(
                    select(ChangeLog.op_id, func.count())
                    .where(ChangeLog.op_id.in_(op_ids))
                    .group_by(ChangeLog.op_id)
                ).all()
            )
        for op_id in op_ids:
            if counts.get(op_id, 0) == 0:
                self.tally.lost.add(f"op {op_id}")
            elif counts[op_id] > 1:
                self.tally.doubled.add(f"op {op_id}")

    def final_check(self) -> None:
        """Every op again (a late writer), and every record alike on laptop and server."""
        time.sleep(2.0)  # a writer outliving its worker has ended by now
        self.check_ops(self.all_ops)
        db = Database.open_with_key(self.path, bytes.fromhex(self.key))
        try:
            with db.session() as s:
                mine = _rows(s)
        finally:
            db.close()
        with self.database.read() as s:
            theirs = _rows(s)
        for key, values in mine.items():
            if theirs.get(key) != values:
                self.tally.lost.add(f"record {key}")


def _rows(session: Any) -> dict[tuple[str, str], dict[str, Any]]:
    """The laptop's synced records of alice's village, column by column."""
    found = {}
    for model in SYNCED_MODELS:
        table = model.__table__  # type: ignore[attr-defined]
        if "area_code" not in table.columns or model.entity in ("area", "user", "assignment"):
            continue
        for record in session.scalars(select(model).where(table.c.area_code == ALICE_VILLAGE)):
            found[(model.entity, record.id)] = {
                c.name: getattr(record, c.name) for c in table.columns if c.name != "updated_at"
            }
    return found


def run(url: str, folder: Path, kills: int, network: int, tally: Tally, seed_: int) -> None:
    rng = random.Random(seed_)
    one = Run(url, folder, rng, tally)
    try:
        one.day(photo_bytes=5 * CHUNK)
        one.sync_to_the_end()  # a first, whole sync: how long one takes
        trials = [kind for kind in KINDS for _ in range(kills)] + ["network"] * network
        rng.shuffle(trials)
        for n, kind in enumerate(trials, start=1):
            if kind == "network":
                one.network_trial()
            else:
                one.kill_trial(kind)
            print(
                f"{n}/{len(trials)} {kind}: lost {len(tally.lost)}, doubled {len(tally.doubled)}",
                file=sys.stderr,
                flush=True,
            )
        one.final_check()
    finally:
        one.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--kills", type=int, help="random kills of each kind per database")
    parser.add_argument("--seed", type=int, default=20261205)
    args = parser.parse_args()
    backends = ("sqlite",) if args.quick else ("sqlite", "postgresql")
    kills = args.kills or (1 if args.quick else 20)
    network = 1 if args.quick else 5
    tally = Tally()
    started = time.perf_counter()
    for backend in backends:
        folder = Path(tempfile.mkdtemp(prefix="fieldvisit-bench-faults-"))
        cluster = None
        try:
            if backend == "postgresql":
                why = PostgresCluster.available()
                if why:
                    print(f"PostgreSQL left out: {why}", file=sys.stderr)
                    continue
                cluster = PostgresCluster()
                cluster.start()
                url = cluster.new_database()
            else:
                url = f"sqlite:///{folder / 'server.db'}"
            run(url, folder, kills, network, tally, args.seed)
        finally:
            if cluster is not None:
                cluster.stop()
            shutil.rmtree(folder, ignore_errors=True)
    for what in sorted(tally.lost | tally.doubled):
        print(f"found: {what}", file=sys.stderr)
    report(
        "faults",
        {
            "trials": tally.trials,
            "lost": len(tally.lost),
            "doubled": len(tally.doubled),
            "seconds": time.perf_counter() - started,
            "interrupted": tally.interrupted,
            "databases": list(backends),
            **{f"trials_{kind}": n for kind, n in sorted(tally.by_kind.items())},
        },
    )


if __name__ == "__main__":
    main()
