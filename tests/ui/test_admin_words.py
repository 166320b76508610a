"""The 管理 tables speak in names: after every kind of act that records an area, a household
or a device by its code or id (a user added with areas and moved, a laptop revoked, a
sample drawn and changed, settings published with a town of their own, a push, an export),
no visible cell of any 管理 table holds a uuid, a bare area code or a detail's key left as
the server's code; the ids stay in the cell's tooltip."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.services import published as laptop_published
from app.store.database import Database
from app.store.registry import Area
from sync.server import admin, sample
from sync.server.admin import Doer
from sync.server.export import run_export
from tests.sync.laptops import Wire, household, make_laptop, op, sync
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, MOLLY_VILLAGE
from tests.sync.test_income_sample import registered
from tests.sync.test_published_forms import cli
from tests.sync.test_published_to_laptops import _settings_for_town
from tests.ui.test_admin_pages import WAIT_MS
from tests.ui.test_admin_tabs import Server, admin_page
from ui.pages.admin_link import AdminLink

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
#: a piece of a cell between separators: a code of 6, 9 or 12 digits
PIECE = re.compile(r"[^、；：，,（）()\s]+")
AREA_CODE = re.compile(r"\d{6}|\d{9}|\d{12}")
#: a key of a detail left as the server's code ("ops：3")
KEY_OF_CODE = re.compile(r"(^|；)[A-Za-z_]+：")


@pytest.fixture(autouse=True)
def _built_in_only() -> Iterator[None]:
    """The settings the admin's laptop receives are not in use in the next test."""
    laptop_published.forget()
    yield
    laptop_published.forget()


def raw_ids(table: QTableView, areas: set[str]) -> list[str]:
    """The visible cells of `table` that show a uuid or an area's bare code."""
    model = table.model()
    found = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            if table.isColumnHidden(column):
                continue
            text = str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")
            codes = [
                p
                for p in PIECE.findall(text)
                if AREA_CODE.fullmatch(p) and p.ljust(12, "0") in areas
            ]
            if UUID.search(text) or codes:
                found.append(f"{table.accessibleName()} row {row} column {column}: {text}")
    return found


def test_no_admin_table_shows_a_uuid_or_a_bare_area_code(
    qtbot: QtBot, running: Server, ada: Database, tmp_path: Path
) -> None:
    process, database = running
    households = registered(database, tmp_path)
    ada_doer = Doer("ada", "", "127.0.0.1")
    admin.add_user(database, "mia", "member", "Pass-word-1", areas=[MOLLY_VILLAGE], doer=ada_doer)
    admin.assign(database, "mia", [BOB_VILLAGE], [MOLLY_VILLAGE], doer=ada_doer)
    make_laptop(process, tmp_path / "bob.db", "bob").close()
    admin.revoke(database, None, "bob", doer=ada_doer, reason="电脑丢失")
    _seed, chosen = sample.draw(database, 2026, 5, 11, doer=ada_doer)
    assert set(chosen) <= set(households)
    sample.change(database, 2026, chosen[0], "搬走", add=False, doer=ada_doer)
    assert cli(database, "publish-settings", str(_settings_for_town(tmp_path))) == 0
    Wire(process, "alice").push(
        op("household", str(uuid.uuid4()), 0, household(ALICE_VILLAGE, address="南山路1号"))
    )
    run_export(database, "registry", "", "", tmp_path / "registry.xlsx", doer=ada_doer)
    sync(ada)  # the admin's laptop holds the households the log names
    with ada.session() as s:
        areas = set(s.scalars(select(Area.code)))
    assert {ALICE_VILLAGE, MOLLY_VILLAGE, BOB_VILLAGE} <= areas

    page = admin_page(qtbot, ada)
    found: list[str] = []
    tables = 0
    for tab in page.tab_pages():
        page.show_tab(tab)
        link: AdminLink = getattr(tab, "link")  # noqa: B009 (every tab has one)
        qtbot.waitUntil(lambda: not link.busy, timeout=WAIT_MS)  # noqa: B023 (waited here)
        for table in tab.findChildren(QTableView):
            tables += 1
            found += raw_ids(table, areas)
    assert tables >= 6
    assert page.audit.model.rowCount() >= 8
    assert found == []

    # the names are there, the ids in the tooltip
    details = [page.audit.model.index(r, 3) for r in range(page.audit.model.rowCount())]
    texts = [d.data() for d in details]
    assert any("bob 的" in t for t in texts)  # the revoked laptop by owner, texts
    assert any("张" in t and "户" in t for t in texts), texts  # the sample by head
    assert any("修改：1" in t and "已接受：1" in t for t in texts), texts  # alice's push
    assert any("导出：持证残疾人名册" in t for t in texts), texts
    # every key of every detail in words, not the server's own (ops, template, ...)
    assert [t for t in texts if KEY_OF_CODE.search(t)] == []
    revoked = next(d for d in details if "电脑丢失" in d.data())
    assert UUID.search(revoked.data(Qt.ItemDataRole.ToolTipRole))
    page.show_tab(page.published)
    summaries = [
        page.published.model.index(r, 3).data() for r in range(page.published.model.rowCount())
    ]
    assert any("另有设置" in s and "锦屏街道" in s for s in summaries), summaries
