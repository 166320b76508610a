"""Alembic migrations of the laptop's database, run when a database is opened."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from app.store.errors import NewerDatabase

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

HERE = Path(__file__).resolve().parent

#: The revisions this program knows, oldest first; the last is the head. Opening a
#: database checks against these without importing Alembic (0.15 s of start-up);
#: a test keeps them equal to the scripts in versions/.
KNOWN_REVISIONS = (
    "0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011",
)  # fmt: skip
HEAD = KNOWN_REVISIONS[-1]


def config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config())


def head() -> str:
    return HEAD


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
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check(engine: Engine) -> SchemaState:
    """Read the schema revision; refuse, untouched, a revision this program does not know."""
    current = current_revision(engine)
    if current is not None and current not in KNOWN_REVISIONS:
        raise NewerDatabase(f"schema {current}")
    return SchemaState(current=current, head=HEAD)


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(config(engine), revision)
