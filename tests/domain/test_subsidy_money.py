"""Money stays integer fen or Decimal in every module of app/, ui/ and sync/.

What the scan catches, in any expression that names money (an identifier, attribute or
key with a part fen, yuan, amount, price, cost, cap, income, spending, salary, wage,
pension or standard, e.g. `case.cap_fen`, `line["unit_price_fen"]`, `living_subsidy_yuan`):
- a true division `/` (an int divided is a float), unless its left side is `Decimal(...)`;
- `float(...)` of it, and `round(...)` of it (rounding a float to two decimals);
- a multiplication by a float literal (`price_yuan * 100.0`).
What it cannot see: money in variables named otherwise (`value`, `x`); those are kept
honest by the tests of each figure and paper. The one place fen become a plain number
(form answers and spin boxes take only numbers) is `app.domain.money.yuan_number`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MONEY_PARTS = frozenset(
    {"fen", "yuan", "amount", "price", "cost", "cap", "income", "spending", "salary", "wage",
     "pension", "standard"}
)  # fmt: skip
#: (module, function) allowed to turn money into a float, with why
ALLOWED = {
    ("app/domain/money.py", "yuan_number"): "the one number-only outlet, exact to the fen",
    ("app/demo/district.py", "build_demo_district"): "how many households the income sample has",
}


def modules() -> list[Path]:
    """Every Python module of the program, the server and the demo."""
    return sorted(p for d in ("app", "ui", "sync") for p in (ROOT / d).rglob("*.py"))


def _parts(name: str) -> set[str]:
    return {p for p in re.split(r"[^a-z0-9]+", name.lower()) if p}


def _money(node: ast.AST) -> bool:
    """Whether an expression names money (names, attributes, constant keys)."""
    for sub in ast.walk(node):
        name = ""
        if isinstance(sub, ast.Name):
            name = sub.id
        elif isinstance(sub, ast.Attribute):
            name = sub.attr
        elif isinstance(sub, ast.Constant) and isinstance(sub.value, str) and len(sub.value) < 40:
            name = sub.value
        if _parts(name) & MONEY_PARTS:
            return True
    return False


def _decimal(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Decimal"


def _called(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and getattr(node.func, "id", "") == name


def floats_in(source: str, name: str) -> list[str]:
    """Where money goes through a float (see the module's docstring for what is caught)."""
    found = []
    tree = ast.parse(source)
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and (name, node.name) in ALLOWED:
            allowed |= {getattr(n, "lineno", 0) for n in ast.walk(node)}
    for node in ast.walk(tree):
        hit = False
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            hit = _money(node) and not _decimal(node.left)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            floats = [s for s in (node.left, node.right) if isinstance(s, ast.Constant)]
            hit = _money(node) and any(isinstance(s.value, float) for s in floats)
        elif _called(node, "float") or _called(node, "round"):
            args = node.args[:1] if isinstance(node, ast.Call) else []
            hit = any(_money(a) and not _decimal(a) for a in args)
        if hit and getattr(node, "lineno", 0) not in allowed:
            found.append(f"{name}:{getattr(node, 'lineno', 0)} {ast.unparse(node)}")
    return found


def test_the_scan_sees_every_module_and_finds_each_kind_of_float() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in modules()}
    assert {"app/domain/subsidies.py", "app/reports/figure.py", "ui/pages/household.py",
            "app/printing/case_papers.py", "sync/server/changes.py"} <= names  # fmt: skip
    source = "\n".join(
        [
            "x = s.amount_fen / 100",  # caught
            "y = float(amount)",  # caught
            'z = f"{c.total_fen / 100:,.2f}"',  # caught inside an f-string
            'w = int(line.get("unit_price_fen") or 0) / 100',  # caught by its key
            "v = round(living_subsidy_yuan, 2)",  # caught
            "u = price_yuan * 100.0",  # caught
            "ok = folder / 'a'",  # a path, not money
            "ok = Decimal(total_fen) / count",  # exact
            "ok = fen // 100, fen % 100",  # integers
            "ok = 100.0 * part / whole",  # a share, not money
        ]
    )
    assert sorted(line.split(" ", 1)[0] for line in floats_in(source, "t")) == [
        "t:1", "t:2", "t:3", "t:4", "t:5", "t:6"
    ]  # fmt: skip


def test_the_one_outlet_is_allowed_and_nothing_else() -> None:
    money = ROOT / "app/domain/money.py"
    assert floats_in(money.read_text(encoding="utf-8"), "app/domain/money.py") == []
    assert floats_in(money.read_text(encoding="utf-8"), "elsewhere.py") != []


def test_no_money_goes_through_a_float() -> None:
    problems = [
        problem
        for path in modules()
        for problem in floats_in(
            path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix()
        )
    ]
    assert problems == []


def test_yuan_and_back_are_exact_to_the_fen() -> None:
    from decimal import Decimal

    from app.domain.money import fen_of, yuan, yuan_number, yuan_text

    assert yuan(123010) == Decimal("1230.10") and yuan_text(123010) == "1230.10"
    assert yuan_text(123456789, grouped=True) == "1,234,567.89"
    assert yuan_number(552000) == 5520 and isinstance(yuan_number(552000), int)
    assert yuan_number(1) == 0.01
    # every fen amount survives the trip through the number outlet (a spin box, an answer)
    assert all(fen_of(yuan_number(fen)) == fen for fen in range(0, 200_001, 7))
    assert fen_of(Decimal("0.005")) == 1 and fen_of("12.34") == 1234
