"""Form definitions: the YAML format of resources/forms/ read into typed objects.

The format is documented for district staff in resources/forms/README.md.
Loading checks everything that can be checked before a member opens a form:
see `checks.py`; a broken file is refused with the file, the item and the fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.forms.expressions import Expression

INPUT_TYPES = frozenset(
    {
        "text", "integer", "decimal", "money", "date", "single", "multi", "yesno",
        "id_number", "phone", "area", "photo", "signature", "gps",
    }
)  # fmt: skip
CHOICE_TYPES = frozenset({"single", "multi", "yesno"})
NUMBER_TYPES = frozenset({"integer", "decimal", "money"})
ITEM_TYPES = INPUT_TYPES | {"note", "repeat"}
YESNO_OPTIONS = (("1", "是"), ("2", "否"))
#: answers that can only be taken at this visit: an item of these types must be a visit fact
VISIT_ONLY_TYPES = frozenset({"photo", "signature", "gps"})
#: what a visit fact may be filled with when the form is opened (the member, today)
VISIT_FILLS = ("member.name", "member.phone", "today")


@dataclass(frozen=True)
class Option:
    """One choice of a single or multi choice item, with the code printed on paper."""

    code: str
    label: str


@dataclass(frozen=True)
class Constraint:
    """A rule an answer must keep: an error blocks completion, a warning asks to confirm."""

    expression: Expression
    message: str
    level: str = "error"


@dataclass(frozen=True)
class Item:
    """One question (or note, or repeat) of a form."""

    name: str
    type: str
    label: str
    number: str = ""
    help: str = ""
    section: str = ""
    options: tuple[Option, ...] = ()
    none: str | None = None
    unit: str = ""
    min: float | None = None
    max: float | None = None
    required: bool | Expression = False
    relevant: Expression | None = None
    constraints: tuple[Constraint, ...] = ()
    calculate: Expression | None = None
    prefill: str | None = None
    readonly: bool = False
    note_on_change: bool = False
    #: a fact of this visit (who visited, when, where, signatures, photos): never copied
    #: from last year, never pre-filled from it, never a difference from it
    visit_fact: bool = False
    visit_fill: str | None = None  # one of VISIT_FILLS, filled in when the form is opened
    repeat_of: str | None = None  # the repeat this item belongs to
    items: tuple[Item, ...] = ()  # the columns of a repeat
    min_rows: int = 0
    max_rows: int | None = None

    @property
    def option_codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.options)

    def option_label(self, code: str) -> str:
        return next((o.label for o in self.options if o.code == code), code)

    @property
    def is_input(self) -> bool:
        return self.type in INPUT_TYPES and self.calculate is None

    @property
    def display_number(self) -> str:
        return self.number or ""

    @property
    def title(self) -> str:
        """Number and label as on paper: "R17 就业形式"."""
        return f"{self.number} {self.label}".strip()


@dataclass(frozen=True)
class Section:
    """A part of a form, with an optional condition that applies to all its items."""

    id: str
    title: str
    relevant: Expression | None = None
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class PaperSignature:
    """A signature box at the end of the printed form; `item` names the signature item
    whose captured image fills it ("" for a box signed on paper only)."""

    label: str
    item: str = ""


@dataclass(frozen=True)
class FormDefinition:
    """One version of one form, as loaded and checked from its file."""

    id: str
    version: str
    title: str
    subject: str  # person | household | case
    round: str  # year | quarter
    reference_date: str  # MM-DD within the survey year
    sections: tuple[Section, ...]
    source: str = ""
    description: str = ""
    #: the signature boxes printed together at the end of the form (empty: signature
    #: items are printed where they stand)
    signatures: tuple[PaperSignature, ...] = ()
    #: every item by name, repeat columns included
    items: dict[str, Item] = field(default_factory=dict)
    #: top-level items in evaluation order (dependencies first)
    order: tuple[str, ...] = ()
    #: for each repeat, its columns in evaluation order
    repeat_order: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)

    def top_items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def section_of(self, item: Item) -> Section:
        return next(s for s in self.sections if s.id == item.section)

    def describe(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "title": self.title}
