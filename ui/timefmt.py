"""Times as the user reads them: stored in UTC, shown in the laptop's local time."""

from __future__ import annotations

from datetime import UTC, datetime


def local_text(value: object, *, seconds: bool = False) -> str:
    """A stored time (naive UTC datetime or ISO text) as local "YYYY-MM-DD HH:MM"."""
    if value is None or value == "":
        return ""
    moment: datetime | None = None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
    if moment is None:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    shown = moment.astimezone()
    return shown.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
