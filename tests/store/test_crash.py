"""A writer killed with SIGKILL at random moments never leaves a change without its outbox row."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.registry import Household
from tests.conftest import PASSWORD, VILLAGE

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 20


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_while_writing_keeps_changes_and_outbox_together(
    db: Database, db_path: Path
) -> None:
    key = db.key.hex()
    db.close()
    rng = random.Random(20261128)
    total_households = 0
    for trial in range(TRIALS):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.store.crash_writer", str(db_path), key, VILLAGE],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready", f"trial {trial}: writer did not start"
        time.sleep(rng.uniform(0.0, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)

        reopened = Database.open(db_path, PASSWORD)
        with reopened.session() as s:
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            households = {h.id: h for h in s.scalars(select(Household))}
            ops = list(s.scalars(select(OutboxOp).order_by(OutboxOp.seq)))
        reopened.close()

        ops_by_record: dict[str, list[OutboxOp]] = {}
        for op in ops:
            ops_by_record.setdefault(op.record_id, []).append(op)
        # no outbox row without its change, no change without its outbox row
        assert set(ops_by_record) == set(households), f"trial {trial}"
        for hid, household in households.items():
            record_ops = ops_by_record[hid]
            assert record_ops[0].fields["area_code"] == VILLAGE
            assert len(record_ops) in (2, 3), f"trial {trial}: half a transaction survived"
            last_address = next(
                op.fields["address"] for op in reversed(record_ops) if "address" in op.fields
            )
            assert household.address == last_address
            assert household.phone == record_ops[1].fields["phone"]
        assert len(households) >= total_households
        total_households = len(households)
    assert total_households > TRIALS  # the writer really wrote between the kills
