"""Publish a form definition or settings file from the program (the admin's laptop), through
the admin route `/admin/definitions`, with the laptop's own sign-in.

Every failure is a `SyncError` whose `str()` is for the user: the loader's message (file,
item, fault) for a broken file, the server's refusal, or that the server cannot be reached.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from app.store import syncing
from app.store.database import Database
from sync.protocol import PublicationInfo
from sync.transport import BadAnswer, SyncError, Transport


class FileUnreadable(SyncError):
    """The chosen file cannot be read."""

    user_message = "文件无法读取"


def kind_of(text: str) -> str:
    """ "form" for a form definition (it names its form), else "settings"."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return "form"  # the server's loader says what is wrong with it
    return (
        "settings" if isinstance(data, dict) and "form" not in data and "years" in data else "form"
    )


def publish_file(db: Database, path: Path) -> PublicationInfo:
    """Send the file to the server this laptop syncs with; its answer, or a `SyncError`."""
    try:
        data = path.read_bytes()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FileUnreadable(f"{path}：{exc}") from exc
    values = syncing.state(db)
    transport = Transport(values.get("server_url", ""), token=syncing.token(db))
    try:
        answer = transport.send(
            "POST",
            f"/admin/definitions/{kind_of(text)}",
            params={"name": path.name},
            data=data,
            headers={"Content-Type": "application/octet-stream"},
        )
    finally:
        transport.close()
    try:
        return PublicationInfo.model_validate_json(answer.content)
    except ValidationError as exc:
        raise BadAnswer(str(exc.errors()[0].get("msg", ""))) from exc
