"""The review queue: submitted responses of the reviewer's areas, as a table model.

`submitted` reads the rows (plain Python, run off the UI thread); the model holds
them (ids and cached rows, no rules) and shows them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from sqlalchemy import or_, select

from app.domain import workflow
from app.forms.context import FormContext
from app.forms.definition import FormDefinition
from app.forms.engine import Difference
from app.forms.loader import get_form
from app.services.responses import Responses
from app.store import changes
from app.store.database import Database
from app.store.registry import Area, Household, Person
from app.store.work import FormResponse
from ui.i18n import QT_TRANSLATE_NOOP
from ui.timefmt import local_text

Index = QModelIndex | QPersistentModelIndex
#: the forms' short names (translated by ReviewQueueModel.tr when shown)
FORM_TITLES = {
    "dynamic-update": QT_TRANSLATE_NOOP("ReviewQueueModel", "动态更新调查表"),
    "income-monitoring": QT_TRANSLATE_NOOP("ReviewQueueModel", "家庭收入监测表"),
}


@dataclass(frozen=True)
class QueueRow:
    """One submitted response waiting for review."""

    response_id: str
    household_id: str
    village: str
    name: str
    form: str  # the form's short name, untranslated (the model translates it)
    survey_round: str
    submitted_at: str
    member: str


def _submitted_at(history: list[Any]) -> str:
    for entry in reversed(history or []):
        if isinstance(entry, dict) and entry.get("to") == workflow.SUBMITTED:
            return local_text(entry.get("at"))
    return ""


def submitted(db: Database, prefixes: Sequence[str]) -> list[QueueRow]:
    """Submitted responses of households in the areas (code prefixes), oldest first."""
    if not prefixes:
        return []
    query = (
        select(FormResponse, Household.head_name, Area.name, Person.name)
        .join(Household, Household.id == FormResponse.household_id)
        .join(Area, Area.code == Household.area_code)
        .outerjoin(Person, Person.id == FormResponse.person_id)
        .where(
            FormResponse.state == workflow.SUBMITTED,
            FormResponse.deleted.is_(False),
            or_(*(Household.area_code.startswith(p) for p in prefixes)),
        )
    )
    with db.session() as s:
        rows = [
            QueueRow(
                response_id=r.id,
                household_id=r.household_id,
                village=village,
                name=person or head or "",
                form=FORM_TITLES.get(r.form_id, r.form_id),
                survey_round=r.survey_round,
                submitted_at=_submitted_at(r.state_history),
                member=r.filled_by,
            )
            for r, head, village, person in s.execute(query)
        ]
    return sorted(rows, key=lambda row: (row.submitted_at, row.village, row.name))


@dataclass(frozen=True)
class ReviewDetail:
    """One response opened for review, with last year's answers and the differences."""

    response_id: str
    state: str
    form: FormDefinition
    context: FormContext
    answers: dict[str, Any]
    last: dict[str, Any] | None
    differences: list[Difference]
    confirmed_warnings: list[str]


def load_detail(responses: Responses, response_id: str) -> ReviewDetail:
    """Read one response for review (off the UI thread)."""
    with responses.db.session() as s:
        response = changes.get_live(s, FormResponse, response_id)
        detail = ReviewDetail(
            response_id=response.id,
            state=response.state,
            form=get_form(response.form_id, response.form_version),
            context=responses.context(s, response),
            answers=dict(response.answers),
            last=responses.last_accepted(s, response),
            differences=[],
            confirmed_warnings=list(response.answers.get("_confirmed_warnings") or []),
        )
    differences = responses.differences(response_id)
    return dataclasses.replace(detail, differences=differences)


class ReviewQueueModel(QAbstractTableModel):
    """The queue's rows: village, name, form, round, submitted at, member."""

    #: (attribute, header): the headers are translated when shown
    COLUMNS: tuple[tuple[str, str], ...] = (
        ("village", QT_TRANSLATE_NOOP("ReviewQueueModel", "村/社区")),
        ("name", QT_TRANSLATE_NOOP("ReviewQueueModel", "姓名")),
        ("form", QT_TRANSLATE_NOOP("ReviewQueueModel", "表")),
        ("survey_round", QT_TRANSLATE_NOOP("ReviewQueueModel", "年度")),
        ("submitted_at", QT_TRANSLATE_NOOP("ReviewQueueModel", "提交时间")),
        ("member", QT_TRANSLATE_NOOP("ReviewQueueModel", "填表人")),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[QueueRow] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            key = self.COLUMNS[index.column()][0]
            shown = str(getattr(row, key))
            return self.tr(shown) if key == "form" else shown
        if role == Qt.ItemDataRole.UserRole:
            return row.response_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr(self.COLUMNS[section][1]) if 0 <= section < len(self.COLUMNS) else None
        return str(section + 1) if 0 <= section < len(self.rows) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def set_rows(self, rows: list[QueueRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_of(self, response_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.response_id == response_id), -1)

    def remove(self, response_id: str) -> None:
        """Drop a reviewed response from the queue."""
        row = self.row_of(response_id)
        if row >= 0:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()
