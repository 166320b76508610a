"""Numbers as people type and import them (IDs, certificates, bank accounts, phones), folded to
one form before they are checked, compared, searched or masked.

Imported sheets and input methods bring full-width digits (３３０２), lower-case x, spaces of
every kind (the ideographic space, no-break space, tabs), dashes of every kind (-, －, ‐, –, —,
−) and invisible characters (zero-width space, byte-order mark, soft hyphen). Every place that
looks at such a number folds it here first, so that no formatting can hide a number from a
check or a search, nor show more of it than masking allows.
"""

from __future__ import annotations

import unicodedata

#: Unicode categories of characters that only format a number: separators (Zs Zl Zp),
#: control characters (tabs, line ends), invisible format characters, dashes
_FORMATTING = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Pd"})
_SPACES = _FORMATTING - {"Pd"}
_MINUS_SIGNS = frozenset({"\u2212", "\u2796", "\ufe63", "\uff0d"})


def fold_number(text: str, *, keep_dashes: bool = False) -> str:
    """`text` with full-width characters folded (NFKC), every space, dash and invisible
    character dropped, and letters in upper case, ready to check or compare:
    ``" ３３０２８３-19900101 123x"`` becomes ``"33028319900101123X"``. With `keep_dashes`,
    dashes stay (a resident ID check calls a dash a wrong character rather than guess)."""
    folded = unicodedata.normalize("NFKC", text)
    dropped = _SPACES if keep_dashes else _FORMATTING
    return "".join(
        c
        for c in folded
        if unicodedata.category(c) not in dropped and (keep_dashes or c not in _MINUS_SIGNS)
    ).upper()


def only_letters_and_digits(text: str) -> str:
    """`fold_number(text)` with every other mark dropped too (dots, slashes): what masking
    works on, so that no stray mark can shift the masked positions."""
    return "".join(c for c in fold_number(text) if c.isalnum())
