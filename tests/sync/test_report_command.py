"""`python -m sync.server report ...` over a real server database: the PDF read back against
counts made here in SQL, the audit row, and a clear Chinese refusal of a bad area, round or
date that writes no file."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from sync.server.__main__ import main
from sync.server.db import ServerDatabase
from sync.server.tables import Audit
from tests.printing.pdf_tools import image_count, needs_poppler, pdf_text
from tests.printing.report_reading import form_a_by_town, table_rows
from tests.sync.conftest import demo_server_database

pytestmark = needs_poppler
ROOT = Path(__file__).resolve().parents[2]
DISTRICT = "330213"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, ServerDatabase]]:
    """A 600-person demo district in a server's database, built once: SQLite, then
    PostgreSQL."""
    yield from demo_server_database(request, tmp_path_factory, persons=600, seed=3)


def _run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sync.server", "--db", url, "report", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_weekly_report_from_the_command_line(
    server_db: tuple[str, ServerDatabase], tmp_path: Path
) -> None:
    url, database = server_db
    out = tmp_path / "周报.pdf"
    as_of = date.today().isoformat()
    done = _run(
        url, "weekly", "--area", DISTRICT, "--round", "2026", "--as-of", as_of, "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert f"到 {out}" in done.stderr
    pdf = out.read_bytes()
    with database.read() as s:
        expected = form_a_by_town(s, DISTRICT, "2026")
        audits = list(s.scalars(select(Audit).where(Audit.action == "report")))
    rows = table_rows(pdf_text(pdf), {*expected, "合计"}, cells=10)
    for town, (due, finished, accepted) in expected.items():
        assert rows[town][:3] == [str(due), str(finished), str(accepted)], town
    assert rows["合计"][1] == str(sum(v[1] for v in expected.values()))
    assert image_count(pdf) == 0
    assert [a.detail["kind"] for a in audits][-1:] == ["weekly"]
    assert audits[-1].detail["area"] == DISTRICT
    assert audits[-1].detail["as_of"] == as_of


def test_statistics_report_from_the_command_line(
    server_db: tuple[str, ServerDatabase], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, database = server_db
    out = tmp_path / "统计.pdf"
    status = main(["--db", url, "report", "statistics", "--area", DISTRICT, "--round", "2026",
                   "--out", str(out)])  # fmt: skip
    assert status == 0, capsys.readouterr().err
    with database.read() as s:
        expected = form_a_by_town(s, DISTRICT, "2026")
        audits = list(s.scalars(select(Audit).where(Audit.action == "report")))
    rows = table_rows(pdf_text(out.read_bytes()), {*expected, "合计"}, cells=8)
    for town, (due, _done, _accepted) in expected.items():
        assert rows[town][0] == str(due), town
    assert audits[-1].detail["kind"] == "statistics"
    assert audits[-1].detail["round"] == "2026"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["weekly", "--area", "3302", "--round", "2026"], "区域代码应为6、9或12位数字"),
        (["weekly", "--area", "330299", "--round", "2026"], "区划表中没有区域代码 330299"),
        (["weekly", "--area", DISTRICT, "--round", "26"], "调查轮次应为年份"),
        (["weekly", "--area", DISTRICT, "--round", "2019"], "调查轮次 2019 没有任何调查表"),
        (
            ["weekly", "--area", DISTRICT, "--round", "2026", "--as-of", "2026-13-01"],
            "统计截至日期应写作 年-月-日",
        ),
        (["statistics", "--area", DISTRICT, "--round", "2026Q3"], "年度统计按年"),
    ],
)
def test_a_bad_area_round_or_date_is_refused_in_chinese(
    server_db: tuple[str, ServerDatabase],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    url, database = server_db
    out = tmp_path / "x.pdf"
    with database.read() as s:
        before = len(list(s.scalars(select(Audit.id).where(Audit.action == "report"))))
    status = main(["--db", url, "report", *args, "--out", str(out)])
    said = capsys.readouterr().err
    assert status == 2
    assert said.startswith("错误：") and message in said
    assert not out.exists()
    with database.read() as s:
        assert len(list(s.scalars(select(Audit.id).where(Audit.action == "report")))) == before
