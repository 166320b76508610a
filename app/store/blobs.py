"""Encrypted blob store: attachment files named by the sha256 of their content.

Each file is AES-256-GCM encrypted under a random data key kept inside the
encrypted database, so a password change does not touch the blobs, and a copied
blob folder is unreadable without the database and its password.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.store.errors import BlobDamaged, BlobMissing
from app.store.outbox import LocalSecret

if TYPE_CHECKING:
    from app.store.database import Database

MAGIC = b"FVB1"
NONCE_BYTES = 12
BLOB_KEY_NAME = "blob_key"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    """The folder of encrypted attachment files beside one database."""

    def __init__(self, folder: Path, db: Database) -> None:
        self.folder = folder
        self._db = db
        self._key: bytes | None = None

    @classmethod
    def for_database(cls, db: Database) -> BlobStore:
        return cls(db.path.with_name(db.path.name + ".blobs"), db)

    def ensure_key(self) -> None:
        with self._db.transaction() as s:
            if s.get(LocalSecret, BLOB_KEY_NAME) is None:
                s.add(LocalSecret(name=BLOB_KEY_NAME, value=secrets.token_bytes(32)))

    def _aead(self) -> AESGCM:
        if self._key is None:
            with self._db.session() as s:
                secret = s.get(LocalSecret, BLOB_KEY_NAME)
                if secret is None:
                    raise BlobMissing("blob key")
                self._key = secret.value
        return AESGCM(self._key)

    def path_of(self, sha: str) -> Path:
        return self.folder / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path_of(sha).exists()

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
        with open(tmp, "wb") as handle:
            handle.write(sealed)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        return sha

    def get(self, sha: str) -> bytes:
        """The decrypted content, checked against its name."""
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
