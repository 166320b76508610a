"""Attachment contents on the server: files named by their sha256, each checked on arrival.

A file is written under a temporary name, synced, checked against its hash and
then renamed, so a broken upload leaves nothing behind. The laptop asks which
hashes are missing first, and sends a large file in chunks: each chunk is kept as
its own file under `.partial/<sha>/` as it arrives, so after a break the upload
resumes at the first byte the server lacks. When the last byte is there the
chunks are joined, checked against the hash and renamed into place. No lock is
needed between the server's processes: a chunk is written under a temporary name
and renamed, and the bytes at an offset of a file named by its hash are always
the same, so a chunk sent twice (a retry) or by two requests at once is harmless.

A hash is no key to a photo: the server answers for a user as if it had only the
files that user sent (`BlobUpload`). `/blobs/missing` names a file as missing
until this user has sent it whole (sending it again costs the bytes, and proves
the sender holds them); each user's partial uploads are their own; a user may
attach only a file they sent (`merge`), and a file is read only through an
attachment in the reader's scope made by one of its senders.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from sqlalchemy import Connection, and_, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.store.work import Attachment
from sync.server.auth import Actor
from sync.server.errors import ServerError, not_found
from sync.server.tables import Blob, BlobUpload, ChangeLog, FieldSeq, RecordIndex

#: the modes of the blob folder's folders and files: the server's own user only
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
#: a partial upload untouched this long is abandoned (swept when another one starts)
STALE_PARTIAL_SECONDS = 7 * 24 * 3600


class BlobFolder:
    """The folder of attachment files (shared by every server process)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.partials = folder / ".partial"
        # the district's photos: for the server's own user only (as its database file)
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        self.partials.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
        with contextlib.suppress(PermissionError):  # another user's folder: left as it is
            folder.chmod(PRIVATE_FOLDER)

    def path_of(self, sha: str) -> Path:
        return self.folder / sha[:2] / sha

    def partial_of(self, sha: str, username: str) -> Path:
        """The chunks of one user's upload of `sha` (another's upload shows nothing)."""
        who = hashlib.sha256(username.encode("utf-8")).hexdigest()[:16]
        return self.partials / f"{sha}.{who}"

    def missing(self, connection: Connection, username: str, hashes: Sequence[str]) -> list[str]:
        """The hashes this user has not sent whole (whether another user has or not)."""
        wanted = sorted(set(hashes))
        have = set(connection.execute(_SENT, {"username": username, "hashes": wanted}).scalars())
        return [h for h in wanted if h not in have or not self.path_of(h).exists()]

    def save(self, sha: str, data: bytes) -> None:
        """Put a whole file in place once it matches its hash (400 otherwise)."""
        if hashlib.sha256(data).hexdigest() != sha:
            raise ServerError(400, "blob.hash_mismatch")
        target = self.path_of(sha)
        if not target.exists():
            target.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
            os.replace(_synced_copy(target, [data]), target)

    # -- uploads in chunks -----------------------------------------------------------------

    def received(self, sha: str, username: str) -> int:
        """How many leading bytes of this user's upload of `sha` have arrived (0: none, or
        the file is whole)."""
        return _covered(_chunks(self.partial_of(sha, username)))

    def put_chunk(self, sha: str, username: str, start: int, total: int, data: bytes) -> int:
        """Keep the bytes `start`.. of a file of `total` bytes; the bytes now received.

        A chunk must begin at or before the first byte missing (else 409, naming it).
        """
        folder = self.partial_of(sha, username)
        if start == 0 and not folder.exists():
            self._sweep()
        have = self.received(sha, username)
        if start > have:
            raise ServerError(409, "blob.offset", {"received": have})
        end = start + len(data)
        if end > have:
            folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
            name = folder / f"{start:012d}-{end:012d}"
            os.replace(_synced_copy(name, [data]), name)
        return max(have, min(end, total))

    def finish(self, sha: str, username: str, total: int) -> None:
        """Join the chunks of a whole file, check it against its hash and put it in place
        (checked even when the file is there already: the check is the sender's proof).

        A file that does not match its hash is dropped (400): the laptop sends it again.
        """
        folder = self.partial_of(sha, username)
        target = self.path_of(sha)
        digest = hashlib.sha256()
        at = 0  # the bytes joined so far

        def pieces() -> Iterator[bytes]:
            nonlocal at
            for start, end, path in _chunks(folder):
                if end <= at or start > at:
                    continue
                with open(path, "rb") as handle:
                    handle.seek(at - start)
                    piece = handle.read(end - at)
                digest.update(piece)
                at = end
                yield piece

        there = target.exists()
        if there:
            for _piece in pieces():
                pass
            tmp = None
        else:
            target.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
            tmp = _synced_copy(target, pieces())
        if at != total or digest.hexdigest() != sha:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
            raise ServerError(400, "blob.hash_mismatch")
        if tmp is not None:
            os.replace(tmp, target)
        shutil.rmtree(folder, ignore_errors=True)

    def _sweep(self) -> None:
        """Remove partial uploads nobody has touched for a week."""
        if not self.partials.exists():
            return
        old = time.time() - STALE_PARTIAL_SECONDS
        for folder in self.partials.iterdir():
            try:
                if folder.stat().st_mtime < old:
                    shutil.rmtree(folder, ignore_errors=True)
            except FileNotFoundError:
                continue

    def read(self, session: Session, actor: Actor, sha: str) -> bytes:
        """The content, for a user with an attachment of that hash in scope, attached by
        one of the file's senders (else 404, as for a file the server does not have)."""
        owners = session.execute(_ATTACHED_BY_SENDER, {"sha": sha}).scalars()
        if not any(actor.scope.covers(area) for area in owners):
            raise not_found("attachment")
        try:
            return self.path_of(sha).read_bytes()
        except FileNotFoundError as exc:
            raise not_found("attachment") from exc


def register(session: Session, actor: Actor, sha: str, size: int) -> bool:
    """Note a file now in place and this user as one of its senders; False when this user
    had sent it already.

    Two requests may store the same photo at once: the second insert's duplicate key
    means the same as finding the row."""
    if session.get(Blob, sha) is None:
        try:
            with session.begin_nested():
                session.add(Blob(sha256=sha, size=size, username=actor.username))
        except IntegrityError:
            pass
    if session.get(BlobUpload, (sha, actor.username)) is not None:
        return False
    try:
        with session.begin_nested():
            session.add(BlobUpload(sha256=sha, username=actor.username))
    except IntegrityError:
        return False
    return True


def sent_by(session: Session, username: str, sha: str) -> bool:
    """Whether this user has sent the whole file of `sha`."""
    return session.get(BlobUpload, (sha, username)) is not None


#: the hashes among `hashes` one user has sent
_SENT = select(BlobUpload.sha256).where(
    BlobUpload.username == bindparam("username"),
    BlobUpload.sha256.in_(bindparam("hashes", expanding=True)),
)

#: the scope keys of the attachments of a hash whose hash was set by one of its senders:
#: the change that set it is the record's creation, or its last change of `sha256`
_SHA_SET = func.coalesce(FieldSeq.seq, RecordIndex.created_seq)
_ATTACHED_BY_SENDER = (
    select(RecordIndex.area_code)
    .join(Attachment, Attachment.id == RecordIndex.record_id)
    .outerjoin(
        FieldSeq,
        and_(
            FieldSeq.entity == "attachment",
            FieldSeq.record_id == Attachment.id,
            FieldSeq.field == "sha256",
        ),
    )
    .join(ChangeLog, ChangeLog.seq == _SHA_SET)
    .join(
        BlobUpload,
        and_(BlobUpload.sha256 == Attachment.sha256, BlobUpload.username == ChangeLog.username),
    )
    .where(RecordIndex.entity == "attachment", Attachment.sha256 == bindparam("sha"))
)


def _synced_copy(target: Path, pieces: Iterable[bytes]) -> Path:
    """The pieces written and synced to disk under a temporary name beside `target`, for
    the caller to rename into place (a reader never sees a file half written)."""
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    with os.fdopen(
        os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE), "wb"
    ) as handle:
        for piece in pieces:
            handle.write(piece)
        handle.flush()
        os.fsync(handle.fileno())
    return tmp


def _chunks(folder: Path) -> list[tuple[int, int, Path]]:
    """The chunk files of a partial upload as (start, end, path), by start."""
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    chunks = []
    for name in names:
        start, dash, end = name.partition("-")
        if dash and start.isdigit() and end.isdigit():
            chunks.append((int(start), int(end), folder / name))
    return sorted(chunks)


def _covered(chunks: list[tuple[int, int, Path]]) -> int:
    """The end of the run of bytes from 0 that the chunks cover without a gap."""
    at = 0
    for start, end, _path in chunks:
        if start > at:
            break
        at = max(at, end)
    return at
