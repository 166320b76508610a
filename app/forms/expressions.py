"""The small safe expression language of form definitions.

An expression is Python syntax restricted to: names (answers, context values),
constants, `and`/`or`/`not`, comparisons (`in` included), arithmetic, `x if c
else y`, tuples and lists of values, and calls of the functions in `FUNCTIONS`.
No attribute access, no subscripts, no lambdas, comprehensions, f-strings or
imports. The tree is checked once, when the form is loaded; evaluation is done
by `simpleeval` on the checked tree, so nothing can reach Python itself.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from simpleeval import EvalWithCompoundTypes

MAX_LENGTH = 1000
MAX_DEPTH = 24
MAX_NODES = 300
MAX_EXPONENT = 8


class ExpressionError(ValueError):
    """An expression that does not parse or uses something the language refuses."""


def _number(value: Any) -> float:
    if value in (None, ""):
        return 0.0
    if isinstance(value, bool):
        return float(value)
    return float(value)


def _selected(value: Any, code: Any) -> bool:
    if isinstance(value, list | tuple):
        return str(code) in [str(v) for v in value]
    return value is not None and str(value) == str(code)


def _count_selected(value: Any) -> int:
    return len(value) if isinstance(value, list | tuple) else (0 if value in (None, "") else 1)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _rows(value: Any) -> list[Mapping[str, Any]]:
    return [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []


def _sum_of(rows: Any, field: str) -> float:
    return sum(_number(r.get(field)) for r in _rows(rows))


def _count_rows(rows: Any, field: str | None = None, code: Any = None) -> int:
    if field is None:
        return len(_rows(rows))
    return sum(1 for r in _rows(rows) if _selected(r.get(field), code))


def _coalesce(*values: Any) -> Any:
    return next((v for v in values if not _empty(v)), None)


def _round(value: Any, digits: int = 0) -> float:
    return round(_number(value), int(digits))


#: Functions an expression may call. `age_of` is added per evaluation (it needs the
#: reference date of the survey).
FUNCTIONS: dict[str, Callable[..., Any]] = {
    "selected": _selected,
    "count_selected": _count_selected,
    "empty": _empty,
    "filled": lambda value: not _empty(value),
    "sum_of": _sum_of,
    "count_rows": _count_rows,
    "number": _number,
    "coalesce": _coalesce,
    "abs": lambda value: abs(_number(value)),
    "min": lambda *values: min(_number(v) for v in values),
    "max": lambda *values: max(_number(v) for v in values),
    "round": _round,
    "floor": lambda value: math.floor(_number(value)),
    "len": lambda value: len(value) if isinstance(value, list | tuple | str) else 0,
    "age_of": lambda _id: None,
}

_ALLOWED_NODES = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.BinOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.FloorDiv,
    ast.Mod,
    ast.Pow,
    ast.UnaryOp,
    ast.Not,
    ast.USub,
    ast.UAdd,
    ast.Compare,
    ast.Eq,
    ast.NotEq,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.In,
    ast.NotIn,
    ast.IfExp,
    ast.Call,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.Tuple,
    ast.List,
)


@dataclass(frozen=True)
class Expression:
    """A checked expression, parsed once, with the names it reads."""

    source: str
    tree: ast.expr
    names: frozenset[str]

    def evaluate(self, names: Mapping[str, Any], functions: Mapping[str, Any]) -> Any:
        evaluator = EvalWithCompoundTypes(names=dict(names), functions=dict(functions))
        return evaluator.eval(self.source, previously_parsed=self.tree)


def _depth(root: ast.AST) -> int:
    """Nesting depth, counted without recursion (a hostile tree must not blow the stack)."""
    deepest = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def compile_expression(source: str, *, known_names: Iterable[str] | None = None) -> Expression:
    """Parse and check an expression; raise ExpressionError naming what is refused."""
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError("表达式为空")
    text = source.strip()
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"表达式太长（超过{MAX_LENGTH}个字符）")
    try:
        module = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"表达式写法有误：{exc.msg}") from exc
    except (RecursionError, MemoryError, ValueError) as exc:
        raise ExpressionError("表达式嵌套太深") from exc
    nodes = list(ast.walk(module))
    if len(nodes) > MAX_NODES:
        raise ExpressionError("表达式太复杂")
    if _depth(module) > MAX_DEPTH:
        raise ExpressionError("表达式嵌套太深")
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Attribute):
            raise ExpressionError(f"不允许访问属性：.{node.attr}")
        if isinstance(node, ast.Subscript):
            raise ExpressionError("不允许使用下标 [...]")
        if not isinstance(node, _ALLOWED_NODES):
            raise ExpressionError(f"不允许的写法：{type(node).__name__}")
        if isinstance(node, ast.Name):
            if node.id.startswith("_"):
                raise ExpressionError(f"不允许的名称：{node.id}")
            names.add(node.id)
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
                called = node.func.id if isinstance(node.func, ast.Name) else "?"
                raise ExpressionError(f"未知的函数：{called}")
            if node.keywords:
                raise ExpressionError("函数调用不能使用关键字参数")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            exponent = node.right
            if not (
                isinstance(exponent, ast.Constant)
                and isinstance(exponent.value, int | float)
                and abs(exponent.value) <= MAX_EXPONENT
            ):
                raise ExpressionError(f"乘方的指数必须是不超过{MAX_EXPONENT}的常数")
        elif isinstance(node, ast.Constant) and not isinstance(
            node.value, str | int | float | bool | type(None)
        ):
            raise ExpressionError("不允许的常量")
    read = names - set(FUNCTIONS)
    if known_names is not None:
        unknown = sorted(read - set(known_names))
        if unknown:
            raise ExpressionError(f"表达式用到未知的题目或变量：{'、'.join(unknown)}")
    return Expression(source=text, tree=module.body, names=frozenset(read))
