"""Roster import through the admin command line: bad rows refused with their reasons, only them."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from sqlalchemy import func, select

from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.store.registry import Household, Person
from sync.server import admin
from sync.server.__main__ import main
from sync.server.db import ServerDatabase
from sync.server.tables import RecordIndex

V1, V2 = "330213001001", "330213001002"
ID1 = make_resident_id("330283", date(1960, 1, 1), 11)
ID2 = make_resident_id("330283", date(1962, 2, 2), 22)
ID3 = make_resident_id("330283", date(1964, 3, 3), 33)
BAD_ID = ID1[:-1] + ("0" if ID1[-1] != "0" else "1")
HEADER = [
    "户编号",
    "村社区代码",
    "现居住地址",
    "户主姓名",
    "姓名",
    "公民身份号码",
    "与户主关系",
    "残疾人证号",
    "残疾类别",
    "残疾等级",
]
ROWS = [
    ["R1", V1, "南山路1号", "王堃", "王堃", ID1, "1", make_certificate(ID1, 4, 3), "4", "3"],
    ["R1", V1, "南山路1号", "王堃", "王芳", ID2, "2", "", "", ""],
    ["R2", V1, "南山路2号", "李四", "李四", BAD_ID, "1", "", "", ""],
    ["R3", "330213999999", "南山路3号", "张三", "张三", ID3, "1", "", "", ""],
    ["R4", V2, "溪口路1号", "赵六", "赵六", ID3, "1", make_certificate(ID3, 4, 3), "4", "2"],
    ["R5", V2, "溪口路2号", "钱七", "钱七", ID1, "1", "", "", ""],
    ["R6", V2, "溪口路3号", "孙八", "孙八", ID3, "1", make_certificate(ID3, 1, 1), "1", "1"],
]
EXPECTED = [(4, "身份证号无效"), (5, "区划不存在"), (6, "残疾人证号不符"), (7, "重复")]


@pytest.fixture
def database(tmp_path: Path) -> ServerDatabase:
    database = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    admin.init(database)
    return database


def write_sheet(path: Path) -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([HEADER, *ROWS])
    else:
        book = Workbook()
        sheet = book.active
        for row in [HEADER, *ROWS]:
            sheet.append(row)
        book.save(path)
    return path


def counts(database: ServerDatabase) -> tuple[int, int, int]:
    with database.read() as s:
        return (
            int(s.scalar(select(func.count()).select_from(Household)) or 0),
            int(s.scalar(select(func.count()).select_from(Person)) or 0),
            int(
                s.scalar(
                    select(func.count())
                    .select_from(RecordIndex)
                    .where(RecordIndex.entity == "person")
                )
                or 0
            ),
        )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_bad_rows_are_refused_with_their_reasons_and_only_them(
    database: ServerDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    sheet = write_sheet(tmp_path / f"roster{suffix}")
    report = tmp_path / "refused.csv"
    url = str(database.url.render_as_string(hide_password=False))
    assert main(["--db", url, "import-roster", str(sheet), "--report", str(report)]) == 1
    out = capsys.readouterr().out.splitlines()
    refused = [
        (int(line[1 : line.index("行")]), line[line.index("（") + 1 : line.index("）")])
        for line in out
        if line.startswith("第")
    ]
    assert refused == EXPECTED
    assert "校验位不符" in out[0] and "330213999999" in out[1]
    assert "残疾等级" in out[2] and "与第2行重复" in out[3]
    assert out[-1] == "已导入：2 户，3 人；拒绝 4 行"
    assert counts(database) == (2, 3, 3)  # R1 (two persons) and R6, ledgered for the pull
    with report.open(encoding="utf-8-sig") as handle:
        assert [row[0] for row in csv.reader(handle)][1:] == ["4", "5", "6", "7"]
    # the same sheet again: every good row is now a duplicate, nothing is added
    assert main(["--db", url, "import-roster", str(sheet)]) == 1
    assert counts(database) == (2, 3, 3)


def test_strict_import_adds_nothing_when_a_row_is_bad(
    database: ServerDatabase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write_sheet(tmp_path / "roster.csv")
    url = str(database.url.render_as_string(hide_password=False))
    assert main(["--db", url, "import-roster", str(sheet), "--strict"]) == 1
    assert "未导入任何数据" in capsys.readouterr().out
    assert counts(database) == (0, 0, 0)


def test_responses_export_to_xlsx(database: ServerDatabase, tmp_path: Path) -> None:
    url = str(database.url.render_as_string(hide_password=False))
    target = tmp_path / "out.xlsx"
    assert main(["--db", url, "export-responses", str(target), "--round", "2026"]) == 0
    sheet = load_workbook(target).active
    assert sheet is not None and sheet.cell(1, 1).value == "行政区划代码"


def test_numbers_written_any_way_are_stored_in_one_form(
    database: ServerDatabase, tmp_path: Path
) -> None:
    """An imported sheet's spaces, full-width digits, lower-case x and invisible characters
    never reach the registry: IDs, certificates and phones are stored folded, and the same
    person written another way is a duplicate."""
    wide = "".join(chr(ord(c) + 0xFEE0) for c in ID2)
    wide_phone = "".join(chr(ord(c) + 0xFEE0) for c in "13912345679")
    with_x = make_resident_id("330283", date(1975, 3, 8), 4)
    assert with_x.endswith("X")
    cert = make_certificate(ID1, 4, 3)
    header = [*HEADER, "联系电话"]
    rows = [
        ["R1", V1, "南山路1号", "王堃", "王堃", f" {ID1[:6]}\u3000{ID1[6:14]} {ID1[14:]}\u200b",
         "1", f"{cert[:6]} {cert[6:]}", "4", "3", "139 1234\u20145678"],
        ["R1", V1, "南山路1号", "王堃", "王芳", wide, "2", "", "", "", ""],
        ["R2", V1, "南山路2号", "李四", "李四", with_x.lower(), "1", "", "", "", wide_phone],
        ["R3", V1, "南山路3号", "钱七", "钱七", f"{ID1[:9]} {ID1[9:]}", "1", "", "", "", ""],
    ]  # fmt: skip
    sheet = tmp_path / "roster.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    url = str(database.url.render_as_string(hide_password=False))
    assert main(["--db", url, "import-roster", str(sheet)]) == 1  # R3: ID1 again
    with database.read() as s:
        ids = set(s.scalars(select(Person.id_number)))
        certs = set(s.scalars(select(Person.cert_number)))
        phones = {h.head_name: h.phone for h in s.scalars(select(Household))}
    assert ids == {ID1, ID2, with_x}
    assert cert in certs
    assert phones == {"王堃": "13912345678", "李四": "13912345679"}
