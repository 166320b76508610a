"""The laptop's lock of a user the server stopped (account disabled, device revoked).

The sync notes the server's refusal in the encrypted database (`sync_state`); the unlock
screen then opens nothing until a fresh sign-in with the server succeeds (the admin
enabled the user again). The data stays, encrypted, untouched.
"""

from __future__ import annotations

from sqlalchemy import delete

from app.store import syncing
from app.store.database import Database
from app.store.outbox import SyncState

LOCK_KEY = "account_locked"
#: the server's refusals that lock the laptop: a disabled user, a revoked device
INACTIVE, REVOKED = "auth.inactive", "auth.revoked"
CODES = (INACTIVE, REVOKED)


def lock(db: Database, code: str) -> None:
    """Lock the laptop's data for the server's refusal `code` (one of `CODES`)."""
    syncing.put_state(db, {LOCK_KEY: code})


def locked(db: Database) -> str:
    """The refusal the laptop is locked for, or "" when it is not."""
    return syncing.state(db).get(LOCK_KEY, "")


def clear(db: Database) -> None:
    with db.transaction() as s:
        s.execute(delete(SyncState).where(SyncState.key == LOCK_KEY))
