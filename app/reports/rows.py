"""Rows of a statement as the database driver gives them: plain tuples, no SQLAlchemy rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Executable
from sqlalchemy.orm import Session


def plain_rows(session: Session, statement: Executable) -> list[tuple[Any, ...]]:
    """Run a SELECT through SQLAlchemy (its parameters bound as always) and read the rows
    straight from the driver's cursor.

    For the passes over a whole district (100,000 rows): SQLAlchemy's row objects and
    result processing cost more than the statement itself there. The values are the
    driver's (SQLite: 0/1 for a boolean, text for a time), so the statement must select
    only what reads the same on every database: text, numbers, booleans tested for truth."""
    result = session.connection().execute(statement)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()
