"""Environmental errors of the store, each with a message for the user.

These are not bugs: a wrong password, a database from a newer program, a full
disk. The program shows `user_message` and carries on; nothing saved is lost.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: what a write that found no room raises: no space, a file size limit, a quota
_NO_ROOM = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})
#: SQLite's SQLITE_FULL, and its text (for drivers that do not give the code)
SQLITE_FULL = 13


class StoreError(Exception):
    """Base of the store's environmental errors."""

    user_message = "数据库错误"

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.user_message)
        self.detail = detail

    def __str__(self) -> str:
        if self.detail and self.detail != self.user_message:
            return f"{self.user_message}（{self.detail}）"
        return self.user_message


class WrongPassword(StoreError):
    """The password does not open this database."""

    user_message = "密码错误"

    def __str__(self) -> str:
        return self.user_message


class DatabaseMissing(StoreError):
    """No database file where one was expected."""

    user_message = "找不到数据库文件"


class KeyInfoMissing(StoreError):
    """The key information file beside the database is missing or unreadable."""

    user_message = "找不到数据库的密钥信息文件，无法打开数据库"


class NewerDatabase(StoreError):
    """The database was written by a newer version of the program."""

    user_message = "此数据库由更新版本的入户走访助手创建，请先升级程序；数据库未作任何改动"


class CorruptDatabase(StoreError):
    """The database file is damaged or not a database of this program."""

    user_message = "数据库文件已损坏或不是本程序的数据库"


class DamagedDatabase(CorruptDatabase):
    """Pages of the database file fail their check: the file was damaged on the disk.

    `backups` are the copies beside it (`fieldvisit.db.backup-*`), newest first.
    """

    user_message = "数据库文件已损坏，无法打开"

    def __init__(self, path: Path, pages: int, backups: list[Path]) -> None:
        super().__init__(f"{path}：{pages} 个数据页校验失败")
        self.path = path
        self.pages = pages
        self.backups = backups


class DiskFull(StoreError):
    """The disk has no room left to write."""

    user_message = (
        "磁盘空间不足，这次没有保存；请删除不需要的文件、腾出空间后再试。此前保存的数据没有丢失"
    )

    def __str__(self) -> str:
        return self.user_message


def is_disk_full(exc: BaseException) -> bool:
    """Whether an error of the disk or of SQLite says there was no room to write."""
    if isinstance(exc, OSError) and exc.errno in _NO_ROOM:
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    return code == SQLITE_FULL or "database or disk is full" in str(exc)


class BlobMissing(StoreError):
    """An attachment file is not in the blob store."""

    user_message = "附件文件不存在"


class BlobDamaged(StoreError):
    """An attachment file fails its integrity check."""

    user_message = "附件文件已损坏（校验失败）"


@contextmanager
def room_to_write(*partial: Path) -> Iterator[None]:
    """A file write that finds no room raises DiskFull, and leaves none of `partial` (the
    files it was writing) behind to fill the disk further or pass for whole."""
    try:
        yield
    except OSError as exc:
        for path in partial:
            path.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise DiskFull(str(exc)) from exc
        raise
