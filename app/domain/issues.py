"""Validation issues: a message code with parameters, turned into words by `messages`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from app.domain.messages import message_for


@dataclasses.dataclass(frozen=True)
class Issue:
    """One problem found by a check: a message code, its parameters and the field concerned."""

    code: str
    params: Mapping[str, str | int] = dataclasses.field(default_factory=dict)
    # The name of the record field the issue concerns, when the caller knows it.
    field: str | None = None

    def __post_init__(self) -> None:
        # Own a private copy so that a caller mutating its dict cannot change a frozen issue.
        object.__setattr__(self, "params", dict(self.params))

    def __hash__(self) -> int:
        return hash((self.code, tuple(sorted(self.params.items())), self.field))

    def at(self, field: str | None) -> Issue:
        """Return the same issue attached to another record field."""
        return dataclasses.replace(self, field=field)

    @property
    def message(self) -> str:
        """The Simplified Chinese message of this issue."""
        return message_for(self)


class ValidationFailed(Exception):
    """Raised when a value or record breaks one or more rules; carries every issue found."""

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        super().__init__(self.issues)

    def __str__(self) -> str:
        return "；".join(message_for(issue) for issue in self.issues)

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the issues, in order (handy in tests and logs)."""
        return tuple(issue.code for issue in self.issues)


def raise_if_any(issues: Iterable[Issue]) -> None:
    """Raise `ValidationFailed` when `issues` is not empty."""
    found = tuple(issues)
    if found:
        raise ValidationFailed(found)
