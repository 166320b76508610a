"""Attachments: an encrypted blob named by its sha256, and its metadata through the outbox."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from app.domain.issues import ValidationFailed
from app.services.attachments import attach
from app.services.registry import Registry
from app.store.database import Database
from app.store.outbox import OutboxOp
from app.store.work import Attachment
from tests.conftest import VILLAGE

PHOTO = bytes(range(256)) * 300


def test_attach_stores_blob_and_metadata(db: Database) -> None:
    hid, _ = Registry(db, "m1").add_household({"area_code": VILLAGE})
    attachment_id, changed = attach(
        db, "m1", owner_entity="household", owner_id=hid, data=PHOTO, mime="image/jpeg",
        tag="before", caption="门口台阶",
    )  # fmt: skip
    assert changed.households == {hid}
    with db.session() as s:
        record = s.get(Attachment, attachment_id)
        assert record is not None
        op = s.scalars(select(OutboxOp).where(OutboxOp.record_id == attachment_id)).one()
    assert record.sha256 == hashlib.sha256(PHOTO).hexdigest() == op.fields["sha256"]
    assert record.size == len(PHOTO)
    assert db.blobs.get(record.sha256) == PHOTO
    assert PHOTO[:64] not in db.blobs.path_of(record.sha256).read_bytes()


def test_attach_refuses_bad_input_and_saves_nothing(db: Database) -> None:
    hid, _ = Registry(db, "m1").add_household({"area_code": VILLAGE})
    with pytest.raises(ValidationFailed) as caught:
        attach(db, "m1", owner_entity="household", owner_id=hid, data=b"", mime="x", kind="?")
    assert set(caught.value.codes) == {"attachment.empty", "code.unknown"}
    with pytest.raises(ValidationFailed) as caught:
        attach(db, "m1", owner_entity="household", owner_id="nope", data=b"x", mime="x")
    assert caught.value.codes == ("record.unknown",)
    with db.session() as s:
        assert s.scalars(select(Attachment)).all() == []


def test_a_damaged_blob_is_detected(db: Database) -> None:
    from app.store.errors import BlobDamaged

    sha = db.blobs.put(b"signature strokes")
    path = db.blobs.path_of(sha)
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(BlobDamaged):
        db.blobs.get(sha)
