"""A member's end-of-day sync: 50 changes and 20 photos of 300 KB (goal under 3 s).

    python bench/sync_day.py            # on the 15,000-person demo district
    python bench/sync_day.py --quick    # on a 1,500-person one (smoke run)

The member signs in once (first sync of the village, not timed); then each run makes a
day's work on the laptop (50 registry changes, 20 photos of random, incompressible
300 KB, as a JPEG is) while the village's reviewer changes 20 records on the server,
and times `SyncClient.sync()`: photos up, changes sent, changes received, receipt.
`bare_upload_s`: the same photo bytes sent with plain HTTP PUTs in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import requests
from sqlalchemy import select

from app.demo.__main__ import DEMO_PASSWORD
from app.services.attachments import attach
from app.services.registry import Registry
from app.store.database import Database
from app.store.registry import Household
from bench.common import median, percentile, report
from bench.sync_common import demo_server_database, serving
from sync.client import SyncClient, first_login
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

RUNS = 5
CHANGES = 50
PHOTOS = 20
PHOTO_BYTES = 300 * 1024


def day_of_work(db: Database, member: str, households: list[str], run: int) -> None:
    registry = Registry(db, member)
    for n in range(CHANGES):
        registry.update_household(
            households[n % len(households)], {"phone": f"139{run:02d}{n:06d}"}
        )
    for n in range(PHOTOS):
        attach(
            db,
            member,
            owner_entity="household",
            owner_id=households[n % len(households)],
            data=os.urandom(PHOTO_BYTES),
            mime="image/jpeg",
        )


def reviewer_changes(base: str, reviewer: str, households: list[str], run: int) -> None:
    """The reviewer's laptop changes some of the same village's records meanwhile."""
    folder = Path(tempfile.mkdtemp(prefix="fieldvisit-bench-reviewer-"))
    try:
        db = first_login(base, reviewer, DEMO_PASSWORD, folder / "r.db")
        registry = Registry(db, reviewer)
        for n, hid in enumerate(households[:20]):
            registry.update_household(hid, {"address": f"复核地址{run}-{n}号"})
        client = SyncClient(db)
        client.sync()
        client.close()
        db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def bare_upload(base: str, member: str) -> float:
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    login = requests.post(
        base + "/login",
        headers=headers,
        timeout=30,
        json={"username": member, "password": DEMO_PASSWORD, "client_id": str(uuid.uuid4())},
    )
    headers["Authorization"] = f"Bearer {login.json()['token']}"
    photos = [os.urandom(PHOTO_BYTES) for _ in range(PHOTOS)]
    import hashlib

    started = time.perf_counter()
    with requests.Session() as session:
        for data in photos:
            sha = hashlib.sha256(data).hexdigest()
            session.put(f"{base}/blobs/{sha}", data=data, headers=headers, timeout=30)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--persons", type=int)
    args = parser.parse_args()
    persons = args.persons or (1_500 if args.quick else 15_000)
    with demo_server_database(persons) as (url, folder), serving(url, folder) as base:
        laptop = Path(tempfile.mkdtemp(prefix="fieldvisit-bench-member-"))
        try:
            db = first_login(base, "m001001", DEMO_PASSWORD, laptop / "member.db")
            with db.session() as s:
                households = list(
                    s.scalars(
                        select(Household.id)
                        .where(Household.area_code.startswith("330213001001"))
                        .order_by(Household.id)
                    )
                )
            timings, bare = [], []
            for run in range(RUNS + 1):  # the first run warms up
                day_of_work(db, "m001001", households, run)
                reviewer_changes(base, "town001", households, run)
                client = SyncClient(db)
                started = time.perf_counter()
                receipt = client.sync()
                timings.append(time.perf_counter() - started)
                client.close()
                assert receipt.status == "done" and receipt.blobs_sent == PHOTOS
                bare.append(bare_upload(base, "m001001"))
                print(
                    f"run {run}: {timings[-1]:.2f} s (sent {receipt.sent}, received "
                    f"{receipt.received})",
                    file=sys.stderr,
                )
            db.close()
        finally:
            shutil.rmtree(laptop, ignore_errors=True)
    report(
        "sync_day",
        {
            "persons": persons,
            "changes": CHANGES,
            "photos": PHOTOS,
            "day_sync_s": median(timings[1:]),
            "day_sync_p95_s": percentile(timings[1:], 95),
            "bare_upload_s": median(bare[1:]),
        },
    )


if __name__ == "__main__":
    main()
