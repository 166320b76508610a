"""The package's extras: the server installs without Qt, and every import is declared.

The desktop program and the server are extras of one package (`fieldvisit[desktop]`,
`fieldvisit[server]`, `[postgres]`). What the server runs (app/, sync/server/, the sync
protocol) must import nothing of the desktop extra, and every third-party module any part
imports must come from a distribution that part's extras declare.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from tests.test_layering import imported_modules

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
OURS = {"app", "ui", "sync", "tests", "bench", "packaging"}
#: the files each installation runs
SERVER_FILES = [
    *sorted((ROOT / "app").rglob("*.py")),
    *sorted((ROOT / "sync" / "server").rglob("*.py")),
    ROOT / "sync" / "protocol.py",
]
DESKTOP_FILES = [*SERVER_FILES, *sorted((ROOT / "ui").rglob("*.py")), *(ROOT / "sync").glob("*.py")]


def _names(requirements: list[str]) -> set[str]:
    """Distribution names of requirement strings, normalised ("PySide6-Essentials>=6" ...)."""
    found = set()
    for requirement in requirements:
        name = re.match(r"[A-Za-z0-9._-]+", requirement)
        assert name, requirement
        found.add(re.sub(r"[-_.]+", "-", name.group(0)).lower())
    return found


def declared(*extras: str) -> set[str]:
    project = PYPROJECT["project"]
    names = _names(project["dependencies"])
    for extra in extras:
        names |= _names(project["optional-dependencies"][extra])
    return names


def third_party(files: list[Path]) -> dict[str, str]:
    """Top-level modules imported by `files` that are not ours nor the standard library,
    each with a file that imports it."""
    found: dict[str, str] = {}
    for path in files:
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top in OURS or top in sys.stdlib_module_names or top == "__future__":
                continue
            found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def _distribution(module: str) -> set[str]:
    return {
        re.sub(r"[-_.]+", "-", name).lower() for name in packages_distributions().get(module, [])
    }


def test_the_desktop_extra_alone_brings_qt_and_the_sync_client() -> None:
    core = declared()
    assert not core & {"pyside6-essentials", "requests", "fastapi", "uvicorn", "psycopg"}
    assert {"pyside6-essentials", "requests"} <= declared("desktop")
    assert {"fastapi", "uvicorn"} <= declared("server")
    assert "psycopg" in declared("postgres")
    assert "fieldvisit-server" in PYPROJECT["project"]["scripts"]


def test_every_module_the_server_imports_is_declared_by_the_core_or_its_extras() -> None:
    allowed = declared("server", "postgres")
    missing = {
        f"{module} ({where})": sorted(_distribution(module))
        for module, where in third_party(SERVER_FILES).items()
        if not _distribution(module) & allowed
    }
    assert missing == {}


def test_every_module_the_program_imports_is_declared_by_the_core_or_the_desktop_extra() -> None:
    allowed = declared("desktop")
    program_files = [p for p in DESKTOP_FILES if "server" not in p.relative_to(ROOT).parts]
    missing = {
        f"{module} ({where})": sorted(_distribution(module))
        for module, where in third_party(program_files).items()
        if not _distribution(module) & allowed
    }
    assert missing == {}


def test_the_server_runs_with_qt_and_requests_unimportable() -> None:
    """Import every module the server runs, and build its app, in a Python that cannot
    import PySide6, shiboken6 or requests (as after `pip install fieldvisit[server]`)."""
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for path in SERVER_FILES
        if "migrations" not in path.parts or path.name == "__init__.py"
    ]
    script = f"""
import importlib, importlib.abc, sys
class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "requests"):
            raise ImportError("not installed with the server: " + name)
        return None
sys.meta_path.insert(0, Refuse())
for name in {modules!r}:
    importlib.import_module(name)
from sync.server.app import create_app
print("imported", len({modules!r}))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("imported")


def test_the_systemd_unit_runs_commands_the_server_has() -> None:
    """The example unit's command lines parse with the server's own argument parser."""
    import shlex

    from sync.server.__main__ import _parser

    unit = (ROOT / "packaging" / "server" / "fieldvisit-server.service").read_text("utf-8")
    unit = unit.replace("\\\n", " ")
    commands = [line.split("=", 1)[1] for line in unit.splitlines() if line.startswith("Exec")]
    assert len(commands) == 2
    for command in commands:
        program, *args = shlex.split(command)
        assert program.endswith("/fieldvisit-server")
        parsed = _parser().parse_args(args)
        assert parsed.command in {"init", "serve"}
    proxy = (ROOT / "packaging" / "server" / "nginx-fieldvisit.conf").read_text("utf-8")
    assert "proxy_pass http://127.0.0.1:8765;" in proxy and "X-Forwarded-For" in proxy
    from sync.protocol import MAX_BLOB_BYTES

    assert f"client_max_body_size {MAX_BLOB_BYTES // 2**20 + 1}m;" in proxy
