"""The monthly round's exports from the server CLI, read back: the feedback sheet per agency,
the subsidy stop and start lists, the month's registry changes, the tasks per village."""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.certificate import make_certificate
from app.exports.fields import ExportParams
from app.exports.monthly_sources import progress_rows
from app.store.registry import Person
from app.store.work import ChangeNotice
from sync.server import admin, bulk, ledger
from sync.server.__main__ import main
from sync.server.changes import import_changes
from sync.server.db import ServerDatabase
from sync.server.tables import Audit
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, PostgresCluster
from tests.sync.test_change_import import ALIVE, HEADER, MIXED, MONTH, _registered, write

AUTHOR = ledger.Author("rita")


def _ids(s: Session) -> dict[str, str]:
    return {n: i for i, n in s.execute(select(Person.id, Person.id_number))}


def _task(s: Session, person: str) -> ChangeNotice:
    return s.scalars(select(ChangeNotice).where(ChangeNotice.person_id == person)).one()


def _month_of_work(database: ServerDatabase, folder: Path) -> None:
    """A month as the district sees it at its end: lists in, outcomes, consequences."""
    import_changes(database, write(folder / "police.csv", MIXED), month=MONTH, source="公安")
    civil = [HEADER, [ALIVE[2], "张伟", "纳入低保", "2026-12-02", ""]]
    import_changes(database, write(folder / "civil.csv", civil), month=MONTH, source="民政")
    with database.write() as s:
        ledger.lock(s)
        ids = _ids(s)
        dead, moved, disputed, returned = (ids[ALIVE[k]] for k in (0, 2, 1, 4))
        outcome = {"method": "home", "checked_on": date(2026, 12, 5), "checked_by": "alice"}
        ledger.write_change(
            s,
            "change_notice",
            _task(s, dead).id,
            {"state": "accepted", "outcome": "confirmed", **outcome}
            | {"consequences": [{"action": "cancel"}, {"action": "stop_subsidy"}]},
            author=AUTHOR,
        )
        ledger.write_change(
            s,
            "change_notice",
            _task(s, moved).id,
            {"state": "accepted", "outcome": "corrected", **outcome}
            | {"consequences": [{"action": "move", "area_code": BOB_VILLAGE}]},
            author=AUTHOR,
        )
        ledger.write_change(
            s,
            "change_notice",
            _task(s, disputed).id,
            {"state": "submitted", "outcome": "disputed", "reason": "本人仍在村居住", **outcome},
            author=AUTHOR,
        )
        ledger.write_change(
            s, "change_notice", _task(s, returned).id, {"state": "returned"}, author=AUTHOR
        )
        ledger.write_change(
            s,
            "person",
            dead,
            {"status": "cancelled", "cancel_reason": "1", "status_date": date(2026, 12, 3)},
            author=AUTHOR,
        )
        dead_task = _task(s, dead).id
        subsidies = [
            {"person_id": dead, "kind": "living", "start_month": "2024-03", "end_month": MONTH}
            | {"amount_fen": 12_000, "status": "stopped", "end_reason": "death"}
            | {"task_id": dead_task},
            {"person_id": dead, "kind": "care", "start_month": "2024-03", "end_month": ""}
            | {"amount_fen": 9_050, "status": "active"},
            {"person_id": returned, "kind": "living", "start_month": "2027-01", "end_month": ""}
            | {"amount_fen": 12_000, "status": "active", "group": "低保家庭"}
            | {"decision_date": date(2026, 12, 20), "decision_number": "民残〔2026〕12号"},
        ]
        certificate = {
            "person_id": ids[ALIVE[3]],
            "cert_number": make_certificate(ALIVE[3], 4, 2),
            "category": "4",
            "grade": "2",
            "valid_from": date(2026, 12, 10),
        }
        cache = bulk.load_cache(s, ["person"])
        defaults = {"group": "", "end_reason": "", "decision_date": None, "decision_number": ""}
        rows = [defaults | {"steps": [], "task_id": ""} | r for r in subsidies]
        bulk.create_many(
            s, "subsidy", [r | {"id": str(uuid.uuid4())} for r in rows], author=AUTHOR, cache=cache
        )
        bulk.create_many(
            s,
            "certificate",
            [certificate | {"id": str(uuid.uuid4()), "valid_to": None, "note": ""}],
            author=AUTHOR,
            cache=cache,
        )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, ServerDatabase]]:
    """The month's work in a server database: SQLite, then PostgreSQL."""
    folder = tmp_path_factory.mktemp("monthly")
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
    else:
        url = f"sqlite:///{folder / 'server.db'}"
    database = ServerDatabase(url)
    admin.init(database)
    _registered(database, folder)
    _month_of_work(database, folder)
    yield url, database
    database.dispose()


def export(url: str, name: str, out: Path, *options: str) -> list[list[Any]]:
    assert main(["--db", url, "export", name, "--month", MONTH, *options, "--out", str(out)]) == 0
    if out.suffix == ".xlsx":
        sheet = load_workbook(out, read_only=True).worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    with out.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def by_header(rows: list[list[Any]]) -> list[dict[str, Any]]:
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_feedback_sheet_per_agency(server: tuple[str, ServerDatabase], tmp_path: Path) -> None:
    url, database = server
    police = by_header(export(url, "monthly-feedback-police", tmp_path / "police.csv"))
    got = sorted((r["公民身份号码"], r["变动类型"], r["核实结果"], r["核对状态"]) for r in police)
    assert got == sorted(
        [
            (ALIVE[0], "死亡", "属实", "已通过"),
            (ALIVE[0], "退出低保", "属实", "已通过"),
            (ALIVE[1], "户口迁出", "不属实", "待审核"),
            (ALIVE[4], "纳入低保", "", "已退回"),
        ]
    )
    death = next(r for r in police if r["变动类型"] == "死亡")
    checked = (death["核实方式"], death["核实日期"], death["核实人"])
    assert checked == ("入户", "2026-12-05", "alice")
    assert death["变动日期"] == "2026-12-03" and death["来源备注"] == "派出所"
    disputed = next(r for r in police if r["核实结果"] == "不属实")
    assert disputed["核实说明"] == "本人仍在村居住"
    civil = by_header(export(url, "monthly-feedback-civil", tmp_path / "civil.xlsx"))
    assert [(r["公民身份号码"], r["核实结果"]) for r in civil] == [(ALIVE[2], "已更正")]
    assert export(url, "monthly-feedback-health", tmp_path / "health.csv")[1:] == []
    with database.read() as s:
        audit = s.scalars(select(Audit).order_by(Audit.id.desc()).limit(1)).one()
    assert audit.detail["template"] == "monthly-feedback-health"
    assert audit.detail["month"] == MONTH


def test_stop_and_start_lists(server: tuple[str, ServerDatabase], tmp_path: Path) -> None:
    url, _ = server
    stops = by_header(export(url, "subsidy-stops", tmp_path / "stops.xlsx"))
    assert len(stops) == 1
    stop = stops[0]
    assert (stop["公民身份号码"], stop["补贴类型"], stop["停发原因"]) == (
        ALIVE[0],
        "困难残疾人生活补贴",
        "死亡",
    )
    assert (stop["末次发放月份"], stop["停发月份"]) == (MONTH, "2027-01")
    assert stop["月发放金额（元）"] == 120  # a number in the sheet, 120.00 yuan
    assert "死亡" in stop["原因说明"] and "核对" in stop["原因说明"]
    starts = by_header(export(url, "subsidy-starts", tmp_path / "starts.csv"))
    assert [(r["公民身份号码"], r["起始月份"], r["月发放金额（元）"]) for r in starts] == [
        (ALIVE[4], "2027-01", "120.00")
    ]
    assert starts[0]["审定文号"] == "民残〔2026〕12号" and starts[0]["原因"] == "低保家庭"
    assert export(url, "subsidy-stops", tmp_path / "nov.csv", "--area", BOB_VILLAGE)[1:] == []


def test_registry_changes_of_the_month(server: tuple[str, ServerDatabase], tmp_path: Path) -> None:
    url, _ = server
    changes = by_header(export(url, "registry-changes", tmp_path / "changes.csv"))
    got = sorted((r["姓名"], r["变动"], r["变动日期"]) for r in changes)
    assert got == [
        ("刘洋", "新办证", "2026-12-10"),
        ("张伟", "迁移", "2026-12-05"),
        ("王堃", "注销", "2026-12-03"),
    ]
    assert all(ALIVE[0] not in str(v) for r in changes for v in r.values())  # masked
    death = next(r for r in changes if r["变动"] == "注销")
    assert death["说明"] == "死亡"


def test_tasks_per_village_done_overdue_returned(
    server: tuple[str, ServerDatabase], tmp_path: Path
) -> None:
    url, database = server
    rows = by_header(export(url, "task-progress", tmp_path / "progress.csv"))
    assert [(r["核对月份"], r["任务数"], r["已完成"], r["待审核"], r["已退回"]) for r in rows] == [
        (MONTH, "3", "2", "1", "0"),
        (MONTH, "1", "0", "0", "1"),
    ]
    assert rows[0]["完成率"] == "67%"
    with database.read() as s:  # after the due date the open and returned ones are overdue
        late = progress_rows(s, ExportParams(month=MONTH, as_of=date(2027, 1, 5)))
    assert [(r["area.code"], r["progress.overdue"]) for r in late] == [
        (ALICE_VILLAGE, 0),
        (BOB_VILLAGE, 1),
    ]


def test_a_bad_month_is_refused_in_chinese(
    server: tuple[str, ServerDatabase], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = server
    out = tmp_path / "x.csv"
    args = ["--db", url, "export", "subsidy-stops", "--month", "2026-13", "--out", str(out)]
    assert main(args) == 2
    assert "月份应写作" in capsys.readouterr().err and not out.exists()
