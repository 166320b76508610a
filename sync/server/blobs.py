"""Attachment contents on the server: files named by their sha256, each checked on arrival.

A file is written under a temporary name, synced, checked against its hash and
then renamed, so a broken upload leaves nothing behind and the laptop simply
sends it again (resumable: the laptop asks which hashes are missing first).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from app.store.work import Attachment
from sync.server.auth import Actor
from sync.server.errors import ServerError, not_found
from sync.server.tables import Blob, RecordIndex


class BlobFolder:
    """The folder of attachment files (shared by every server process)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_of(self, sha: str) -> Path:
        return self.folder / sha[:2] / sha

    def missing(self, connection: Connection, hashes: Sequence[str]) -> list[str]:
        wanted = sorted(set(hashes))
        have = set(connection.scalars(select(Blob.sha256).where(Blob.sha256.in_(wanted))))
        return [h for h in wanted if h not in have or not self.path_of(h).exists()]

    def save(self, session: Session, actor: Actor, sha: str, data: bytes) -> bool:
        """Store checked content; False when it was there already."""
        if hashlib.sha256(data).hexdigest() != sha:
            raise ServerError(400, "blob.hash_mismatch")
        target = self.path_of(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{sha}.{uuid.uuid4().hex}.tmp")
            with open(tmp, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        if session.get(Blob, sha) is not None:
            return False
        session.add(Blob(sha256=sha, size=len(data), username=actor.username))
        return True

    def read(self, session: Session, actor: Actor, sha: str) -> bytes:
        """The content, for a user with an attachment of that hash in scope (else 404)."""
        owners = session.execute(
            select(RecordIndex.area_code)
            .join(Attachment, Attachment.id == RecordIndex.record_id)
            .where(RecordIndex.entity == "attachment", Attachment.sha256 == sha)
        ).all()
        if not any(actor.scope.covers(area) for (area,) in owners):
            raise not_found("attachment")
        try:
            return self.path_of(sha).read_bytes()
        except FileNotFoundError as exc:
            raise not_found("attachment") from exc
