"""Alembic migrations of the laptop's database, run when a database is opened."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine

from app.store.errors import NewerDatabase

HERE = Path(__file__).resolve().parent


def config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config())


def head() -> str:
    rev = script().get_current_head()
    assert rev is not None
    return rev


@dataclass(frozen=True)
class SchemaState:
    """Where a database stands against this program's migrations."""

    current: str | None
    head: str

    @property
    def needs_upgrade(self) -> bool:
        return self.current != self.head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check(engine: Engine) -> SchemaState:
    """Read the schema revision; refuse, untouched, a revision this program does not know."""
    current = current_revision(engine)
    if current is not None:
        try:
            known = script().get_revision(current)
        except CommandError:
            known = None
        if known is None:
            raise NewerDatabase(f"schema {current}")
    return SchemaState(current=current, head=head())


def upgrade(engine: Engine, revision: str = "head") -> None:
    command.upgrade(config(engine), revision)
