"""Monthly change lists into tasks: every refusal reason, the normalisations, idempotence,
nothing half imported, and tasks that reach only the member of the person's village."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]
from sqlalchemy import func, select

from app.domain.identity import make_resident_id
from app.store.database import Database
from app.store.registry import Person
from app.store.work import ChangeNotice
from sync.server import admin, ledger
from sync.server.__main__ import main
from sync.server.changes import import_changes
from sync.server.db import ServerDatabase
from sync.server.roster import import_roster
from sync.server.tables import Audit, RecordIndex
from tests.sync.laptops import sync
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, PostgresCluster, ServerProcess

MONTH = "2026-12"
ALIVE = [make_resident_id("330283", date(1950 + k, 1 + k, 1 + k), 10 + k) for k in range(6)]
CANCELLED = make_resident_id("330283", date(1949, 9, 9), 99)
STRANGER = make_resident_id("110101", date(1970, 7, 7), 77)
NAMES = ["王堃", "李娜", "张伟", "刘洋", "陈静", "杨帆"]


def _roster(folder: Path) -> Path:
    """Persons 0-3 in alice's village, 4-5 in bob's, one to cancel."""
    path = folder / "roster.csv"
    rows = [["村社区代码", "姓名", "身份证号"]]
    for k, (number, name) in enumerate(zip(ALIVE, NAMES, strict=True)):
        rows.append([ALICE_VILLAGE if k < 4 else BOB_VILLAGE, name, number])
    rows.append([ALICE_VILLAGE, "周末", CANCELLED])
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _registered(database: ServerDatabase, folder: Path) -> None:
    report = import_roster(database, _roster(folder))
    assert not report.refused, report.lines()
    with database.write() as s:
        ledger.lock(s)
        person = s.scalar(select(Person).where(Person.id_number == CANCELLED))
        assert person is not None
        ledger.write_change(
            s,
            "person",
            person.id,
            {"status": "cancelled", "cancel_reason": "1", "status_date": date(2026, 10, 2)},
            author=ledger.Author("import"),
        )


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ServerDatabase]:
    """A registry of seven persons in a server database: SQLite, then PostgreSQL."""
    url = f"sqlite:///{tmp_path / 'server.db'}"
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
    database = ServerDatabase(url)
    admin.init(database)
    _registered(database, tmp_path)
    yield database
    database.dispose()


def write(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    if path.suffix == ".xlsx":
        book = Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
    return path


HEADER = ["身份证号", "姓名", "变动情况", "变动日期", "备注"]
BAD_CHECK = ALIVE[0][:-1] + ("0" if ALIVE[0][-1] != "0" else "1")
MIXED = [
    HEADER,
    [ALIVE[0], "王堃", "死亡注销", "2026-12-03", "派出所"],  # 2
    [ALIVE[1], "李娜", "迁出", "2026/11/28", ""],  # 3
    [BAD_CHECK, "某某", "死亡", "2026-12-01", ""],  # 4 bad id
    [STRANGER, "路人", "死亡", "2026-12-01", ""],  # 5 unknown id
    [CANCELLED, "周末", "死亡", "2026-12-01", ""],  # 6 cancelled
    [ALIVE[0], "王堃", "死亡", "2026-12-03", ""],  # 7 duplicate of 2
    [ALIVE[2], "张伟", "升天", "2026-12-01", ""],  # 8 unknown kind
    [ALIVE[3], "刘洋", "死亡", "2026-13-40", ""],  # 9 bad date
    [ALIVE[3], "刘洋", "死亡", "2027-01-05", ""],  # 10 after the month
    [ALIVE[0], "王堃", "退出低保", "2026-12-01", ""],  # 11 a second row for person 0
    [ALIVE[4], "陈静", "新增低保", "20261202", ""],  # 12 bob's village
]
EXPECTED_REFUSED = [
    (4, "bad_id"),
    (5, "unknown_id"),
    (6, "not_in_district"),
    (7, "duplicate"),
    (8, "unknown_kind"),
    (9, "bad_date"),
    (10, "bad_date"),
]


def tasks(database: ServerDatabase) -> dict[str, ChangeNotice]:
    with database.read() as s:
        found = list(s.scalars(select(ChangeNotice)))
        numbers = {i: n for i, n in s.execute(select(Person.id, Person.id_number))}
        for task in found:
            s.expunge(task)
    return {numbers[t.person_id]: t for t in found}


def test_every_refusal_reason_and_one_task_per_person(
    database: ServerDatabase, tmp_path: Path
) -> None:
    path = write(tmp_path / "police.xlsx", MIXED)
    report = import_changes(database, path, month=MONTH, source="公安")
    assert [(r.line, r.reason) for r in report.refused] == EXPECTED_REFUSED
    assert report.tasks_new == 3 and report.rows_added == 4
    found = tasks(database)
    assert set(found) == {ALIVE[0], ALIVE[1], ALIVE[4]}
    first = found[ALIVE[0]]
    assert [r["kind"] for r in first.rows] == ["death", "dibao_out"]
    assert first.kind == "death" and first.source == "police" and first.state == "open"
    assert first.effective_date == date(2026, 12, 3) and first.due_date == date(2026, 12, 31)
    assert first.rows[0]["detail"] == "派出所"
    assert found[ALIVE[4]].rows[0]["event_date"] == "2026-12-02"
    with database.read() as s:  # each task is ledgered with the scope of its person's village
        query = select(RecordIndex.record_id, RecordIndex.area_code).where(
            RecordIndex.entity == "change_notice"
        )
        scopes = {i: a for i, a in s.execute(query)}
        audit = s.scalars(select(Audit).where(Audit.action == "import_changes")).one()
    assert scopes[first.id] == ALICE_VILLAGE and scopes[found[ALIVE[4]].id] == BOB_VILLAGE
    assert audit.detail["refused"] == len(EXPECTED_REFUSED) and audit.detail["tasks_new"] == 3


def test_the_same_list_twice_adds_nothing(database: ServerDatabase, tmp_path: Path) -> None:
    path = write(tmp_path / "police.csv", MIXED)
    import_changes(database, path, month=MONTH, source="公安")
    before = {k: (t.rev, t.rows) for k, t in tasks(database).items()}
    again = import_changes(database, path, month=MONTH, source="公安")
    assert again.tasks_new == 0 and again.tasks_grown == 0 and again.rows_added == 0
    assert again.rows_known == 4
    assert {k: (t.rev, t.rows) for k, t in tasks(database).items()} == before


def test_a_new_row_joins_the_month_task_and_a_submitted_task_opens_again(
    database: ServerDatabase, tmp_path: Path
) -> None:
    import_changes(database, write(tmp_path / "a.csv", MIXED[:3]), month=MONTH, source="police")
    task = tasks(database)[ALIVE[1]]
    with database.write() as s:
        ledger.lock(s)
        ledger.write_change(
            s,
            "change_notice",
            task.id,
            {"state": "submitted", "outcome": "confirmed", "method": "home"},
            author=ledger.Author("alice"),
        )
    health = [HEADER, [ALIVE[1], "李娜", "死亡", "2026-12-04", "死亡医学证明"]]
    report = import_changes(database, write(tmp_path / "b.csv", health), month=MONTH, source="卫健")
    assert report.tasks_new == 0 and report.tasks_grown == 1 and report.tasks_reopened == 1
    grown = tasks(database)[ALIVE[1]]
    assert grown.id == task.id and grown.state == "open" and grown.outcome == "confirmed"
    assert [(r["source"], r["kind"]) for r in grown.rows] == [
        ("police", "hukou_out"),
        ("health", "death"),
    ]
    assert grown.state_history[-1]["from"] == "submitted"


def test_an_accepted_task_stays_closed(database: ServerDatabase, tmp_path: Path) -> None:
    import_changes(database, write(tmp_path / "a.csv", MIXED[:2]), month=MONTH, source="公安")
    task = tasks(database)[ALIVE[0]]
    with database.write() as s:
        ledger.lock(s)
        ledger.write_change(
            s, "change_notice", task.id, {"state": "accepted"}, author=ledger.Author("rita")
        )
    accepted = tasks(database)[ALIVE[0]]
    later = [HEADER, [ALIVE[0], "王堃", "死亡", "2026-12-03", ""]]
    report = import_changes(database, write(tmp_path / "b.csv", later), month=MONTH, source="卫健")
    assert [(r.line, r.reason) for r in report.refused] == [(2, "closed")]
    assert "同一变动已核实" in report.refused[0].message
    after = tasks(database)[ALIVE[0]]
    assert (after.rev, after.state, after.rows) == (accepted.rev, "accepted", accepted.rows)


@pytest.mark.parametrize(
    "cell",
    [
        ALIVE[0].lower(),  # lowercase x (or digits: lower() changes nothing then)
        "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in ALIVE[0]),  # full-width
        f" {ALIVE[0][:6]} {ALIVE[0][6:14]}\u3000{ALIVE[0][14:]} ",  # spaces of every kind
        f"\t{ALIVE[0]}\u200b",
    ],
)
def test_id_normalisations(database: ServerDatabase, tmp_path: Path, cell: str) -> None:
    rows = [HEADER, [cell, "王堃", "死亡", "2026-12-03", ""]]
    report = import_changes(database, write(tmp_path / "x.csv", rows), month=MONTH, source="公安")
    assert not report.refused, report.lines()
    assert set(tasks(database)) == {ALIVE[0]}


def test_lowercase_x(database: ServerDatabase, tmp_path: Path) -> None:
    with_x = next(
        make_resident_id("330283", date(1960, 1, 1), k)
        for k in range(1, 999)
        if make_resident_id("330283", date(1960, 1, 1), k).endswith("X")
    )
    write(tmp_path / "r.csv", [["村社区代码", "姓名", "身份证号"], [ALICE_VILLAGE, "吴昊", with_x]])
    import_roster(database, tmp_path / "r.csv")
    rows = [HEADER, [with_x.lower(), "吴昊", "死亡", "2026-12-03", ""]]
    report = import_changes(database, write(tmp_path / "x.csv", rows), month=MONTH, source="公安")
    assert not report.refused and set(tasks(database)) == {with_x}


def test_excel_scientific_notation(database: ServerDatabase, tmp_path: Path) -> None:
    """An ID Excel stored as a number keeps 15 digits: matched by them and the name; a
    CSV that kept only Excel's display (6 digits) is refused saying what to do."""
    rows: list[list[object]] = [
        list(HEADER),
        [float(ALIVE[2]), "张伟", "死亡", "2026-12-03", ""],
        [float(ALIVE[3]), "别人", "死亡", "2026-12-03", ""],
        [f"{float(ALIVE[4]):.5E}", "陈静", "死亡", "2026-12-03", ""],
    ]
    report = import_changes(database, write(tmp_path / "s.xlsx", rows), month=MONTH, source="公安")
    assert [(r.line, r.reason) for r in report.refused] == [(3, "bad_id"), (4, "bad_id")]
    assert all("文本" in r.message for r in report.refused)
    assert any("匹配到" in n for n in report.notes)
    assert set(tasks(database)) == {ALIVE[2]}


def test_kinds_sources_and_dates_as_the_agencies_write_them(
    database: ServerDatabase, tmp_path: Path
) -> None:
    rows = [
        ["残疾人身份证号", "死者姓名", "死亡日期", "数据来源"],
        [ALIVE[0], "王堃", "2026年12月3日", "卫健委"],
        [ALIVE[1], "李娜", "46358", "派出所"],  # Excel's day number of 2026-12-02
        [ALIVE[2], "张伟", "2026.12.01", "民政局"],
        [ALIVE[3], "刘洋", "2026-12-01", "外星"],
    ]
    report = import_changes(database, write(tmp_path / "h.csv", rows), month=MONTH)
    assert [(r.line, r.reason) for r in report.refused] == [(5, "unknown_source")]
    found = tasks(database)
    assert {k: (t.kind, t.source, t.effective_date) for k, t in found.items()} == {
        ALIVE[0]: ("death", "health", date(2026, 12, 3)),
        ALIVE[1]: ("death", "police", date(2026, 12, 2)),
        ALIVE[2]: ("death", "civil", date(2026, 12, 1)),
    }


def test_cancelled_alone_needs_a_source_that_says_what(
    database: ServerDatabase, tmp_path: Path
) -> None:
    rows = [HEADER, [ALIVE[0], "王堃", "注销", "2026-12-03", ""]]
    path = write(tmp_path / "c.csv", rows)
    civil = import_changes(database, path, month=MONTH, source="民政")
    assert [r.reason for r in civil.refused] == ["unknown_kind"]
    assert "死亡注销" in civil.refused[0].message
    police = import_changes(database, path, month=MONTH, source="公安")
    assert not police.refused and tasks(database)[ALIVE[0]].kind == "death"


def _counts(database: ServerDatabase) -> tuple[int, int, int]:
    with database.read() as s:
        return (
            int(s.scalar(select(func.count()).select_from(ChangeNotice)) or 0),
            int(s.scalar(select(func.count()).select_from(RecordIndex)) or 0),
            int(s.scalar(select(func.count()).select_from(Audit)) or 0),
        )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("random.xlsx", bytes(range(256)) * 4, "不是有效的 Excel"),
        ("random.csv", b"\x00\x01\x02binary", "二进制"),
        ("empty.csv", b"", "空文件"),
        ("noid.csv", "姓名,变动情况\n王堃,死亡\n".encode(), "缺少必需的列：身份证号"),
        ("header.csv", "身份证号,姓名,变动情况\n".encode(), "只有表头"),
        ("old.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "旧版 Excel"),
    ],
)
def test_bad_files_change_nothing(
    database: ServerDatabase,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    message: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = _counts(database)
    url = database.url.render_as_string(hide_password=False)
    status = main(["--db", url, "import-changes", str(path), "--month", MONTH, "--source", "公安"])
    assert status == 2
    assert message in capsys.readouterr().err
    assert _counts(database) == before


def test_bad_options_change_nothing(
    database: ServerDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "ok.csv", MIXED[:2])
    url = database.url.render_as_string(hide_password=False)
    before = _counts(database)
    for options, message in (
        (["--month", "2026-13", "--source", "公安"], "月份应写作"),
        (["--month", MONTH, "--source", "火星局"], "来源“火星局”"),
    ):
        assert main(["--db", url, "import-changes", str(path), *options]) == 2
        assert message in capsys.readouterr().err
    assert _counts(database) == before


def test_strict_imports_nothing_and_the_report_lists_each_row(
    database: ServerDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path / "police.csv", MIXED)
    url = database.url.render_as_string(hide_password=False)
    report = tmp_path / "refused.csv"
    before = _counts(database)
    args = ["--db", url, "import-changes", str(path), "--month", MONTH, "--source", "公安"]
    assert main([*args, "--strict", "--report", str(report)]) == 1
    assert _counts(database)[0] == before[0] == 0
    assert "未导入任何数据" in capsys.readouterr().out
    assert report.read_bytes().startswith(b"\xef\xbb\xbf")
    with report.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][:4] == ["行", "原因", "说明", "身份证号"]
    assert [(int(r[0]), r[1]) for r in lines[1:]] == [
        (4, "身份证号有误"),
        (5, "未登记"),
        (6, "不在本区在册人员中"),
        (7, "重复"),
        (8, "变动类型不明"),
        (9, "日期有误"),
        (10, "日期有误"),
    ]
    assert lines[1][3] == BAD_CHECK and lines[1][4] == "某某"
    assert main([*args, "--report", str(report)]) == 1  # without --strict: the good rows go in
    assert _counts(database)[0] == 3


def test_tasks_reach_the_member_of_the_village_only(
    server: tuple[ServerProcess, ServerDatabase],
    laptops: Callable[..., Database],
    tmp_path: Path,
) -> None:
    process, database = server
    _registered(database, tmp_path)
    alice, bob = laptops(process, "alice"), laptops(process, "bob")
    sync(alice), sync(bob)
    import_changes(database, write(tmp_path / "m.csv", MIXED), month=MONTH, source="公安")
    sync(alice), sync(bob)
    with alice.session() as s:
        seen = {t.person_id: t for t in s.scalars(select(ChangeNotice))}
        numbers = {p.id: p.id_number for p in s.scalars(select(Person))}
        alice_tasks = {numbers[i]: [r["kind"] for r in t.rows] for i, t in seen.items()}
    with bob.session() as s:
        bob_tasks = {
            s.get_one(Person, t.person_id).id_number: t.state
            for t in s.scalars(select(ChangeNotice))
        }
    assert alice_tasks == {ALIVE[0]: ["death", "dibao_out"], ALIVE[1]: ["hukou_out"]}
    assert bob_tasks == {ALIVE[4]: "open"}


def test_the_roster_import_says_excel_lost_the_digits(
    database: ServerDatabase, tmp_path: Path
) -> None:
    """The same kind of fault in the roster: a new person is never guessed from 15 digits."""
    number = make_resident_id("330283", date(1966, 6, 6), 66)
    rows: list[list[object]] = [
        ["村社区代码", "姓名", "身份证号"],
        [ALICE_VILLAGE, "赵敏", float(number)],
    ]
    report = import_roster(database, write(tmp_path / "r.xlsx", rows))
    assert [(r.line, r.reason) for r in report.refused] == [(2, "invalid_id")]
    assert "Excel 存成了数字" in report.refused[0].message
    assert "文本" in report.refused[0].message
