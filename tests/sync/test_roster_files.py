"""Rosters as other systems export them: header variants, labels, GBK and BOM, junk files.

Every sheet here is generated from fictitious persons (`make_resident_id`); junk files
go through the real command line in a subprocess, whose exit code and words are checked.
"""

from __future__ import annotations

import csv
import io
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]
from sqlalchemy import select

from app.domain.certificate import make_certificate
from app.domain.codes import load_code_lists
from app.domain.identity import make_resident_id
from app.store.registry import Household, Person
from sync.server import admin
from sync.server.__main__ import main
from sync.server.db import ServerDatabase
from sync.server.roster_sheet import (
    _ALIASES,
    COLUMN_NAMES,
    HEADERS,
    LABELLED,
    code_of,
    header_key,
    read_sheet,
)

V1, V2 = "330213001001", "330213001002"
ROOT = Path(__file__).resolve().parents[2]


def person_id(n: int) -> str:
    return make_resident_id("330283", date(1950 + n % 50, 1 + n % 12, 1 + n % 28), n % 999)


#: the certificate system's layout: full-width brackets, labels, no household number
CERT_HEADER = ["序号", "姓名", "公民身份号码", "残疾证号", "残疾类别", "残疾等级",
               "村（社区）代码", "户主身份证号码", "现居住地址", "联系电话"]  # fmt: skip


def cert_rows() -> list[list[str]]:
    """Two persons of one household (same head), one on their own; labels for codes."""
    a, b, c = person_id(1), person_id(2), person_id(3)
    return [
        ["1", "王堃", a, make_certificate(a, 4, 1), "肢体", "一级", V1, a, "南山路1号",
         "139 1234 5678"],
        ["2", "王芳", b, make_certificate(b, 1, 2), "视力残疾", "二级", V1, a, "南山路1号", ""],
        ["3", "李四", c, make_certificate(c, 7, 4), "多重", "四级", V2, c, "溪口路2号",
         "０５７４－８８８８１２３４"],
    ]  # fmt: skip


@pytest.fixture
def url(tmp_path: Path) -> str:
    database = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    admin.init(database)
    database.dispose()
    return f"sqlite:///{tmp_path / 'server.db'}"


@dataclass(frozen=True)
class Done:
    """What a run of the command gave: its exit code and what it printed."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(url: str, sheet: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`python -m sync.server import-roster` as the clerk runs it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "sync.server", "--db", url, "import-roster", str(sheet), *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def importer(capsys: pytest.CaptureFixture[str]) -> Callable[..., Done]:
    """The command in this process (quicker than a subprocess, for the sheets it reads)."""

    def run(url: str, sheet: Path, *extra: str) -> Done:
        code = main(["--db", url, "import-roster", str(sheet), *extra])
        captured = capsys.readouterr()
        return Done(code, captured.out, captured.err)

    return run


def write_csv(path: Path, rows: list[list[str]], encoding: str) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def stored(url: str) -> tuple[dict[str, tuple[str, str, str]], list[set[str]], dict[str, str]]:
    """{id: (name, category, grade)}, the households as sets of names, {head: phone}."""
    database = ServerDatabase(url)
    with database.read() as s:
        persons = list(s.scalars(select(Person)))
        homes: dict[str, set[str]] = {}
        for p in persons:
            homes.setdefault(p.household_id, set()).add(p.name)
        phones = {h.id: h.phone for h in s.scalars(select(Household))}
        by_name = {p.name: phones[p.household_id] for p in persons}
    database.dispose()
    people = {p.id_number: (p.name, p.category, p.grade) for p in persons}
    return people, sorted(homes.values(), key=len), by_name


def test_every_header_alias_is_known_and_means_one_column() -> None:
    for name, aliases in _ALIASES.items():
        for alias in aliases:
            assert HEADERS[header_key(alias)] == name, alias
    # the spellings of one column seen in exports, all one key
    for variant in (
        "村（社区）代码",
        "村(社区)代码",
        "村 （社区） 编码",
        "村社区代码",
        "村（社区）编码",
    ):
        assert HEADERS[header_key(variant)] == "area_code", variant
    for variant in ("身份证号", "身份证号码", "公民身份号码", "公民身份号", " 身份证号 "):
        assert HEADERS[header_key(variant)] == "id_number", variant
    for variant in ("残疾人证号", "残疾证号", "残疾人证号码", "残疾证号码"):
        assert HEADERS[header_key(variant)] == "cert_number", variant
    assert HEADERS[header_key("户主身份证号码")] == "head_id_number"


def test_every_label_of_the_code_lists_reads_as_its_code() -> None:
    lists = load_code_lists()
    for name, list_id in LABELLED.items():
        for item in lists[list_id]:
            assert code_of(name, item.label) == item.code
            assert code_of(name, item.code) == item.code
            assert code_of(name, item.label.removesuffix("残疾")) == item.code
    for short, code in zip(
        ["视力", "听力", "言语", "肢体", "智力", "精神", "多重"], "1234567", strict=True
    ):
        assert code_of("category", short) == code
    for grade, code in zip(["一级", "二级", "三级", "四级"], "1234", strict=True):
        assert code_of("grade", grade) == code
        assert code_of("grade", grade[0]) == code
        assert code_of("grade", f"{code}级") == code
    assert code_of("category", "八级残疾") is None
    assert code_of("grade", "五级") is None


@pytest.mark.parametrize(
    ("suffix", "encoding"),
    [(".csv", "gbk"), (".csv", "gb18030"), (".csv", "utf-8-sig"), (".csv", "utf-8"),
     (".csv", "utf-16"), (".xlsx", "")],
)  # fmt: skip
def test_a_certificate_system_export_imports_in_every_encoding(
    url: str, tmp_path: Path, importer: Callable[..., Done], suffix: str, encoding: str
) -> None:
    rows = [CERT_HEADER, *cert_rows()]
    if suffix == ".xlsx":
        sheet = write_xlsx(tmp_path / "持证名单.xlsx", rows)
    else:
        sheet = write_csv(tmp_path / "持证名单.csv", rows, encoding)
    done = importer(url, sheet)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    out = done.stdout.splitlines()
    assert out[-1] == "已导入：2 户，3 人；拒绝 0 行"
    assert any("按“户主身份证号”归户" in line for line in out)
    assert any("未识别的列（未导入）：序号" in line for line in out)
    if encoding.startswith("gb"):
        assert "文件编码：GBK" in out
    people, homes, phones = stored(url)
    assert people == {
        person_id(1): ("王堃", "4", "1"),
        person_id(2): ("王芳", "1", "2"),
        person_id(3): ("李四", "7", "4"),
    }
    assert homes == [{"李四"}, {"王堃", "王芳"}]
    assert phones["王堃"] == "13912345678" and phones["李四"] == "0574-88881234"


def test_without_household_number_nor_head_each_person_is_a_household(
    url: str, tmp_path: Path, importer: Callable[..., Done]
) -> None:
    """Two persons at one address of one village stay two households (the documented rule)."""
    a, b = person_id(11), person_id(12)
    rows = [
        ["姓名", "身份证号", "村(社区)编码", "家庭住址", "残疾类别", "残疾等级"],
        ["赵六", a, V1, "奉中村", "听力", "三级"],
        ["钱七", b, V1, "奉中村", "言语", "二级"],
    ]
    done = importer(url, write_csv(tmp_path / "r.csv", rows, "utf-8"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "每人单独成户" in done.stdout
    assert stored(url)[1] == [{"赵六"}, {"钱七"}]


def test_a_missing_column_is_named_once_in_chinese(
    url: str, tmp_path: Path, importer: Callable[..., Done]
) -> None:
    rows = [[h for h in CERT_HEADER if h != "村（社区）代码"]]
    rows += [[c for i, c in enumerate(r) if i != 6] for r in cert_rows()]
    done = importer(url, write_csv(tmp_path / "r.csv", rows, "gbk"))
    assert done.returncode == 2
    assert done.stderr.count("村（社区）代码") == 1
    assert "缺少必需的列：村（社区）代码" in done.stderr
    assert "第" not in done.stdout and "Traceback" not in done.stderr
    assert stored(url)[0] == {}


def test_row_reasons_are_chinese_and_name_the_column(
    url: str, tmp_path: Path, importer: Callable[..., Done]
) -> None:
    a, b, c, d = (person_id(n) for n in (21, 22, 23, 24))
    rows = [
        ["户号", "姓名", "身份证号码", "村（社区）代码", "残疾类别", "残疾等级", "手机号码"],
        ["H1", "", a, V1, "肢体", "一级", ""],
        ["H2", "周九", b, V1, "肢体残疾", "五级", ""],
        ["H3", "吴十", c, V1, "腿脚", "一级", ""],
        ["H4", "郑一", d, V1, "智力", "二级", "1391234"],
        ["H5", "冯二", person_id(25), V1, "", "", "13912345678"],
    ]
    done = importer(url, write_xlsx(tmp_path / "r.xlsx", rows))
    assert done.returncode == 1
    refused = [line for line in done.stdout.splitlines() if line.startswith("第")]
    assert len(refused) == 4
    assert "缺少必填项" in refused[0] and "姓名" in refused[0]
    assert "残疾等级“五级”" in refused[1] and "一级" in refused[1]
    assert "残疾类别“腿脚”" in refused[2] and "肢体残疾" in refused[2]
    assert "联系电话" in refused[3] and "1391234" in refused[3]
    # no internal field name reaches the clerk
    words = set(re.findall(r"[a-z_]{4,}", done.stdout + done.stderr))
    assert not words & (set(COLUMN_NAMES) | {"missing", "invalid", "none"}), words
    assert done.stdout.splitlines()[-1] == "已导入：1 户，1 人；拒绝 4 行"


def test_a_title_block_above_the_header_is_skipped(
    url: str, tmp_path: Path, importer: Callable[..., Done]
) -> None:
    rows = [
        ["奉化区持证残疾人名单（虚构示例）"],
        ["导出日期：2026-11-30"],
        CERT_HEADER,
        *cert_rows(),
    ]
    done = importer(url, write_xlsx(tmp_path / "r.xlsx", rows))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "已导入：2 户，3 人；拒绝 0 行"


def _junk(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    noise = random.Random(18).randbytes(4096)
    empty_book = Workbook()
    files = {
        "random bytes named .xlsx": (tmp_path / "a.xlsx", noise, "不是有效的 Excel 表格"),
        "empty .xlsx": (tmp_path / "b.xlsx", b"", "是空文件"),
        "binary .csv": (tmp_path / "c.csv", noise, "不是文本表格"),
        "empty .csv": (tmp_path / "d.csv", b"", "是空文件"),
        "old .xls named .xlsx": (tmp_path / "e.xlsx", b"\xd0\xcf\x11\xe0" + noise, "旧版 Excel"),
        "broken zip .xlsx": (tmp_path / "f.xlsx", b"PK\x03\x04" + noise, "不是有效的 Excel 表格"),
        "only a header": (
            tmp_path / "g.csv",
            ",".join(CERT_HEADER).encode("gbk"),
            "没有数据行",
        ),
        "blank lines only": (tmp_path / "h.csv", b",,,\r\n,,\r\n", "表格是空的"),
        "not a roster": (tmp_path / "i.csv", "甲,乙\n1,2\n".encode(), "缺少必需的列"),
    }
    out = {}
    for what, (path, data, said) in files.items():
        path.write_bytes(data)
        out[what] = (path, said)
    empty_book.save(tmp_path / "j.xlsx")
    out["an empty sheet"] = (tmp_path / "j.xlsx", "表格是空的")
    out["no such file"] = (tmp_path / "none.csv", "找不到文件")
    return out


#: the files of the issue, through the real command line; the others in this process
THROUGH_THE_CLI = ("random bytes named .xlsx", "empty .xlsx", "binary .csv", "an empty sheet")


def test_junk_files_end_in_a_clear_message_and_a_failing_exit(
    url: str, tmp_path: Path, importer: Callable[..., Done]
) -> None:
    for what, (path, said) in _junk(tmp_path).items():
        done = run_cli(url, path) if what in THROUGH_THE_CLI else importer(url, path)
        assert done.returncode == 2, (what, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, what
        assert done.stderr.startswith("错误："), (what, done.stderr)
        assert said in done.stderr, (what, done.stderr)
    assert stored(url)[0] == {}


def test_an_xlsx_named_csv_is_read_as_what_it_is(url: str, tmp_path: Path) -> None:
    real = write_xlsx(tmp_path / "r.xlsx", [CERT_HEADER, *cert_rows()])
    named = tmp_path / "r.csv"
    named.write_bytes(real.read_bytes())
    assert len(read_sheet(named).rows) == 3
