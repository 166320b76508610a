"""The layering of ARCHITECTURE.md: app/ imports no Qt, requests or FastAPI."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_IN_APP = ("PySide6", "shiboken6", "requests", "fastapi", "uvicorn", "ui", "sync")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_app_imports_no_qt_requests_or_fastapi() -> None:
    offenders = []
    files = sorted((ROOT / "app").rglob("*.py"))
    assert len(files) > 20
    for path in files:
        for name in imported_modules(path):
            if name.split(".")[0] in FORBIDDEN_IN_APP:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport requests\n", encoding="utf-8")
    assert {"PySide6.QtCore", "requests"} <= imported_modules(sample)
