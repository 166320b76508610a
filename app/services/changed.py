"""What a use case changed, so that screens refresh only what they show."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changed:
    """Ids of the records a use case created, changed or deleted, by kind."""

    households: frozenset[str] = field(default_factory=frozenset)
    persons: frozenset[str] = field(default_factory=frozenset)
    cases: frozenset[str] = field(default_factory=frozenset)
    responses: frozenset[str] = field(default_factory=frozenset)

    def __or__(self, other: Changed) -> Changed:
        return Changed(
            self.households | other.households,
            self.persons | other.persons,
            self.cases | other.cases,
            self.responses | other.responses,
        )

    def __bool__(self) -> bool:
        return bool(self.households or self.persons or self.cases or self.responses)
