"""Key derivation: the database key comes from the user's password, never stored.

The salt and the cost parameters are kept in a small JSON file beside the
database (`<db>.keyinfo`); they are not secret. Argon2id turns the password
into the 32-byte raw key handed to SQLCipher, once per unlock.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

from app.store.errors import KeyInfoMissing, room_to_write

KEY_BYTES = 32
KEYINFO_VERSION = 1


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost parameters."""

    time_cost: int = 2
    memory_kib: int = 131_072  # 128 MiB: about 0.25 s on the reference machine
    parallelism: int = 1


#: Cheap parameters for tests that open many databases; never for real data.
FAST_TEST_KDF = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)


@dataclass(frozen=True)
class KeyInfo:
    """What is needed, besides the password, to derive a database's key."""

    salt: bytes
    params: KdfParams

    @classmethod
    def new(cls, params: KdfParams | None = None) -> KeyInfo:
        return cls(salt=secrets.token_bytes(16), params=params or KdfParams())

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": KEYINFO_VERSION,
                "kdf": "argon2id",
                "salt": self.salt.hex(),
                "params": asdict(self.params),
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> KeyInfo:
        data = json.loads(text)
        if data.get("kdf") != "argon2id" or int(data.get("version", 0)) > KEYINFO_VERSION:
            raise ValueError("unsupported key information")
        return cls(salt=bytes.fromhex(data["salt"]), params=KdfParams(**data["params"]))


def keyinfo_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keyinfo")


def pending_keyinfo_path(db_path: Path) -> Path:
    """Where a password change writes its new key information before the rekey."""
    return db_path.with_name(db_path.name + ".keyinfo.new")


def read_keyinfo(path: Path) -> KeyInfo:
    try:
        return KeyInfo.from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KeyInfoMissing(str(path)) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise KeyInfoMissing(f"{path}: {exc}") from exc


def write_keyinfo(path: Path, info: KeyInfo) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half."""
    tmp = path.with_name(path.name + ".tmp")
    with room_to_write(tmp), open(tmp, "w", encoding="utf-8") as handle:
        handle.write(info.to_json())
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def derive_key(password: str, info: KeyInfo) -> bytes:
    """The deliberate, slow step (about 0.1-0.5 s): done once per unlock."""
    return bytes(
        hash_secret_raw(
            password.encode("utf-8"),
            info.salt,
            time_cost=info.params.time_cost,
            memory_cost=info.params.memory_kib,
            parallelism=info.params.parallelism,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )
    )
