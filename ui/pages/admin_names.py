"""Words for the ids the server's records keep: areas by their names, households by the
head's name, devices by their name and owner (a clerk reads names, not uuids or codes)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select

from app.domain.codes import load_code_lists
from app.exports.templates import ExportTemplate, all_templates
from app.store.registry import Area, Household, Person
from ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from app.store.database import Database
    from sync.admin_protocol import AdminDevice

#: the digits of a whole area code (a shorter prefix is filled up with zeros)
AREA_CODE_DIGITS = 12
#: the households named in a line at most; more are counted
NAMED_AT_MOST = 3


@functools.cache
def _templates() -> dict[str, ExportTemplate]:
    try:
        return all_templates()
    except (OSError, ValueError):  # a broken template folder: the ids are shown
        return {}


def _tr(text: str) -> str:
    return QCoreApplication.translate("AdminNames", text)


@dataclass
class Names:
    """The names this laptop and the server's device list know, by id."""

    areas: dict[str, str] = field(default_factory=dict)
    households: dict[str, str] = field(default_factory=dict)
    devices: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, db: Database, household_ids: Iterable[str], devices: list[AdminDevice]) -> Names:
        """The areas and the households asked for from this laptop, the devices as the
        server listed them (by the device's id and by the laptop's client id)."""
        wanted = sorted(set(household_ids))
        with db.session() as s:
            areas = {code: name for code, name in s.execute(select(Area.code, Area.name))}
            query = select(Household.id, Household.head_name, Household.head_id_number).where(
                Household.id.in_(wanted)
            )
            heads = {rid: (head, number) for rid, head, number in s.execute(query)}
            # a roster row may give the head's number only: the head is that person
            members = select(Person.household_id, Person.name, Person.id_number).where(
                Person.household_id.in_(wanted)
            )
            people: dict[str, list[tuple[str, str]]] = {}
            for household_id, name, number in s.execute(members):
                people.setdefault(household_id, []).append((name, number))
        named_heads = {}
        for rid, (head, number) in heads.items():
            persons = people.get(rid, [])
            by_number = [name for name, n in persons if number and n == number]
            named_heads[rid] = head or next(iter(by_number + [p[0] for p in persons]), "")
        named: dict[str, str] = {}
        for d in devices:
            words = (
                _tr(QT_TRANSLATE_NOOP("AdminNames", "%1 的“%2”"))
                .replace("%1", d.username)
                .replace("%2", d.name)
                if d.name
                else _tr(QT_TRANSLATE_NOOP("AdminNames", "%1 的电脑")).replace("%1", d.username)
            )
            named[d.id] = named[d.client_id] = words
        return cls(areas, named_heads, named)

    def area(self, code: str) -> str:
        """An area's name (a code the laptop does not know stays as it is)."""
        return self.areas.get(code.ljust(AREA_CODE_DIGITS, "0"), code) if code else ""

    def household(self, household_id: str) -> str:
        head = self.households.get(household_id)
        if head is None:
            return _tr(QT_TRANSLATE_NOOP("AdminNames", "本机没有的一户"))
        return (
            _tr(QT_TRANSLATE_NOOP("AdminNames", "%1 户")).replace("%1", head)
            if head
            else _tr(QT_TRANSLATE_NOOP("AdminNames", "户主未填的一户"))
        )

    def household_list(self, household_ids: list[str]) -> str:
        """Up to three households by head, then how many in all."""
        shown = "、".join(self.household(h) for h in household_ids[:NAMED_AT_MOST])
        if len(household_ids) <= NAMED_AT_MOST:
            return shown
        return (
            _tr(QT_TRANSLATE_NOOP("AdminNames", "%1 等 %2 户"))
            .replace("%1", shown)
            .replace("%2", str(len(household_ids)))
        )

    def template(self, template_id: str) -> str:
        """An export by its title (one this program does not have: its id)."""
        found = _templates().get(template_id)
        return found.title if found is not None else template_id

    def change_source(self, code: str) -> str:
        """Where a change list came from, by its label."""
        sources = load_code_lists()["change_source"]
        return sources.label(code) if code in sources.codes else code

    def device(self, device_id: str) -> str:
        """A device by its name and owner (one no longer listed: said so)."""
        return self.devices.get(
            device_id, _tr(QT_TRANSLATE_NOOP("AdminNames", "不在本区设备列表中的设备"))
        )
