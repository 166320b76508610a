"""The admin API through `sync/admin_client.py` over a real server: a member added for a
village pulls that village at the first sign-in and is re-scoped when moved; imports
answer counts and refused rows; exports come back as files; the audit log filters."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlalchemy import func, select

from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.registry import Household
from sync.admin_client import AdminClient, BadValue, FileProblem
from sync.client import first_login
from sync.transport import Refused
from tests.sync.laptops import sync
from tests.sync.servers import ALICE_VILLAGE, MOLLY_VILLAGE, PASSWORDS, ServerProcess

Server = tuple[ServerProcess, object]
IDS = [make_resident_id("330283", date(1960 + n, 3, 4), 10 + n) for n in range(3)]
HEADER = (
    "户编号,村社区代码,现居住地址,户主姓名,姓名,公民身份号码,与户主关系,"
    "残疾人证号,残疾类别,残疾等级\n"
)


def _roster(tmp_path: Path) -> Path:
    rows = [
        f"R1,{MOLLY_VILLAGE},锦山路1号,王堃,王堃,{IDS[0]},1,{make_certificate(IDS[0], 4, 3)},4,3",
        f"R2,{MOLLY_VILLAGE},锦山路2号,李娜,李娜,{IDS[1]},1,,,",
        f"R3,{MOLLY_VILLAGE},锦山路3号,赵六,赵六,{IDS[1][:-1]}X,1,,,",  # a bad ID: refused
    ]
    path = tmp_path / "名册.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _households(db: Database, village: str) -> int:
    with db.session() as s:
        query = select(func.count()).select_from(Household).where(Household.area_code == village)
        return int(s.scalar(query) or 0)


def test_a_member_added_for_a_village_pulls_it_and_follows_a_move(
    server: Server, tmp_path: Path
) -> None:
    process = server[0]
    ada = AdminClient.sign_in(process.url, "ada", PASSWORDS["ada"])
    try:
        answer = ada.import_roster(_roster(tmp_path))
        assert answer.imported and answer.counts["persons"] == 2
        assert [(r.line, r.reason) for r in answer.refused] == [(4, "invalid_id")]
        assert "身份证" in answer.refused[0].message and answer.lines[-1].startswith("已导入")

        added = ada.add_user(
            "nina", "member", "nina-pw", display_name="倪娜", areas=[MOLLY_VILLAGE]
        )
        assert added.areas == [MOLLY_VILLAGE] and added.active
        assert "nina" in {u.username for u in ada.users()}
        nina = first_login(process.url, "nina", "nina-pw", tmp_path / "nina.db", kdf=FAST_TEST_KDF)
        try:
            assert _households(nina, MOLLY_VILLAGE) == 2
            # moved to alice's village: the next sync brings it, and takes molly's away
            moved = ada.change_areas("nina", add=[ALICE_VILLAGE], remove=[MOLLY_VILLAGE])
            assert moved.areas == [ALICE_VILLAGE]
            assert sync(nina).status == "done"
            assert _households(nina, MOLLY_VILLAGE) == 0
        finally:
            nina.close()

        assert ada.set_role("nina", "reviewer").role == "reviewer"
        ada.reset_password("nina", "new-pw")
        AdminClient.sign_in(process.url, "nina", "new-pw").close()
        devices = ada.devices("nina")
        assert len(devices) >= 2 and all(d.username == "nina" for d in devices)

        # bad input: a Chinese message naming what is wrong, nothing sent
        with pytest.raises(BadValue, match="角色"):
            ada.add_user("x", "boss", "pw")
        with pytest.raises(Refused, match="用户已存在"):
            ada.add_user("nina", "member", "pw")
        with pytest.raises(Refused, match="找不到"):
            ada.set_active("nobody", False)
        with pytest.raises(FileProblem):
            ada.import_roster(tmp_path / "missing.xlsx")

        # the audit log: by user and action, by person, by time, a page at a time
        page = ada.audit(username="ada", action="user_add")
        assert page.total == 1 and page.rows[0].detail["username"] == "nina"
        assert page.rows[0].device_id and page.rows[0].address == "127.0.0.1"
        assert ada.audit(person="nina", limit=2).total >= 4
        assert len(ada.audit(person="nina", limit=2).rows) == 2
        assert ada.audit(since=datetime.now() + timedelta(days=1)).total == 0
        # a time given as a number is refused, not read as seconds since 1970 (the fuzz
        # test found "-2439" accepted); ISO 8601 text is what the API documents
        session = ada.transport.session
        for number in ("-2439", "1733385600", "1.5e9", " 7 "):
            reply = session.get(f"{process.url}/admin/audit", params={"since": number})
            assert reply.status_code == 400, (number, reply.text)
        assert session.get(f"{process.url}/admin/audit", params={"until": "2026-12-05T08:00:00"}).ok
        everything = ada.audit(username="ada", limit=1000)
        assert {"import_roster", "user_add", "assign", "role", "password"} <= {
            r.action for r in everything.rows
        }
    finally:
        ada.close()


def test_change_lists_and_exports_through_the_api(server: Server, tmp_path: Path) -> None:
    process = server[0]
    ada = AdminClient.sign_in(process.url, "ada", PASSWORDS["ada"])
    try:
        ada.import_roster(_roster(tmp_path))
        changes = tmp_path / "公安.csv"
        stranger = make_resident_id("330283", date(1990, 1, 1), 77)
        changes.write_text(
            f"身份证号,姓名,变动情况,变动日期\n{IDS[0]},王堃,死亡,2026-11-03\n{stranger},路人,死亡,2026-11-04\n",
            encoding="utf-8",
        )
        answer = ada.import_changes(changes, "2026-11", source="公安")
        assert answer.counts["tasks_new"] == 1 and answer.counts["refused"] == 1
        assert answer.refused[0].line == 3 and answer.refused[0].values["id_number"] == stranger

        names = {t.id: t for t in ada.templates()}
        assert "registry" in names and names["registry"].params == ["area"]
        out = ada.export("registry", tmp_path / "名册.xlsx", area=MOLLY_VILLAGE)
        sheet = load_workbook(out, read_only=True).worksheets[0]
        values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
        assert any("王堃" in str(v) for row in values for v in row)
        text = ada.export("registry", tmp_path / "名册.csv", area=MOLLY_VILLAGE).read_text(
            encoding="utf-8-sig"
        )
        rows = list(csv.reader(io.StringIO(text)))
        assert len(rows) == 3  # the header and the two persons
        with pytest.raises(Refused, match="找不到"):
            ada.export("no-such-template", tmp_path / "x.xlsx")
        with pytest.raises(FileProblem, match=r"\.xlsx"):
            ada.export("registry", tmp_path / "x.pdf")
        assert ada.audit(action="export").total == 2
        assert ada.audit(username="ada", action="import_changes").rows[0].detail["tasks_new"] == 1
    finally:
        ada.close()
