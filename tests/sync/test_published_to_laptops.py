"""Published forms and settings reach the laptops in their next sync, over a real socket: new
responses take the new version, a response started before keeps its own, both sync and are
reviewed; settings apply by area; a program too old for a definition says so and works on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain.certificate import make_certificate
from app.domain.identity import make_resident_id
from app.domain.settings import default_settings_path, load_settings
from app.forms.loader import get_form
from app.services import published as laptop_published
from app.services.registry import Registry
from app.services.responses import Responses
from app.store import syncing
from app.store.database import Database
from app.store.outbox import ReceivedDefinition
from app.store.work import FormResponse
from sync.server.db import ServerDatabase
from sync.server.tables import PublishedDefinition
from tests.services.test_responses import FORM_A, full_answers
from tests.sync.laptops import a_person, sync
from tests.sync.servers import ALICE_VILLAGE, BOB_VILLAGE, ServerProcess
from tests.sync.test_published_forms import cli, new_version
from tests.ui.test_today import focus_chain, show_today
from ui.session import AppSession

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]
CHANGED = ("label: 调查方式", "label: 走访方式")


@pytest.fixture(autouse=True)
def _built_in_only() -> Iterator[None]:
    """What one test's laptops received is not in use in the next test."""
    laptop_published.forget()
    yield
    laptop_published.forget()


def _received(db: Database) -> set[tuple[str, str, str]]:
    with db.session() as s:
        rows = s.scalars(select(ReceivedDefinition))
        return {(r.kind, r.form_id, r.version) for r in rows}


def _fill(db: Database, user: str, rid: str) -> None:
    member = Responses(db, user, "member")
    with db.session() as s:
        response = s.get(FormResponse, rid)
        assert response is not None
        answers = full_answers(dict(response.answers))
    member.save(rid, answers)
    member.complete(rid, confirm_warnings=True)


def _settings_for_town(folder: Path) -> Path:
    """The shipped settings with a higher 低保 line for alice's town (锦屏街道) in 2026."""
    text = default_settings_path().read_text(encoding="utf-8")
    text += '  - area: "330213001"\n    year: 2026\n    dibao_line_yuan: 1300\n'
    path = folder / "settings-2026-jinping.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_new_form_version_reaches_two_laptops_and_both_versions_are_reviewed(
    server: Server, laptops: Laptops, tmp_path: Path
) -> None:
    process, database = server
    alice, molly = laptops(process, "alice"), laptops(process, "molly")
    rita = laptops(process, "rita")
    hid, pid = a_person(alice, "南山路1号")
    before, _ = Responses(alice, "alice", "member").start(
        FORM_A, "2026", household_id=hid, person_id=pid
    )
    assert cli(database, "publish-form", str(new_version(tmp_path, "2026.2", replace=CHANGED))) == 0
    for laptop in (alice, molly):
        sync(laptop)
        assert ("form", "dynamic-update", "2026.2") in _received(laptop)
    new_form = get_form("dynamic-update", "2026.2")
    assert new_form.items["method"].label == "走访方式"
    assert get_form("dynamic-update", "2021.1").items["method"].label == "调查方式"
    # a response started after: the new version; the one started before keeps its own
    with alice.session() as s:
        started = s.get(FormResponse, before)
        assert started is not None and started.form_version == "2021.1"
    hid2, pid2 = _another_person(alice)
    after, _ = Responses(alice, "alice", "member").start(
        new_form, "2026", household_id=hid2, person_id=pid2
    )
    _fill(alice, "alice", before)
    _fill(alice, "alice", after)
    sync(alice)
    with database.read() as s:
        on_server = {
            r.id: (r.form_version, r.state)
            for r in s.scalars(select(FormResponse).where(FormResponse.id.in_([before, after])))
        }
    assert on_server == {before: ("2021.1", "submitted"), after: ("2026.2", "submitted")}
    sync(rita)
    reviewer = Responses(rita, "rita", "reviewer")
    for rid in (before, after):
        reviewer.accept(rid)
    sync(rita)
    with database.read() as s:
        states = set(
            s.scalars(select(FormResponse.state).where(FormResponse.id.in_([before, after])))
        )
    assert states == {"accepted"}


def _another_person(db: Database) -> tuple[str, str]:
    """A second household and certified person (another ID number) in alice's village."""
    registry = Registry(db, "alice")
    hid, _ = registry.add_household(
        {"area_code": ALICE_VILLAGE, "address": "南山路2号", "hukou_type": "1"}
    )
    id_number = make_resident_id("330283", date(1986, 7, 2), 41)
    pid, _ = registry.add_person(
        hid,
        {
            "name": "李娜",
            "id_number": id_number,
            "category": "4",
            "grade": "3",
            "marital": "2",
            "cert_number": make_certificate(id_number, 4, 3),
        },
    )
    return hid, pid


def test_settings_published_for_a_town_change_what_its_laptops_use(
    server: Server, laptops: Laptops, tmp_path: Path
) -> None:
    process, database = server
    alice, bob = laptops(process, "alice"), laptops(process, "bob")
    shipped = load_settings()
    assert shipped.for_area(2026, ALICE_VILLAGE).dibao_line_fen == 123000
    assert cli(database, "publish-settings", str(_settings_for_town(tmp_path))) == 0
    sync(bob)
    sync(alice)
    # every laptop receives the district's settings; they apply by area
    assert ("settings", "", "2") in _received(alice) and ("settings", "", "2") in _received(bob)
    in_effect = load_settings()
    assert in_effect.for_area(2026, ALICE_VILLAGE).dibao_line_fen == 130000
    assert in_effect.for_area(2026, BOB_VILLAGE).dibao_line_fen == 123000
    # the program opened again later: the settings received are in effect from the start
    laptop_published.forget()
    assert load_settings().for_area(2026, ALICE_VILLAGE).dibao_line_fen == 123000
    laptop_published.put_in_use(alice)
    assert load_settings().for_area(2026, ALICE_VILLAGE).dibao_line_fen == 130000


def test_a_program_too_old_for_a_definition_says_so_and_keeps_working(
    server: Server, laptops: Laptops, tmp_path: Path, qtbot: QtBot
) -> None:
    process, database = server
    alice = laptops(process, "alice")
    # a newer server's publication (this program's own loader would refuse to publish it)
    text = new_version(tmp_path, "2027.1").read_text(encoding="utf-8")
    text = text.replace("form: dynamic-update", "requires: 2\nform: dynamic-update", 1)
    with database.write() as s:
        s.add(
            PublishedDefinition(
                kind="form",
                form_id="dynamic-update",
                version="2027.1",
                requires=2,
                file_name="dynamic-update-2027.1.yaml",
                text=text,
                sha256="0" * 64,
                published_by="ada",
            )
        )
    receipt = sync(alice)
    said = " ".join((receipt.detail or {}).get("definitions", []))
    assert "dynamic-update 2027.1" in said and "本程序版本太旧" in said
    assert syncing.last_receipt(alice) is not None
    # it keeps working with what it has: a response of the version it knows starts and syncs
    hid, pid = a_person(alice, "南山路3号")
    rid, _ = Responses(alice, "alice", "member").start(
        FORM_A, "2026", household_id=hid, person_id=pid
    )
    _fill(alice, "alice", rid)
    sync(alice)
    with database.read() as s:
        assert s.get(FormResponse, rid) is not None
    # 今日 says it too, in one clear line Tab reaches and a screen reader names
    page = show_today(qtbot, AppSession(alice, "alice"))
    line = page.too_old
    assert line.isVisible() and "dynamic-update 2027.1" in line.text()
    assert "本程序版本太旧" in line.text() and "照常使用已有的表单" in line.text()
    found = QAccessible.queryAccessibleInterface(line)
    assert found is not None and found.text(QAccessible.Text.Name) == "程序需要更新"
    assert "dynamic-update 2027.1" in found.text(QAccessible.Text.Description)
    reached = focus_chain(qtbot, page, page.buttons[0])
    assert line in reached, reached
    # the program opened again later: said from the start, before any sync
    laptop_published.forget()
    laptop_published._unusable.clear()
    laptop_published.put_in_use(alice)
    again = show_today(qtbot, AppSession(alice, "alice"))
    assert again.too_old.isVisible() and again.too_old.text() == line.text()
