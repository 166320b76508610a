"""One place knows where the shipped resources are: app/resources.py.

The bundle (sys._MEIPASS), the source tree and an installed wheel put them in different
folders; a module that builds the path itself works in one of the three and breaks in the
others. The walk below fails on any other module of the program that names the resources
folder or PyInstaller's unpack folder. packaging/ is left out: its scripts edit the
source tree's resources on purpose (translations, the bundle's spec).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from app import resources
from app.domain.areas import default_areas_path
from app.domain.codes import default_codes_folder
from app.domain.renovation import default_catalogue_path
from app.domain.settings import default_settings_path
from app.exports.templates import exports_folder
from app.forms.loader import forms_folder
from app.printing.fonts import font_path

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("app", "ui", "sync", "bench")
FOLDER_NAMES = {resources.FOLDER, resources.PACKAGE}


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings (they may name resources/ freely)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def resource_path_builders(path: Path) -> list[str]:
    """Lines of `path` that name the resources folder or sys._MEIPASS in code."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    docstrings = _docstrings(tree)
    name = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    found = []
    for node in ast.walk(tree):
        where = f"{name}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings:
                continue
            first = node.value.replace("\\", "/").split("/")[0]
            if first in FOLDER_NAMES or node.value == "_MEIPASS":
                found.append(f"{where}: {node.value!r}")
        elif isinstance(node, ast.Attribute) and node.attr == "_MEIPASS":
            found.append(f"{where}: ._MEIPASS")
    return found


def test_no_module_but_one_builds_the_resources_path() -> None:
    files = [p for top in SCANNED for p in sorted((ROOT / top).rglob("*.py"))]
    assert len(files) > 100
    offenders = [
        line
        for path in files
        if path != ROOT / "app" / "resources.py"
        for line in resource_path_builders(path)
    ]
    assert offenders == [], "use app.resources.path(...) instead:\n" + "\n".join(offenders)


def test_the_walk_sees_each_way_of_building_the_path(tmp_path: Path) -> None:
    """The check itself: each form the nine old places used is caught."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        '"""A docstring may say resources/forms."""\n'
        "import sys\n"
        'a = getattr(sys, "_MEIPASS", None)\n'
        "b = sys._MEIPASS\n"
        'c = base / "resources" / "forms"\n'
        'd = base / "resources/fonts"\n',
        encoding="utf-8",
    )
    found = resource_path_builders(sample)
    assert sorted(line.split(":", 1)[1] for line in found) == [
        "3: '_MEIPASS'",
        "4: ._MEIPASS",
        "5: 'resources'",
        "6: 'resources/fonts'",
    ]


def test_every_shipped_file_lookup_goes_through_the_root(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """In a bundle, every lookup lands in the bundle's folder."""
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    inside = tmp_path / "resources"
    from ui.fonts import fonts_folder
    from ui.i18n import translations_folder
    from ui.style_sheet import theme_folder

    for found in (
        default_areas_path(),
        default_codes_folder(),
        default_catalogue_path(),
        default_settings_path(),
        exports_folder(),
        forms_folder(),
        font_path(),
        fonts_folder(),
        translations_folder(),
        theme_folder(),
    ):
        assert found.is_relative_to(inside), found


def test_source_tree_root_holds_the_resources() -> None:
    assert resources.root() == ROOT / "resources"
    assert resources.path("forms").is_dir()


def test_installed_wheel_layout_is_found(tmp_path: Path) -> None:
    """A wheel puts `fieldvisit_resources` beside `app`: the root is that folder."""
    site = tmp_path / "site-packages"
    (site / "app").mkdir(parents=True)
    (site / resources.PACKAGE / "forms").mkdir(parents=True)
    copy = site / "app" / "resources.py"
    copy.write_text(Path(resources.__file__).read_text(encoding="utf-8"), encoding="utf-8")
    namespace: dict[str, object] = {"__file__": str(copy), "__name__": "app.resources_copy"}
    exec(compile(copy.read_text(encoding="utf-8"), str(copy), "exec"), namespace)
    root = namespace["root"]
    assert callable(root)
    assert root() == site / resources.PACKAGE
