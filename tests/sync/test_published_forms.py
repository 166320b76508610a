"""Forms and settings the server keeps: seeded from the built-in files, published by the admin
(checked by the program's loaders, refused with their message), accepted by the server's rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from app.domain.settings import default_settings_path, load_settings
from app.forms.loader import forms_folder, get_form, load_forms
from app.services import published as laptop_published
from app.services.conflicts import Conflicts
from app.services.responses import Responses
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.work import FormResponse
from sync.server import published
from sync.server.__main__ import main
from sync.server.db import ServerDatabase
from sync.server.tables import Audit
from tests.services.test_responses import FORM_A, full_answers
from tests.sync.laptops import Wire, a_person, sync
from tests.sync.servers import ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]
FORM_A_FILE = "dynamic-update-2021.1.yaml"


def new_version(folder: Path, version: str, *, replace: tuple[str, str] | None = None) -> Path:
    """Form A under another version, with one text replaced (an item changed or broken)."""
    text = (forms_folder() / FORM_A_FILE).read_text(encoding="utf-8")
    text = text.replace('version: "2021.1"', f'version: "{version}"', 1)
    if replace is not None:
        assert replace[0] in text
        text = text.replace(*replace, 1)
    path = folder / f"dynamic-update-{version}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def cli(database: ServerDatabase, *args: str) -> int:
    return main(["--db", database.url.render_as_string(hide_password=False), *args])


def test_init_seeds_the_built_in_forms_and_settings(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    _process, database = server
    with database.read() as s:
        rows = published.listing(s)
    forms = {(r.form_id, r.version) for r in rows if r.kind == published.FORM}
    assert forms == set(load_forms())
    [settings] = [r for r in rows if r.kind == published.SETTINGS]
    assert settings.text == default_settings_path().read_text(encoding="utf-8")
    assert cli(database, "forms", "list") == 0
    listed = capsys.readouterr().out
    assert "dynamic-update\t2021.1\tdynamic-update-2021.1.yaml" in listed
    assert "设置\t1\tsettings.yaml" in listed


@pytest.mark.parametrize(
    ("replace", "item", "fault"),
    [
        (("        type: single\n", "        type: ranking\n"), "method", "未知的题型：ranking"),
        (("title: 残疾人", "requires: x\ntitle: 残疾人"), None, "requires 必须是正整数"),
        (("subject: person", "subject: [person"), None, "YAML 格式错误"),
    ],
)
def test_a_broken_definition_is_refused_naming_file_item_and_fault(
    server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    replace: tuple[str, str],
    item: str | None,
    fault: str,
) -> None:
    _process, database = server
    path = new_version(tmp_path, "2026.9", replace=replace)
    assert cli(database, "publish-form", str(path)) == 2
    said = capsys.readouterr().err
    assert path.name in said
    assert fault in said
    if item is not None:
        assert f"题目 {item}" in said
    with database.read() as s:
        assert "2026.9" not in {r.version for r in published.listing(s)}


def test_a_published_version_is_never_changed(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _process, database = server
    path = new_version(tmp_path, "2026.2")
    first = path.read_text(encoding="utf-8")
    assert cli(database, "publish-form", str(path)) == 0
    assert cli(database, "publish-form", str(path)) == 0  # the same text again: nothing new
    assert "已发布过" in capsys.readouterr().err
    changed = new_version(tmp_path, "2026.2", replace=("label: 调查方式", "label: 走访方式"))
    assert cli(database, "publish-form", str(changed)) == 2
    assert "已发布的版本不能修改" in capsys.readouterr().err
    with database.read() as s:
        rows = [r for r in published.listing(s) if r.version == "2026.2"]
        actions = set(s.scalars(select(Audit.action)))
    assert [r.text for r in rows] == [first]
    assert "publish_form" in actions


def test_a_broken_settings_file_is_refused_with_the_loaders_message(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _process, database = server
    text = default_settings_path().read_text(encoding="utf-8")
    path = tmp_path / "settings-2027.yaml"
    path.write_text(text.replace('district: "330213"', 'district: "3302"', 1), encoding="utf-8")
    assert cli(database, "publish-settings", str(path)) == 2
    said = capsys.readouterr().err
    assert "settings-2027.yaml" in said
    assert "district" in said
    path.write_text(text.replace("dibao_line_yuan: ", "dibao_line_yuan: 1", 1), encoding="utf-8")
    assert cli(database, "publish-settings", str(path)) == 0
    with database.read() as s:
        book = published.settings_book(s)
    assert book is not None
    assert book.path.name == "settings-2027.yaml"


def _completed_response(alice: Database, version: str) -> str:
    """A completed Form A response on alice's laptop, its ops rewritten to `version`
    (the laptop side of published forms comes separately)."""
    hid, pid = a_person(alice, "南山路1号")
    member = Responses(alice, "alice", "member")
    rid, _ = member.start(FORM_A, "2026", household_id=hid, person_id=pid)
    with alice.session() as s:
        response = s.get(FormResponse, rid)
        assert response is not None
        answers = full_answers(dict(response.answers))
    member.save(rid, answers)
    member.complete(rid, confirm_warnings=True)
    with alice.transaction() as s:
        for row in s.scalars(select(OutboxOp).where(OutboxOp.entity == "form_response")):
            if "form_version" in row.fields:
                row.fields = {**row.fields, "form_version": version}
    return rid


def _on_server(database: ServerDatabase, rid: str) -> tuple[str, str] | None:
    """The response's form version and state on the server."""
    with database.read() as s:
        row = s.get(FormResponse, rid)
        return (row.form_version, row.state) if row is not None else None


def test_the_server_accepts_the_versions_it_has_published(
    server: Server, laptops: Laptops, tmp_path: Path
) -> None:
    process, database = server
    alice = laptops(process, "alice")
    rid = _completed_response(alice, "2026.2")
    sync(alice)
    # the draft is kept (drafts are not checked), its submission refused
    assert _on_server(database, rid) == ("2026.2", "draft")
    with alice.session() as s:
        refusals = list(s.scalars(select(OutboxOp.refusal).where(OutboxOp.status == "refused")))
    assert any("服务器上没有这个表单版本：dynamic-update 2026.2" in r for r in refusals), refusals
    path = new_version(tmp_path, "2026.2", replace=("label: 调查方式", "label: 走访方式"))
    assert cli(database, "publish-form", str(path)) == 0
    with alice.session() as s:  # the member sends the refused change again (同步 page)
        refused = list(s.scalars(select(OutboxOp.op_id).where(OutboxOp.status == "refused")))
    assert refused
    for op_id in refused:
        Conflicts(alice, "alice").resend(op_id)
    sync(alice)
    assert _on_server(database, rid) == ("2026.2", "submitted")


def _admin_post(process: ServerProcess, user: str, path: Path, kind: str) -> requests.Response:
    return requests.post(
        f"{process.url}/admin/definitions/{kind}",
        params={"name": path.name},
        data=path.read_bytes(),
        headers=Wire(process, user).headers,
        timeout=60,
    )


def test_the_admin_publishes_through_the_admin_route(server: Server, tmp_path: Path) -> None:
    process, database = server
    broken = new_version(
        tmp_path, "2026.3", replace=("        type: single\n", "        type: ranking\n")
    )
    answer = _admin_post(process, "ada", broken, "form")
    assert answer.status_code == 400, answer.text
    said = answer.json()["message"]
    assert broken.name in said and "题目 method" in said and "未知的题型：ranking" in said
    assert _admin_post(process, "alice", broken, "form").status_code == 403
    good = new_version(tmp_path, "2026.3", replace=("label: 调查方式", "label: 走访方式"))
    answer = _admin_post(process, "ada", good, "form")
    assert answer.status_code == 200, answer.text
    assert answer.json()["version"] == "2026.3" and answer.json()["new"] is True
    listed = Wire(process, "ada").get("/admin/definitions").json()
    assert {"form_id": "dynamic-update", "version": "2026.3"}.items() <= next(
        r for r in listed if r["version"] == "2026.3"
    ).items()
    with database.read() as s:
        query = select(Audit).where(Audit.action == "publish_form", Audit.username == "ada")
        row = s.scalars(query).one()
    assert row.device_id and row.detail["version"] == "2026.3"


def test_the_servers_own_readers_use_what_was_published(server: Server, tmp_path: Path) -> None:
    """Exports, reports and due dates read forms and settings through the program's own
    functions: on the server, those give the published ones."""
    _process, database = server
    settings = default_settings_path().read_text(encoding="utf-8")
    town = tmp_path / "settings-town.yaml"
    town.write_text(
        settings + '  - area: "330213001"\n    year: 2026\n    dibao_line_yuan: 1300\n',
        encoding="utf-8",
    )
    assert cli(database, "publish-settings", str(town)) == 0
    path = new_version(tmp_path, "2026.5", replace=("label: 调查方式", "label: 走访方式"))
    assert cli(database, "publish-form", str(path)) == 0
    try:
        with database.read() as s:
            published.put_in_use(s)
        assert load_settings().for_area(2026, "330213001001").dibao_line_fen == 130000
        assert load_settings().for_area(2026, "330213002001").dibao_line_fen == 123000
        assert get_form("dynamic-update", "2026.5").items["method"].label == "走访方式"
    finally:
        laptop_published.forget()
    assert load_settings().for_area(2026, "330213001001").dibao_line_fen == 123000


@pytest.mark.parametrize("start", ["publish-form", "demo"])
def test_every_way_a_server_starts_seeds_the_built_in_files(tmp_path: Path, start: str) -> None:
    """A server made by a first publish-form or by the demo (not `init`) had nothing
    published: its 发布 list was empty, and after one publication every response of the
    built-in versions would have been refused."""
    database = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        if start == "publish-form":
            path = new_version(tmp_path, "2026.9", replace=("label: 调查方式", "label: 走访方式"))
            assert cli(database, "publish-form", str(path)) == 0
        else:
            from sync.server.demo import build_demo_server

            build_demo_server(database, persons=60, seed=3)
        with database.read() as s:
            forms = {(r.form_id, r.version) for r in published.listing(s)
                     if r.kind == published.FORM}  # fmt: skip
            assert set(load_forms()) <= forms
            for form_id, version in load_forms():
                assert published.form_definition(s, form_id, version).version == version
    finally:
        database.dispose()
