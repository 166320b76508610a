"""The server's export commands over a real server database (the demo district, on SQLite and
PostgreSQL): every template listed, written, read back and audited; `export-responses` is the
Form A export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]
from sqlalchemy import select

from app.exports.templates import all_templates
from sync.server.__main__ import main
from sync.server.db import ServerDatabase
from sync.server.tables import Audit
from tests.exports.counts import active_persons
from tests.sync.conftest import demo_server_database

TOWN = "330213001"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, ServerDatabase]]:
    """A 300-person demo district in a server's database, built once: SQLite, then
    PostgreSQL."""
    yield from demo_server_database(request, tmp_path_factory, persons=300, seed=4)


def persons(database: ServerDatabase, prefix: str = "") -> int:
    with database.read() as s:
        return active_persons(s, prefix)


def test_list_names_every_template(
    server_db: tuple[str, ServerDatabase], capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = server_db
    assert main(["--db", url, "export", "--list"]) == 0
    listed = [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == sorted(all_templates())


@pytest.mark.parametrize("name", sorted(all_templates()))
def test_each_template_is_written_and_audited(
    server_db: tuple[str, ServerDatabase], tmp_path: Path, name: str
) -> None:
    url, database = server_db
    template = all_templates()[name]
    for out in (tmp_path / f"{name}.xlsx", tmp_path / f"{name}.csv"):
        args = ["--db", url, "export", name, "--round", "2026", "--out", str(out)]
        assert main(args) == 0
        if out.suffix == ".xlsx":
            sheet = load_workbook(out, read_only=True).worksheets[0]
            rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        else:
            with out.open(encoding="utf-8-sig", newline="") as stream:
                rows = list(csv.reader(stream))
        assert rows[0] == template.headers
        with database.read() as s:
            audit = s.scalars(select(Audit).order_by(Audit.id.desc()).limit(1)).one()
        assert audit.action == "export" and audit.username.startswith("cli")
        assert audit.detail["template"] == name
        assert audit.detail["rows"] == len(rows) - 1 and audit.detail["file"] == out.name
        if template.source.name in ("form_a", "registry"):
            assert len(rows) - 1 == persons(database)


def test_an_area_limits_the_rows(server_db: tuple[str, ServerDatabase], tmp_path: Path) -> None:
    url, database = server_db
    out = tmp_path / "town.csv"
    args = ["--db", url, "export", "registry", "--area", TOWN, "--out", str(out)]
    assert main(args) == 0
    with out.open(encoding="utf-8-sig", newline="") as stream:
        assert len(list(csv.reader(stream))) - 1 == persons(database, TOWN) > 0


def test_export_responses_is_the_form_a_export(
    server_db: tuple[str, ServerDatabase], tmp_path: Path
) -> None:
    url, _ = server_db
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    assert main(["--db", url, "export-responses", str(old.with_suffix(".xlsx")),
                 "--round", "2026"]) == 0  # fmt: skip
    assert main(["--db", url, "export-responses", str(old), "--round", "2026"]) == 0
    assert main(["--db", url, "export", "form-a-upper", "--round", "2026", "--out", str(new)]) == 0
    assert old.read_bytes() == new.read_bytes()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["export", "form-a-upper", "--out", "x.xlsx"], "调查年度"),
        (["export", "wishes", "--round", "2026", "--out", "x.xlsx"], "没有导出模板 wishes"),
        (["export", "registry", "--out", "x.ods"], ".xlsx 或 .csv"),
        (["export", "registry", "--area", "12345", "--out", "x.csv"], "区划代码无效"),
        (["export", "registry", "--area", "330213999", "--out", "x.csv"], "没有区划代码"),
        (["export", "registry"], "--out"),
    ],
)
def test_bad_commands_are_refused_in_words(
    server_db: tuple[str, ServerDatabase],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    words: str,
) -> None:
    url, _ = server_db
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    assert main(["--db", url, *args]) == 2
    assert words in capsys.readouterr().err
