"""The check every writer's test makes: the response summary equals the derivation from the
responses themselves (`app.store.summary.derive`), row for row, nothing missing or extra."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.summary import SOURCE, ResponseSummary, summary_row


def summaries(session: Session) -> dict[str, dict[str, Any]]:
    """The summary table as it is: response id -> its row."""
    table = ResponseSummary.__table__
    rows = session.execute(select(table)).mappings()
    return {r["id"]: {**r, "deleted": bool(r["deleted"]), "sent_back": bool(r["sent_back"])}
            for r in rows}  # fmt: skip


def assert_summary_matches(session: Session) -> dict[str, dict[str, Any]]:
    """The summary of every response is its derivation; returns the rows (for further checks)."""
    derived = {row["id"]: row for row in (summary_row(r) for r in session.execute(SOURCE))}
    kept = summaries(session)
    assert kept == derived
    return kept
