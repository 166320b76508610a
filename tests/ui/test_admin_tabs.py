"""The 发布 and 抽样 tabs of 管理 against a real server process: the published forms and settings
listed and a new version published (a broken one refused with the loader's words); the
income sample drawn from a seed shown and kept, one household added and removed with its
reason, refusals said in Chinese; offline, both say so and send nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store import syncing
from app.store.database import Database
from sync.server.db import ServerDatabase
from sync.server.tables import Audit
from tests.sync.servers import ServerProcess, free_port
from tests.sync.test_income_sample import head, registered
from tests.sync.test_published_forms import new_version
from tests.ui.test_admin_pages import WAIT_MS
from ui.pages.admin import AdminPage
from ui.session import AppSession

Server = tuple[ServerProcess, ServerDatabase]
CJK = re.compile(r"[\u4e00-\u9fff]")


def admin_page(qtbot: QtBot, db: Database) -> AdminPage:
    page = AdminPage(AppSession(db, "ada"))
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def audits(database: ServerDatabase, action: str) -> list[Audit]:
    with database.read() as s:
        return list(s.scalars(select(Audit).where(Audit.action == action).order_by(Audit.id)))


def test_the_published_tab_lists_the_versions_and_publishes_a_new_one(
    qtbot: QtBot, running: Server, ada: Database, tmp_path: Path
) -> None:
    page = admin_page(qtbot, ada)
    page.show_tab(page.published)
    tab = page.published
    qtbot.waitUntil(lambda: bool(tab.publications) and not tab.link.busy, timeout=WAIT_MS)
    builtin = {(p.kind, p.form_id) for p in tab.publications}
    assert ("settings", "") in builtin and len(builtin) >= 3
    settings_row = next(r for r in range(tab.model.rowCount())
                        if tab.model.index(r, 0).data() == "设置")  # fmt: skip
    assert "2026" in tab.model.index(settings_row, 3).data()  # the years it holds
    assert tab.model.index(settings_row, 6).data() == "（程序内置）"
    assert tab.model.index(settings_row, 5).data()  # when it was published

    # a broken file: refused with the loader's message naming file, item and fault
    broken = new_version(
        tmp_path, "2026.4", replace=("        type: single\n", "        type: ranking\n")
    )
    tab.publishing.publish(broken)
    qtbot.waitUntil(lambda: "未发布" in tab.link.message.text(), timeout=WAIT_MS)
    said = tab.link.message.text()
    assert broken.name in said and "题目 method" in said and "未知的题型：ranking" in said
    assert all(p.version != "2026.4" for p in tab.publications)

    # a good one: published by ada, at the top of the list, said on the tab
    good = new_version(tmp_path, "2026.4", replace=("label: 调查方式", "label: 走访方式"))
    tab.publishing.publish(good)
    qtbot.waitUntil(
        lambda: any(p.version == "2026.4" for p in tab.publications) and not tab.link.busy,
        timeout=WAIT_MS,
    )
    newest = tab.publications[0]
    assert (newest.form_id, newest.version, newest.published_by) == (
        "dynamic-update",
        "2026.4",
        "ada",
    )
    assert (
        tab.model.index(0, 1).data() == "dynamic-update" and tab.model.index(0, 6).data() == "ada"
    )
    assert "已发布表单 dynamic-update 版本 2026.4" in tab.link.message.text()
    by_ada = [a.detail["version"] for a in audits(running[1], "publish_form") if a.username]
    assert by_ada == ["2026.4"]


def test_the_sample_tab_draws_from_a_seed_and_changes_one_household_with_a_reason(
    qtbot: QtBot, running: Server, ada: Database, tmp_path: Path
) -> None:
    _process, database = running
    households = registered(database, tmp_path)
    page = admin_page(qtbot, ada)
    page.show_tab(page.sample)
    tab = page.sample
    qtbot.waitUntil(lambda: not tab.link.busy and "样本共 0 户" in tab.link.message.text(),
                    timeout=WAIT_MS)  # fmt: skip
    assert tab.chosen_year() == 2026
    assert tab.scope.currentText().startswith("全区")

    # a draw of the district, 6 households from seed 11: asked first, the seed kept
    tab.draw_size.setText("6")
    tab.seed.setText("11")
    tab.draw_button.click()
    assert tab.confirm_box is not None and "种子 11" in tab.confirm_box.text()
    tab.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: "种子 11" in tab.link.message.text() and not tab.link.busy,
                    timeout=WAIT_MS)  # fmt: skip
    first = {h.household_id for h in tab.households}
    assert len(first) == 6 and first <= set(households)
    assert tab.towns_model.rowCount() == 2  # the two towns of the three villages
    assert sum(int(tab.towns_model.index(r, 1).data()) for r in range(2)) == 6
    assert "随机抽取（种子 11）" in tab.towns_model.index(0, 2).data()
    draws = audits(database, "income_sample_draw")
    assert [(d.username, d.detail["seed"]) for d in draws] == [("ada", 11)]

    # drawn again from the same seed: the same households (the replacement is asked)
    tab.draw_button.click()
    assert tab.confirm_box is not None and "6 户样本将被替换" in tab.confirm_box.text()
    tab.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: len(audits(database, "income_sample_draw")) == 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not tab.link.busy, timeout=WAIT_MS)
    assert {h.household_id for h in tab.households} == first

    # without a seed: the server chooses one, shown in the field and the message
    tab.seed.clear()
    tab.draw_button.click()
    assert tab.confirm_box is not None
    tab.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: len(audits(database, "income_sample_draw")) == 3, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not tab.link.busy and tab.seed.text() != "", timeout=WAIT_MS)
    kept = audits(database, "income_sample_draw")[-1].detail["seed"]
    assert tab.seed.text() == str(kept) and f"种子 {kept}" in tab.link.message.text()

    # no: nothing is sent
    tab.draw_button.click()
    assert tab.confirm_box is not None
    tab.confirm_box.button(QMessageBox.StandardButton.No).click()
    assert not tab.link.busy and len(audits(database, "income_sample_draw")) == 3

    # one household out, with its reason; the reason is required first
    out = tab.households[0]
    tab.table.selectRow(0)
    assert tab.household.text() == out.household_id
    tab.remove_button.click()
    assert not tab.link.busy and "原因" in tab.link.message.text()
    tab.reason.setText("全家外出务工，联系不上")
    tab.remove_button.click()
    qtbot.waitUntil(lambda: not tab.link.busy and "移出样本" in tab.link.message.text(),
                    timeout=WAIT_MS)  # fmt: skip
    assert out.household_id not in {h.household_id for h in tab.households}
    removed = audits(database, "income_sample_remove")
    assert [(a.username, a.detail["reason"]) for a in removed] == [
        ("ada", "全家外出务工，联系不上")
    ]

    # and back in, by the head's ID number, with the reason shown in the list
    key = next(head(v, n) for v in range(3) for n in range(4)
               if households_by_head(database).get(head(v, n)) == out.household_id)  # fmt: skip
    tab.household.setText(key)
    tab.reason.setText("恢复监测")
    tab.add_button.click()
    qtbot.waitUntil(lambda: not tab.link.busy and "加入样本" in tab.link.message.text(),
                    timeout=WAIT_MS)  # fmt: skip
    back = next(h for h in tab.households if h.household_id == out.household_id)
    assert back.reason == "恢复监测" and back.chosen == "added"
    assert audits(database, "income_sample_add")[0].detail["reason"] == "恢复监测"

    # refusals in Chinese: added twice; a household the server does not know; a bad seed
    tab.household.setText(key)
    tab.reason.setText("再加一次")
    tab.add_button.click()
    qtbot.waitUntil(lambda: not tab.link.busy and "已在 2026 年样本中" in tab.link.message.text(),
                    timeout=WAIT_MS)  # fmt: skip
    tab.household.setText("H404")
    tab.add_button.click()
    qtbot.waitUntil(lambda: not tab.link.busy and "找不到" in tab.link.message.text(),
                    timeout=WAIT_MS)  # fmt: skip
    tab.household.setText("张三")
    tab.add_button.click()
    assert not tab.link.busy and "户的写法有误" in tab.link.message.text()
    tab.seed.setText("-3")
    tab.draw_button.click()
    assert tab.confirm_box is None and "种子应为" in tab.link.message.text()
    tab.draw_size.setText("几户")
    tab.draw_button.click()
    assert tab.confirm_box is None and "户数应为" in tab.link.message.text()


def households_by_head(database: ServerDatabase) -> dict[str, str]:
    from app.store.registry import Household

    with database.read() as s:
        return {n: h for h, n in s.execute(select(Household.id, Household.head_id_number))}


def test_a_town_drawn_alone_gets_its_share_of_the_settings_size(
    qtbot: QtBot, running: Server, ada: Database, tmp_path: Path
) -> None:
    """Without a size, a town's draw takes its part of the district's size, not the whole."""
    from sync.server import sample
    from sync.server.admin import AdminError

    _process, database = running
    households = registered(database, tmp_path)
    town = next(iter(households.values()))[:9]
    _seed, chosen = sample.draw(database, 2026, None, 5, area_prefix=town)
    with database.read() as s:
        from app.store.income_sample import eligible

        everyone = eligible(s)
    size = sample.sample_size(2026)
    assert len(chosen) == min(sample.share_of(everyone, size, town),
                              sum(1 for _h, a in everyone if a.startswith(town)))  # fmt: skip
    assert all(households[h].startswith(town) for h in chosen)
    # a share is never the whole district's size when other towns have households
    assert sample.share_of(everyone, 6, town) < 6
    with pytest.raises(AdminError, match="已有样本") as refused:
        sample.draw(database, 2026, None, 5, area_prefix=town)
    assert "--" not in str(refused.value).split("（命令行")[0]  # the program's words first


def test_offline_the_new_tabs_say_so_and_send_nothing(qtbot: QtBot, district: Database) -> None:
    page = admin_page(qtbot, district)
    for tab in (page.published, page.sample):
        page.show_tab(tab)
        page.activate()
        assert "尚未连接服务器" in tab.link.message.text()
        assert not tab.link.busy
    page.published.publish_button.click()
    assert not page.published.link.busy and "尚未连接服务器" in page.published.link.message.text()
    page.sample.draw_size.setText("6")
    page.sample.draw_button.click()
    assert page.sample.confirm_box is None and not page.sample.link.busy


def test_publishing_while_signed_out_or_unreachable_says_so(
    qtbot: QtBot, running: Server, ada: Database, tmp_path: Path
) -> None:
    page = admin_page(qtbot, ada)
    tab = page.published
    good = new_version(tmp_path, "2026.5", replace=("label: 调查方式", "label: 走访方式"))
    syncing.put_state(ada, {"server_url": f"http://127.0.0.1:{free_port()}"})
    tab.publishing.publish(good)
    qtbot.waitUntil(lambda: "离线" in tab.link.message.text(), timeout=WAIT_MS)
    syncing.put_state(ada, {"server_url": ""})
    tab.publishing.said = ""
    assert tab.publishing.publish(good) is None  # nothing sent
    assert "尚未连接服务器" in tab.publishing.said


def test_the_client_says_every_value_fault_in_chinese() -> None:
    """Each field of each request the admin client checks has a Chinese name, and each kind
    of fault a Chinese phrase (pydantic's own messages are English)."""
    from sync.admin_client import FIELDS, BadValue, _model
    from sync.admin_protocol import (
        ExportRequest,
        NewPassword,
        NewUser,
        SampleChange,
        SampleDraw,
        UserChange,
    )

    bad: dict[type[BaseModel], dict[str, object]] = {
        NewUser: {"username": "米娅", "role": "boss", "password": "", "display_name": "名" * 101,
                  "phone": "1" * 31, "areas": ["1"] * 201},
        UserChange: {"role": "boss"},
        NewPassword: {"password": ""},
        ExportRequest: {"survey_round": "x" * 21, "format": "pdf"},
        SampleDraw: {"area": "33", "size": 0, "seed": -1},
        SampleChange: {"household": "张三", "reason": ""},
    }  # fmt: skip
    for kind, values in bad.items():
        assert set(kind.model_fields) <= set(FIELDS), kind
        good = {"username": "mia", "role": "member", "password": "x", "area": "330213000000",
                "household": "H1", "add": True, "reason": "r"}  # fmt: skip
        for field, value in values.items():
            body = {k: v for k, v in good.items() if k in kind.model_fields}
            body[field] = value
            try:
                _model(kind, body)
            except BadValue as exc:
                said = str(exc)
                assert FIELDS[field] in said and not re.search(r"[A-Za-z]{4,}", said), said
            else:
                raise AssertionError(f"{kind.__name__}.{field}={value!r} was taken")


def test_every_action_the_server_audits_has_words_in_the_program() -> None:
    """The 日志 tab shows and filters actions in words: every action the server's code
    records (its `record(...)` calls, read from the source) has them."""
    import ast

    import sync.server
    from ui.pages.admin_audit import ACTIONS

    def texts(node: ast.AST) -> set[str]:
        return {c.value for c in ast.walk(node)
                if isinstance(c, ast.Constant) and isinstance(c.value, str)}  # fmt: skip

    recorded: set[str] = set()
    for path in Path(sync.server.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named: dict[str, set[str]] = {}  # action = "a" if ... else "b"; record(s, action)
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        named.setdefault(target.id, set()).update(texts(node.value))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "record"):  # fmt: skip
                continue
            owner = ast.unparse(node.func.value)
            place = 3 if owner == "audit" else 1  # audit.record(s, who, device, action, ...)
            arguments = [*node.args, *(k.value for k in node.keywords if k.arg == "action")]
            if len(node.args) > place:
                arguments = [node.args[place]]
            for part in arguments:
                recorded |= named.get(part.id, set()) if isinstance(part, ast.Name) else texts(part)
    found = {a for a in recorded if re.fullmatch(r"[a-z_]+", a)}
    assert {"login", "user_add", "revoke", "income_sample_add", "publish_form"} <= found
    assert found - set(ACTIONS) == set()
