"""Skip logic on a blank form: which items are certainly skipped before any answer is given.

A blank pre-filled form knows the person (age, category, grade...) but not the answers.
An item is certainly skipped when its condition (or its part's) is false whatever the
answers are: ``method != '4' and age >= 16`` for a 70-year-old. Conditions are read with
three values (true, false, unknown) so that the parts that depend on answers stay open.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import Any

from simpleeval import EvalWithCompoundTypes

from app.forms.context import CONTEXT_NAMES, FormContext
from app.forms.definition import FormDefinition, Item
from app.forms.expressions import FUNCTIONS, Expression


class _Unknown:
    """The value of a condition that depends on answers not given yet."""


UNKNOWN: Any = _Unknown()


def _reads(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} - set(FUNCTIONS)


def _value(node: ast.expr, evaluator: EvalWithCompoundTypes, known: set[str]) -> Any:
    if isinstance(node, ast.BoolOp):
        values = [_value(v, evaluator, known) for v in node.values]
        settled = [bool(v) for v in values if v is not UNKNOWN]
        if isinstance(node.op, ast.And):
            if not all(settled):
                return False
            return True if len(settled) == len(values) else UNKNOWN
        if any(settled):
            return True
        return False if len(settled) == len(values) else UNKNOWN
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        inner = _value(node.operand, evaluator, known)
        return UNKNOWN if inner is UNKNOWN else not inner
    if not _reads(node) <= known:
        return UNKNOWN
    try:
        return evaluator.eval("", previously_parsed=node)
    except Exception:  # a missing fact (no valid ID, so no age): not known
        return UNKNOWN


def _false(
    expression: Expression | None, evaluator: EvalWithCompoundTypes, known: set[str]
) -> bool:
    if expression is None:
        return False
    result = _value(expression.tree, evaluator, known)
    return result is not UNKNOWN and not result


def certainly_skipped(definition: FormDefinition, context: FormContext) -> set[str]:
    """Names of the top-level items whose condition is false whatever the answers.

    The answer of a skipped item is known (empty), so an item that depends only on
    skipped items and the person's facts is decided too: R12 (why not in school) for
    a 40-year-old, whose R11 (in school, 6-17) is skipped.
    """
    functions = dict(FUNCTIONS, age_of=context.age_of)
    names = context.names()
    names.update(dict.fromkeys(definition.items))
    evaluator = EvalWithCompoundTypes(names=names, functions=functions)
    known = set(CONTEXT_NAMES)
    skipped: set[str] = set()
    sections: dict[str, bool] = {}
    for name in definition.order:
        item = definition.items[name]
        if item.section not in sections:
            section = definition.section_of(item)
            sections[item.section] = _false(section.relevant, evaluator, known)
        if sections[item.section] or _false(item.relevant, evaluator, known):
            skipped.add(name)
            known.add(name)  # its answer is cleared: None, for the items after it
    return skipped


def depends_on(item: Item, definition: FormDefinition) -> str:
    """The items an item's condition reads, as printed: "R16、「调查方式」" ('' if none)."""
    if item.relevant is None:
        return ""
    return _names(item.relevant.names - set(CONTEXT_NAMES), definition)


def _names(names: Iterable[str], definition: FormDefinition) -> str:
    shown = []
    for name in sorted(
        names, key=lambda n: definition.order.index(n) if n in definition.order else 0
    ):
        item = definition.items.get(name)
        if item is not None:
            shown.append(item.number or f"「{item.label}」")
    return "、".join(shown)
