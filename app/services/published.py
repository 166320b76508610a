"""The forms and settings the district published, on the laptop: kept as received in a sync,
put in use beside the built-in ones, and what this program is too old for said plainly.

A response keeps the form version it was started with (the engine loads the response's own
version); new responses take the version the settings in effect name. The settings in effect
are the newest published that this program can read, merged per year and area as always.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import func, select

from app.domain.settings import SettingsBook, SettingsError, read_settings_text, use_settings
from app.forms.definition import FormDefinition
from app.forms.loader import (
    FormDefinitionError,
    FormTooNewError,
    forget_received,
    read_form_text,
    receive_form,
)
from app.store.database import Database
from app.store.outbox import ReceivedDefinition


class Publication(Protocol):
    """A published file as the server sends it (`sync.protocol.PublishedFile`)."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def form_id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def requires(self) -> int: ...
    @property
    def file_name(self) -> str: ...
    @property
    def text(self) -> str: ...


def last_received(db: Database) -> int:
    """The id of the newest publication this laptop has (0: none)."""
    with db.session() as s:
        return int(s.scalar(select(func.max(ReceivedDefinition.id))) or 0)


def keep(db: Database, received: Iterable[Publication]) -> list[str]:
    """Keep publications received in a sync, then put them in use; returns what this
    program cannot use (each a sentence for the user)."""
    now = datetime.now()
    with db.transaction() as s:
        for item in received:
            if s.get(ReceivedDefinition, item.id) is None:
                s.add(
                    ReceivedDefinition(
                        id=item.id,
                        kind=item.kind,
                        form_id=item.form_id,
                        version=item.version,
                        requires=item.requires,
                        file_name=item.file_name,
                        text=item.text,
                        received_at=now,
                    )
                )
    return put_in_use(db)


def forget() -> None:
    """Only the built-in forms and settings in use (before another database is opened)."""
    forget_received()
    use_settings(None)


#: what this program cannot use of what each database (by file) received, as last read
_unusable: dict[str, list[str]] = {}


def put_in_use(db: Database) -> list[str]:
    """Use every received form this program can read, and the newest readable settings;
    returns a sentence for each it cannot (too old a program, or a file it refuses)."""
    forms, book, unusable = _read_received(db)
    forget()
    for form in forms:
        receive_form(form)
    if book is not None:
        use_settings(book)
    _unusable[str(db.path)] = unusable
    return unusable


def unusable_now(db: Database) -> list[str]:
    """What the district published that this program cannot use (a sentence each), as found
    when it was last put in use (at unlock and at each sync): 今日 and the sync page say it."""
    found = _unusable.get(str(db.path))
    if found is None:
        found = _unusable[str(db.path)] = _read_received(db)[2]
    return list(found)


def _read_received(db: Database) -> tuple[list[FormDefinition], SettingsBook | None, list[str]]:
    """The received forms this program can read, the newest readable settings, and a
    sentence for each publication it cannot use."""
    with db.session() as s:
        rows = list(s.scalars(select(ReceivedDefinition).order_by(ReceivedDefinition.id)))
    forms: list[FormDefinition] = []
    unusable: list[str] = []
    book: SettingsBook | None = None
    for row in rows:
        if row.kind == "form":
            try:
                forms.append(read_form_text(row.text, row.file_name))
            except FormTooNewError:
                unusable.append(
                    f"区里发布了表单 {row.form_id} {row.version}，本程序版本太旧、无法使用，"
                    "请更新程序；在此之前照常使用已有的表单。"
                )
            except FormDefinitionError as exc:
                unusable.append(f"收到的表单无法使用：{exc}")
        else:
            try:
                book = read_settings_text(row.text, Path(row.file_name))
            except SettingsError as exc:
                unusable.append(f"收到的设置第{row.version}版无法使用，仍用之前的设置：{exc}")
    return forms, book, unusable
