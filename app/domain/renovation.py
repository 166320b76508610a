"""The accessibility-renovation case (Form C): life cycle, eligibility, plan rules, catalogue.

Moves of a case and who may make them (admins may do whatever reviewers may)::

    need_registered -> assessed         assess            member
    assessed -> assessed                re-assess         member
    assessed -> plan_drafted            draft the plan    member
    plan_drafted -> plan_drafted        revise the plan   member
    plan_drafted -> assessed            send plan back    reviewer, admin; reason
    plan_drafted -> plan_approved       approve           reviewer, admin (a reason when
                                                          the plan needs an override)
    plan_approved -> publicised         publicise (公示)  reviewer, admin
    publicised -> in_construction       record works      member
    in_construction -> completed        record completion member
    completed -> accepted               accept (验收)     reviewer, admin
    completed -> rectification          accept, item(s) not done   reviewer, admin
    rectification -> completed          record rework     member
    accepted -> settled                 settle            reviewer, admin
    settled -> followed_up              follow-up visit   member
    need_registered, assessed, plan_drafted -> withdrawn    member, reviewer, admin; reason
    plan_approved, publicised -> withdrawn                  reviewer, admin; reason

Eligibility failures are warnings for the reviewer, never hard stops.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

from app import resources
from app.domain.issues import Issue
from app.domain.workflow import ADMIN, MEMBER, REVIEWER, HistoryEntry, Rule, StateMachine

NEED_REGISTERED = "need_registered"
ASSESSED = "assessed"
PLAN_DRAFTED = "plan_drafted"
PLAN_APPROVED = "plan_approved"
PUBLICISED = "publicised"
IN_CONSTRUCTION = "in_construction"
COMPLETED = "completed"
RECTIFICATION = "rectification"
ACCEPTED = "accepted"
SETTLED = "settled"
FOLLOWED_UP = "followed_up"
WITHDRAWN = "withdrawn"
#: a case in one of these is over: every other state is an open case (one definition,
#: used by 今日's count, the board's "进行中" and the forms due of a visit)
CLOSED_STATES = frozenset({FOLLOWED_UP, WITHDRAWN})
STATE_LABELS: Mapping[str, str] = {
    NEED_REGISTERED: "已登记需求",
    ASSESSED: "已评估",
    PLAN_DRAFTED: "方案已拟定",
    PLAN_APPROVED: "方案已审批",
    PUBLICISED: "已公示",
    IN_CONSTRUCTION: "施工中",
    COMPLETED: "已完工",
    RECTIFICATION: "整改中",
    ACCEPTED: "已验收",
    SETTLED: "已结算",
    FOLLOWED_UP: "已回访",
    WITHDRAWN: "已撤销",
}

_MEMBER = frozenset({MEMBER})
_REVIEWERS = frozenset({REVIEWER, ADMIN})
_ANYONE = frozenset({MEMBER, REVIEWER, ADMIN})

CASES = StateMachine(
    labels=STATE_LABELS,
    rules={
        (NEED_REGISTERED, ASSESSED): Rule("assess", _MEMBER),
        (ASSESSED, ASSESSED): Rule("reassess", _MEMBER),
        (ASSESSED, PLAN_DRAFTED): Rule("draft_plan", _MEMBER),
        (PLAN_DRAFTED, PLAN_DRAFTED): Rule("revise_plan", _MEMBER),
        (PLAN_DRAFTED, ASSESSED): Rule("send_back", _REVIEWERS, reason_required=True),
        (PLAN_DRAFTED, PLAN_APPROVED): Rule("approve", _REVIEWERS),
        (PLAN_APPROVED, PUBLICISED): Rule("publicise", _REVIEWERS),
        (PUBLICISED, IN_CONSTRUCTION): Rule("construct", _MEMBER),
        (IN_CONSTRUCTION, COMPLETED): Rule("complete", _MEMBER),
        (COMPLETED, ACCEPTED): Rule("accept", _REVIEWERS),
        (COMPLETED, RECTIFICATION): Rule("rectify", _REVIEWERS),
        (RECTIFICATION, COMPLETED): Rule("complete", _MEMBER),
        (ACCEPTED, SETTLED): Rule("settle", _REVIEWERS),
        (SETTLED, FOLLOWED_UP): Rule("follow_up", _MEMBER),
        (NEED_REGISTERED, WITHDRAWN): Rule("withdraw", _ANYONE, reason_required=True),
        (ASSESSED, WITHDRAWN): Rule("withdraw", _ANYONE, reason_required=True),
        (PLAN_DRAFTED, WITHDRAWN): Rule("withdraw", _ANYONE, reason_required=True),
        (PLAN_APPROVED, WITHDRAWN): Rule("withdraw", _REVIEWERS, reason_required=True),
        (PUBLICISED, WITHDRAWN): Rule("withdraw", _REVIEWERS, reason_required=True),
    },
)

# Eligibility (form-accessibility.md): severe grades and poor households (hardship.yaml).
SEVERE_GRADES = frozenset({"1", "2"})
POOR_HARDSHIP = frozenset({"1", "2", "3"})  # dibao, near-dibao, extreme-poverty support
# Priorities are information for the reviewer; they need no acknowledgement.
PRIORITY_CODES = frozenset(
    {"renovation.priority_multi_disabled", "renovation.priority_elderly_carer"}
)

# Who may open a case (register a need): the member of the village.
OPEN_ROLES = frozenset({MEMBER})
#: who may open a candidate case from an accepted survey need (Form A R39)
REVIEW_ROLES = frozenset({REVIEWER, ADMIN})
# Moves that carry data and so go through their own use case, not a bare move.
DATA_MOVES = frozenset(
    {
        (NEED_REGISTERED, ASSESSED),
        (ASSESSED, ASSESSED),
        (ASSESSED, PLAN_DRAFTED),
        (PLAN_DRAFTED, PLAN_DRAFTED),
        (COMPLETED, ACCEPTED),
        (COMPLETED, RECTIFICATION),
        (ACCEPTED, SETTLED),
    }
)

ACCEPTANCE_RESULTS: Mapping[str, str] = {
    "done": "已完成",
    "partly": "部分完成",
    "not_done": "未完成",
}
SATISFACTION: Mapping[str, str] = {"1": "满意", "2": "基本满意", "3": "不满意"}


def check_move(state: str, target: str, role: str, *, reason: str = "") -> list[Issue]:
    """Why `role` may not move a case from `state` to `target`; empty when allowed."""
    return CASES.check(state, target, role, reason=reason)


def apply_move(
    state: str, target: str, role: str, user: str, at: datetime, reason: str = ""
) -> HistoryEntry:
    """The history entry of an allowed case move; raises ValidationFailed when refused."""
    return CASES.apply(state, target, role, user, at, reason)


def eligibility_warnings(
    person_grade: str,
    household_hardship_codes: Iterable[str],
    house_adaptable: bool | None,
    several_disabled: bool,
    elderly_carer: bool,
) -> list[Issue]:
    """Warnings (and priority notes, codes in PRIORITY_CODES) for opening a case.

    `house_adaptable` is None until the assessment has looked at the house.
    """
    issues: list[Issue] = []
    if person_grade not in SEVERE_GRADES:
        issues.append(Issue("renovation.grade_not_severe", {"grade": person_grade or "未登记"}))
    if not POOR_HARDSHIP.intersection(household_hardship_codes):
        issues.append(Issue("renovation.not_poor"))
    if house_adaptable is False:
        issues.append(Issue("renovation.house_not_adaptable"))
    if several_disabled:
        issues.append(Issue("renovation.priority_multi_disabled"))
    if elderly_carer:
        issues.append(Issue("renovation.priority_elderly_carer"))
    return issues


def needing_acknowledgement(issues: Iterable[Issue]) -> list[Issue]:
    """The warnings among `issues` that need a recorded reason (not the priority notes)."""
    return [issue for issue in issues if issue.code not in PRIORITY_CODES]


def suggest_items(category: str, catalogue: Catalogue | None = None) -> list[CatalogueItem]:
    """The catalogue items that serve a disability category, building items first."""
    chosen = catalogue if catalogue is not None else load_catalogue()
    return chosen.suggest(category)


def yuan(fen: int) -> str:
    """An amount of fen as yuan text with two decimals and thousands separators."""
    return f"{Decimal(fen) / 100:,.2f}"


def _quantity(raw: object) -> Decimal | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal | str):
        return None
    try:
        number = Decimal(str(raw))
    except ArithmeticError:
        return None
    return number if number.is_finite() and number > 0 else None


def price_plan(items: Sequence[Mapping[str, Any]], catalogue: Catalogue) -> list[dict[str, Any]]:
    """Plan lines with the catalogue's name, unit and kind, unit price and amount in fen.

    Lines with an unknown code or a bad quantity are left out: check with `plan_issues`.
    """
    lines: list[dict[str, Any]] = []
    for raw in items:
        item = catalogue.get(str(raw.get("code", "")))
        quantity = _quantity(raw.get("quantity"))
        if item is None or quantity is None:
            continue
        price = raw.get("unit_price_fen")
        unit_price = item.price_fen if price is None else int(price)
        amount = (quantity * unit_price).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        lines.append(
            {
                "part": "plan",
                "code": item.code,
                "name": item.name,
                "unit": item.unit,
                "kind": item.kind,
                "quantity": int(quantity)
                if quantity == quantity.to_integral()
                else float(quantity),
                "unit_price_fen": unit_price,
                "amount_fen": int(amount),
            }
        )
    return lines


def plan_issues(
    items: Sequence[Mapping[str, Any]], catalogue: Catalogue, cap_fen: int, override_reason: str
) -> list[Issue]:
    """Errors of a renovation plan; over the cap or devices only needs an override reason."""
    issues: list[Issue] = []
    if not items:
        return [Issue("renovation.plan_empty", field="items")]
    seen: set[str] = set()
    for raw in items:
        code = str(raw.get("code", ""))
        if code not in catalogue:
            issues.append(Issue("renovation.item_unknown", {"code": code}, "items"))
        elif code in seen:
            issues.append(Issue("renovation.item_duplicate", {"code": code}, "items"))
        seen.add(code)
        if _quantity(raw.get("quantity")) is None:
            quantity = str(raw.get("quantity"))
            issues.append(
                Issue("renovation.quantity", {"code": code, "quantity": quantity}, "items")
            )
        price = raw.get("unit_price_fen")
        if price is not None and (
            isinstance(price, bool) or not isinstance(price, int) or price < 0
        ):
            issues.append(
                Issue("renovation.price_negative", {"code": code, "price": str(price)}, "items")
            )
    if issues:
        return issues
    lines = price_plan(items, catalogue)
    overridden = bool(override_reason.strip())
    total = sum(line["amount_fen"] for line in lines)
    if total > cap_fen and not overridden:
        issues.append(
            Issue("renovation.over_cap", {"total": yuan(total), "cap": yuan(cap_fen)}, "items")
        )
    if all(line["kind"] != "building" for line in lines) and not overridden:
        issues.append(Issue("renovation.devices_only", field="items"))
    return issues


# -- the item catalogue (resources/renovation/catalogue.yaml) ----------------------------

KINDS = ("building", "device")
CATEGORIES = ("1", "2", "3", "4", "5", "6", "7")
_ITEM_KEYS = ("code", "name", "category", "unit", "price_yuan", "kind")
_ISO9999 = re.compile(r"\d{2} \d{2} \d{2}")


class CatalogueError(Exception):
    """The catalogue file is missing or malformed; the message names the file and the item."""


@dataclass(frozen=True)
class CatalogueItem:
    """One item a plan may contain: building work or a device, with its reference price."""

    code: str
    name: str
    category: tuple[str, ...]  # the disability categories (1-7) it serves
    unit: str
    price_fen: int
    kind: str  # "building" or "device"
    iso9999: str = ""  # devices only, e.g. "05 27 03"


@dataclass(frozen=True)
class Catalogue:
    """The items of the catalogue in file order, looked up by code."""

    items: tuple[CatalogueItem, ...]

    def get(self, code: str) -> CatalogueItem | None:
        """The item of `code`, or None."""
        return next((item for item in self.items if item.code == code), None)

    def __contains__(self, code: object) -> bool:
        return any(item.code == code for item in self.items)

    def suggest(self, category: str) -> list[CatalogueItem]:
        """The items serving `category`, building items first, each group in file order."""
        serving = [item for item in self.items if category in item.category]
        return sorted(serving, key=lambda item: item.kind != "building")


def default_catalogue_path() -> Path:
    """The shipped catalogue, inside a PyInstaller bundle when frozen."""
    return resources.path("renovation", "catalogue.yaml")


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read and check the catalogue file (default: the shipped one), once per file."""
    return _load_catalogue((path if path is not None else default_catalogue_path()).resolve())


@functools.cache
def _load_catalogue(path: Path) -> Catalogue:
    def fail(problem: str) -> CatalogueError:
        return CatalogueError(f"改造项目目录 {path} 有误：{problem}")

    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(f"无法读取（{exc}）") from exc
    except yaml.YAMLError as exc:
        raise fail(f"不是有效的 YAML（{exc}）") from exc
    if not isinstance(data, dict) or data.get("version") != 1:
        raise fail("顶层应为映射，含 version: 1 和 items")
    raw_items = data.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise fail("items 应为非空列表")
    items: list[CatalogueItem] = []
    for position, raw in enumerate(raw_items, start=1):
        item = _catalogue_item(raw, f"第{position}项", fail)
        first = next((n for n, known in enumerate(items, start=1) if known.code == item.code), 0)
        if first:
            raise fail(f"第{position}项的代码 {item.code} 与第{first}项重复")
        items.append(item)
    return Catalogue(tuple(items))


def _catalogue_item(
    raw: object, where: str, fail: Callable[[str], CatalogueError]
) -> CatalogueItem:
    if not isinstance(raw, dict):
        raise fail(f"{where}应为映射")
    if isinstance(raw.get("code"), str) and raw["code"]:
        where = f"{where}（代码 {raw['code']}）"
    unknown = sorted(str(key) for key in raw if key not in (*_ITEM_KEYS, "iso9999"))
    if unknown:
        raise fail(f"{where}有未知的键 {', '.join(unknown)}")
    for key in _ITEM_KEYS:
        if raw.get(key) in (None, "", []):
            raise fail(f"{where}缺少 {key}")
    code, name, unit, kind = (raw[key] for key in ("code", "name", "unit", "kind"))
    if not all(isinstance(value, str) for value in (code, name, unit)):
        raise fail(f"{where}的 code、name、unit 应为字符串（代码要加引号）")
    if kind not in KINDS:
        raise fail(f"{where}的 kind 只能是 building 或 device（现为 {kind!r}）")
    category = raw["category"]
    if not isinstance(category, list) or any(c not in CATEGORIES for c in category):
        raise fail(f'{where}的 category 应为残疾类别代码列表，如 ["1", "4"]（现为 {category!r}）')
    price = raw["price_yuan"]
    if isinstance(price, bool) or not isinstance(price, int | float):
        raise fail(f"{where}的 price_yuan 应为数字（现为 {price!r}）")
    if price < 0:
        raise fail(f"{where}的 price_yuan 不能为负数（现为 {price}）")
    iso = raw.get("iso9999", "")
    if kind == "device" and not (isinstance(iso, str) and _ISO9999.fullmatch(iso)):
        raise fail(f'{where}是辅具，iso9999 应为带引号的6位代码，如 "05 27 03"（现为 {iso!r}）')
    if kind == "building" and iso:
        raise fail(f"{where}是施工项目，不应填写 iso9999")
    fen = (Decimal(str(price)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return CatalogueItem(code, name, tuple(category), unit, int(fen), kind, iso)
