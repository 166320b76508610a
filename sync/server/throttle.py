"""The sign-in throttle: failures counted per user and place, so nobody locks another out.

A place is the address a sign-in comes from and, once it has signed the user in, the
laptop (its installation id): `(address, client_id)` for a laptop that signed in
before, `(address, "")` for any other. Each place of each user locks on its own after
`LOCK_AFTER` failures, for a minute doubling up to an hour; so someone guessing from
elsewhere locks themselves out, not the owner on their usual laptop. Against guessing
from many addresses, a user with many recent failures from unknown places makes every
unknown place wait (a laptop or address that signed the user in before does not); an
address with many failures across user names waits too. Unknown and known user names
take the same path (the same rows, queries and answers): the throttle tells nobody
whether a name exists. The counts live in the database (`sign_in`): every server
process sees them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.server.tables import Audit, SignIn

#: failures of one place before it waits, the first wait, the longest wait
LOCK_AFTER = 5
LOCK_SECONDS = 60
LOCK_MAX_SECONDS = 3600
#: failures for one user from unknown places, within the window, before those places wait
USER_FAILURES = 30
USER_WINDOW = timedelta(hours=1)
#: failed sign-ins from one address, whatever the user names, before it waits
ADDRESS_FAILURES = 20
ADDRESS_WINDOW = timedelta(minutes=10)
#: the longest address kept (an IPv6 address is at most 45 characters)
ADDRESS_LENGTH = 64


@dataclass(frozen=True)
class Attempt:
    """One sign-in: who, from where, and whether the place signed the user in before."""

    username: str
    address: str
    client_id: str
    #: the place whose count it goes to: (address, client id, or "" for an unknown laptop)
    place: tuple[str, str]
    known: bool


def lock_seconds(failures: int) -> int:
    return int(min(LOCK_MAX_SECONDS, LOCK_SECONDS * 2 ** max(0, failures - LOCK_AFTER)))


def remaining(until: datetime | None, now: datetime) -> int:
    if until is None or until <= now:
        return 0
    return max(1, int((until - now).total_seconds() + 0.999))


_PLACES = select(SignIn).where(SignIn.username == bindparam("username"))


def wait_before(
    session: Session, username: str, address: str, client_id: str, now: datetime
) -> tuple[int, Attempt]:
    """Seconds this sign-in must wait (0: go ahead), and the attempt to count after it."""
    address = address[:ADDRESS_LENGTH]
    places = list(session.scalars(_PLACES, {"username": username}))
    signed_in = [p for p in places if p.succeeded_at is not None]
    known_laptop = any(p.client_id == client_id for p in signed_in)
    known_address = any(p.address == address for p in signed_in)
    place = (address, client_id if known_laptop else "")
    attempt = Attempt(username, address, client_id, place, known_laptop or known_address)
    own = next((p for p in places if (p.address, p.client_id) == place), None)
    wait = remaining(own.locked_until if own else None, now)
    if not wait and not attempt.known:
        wait = _user_wait(places, {p.address for p in signed_in}, now)
        wait = wait or _address_wait(session, address, now)
    return wait, attempt


def _user_wait(places: list[SignIn], known_addresses: set[str], now: datetime) -> int:
    """Seconds unknown places wait after many recent failures for the user from them."""
    since = now - USER_WINDOW
    recent = [
        p
        for p in places
        if p.client_id == "" and p.address not in known_addresses
        if p.last_failure_at is not None and p.last_failure_at >= since
    ]
    if sum(p.failures for p in recent) < USER_FAILURES:
        return 0
    latest = max(p.last_failure_at for p in recent if p.last_failure_at is not None)
    return remaining(latest + USER_WINDOW, now)


def _address_wait(session: Session, address: str, now: datetime) -> int:
    """Seconds an address must wait after many failed sign-ins (guessing across names)."""
    if not address:
        return 0
    failed = list(
        session.scalars(
            select(Audit.at)
            .where(
                Audit.at >= now - ADDRESS_WINDOW,
                Audit.action == "login_failed",
                Audit.address == address,
            )
            .order_by(Audit.at.desc())
            .limit(ADDRESS_FAILURES)
        )
    )
    if len(failed) < ADDRESS_FAILURES:
        return 0
    return remaining(failed[-1] + ADDRESS_WINDOW, now)


def _row(session: Session, username: str, place: tuple[str, str]) -> SignIn:
    """The count of one place, made when missing (by two requests at once: the same row)."""
    key = (username, *place)
    found = session.get(SignIn, key)
    if found is not None:
        return found
    try:
        with session.begin_nested():
            session.add(SignIn(username=username, address=place[0], client_id=place[1]))
    except IntegrityError:
        pass
    row = session.get(SignIn, key)
    assert row is not None
    return row


def failed(session: Session, attempt: Attempt, now: datetime) -> None:
    """Count a failure against the attempt's place (it waits after `LOCK_AFTER`)."""
    row = _row(session, attempt.username, attempt.place)
    row.failures += 1
    row.last_failure_at = now
    if row.failures >= LOCK_AFTER:
        row.locked_until = now + timedelta(seconds=lock_seconds(row.failures))


def succeeded(session: Session, attempt: Attempt, now: datetime) -> None:
    """Clear the place's count, and know the laptop and address from now on."""
    laptop = _row(session, attempt.username, (attempt.address, attempt.client_id))
    for row in {_row(session, attempt.username, attempt.place), laptop}:
        row.failures = 0
        row.locked_until = None
    laptop.succeeded_at = now


def forget(session: Session, username: str) -> None:
    """Clear every count of a user (an administrator set a new password)."""
    session.execute(delete(SignIn).where(SignIn.username == username))
