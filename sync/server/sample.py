"""The income-monitoring sample from the admin: drawn with a seed, set from a list, one
household added or removed with a reason; every change ledgered (laptops pull the rows of
their villages) and audited.

Eligible households are those of `app.store.income_sample.eligible` (a live household with
an active certified member); the draw is stratified by town (`app.domain.income_sample`).
"""

from __future__ import annotations

import csv
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain import income_sample as domain
from app.domain.settings import SettingsError, load_settings
from app.store import income_sample
from app.store.registry import Area, Household, Person
from app.store.work import IncomeSample
from sync.server import db, ledger
from sync.server.admin import CLI, SERVER, AdminError, Doer

HEADINGS = frozenset({"户ID", "户id", "户口号", "户主身份证号", "身份证号", "household_id"})


@dataclass(frozen=True)
class SampleRow:
    """One sampled household as the admin sees it."""

    household_id: str
    area_code: str
    village: str
    head_name: str
    hukou_number: str
    chosen: str
    reason: str


def sample_size(year: int) -> int:
    """The year's sample size from the settings (income_sample_size)."""
    try:
        return int(load_settings().years[year]["income_sample_size"])
    except (SettingsError, KeyError) as exc:
        raise AdminError(f"设置文件中没有 {year} 年的收入监测样本户数，请写明抽取户数") from exc


def share_of(eligible: list[tuple[str, str]], size: int, area_prefix: str) -> int:
    """The area's part of a sample of `size` for the whole district: what the district's
    draw gives its towns (a village: its part of its town's share)."""
    by_town: dict[str, int] = {}
    for _household, area in eligible:
        by_town[area[: domain.TOWN_DIGITS]] = by_town.get(area[: domain.TOWN_DIGITS], 0) + 1
    total = 0
    for town, share in domain.shares(by_town, size).items():
        if town.startswith(area_prefix):
            total += share
        elif area_prefix.startswith(town):
            inside = sum(1 for _h, area in eligible if area.startswith(area_prefix))
            total += domain.shares({"in": inside, "out": by_town[town] - inside}, share)["in"]
    return total


def _live(s: Session, year: int) -> dict[str, IncomeSample]:
    rows = s.scalars(select(IncomeSample).where(IncomeSample.year == year))
    return {r.household_id: r for r in rows}


def _add(s: Session, rows: dict[str, IncomeSample], household_id: str, year: int,
         chosen: str, reason: str) -> None:  # fmt: skip
    old = rows.get(household_id)
    values = {"chosen": chosen, "reason": reason}
    if old is None:
        new = {"household_id": household_id, "year": year, **values}
        ledger.write_change(s, "income_sample", str(uuid.uuid4()), new, author=SERVER)
    elif old.deleted:
        ledger.write_change(s, "income_sample", old.id, values, author=SERVER, kind="restore")
    elif old.chosen != chosen:  # kept by a new draw or list: it records the new choice
        ledger.write_change(s, "income_sample", old.id, values, author=SERVER)


def _remove(s: Session, row: IncomeSample, reason: str) -> None:
    ledger.write_change(s, "income_sample", row.id, {"reason": reason}, author=SERVER,
                        kind="delete")  # fmt: skip


def draw(
    database: db.ServerDatabase,
    year: int,
    size: int | None = None,
    seed: int | None = None,
    *,
    replace: bool = False,
    area_prefix: str = "",
    doer: Doer = CLI,
) -> tuple[int, list[str]]:
    """Draw the year's sample at random from the eligible households (of the area, when
    given: its sample alone is replaced); returns the seed (chosen when not given, kept on
    every row and in the audit) and the households. Without a size, the settings' size for
    the district, or the area's part of it (`share_of`)."""
    if size is not None and size <= 0:
        raise AdminError(f"样本户数须大于0（给的是 {size}）")
    whole = sample_size(year) if size is None else size
    seed = secrets.randbelow(1_000_000) if seed is None else seed
    with database.write() as s:
        ledger.lock(s)
        rows = _live(s, year)
        live = [r for r in rows.values() if not r.deleted and _within(s, r, area_prefix)]
        if live and not replace:
            raise AdminError(
                f"{year} 年该地区已有样本 {len(live)} 户；重新抽取会替换它们，须确认替换"
                "（命令行加 --replace）"
            )
        eligible = income_sample.eligible(s, area_prefix)
        if not eligible:
            raise AdminError("没有可抽取的户（须有在册持证残疾人）")
        if size is None and area_prefix:
            size = share_of(income_sample.eligible(s), whole, area_prefix)
            if size <= 0:
                raise AdminError(f"按设置的 {whole} 户，该地区分得 0 户；请写明抽取户数")
        size = whole if size is None else size
        chosen = domain.draw(eligible, size, seed)
        keep = set(chosen)
        for row in live:
            if row.household_id not in keep:
                _remove(s, row, f"重新抽取（种子 {seed}）")
        for household_id in chosen:
            _add(s, rows, household_id, year, f"draw:{seed}", "")
        detail = {"year": year, "area": area_prefix, "size": size, "seed": seed,
                  "eligible": len(eligible), "households": chosen}  # fmt: skip
        doer.record(s, "income_sample_draw", detail)
    return seed, chosen


def _within(s: Session, row: IncomeSample, area_prefix: str) -> bool:
    household = s.get(Household, row.household_id)
    return household is not None and household.area_code.startswith(area_prefix)


def find_household(s: Session, key: str) -> Household:
    """A live household by its id, 户口号, or its head's or a member's 身份证号 (AdminError
    if none or several)."""
    key = key.strip()
    found = list(
        s.scalars(
            select(Household).where(
                Household.deleted.is_(False),
                or_(Household.id == key, Household.hukou_number == key,
                    Household.head_id_number == key.upper(),
                    Household.id.in_(select(Person.household_id).where(
                        Person.id_number == key.upper(), Person.deleted.is_(False)))),
            )
        )
    )  # fmt: skip
    if not found:
        raise AdminError(f"没有户“{key}”（可用户ID、户口号或户主身份证号）")
    if len(found) > 1:
        raise AdminError(f"“{key}”对应 {len(found)} 户，请改用户ID")
    return found[0]


def _eligible_ids(s: Session) -> set[str]:
    return {h for h, _ in income_sample.eligible(s)}


def read_keys(path: Path) -> list[str]:
    """The households of a list file: one per line (.txt) or the first column (.csv,
    .xlsx); a first line that is a heading (户ID, 户口号, 户主身份证号) is skipped."""
    try:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook  # type: ignore[import-untyped]

            sheet = load_workbook(path, read_only=True).active
            cells = [str(r[0]).strip() for r in sheet.iter_rows(values_only=True) if r and r[0]]
        else:
            with path.open(encoding="utf-8-sig", newline="") as f:
                cells = [r[0].strip() for r in csv.reader(f) if r and r[0].strip()]
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise AdminError(f"无法读取名单文件 {path}：{exc}") from exc
    if cells and cells[0] in HEADINGS:
        cells = cells[1:]
    return list(dict.fromkeys(cells))


def set_list(database: db.ServerDatabase, year: int, path: Path, *, doer: Doer = CLI) -> list[str]:
    """The year's sample becomes exactly the households of the file (refused whole, nothing
    changed, if a line names no household or one not eligible); returns their ids."""
    keys = read_keys(path)
    if not keys:
        raise AdminError(f"名单文件 {path} 中没有户")
    return set_households(database, year, keys, path.name, doer=doer)


def set_households(
    database: db.ServerDatabase,
    year: int,
    keys: list[str],
    source: str,
    *,
    area_prefix: str = "",
    doer: Doer = CLI,
) -> list[str]:
    """The year's sample (of the area, when given) becomes exactly these households (by id,
    户口号 or 户主身份证号; refused whole if one is unknown, not eligible or outside the
    area); returns their ids."""
    with database.write() as s:
        ledger.lock(s)
        eligible = _eligible_ids(s)
        ids, faults = [], []
        for line, key in enumerate(keys, 1):
            try:
                household = find_household(s, key)
            except AdminError as exc:
                faults.append(f"第{line}项：{exc}")
                continue
            if not household.area_code.startswith(area_prefix):
                faults.append(f"第{line}项：户“{key}”不在所管区域内")
            elif household.id not in eligible:
                faults.append(f"第{line}项：户“{key}”没有在册持证残疾人，不能作为样本户")
            ids.append(household.id)
        if faults:
            raise AdminError("名单未导入：\n" + "\n".join(faults))
        rows = _live(s, year)
        for row in rows.values():
            if not row.deleted and row.household_id not in ids and _within(s, row, area_prefix):
                _remove(s, row, f"按名单 {source} 替换")
        for household_id in ids:
            _add(s, rows, household_id, year, f"list:{source}"[:80], "")
        detail = {"year": year, "area": area_prefix, "file": source, "households": ids}
        doer.record(s, "income_sample_set", detail)
    return ids


def change(
    database: db.ServerDatabase,
    year: int,
    key: str,
    reason: str,
    *,
    add: bool,
    doer: Doer = CLI,
) -> str:
    """Add a household to the year's sample or remove it, with the reason; returns its id."""
    if not reason.strip():
        raise AdminError("请写明原因")
    with database.write() as s:
        ledger.lock(s)
        household = find_household(s, key)
        rows = _live(s, year)
        row = rows.get(household.id)
        sampled = row is not None and not row.deleted
        if add:
            if sampled:
                raise AdminError(f"户“{key}”已在 {year} 年样本中")
            if household.id not in _eligible_ids(s):
                raise AdminError(f"户“{key}”没有在册持证残疾人，不能作为样本户")
            _add(s, rows, household.id, year, "added", reason.strip())
        else:
            if row is None or not sampled:
                raise AdminError(f"户“{key}”不在 {year} 年样本中")
            _remove(s, row, reason.strip())
        action = "income_sample_add" if add else "income_sample_remove"
        doer.record(s, action, {"year": year, "household": household.id,
                                "reason": reason.strip()})  # fmt: skip
    return household.id


def listing(database: db.ServerDatabase, year: int, area_prefix: str = "") -> list[SampleRow]:
    """The year's sample (of the area, when given), by village and household."""
    with database.read() as s:
        query = (
            select(IncomeSample, Household, Area.name)
            .join(Household, Household.id == IncomeSample.household_id)
            .outerjoin(Area, Area.code == Household.area_code)
            .where(IncomeSample.year == year, IncomeSample.deleted.is_(False))
            .where(Household.area_code.startswith(area_prefix, autoescape=True))
            .order_by(Household.area_code, Household.id)
        )
        return [
            SampleRow(
                h.id, h.area_code, name or "", h.head_name, h.hukou_number, r.chosen, r.reason
            )
            for r, h, name in s.execute(query)
        ]
