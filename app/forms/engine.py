"""The form engine: relevance, calculations, validation, cleaning, pre-filling, differences.

One `FormEngine` serves one definition. Every method takes the answers (a dict
keyed by item name; a repeat's answer is a list of row dicts) and a
`FormContext`, and is fast enough to run on every keystroke.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from simpleeval import EvalWithCompoundTypes

from app.domain.areas import is_area_code
from app.domain.identity import check_resident_id
from app.domain.messages import message_for
from app.domain.phone import check_phone
from app.forms.context import FormContext
from app.forms.definition import (
    CHOICE_TYPES,
    NUMBER_TYPES,
    FormDefinition,
    Item,
)
from app.forms.expressions import FUNCTIONS, Expression
from app.forms.messages import render


@dataclass(frozen=True)
class FormIssue:
    """An error (blocks completion) or warning (asks to confirm) on one item, maybe one row."""

    item: str
    level: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None

    @property
    def message(self) -> str:
        return render(self.code, self.params)

    @property
    def is_error(self) -> bool:
        return self.level == "error"


@dataclass
class Evaluation:
    """What the definition makes of the answers: effective values and relevance."""

    values: dict[str, Any]
    relevant: dict[str, bool]
    #: per repeat, per row: relevance of each column
    row_relevant: dict[str, list[dict[str, bool]]]


@dataclass(frozen=True)
class Difference:
    """An answer that differs from last round's accepted response."""

    item: str
    title: str
    before: Any
    after: Any


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list) and all(isinstance(x, str) for x in a + b):
        return sorted(a) == sorted(b)
    return bool(a == b)


class FormEngine:
    """Applies one form definition to responses."""

    def __init__(self, definition: FormDefinition) -> None:
        self.definition = definition

    # -- evaluation -------------------------------------------------------------------

    def _evaluator(self, context: FormContext) -> EvalWithCompoundTypes:
        names = context.names()
        names.update(dict.fromkeys(self.definition.items))
        functions = dict(FUNCTIONS, age_of=context.age_of)
        return EvalWithCompoundTypes(names=names, functions=functions)

    @staticmethod
    def _run(evaluator: EvalWithCompoundTypes, expression: Expression) -> Any:
        try:
            return evaluator.eval(expression.source, previously_parsed=expression.tree)
        except Exception:
            return _UNKNOWN

    def _is_relevant(self, evaluator: EvalWithCompoundTypes, expression: Expression | None) -> bool:
        if expression is None:
            return True
        result = self._run(evaluator, expression)
        return True if result is _UNKNOWN else bool(result)

    def evaluate(self, answers: Mapping[str, Any], context: FormContext) -> Evaluation:
        definition = self.definition
        evaluator = self._evaluator(context)
        names: dict[str, Any] = evaluator.names
        values: dict[str, Any] = {}
        relevant: dict[str, bool] = {}
        row_relevant: dict[str, list[dict[str, bool]]] = {}
        section_relevant: dict[str, bool] = {}
        for name in definition.order:
            item = definition.items[name]
            sid = item.section
            if sid not in section_relevant:
                section = definition.section_of(item)
                section_relevant[sid] = self._is_relevant(evaluator, section.relevant)
            is_relevant = section_relevant[sid] and self._is_relevant(evaluator, item.relevant)
            relevant[name] = is_relevant
            if not is_relevant:
                value: Any = None
            elif item.type == "repeat":
                value, row_relevant[name] = self._rows(item, answers.get(name), evaluator)
            elif item.calculate is not None:
                result = self._run(evaluator, item.calculate)
                value = None if result is _UNKNOWN else result
            elif item.type == "note":
                value = None
            else:
                value = answers.get(name)
            values[name] = value
            names[name] = value
        return Evaluation(values=values, relevant=relevant, row_relevant=row_relevant)

    def _rows(
        self, repeat: Item, raw: Any, evaluator: EvalWithCompoundTypes
    ) -> tuple[list[dict[str, Any]], list[dict[str, bool]]]:
        if not isinstance(raw, list):
            return ([], []) if raw is None else (raw, [])
        rows: list[dict[str, Any]] = []
        relevance: list[dict[str, bool]] = []
        outer = evaluator.names
        order = self.definition.repeat_order[repeat.name]
        columns = {c.name: c for c in repeat.items}
        try:
            for raw_row in raw:
                source = raw_row if isinstance(raw_row, Mapping) else {}
                evaluator.names = dict(outer)
                row: dict[str, Any] = {}
                row_rel: dict[str, bool] = {}
                for name in order:
                    column = columns[name]
                    ok = self._is_relevant(evaluator, column.relevant)
                    row_rel[name] = ok
                    if not ok:
                        value = None
                    elif column.calculate is not None:
                        result = self._run(evaluator, column.calculate)
                        value = None if result is _UNKNOWN else result
                    else:
                        value = source.get(name)
                    row[name] = value
                    evaluator.names[name] = value
                rows.append(row)
                relevance.append(row_rel)
        finally:
            evaluator.names = outer
        return rows, relevance

    # -- validation -------------------------------------------------------------------

    def validate(
        self,
        answers: Mapping[str, Any],
        context: FormContext,
        *,
        last: Mapping[str, Any] | None = None,
    ) -> list[FormIssue]:
        """Errors and warnings of a response, each naming its item (and row)."""
        evaluation = self.evaluate(answers, context)
        evaluator = self._evaluator(context)
        evaluator.names.update(evaluation.values)
        issues: list[FormIssue] = []
        for section in self.definition.sections:
            for item in section.items:
                if not evaluation.relevant.get(item.name):
                    continue
                value = evaluation.values.get(item.name)
                if item.type == "repeat":
                    issues += self._check_repeat(item, value, evaluation, evaluator)
                    continue
                issues += self._check_item(item, value, evaluator, None)
                if item.note_on_change and last is not None:
                    issues += self._check_change(item, value, answers, last)
        return issues

    def _check_repeat(
        self,
        repeat: Item,
        rows: Any,
        evaluation: Evaluation,
        evaluator: EvalWithCompoundTypes,
    ) -> list[FormIssue]:
        label = repeat.title
        if not isinstance(rows, list):
            return [FormIssue(repeat.name, "error", "form.rows", {"label": label})]
        issues: list[FormIssue] = []
        count = len(rows)
        if self._required(repeat, evaluator) and count == 0:
            issues.append(FormIssue(repeat.name, "error", "form.required", {"label": label}))
        if count < repeat.min_rows and count > 0:
            issues.append(
                FormIssue(
                    repeat.name,
                    "error",
                    "form.rows_min",
                    {"label": label, "min": repeat.min_rows, "count": count},
                )
            )
        if repeat.max_rows is not None and count > repeat.max_rows:
            issues.append(
                FormIssue(
                    repeat.name,
                    "error",
                    "form.rows_max",
                    {"label": label, "max": repeat.max_rows, "count": count},
                )
            )
        outer = evaluator.names
        try:
            for index, row in enumerate(rows):
                evaluator.names = dict(outer, **row)
                relevance = evaluation.row_relevant.get(repeat.name, [])
                for column in repeat.items:
                    if index < len(relevance) and not relevance[index].get(column.name, True):
                        continue
                    issues += self._check_item(column, row.get(column.name), evaluator, index)
        finally:
            evaluator.names = outer
        issues += self._constraints(repeat, evaluator, None)
        return issues

    @staticmethod
    def _required(item: Item, evaluator: EvalWithCompoundTypes) -> bool:
        if isinstance(item.required, bool):
            return item.required
        result = FormEngine._run(evaluator, item.required)
        return False if result is _UNKNOWN else bool(result)

    def _check_item(
        self, item: Item, value: Any, evaluator: EvalWithCompoundTypes, row: int | None
    ) -> list[FormIssue]:
        if item.type == "note" or item.calculate is not None:
            return self._constraints(item, evaluator, row)
        label = item.title + (f"（第{row + 1}行）" if row is not None else "")
        if is_empty(value):
            if self._required(item, evaluator):
                return [FormIssue(item.name, "error", "form.required", {"label": label}, row)]
            return []
        problem = check_value(item, value)
        if problem is not None:
            code, params = problem
            return [FormIssue(item.name, "error", code, {"label": label, **params}, row)]
        return self._constraints(item, evaluator, row)

    def _constraints(
        self, item: Item, evaluator: EvalWithCompoundTypes, row: int | None
    ) -> list[FormIssue]:
        issues = []
        label = item.title + (f"（第{row + 1}行）" if row is not None else "")
        for constraint in item.constraints:
            result = self._run(evaluator, constraint.expression)
            if result is not _UNKNOWN and not result:
                issues.append(
                    FormIssue(
                        item.name,
                        constraint.level,
                        "form.constraint",
                        {"label": label, "text": constraint.message},
                        row,
                    )
                )
        return issues

    def _check_change(
        self, item: Item, value: Any, answers: Mapping[str, Any], last: Mapping[str, Any]
    ) -> list[FormIssue]:
        before = last.get(item.name)
        if is_empty(before) or is_empty(value) or _same(before, value):
            return []
        notes = answers.get("_notes") or {}
        if isinstance(notes, Mapping) and str(notes.get(item.name) or "").strip():
            return []
        return [
            FormIssue(
                item.name,
                "warning",
                "form.change_needs_note",
                {
                    "label": item.title,
                    "before": self.show(item, before),
                    "after": self.show(item, value),
                },
            )
        ]

    # -- saving, pre-filling, comparing --------------------------------------------------

    def clean(self, answers: Mapping[str, Any], context: FormContext) -> dict[str, Any]:
        """The answers to save: irrelevant items dropped, calculated values filled in."""
        evaluation = self.evaluate(answers, context)
        cleaned: dict[str, Any] = {}
        for name in self.definition.order:
            item = self.definition.items[name]
            value = evaluation.values.get(name)
            if not evaluation.relevant.get(name) or item.type == "note" or is_empty(value):
                continue
            if item.type == "repeat" and isinstance(value, list):
                value = [{k: v for k, v in row.items() if not is_empty(v)} for row in value]
            cleaned[name] = value
        for key, value in answers.items():
            if key.startswith("_"):  # notes, signature reason, confirmed warnings
                cleaned[key] = copy.deepcopy(value)
        return cleaned

    def prefill(
        self, context: FormContext, last: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        """A new response's answers from the registry and last round's accepted response."""
        answers: dict[str, Any] = {}
        for item in self.definition.top_items():
            source = item.prefill
            if source is None:
                continue
            if source == "last":
                value = (last or {}).get(item.name)
            else:
                value = context.registry.get(source)
            if not is_empty(value):
                answers[item.name] = copy.deepcopy(value)
        return answers

    def differences(
        self, answers: Mapping[str, Any], last: Mapping[str, Any] | None, context: FormContext
    ) -> list[Difference]:
        """Answers that differ from last round's accepted response (calculations and this
        visit's own facts excluded: a new interviewer or date is no change of the person).

        An answer left behind on an item that no longer applies counts as no answer.
        """
        if not last:
            return []
        values = self.evaluate(answers, context).values
        found = []
        for item in self.definition.top_items():
            if (not item.is_input and item.type != "repeat") or item.visit_fact:
                continue
            before, after = last.get(item.name), values.get(item.name)
            if item.type == "repeat":
                before, after = self._entered_rows(item, before), self._entered_rows(item, after)
            if is_empty(before) and is_empty(after):
                continue
            if not _same(before, after):
                found.append(Difference(item.name, item.title, before, after))
        return found

    @staticmethod
    def _entered_rows(repeat: Item, rows: Any) -> Any:
        """A table's rows as entered: typed columns with a value (for comparing rounds)."""
        if not isinstance(rows, list):
            return rows
        typed = {c.name for c in repeat.items if c.is_input and not c.visit_fact}
        return [
            {k: v for k, v in row.items() if k in typed and not is_empty(v)}
            for row in rows
            if isinstance(row, Mapping)
        ]

    def show(self, item: Item, value: Any) -> str:
        """An answer in words: option labels for choices."""
        if is_empty(value):
            return "（空）"
        if item.type in CHOICE_TYPES:
            codes = value if isinstance(value, list) else [value]
            return "、".join(item.option_label(str(c)) for c in codes)
        return str(value)


class _Unknown:
    """An expression that could not be evaluated (a value missing or of the wrong kind)."""


_UNKNOWN = _Unknown()


def check_value(item: Item, value: Any) -> tuple[str, dict[str, Any]] | None:
    """The type check of one non-empty answer: None, or (code, params)."""
    shown = {"value": value if not isinstance(value, list) else "、".join(map(str, value))}
    kind = item.type
    if kind in NUMBER_TYPES:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return ("form.integer" if kind == "integer" else "form.number"), shown
        if kind == "integer" and value != int(value):
            return "form.integer", shown
        if item.min is not None and value < item.min:
            return "form.min", {**shown, "min": item.min}
        if item.max is not None and value > item.max:
            return "form.max", {**shown, "max": item.max}
        return None
    if kind in ("single", "yesno"):
        return None if str(value) in item.option_codes else ("form.option", shown)
    if kind == "multi":
        if not isinstance(value, list):
            return "form.multi", shown
        codes = [str(v) for v in value]
        unknown = [c for c in codes if c not in item.option_codes]
        if unknown:
            return "form.option", {"value": "、".join(unknown)}
        if len(set(codes)) != len(codes):
            return "form.duplicate_option", shown
        if item.none is not None and item.none in codes and len(codes) > 1:
            return "form.none_exclusive", {"none": item.option_label(item.none)}
        return None
    if kind == "date":
        try:
            date.fromisoformat(str(value))
        except ValueError:
            return "form.date", shown
        return None
    if kind == "id_number":
        found = check_resident_id(str(value))
        return ("form.id_number", {"detail": message_for(found[0])}) if found else None
    if kind == "phone":
        found = check_phone(str(value))
        return ("form.phone", {"detail": message_for(found[0])}) if found else None
    if kind == "area":
        return None if is_area_code(str(value)) else ("form.area", shown)
    if kind == "gps":
        ok = isinstance(value, Mapping) and all(
            isinstance(value.get(k), int | float) for k in ("lat", "lon")
        )
        if not ok or not (-90 <= value["lat"] <= 90 and -180 <= value["lon"] <= 180):
            return "form.gps", shown
        return None
    if kind in ("photo", "signature"):
        ids = value if isinstance(value, list) else [value]
        return None if all(isinstance(v, str) and v for v in ids) else ("form.attachment", shown)
    if kind == "text" and not isinstance(value, str):
        return "form.text", shown
    return None
