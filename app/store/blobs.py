"""Encrypted blob store: attachment files named by a keyed hash of their content's sha256.

Each file is AES-256-GCM encrypted under a random data key kept inside the
encrypted database, so a password change does not touch the blobs, and a copied
blob folder is unreadable without the database and its password. Its names say
nothing either: a file is named by an HMAC of the content's sha256 under a key
derived from that data key, so a copy of the folder cannot be matched against
photos known elsewhere (by their sha256, say). Files of the earlier layout (named
by the sha256 itself) are renamed when the database is opened (`rename_old_files`).
A file that fails its check is set aside in a folder beside the blobs (`set_aside`),
kept as it is for whoever wants to look at it, so that it stops holding the sync up.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.store.errors import BlobDamaged, BlobMissing, room_to_write
from app.store.outbox import LocalSecret

if TYPE_CHECKING:
    from app.store.database import Database

MAGIC = b"FVB1"
NONCE_BYTES = 12
#: what sealing adds to a content: the magic, the nonce and GCM's 16-byte tag
SEALED_OVERHEAD = len(MAGIC) + NONCE_BYTES + 16
BLOB_KEY_NAME = "blob_key"
#: a file's name: the keyed hash and this suffix (a name without it is of the old layout)
SUFFIX = ".fvb"
_NAMES_LABEL = b"fieldvisit blob names"
_OLD_NAME = re.compile(r"[0-9a-f]{64}")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    """The folder of encrypted attachment files beside one database."""

    def __init__(self, folder: Path, db: Database) -> None:
        self.folder = folder
        self._db = db
        self._key: bytes | None = None
        self._names: bytes | None = None

    @classmethod
    def for_database(cls, db: Database) -> BlobStore:
        return cls(db.path.with_name(db.path.name + ".blobs"), db)

    def ensure_key(self) -> None:
        with self._db.transaction() as s:
            if s.get(LocalSecret, BLOB_KEY_NAME) is None:
                s.add(LocalSecret(name=BLOB_KEY_NAME, value=secrets.token_bytes(32)))

    def _data_key(self) -> bytes:
        if self._key is None:
            with self._db.session() as s:
                secret = s.get(LocalSecret, BLOB_KEY_NAME)
                if secret is None:
                    raise BlobMissing("blob key")
                self._key = secret.value
                self._names = hmac.new(secret.value, _NAMES_LABEL, hashlib.sha256).digest()
        return self._key

    def _aead(self) -> AESGCM:
        return AESGCM(self._data_key())

    def name_of(self, sha: str) -> str:
        """The file name of a content: its sha256 under the names key (nothing to match)."""
        self._data_key()
        assert self._names is not None
        return hmac.new(self._names, sha.encode("ascii"), hashlib.sha256).hexdigest()

    def path_of(self, sha: str) -> Path:
        name = self.name_of(sha)
        return self.folder / name[:2] / (name + SUFFIX)

    def has(self, sha: str) -> bool:
        return self.path_of(sha).exists()

    def size_of(self, sha: str) -> int:
        """The content's size in bytes, from the file's (0 when it is not here)."""
        try:
            return max(0, self.path_of(sha).stat().st_size - SEALED_OVERHEAD)
        except FileNotFoundError:
            return 0

    @property
    def damaged_folder(self) -> Path:
        """Where damaged files are kept, beside the blob folder (`<db>.blobs-damaged`)."""
        return self.folder.with_name(self.folder.name + "-damaged")

    def set_aside(self, sha: str) -> Path | None:
        """Move a damaged file out of the store into `damaged_folder`, kept as it is;
        where it went (None: it was not here)."""
        source = self.path_of(sha)
        target = self.damaged_folder / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.replace(source, target)
        except FileNotFoundError:
            return None
        return target

    def is_set_aside(self, sha: str) -> bool:
        """Whether the file of `sha` was found damaged and set aside (and not stored again)."""
        return not self.has(sha) and (self.damaged_folder / self.path_of(sha).name).exists()

    def put(self, data: bytes) -> str:
        """Store `data` encrypted; returns its sha256. Storing the same content twice is free."""
        sha = sha256_hex(data)
        target = self.path_of(sha)
        if target.exists():
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = MAGIC + nonce + self._aead().encrypt(nonce, data, sha.encode("ascii"))
        tmp = target.with_name(target.name + ".tmp")
        with room_to_write(tmp), open(tmp, "wb") as handle:
            handle.write(sealed)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        return sha

    def get(self, sha: str) -> bytes:
        """The decrypted content, checked against its sha256."""
        try:
            sealed = self.path_of(sha).read_bytes()
        except FileNotFoundError as exc:
            raise BlobMissing(sha) from exc
        if not sealed.startswith(MAGIC):
            raise BlobDamaged(sha)
        nonce = sealed[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
        try:
            data = self._aead().decrypt(nonce, sealed[len(MAGIC) + NONCE_BYTES :], sha.encode())
        except InvalidTag as exc:
            raise BlobDamaged(sha) from exc
        if sha256_hex(data) != sha:
            raise BlobDamaged(sha)
        return data

    def rename_old_files(self) -> int:
        """Give the files of the old layout (named `<sha[:2]>/<sha>`) their keyed names;
        how many were renamed. The content is untouched (it is sealed with its sha256
        either way); a rename broken off is finished at the next opening."""
        if not self.folder.is_dir():
            return 0
        renamed = 0
        left: set[str] = set()  # folders of the old layout that may now be empty
        for sub in os.scandir(self.folder):
            if not sub.is_dir() or len(sub.name) != 2:
                continue
            for entry in os.scandir(sub.path):
                sha = entry.name
                if not (_OLD_NAME.fullmatch(sha) and sha.startswith(sub.name)):
                    continue
                target = self.path_of(sha)
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.replace(entry.path, target)
                except FileNotFoundError:  # another process of the same unlock renamed it
                    continue
                renamed += 1
                left.add(sub.path)
        for path in left:
            with contextlib.suppress(OSError):  # only when nothing else is in it
                os.rmdir(path)
        return renamed
