"""The server's rules over a real socket: roles, the form definition, sign-in, devices, protocol."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from app.services.registry import Registry
from app.services.responses import Responses
from app.store import changes
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.registry import Household
from app.store.work import ChangeNotice, FormResponse
from sync.client import SyncClient, first_login
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from sync.server import admin, throttle
from sync.server.db import ServerDatabase
from sync.transport import Throttled, Unauthorized
from tests.services.test_responses import FORM_A, full_answers
from tests.sync.laptops import Wire, a_person, op, outbox, sync
from tests.sync.servers import PASSWORDS, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
Laptops = Callable[..., Database]


def a_response(db: Database) -> str:
    """A Form A draft of a new person in alice's village, on alice's laptop."""
    hid, pid = a_person(db, "南山路1号")
    rid, _ = Responses(db, "alice", "member").start(FORM_A, "2026", household_id=hid, person_id=pid)
    return rid


def server_state(database: ServerDatabase, rid: str) -> str:
    with database.read() as s:
        return str(s.scalar(select(FormResponse.state).where(FormResponse.id == rid)))


def test_a_member_cannot_accept_and_the_refusal_blocks_nothing_else(
    server: Server, laptops: Laptops
) -> None:
    process, database = server
    alice = laptops(process, "alice")
    rid = a_response(alice)
    member = Responses(alice, "alice", "member")
    with alice.session() as s:
        response = s.get(FormResponse, rid)
        assert response is not None
        answers = full_answers(dict(response.answers))
    member.save(rid, answers)
    member.complete(rid, confirm_warnings=True)
    sync(alice)  # the sync submits what was completed
    assert server_state(database, rid) == "submitted"
    with alice.transaction() as s:  # a tampered laptop: past its own workflow check
        changes.update(s, FormResponse, rid, {"state": "accepted"}, user="alice")
    with alice.transaction() as s:
        household_id = s.get(FormResponse, rid).household_id  # type: ignore[union-attr]
    Registry(alice, "alice").update_household(household_id, {"phone": "13957400001"})
    receipt = sync(alice)
    assert receipt.refused == 1 and receipt.sent == 1  # the phone went through
    [refused] = receipt.detail["refused"]
    assert "专职委员不能把“已提交”改为“已通过”" in refused["reason"]
    [kept] = outbox(alice)
    assert (kept.status, kept.fields["state"]) == ("refused", "accepted")
    assert server_state(database, rid) == "submitted"
    with database.read() as s:
        assert s.scalar(select(Household.phone).where(Household.id == household_id)) == (
            "13957400001"
        )


def test_an_invalid_form_is_refused_with_the_item_named(server: Server, laptops: Laptops) -> None:
    process, database = server
    alice = laptops(process, "alice")
    rid = a_response(alice)
    with alice.transaction() as s:  # completed without its answers (a laptop with an old form)
        changes.update(s, FormResponse, rid, {"state": "completed"}, user="alice")
    receipt = sync(alice)
    reasons = [r["reason"] for r in receipt.detail["refused"]]
    assert receipt.refused >= 1
    assert "R8" in reasons[0] and "必须填写" in reasons[0]
    assert server_state(database, rid) == "draft"


def test_login_is_throttled_after_failures(server: Server, tmp_path: Path) -> None:
    process, _database = server
    for _ in range(5):
        with pytest.raises(Unauthorized) as caught:
            first_login(process.url, "bob", "wrong", tmp_path / "x.db", kdf=FAST_TEST_KDF)
        assert caught.value.code == "auth.failed" and str(caught.value) == "用户名或密码错误"
    with pytest.raises(Throttled) as throttled:  # even the right password, for a while
        first_login(process.url, "bob", PASSWORDS["bob"], tmp_path / "x.db", kdf=FAST_TEST_KDF)
    assert throttled.value.retry_after > 0 and "秒后再试" in str(throttled.value)
    assert not (tmp_path / "x.db").exists()  # nothing made on the laptop
    with pytest.raises(Unauthorized):  # another user is not affected
        first_login(process.url, "alice", "wrong", tmp_path / "y.db", kdf=FAST_TEST_KDF)
    alice = first_login(
        process.url, "alice", PASSWORDS["alice"], tmp_path / "y.db", kdf=FAST_TEST_KDF
    )
    alice.close()


def test_many_failed_sign_ins_from_one_address_throttle_it(server: Server) -> None:
    # guessing across user names: each name stays under its own limit, the address does not
    process, _database = server

    def sign_in(username: str, password: str) -> requests.Response:
        return requests.post(
            process.url + "/login",
            headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
            json={"username": username, "password": password, "client_id": str(uuid.uuid4())},
            timeout=30,
        )

    for n in range(throttle.ADDRESS_FAILURES):
        assert sign_in(f"guess{n}", "123456").status_code == 401
    refused = sign_in("alice", PASSWORDS["alice"])
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert "秒后再试" in refused.json()["message"]


def test_a_revoked_device_is_refused_until_the_admin_lets_it_back(
    server: Server, laptops: Laptops
) -> None:
    process, database = server
    alice = laptops(process, "alice")
    assert sync(alice).status == "done"
    with alice.session() as s:
        from app.store import syncing

        device = syncing.state(alice)["device_id"]
        del s
    assert admin.revoke(database, device, None) == 1
    with pytest.raises(Unauthorized) as caught:
        sync(alice)
    assert caught.value.code == "auth.revoked"
    client = SyncClient(alice)
    try:
        # signing in again waits for the admin (issue 15): enabling the user lets it back
        with pytest.raises(Unauthorized):
            client.relogin(PASSWORDS["alice"])
        admin.set_active(database, "alice", True)
        client.relogin(PASSWORDS["alice"])
        assert client.sync().status == "done"
    finally:
        client.close()


def test_another_protocol_version_is_refused(server: Server) -> None:
    process, _database = server
    answer = requests.post(
        process.url + "/login",
        headers={PROTOCOL_HEADER: "99"},
        timeout=10,
        json={"username": "alice", "password": PASSWORDS["alice"], "client_id": str(uuid.uuid4())},
    )
    assert answer.status_code == 426
    assert answer.json()["code"] == "protocol.version" and "升级程序" in answer.json()["message"]


# -- monthly tasks: the member's outcome, the reviewer's acceptance --------------------------


def a_task_on_the_server(process: ServerProcess, person_id: str) -> tuple[str, int]:
    """A month's task about the person, made on the server by the district (as an import)."""
    task_id = str(uuid.uuid4())
    fields = {
        "person_id": person_id,
        "kind": "death",
        "source": "police",
        "month": "2026-12",
        "state": "open",
        "rows": [{"source": "police", "kind": "death", "event_date": "2026-12-04",
                  "name": "王堃", "detail": "", "row_key": "k1"}],
        "due_date": "2026-12-31",
    }  # fmt: skip
    [receipt] = Wire(process, "ada").push(op("change_notice", task_id, 0, fields))
    assert receipt["outcome"] == "applied", receipt
    return task_id, int(receipt["rev"])


OUTCOME = {"outcome": "confirmed", "method": "home", "checked_on": "2026-12-09"}


def _moved(before: str, target: str, who: str, reason: str = "") -> dict[str, Any]:
    entry = {"from": before, "to": target, "by": who, "role": "", "at": "", "reason": reason}
    return {"state": target, "state_history": [entry]}


@pytest.mark.parametrize(
    ("user", "before", "fields", "refused"),
    [
        ("alice", "open", {"state": "submitted"}, "请选择核实结果"),
        ("alice", "open", {**OUTCOME, "outcome": "disputed", "state": "submitted"}, "必须填写理由"),
        ("alice", "open", {**OUTCOME, "state": "submitted"}, ""),
        ("alice", "open", {**OUTCOME, "state": "accepted"}, "不能从“待核实”直接改为“已通过”"),
        ("rita", "open", {**OUTCOME, "state": "submitted"}, "审核员不能把“待核实”改为“待审核”"),
        ("alice", "submitted", {"state": "accepted"}, "专职委员不能把“待审核”改为“已通过”"),
        ("alice", "submitted", {"outcome": "disputed"}, "不能修改核实结果"),
        ("rita", "submitted", {"state": "accepted"}, ""),
        ("rita", "submitted", {"state": "returned"}, "必须填写理由"),
        ("rita", "submitted", {"state": "returned", "reason!": "请附照片"}, ""),
        ("ada", "submitted", {"state": "accepted"}, ""),
    ],
)
def test_who_may_move_a_task_and_with_what(
    server: Server, laptops: Laptops, user: str, before: str, fields: dict[str, str], refused: str
) -> None:
    process, database = server
    alice = laptops(process, "alice")
    _hid, pid = a_person(alice, "南山路9号")
    sync(alice)
    task_id, rev = a_task_on_the_server(process, pid)
    if before == "submitted":
        submit = {**OUTCOME, **_moved("open", "submitted", "alice")}
        [receipt] = Wire(process, "alice").push(op("change_notice", task_id, rev, submit))
        assert receipt["outcome"] == "applied", receipt
        rev = int(receipt["rev"])
    sent: dict[str, Any] = {k: v for k, v in fields.items() if not k.endswith("!")}
    if "state" in fields:
        sent.update(_moved(before, fields["state"], user, fields.get("reason!", "")))
    [receipt] = Wire(process, user).push(op("change_notice", task_id, rev, sent))
    with database.read() as s:
        state = s.scalar(select(ChangeNotice.state).where(ChangeNotice.id == task_id))
    if refused:
        assert receipt["outcome"] == "refused", receipt
        assert refused in " ".join(r["message"] for r in receipt["refusals"])
        assert state == before
    else:
        assert receipt["outcome"] == "applied", receipt
        assert state == fields["state"]


def test_a_member_reports_only_as_the_member(server: Server, laptops: Laptops) -> None:
    process, database = server
    alice = laptops(process, "alice")
    _hid, pid = a_person(alice, "南山路10号")
    sync(alice)
    wire = Wire(process, "alice")
    fields = {"person_id": pid, "kind": "death", "month": "2026-12", "state": "open"}
    [forged] = wire.push(op("change_notice", str(uuid.uuid4()), 0, {**fields, "source": "police"}))
    assert forged["outcome"] == "refused"
    assert "来源只能是“专职委员”" in forged["refusals"][0]["message"]
    [own] = wire.push(op("change_notice", str(uuid.uuid4()), 0, {**fields, "source": "member"}))
    assert own["outcome"] == "applied", own
    with database.read() as s:
        assert s.scalar(select(func.count()).select_from(ChangeNotice)) == 1


def test_another_villages_member_can_neither_read_nor_answer_a_task(
    server: Server, laptops: Laptops
) -> None:
    process, database = server
    alice = laptops(process, "alice")
    _hid, pid = a_person(alice, "南山路11号")
    sync(alice)
    task_id, rev = a_task_on_the_server(process, pid)
    submit = {**OUTCOME, **_moved("open", "submitted", "molly")}
    for user in ("molly", "bob"):  # the same town's other village, another town
        wire = Wire(process, user)
        records, _gone, _cursor = wire.pull_all()
        assert task_id not in records
        [receipt] = wire.push(op("change_notice", task_id, rev, submit))
        assert [r["code"] for r in receipt["refusals"]] == ["sync.out_of_scope"]
    with database.read() as s:
        assert s.scalar(select(ChangeNotice.state).where(ChangeNotice.id == task_id)) == "open"
    records, _gone, _cursor = Wire(process, "alice").pull_all()
    assert records[task_id]["fields"]["state"] == "open"  # the member of the village reads it
