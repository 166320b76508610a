"""Laptops for the sync tests: first login, sync, and a bare protocol client for exact ops."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select

from app.domain.certificate import make_certificate
from app.services.registry import Registry
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.outbox import OutboxOp
from app.store.receipts import SyncReceipt
from sync.client import SyncClient, first_login
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.services.test_responses import ID_40
from tests.sync.servers import ALICE_VILLAGE, PASSWORDS, ServerProcess

TIMEOUT = 30


def make_laptop(process: ServerProcess, path: Path, username: str) -> Database:
    return first_login(process.url, username, PASSWORDS[username], path, kdf=FAST_TEST_KDF)


def sync(db: Database, **options: Any) -> SyncReceipt:
    """One sync, failing at the first break (no pause and try again: tests of failures)."""
    options.setdefault("pauses", ())
    client = SyncClient(db, retries=1, **options)
    try:
        return client.sync()
    finally:
        client.close()


def outbox(db: Database) -> list[OutboxOp]:
    with db.session() as s:
        return list(s.scalars(select(OutboxOp).order_by(OutboxOp.seq)))


class Wire:
    """A bare protocol client: sends exactly the ops a test spells out."""

    def __init__(self, process: ServerProcess, username: str, client_id: str = "") -> None:
        self.url = process.url
        self.client_id = client_id or str(uuid.uuid4())
        self.headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        answer = self.post(
            "/login",
            {"username": username, "password": PASSWORDS[username], "client_id": self.client_id},
        )
        assert answer.status_code == 200, answer.text
        self.headers["Authorization"] = f"Bearer {answer.json()['token']}"
        self.device_id = answer.json()["device_id"]

    def post(self, path: str, body: Any) -> requests.Response:
        return requests.post(self.url + path, json=body, headers=self.headers, timeout=TIMEOUT)

    def get(self, path: str) -> requests.Response:
        return requests.get(self.url + path, headers=self.headers, timeout=TIMEOUT)

    def push(self, *ops: dict[str, Any]) -> list[dict[str, Any]]:
        answer = self.post("/push", {"ops": list(ops)})
        assert answer.status_code == 200, answer.text
        receipts: list[dict[str, Any]] = answer.json()["receipts"]
        return receipts

    def pull_all(self, cursor: int = 0) -> tuple[dict[str, dict[str, Any]], list[Any], int]:
        """Every record in scope after the cursor: {id: record}, gone ids, the new cursor."""
        records: dict[str, dict[str, Any]] = {}
        gone: list[Any] = []
        while True:
            page = self.post("/pull", {"cursor": cursor, "limit": 1000})
            assert page.status_code == 200, page.text
            data = page.json()
            records.update({r["id"]: r for r in data["records"]})
            gone += data["gone"]
            cursor = data["next_cursor"]
            if not data["more"]:
                return records, gone, cursor


def op(
    entity: str, record_id: str, base_rev: int, fields: dict[str, Any], kind: str = "upsert"
) -> dict[str, Any]:
    """One op as a laptop's outbox would send it."""
    return {
        "op_id": str(uuid.uuid4()),
        "entity": entity,
        "record_id": record_id,
        "base_rev": base_rev,
        "kind": kind,
        "fields": fields,
    }


def household(area_code: str, **fields: Any) -> dict[str, Any]:
    """Every field of a new household, as the create op carries them."""
    values: dict[str, Any] = {
        "area_code": area_code,
        "address": "",
        "registered_address": "",
        "hukou_number": "",
        "hukou_type": "1",
        "head_name": "",
        "head_id_number": "",
        "phone": "",
        "phone2": "",
        "gps_lat": None,
        "gps_lon": None,
        "hardship": [],
        "multi_disability_code": "",
    }
    values.update(fields)
    return values


def a_person(db: Database, address: str) -> tuple[str, str]:
    """A new household with one certified person (always the same ID number) in alice's
    village, on her laptop."""
    registry = Registry(db, "alice")
    hid, _ = registry.add_household(
        {"area_code": ALICE_VILLAGE, "address": address, "hukou_type": "1"}
    )
    pid, _ = registry.add_person(
        hid,
        {
            "name": "王堃",
            "id_number": ID_40,
            "category": "4",
            "grade": "3",
            "marital": "2",
            "cert_number": make_certificate(ID_40, 4, 3),
        },
    )
    return hid, pid
