"""Where a form's photos and signatures go: reduced and stored off the UI thread.

The form widget knows nothing of the database: it is handed an `AttachmentStore`.
`SessionAttachments` is the store of one record (a form response, a household),
which reduces photos with Pillow and writes encrypted blobs through the session's
worker, and hands the new attachment's id back on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication

from app.domain.issues import ValidationFailed
from app.services import photos
from app.services.attachments import attach
from app.services.changed import Changed
from app.store.errors import StoreError
from app.store.work import Attachment
from ui import worker
from ui.session import AppSession

#: called on the UI thread with the new attachment's id, or None and why it failed
Done = Callable[[str | None, str], None]


class AttachmentStore(Protocol):
    """Stores photos and signatures of one record; calls `done` on the UI thread."""

    def store_photo(self, path: str, done: Done) -> None: ...

    def store_signature(self, png: bytes, done: Done) -> None: ...

    def load(self, attachment_id: str) -> bytes | None: ...


def failure_text(exc: Exception) -> str:
    """What to tell the member about a failed attachment."""
    if isinstance(exc, ValidationFailed):
        return str(exc)
    if isinstance(exc, photos.NotAPhoto):
        return photos.NotAPhoto.user_message
    if isinstance(exc, OSError):
        return QCoreApplication.translate("Attachments", "无法读取文件：%s") % (exc.strerror or exc)
    message = getattr(exc, "user_message", "")
    return (
        str(message) if message else QCoreApplication.translate("Attachments", "保存失败：%s") % exc
    )


class SessionAttachments:
    """The attachment store of one record of the signed-in session."""

    def __init__(
        self,
        session: AppSession,
        owner_entity: str,
        owner_id: str,
        *,
        tag: str = "",
        make_owner: Callable[[], None] | None = None,
    ) -> None:
        self.session = session
        self.owner_entity = owner_entity
        self.owner_id = owner_id
        self.tag = tag
        #: writes the owner first when it is not written yet (a form shown, not started)
        self.make_owner = make_owner

    def _store(self, read: Callable[[], bytes], mime: str, kind: str, done: Done) -> None:
        session = self.session
        if self.make_owner is not None:
            self.make_owner()  # on the UI thread, before the attachment's job: in order

        def work(_report: worker.Progress) -> tuple[str, Changed]:
            data = read()
            return attach(
                session.db,
                session.username,
                owner_entity=self.owner_entity,
                owner_id=self.owner_id,
                data=data,
                mime=mime,
                kind=kind,
                tag=self.tag,
            )

        def stored(result: tuple[str, Changed]) -> None:
            attachment_id, changed = result
            done(attachment_id, "")
            session.announce(changed)

        session.run(work, stored, lambda exc: done(None, failure_text(exc)))

    def store_photo(self, path: str, done: Done) -> None:
        """Read the file, reduce it to 1600 px JPEG and store it encrypted."""
        self._store(lambda: photos.reduce(Path(path).read_bytes()), photos.MIME, "photo", done)

    def store_signature(self, png: bytes, done: Done) -> None:
        self._store(lambda: png, "image/png", "signature", done)

    def load(self, attachment_id: str) -> bytes | None:
        """The decrypted content, or None when it is not on this laptop (not synced yet)."""
        try:
            with self.session.db.session() as s:
                record = s.get(Attachment, attachment_id)
                sha = record.sha256 if record is not None and not record.deleted else None
            return self.session.db.blobs.get(sha) if sha else None
        except StoreError:
            return None
