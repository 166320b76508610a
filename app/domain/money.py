"""Money: integer fen in the store and the rules, Decimal yuan for display and exports.

The one place a fen amount becomes a plain number is `yuan_number`, for the two outlets
that only take numbers: the form language's answers (JSON numbers, evaluated as floats)
and Qt's decimal spin boxes. `fen_of` brings such a number back exactly, through its
shortest decimal text, never by multiplying a float.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def yuan(fen: int) -> Decimal:
    """Integer fen as yuan, exactly: 123456 -> Decimal('1234.56')."""
    return (Decimal(int(fen)) / 100).quantize(CENT)


def yuan_text(fen: int, *, grouped: bool = False) -> str:
    """Fen as yuan text with two decimals ("1230.10"; grouped: "1,230.10")."""
    return f"{yuan(fen):,.2f}" if grouped else f"{yuan(fen):.2f}"


def yuan_number(fen: int) -> int | float:
    """Fen as a plain number of yuan for a number-only outlet (form answers, spin boxes):
    an int when whole, else the nearest float to the exact two-decimal amount."""
    exact_yuan = yuan(fen)
    whole = exact_yuan == exact_yuan.to_integral_value()
    return int(exact_yuan) if whole else float(exact_yuan)


def fen_of(amount: Decimal | int | float | str) -> int:
    """Yuan (a number or its text) as integer fen, to the fen, halves up."""
    exact = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    return int((exact * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
