"""Masking of ID, certificate and bank account numbers for lists, exports and shared prints.

The number is folded first (`number_text`): full-width digits, lower-case x, spaces, dashes,
invisible characters and other marks never change what is shown. Rules (the length of the
masked text always equals the number's letters and digits):

- 18-character resident ID: keep the 6-digit area code and the last 4 characters,
  hide the 8-digit birth date: ``330283********1234``.
- Certificate number (19 to 22 characters, the ID then category, grade and any
  reissue mark): mask its ID part the same way and keep the suffix, so
  ``330283********123442`` still tells the category and grade that lists show anyway.
- Legacy 15-digit ID (area 6, birth date YYMMDD 6, sequence 3): hide the 6-digit birth
  date and keep the 3-digit sequence: ``330283******123``. Keeping the last 4 would
  reveal the last digit of the birth day.
- Any other text of 11 characters or more: keep the first 6 and last 4.
- Text of 10 characters or fewer: masked entirely, as keeping 6 + 4 would show it all.

A bank account shows only its last 4 digits (``**** 1234``); 4 characters or fewer
show nothing (``****``).
"""

from __future__ import annotations

from app.domain.number_text import only_letters_and_digits

MASK = "*"
_KEEP_HEAD = 6
_KEEP_TAIL = 4
_ID_LENGTH = 18
_LONGEST_CERTIFICATE = 22
_LEGACY_ID_LENGTH = 15
_BIRTH_DATE_END = 14  # the birth date occupies characters 7-14 of an 18-character ID


def mask_id(text: str) -> str:
    """Mask a resident ID or certificate number for display outside the person's own file."""
    value = _clean(text)
    length = len(value)
    if length <= _KEEP_HEAD + _KEEP_TAIL:
        return MASK * length
    if length == _LEGACY_ID_LENGTH:
        return value[:_KEEP_HEAD] + MASK * 6 + value[12:]
    if _ID_LENGTH <= length <= _LONGEST_CERTIFICATE:
        # An ID, or a certificate: the suffix after the ID part stays readable.
        return value[:_KEEP_HEAD] + MASK * (_BIRTH_DATE_END - _KEEP_HEAD) + value[_BIRTH_DATE_END:]
    return value[:_KEEP_HEAD] + MASK * (length - _KEEP_HEAD - _KEEP_TAIL) + value[-_KEEP_TAIL:]


def mask_bank(account: str) -> str:
    """Show a bank account as its last 4 characters only: ``**** 1234``."""
    value = _clean(account)
    if not value:
        return ""
    if len(value) <= _KEEP_TAIL:
        return MASK * _KEEP_TAIL
    return f"{MASK * 4} {value[-_KEEP_TAIL:]}"


def _clean(text: str) -> str:
    """Letters and digits only, folded (full-width, lower-case x): whatever spaces, dashes,
    invisible characters or other marks the text carries, the kept positions are the same."""
    return only_letters_and_digits(text)
