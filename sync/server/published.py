"""Form definitions and settings the server keeps: published by the admin, seeded from the
built-in files, checked by the program's own loaders, and used by the server's rules.

A form version once published is never changed (a laptop may hold responses of it): the
same text published again is a no-op, another text under the same id and version is
refused. Settings are published whole (every year, with its area overrides); the settings in
effect are the newest published.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.settings import (
    SettingsBook,
    SettingsError,
    default_settings_path,
    read_settings_text,
    use_settings,
)
from app.forms.definition import FormDefinition
from app.forms.loader import (
    FormDefinitionError,
    forget_received,
    forms_folder,
    get_form,
    load_forms,
    read_form_text,
    receive_form,
)
from app.store.registry import Area
from sync.protocol import DefinitionsPage, PublishedFile
from sync.server import audit
from sync.server.tables import PublishedDefinition

#: the digits of a whole area code (a settings prefix is filled up with zeros)
AREA_CODE_DIGITS = 12

FORM = "form"
SETTINGS = "settings"


class PublishError(Exception):
    """A file the server will not publish: the loader's message (file, item, fault)."""


@dataclass(frozen=True)
class Published:
    """What a publication did: the definition, and whether it was new."""

    kind: str
    form_id: str
    version: str
    file_name: str
    new: bool

    def line(self) -> str:
        what = (
            f"表单 {self.form_id} {self.version}"
            if self.kind == FORM
            else f"设置 第{self.version}版"
        )
        return f"已发布{what}（{self.file_name}）" if self.new else f"{what} 已发布过，未改动"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def publish_form(
    session: Session, text: str, file_name: str, username: str, where: tuple[str, str] = ("", "")
) -> Published:
    """Check a form definition's text with the loader and keep it; audited."""
    try:
        definition = read_form_text(text, file_name)
    except FormDefinitionError as exc:
        raise PublishError(str(exc)) from exc
    return _keep_form(session, definition, text, file_name, username, where)


def _keep_form(
    session: Session,
    definition: FormDefinition,
    text: str,
    file_name: str,
    username: str,
    where: tuple[str, str] = ("", ""),
) -> Published:
    """Keep a checked definition (`where`: the admin's device and address, for the audit)."""
    existing = session.scalars(
        select(PublishedDefinition).where(
            PublishedDefinition.kind == FORM,
            PublishedDefinition.form_id == definition.id,
            PublishedDefinition.version == definition.version,
        )
    ).first()
    if existing is not None:
        if existing.sha256 == _sha(text):
            return Published(FORM, definition.id, definition.version, existing.file_name, False)
        raise PublishError(
            f"表单定义文件 {file_name}：表单 {definition.id} 的版本 {definition.version} "
            f"已于 {existing.published_at:%Y-%m-%d} 发布（{existing.file_name}），内容不同；"
            "已发布的版本不能修改，请改用新的 version"
        )
    session.add(
        PublishedDefinition(
            kind=FORM,
            form_id=definition.id,
            version=definition.version,
            requires=int(read_requires(text)),
            file_name=file_name,
            text=text,
            sha256=_sha(text),
            published_by=username,
        )
    )
    detail = {"form": definition.id, "version": definition.version, "file": file_name}
    audit.record(session, username, where[0], "publish_form", detail, where[1])
    return Published(FORM, definition.id, definition.version, file_name, True)


def read_requires(text: str) -> int:
    """The definition format a checked text needs (`requires`, default 1)."""
    data = yaml.safe_load(text)
    return int(data.get("requires", 1)) if isinstance(data, dict) else 1


def publish_settings(
    session: Session, text: str, file_name: str, username: str, where: tuple[str, str] = ("", "")
) -> Published:
    """Check a settings file's text with the settings loader and keep it as the newest."""
    try:
        read_settings_text(text, Path(file_name))
    except SettingsError as exc:
        raise PublishError(str(exc)) from exc
    newest = _newest_settings(session)
    if newest is not None and newest.sha256 == _sha(text):
        return Published(SETTINGS, "", newest.version, newest.file_name, False)
    version = str(int(newest.version) + 1 if newest is not None else 1)
    session.add(
        PublishedDefinition(
            kind=SETTINGS,
            form_id="",
            version=version,
            requires=1,
            file_name=file_name,
            text=text,
            sha256=_sha(text),
            published_by=username,
        )
    )
    detail = {"version": version, "file": file_name}
    audit.record(session, username, where[0], "publish_settings", detail, where[1])
    return Published(SETTINGS, "", version, file_name, True)


def seed(session: Session) -> int:
    """Publish the built-in forms and settings on a server that has none; returns how many."""
    if session.scalars(select(PublishedDefinition.id).limit(1)).first() is not None:
        return 0
    count = 0
    # the program's own files, checked once per process already (`load_forms`)
    for definition in sorted(load_forms(forms_folder()).values(), key=lambda d: d.source):
        text = (forms_folder() / definition.source).read_text(encoding="utf-8")
        count += _keep_form(session, definition, text, definition.source, "").new
    settings = default_settings_path()
    count += publish_settings(session, settings.read_text(encoding="utf-8"), settings.name, "").new
    return count


def listing(session: Session) -> list[PublishedDefinition]:
    """Every publication, forms by id and version, then settings, oldest first."""
    return list(
        session.scalars(
            select(PublishedDefinition).order_by(
                PublishedDefinition.kind, PublishedDefinition.form_id, PublishedDefinition.id
            )
        )
    )


def page_after(session: Session, after: int) -> DefinitionsPage:
    """The publications after id `after`, oldest first (a laptop's next sync)."""
    rows = session.scalars(
        select(PublishedDefinition)
        .where(PublishedDefinition.id > after)
        .order_by(PublishedDefinition.id)
    )
    return DefinitionsPage(
        definitions=[
            PublishedFile(
                id=r.id,
                kind="form" if r.kind == FORM else "settings",
                form_id=r.form_id,
                version=r.version,
                requires=r.requires,
                file_name=r.file_name,
                text=r.text,
            )
            for r in rows
        ]
    )


def _newest_settings(session: Session) -> PublishedDefinition | None:
    return session.scalars(
        select(PublishedDefinition)
        .where(PublishedDefinition.kind == SETTINGS)
        .order_by(PublishedDefinition.id.desc())
        .limit(1)
    ).first()


@functools.lru_cache(maxsize=64)
def _form_of(text: str, file_name: str) -> FormDefinition:
    return read_form_text(text, file_name)


@functools.lru_cache(maxsize=8)
def _settings_of(text: str, file_name: str) -> SettingsBook:
    return read_settings_text(text, Path(file_name))


def form_definition(session: Session, form_id: str, version: str) -> FormDefinition:
    """A published form version; before anything is published (a server not yet `init`ed
    with this release), the program's own. Raises FormDefinitionError for an unknown one."""
    row = session.scalars(
        select(PublishedDefinition).where(
            PublishedDefinition.kind == FORM,
            PublishedDefinition.form_id == form_id,
            PublishedDefinition.version == version,
        )
    ).first()
    if row is not None:
        return _form_of(row.text, row.file_name)
    if session.scalars(select(PublishedDefinition.id).limit(1)).first() is not None:
        raise FormDefinitionError("（已发布的表单）", None, f"没有发布过表单 {form_id} {version}")
    return get_form(form_id, version)


def put_in_use(session: Session) -> None:
    """The published forms and the newest settings in use in this server process, for what
    reads them through the program's own functions (exports, reports, due dates)."""
    forget_received()
    for row in session.scalars(select(PublishedDefinition).where(PublishedDefinition.kind == FORM)):
        receive_form(_form_of(row.text, row.file_name))
    use_settings(settings_book(session))


def summary(session: Session, row: PublishedDefinition) -> str:
    """What a publication holds, in a line: a form's title; the settings' years and the
    areas that have their own values, by their names (a code says nothing to a clerk; one
    not in the area list stays a code)."""
    if row.kind == FORM:
        return _form_of(row.text, row.file_name).title
    book = _settings_of(row.text, row.file_name)
    years = "、".join(str(y) for y in sorted(book.years))
    prefixes = sorted({o.prefix for o in book.overrides})
    full = {p: p.ljust(AREA_CODE_DIGITS, "0") for p in [book.district, *prefixes]}
    query = select(Area.code, Area.name).where(Area.code.in_(full.values()))
    names = {code: name for code, name in session.execute(query)}
    areas = [names.get(full[p], p) for p in prefixes]
    where = (
        f"；{len(areas)} 处地区另有设置（{'、'.join(areas[:3])}{'…' if len(areas) > 3 else ''}）"
    )
    return f"{years} 年，{names.get(full[book.district], book.district)}" + (where if areas else "")


def settings_book(session: Session) -> SettingsBook | None:
    """The newest published settings (None: none published, the program's own apply)."""
    row = _newest_settings(session)
    return _settings_of(row.text, row.file_name) if row is not None else None
