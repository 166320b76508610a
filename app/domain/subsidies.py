"""The two subsidies' rules: who qualifies in which group, for how much, and what to warn.

Pure rules over the registry's facts (a person, their household's hardship codes, the
person's subsidy periods) and the settings of a year and area (`app.domain.settings`):
nothing here reads the store. Warnings are `Issue`s, never errors: the decision is civil
affairs'. Months are "YYYY-MM" text; money is integer fen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol

from stdnum import luhn

from app.domain.codes import load_code_lists
from app.domain.issues import Issue, ValidationFailed
from app.domain.masking import mask_bank
from app.domain.settings import Settings
from app.domain.subsidy_settings import CARE, KINDS, LIVING, SubsidyGroup

__all__ = ["CARE", "KINDS", "LIVING"]

PENDING = "pending"
ACTIVE = "active"
SUSPENDED = "suspended"
STOPPED = "stopped"
REFUSED = "refused"
#: a period being paid (a stop closes it)
RUNNING = frozenset({ACTIVE, SUSPENDED})
#: a period that is over: its months and amount are history and never change
CLOSED = frozenset({STOPPED, REFUSED})
#: end reasons that explain, for good, why a qualifying person has no subsidy of that kind
REASONS_THAT_HOLD = frozenset({"other_care", "institution", "tekun", "declined", "other"})
#: bank card numbers (ISO/IEC 7812: UnionPay, Visa, Mastercard debit cards, 社保卡's bank
#: account) carry a Luhn check digit; passbook accounts of other lengths have no public scheme
CARD_LENGTHS = range(16, 20)
ACCOUNT_LENGTHS = range(8, 31)


class PersonFacts(Protocol):
    """What the rules read of a person (`app.store.registry.Person` has it)."""

    @property
    def name(self) -> str: ...
    @property
    def grade(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def in_institution(self) -> bool: ...
    @property
    def bank_account(self) -> str: ...


class HouseholdFacts(Protocol):
    """What the rules read of a household: its hardship codes (困难类型)."""

    @property
    def hardship(self) -> list[str]: ...


class PeriodFacts(Protocol):
    """What the rules read of one subsidy period or application."""

    @property
    def kind(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def start_month(self) -> str: ...
    @property
    def end_month(self) -> str: ...
    @property
    def end_reason(self) -> str: ...


# -- months ------------------------------------------------------------------------------


def month_of(day: date) -> str:
    """The "YYYY-MM" of a day."""
    return f"{day.year:04d}-{day.month:02d}"


def next_month(month: str) -> str:
    """The month after "YYYY-MM"."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def previous_month(month: str) -> str:
    """The month before "YYYY-MM"."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{year - 1:04d}-12" if number == 1 else f"{year:04d}-{number - 1:02d}"


def is_month(text: str) -> bool:
    """Whether `text` is a month written "YYYY-MM" (2000 to 2100)."""
    if len(text) != 7 or text[4] != "-" or not (text[:4] + text[5:]).isdigit():
        return False
    return 2000 <= int(text[:4]) <= 2100 and 1 <= int(text[5:]) <= 12


def yuan_text(fen: int) -> str:
    """Fen as yuan with two decimals, exactly (123010 -> "1230.10"), never through a float."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


# -- who qualifies, for how much ---------------------------------------------------------


def _label(list_id: str, code: str) -> str:
    items = load_code_lists()[list_id]
    return items.label(code) if code in items else code


def exclusion(
    person: PersonFacts, household: HouseholdFacts, settings: Settings, kind: str
) -> str | None:
    """Why the person may not have this kind although a group takes them in (None: nothing)."""
    hardship = set(household.hardship or [])
    excluded = (
        settings.living_excluded_hardship if kind == LIVING else settings.care_excluded_hardship
    )
    for code in excluded:
        if code in hardship:
            return _label("hardship", code)
    if kind == CARE and settings.care_excluded_in_institution and person.in_institution:
        return "入住养护机构"
    return None


def group_for(
    person: PersonFacts, household: HouseholdFacts, settings: Settings, kind: str
) -> SubsidyGroup | None:
    """The first group of `kind` that takes the person in, exclusions aside."""
    hardship = list(household.hardship or [])
    return next(
        (g for g in settings.groups(kind) if g.takes(hardship, person.grade, person.category)),
        None,
    )


def qualifies(
    person: PersonFacts, household: HouseholdFacts, settings: Settings, kind: str
) -> SubsidyGroup | None:
    """The group by which an active person qualifies for `kind` now, or None."""
    if person.status != "active":
        return None
    if exclusion(person, household, settings, kind) is not None:
        return None
    return group_for(person, household, settings, kind)


def amount_fen(settings: Settings, kind: str, group: str) -> int:
    """The monthly standard of a group in that year and area, in fen."""
    found = settings.group(kind, group)
    if found is None:
        raise ValidationFailed(
            [
                Issue(
                    "subsidy.no_group",
                    {"group": group, "kind": _label("subsidy_kind", kind), "year": settings.year},
                    "group",
                )
            ]
        )
    return found.amount_fen


def group_label(settings: Settings | None, kind: str, group: str) -> str:
    """A group in words: the hardship it takes in (living), or its grades and categories."""
    found = settings.group(kind, group) if settings is not None else None
    if found is None:
        return group
    if kind == LIVING:
        return "、".join(_label("hardship", c) for c in found.hardship)
    grades = "、".join(_label("disability_grade", g) for g in found.grades)
    if not found.categories:
        return grades
    return f"{'、'.join(_label('disability_category', c) for c in found.categories)}{grades}"


# -- the bank account --------------------------------------------------------------------


def bank_issues(account: str) -> list[Issue]:
    """What is wrong with the account a subsidy is paid into (empty: nothing seen)."""
    value = "".join(account.split())
    if not value:
        return [Issue("subsidy.bank_missing", {}, "bank_account")]
    if not value.isdigit() or len(value) not in ACCOUNT_LENGTHS:
        return [Issue("subsidy.bank_format", {"account": mask_bank(value)}, "bank_account")]
    if len(value) in CARD_LENGTHS and not luhn.is_valid(value):
        return [Issue("subsidy.bank_check_digit", {"account": mask_bank(value)}, "bank_account")]
    return []


# -- the checks --------------------------------------------------------------------------


def running(periods: Iterable[PeriodFacts], kind: str) -> list[PeriodFacts]:
    """The periods of `kind` being paid."""
    return [p for p in periods if p.kind == kind and p.status in RUNNING]


def _explained(periods: Sequence[PeriodFacts], kind: str) -> bool:
    """A pending application, a refusal or a stop for a lasting reason explains no subsidy."""
    for period in periods:
        if period.kind != kind:
            continue
        if period.status in (PENDING, REFUSED):
            return True
        if period.status == STOPPED and period.end_reason in REASONS_THAT_HOLD:
            return True
    return False


def checks(
    person: PersonFacts,
    household: HouseholdFacts,
    periods: Sequence[PeriodFacts],
    settings: Settings,
) -> list[Issue]:
    """The warnings of the reference page for one person (monthly-verification.md section 1)."""
    issues: list[Issue] = []
    name = person.name
    live = {kind: running(periods, kind) for kind in KINDS}
    if person.status != "active":
        for kind in KINDS:
            if live[kind]:
                params = {
                    "name": name,
                    "kind": _label("subsidy_kind", kind),
                    "status": _label("person_status", person.status),
                }
                issues.append(Issue("subsidy.cancelled_running", params, kind))
    else:
        issues += _care_checks(person, household, periods, settings, bool(live[CARE]))
        issues += _living_checks(person, household, periods, settings, bool(live[LIVING]))
    if live[LIVING] or live[CARE]:
        issues += bank_issues(person.bank_account)
    return issues


def _care_checks(
    person: PersonFacts,
    household: HouseholdFacts,
    periods: Sequence[PeriodFacts],
    settings: Settings,
    paid: bool,
) -> list[Issue]:
    excluded = exclusion(person, household, settings, CARE)
    group = group_for(person, household, settings, CARE)
    if paid and group is None:
        code = "subsidy.care_outside_groups"
    elif paid and excluded is not None:
        code = "subsidy.care_excluded"
    elif not paid and group is not None and excluded is None and not _explained(periods, CARE):
        code = "subsidy.care_missing"
    else:
        return []  # the common case: no labels looked up (the reviewer's list reads thousands)
    params = {
        "name": person.name,
        "grade": _label("disability_grade", person.grade),
        "category": _label("disability_category", person.category),
    }
    if excluded is not None:
        params["reason"] = excluded
    return [Issue(code, params, CARE)]


def _living_checks(
    person: PersonFacts,
    household: HouseholdFacts,
    periods: Sequence[PeriodFacts],
    settings: Settings,
    paid: bool,
) -> list[Issue]:
    excluded = exclusion(person, household, settings, LIVING)
    group = group_for(person, household, settings, LIVING)
    if paid and group is None:
        return [Issue("subsidy.living_not_qualified", {"name": person.name}, LIVING)]
    if paid and excluded is not None:
        params = {"name": person.name, "reason": excluded}
        return [Issue("subsidy.living_excluded", params, LIVING)]
    if not paid and group is not None and excluded is None and not _explained(periods, LIVING):
        hardship = "、".join(_label("hardship", c) for c in group.hardship)
        params = {"name": person.name, "hardship": hardship}
        return [Issue("subsidy.living_missing", params, LIVING)]
    return []
