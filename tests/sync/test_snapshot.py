"""An empty laptop's first sync from one image: the same as page by page, resumable, and
pages when a server gives no image (over a real server process, SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.domain.identity import make_resident_id
from app.domain.needs import NEEDS
from app.services.registry import Registry
from app.services.responses import Responses
from app.services.visits import Visits
from app.store import syncing
from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from app.store.schema import SYNCED_MODELS
from app.store.search import search
from sync.client import first_login
from sync.server.db import ServerDatabase
from sync.transport import Cancelled, Transport
from tests.services.test_responses import FORM_A
from tests.summary_check import assert_summary_matches
from tests.sync.laptops import sync
from tests.sync.servers import BOB_VILLAGE, PASSWORDS, ServerProcess

Server = tuple[ServerProcess, ServerDatabase]
#: the need the answers `some_work` saves show: help with employment
NEEDS_SAVED = sum(1 << i for i, need in enumerate(NEEDS) if need.item == "help_needed")


def tables_of(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every synced table's rows, and the conflicts the laptop holds."""
    names = [m.__table__.name for m in SYNCED_MODELS] + ["sync_conflict"]  # type: ignore[attr-defined]
    with db.engine.connect() as conn:
        return {
            n: [tuple(r) for r in conn.exec_driver_sql(f'SELECT * FROM "{n}" ORDER BY id')]
            for n in names
        }


def some_work(db: Database) -> str:
    registry = Registry(db, "bob")
    hid, _ = registry.add_household(
        {"area_code": BOB_VILLAGE, "head_name": "柴进", "hardship": ["1"]}
    )
    pid, _ = registry.add_person(
        hid, {"name": "王堃", "id_number": make_resident_id("330283", date(1970, 3, 1), 11)}
    )
    Visits(db, "bob").plan(hid, date.today())
    member = Responses(db, "bob", "member")
    rid, _ = member.start(FORM_A, "2026", household_id=hid, person_id=pid)
    member.save(rid, {"method": "1", "help_needed": ["2"]})
    return hid


def sign_in(process: ServerProcess, path: Path, **options: Any) -> Database:
    return first_login(process.url, "bob", PASSWORDS["bob"], path, kdf=FAST_TEST_KDF, **options)


def test_an_image_brings_what_the_pages_bring(any_server: Server, tmp_path: Path) -> None:
    process, _database = any_server
    bob = sign_in(process, tmp_path / "bob.db")
    try:
        hid = some_work(bob)
        sync(bob)
    finally:
        bob.close()
    received: list[int] = []

    def progress(stage: str, done: int, _total: int) -> None:
        if stage == "received":
            received.append(done)

    # one record a page, were it paged: the image comes table by table instead
    imaged = sign_in(process, tmp_path / "imaged.db", page_size=1, progress=progress)
    paged = sign_in(process, tmp_path / "paged.db", snapshot=False, page_size=7)
    try:
        tables = tables_of(imaged)
        assert tables == tables_of(paged)
        assert len(tables["person"]) >= 1 and len(tables["area"]) >= 300
        assert len(received) <= len(SYNCED_MODELS) + 1  # the tables, then the pages after
        assert received[-1] >= 300
        # the responses' summaries: made from the image's rows as from the pages'
        for laptop in (imaged, paged):
            with laptop.session() as s:
                kept = assert_summary_matches(s)
            assert [(k["method"], k["needs"]) for k in kept.values()] == [("1", NEEDS_SAVED)]
        for key in ("cursor", "scope", "search_stale"):
            assert syncing.state(imaged)[key] == syncing.state(paged)[key], key
        with imaged.session() as s:
            for query in ("柴进", "王堃", "chaijin"):
                assert [h.household_id for h in search(s.connection(), query)] == [hid], query
    finally:
        imaged.close()
        paged.close()


def test_a_broken_off_image_is_taken_again_and_then_the_pages_after(
    server: Server, tmp_path: Path
) -> None:
    process, _database = server
    bob = sign_in(process, tmp_path / "bob.db")
    try:
        hid = some_work(bob)
        sync(bob)
        cancel = threading.Event()

        def progress(stage: str, _done: int, _total: int) -> None:
            if stage == "received":
                cancel.set()  # after the first table has been copied

        path = tmp_path / "again.db"
        with pytest.raises(Cancelled):
            sign_in(process, path, progress=progress, cancel=cancel)
        again = Database.open(path, PASSWORDS["bob"])
        try:
            assert syncing.state(again).get("cursor", "0") == "0"  # the image is taken again
            second, _ = Registry(bob, "bob").add_household(
                {"area_code": BOB_VILLAGE, "head_name": "李逵"}
            )
            sync(bob)  # a change after the image: it comes with the pages
            assert sync(again).status == "done"
            assert tables_of(again) == tables_of(bob)
            with again.session() as s:
                found = {
                    q: [h.household_id for h in search(s.connection(), q)] for q in ("柴进", "李逵")
                }
            assert found == {"柴进": [hid], "李逵": [second]}
        finally:
            again.close()
    finally:
        bob.close()


def test_a_server_without_images_answers_none(server: Server) -> None:
    process, _database = server
    transport = Transport(process.url)
    try:
        assert transport.get_optional("/no-such-thing") is None
    finally:
        transport.close()
