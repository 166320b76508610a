"""Subsidy money stays integer fen: no amount is divided with / or turned into a float."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MONEY_WORDS = ("fen", "amount", "yuan", "standard")


def subsidy_modules() -> list[Path]:
    """Every module about the subsidies: rules, settings, use cases, screens, demo."""
    return sorted(p for d in ("app", "ui", "sync") for p in (ROOT / d).rglob("*subsid*.py"))


def _money(node: ast.AST) -> bool:
    return any(word in ast.unparse(node).lower() for word in MONEY_WORDS)


def floats_in(source: str, name: str) -> list[str]:
    """Where money is divided with / (a float) or passed to float()."""
    found = []
    for node in ast.walk(ast.parse(source)):
        divided = isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div) and _money(node)
        floated = (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "float"
            and any(_money(arg) for arg in node.args)
        )
        if divided or floated:
            found.append(f"{name}:{getattr(node, 'lineno', 0)} {ast.unparse(node)}")
    return found


def test_the_scan_sees_every_subsidy_module_and_finds_a_float() -> None:
    names = {p.name for p in subsidy_modules()}
    assert {"subsidies.py", "subsidy_settings.py", "subsidy_steps.py", "subsidy_panel.py"} <= names
    assert floats_in("x = s.amount_fen / 100\ny = float(amount)\nz = folder / 'a'", "t") == [
        "t:1 s.amount_fen / 100",
        "t:2 float(amount)",
    ]


def test_no_subsidy_amount_becomes_a_float() -> None:
    problems = [
        problem
        for path in subsidy_modules()
        for problem in floats_in(path.read_text(encoding="utf-8"), path.name)
    ]
    assert problems == []
