"""What the figures read of each form response, kept beside it in a narrow table.

The 统计 page's figures count every Form A response of a district: reading the
responses themselves means reading their answers and history (about 1.5 KB each,
decrypted page by page) for four values. `response_summary` keeps, per response,
its state and those values derived from its answers and history (`derive`, the one
definition), so the figures read one narrow index and never the answers.

Every write of a response refreshes its row, on the laptop and on the server alike:
an ORM flush through the session hook below (the laptop's write path, the server's
merge), and each bulk writer by calling `refresh` with the ids it wrote (a pull's
page, a prepared push, the server's bulk inserts, the demo). `rebuild` fills the
table from scratch (the migrations' backfill).
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from itertools import chain
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    delete,
    event,
    insert,
    select,
)
from sqlalchemy.engine import Connection, Result
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from app.domain.needs import has_code, needs_mask
from app.store.base import Base
from app.store.work import FormResponse

#: ids per IN list
CHUNK = 500
RETURNED = ("returned",)


class ResponseSummary(Base):
    """One form response as the figures see it: state, when filled, and what they derive
    from its answers and history (how visited, ever returned, the needs as bits)."""

    __tablename__ = "response_summary"
    __table_args__ = (
        # the figures' one read: each due person's response of the round, from this alone;
        # the round first, so that one round's entries lie together (at 100,000 persons the
        # page cache holds the round's, not every year's)
        Index(
            "ix_response_summary_report",
            "survey_round",
            "form_id",
            "person_id",
            "deleted",
            "state",
            "filled_at",
            "method",
            "sent_back",
            "needs",
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the response's id
    person_id: Mapped[str | None] = mapped_column(String(36), default=None)
    form_id: Mapped[str] = mapped_column(String(40))
    survey_round: Mapped[str] = mapped_column(String(10))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(12))
    filled_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    #: the answer `method` (调查方式) when it is a code, else None
    method: Mapped[str | None] = mapped_column(String(8), default=None)
    #: returned by a reviewer at least once (its history names the state `returned`)
    sent_back: Mapped[bool] = mapped_column(Boolean, default=False)
    #: bit i set: the answers show need `app.domain.needs.NEEDS[i]`
    needs: Mapped[int] = mapped_column(Integer, default=0)


TABLE = cast(Table, ResponseSummary.__table__)


def derive(answers: Mapping[str, Any] | None, history: Any) -> dict[str, Any]:
    """The values the figures need from a response's answers and state history."""
    # its history's text holds "returned" quoted (a state, or anywhere): the old LIKE
    return _derived(answers, has_code(history, RETURNED))


def _derived(answers: Any, sent_back: bool) -> dict[str, Any]:
    """`derive`'s values, the history already read (as parsed JSON or as its text)."""
    answers = answers if isinstance(answers, Mapping) else {}
    method = answers.get("method")
    return {
        "method": method if isinstance(method, str) else None,
        "sent_back": sent_back,
        "needs": needs_mask(answers),
    }


_r = FormResponse
SOURCE = select(
    _r.id,
    _r.person_id,
    _r.form_id,
    _r.survey_round,
    _r.deleted,
    _r.state,
    _r.filled_at,
    _r.answers,
    _r.state_history,
)


#: a bulk insert may leave these to the column defaults
_DEFAULTS: dict[str, Any] = {"person_id": None, "deleted": False, "state": "assigned"}


def summary_row(row: Sequence[Any]) -> dict[str, Any]:
    """A summary row from a response row in `SOURCE`'s columns."""
    rid, person, form, survey_round, deleted, state, filled, answers, history = row
    return {
        "id": rid,
        "person_id": person,
        "form_id": form,
        "survey_round": survey_round,
        "deleted": bool(deleted),
        "state": state,
        "filled_at": filled,
        **derive(answers, history),
    }


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def refresh(conn: Connection, ids: Iterable[str]) -> None:
    """Make the summary of these responses match them (a response gone: its row too)."""
    for part in _chunks(list(dict.fromkeys(ids))):
        rows = [summary_row(r) for r in conn.execute(SOURCE.where(_r.id.in_(part)))]
        conn.execute(delete(TABLE).where(TABLE.c.id.in_(part)))
        if rows:
            conn.execute(insert(TABLE), rows)


#: the summary's columns, in the order `from_driver_rows` gives them
COLUMNS = tuple(TABLE.columns.keys())
_SENT_BACK = f'"{RETURNED[0]}"'
_PUT = (
    f"INSERT OR REPLACE INTO response_summary ({', '.join(COLUMNS)})"
    f" VALUES ({', '.join('?' for _ in COLUMNS)})"
)


def from_driver_rows(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], skip: Container[str] = ()
) -> list[tuple[Any, ...]]:
    """Summary rows (in `COLUMNS` order, as SQLite stores them) from form responses as the
    laptop's driver rows (`columns` named; answers and history as their JSON text), those
    with an id in `skip` left out. A code held in the history is sought in its JSON text
    quoted, which is `has_code`'s definition (tests/store/test_response_summary.py); the
    answers are parsed once for the needs. No read back: a first sync summarises a whole
    district's responses."""
    taken = ("id", "person_id", "form_id", "survey_round", "deleted", "state", "filled_at")
    at = {name: columns.index(name) for name in (*taken, "answers", "state_history")}
    out: list[tuple[Any, ...]] = []
    for row in rows:
        rid = row[at["id"]]
        if rid in skip:
            continue
        text = row[at["answers"]]
        answers = json.loads(text) if isinstance(text, str | bytes) else text
        history = row[at["state_history"]]
        if isinstance(history, str | bytes):
            sent_back = _SENT_BACK in (history if isinstance(history, str) else history.decode())
        else:
            sent_back = has_code(history, RETURNED)
        values = {
            "id": rid,
            "person_id": row[at["person_id"]],
            "form_id": row[at["form_id"]],
            "survey_round": row[at["survey_round"]],
            "deleted": bool(row[at["deleted"]]),
            "state": row[at["state"]],
            "filled_at": row[at["filled_at"]],
            **_derived(answers, sent_back),
        }
        out.append(tuple(values[c] for c in COLUMNS))
    return out


def put_driver_rows(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
    """Write summary rows made by `from_driver_rows` (SQLite: the laptop)."""
    if rows:
        conn.exec_driver_sql(_PUT, list(rows))


def add_new(conn: Connection, responses: Iterable[Mapping[str, Any]]) -> None:
    """The summaries of responses just inserted in bulk (column values by name), computed
    from the values at hand rather than read back."""
    rows = [
        summary_row([r.get(c.name, _DEFAULTS.get(c.name)) for c in SOURCE.selected_columns])
        for r in responses
    ]
    for start in range(0, len(rows), CHUNK):
        conn.execute(insert(TABLE), rows[start : start + CHUNK])


def rebuild(conn: Connection) -> int:
    """Fill the summary from every response (a migration's backfill); how many rows."""
    conn.execute(delete(TABLE))
    ids = list(conn.scalars(select(_r.id).order_by(_r.id)))
    refresh(conn, ids)
    return len(ids)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    """The ORM writes (laptop's write path, server's merge): their responses refreshed in
    the same transaction."""
    ids = [
        obj.id
        for obj in chain(session.new, session.dirty, session.deleted)
        if isinstance(obj, FormResponse)
    ]
    if ids:
        refresh(session.connection(), ids)


@event.listens_for(Session, "do_orm_execute")
def _after_statement(state: ORMExecuteState) -> Result[Any] | None:
    """A statement on the responses run through a session (`update(FormResponse)...`):
    the responses it touches refreshed after it, in the same transaction."""
    mapper = state.bind_mapper
    if mapper is None or mapper.class_ is not FormResponse or state.is_select:
        return None
    statement = state.statement
    if state.is_insert:
        given: Any = state.parameters
        rows: list[Mapping[str, Any]] = given if isinstance(given, list) else [given or {}]
        ids = [str(r["id"]) for r in rows if "id" in r]
    elif state.is_update or state.is_delete:
        where = getattr(statement, "whereclause", None)
        query = select(_r.id) if where is None else select(_r.id).where(where)
        ids = list(state.session.scalars(query))
    else:
        return None
    result = state.invoke_statement()
    refresh(state.session.connection(), ids)
    return result
