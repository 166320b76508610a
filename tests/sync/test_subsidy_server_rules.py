"""The server's subsidy rules over a real socket: steps by role, history never rewritten."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select

from app.services.subsidies import Subsidies
from app.store import changes
from app.store.database import Database
from app.store.registry import Subsidy
from sync.server.db import ServerDatabase
from tests.sync.laptops import Wire, a_person, op, sync
from tests.sync.servers import ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]
DECIDED = date(2026, 11, 20)


def on_server(database: ServerDatabase, sid: str) -> dict[str, Any]:
    with database.read() as s:
        row = s.scalars(select(Subsidy).where(Subsidy.id == sid)).one()
        return {**changes.snapshot(row), "rev": row.rev}


def refused_reasons(db: Database) -> list[str]:
    return [r["reason"] for r in sync(db).detail["refused"]]


def test_the_steps_by_role_and_the_past_kept_on_the_server(
    server: Server, laptops: Laptops
) -> None:
    process, database = server
    alice, rita, ada = (laptops(process, name) for name in ("alice", "rita", "ada"))
    _hid, pid = a_person(alice, "南山路9号")  # grade 3, limbs: not in the care groups
    member = Subsidies(alice, "alice", "member", today=lambda: date(2026, 12, 1))
    sid, _ = member.open_application(pid, "care", "grade1")
    member.accept(sid, "材料齐全")
    assert sync(alice).refused == 0
    assert on_server(database, sid)["status"] == "pending"

    # a member's laptop past its own checks: 审核 is the town's
    with alice.transaction() as s:
        row = s.get(Subsidy, sid)
        assert row is not None
        steps = [*row.steps, {"step": "review", "by": "alice", "on": "2026-12-01", "note": ""}]
        changes.update(s, Subsidy, sid, {"steps": steps}, user="alice")
    [reason] = refused_reasons(alice)
    assert "专职委员不能办理“审核”" in reason
    assert len(on_server(database, sid)["steps"]) == 2

    sync(rita)
    Subsidies(rita, "rita", "reviewer", today=lambda: date(2026, 12, 1)).review(sid, "核实")
    assert sync(rita).refused == 0
    sync(ada)
    admin = Subsidies(ada, "ada", "admin", today=lambda: date(2026, 12, 1))
    admin.approve(sid, DECIDED, "奉残联〔2026〕45号")
    assert sync(ada).refused == 0
    running = on_server(database, sid)
    assert running["status"] == "active" and running["start_month"] == "2026-12"
    assert running["amount_fen"] > 0

    # nobody changes a running period's amount or start, not even the admin
    wire = Wire(process, "ada")
    [receipt] = wire.push(op("subsidy", sid, running["rev"], {"amount_fen": 1}))
    assert receipt["outcome"] == "refused" and "历史记录不能修改" in str(receipt["refusals"])

    sync(rita)
    Subsidies(rita, "rita", "reviewer").stop(pid, "care", "death", "2027-01")
    assert sync(rita).refused == 0
    closed = on_server(database, sid)
    assert (closed["status"], closed["end_month"], closed["end_reason"]) == (
        "stopped",
        "2027-01",
        "death",
    )
    for change in ({"end_month": "2027-05"}, {"amount_fen": 40_000}, {"status": "active"}):
        [receipt] = wire.push(op("subsidy", sid, closed["rev"], change))
        assert receipt["outcome"] == "refused" and "历史记录不能修改" in str(receipt["refusals"])
    [receipt] = Wire(process, "alice").push(op("subsidy", sid, closed["rev"], {}, kind="delete"))
    assert receipt["outcome"] == "refused"
    assert on_server(database, sid) == closed
