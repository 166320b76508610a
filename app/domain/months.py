"""Months of the monthly round (YYYY-MM) and the key of a change list's row."""

from __future__ import annotations

import calendar
import hashlib
from datetime import date


class MonthError(ValueError):
    """A month that is not one; the message says so in Chinese."""


def parse_month(text: str) -> str:
    """A month as YYYY-MM (2026-12, 2026/12, 202612, 2026年12月); MonthError when not one."""
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) in (5, 6) and 1 <= int(digits[4:]) <= 12:
        return f"{digits[:4]}-{int(digits[4:]):02d}"
    raise MonthError(f"月份应写作 YYYY-MM（如 2026-12）：{text}")


def month_of(day: date) -> str:
    return day.strftime("%Y-%m")


def month_start(month: str) -> date:
    return date(int(month[:4]), int(month[5:]), 1)


def month_end(month: str) -> date:
    year, number = int(month[:4]), int(month[5:])
    return date(year, number, calendar.monthrange(year, number)[1])


def next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year + number // 12}-{number % 12 + 1:02d}"


def previous_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def row_key(source: str, kind: str, id_number: str, event_date: date | None) -> str:
    """A change list row's key: the same event from the same source about the same person
    (a list loaded twice, or the demo's tasks and its list files, share the keys)."""
    text = "|".join((source, kind, id_number, event_date.isoformat() if event_date else ""))
    return hashlib.sha256(text.encode()).hexdigest()[:24]
