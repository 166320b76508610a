"""A person's certificate periods: a new certificate closes the current period and opens one.

The past is never overwritten: the old number, category and grade stay in their
`Certificate` row with the dates they were valid; the person's own fields show the
current certificate.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store import changes
from app.store.registry import Certificate, Person


def open_periods(session: Session, person_id: str) -> list[Certificate]:
    """The periods of a person still running (normally one; none for an old record)."""
    return list(
        session.scalars(
            select(Certificate).where(
                Certificate.person_id == person_id,
                Certificate.valid_to.is_(None),
                Certificate.deleted.is_(False),
            )
        )
    )


def history(session: Session, person_id: str) -> list[Certificate]:
    """Every period of a person's certificate, the current one first."""
    rows = session.scalars(
        select(Certificate).where(
            Certificate.person_id == person_id, Certificate.deleted.is_(False)
        )
    ).all()
    return sorted(
        rows,
        key=lambda c: (c.valid_to is None, c.valid_to or date.min, c.valid_from or date.min),
        reverse=True,
    )


def start_period(
    session: Session, person: Person, on: date | None, *, user: str, closing: date | None = None
) -> None:
    """Close the running periods at `closing` and open one for the person's current
    certificate from `on`. A record with a number but no period (made before periods were
    kept) first gets its old period, closed, so that no certificate is forgotten."""
    running = open_periods(session, person.id)
    for period in running:
        changes.update(session, Certificate, period.id, {"valid_to": closing}, user=user)
    changes.create(
        session,
        Certificate,
        {
            "person_id": person.id,
            "cert_number": person.cert_number,
            "category": person.category,
            "grade": person.grade,
            "valid_from": on,
        },
        user=user,
    )


def keep_untracked(session: Session, person: Person, closing: date, *, user: str) -> None:
    """Record the certificate a person holds as a closed period when none is kept yet."""
    if not person.cert_number or open_periods(session, person.id):
        return
    kept = session.scalar(
        select(Certificate.id).where(
            Certificate.person_id == person.id,
            Certificate.cert_number == person.cert_number,
            Certificate.deleted.is_(False),
        )
    )
    if kept is not None:
        return
    changes.create(
        session,
        Certificate,
        {
            "person_id": person.id,
            "cert_number": person.cert_number,
            "category": person.category,
            "grade": person.grade,
            "valid_from": person.card_issued,
            "valid_to": closing,
        },
        user=user,
    )
